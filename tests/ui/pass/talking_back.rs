//! What a widget that talks back may write: `async` handlers with `&self` or `&mut self`, the
//! host's handle in either position, the mount handler with the `App`, and the calls that work
//! at the widget's location (ticket data, `ROUTE_TO`, storage, requests).
#![deny(warnings)]

use desk_runtime::desk::property::{TicketComment, TicketEmail, UserFullName};
use desk_runtime::desk::{Entry, Request, Route};
use desk_runtime::events::CallRinging;
use desk_runtime::prelude::*;
use desk_runtime::HostError;

#[derive(Default)]
pub struct Bar {
    agent: String,
    seen: usize,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    #[on("extension.onload")]
    async fn loaded(&mut self, app: App, desk: &Desk<Self>) -> Result<(), HostError> {
        self.agent = desk.get::<UserFullName>().await?;
        let _ = app.locale;
        Ok(())
    }

    #[on("call.ringing")]
    async fn ringing(&self, desk: &Desk<Self>, call: CallRinging) {
        let _ = desk.get::<TicketEmail>().await;
        let _ = desk.set(TicketComment(call.number)).await;
        let _ = desk.route_to(Route::Page("ticket.addForm".to_owned())).await;
        let _ = desk.request(Request::get("https://crm.example.com/calls")).await;
        let _ = desk.storage().set(&[] as &[Entry]).await;
    }

    #[on("call.answered")]
    fn answered(&mut self, desk: &Desk<Self>) {
        self.seen += desk.app().locale.len();
    }
}

impl Page for Bar {
    fn render(&self) -> String {
        format!("{} {}", self.agent, self.seen)
    }
}

desk_runtime::extension! {
    name: "Tools",
    storage: true,
    whitelisted_domains: ["https://crm.example.com"],
    widgets: { "Bar": Bar },
}

fn main() {
    let mut desk = desk_runtime::sim::SimulatedDesk::new(Bar::default());
    desk.set_data("user.fullName", desk_runtime::json::Value::from("Ada"));
    desk.load().unwrap();
    assert_eq!(desk.page(), "Ada 0");
}
