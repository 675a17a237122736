//! A field of a type no configuration parameter can hold is refused at its type; radio buttons
//! hold an enum's choices, a checkbox a `bool`; `extension!` takes a configuration type only.

use desk_runtime::config::DeskConfig;
use desk_runtime::prelude::*;

#[derive(DeskConfig)]
pub struct Settings {
    /// Numbers
    numbers: Vec<String>,
    /// Headers
    headers: Option<std::collections::HashMap<String, String>>,
    /// Region
    #[config(radio)]
    region: String,
    /// Logging
    #[config(checkbox)]
    logging: u32,
}

pub struct NotSettings;

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
    config: NotSettings,
    widgets: { "Bar": Bar },
}

fn main() {}
