//! The telephony extension (`widgets/telephony`) on a simulated Desk.
//!
//! First the telephony bar, which talks back to Desk: it reads the agent and the ticket when
//! it loads, looks callers up in a CRM through the platform's proxy (scripted here as Desk's
//! proxy would answer), writes each call into the ticket, and shows and notifies a failed
//! lookup without stopping. Then the ticket panel, fed the reference's sample payloads. The
//! same widgets, compiled to WebAssembly, are the pages `cargo xtask package` ships.
//!
//! Run it with `cargo run --example telephony`.

use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedDesk;
use serde_json::json;
use std::fmt;
use telephony_widget::{CRM_CONTACTS, CallAssistant, CallBar};

fn main() {
    telephony_bar();
    println!();
    ticket_panel();
}

fn telephony_bar() {
    println!("== The telephony bar ({})", CallBar::LOCATION);
    let mut desk = SimulatedDesk::new(CallBar::default());
    desk.set_data("user.fullName", json!("Ada Agent"));
    desk.set_data("ticket.subject", json!("Printer on fire"));
    desk.answer_request(
        "GET",
        CRM_CONTACTS,
        200,
        json!({ "name": "Grace Hopper", "openTickets": ["#193 Printer on fire", "#201 Toner"] }),
    );
    println!("Desk loads the widget: it reads the agent and the ticket");
    report(desk.load());
    show(&desk.widget().lines());

    println!("Desk sends call.ringing (reference sample): the bar looks the caller up");
    report(desk.fire_sample("call.ringing"));
    show(&desk.widget().lines());

    println!("Desk sends call.answered; 95 seconds pass; Desk sends call.completed");
    report(desk.fire_sample("call.answered"));
    desk.advance_clock(95_000.0);
    report(desk.fire_sample("call.completed"));
    show(&desk.widget().lines());

    println!("The CRM is down for the next call: the lookup fails, is shown and notified");
    desk.answer_request("GET", CRM_CONTACTS, 503, json!("Service Unavailable"));
    report(desk.fire_sample("call.ringing"));
    show(&desk.widget().lines());

    println!("What the widget asked of Desk:");
    for call in desk.calls() {
        println!("  {call}");
    }
}

fn ticket_panel() {
    let mut desk = SimulatedDesk::mount(CallAssistant::default());
    println!(
        "== The ticket panel ({}), with {} subscriptions: {}\n",
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

fn show(lines: &[String]) {
    for line in lines {
        println!("  | {line}");
    }
}

fn report<E: fmt::Display>(result: Result<(), E>) {
    match result {
        Ok(()) => println!("  ok"),
        Err(error) => println!("  error: {error}"),
    }
}
