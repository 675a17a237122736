//! The telephony bar on the simulated Desk: what it reads, asks and writes, and how it takes a
//! failed lookup.

use desk_runtime::sim::SimulatedDesk;
use serde_json::json;
use telephony_widget::{CRM_CONTACTS, CallBar};

fn desk() -> SimulatedDesk<CallBar> {
    let mut desk = SimulatedDesk::new(CallBar::default());
    desk.set_data("user.fullName", json!("Ada Agent"));
    desk.answer_request(
        "GET",
        CRM_CONTACTS,
        200,
        json!({ "name": "Grace Hopper", "openTickets": ["#193 Printer on fire"] }),
    );
    desk.load().unwrap();
    desk
}

#[test]
fn it_reads_the_agent_and_no_ticket_is_no_failure() {
    let desk = desk();
    assert_eq!(desk.widget().lines()[0], "agent: Ada Agent, ticket: none");
    assert_eq!(desk.failures().count(), 0);
}

#[test]
fn a_ringing_call_is_looked_up_and_shown_with_the_callers_open_tickets() {
    let mut desk = desk();
    desk.fire_sample("call.ringing").unwrap();
    assert_eq!(
        desk.widget().lines()[1],
        "ringing: Grace Hopper (9837650000), open: #193 Printer on fire"
    );
    let request = desk.calls().last().unwrap().to_string();
    assert!(
        request.contains(r#""data":{"phone":"9837650000"}"#),
        "{request}"
    );
    assert!(desk.page().contains("<p>ringing: Grace Hopper"));
}

#[test]
fn a_completed_call_is_written_into_the_ticket_with_its_duration() {
    let mut desk = desk();
    desk.fire_sample("call.ringing").unwrap();
    desk.fire_sample("call.answered").unwrap();
    desk.advance_clock(42_400.0);
    desk.fire_sample("call.completed").unwrap();
    assert_eq!(
        desk.calls().last().unwrap().to_string(),
        r#"set("ticket.comment", {"content":"Call with Grace Hopper: 42 s"})"#
    );
    assert_eq!(desk.widget().lines()[1], "no call");
}

#[test]
fn a_failed_lookup_is_shown_and_notified_and_the_bar_keeps_working() {
    let mut desk = desk();
    desk.answer_request("GET", CRM_CONTACTS, 500, json!("down"));
    let error = desk.fire_sample("call.ringing").unwrap_err();
    assert!(
        error.to_string().contains("the service answered 500: down"),
        "{error}"
    );
    assert_eq!(desk.widget().lines()[2], "lookup of 9837650000 failed");
    let notify = desk.calls().last().unwrap().to_string();
    assert!(notify.starts_with("notify("), "{notify}");
    desk.fire_sample("call.completed").unwrap();
    assert_eq!(
        desk.widget().lines().last().unwrap(),
        "1 calls taken, 0 dialled"
    );
}
