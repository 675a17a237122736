//! `translations` names the folder of the locales' files: without `locales` it would read
//! nothing, and is refused at the folder, saying what to add.

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
    name: "Call Tools",
    translations: "translations/good",
    widgets: { "Call Panel": Panel },
}

fn main() {
    let _ = &EXTENSION;
}
