//! A ticket subtab: the calls completed while the ticket was open, and its statuses.

use crate::paragraphs;
use desk_runtime::events::{CallCompleted, TicketStatusChanged};
use desk_runtime::prelude::*;

/// The widget in the ticket's subtab.
#[derive(Debug, Default)]
pub struct CallHistory {
    entries: Vec<String>,
}

#[desk_widget(location = "desk.ticket.detail.subtab")]
impl CallHistory {
    #[on("call.completed")]
    fn completed(&mut self, call: CallCompleted) {
        let ticket = call.case_number.as_deref().unwrap_or("no ticket");
        self.entries
            .push(format!("call with {} (#{ticket})", call.entity_name));
    }

    #[on("ticket_status.changed")]
    fn status(&mut self, change: TicketStatusChanged) {
        self.entries.push(format!("status: {}", change.status));
    }

    /// A modal of the extension closed: `modal.closed` carries no data.
    #[on("modal.closed")]
    fn modal_closed(&mut self) {
        self.entries.push("a modal closed".to_owned());
    }

    /// The history, oldest first.
    pub fn lines(&self) -> Vec<String> {
        if self.entries.is_empty() {
            vec!["nothing yet".to_owned()]
        } else {
            self.entries.clone()
        }
    }
}

impl Page for CallHistory {
    fn render(&self) -> String {
        paragraphs(&self.lines())
    }
}
