//! A key nothing uses is rustc's dead-code warning, at the locales (an error here, denied).

#![deny(dead_code)]

use desk_runtime::prelude::*;

#[derive(Default)]
pub struct Bar {
    text: Translations,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {}

impl Page for Bar {
    fn render(&self) -> String {
        self.text.calls_taken(3)
    }
}

desk_runtime::extension! {
    name: "Calls",
    locales: ["en", "fr"],
    translations: "translations/good",
    widgets: { "Bar": Bar },
}

fn main() {}
