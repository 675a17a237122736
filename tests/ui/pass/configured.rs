//! An extension's configuration as a type: every parameter type, read back, set, and a secret
//! placed into a request.

use desk_runtime::config::{ConfigChoice, DeskConfig, RequestText, Secret};
use desk_runtime::desk::Request;
use desk_runtime::prelude::*;

#[derive(ConfigChoice, Debug)]
pub enum Region {
    Us,
    Eu,
}

#[derive(DeskConfig, Debug)]
pub struct Settings {
    /// CRM address
    ///
    /// Where your [CRM](https://crm.example.com) answers.
    crm_url: String,
    /// API key
    crm_key: Secret,
    /// Backup key
    backup_key: Option<Secret>,
    /// Region
    region: Region,
    /// Regions
    regions: Vec<Region>,
    /// Fallback
    #[config(radio)]
    fallback: Option<Region>,
    /// Logging
    logging: bool,
    /// Audit
    #[config(checkbox, display_name = "Audit log", description = "Keeps a log.")]
    audit: Option<bool>,
    /// Calls
    #[config(userdefined = false, name = "calls-logged")]
    calls: u64,
    /// Ratio
    ratio: Option<f64>,
}

#[derive(Default)]
pub struct Bar;

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
        let settings = desk.config::<Settings>().await?;
        let url = RequestText::from(settings.crm_url.clone()) + "/v1?key=" + &settings.crm_key;
        let mut request = Request::get(url)
            .header("Authorization", "Bearer " + &settings.crm_key)
            .body_field("key", settings.crm_key);
        if let Some(backup) = &settings.backup_key {
            request = request.query("backup", backup);
        }
        desk.request(request).await?;
        desk.set_config(Settings::set_calls(settings.calls + 1)).await?;
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
    whitelisted_domains: ["https://crm.example.com"],
    config: Settings,
    widgets: { "Bar": Bar },
}

fn main() {}
