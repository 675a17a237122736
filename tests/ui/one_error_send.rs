//! One mistake, one error: a message sent to a widget that does not handle it.

use desk_runtime::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Message)]
#[message(name = "calls.caller_found")]
pub struct CallerFound {
    pub name: String,
}

#[derive(Default)]
pub struct Bar;

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
        desk.send::<History>(CallerFound { name: "Ada".into() }).await?;
        Ok(())
    }
}

#[derive(Default)]
pub struct History;

#[desk_widget(location = "desk.ticket.detail.subtab")]
impl History {}

impl Page for Bar {
    fn render(&self) -> String {
        String::new()
    }
}

impl Page for History {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Calls",
    widgets: { "Bar": Bar, "History": History },
}

fn main() {}
