//! The public contract, exactly as the core issue states it.

use desk_runtime::events::{CallRinging, TicketStatusChanged};
use desk_runtime::prelude::*;

#[derive(Default)]
pub struct CallPanel {
    calls: Vec<String>,
    status: Option<String>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl CallPanel {
    #[on("call.ringing")]
    fn ringing(&mut self, call: CallRinging) {
        self.calls.push(call.number);
    }

    #[on("ticket_status.changed")]
    fn status(&mut self, change: TicketStatusChanged) {
        self.status = Some(change.status);
    }

    #[on("modal.closed")]
    fn closed(&self) {}
}

fn main() {
    let mut desk = desk_runtime::sim::SimulatedDesk::mount(CallPanel::default());
    desk.fire("ticket_status.changed", r#"{"ticket.status": "Open"}"#)
        .unwrap();
    assert_eq!(desk.widget().status.as_deref(), Some("Open"));
    assert!(desk.widget().calls.is_empty());
    assert_eq!(
        CallPanel::SUBSCRIPTIONS,
        ["call.ringing", "ticket_status.changed", "modal.closed"]
    );
}
