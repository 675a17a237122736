//! A secure parameter's `Secret` goes into a request and nowhere else: it cannot be displayed,
//! rendered, notified, stored or sent in a message.

use desk_runtime::config::{DeskConfig, Secret};
use desk_runtime::desk::{Entry, Notification};
use desk_runtime::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(DeskConfig)]
pub struct Settings {
    /// API key
    crm_key: Secret,
}

#[derive(Serialize, Deserialize, Message)]
#[message(name = "calls.key")]
pub struct Leak {
    key: Secret,
}

#[derive(Default)]
pub struct Bar {
    key: Option<Secret>,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
        let settings = desk.config::<Settings>().await?;
        let shown = format!("key: {}", settings.crm_key);
        let notification = Notification { content: settings.crm_key.into(), ..Notification::default() };
        let entry = Entry { key: "key".into(), value: serde_json::json!(settings.crm_key), queriable_value: None };
        let text: String = ("Bearer " + &settings.crm_key).into();
        Ok(())
    }
}

impl Page for Bar {
    fn render(&self) -> String {
        self.key.map(|key| key.to_string()).unwrap_or_default()
    }
}

desk_runtime::extension! {
    name: "Calls",
    config: Settings,
    widgets: { "Bar": Bar },
}

fn main() {}
