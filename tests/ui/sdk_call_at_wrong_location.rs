//! Calls the platform ties to some locations do not compile elsewhere: the error is at the
//! call, and names the call and the widget's location.

use desk_runtime::desk::property::{TicketComment, TicketEmail, TicketFormPhone};
use desk_runtime::desk::{Entry, Route};
use desk_runtime::prelude::*;

#[derive(Default)]
pub struct ContactPanel;

#[desk_widget(location = "desk.contact.detail.rightpanel")]
impl ContactPanel {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) {
        let _ = desk.get::<TicketEmail>().await;
        let _ = desk.set(TicketComment("x".to_owned())).await;
        let _ = desk.set(TicketFormPhone("555".to_owned())).await;
        let _ = desk.route_to(Route::Page("ticket.addForm".to_owned())).await;
        let _ = desk.insert_into_reply_editor("<p>hi</p>").await;
        // Not in an extension: no request, no storage.
        let _ = desk.request(desk_runtime::desk::Request::get("https://crm.example.com")).await;
        let _ = desk.storage().set(&[] as &[Entry]).await;
    }
}

// In an extension without storage.
#[derive(Default)]
pub struct Bar;

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) {
        let _ = desk.storage().delete(&desk_runtime::desk::Query::Key("k".to_owned())).await;
    }
}

impl Page for Bar {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Tools",
    widgets: { "Bar": Bar },
}

fn main() {}
