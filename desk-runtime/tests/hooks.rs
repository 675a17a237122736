//! Hooks on the simulated Desk: the host answers before Desk gives up waiting, and a handler
//! that fails is answered with its hook's `otherwise`, `allow` or `deny`. The same widget runs
//! on the browser host in Chromium (`tests/browser.rs`).

#[path = "support/gate.rs"]
mod gate;

use desk_runtime::hook::{HOOK_DEADLINE_MS, HOOK_TIMEOUT_MS, Verdict};
use desk_runtime::sim::SimulatedDesk;
use desk_runtime::{DispatchError, Outcome};
use gate::Gate;

/// How long Desk waits for a hook's answer before it goes ahead without it: the guide's page
/// "hooks" ("must respond within 30 seconds"), transcribed apart from the catalog.
const DESK_GIVES_UP_MS: u32 = 30_000;

/// How long before Desk gives up the host answers: the margin the guide promises for the
/// answer to reach Desk from a busy page.
const MARGIN_MS: u32 = 5_000;

fn gate_with_agent() -> SimulatedDesk<Gate> {
    let mut desk = SimulatedDesk::new(Gate::default());
    desk.set_data("user.email", serde_json::json!("ada@example.com"));
    desk.load().unwrap();
    desk
}

#[test]
fn the_catalog_says_when_desk_gives_up() {
    assert_eq!(HOOK_TIMEOUT_MS, DESK_GIVES_UP_MS);
}

#[test]
fn a_late_hook_is_answered_with_its_otherwise_before_desk_gives_up() {
    let mut desk = gate_with_agent();
    desk.hold_answers();
    assert_eq!(
        desk.attempt("ticket.reply", "{}").unwrap(),
        Verdict::deny("The extension did not answer in time.")
    );
    assert_eq!(
        desk.failures().map(|(_, e)| e.clone()).collect::<Vec<_>>(),
        [DispatchError::HookLate {
            hook: "ticket.reply".into(),
            after_ms: HOOK_DEADLINE_MS,
        }]
    );
    // The handler resumes once Desk answers its call: the clock then shows when the host
    // answered for it.
    desk.release_answers();
    let waited = desk.widget().waited_ms.clone();
    assert_eq!(waited.len(), 1, "{waited:?}");
    assert!(
        waited[0] > 0.0 && waited[0] <= f64::from(DESK_GIVES_UP_MS - MARGIN_MS),
        "the host answered after {} ms; Desk gives up after {DESK_GIVES_UP_MS} ms",
        waited[0]
    );
    // Its own answer is dropped: the only answer logged is the host's.
    assert!(
        !desk
            .deliveries()
            .iter()
            .any(|d| matches!(d.outcome, Outcome::Answered(_))),
        "{:?}",
        desk.deliveries()
    );
}

#[test]
fn a_hook_answered_in_time_is_answered_by_its_handler() {
    let mut desk = gate_with_agent();
    assert_eq!(desk.attempt("ticket.reply", "{}").unwrap(), Verdict::Allow);
    assert_eq!(desk.widget().waited_ms, [0.0]);
    assert_eq!(desk.failures().count(), 0);
}

#[test]
fn a_failing_handler_is_answered_with_its_otherwise() {
    // No rule for reopening, and no agent's email to read: both handlers fail.
    let mut desk = SimulatedDesk::mount(Gate::default());
    // `otherwise = allow`.
    assert_eq!(desk.attempt("ticket.reOpen", "{}").unwrap(), Verdict::Allow);
    // `otherwise = deny`, with the handler's error as the reason.
    let Verdict::Deny(reason) = desk.attempt("ticket.reply", "{}").unwrap() else {
        panic!("a failed `ticket.reply` was allowed");
    };
    assert!(
        reason.starts_with(
            "The extension could not check this action: the `ticket.reply` handler failed: "
        ),
        "{reason}"
    );
    let failed: Vec<_> = desk.failures().map(|(event, _)| event.to_owned()).collect();
    assert_eq!(failed, ["ticket.reOpen", "ticket.reply"]);
    // Once they succeed, their own answers count.
    desk.widget_mut().reopen = Some(Verdict::deny("Reopened tickets go to the lead."));
    desk.set_data("user.email", serde_json::json!(""));
    assert_eq!(
        desk.attempt("ticket.reOpen", "{}").unwrap(),
        Verdict::deny("Reopened tickets go to the lead.")
    );
    assert_eq!(
        desk.attempt("ticket.reply", "{}").unwrap(),
        Verdict::deny("No agent is signed in.")
    );
}
