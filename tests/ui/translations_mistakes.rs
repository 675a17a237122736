//! Translation files that disagree are refused at the locale: a key one locale lacks, a
//! placeholder a locale leaves out or adds, a locale the toolkit does not know, a file that is
//! missing or not one object of strings.

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
    locales: ["en", "fr", "de", "es", "klingon"],
    translations: "translations/broken",
    widgets: { "Bar": Bar },
}

fn main() {}
