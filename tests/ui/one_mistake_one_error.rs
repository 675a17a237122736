//! A widget with one misspelt event still exists for the rest of the crate: the only error is
//! the misspelling.

use desk_runtime::events::CallRinging;
use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedDesk;

#[derive(Default)]
struct Panel {
    calls: usize,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on("call.ringing")]
    fn ringing(&mut self, _call: CallRinging) {
        self.calls += 1;
    }

    #[on("ticket_status.chnaged")]
    fn status(&mut self) {}

    fn calls(&self) -> usize {
        self.calls
    }
}

fn main() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    desk.fire_sample("call.ringing").unwrap();
    desk.widget_mut().status();
    assert_eq!(desk.widget().calls(), 1);
}
