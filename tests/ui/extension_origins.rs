//! Manifest values that reach HTTP headers (Desk's proxy's whitelist, the `Content-Security-
//! Policy` of `cargo desk serve`) must be bare origins: each mistake is reported at its
//! literal, the valid origins beside them are kept.

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
    whitelisted_domains: [
        "https://crm.example.com\r\nX-Injected: 1",
        "https://evil.example.net\\@crm.example.com",
        "https://crm.example.com@evil.example.net",
        "https://crm.example.com/v1",
        "https://*.example.com",
        "ftp://files.example.com",
        "https://api.example.com",
        "https://API.example.com:8443",
    ],
    csp_connect_src: [
        "https://b.example.com;script-src:*",
        "https://b.example.com/;script-src",
        "https://b.example.com; script-src *",
        "https://b.example.com,c.example.com",
        "https://b\"example.com",
        "https://*.example.com",
        "wss://push.example.com",
    ],
    widgets: { "Panel": Panel },
}

fn main() {
    assert_eq!(EXTENSION.whitelisted_domains.len(), 2);
    assert_eq!(EXTENSION.connect_src.len(), 2);
}
