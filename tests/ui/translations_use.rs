//! A key no locale has is no method, a text takes exactly its placeholders, and a key nothing
//! uses is a warning at the locales.

use desk_runtime::prelude::*;

#[derive(Default)]
pub struct Bar {
    text: Translations,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {}

impl Page for Bar {
    fn render(&self) -> String {
        let missed = self.text.calls_missed(3);
        let taken = self.text.calls_taken();
        missed + &taken
    }
}

desk_runtime::extension! {
    name: "Calls",
    locales: ["en", "fr"],
    translations: "translations/good",
    widgets: { "Bar": Bar },
}

fn main() {}
