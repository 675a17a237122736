//! What `one_mistake_one_error.rs` asserted in a `main` that never ran (a compile-fail case is
//! only compiled), run here: the widget that remains when its misspelt handler is left out
//! (`desk-codegen/tests/expand.rs` checks that it is the same expansion). The valid handler
//! dispatches, the method that was meant as a handler is an ordinary method, still callable,
//! and the misspelt event is not subscribed to.

use desk_runtime::DispatchError;
use desk_runtime::events::CallRinging;
use desk_runtime::prelude::*;
use desk_runtime::samples::sample;
use desk_runtime::sim::SimulatedDesk;

#[derive(Default)]
struct Panel {
    calls: usize,
    statuses: usize,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on("call.ringing")]
    fn ringing(&mut self, _call: CallRinging) {
        self.calls += 1;
    }

    // `#[on("ticket_status.chnaged")]` in `one_mistake_one_error.rs`: refused, left out.
    fn status(&mut self) {
        self.statuses += 1;
    }

    fn calls(&self) -> usize {
        self.calls
    }
}

fn main() {
    assert_eq!(Panel::SUBSCRIPTIONS, ["call.ringing"]);

    let mut desk = SimulatedDesk::mount(Panel::default());
    desk.fire_sample("call.ringing").unwrap();
    desk.widget_mut().status();
    assert_eq!(desk.widget().calls(), 1);
    assert_eq!(desk.widget().statuses, 1);

    // Neither the misspelt name nor the event it meant reaches `status`.
    let mut panel = Panel::default();
    let status = sample("ticket_status.changed").expect("a sample");
    for event in ["ticket_status.chnaged", "ticket_status.changed"] {
        assert!(
            matches!(
                panel.dispatch(event, &status, &Desk::detached()).done(),
                Some(Err(DispatchError::NotSubscribed { .. }))
            ),
            "{event}"
        );
    }
    assert_eq!(panel.statuses, 0);
}
