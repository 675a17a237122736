//! A telephony extension of three widgets, declared once with [`desk_runtime::extension!`]:
//!
//! - [`CallAssistant`], in the ticket detail page's right panel: it pops the caller's details
//!   when a call rings, shows the conversation while it lasts, logs completed calls against the
//!   ticket, and refuses ticket priorities it does not know;
//! - [`CallBar`], the telephony bar (`desk.extension.telephony`), which talks back to Desk: it
//!   reads the agent and the ticket when it loads, looks callers up in a CRM through the
//!   platform's proxy, and writes each call into the ticket;
//! - [`CallHistory`], a ticket detail subtab: the calls completed and the ticket's statuses.
//!
//! Natively they run on the simulated Desk (`cargo run --example telephony`); compiled to
//! WebAssembly, each is a page of the package `cargo xtask package` ships, and each page mounts
//! its own widget.

use desk_runtime::events::{
    CallAnswered, CallCompleted, CallRinging, CallType, TicketPriorityChanged, TicketStatusChanged,
};
use desk_runtime::html::escape;
use desk_runtime::prelude::*;
use serde::{Deserialize, Serialize};
use std::fmt;

mod bar;
mod confirm;
mod history;

pub use bar::{CRM_CONTACTS, CallBar, CrmContact, Settings};
pub use confirm::{CallDetails, ConfirmLog};
pub use history::CallHistory;

// Each page's module holds its own widget alone: `cargo desk build` compiles the crate once per
// page (`cargo xtask sizes` measures each).
desk_runtime::extension! {
    name: "Call Tools",
    // The CRM the telephony bar looks callers up in (`bar::CRM_CONTACTS`).
    whitelisted_domains: ["https://crm.example.com"],
    // Its address and API key, set by the admin at install (`bar::Settings`).
    config: Settings,
    // The bar's texts, `translations/en.json` and `fr.json`, checked at compile time.
    locales: ["en", "fr"],
    widgets: {
        "Call Assistant": CallAssistant,
        "Call Bar": CallBar,
        "Call History": CallHistory,
    },
    // Asks the agent whether to log a completed call (opened by the bar).
    modals: { "Confirm Call Log": ConfirmLog },
}

/// The caller the telephony bar found in the CRM, sent to the ticket's call assistant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Message)]
#[message(name = "calltools.caller_found")]
pub struct CallerFound {
    /// The number that rang.
    pub number: String,
    /// The contact's name in the CRM.
    pub name: String,
    /// Their open tickets in the CRM.
    pub open_tickets: Vec<String>,
}

/// What the panel shows.
#[derive(Default)]
pub struct CallAssistant {
    /// What the telephony bar found in the CRM about the caller.
    crm: Option<CallerFound>,
    /// The call in progress, if any.
    current: Option<Call>,
    /// Calls completed while the ticket was open.
    log: Vec<String>,
    status: Option<String>,
    priority: Option<String>,
}

/// A call as the panel shows it.
struct Call {
    number: String,
    contact: String,
    inbound: bool,
    answered: bool,
}

/// Why the panel refused an event.
#[derive(Debug)]
pub struct UnknownPriority(String);

impl fmt::Display for UnknownPriority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown priority `{}` (expected Low, Medium or High)",
            self.0
        )
    }
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl CallAssistant {
    #[on_message]
    fn caller_found(&mut self, found: CallerFound) {
        self.crm = Some(found);
    }

    #[on("call.ringing")]
    fn ringing(&mut self, call: CallRinging) {
        self.current = Some(Call {
            number: call.number,
            contact: call.entity_name,
            inbound: call.call_type == CallType::Inbound,
            answered: false,
        });
    }

    #[on("call.answered")]
    fn answered(&mut self, call: CallAnswered) {
        let current = self.current.get_or_insert_with(|| Call {
            number: call.number,
            contact: call.entity_name,
            inbound: call.call_type == CallType::Inbound,
            answered: false,
        });
        current.answered = true;
    }

    #[on("call.completed")]
    fn completed(&mut self, call: CallCompleted) {
        let finished = self.current.take();
        let contact = finished.map_or(call.entity_name, |c| c.contact);
        let activity = call.activity_id.unwrap_or_else(|| "no activity".to_owned());
        self.log
            .push(format!("call with {contact} logged as activity {activity}"));
    }

    #[on("ticket_status.changed")]
    fn status(&mut self, change: TicketStatusChanged) {
        self.status = Some(change.status);
    }

    #[on("ticket_priority.changed")]
    fn priority(&mut self, change: TicketPriorityChanged) -> Result<(), UnknownPriority> {
        match change.priority.as_str() {
            "Low" | "Medium" | "High" => {
                self.priority = Some(change.priority);
                Ok(())
            }
            _ => Err(UnknownPriority(change.priority)),
        }
    }

    /// The panel as text lines.
    pub fn lines(&self) -> Vec<String> {
        let status = self.status.as_deref().unwrap_or("-");
        let priority = self.priority.as_deref().unwrap_or("-");
        let mut lines = vec![format!("ticket: status {status}, priority {priority}")];
        lines.push(match &self.current {
            Some(call) => format!(
                "on the line: {} {} {} ({})",
                if call.answered { "talking" } else { "ringing" },
                if call.inbound { "from" } else { "to" },
                call.contact,
                if call.number.is_empty() {
                    "no number"
                } else {
                    &call.number
                },
            ),
            None => "no call".to_owned(),
        });
        if let Some(found) = &self.crm {
            let mut line = format!("CRM: {} ({})", found.name, found.number);
            if !found.open_tickets.is_empty() {
                line += ", open: ";
                line += &found.open_tickets.join("; ");
            }
            lines.push(line);
        }
        lines.extend(self.log.iter().cloned());
        lines
    }
}

impl Page for CallAssistant {
    /// The panel as HTML: one paragraph per line, every value from Desk escaped.
    fn render(&self) -> String {
        paragraphs(&self.lines())
    }
}

/// One `<p>` per line, escaped: how the three widgets show their lines.
fn paragraphs(lines: &[String]) -> String {
    let mut html = String::new();
    for line in lines {
        html += "<p>";
        html += &escape(line);
        html += "</p>";
    }
    html
}

impl fmt::Display for CallAssistant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines() {
            writeln!(f, "  | {line}")?;
        }
        Ok(())
    }
}
