//! A placeholder written with spaces, `{ count }`, would never be filled at run time (which
//! fills `{count}` exactly): refused at its locale, saying to write `{count}`. The method still
//! takes `count` once, so nothing more is reported.

use desk_runtime::prelude::*;

#[derive(Default)]
pub struct Bar;

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {}

impl Page for Bar {
    fn render(&self) -> String {
        let text = Translations::default();
        format!("{} {}", text.calls_taken(3), text.calls_none())
    }
}

desk_runtime::extension! {
    name: "Calls",
    locales: ["en", "fr"],
    translations: "translations/spaced",
    widgets: { "Bar": Bar },
}

fn main() {}
