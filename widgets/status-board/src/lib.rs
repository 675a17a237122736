//! The guide's extension of two widgets (`docs/guide/05-several-widgets.md`), kept here so that
//! it is built, tested, packaged and loaded in a browser like every other widget.
//! `tests/readme.rs` checks that the guide shows this file as it is.

use desk_runtime::events::{CallRinging, TicketStatusChanged};
use desk_runtime::html::escape;
use desk_runtime::prelude::*;

/// A ticket's statuses, in a subtab of the ticket.
#[derive(Default)]
pub struct StatusBoard {
    history: Vec<String>,
}

#[desk_widget(location = "desk.ticket.detail.subtab")]
impl StatusBoard {
    #[on("ticket_status.changed")]
    fn changed(&mut self, change: TicketStatusChanged) {
        self.history.push(change.status);
    }
}

impl Page for StatusBoard {
    fn render(&self) -> String {
        // Everything from Desk is escaped before it goes into the page.
        let mut html = String::from("<ul>");
        for status in &self.history {
            html += "<li>";
            html += &escape(status);
            html += "</li>";
        }
        html + "</ul>"
    }
}

/// The calls that rang while the ticket was open, in its right panel.
#[derive(Default)]
pub struct CallLog {
    callers: Vec<String>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl CallLog {
    #[on("call.ringing")]
    fn ringing(&mut self, call: CallRinging) {
        self.callers
            .push(format!("{} ({})", call.entity_name, call.number));
    }
}

impl Page for CallLog {
    fn render(&self) -> String {
        let mut html = format!("<p>{} calls</p>", self.callers.len());
        for caller in &self.callers {
            html += "<p>";
            html += &escape(caller);
            html += "</p>";
        }
        html
    }
}

// The extension, declared once: the manifest, the pages and the module's entries all come
// from here, so each page mounts exactly its own widget.
desk_runtime::extension! {
    name: "Status Board",
    widgets: {
        "Status Board": StatusBoard,
        "Call Log": CallLog,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use desk_runtime::sim::SimulatedDesk;

    #[test]
    fn the_board_shows_each_status() {
        let mut desk = SimulatedDesk::mount(StatusBoard::default());
        desk.fire_sample("ticket_status.changed").unwrap();
        assert_eq!(desk.page(), "<ul><li>Open</li></ul>");
    }

    #[test]
    fn the_log_shows_each_caller() {
        let mut desk = SimulatedDesk::mount(CallLog::default());
        desk.fire_sample("call.ringing").unwrap();
        assert_eq!(desk.page(), "<p>1 calls</p><p>new contact (9837650000)</p>");
    }
}
