//! The telephony bar on the simulated Desk: what it reads, asks and writes, and how it takes a
//! failed lookup.

use desk_runtime::hook::Verdict;
use desk_runtime::sim::{SimulatedDesk, SimulatedExtension, attempt};
use serde_json::json;
use telephony_widget::{CRM_CONTACTS, CallAssistant, CallBar, ConfirmLog, EXTENSION};

/// The CRM's address and key, as the admin sets them at install.
const CRM: &str = "https://crm.example.com";
const KEY: &str = "crm-key-123";

fn desk() -> SimulatedDesk<CallBar> {
    let mut desk = SimulatedDesk::new(CallBar::default());
    desk.set_data("user.fullName", json!("Ada Agent"));
    desk.set_config("crm_url", json!(CRM));
    desk.set_secret("crm_key", KEY);
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
    let calls = desk.calls();
    let request = calls.iter().find(|c| c.function == "request").unwrap();
    let request = request.to_string();
    assert!(
        request.contains(r#""data":{"phone":"9837650000"}"#),
        "{request}"
    );
    assert!(desk.page().contains("<p>ringing: Grace Hopper"));
}

/// The extension with the bar, the ticket's call assistant and the confirmation modal.
fn extension() -> SimulatedExtension {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.set_data("user.fullName", json!("Ada Agent"));
    extension.set_config("crm_url", json!(CRM));
    extension.set_secret("crm_key", KEY);
    extension.answer_request(
        "GET",
        CRM_CONTACTS,
        200,
        json!({ "name": "Grace Hopper", "openTickets": ["#193 Printer on fire"] }),
    );
    extension.mount(CallBar::default());
    extension.mount(CallAssistant::default());
    extension.add_modal::<ConfirmLog>();
    extension
}

#[test]
fn the_caller_found_is_sent_to_the_tickets_call_assistant() {
    let mut extension = extension();
    extension.fire_sample("call.ringing").unwrap();
    assert!(
        extension
            .widget::<CallAssistant>()
            .lines()
            .contains(&"CRM: Grace Hopper (9837650000), open: #193 Printer on fire".to_owned())
    );
}

#[test]
fn a_completed_call_is_logged_with_its_duration_once_the_agent_confirms_it() {
    let mut extension = extension();
    extension.fire_sample("call.ringing").unwrap();
    extension.fire_sample("call.answered").unwrap();
    extension.advance_clock(42_400.0);
    extension.fire_sample("call.completed").unwrap();
    // The modal shows the call, and the ticket has no comment yet.
    assert!(
        extension
            .desk::<ConfirmLog>()
            .page()
            .contains("Log the call with Grace Hopper (42 s) in the ticket?")
    );
    assert!(!extension.calls().iter().any(|c| c.function == "set"));
    extension.click::<ConfirmLog>("log").unwrap();
    assert!(!extension.is_open::<ConfirmLog>());
    assert_eq!(
        extension.calls().last().unwrap().to_string(),
        r#"set("ticket.comment", {"content":"Call with Grace Hopper: 42 s"})"#
    );
    assert_eq!(
        extension.widget::<CallBar>().lines().last().unwrap(),
        "1 calls taken, 1 logged, 0 dialled"
    );
}

#[test]
fn a_call_the_agent_skips_or_dismisses_is_not_logged() {
    let mut extension = extension();
    extension.fire_sample("call.completed").unwrap();
    extension.click::<ConfirmLog>("skip").unwrap();
    extension.fire_sample("call.completed").unwrap();
    assert!(extension.dismiss_modal());
    assert!(!extension.calls().iter().any(|c| c.function == "set"));
    assert_eq!(
        extension.widget::<CallBar>().lines().last().unwrap(),
        "2 calls taken, 0 logged, 0 dialled"
    );
}

#[test]
fn a_reply_waits_while_the_agent_is_on_a_call() {
    let mut extension = extension();
    let reply = r#"{"ticketId": "193", "content": "Hello"}"#;
    assert_eq!(
        attempt("ticket.reply", reply, &mut [&mut extension]).unwrap(),
        Verdict::Allow
    );
    extension.fire_sample("call.ringing").unwrap();
    extension.fire_sample("call.answered").unwrap();
    assert_eq!(
        attempt("ticket.reply", reply, &mut [&mut extension]).unwrap(),
        Verdict::deny("You are on a call with Grace Hopper: finish it before sending a reply.")
    );
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
        "1 calls taken, 0 logged, 0 dialled"
    );
}

#[test]
fn the_crm_receives_the_key_the_bar_never_holds() {
    let mut desk = desk();
    desk.fire_sample("call.ringing").unwrap();
    let received = desk.received_requests();
    assert_eq!(received[0]["url"], CRM_CONTACTS);
    assert_eq!(
        received[0]["headers"]["Authorization"],
        format!("Bearer {KEY}")
    );
    let sent = format!("{:?} {:?}", desk.calls(), desk.widget());
    assert!(sent.contains("Bearer {{crm_key}}"), "{sent}");
    assert!(!sent.contains(KEY), "{sent}");
}

#[test]
fn an_extension_not_configured_yet_says_which_parameter_is_missing() {
    let mut desk = SimulatedDesk::new(CallBar::default());
    desk.set_data("user.fullName", json!("Ada Agent"));
    desk.load().unwrap();
    let error = desk.fire_sample("call.ringing").unwrap_err().to_string();
    assert!(error.contains("`crm_url` has no value"), "{error}");
    assert_eq!(desk.widget().lines()[2], "lookup of 9837650000 failed");
}

#[test]
fn a_french_agent_reads_the_bar_in_french() {
    let mut desk = SimulatedDesk::new(CallBar::default());
    desk.set_data("user.fullName", json!("Ada Agent"));
    desk.set_locale("fr");
    desk.load().unwrap();
    let lines = desk.widget().lines();
    assert_eq!(lines[1], "aucun appel");
    assert_eq!(lines[2], "0 appels pris, 0 notés, 0 composés");
    let error = desk.fire_sample("call.ringing");
    assert!(error.is_err());
    assert_eq!(
        desk.widget().lines()[2],
        "la recherche de 9837650000 a échoué"
    );
}
