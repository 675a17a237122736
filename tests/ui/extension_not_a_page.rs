//! A widget of an extension has a page: a `#[desk_widget]` type without `impl Page`, and a type
//! that is not a widget at all, are refused at the type.

use desk_runtime::prelude::*;

#[derive(Default)]
pub struct NoPage;

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl NoPage {}

#[derive(Default)]
pub struct NotAWidget;

desk_runtime::extension! {
    name: "Tools",
    widgets: { "No Page": NoPage, "Not a widget": NotAWidget },
}

fn main() {}
