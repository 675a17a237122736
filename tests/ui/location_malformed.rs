use desk_runtime::prelude::*;

const LOCATION: &str = "desk.bottomband";

struct NotALiteral;

#[desk_widget(location = LOCATION)]
impl NotALiteral {}

struct Positional;

#[desk_widget("desk.bottomband")]
impl Positional {}

struct Twice;

#[desk_widget(location = "desk.bottomband", location = "desk.background")]
impl Twice {}

struct UnknownKey;

#[desk_widget(location = "desk.bottomband", title = "Calls")]
impl UnknownKey {}

struct NoValue;

#[desk_widget(location)]
impl NoValue {}

fn main() {}
