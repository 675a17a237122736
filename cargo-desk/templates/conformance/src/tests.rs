//! The extension on the simulated Desk, which answers as the library expects Desk to: every
//! row of every page passes. In Desk's developer mode, the same pages say what Desk does.

use super::*;
use crate::report::{Outcome, Report};
use desk_runtime::sim::{SimulatedExtension, attempt};
use serde_json::json;

/// What the simulated Desk knows: a value of each property, the configuration, the service.
fn extension() -> SimulatedExtension {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    let data = json!({
        "ticket": { "id": "1", "subject": "Printer on fire" },
        "ticket.departmentId": "4", "ticket.email": "lee@example.com",
        "ticket.subject": "Printer on fire", "ticket.description": "<p>It burns</p>",
        "ticket.status": "Open", "ticket.dueDate": null, "ticket.threadCount": "2",
        "ticket.isSpam": "false", "ticket.contactId": "7",
        "user": { "id": "3", "fullName": "Ada Agent" }, "user.id": "3",
        "user.fullName": "Ada Agent", "user.email": "ada@example.com",
        "user.timeZone": "Europe/Paris", "user.tzoffset": 1, "user.portals": [],
        "portal": { "id": "9" }, "portal.id": "9", "department.id": "4",
        "extension.departments": [{ "name": "Support", "id": "4" }],
        "extension.profiles": [{ "name": "Agent", "id": "5" }],
    });
    for (property, value) in data.as_object().into_iter().flatten() {
        extension.set_data(property, value.clone());
    }
    extension.set_config("service_url", json!("https://httpbin.org/json"));
    extension.set_config("error_url", json!("https://httpbin.org/status/404"));
    extension.answer_request(
        "GET",
        "https://httpbin.org/json",
        200,
        json!({ "slideshow": {} }),
    );
    extension.answer_request(
        "GET",
        "https://httpbin.org/status/404",
        404,
        json!("NOT FOUND"),
    );
    extension.add_modal::<HandshakeCheck>();
    extension
}

/// The rows that do not pass.
fn failing(report: &Report) -> Vec<String> {
    report
        .rows()
        .iter()
        .filter(|row| row.outcome != Outcome::Pass)
        .map(|row| format!("{}: {} ({:?})", row.assumption, row.observed, row.outcome))
        .collect()
}

#[test]
fn every_row_passes_on_the_simulated_desk() {
    let mut extension = extension();
    // The band first: the panel's message finds it open.
    extension.mount(BandChecks::default());
    extension.mount(TicketChecks::default());
    extension.mount(PhoneChecks::default());
    // The agent asks the bar for its modal, and presses OK in its confirmation.
    extension.desk_mut::<PhoneChecks>().answer_popup(true);
    extension.click::<PhoneChecks>("dialogs").unwrap();
    // The agent replies on the ticket, and reopens it: Desk asks the panel's hooks first.
    for hook in ["ticket.reply", "ticket.reOpen"] {
        let verdict = attempt(hook, "{}", &mut [&mut extension]).unwrap();
        assert_eq!(verdict, Verdict::Allow, "{hook}");
    }
    let panel = extension.widget::<TicketChecks>().report();
    let band = extension.widget::<BandChecks>().report();
    let phone = extension.widget::<PhoneChecks>().report();
    for report in [panel, band, phone] {
        assert_eq!(failing(report), Vec::<String>::new());
    }
    // Each property once in each widget; and the page shows the table, escaped.
    assert!(panel.rows().len() > 23 + 10, "{}", panel.rows().len());
    let page = extension.desk::<BandChecks>().page();
    assert!(page.contains("&lt;b&gt;&quot;Zoë&quot;"), "{page}");
}

#[test]
fn a_row_fails_when_desk_answers_otherwise() {
    let mut extension = extension();
    // A service that answers 200 where the error URL should fail.
    extension.answer_request("GET", "https://httpbin.org/status/404", 200, json!({}));
    extension.set_data("ticket.email", json!(42));
    extension.mount(TicketChecks::default());
    let failing = failing(extension.widget::<TicketChecks>().report());
    assert!(
        failing
            .iter()
            .any(|row| row.starts_with("get(\"ticket.email\")")),
        "{failing:?}"
    );
    assert!(
        failing
            .iter()
            .any(|row| row.starts_with("request GET <Error URL>")),
        "{failing:?}"
    );
    // No bottom band is open: the message is not delivered.
    assert!(
        failing
            .iter()
            .any(|row| row.starts_with("send::<BandChecks>")),
        "{failing:?}"
    );
}
