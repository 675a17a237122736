//! The telephony extension's recorded session (`session.jsonl`, written by `cargo xtask record`:
//! `cargo desk serve --record` with its four pages in headless Chromium on the SDK stand-in)
//! replayed on the simulated Desk: each widget gets the events it got then, and each call it
//! makes must be the one the page made, answered with what Desk answered.

use desk_runtime::sim::{Session, SessionError, SimulatedDesk};
use telephony_widget::{CallAssistant, CallBar, CallHistory, ConfirmLog};

const SESSION: &str = include_str!("session.jsonl");

fn session() -> Session {
    Session::parse(SESSION).unwrap()
}

/// Each of the extension's four pages replayed on a simulated Desk of its own.
fn every_page(session: &Session) -> Result<(), SessionError> {
    SimulatedDesk::new(CallAssistant::default()).replay_session(session, "Call Assistant")?;
    SimulatedDesk::new(CallBar::default()).replay_session(session, "Call Bar")?;
    SimulatedDesk::new(CallHistory::default()).replay_session(session, "Call History")?;
    SimulatedDesk::new(ConfirmLog::default()).replay_session(session, "Confirm Call Log")
}

#[test]
fn every_page_of_the_recorded_session_replays() {
    let session = session();
    assert_eq!(
        session.widgets(),
        [
            "Call Assistant",
            "Call Bar",
            "Call History",
            "Confirm Call Log"
        ]
    );
    every_page(&session).unwrap();
}

/// The recording with its first line that matches `from` edited.
fn tampered(from: &str, to: &str) -> Session {
    let edited = SESSION.replacen(from, to, 1);
    assert_ne!(edited, SESSION, "`{from}` is not in the recording");
    Session::parse(&edited).unwrap()
}

#[test]
fn a_tampered_recording_fails_naming_both_calls() {
    // Another property than the bar reads.
    let session = tampered(r#""args":["user.fullName"]"#, r#""args":["user.email"]"#);
    let error = SimulatedDesk::new(CallBar::default())
        .replay_session(&session, "Call Bar")
        .unwrap_err();
    assert!(matches!(error, SessionError::Unexpected { .. }), "{error}");
    let message = error.to_string();
    assert!(
        message.contains(r#"get("user.fullName")"#) && message.contains(r#"get("user.email")"#),
        "{message}"
    );
}

#[test]
fn a_call_the_recording_does_not_have_is_an_error() {
    // The recording loses the bar's first call, and with it its answer.
    let line = SESSION
        .lines()
        .find(|line| line.contains(r#""widget":"Call Bar""#) && line.contains(r#""kind":"call""#))
        .unwrap();
    let session = Session::parse(&SESSION.replacen(&format!("{line}\n"), "", 1)).unwrap();
    let error = SimulatedDesk::new(CallBar::default())
        .replay_session(&session, "Call Bar")
        .unwrap_err();
    assert!(
        matches!(
            error,
            SessionError::Unexpected { .. } | SessionError::Extra { .. }
        ),
        "{error}"
    );
}

#[test]
fn another_version_or_no_header_is_refused() {
    // Version 1, whose lines had no page load: record it again.
    let error = Session::parse(&SESSION.replacen(r#""version":2"#, r#""version":1"#, 1));
    assert_eq!(error, Err(SessionError::Outdated { version: 1 }));
    let error = Session::parse(&SESSION.replacen(r#""version":2"#, r#""version":3"#, 1));
    assert!(
        matches!(error, Err(SessionError::Format { line: 1, .. })),
        "{error:?}"
    );
    let headless = SESSION.split_once('\n').unwrap().1;
    assert!(Session::parse(headless).is_err());
}

// The README's example ("Your portal as the judge"), as it shows it.
#[test]
fn the_call_bar_replays_its_session() -> Result<(), SessionError> {
    let session = Session::parse(include_str!("session.jsonl"))?;
    SimulatedDesk::new(CallBar::default()).replay_session(&session, "Call Bar")
}

/// CI replays the session `cargo xtask record` has just recorded in Chromium (its path in
/// `DESK_SESSION`), end to end, besides the one checked in; without it, there is none to replay.
#[test]
fn the_session_just_recorded_replays() {
    let Some(path) = std::env::var_os("DESK_SESSION") else {
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap();
    let session = Session::parse(&text).unwrap();
    every_page(&session).unwrap();
}
