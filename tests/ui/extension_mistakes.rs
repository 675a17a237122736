//! Every mistake in an extension's declaration, each reported at its token, in one compile.

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

#[derive(Default)]
pub struct Third;

#[desk_widget(location = "desk.topband")]
impl Third {}

impl Page for Third {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Call Tools",
    storrage: true,
    whitelisted_domains: ["crm.example.com", "https://api.example.com"],
    config: [
        { name: "api key!", type: "password" },
        { name: "region", user_defined: true },
    ],
    connectors: [{ connection_name: "crm", service_name: "crm" }],
    widgets: {
        "Call Panel": Panel,
        "call-panel": Other,
        "2nd Panel": Third,
        "Again": Panel,
    },
}

fn main() {
    let _ = &EXTENSION;
}
