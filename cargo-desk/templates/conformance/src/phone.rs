//! In the telephony bar: the properties (a ticket's are refused while no ticket is open), a
//! notification, and, once the agent presses its button, a modal's handshake and a
//! confirmation they answer.

use crate::properties::{Expect, read_anywhere};
use crate::report::Report;
use crate::{HandshakeCheck, ROUND_TRIP};
use desk_runtime::HostError;
use desk_runtime::desk::{Icon, Limit, Notification, Popup};
use desk_runtime::prelude::*;

/// The modal's row.
const MODAL: &str = "open_modal::<HandshakeCheck>: the handshake";
const MODAL_EXPECTED: &str =
    "the modal says it is ready, gets its input, and closes with it: Some(input)";

/// The confirmation's row.
const CONFIRM: &str = "confirm (showpopup, confirmation)";
const CONFIRM_EXPECTED: &str = "true once the agent presses OK";

/// The telephony bar's widget.
#[derive(Debug, Default)]
pub struct PhoneChecks {
    report: Report,
}

#[desk_widget(location = "desk.extension.telephony")]
impl PhoneChecks {
    #[on("extension.onload")]
    async fn loaded(&mut self, desk: &Desk<Self>) {
        let report = &mut self.report;
        read_anywhere(desk, report).await;
        crate::read_ticket_properties!(desk, report, Expect::ValueOrRefusal);
        // A title at the platform's limit is shown; one over it is refused before any call.
        for (characters, expected) in [
            (255, "shown, with a title of 255 characters"),
            (256, "refused before any call: Limit::NotificationTitle"),
        ] {
            let notification = Notification {
                title: Some("t".repeat(characters)),
                content: format!("desk-widgets conformance: {ROUND_TRIP}"),
                icon: Icon::Success,
            };
            let shown = desk.notify(notification).await;
            report.check(
                &format!("notify, a title of {characters} characters"),
                expected,
                &shown,
                |shown| match characters {
                    255 => shown.is_ok(),
                    _ => matches!(
                        shown,
                        Err(HostError::Limit(Limit::NotificationTitle { .. }))
                    ),
                },
            );
        }
        report.wait(MODAL, MODAL_EXPECTED, "waiting: press the button below");
        report.wait(CONFIRM, CONFIRM_EXPECTED, "waiting: press the button below");
    }

    /// A modal and a popup on the agent's screen: when they ask for them.
    #[on_click("dialogs")]
    async fn dialogs(&mut self, desk: &Desk<Self>) {
        let report = &mut self.report;
        let answered = desk
            .open_modal::<HandshakeCheck>(ROUND_TRIP.to_owned())
            .await;
        report.check(
            MODAL,
            MODAL_EXPECTED,
            &answered,
            |answered| matches!(answered, Ok(Some(text)) if text == ROUND_TRIP),
        );
        let popup = Popup {
            title: "desk-widgets conformance".to_owned(),
            content: "Press OK: this checks what a confirmation answers.".to_owned(),
            ..Popup::default()
        };
        let confirmed = desk.confirm(popup).await;
        report.check(CONFIRM, CONFIRM_EXPECTED, &confirmed, |confirmed| {
            matches!(confirmed, Ok(true))
        });
    }
}

impl PhoneChecks {
    /// The rows checked so far.
    #[must_use]
    pub fn report(&self) -> &Report {
        &self.report
    }
}

impl Page for PhoneChecks {
    fn render(&self) -> String {
        self.report.render()
            + "<button data-click=\"dialogs\">Check a modal and a confirmation</button>"
    }
}
