//! In the bottom band, a product-level location: the properties (a ticket's are refused while
//! no ticket is open), and the message the ticket's panel sends.

use crate::properties::{Expect, read_anywhere};
use crate::report::{Outcome, Report};
use crate::{Ping, ROUND_TRIP};
use desk_runtime::prelude::*;

/// The message's row.
const MESSAGE: &str = "a message between two widgets (Ping)";

/// What the message's row expects.
const MESSAGE_EXPECTED: &str = "the ticket panel's Ping arrives, its text unchanged";

/// The bottom band's widget.
#[derive(Debug, Default)]
pub struct BandChecks {
    report: Report,
}

#[desk_widget(location = "desk.bottomband")]
impl BandChecks {
    #[on("extension.onload")]
    async fn loaded(&mut self, desk: &Desk<Self>) {
        let report = &mut self.report;
        if !report.rows().iter().any(|row| row.assumption == MESSAGE) {
            report.wait(
                MESSAGE,
                MESSAGE_EXPECTED,
                "waiting: open a ticket (its Ticket Checks panel sends it)",
            );
        }
        read_anywhere(desk, report).await;
        crate::read_ticket_properties!(desk, report, Expect::ValueOrRefusal);
    }

    #[on_message]
    fn ping(&mut self, ping: Ping) {
        let outcome = Outcome::of(ping.text == ROUND_TRIP);
        self.report
            .record(MESSAGE, MESSAGE_EXPECTED, &ping.text, outcome);
    }
}

impl BandChecks {
    /// The rows checked so far.
    #[must_use]
    pub fn report(&self) -> &Report {
        &self.report
    }
}

impl Page for BandChecks {
    fn render(&self) -> String {
        self.report.render()
    }
}
