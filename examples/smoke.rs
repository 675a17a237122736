use desk_runtime::events::{CallRinging, TicketStatusChanged, TicketOwnerChanged};
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
    fn status(&mut self, change: TicketStatusChanged) -> Result<(), String> {
        self.status = Some(change.status);
        Ok(())
    }

    #[on("ticket_owner.changed")]
    fn owner(&mut self, _o: TicketOwnerChanged) {}

    #[on("modal.closed")]
    fn closed(&self) {}
}

fn main() {
    let mut desk = desk_runtime::sim::SimulatedDesk::mount(CallPanel::default());
    for e in CallPanel::SUBSCRIPTIONS {
        println!("{e}: {:?}", desk.fire_sample(e));
    }
    println!("{:?} {:?}", desk.widget().calls, desk.widget().status);
    println!("{:?}", desk.fire("ticket_status.changed", "{\"ticket.status\": 5}"));
}
