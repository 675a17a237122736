//! The widget's state, its handlers and its rendering: `widgets/telephony/src/lib.rs` without
//! the macro.

use desk_runtime::events::{
    CallAnswered, CallCompleted, CallRinging, CallType, TicketPriorityChanged, TicketStatusChanged,
};
use desk_runtime::html::escape;
use serde::Deserialize;

/// The events the widget subscribes to: the telephony bar's message first.
pub const SUBSCRIPTIONS: [&str; 6] = [
    "calltools.caller_found",
    "call.ringing",
    "call.answered",
    "call.completed",
    "ticket_status.changed",
    "ticket_priority.changed",
];

/// The telephony bar's message: the caller it found in the CRM.
#[derive(Deserialize)]
pub(crate) struct CallerFound {
    number: String,
    name: String,
    open_tickets: Vec<String>,
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

impl CallAssistant {
    pub(crate) fn caller_found(&mut self, found: CallerFound) {
        self.crm = Some(found);
    }

    pub(crate) fn ringing(&mut self, call: CallRinging) {
        self.current = Some(Call {
            number: call.number,
            contact: call.entity_name,
            inbound: call.call_type == CallType::Inbound,
            answered: false,
        });
    }

    pub(crate) fn answered(&mut self, call: CallAnswered) {
        let current = self.current.get_or_insert_with(|| Call {
            number: call.number,
            contact: call.entity_name,
            inbound: call.call_type == CallType::Inbound,
            answered: false,
        });
        current.answered = true;
    }

    pub(crate) fn completed(&mut self, call: CallCompleted) {
        let finished = self.current.take();
        let contact = finished.map_or(call.entity_name, |c| c.contact);
        let activity = call.activity_id.unwrap_or_else(|| "no activity".to_owned());
        self.log
            .push(format!("call with {contact} logged as activity {activity}"));
    }

    pub(crate) fn status(&mut self, change: TicketStatusChanged) {
        self.status = Some(change.status);
    }

    pub(crate) fn priority(&mut self, change: TicketPriorityChanged) -> Result<(), String> {
        match change.priority.as_str() {
            "Low" | "Medium" | "High" => {
                self.priority = Some(change.priority);
                Ok(())
            }
            _ => Err(format!(
                "unknown priority `{}` (expected Low, Medium or High)",
                change.priority
            )),
        }
    }

    /// The panel as text lines.
    fn lines(&self) -> Vec<String> {
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

    /// The panel as HTML for its page: every value from Desk is escaped.
    pub fn render(&self) -> String {
        let mut html = String::new();
        for line in self.lines() {
            html += "<p>";
            html += &escape(&line);
            html += "</p>";
        }
        html
    }
}
