//! A known key written as a string, `"name": "..."`, is one error at it (write it without
//! quotes), and read as the key it spells: `name` is not then reported missing.

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

desk_runtime::extension! {
    "name": "Call Tools",
    widgets: { "Call Panel": Panel },
}

fn main() {
    let _ = &EXTENSION;
}
