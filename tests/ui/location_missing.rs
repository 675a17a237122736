use desk_runtime::prelude::*;

struct Panel;

#[desk_widget]
impl Panel {}

fn main() {}
