use desk_runtime::prelude::*;

#[desk_widget(location = "desk.bottomband")]
struct Panel;

trait Handlers {}

#[desk_widget(location = "desk.bottomband")]
impl Handlers for Panel {}

fn main() {}
