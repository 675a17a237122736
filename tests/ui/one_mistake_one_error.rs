//! A widget with one misspelt event still exists for the rest of the crate: the only error is
//! the misspelling. `main` uses the widget as the rest of a crate would; it never runs (a
//! compile-fail case is only compiled): `pass/one_mistake_left_out.rs` runs the widget that
//! remains, and `desk-codegen/tests/expand.rs` checks that it is this one's expansion.

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
    let _ = desk.fire_sample("call.ringing");
    desk.widget_mut().status();
    let _: usize = desk.widget().calls();
}
