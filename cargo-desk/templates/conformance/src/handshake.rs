//! The modal the telephony bar opens: it checks the input it gets, and closes with it.

use crate::ROUND_TRIP;
use crate::report::Report;
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
        let arrived: Result<&str, HostError> = Ok(&input);
        self.report.check(
            "a modal's input (the opener's, after the modal said it is ready)",
            "the opener's text, unchanged",
            &arrived,
            |arrived| matches!(arrived, Ok(text) if *text == ROUND_TRIP),
        );
        desk.close_modal(input).await
    }
}

impl Page for HandshakeCheck {
    fn render(&self) -> String {
        self.report.render()
    }
}
