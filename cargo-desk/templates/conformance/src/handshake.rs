//! The modal the telephony bar opens: it checks the input it gets, and closes with it.

use crate::ROUND_TRIP;
use crate::report::{Outcome, Report};
use desk_runtime::HostError;
use desk_runtime::prelude::*;

/// The modal: its input is text, its result the same text.
#[derive(Debug, Default)]
pub struct HandshakeCheck {
    report: Report,
}

#[desk_widget(modal, output = String)]
impl HandshakeCheck {
    #[on_open]
    async fn open(&mut self, input: String, desk: &Desk<Self>) -> Result<(), HostError> {
        self.report.record(
            "a modal's input (the opener's, after the modal said it is ready)",
            "the opener's text, unchanged",
            &input,
            Outcome::of(input == ROUND_TRIP),
        );
        desk.close_modal(input).await
    }
}

impl Page for HandshakeCheck {
    fn render(&self) -> String {
        self.report.render()
    }
}
