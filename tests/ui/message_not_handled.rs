//! A message compiles only to a widget type that handles it.

use desk_runtime::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Message)]
#[message(name = "calls.caller")]
pub struct Caller {
    pub name: String,
}

// A message may not take the name of a Desk event.
#[derive(Serialize, Deserialize, Message)]
#[message(name = "call.ringing")]
pub struct Ringing;

#[derive(Default)]
pub struct Bar;

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) {
        // `History` has no `#[on_message]` handler taking `Caller`.
        let _ = desk.send::<History>(Caller { name: "Ada".into() }).await;
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
