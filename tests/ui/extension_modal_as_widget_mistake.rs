//! A modal listed under `widgets` is refused at its type (the reverse, a widget under
//! `modals`, is refused by `Modal`'s bound): a modal is listed under `modals`.

use desk_runtime::prelude::*;

#[derive(Default)]
pub struct Panel;

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {}

impl Page for Panel {
    fn render(&self) -> String {
        String::new()
    }
}

#[derive(Default)]
pub struct LogCall;

#[desk_widget(modal)]
impl LogCall {}

impl Page for LogCall {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Call Tools",
    widgets: { "Call Panel": Panel, "Log Call": LogCall },
}

fn main() {
    let _ = &EXTENSION;
}
