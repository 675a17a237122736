//! A widget written by hand that lists names twice, which `#[desk_widget]` refuses: both
//! hosts must subscribe each name once (`tests/sim.rs`, `tests/browser.rs`).

use desk_runtime::{Desk, Widget};

/// A widget written by hand that lists a name twice, which `#[desk_widget]` refuses.
#[derive(Default)]
pub struct Repeated {
    pub handled: Vec<String>,
}

impl Widget for Repeated {
    const LOCATION: &'static str = "desk.ticket.detail.rightpanel";
    type Location = desk_runtime::location::desk_ticket_detail_rightpanel;
    const SUBSCRIPTIONS: &'static [&'static str] = &[
        "call.ringing",
        "extension.onload",
        "modal.closed",
        "call.ringing",
        "extension.onload",
    ];

    fn dispatch<'a>(
        &'a mut self,
        event: &'a str,
        _payload: &'a str,
        _desk: &'a Desk<Self>,
    ) -> desk_runtime::Dispatch<'a> {
        self.handled.push(event.to_owned());
        desk_runtime::Dispatch::Done(Ok(None))
    }
}
