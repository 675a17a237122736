//! The extension sets only the parameters with `userdefined = false` (the admin sets the
//! others), and never a secure one: it has no value of it.

use desk_runtime::config::{DeskConfig, Secret};
use desk_runtime::prelude::*;

#[derive(DeskConfig)]
pub struct Settings {
    /// CRM address
    crm_url: String,
    /// API key
    #[config(userdefined = false)]
    crm_key: Secret,
}

#[derive(Default)]
pub struct Bar;

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
        desk.set_config(Settings::set_crm_url("https://crm.example.com".into())).await?;
        desk.set_config(Settings::set_crm_key("k-123".into())).await?;
        Ok(())
    }
}

impl Page for Bar {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Calls",
    config: Settings,
    widgets: { "Bar": Bar },
}

fn main() {}
