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

struct Misspelt;

// One error, with the argument meant: not also "needs the widget's location".
#[desk_widget(locaton = "desk.bottomband")]
impl Misspelt {}

struct Colon;

#[desk_widget(location: "desk.bottomband")]
impl Colon {}

struct Suffixed;

#[desk_widget(location = "desk.bottomband"suffix)]
impl Suffixed {}

struct ModalTwice;

#[desk_widget(modal, modal)]
impl ModalTwice {}

struct ModalValue;

#[desk_widget(modal = true)]
impl ModalValue {}

fn main() {}
