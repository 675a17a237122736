//! A telephony widget in the ticket detail page's right panel, on a simulated Desk.
//!
//! It pops the caller's details when a call rings, times the conversation, logs completed
//! calls against the ticket, and flags a call about a ticket that was just escalated. Desk is
//! simulated: each event is fed the platform reference's sample payload, as Desk would send it,
//! and the panel is printed after each one.
//!
//! Run it with `cargo run --example telephony`.

use desk_runtime::events::{
    CallAnswered, CallCompleted, CallRinging, CallType, TicketPriorityChanged, TicketStatusChanged,
};
use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedDesk;
use std::fmt;

/// What the panel shows.
#[derive(Default)]
pub struct CallAssistant {
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
}

impl fmt::Display for CallAssistant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.status.as_deref().unwrap_or("-");
        let priority = self.priority.as_deref().unwrap_or("-");
        writeln!(f, "  | ticket: status {status}, priority {priority}")?;
        match &self.current {
            Some(call) => writeln!(
                f,
                "  | on the line: {} {} {} ({})",
                if call.answered { "talking" } else { "ringing" },
                if call.inbound { "from" } else { "to" },
                call.contact,
                if call.number.is_empty() {
                    "no number"
                } else {
                    &call.number
                },
            )?,
            None => writeln!(f, "  | no call")?,
        }
        for entry in &self.log {
            writeln!(f, "  | {entry}")?;
        }
        Ok(())
    }
}

fn main() {
    let mut desk = SimulatedDesk::mount(CallAssistant::default());
    println!(
        "Mounted at {} with {} subscriptions: {}\n",
        CallAssistant::LOCATION,
        CallAssistant::SUBSCRIPTIONS.len(),
        CallAssistant::SUBSCRIPTIONS.join(", ")
    );

    // The reference's sample of each event, in the order a call unfolds.
    for event in [
        "ticket_status.changed",
        "call.ringing",
        "call.answered",
        "ticket_priority.changed",
        "call.completed",
    ] {
        println!("Desk sends {event} (reference sample)");
        report(desk.fire_sample(event));
        print!("{}", desk.widget());
    }

    println!("\nDesk sends ticket_priority.changed with a priority the widget does not know");
    report(desk.fire(
        "ticket_priority.changed",
        r#"{"ticket.priority": "Urgent!"}"#,
    ));

    println!("Desk sends call.ringing with a malformed payload");
    report(desk.fire("call.ringing", r#"{"callType": "inbound", "number": 42}"#));

    println!("Desk sends ticket_Shift, which the widget does not subscribe to");
    report(desk.fire_sample("ticket_Shift"));

    println!("A test tries to send pageChange, which Desk never sends to this location");
    report(desk.fire_sample("pageChange"));

    let failures = desk.failures().count();
    println!(
        "\n{} events sent to the widget, {failures} failed; the widget kept working:",
        desk.deliveries().len()
    );
    print!("{}", desk.widget());
}

fn report<E: fmt::Display>(result: Result<(), E>) {
    match result {
        Ok(()) => println!("  ok"),
        Err(error) => println!("  error: {error}"),
    }
}
