//! Two widgets with one name: refused at the second, saying so.

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
pub struct Other;

#[desk_widget(location = "desk.bottomband")]
impl Other {}

impl Page for Other {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Call Tools",
    widgets: { "Call Panel": Panel, "Call Panel": Other },
}

fn main() {
    let _ = &EXTENSION;
}
