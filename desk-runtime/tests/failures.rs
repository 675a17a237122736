//! Handlers that fail do not stop a widget, a panic does (`tests/panics.rs`); failures reach
//! the error hook with the event's name; recordings replay; untrusted HTML is never handed over
//! as page-ready.

use desk_runtime::DispatchError;
use desk_runtime::events::{TicketCommentAdd, TicketStatusChanged};
use desk_runtime::prelude::*;
use desk_runtime::sim::{FireError, SimulatedDesk};
use std::cell::RefCell;
use std::rc::Rc;

/// Panics on a status called `Panic`, fails on `Fail`, keeps the rest.
#[derive(Default)]
struct Moody {
    statuses: Vec<String>,
    comments: Vec<String>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Moody {
    #[on("ticket_status.changed")]
    fn status(&mut self, change: TicketStatusChanged) -> Result<(), String> {
        match change.status.as_str() {
            "Panic" => panic!("cannot handle {}", change.status),
            "Fail" => Err("refused".to_owned()),
            _ => {
                self.statuses.push(change.status);
                Ok(())
            }
        }
    }

    #[on("ticket_comment.add")]
    fn comment(&mut self, comment: TicketCommentAdd) {
        // What a widget puts into its page: escaped, never the raw HTML.
        self.comments.push(comment.comment.escaped());
    }
}

fn status(value: &str) -> String {
    format!(r#"{{"ticket.status": "{value}"}}"#)
}

#[test]
fn a_failing_handler_is_reported_and_the_widget_keeps_working() {
    let mut desk = SimulatedDesk::mount(Moody::default());
    let failure = desk
        .fire("ticket_status.changed", &status("Fail"))
        .unwrap_err();
    assert_eq!(
        failure,
        FireError::Failed(DispatchError::Handler {
            event: "ticket_status.changed".into(),
            message: "refused".into(),
        })
    );
    desk.fire("ticket_status.changed", &status("Open")).unwrap();
    assert_eq!(desk.widget().statuses, ["Open"]);
    assert_eq!(desk.failures().count(), 1);
}

#[test]
fn the_host_turns_panics_into_errors_and_stops_the_widget() {
    let mut desk = SimulatedDesk::mount(Moody::default());
    let error = desk
        .fire("ticket_status.changed", &status("Panic"))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "the `ticket_status.changed` handler panicked, and the widget stopped: cannot handle Panic"
    );
    let refused = desk
        .fire("ticket_status.changed", &status("Closed"))
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "the widget stopped after a panic in `ticket_status.changed`: cannot handle Panic"
    );
}

#[test]
fn every_failure_reaches_the_error_hook_with_the_event_name() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let mut desk = SimulatedDesk::mount(Moody::default());
    let sink = Rc::clone(&seen);
    desk.on_error(move |event, error| sink.borrow_mut().push(format!("{event}: {error}")));

    desk.fire("ticket_status.changed", &status("Fail"))
        .unwrap_err();
    desk.fire("ticket_status.changed", "{").unwrap_err();
    desk.fire("ticket_status.changed", &status("Open")).unwrap();
    // Refused before delivery: Desk would never send it, so it is no failure of the widget.
    desk.fire("pageChange", "{}").unwrap_err();
    assert_eq!(desk.widget().statuses, ["Open"]);
    desk.fire("ticket_status.changed", &status("Panic"))
        .unwrap_err();
    // Refused after the panic stopped the widget: told once, with the panic.
    desk.fire("ticket_status.changed", &status("Open"))
        .unwrap_err();

    assert_eq!(
        *seen.borrow(),
        [
            "ticket_status.changed: the `ticket_status.changed` handler failed: refused",
            "ticket_status.changed: bad `ticket_status.changed` payload: EOF while parsing a value",
            "ticket_status.changed: the `ticket_status.changed` handler panicked, and the widget \
             stopped: cannot handle Panic",
        ]
    );
}

#[test]
fn a_recording_replays_with_every_delivery_and_failure_reported() {
    let recording = include_str!("recordings/session.jsonl");
    let mut desk = SimulatedDesk::mount(Moody::default());
    let replay = desk.replay(recording);
    let report = replay.to_string();
    assert_eq!(
        report,
        "line 1 ticket_status.changed: ok\n\
         line 2 ticket_comment.add: ok\n\
         line 3 ticket_status.changed: the `ticket_status.changed` handler failed: refused\n\
         line 5: malformed record: expected ident at line 1 column 2\n\
         line 6 ticket_status.changed: the `ticket_status.changed` handler failed: refused\n\
         line 7 pageChange: `pageChange` is not delivered at `desk.ticket.detail.rightpanel`\n\
         \x20 it is delivered at 3 locations:\n\
         \x20   `desk.background`, `desk.bottomband`, `desk.extension.telephony`\n\
         line 8 ticket_Shift: ok\n\
         line 9 ticket_status.changed: ok\n"
    );
    assert_eq!(replay.failures().count(), 4);
    assert_eq!(desk.widget().statuses, ["Open", "Closed"]);
    assert_eq!(
        desk.widget().comments,
        ["&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;Hello"]
    );
}

#[test]
fn a_recorded_payload_replays_as_recorded_duplicate_keys_included() {
    // Desk sent the status twice: a re-serialised payload would keep the last one and pass.
    let recording = r#"{"event": "ticket_status.changed", "payload": {"ticket.status": "Open", "ticket.status": "Closed"}}"#;
    let mut desk = SimulatedDesk::mount(Moody::default());
    let replay = desk.replay(recording);
    let failure = replay.failures().next().expect("the duplicate is refused");
    let error = failure.result.as_ref().unwrap_err().to_string();
    assert!(error.contains("duplicate field `ticket.status`"), "{error}");
    assert_eq!(
        desk.deliveries()[0].payload.as_deref(),
        Some(r#"{"ticket.status": "Open", "ticket.status": "Closed"}"#)
    );
    assert!(desk.widget().statuses.is_empty());
}

#[cfg(feature = "sanitize")]
#[test]
fn sanitizing_removes_what_can_run() {
    use desk_runtime::html::UntrustedHtml;
    for attack in [
        "<script>alert(1)</script><b>bold</b>",
        "<img src=x onerror=alert(1)><b>bold</b>",
        "<a href=\"javascript:alert(1)\">link</a><b>bold</b>",
        "<iframe src=https://evil.example></iframe><b>bold</b>",
        "<svg onload=alert(1)></svg><b>bold</b>",
    ] {
        let html = UntrustedHtml::new(attack);
        let clean = html.sanitized();
        for danger in ["<script", "onerror", "javascript:", "<iframe", "onload"] {
            assert!(!clean.contains(danger), "{attack} -> {clean}");
        }
        assert!(clean.contains("<b>bold</b>"), "{attack} -> {clean}");
        let text = html.text();
        assert!(!text.contains('<'), "{attack} -> {text}");
    }
}
