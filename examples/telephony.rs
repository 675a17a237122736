//! The telephony widget (`widgets/telephony`) in the ticket detail page's right panel, on a
//! simulated Desk.
//!
//! The widget pops the caller's details when a call rings, shows the conversation, logs
//! completed calls against the ticket and refuses priorities it does not know. Desk is
//! simulated: each event is fed the platform reference's sample payload, as Desk would send
//! it, and the panel is printed after each one. The same widget, compiled to WebAssembly, is
//! the page `cargo xtask package` ships.
//!
//! Run it with `cargo run --example telephony`.

use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedDesk;
use std::fmt;
use telephony_widget::CallAssistant;

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
