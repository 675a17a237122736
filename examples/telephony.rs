//! The telephony extension (`widgets/telephony`) on a simulated Desk.
//!
//! First the telephony bar, which talks back to Desk: it reads the agent and the ticket when
//! it loads, looks callers up in a CRM through the platform's proxy (scripted here as Desk's
//! proxy would answer), sends the caller it found to the ticket's call assistant as a typed
//! message, holds replies back while a call is on (a hook), asks in a modal whether to log a
//! completed call, and shows and notifies a failed lookup without stopping. Then the ticket panel, fed the reference's sample payloads. The
//! same widgets, compiled to WebAssembly, are the pages `cargo xtask package` ships.
//!
//! Run it with `cargo run --example telephony`.

use desk_runtime::hook::Verdict;
use desk_runtime::prelude::*;
use desk_runtime::sim::{SimulatedDesk, SimulatedExtension, attempt};
use serde_json::json;
use std::fmt;
use telephony_widget::{CRM_CONTACTS, CallAssistant, CallBar, ConfirmLog, EXTENSION};

fn main() {
    telephony_bar();
    println!();
    ticket_panel();
}

fn telephony_bar() {
    println!(
        "== The telephony bar ({}), with the ticket's call assistant",
        CallBar::LOCATION
    );
    let mut extension = SimulatedExtension::new(&EXTENSION);
    // What the admin sets at install: the CRM's address, and its key (secure: Desk keeps it and
    // writes it into the request; the widget never holds it).
    extension.set_config("crm_url", json!("https://crm.example.com"));
    extension.set_secret("crm_key", "crm-key-123");
    extension.set_data("user.fullName", json!("Ada Agent"));
    extension.set_data("ticket.subject", json!("Printer on fire"));
    extension.answer_request(
        "GET",
        CRM_CONTACTS,
        200,
        json!({ "name": "Grace Hopper", "openTickets": ["#193 Printer on fire", "#201 Toner"] }),
    );
    println!("Desk loads both widgets: the bar reads the agent and the ticket");
    extension.mount(CallBar::default());
    extension.mount(CallAssistant::default());
    extension.add_modal::<ConfirmLog>();
    show(&extension.widget::<CallBar>().lines());

    println!("Desk sends call.ringing (reference sample): the bar looks the caller up in the CRM");
    println!("and sends what it found to the ticket's call assistant, as a typed message");
    report(extension.fire_sample("call.ringing"));
    show(&extension.widget::<CallBar>().lines());
    show(&extension.widget::<CallAssistant>().lines());

    println!("Desk sends call.answered; the agent tries to send a reply: the bar's hook stops it");
    report(extension.fire_sample("call.answered"));
    let reply = r#"{"ticketId": "193", "content": "Hello"}"#;
    match attempt("ticket.reply", reply, &mut [&mut extension]) {
        Ok(Verdict::Deny(reason)) => println!("  denied: {reason}"),
        Ok(Verdict::Allow) => println!("  allowed"),
        Err(error) => println!("  error: {error}"),
    }

    println!("95 seconds pass; Desk sends call.completed: a modal asks whether to log the call");
    extension.advance_clock(95_000.0);
    report(extension.fire_sample("call.completed"));
    println!("  modal: {}", extension.desk::<ConfirmLog>().page());
    println!("The agent clicks Log: the modal closes with `true`, and the bar writes the comment");
    report(extension.click::<ConfirmLog>("log"));
    show(&extension.widget::<CallBar>().lines());

    println!("The CRM is down for the next call: the lookup fails, is shown and notified");
    extension.answer_request("GET", CRM_CONTACTS, 503, json!("Service Unavailable"));
    report(extension.fire_sample("call.ringing"));
    show(&extension.widget::<CallBar>().lines());

    println!("What the widgets asked of Desk:");
    for call in extension.calls() {
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
