//! The smallest widget worth shipping: one handler, one line of HTML. What a widget that uses
//! few of the library's features costs in module size and start-up (BENCHMARKS.md, section 5).

use desk_runtime::events::TicketStatusChanged;
use desk_runtime::html::escape;
use desk_runtime::prelude::*;

/// The ticket's status, in a subtab of the ticket.
#[derive(Default)]
pub struct Status {
    status: Option<String>,
}

#[desk_widget(location = "desk.ticket.detail.subtab")]
impl Status {
    #[on("ticket_status.changed")]
    fn changed(&mut self, change: TicketStatusChanged) {
        self.status = Some(change.status);
    }
}

impl Page for Status {
    fn render(&self) -> String {
        format!("<p>{}</p>", escape(self.status.as_deref().unwrap_or("-")))
    }
}

desk_runtime::extension! {
    name: "Ticket Status",
    widgets: { "Status": Status },
}

#[cfg(test)]
mod tests {
    #[test]
    fn shows_the_status() {
        let mut desk = desk_runtime::sim::SimulatedDesk::mount(super::Status::default());
        assert_eq!(desk.page(), "<p>-</p>");
        desk.fire_sample("ticket_status.changed").unwrap();
        assert_eq!(desk.page(), "<p>Open</p>");
    }
}
