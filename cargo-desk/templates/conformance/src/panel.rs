//! At a ticket's right panel, where every property can be read: the properties, a comment
//! set on the ticket, the service, storage, two hooks and a message to the bottom band.

use crate::properties::{Expect, read_anywhere};
use crate::report::{Outcome, Report};
use crate::{BandChecks, Ping, ROUND_TRIP};
use desk_runtime::desk::property::TicketComment;
use desk_runtime::hook::TicketReply;
use desk_runtime::json::Value;
use desk_runtime::prelude::*;

/// The hooks checked: each row waits until the agent does what the hook guards.
const HOOKS: [(&str, &str); 2] = [
    ("ticket.reply", "send a reply on this ticket"),
    ("ticket.reOpen", "reopen this ticket once it is closed"),
];

/// What a hook's row expects.
const HOOK_EXPECTED: &str = "Desk asks the widget before the action; the action goes ahead";

/// The ticket's panel.
#[derive(Debug, Default)]
pub struct TicketChecks {
    report: Report,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl TicketChecks {
    #[on("extension.onload")]
    async fn loaded(&mut self, desk: &Desk<Self>) {
        let report = &mut self.report;
        for (hook, to_do) in HOOKS {
            report.wait(&hook_row(hook), HOOK_EXPECTED, &format!("waiting: {to_do}"));
        }
        read_anywhere(desk, report).await;
        crate::read_ticket_properties!(desk, report, Expect::Value);
        let comment = TicketComment(format!("desk-widgets conformance: {ROUND_TRIP}"));
        let commented = desk.set(comment).await;
        report.check(
            "set(\"ticket.comment\", {content})",
            "accepted: the comment shows on the ticket",
            &commented,
            Result::is_ok,
        );
        crate::service::check(desk, report).await;
        crate::storage::check(desk, report).await;
        let ping = Ping {
            text: ROUND_TRIP.to_owned(),
        };
        let sent = desk.send::<BandChecks>(ping).await;
        report.check(
            "send::<BandChecks>(Ping)",
            "getWidgets() lists the bottom band, and the message is emitted on its instance",
            &sent,
            Result::is_ok,
        );
    }

    #[hook("ticket.reply", otherwise = allow)]
    fn reply(&mut self, reply: TicketReply) -> Verdict {
        self.asked(
            "ticket.reply",
            &format!("asked, ticket {}", reply.ticket_id),
        )
    }

    #[hook("ticket.reOpen", otherwise = allow)]
    fn reopen(&mut self, _ticket: Value) -> Verdict {
        self.asked("ticket.reOpen", "asked")
    }
}

impl TicketChecks {
    /// Records that Desk asked `hook`, and lets the action go ahead.
    fn asked(&mut self, hook: &str, observed: &str) -> Verdict {
        let row = hook_row(hook);
        self.report
            .record(&row, HOOK_EXPECTED, observed, Outcome::Pass);
        Verdict::Allow
    }

    /// The rows checked so far.
    #[must_use]
    pub fn report(&self) -> &Report {
        &self.report
    }
}

fn hook_row(hook: &str) -> String {
    format!("hook `{hook}` registered and answered")
}

impl Page for TicketChecks {
    fn render(&self) -> String {
        self.report.render()
    }
}
