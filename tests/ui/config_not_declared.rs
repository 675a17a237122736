//! A widget reads the configuration only when its extension declares its type.

use desk_runtime::config::DeskConfig;
use desk_runtime::prelude::*;

#[derive(DeskConfig)]
pub struct Settings {
    /// CRM address
    crm_url: String,
}

#[derive(Default)]
pub struct Bar;

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
        let _ = desk.config::<Settings>().await?;
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
    widgets: { "Bar": Bar },
}

fn main() {}
