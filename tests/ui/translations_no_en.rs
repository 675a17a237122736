//! The toolkit's default locale, `en`, is among the locales.

use desk_runtime::prelude::*;

#[derive(Default)]
pub struct Bar;

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {}

impl Page for Bar {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Calls",
    locales: ["fr"],
    translations: "translations/good",
    widgets: { "Bar": Bar },
}

fn main() {}
