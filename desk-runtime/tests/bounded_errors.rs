//! No error quotes unbounded outside input: every error's message is at most 300 bytes, cut on a
//! character boundary with `...`, whatever Desk, a service or a sender wrote. Messages go to
//! `console.error`, the page's `#errors` list and every error hook, so each error type is
//! given megabytes on the simulated Desk:
//!
//! - `RequestError`: a 10 MB proxy answer that is not JSON, a 10 MB `statusMessage`;
//! - `HostError`: Desk's refusal with a 10 MB answer, the SDK's failure quoting a 10 MB URL;
//! - `NotAllowed`: a 10 MB URL off the whitelist; `Limit`: a 1 MB storage key;
//! - `DecodeError` (of a message and of a modal's input) and the decoder's `json::Error`: a
//!   1 MiB object key in the path, a 10 MB custom message;
//! - `FireError` and `DispatchError`: 1 MiB event and button names, a 10 MB handler error, a
//!   1 MB panic;
//! - `ReplayError` and the replay's report: a recording with 1 MiB names;
//! - `SessionError` (its `Display` and its `Debug`): a session's 2 MB version, 3 MB widget
//!   name, 1 MiB event name and location.
//!
//! The browser's side (the console and the page's list) is in `tests/browser.rs`.

use desk_runtime::desk::{HostError, Limit, Query, Request, RequestError};
use desk_runtime::events::{DecodeError, TicketStatusChanged};
use desk_runtime::extension::Refusal;
use desk_runtime::modal::MODAL_INPUT;
use desk_runtime::prelude::*;
use desk_runtime::sim::{FireError, ReplayError, Session, SessionError, SimulatedDesk};
use desk_runtime::{Dispatch, DispatchError, Widget};
use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Display;

/// The longest message, in bytes.
const LIMIT: usize = 300;
const MIB: usize = 1 << 20;
const CRM: &str = "https://crm.example.com/contacts";

/// Checks that `error`'s message is bounded, and that it is the message expected (it starts
/// with `start`) cut with an ellipsis. A failure shows the message's length and its start only.
fn assert_bounded(error: &dyn Display, start: &str) {
    let message = error.to_string();
    let head: String = message.chars().take(160).collect();
    assert!(
        message.len() <= LIMIT,
        "a message of {} bytes: {head}...",
        message.len()
    );
    assert!(message.starts_with(start), "not `{start}...`: {head}");
    assert!(message.ends_with("..."), "not cut: {message}");
}

// ---------------------------------------------------------------------------------------------
// The widgets
// ---------------------------------------------------------------------------------------------

/// A message whose counts are keyed by the sender: a decode error's path runs through a key.
#[derive(Debug, Clone, Serialize, Deserialize, Message)]
#[message(name = "test.tally")]
pub struct Tally {
    /// How many of each, by name.
    pub counts: BTreeMap<String, u32>,
}

/// Makes the calls the test sets up, and keeps what came of them.
#[derive(Default)]
pub struct Panel {
    url: String,
    key: String,
    failure: String,
    request: Option<RequestError>,
    storage: Option<HostError>,
    names: usize,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) {
        self.request = desk.request(Request::get(self.url.clone())).await.err();
    }

    #[on("call.completed")]
    async fn completed(&mut self, desk: &Desk<Self>) {
        let query = Query::Key(self.key.clone());
        self.storage = desk.storage().get(&query, None, None).await.err();
    }

    #[on("ticket_status.changed")]
    fn status(&mut self, change: TicketStatusChanged) -> Result<(), String> {
        match change.status.as_str() {
            "Panic" => panic!("cannot handle {}", self.failure),
            _ => Err(self.failure.clone()),
        }
    }

    #[on_message]
    fn tally(&mut self, tally: Tally) {
        self.names = tally.counts.len();
    }
}

/// A modal whose input is keyed by its opener.
#[derive(Default)]
pub struct Form(usize);

#[desk_widget(modal)]
impl Form {
    #[on_open]
    fn open(&mut self, input: BTreeMap<String, u32>) {
        self.0 = input.len();
    }
}

impl Page for Panel {
    fn render(&self) -> String {
        String::new()
    }
}

impl Page for Form {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Bounded",
    storage: true,
    whitelisted_domains: ["https://crm.example.com"],
    widgets: { "Panel": Panel },
    modals: { "Form": Form },
}

/// The panel's request to `url`, answered with the proxy's `answer` as given: its error.
fn request_error(url: &str, answer: Option<Value>) -> RequestError {
    let mut desk = SimulatedDesk::mount(Panel {
        url: url.to_owned(),
        ..Panel::default()
    });
    if let Some(answer) = answer {
        desk.answer_request_raw("GET", url, answer);
    }
    desk.fire_sample("call.ringing").unwrap();
    desk.widget_mut()
        .request
        .take()
        .expect("the request failed")
}

// ---------------------------------------------------------------------------------------------
// Desk and the services it proxies
// ---------------------------------------------------------------------------------------------

#[test]
fn a_10_mb_proxy_answer_that_is_not_json() {
    let html = format!("<html>{}", "x".repeat(10 * MIB));
    // The outer layer, then the inner one.
    let outer = request_error(CRM, Some(json!(html)));
    assert!(matches!(outer, RequestError::Malformed(_)), "{outer:?}");
    assert_bounded(&outer, "the proxy's answer is malformed: not JSON: ");
    let inner = json!(json!({ "response": html }).to_string());
    let inner = request_error(CRM, Some(inner));
    assert_bounded(
        &inner,
        "the proxy's answer is malformed: `response` is not JSON: ",
    );
}

#[test]
fn a_10_mb_status_message() {
    let mut desk = SimulatedDesk::mount(Panel {
        url: CRM.to_owned(),
        ..Panel::default()
    });
    desk.answer_request("GET", CRM, 500, json!("x".repeat(10 * MIB)));
    desk.fire_sample("call.ringing").unwrap();
    let error = desk.widget().request.clone().expect("the service failed");
    let RequestError::Service { message, .. } = &error else {
        panic!("{error:?}")
    };
    // The message is the service's, in full; its display is bounded.
    assert_eq!(message.len(), 10 * MIB);
    assert_bounded(&error, "the service answered 500: xxx");
}

#[test]
fn a_10_mb_refusal_from_desk() {
    let refusal = json!({ "status": "failure", "message": "x".repeat(10 * MIB) });
    let error = request_error(CRM, Some(refusal));
    let RequestError::Host(host @ HostError::Failed { .. }) = &error else {
        panic!("{error:?}")
    };
    assert_bounded(host, "Desk refused `request(");
    assert_bounded(&error, "Desk refused `request(");
}

#[test]
fn a_10_mb_url() {
    let path = "x".repeat(10 * MIB);
    // Whitelisted, but nothing answers it: the SDK's failure quotes the URL.
    let error = request_error(&format!("{CRM}/{path}"), None);
    let RequestError::Host(host @ HostError::Sdk(_)) = &error else {
        panic!("{error:?}")
    };
    assert_bounded(
        host,
        "the Desk SDK failed: no answer scripted for `GET https://crm",
    );
    assert_bounded(&error, "the Desk SDK failed: ");
    // Not whitelisted: refused before any call, quoting the URL.
    let error = request_error(&format!("https://{path}.example.com/"), None);
    let RequestError::NotAllowed(refused) = &error else {
        panic!("{error:?}")
    };
    assert!(
        matches!(refused.refusal(), Refusal::DomainNotWhitelisted { .. }),
        "{refused:?}"
    );
    // The URL itself is quoted cut (`QUOTED_URL_BYTES`), so the message ends whole.
    for message in [refused.to_string(), error.to_string()] {
        assert!(
            message.len() <= LIMIT,
            "a message of {} bytes",
            message.len()
        );
        assert!(message.starts_with("`https://xxx"), "{message}");
        assert!(
            message.contains("xxx...` is not on a whitelisted domain"),
            "{message}"
        );
    }
}

#[test]
fn a_1_mb_storage_key() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    desk.widget_mut().key = "k".repeat(MIB);
    desk.fire_sample("call.completed").unwrap();
    let error = desk.widget().storage.clone().expect("the key was refused");
    let HostError::Limit(limit @ Limit::StorageKey { .. }) = &error else {
        panic!("{error:?}")
    };
    assert_bounded(limit, "storage `key` `kkk");
    assert_bounded(&error, "refused before any call: storage `key` `kkk");
    // The value's limit quotes its key too (built here: the storage refuses a long key first).
    let stored = Limit::StorageValue {
        key: "k".repeat(MIB),
        bytes: 2048,
    };
    assert_bounded(&stored, "the value stored under `kkk");
}

// ---------------------------------------------------------------------------------------------
// Events, messages and modals
// ---------------------------------------------------------------------------------------------

#[test]
fn a_1_mib_object_key_in_the_path_of_a_decode_error() {
    let key = "k".repeat(MIB);
    let tally = format!(r#"{{"counts": {{"{key}": "many"}}}}"#);
    let mut desk = SimulatedDesk::mount(Panel::default());
    let error = desk.fire("test.tally", &tally).unwrap_err();
    let FireError::Failed(DispatchError::Decode(decode)) = &error else {
        panic!("{error:?}")
    };
    // The path is the sender's, in full; every message is bounded.
    let DecodeError::Payload { path, .. } = decode else {
        panic!("{decode:?}")
    };
    assert_eq!(path.len(), "counts.".len() + MIB);
    assert_bounded(decode, "bad `test.tally` payload at `counts.kkk");
    assert_bounded(&error, "bad `test.tally` payload at `counts.kkk");
    // As the error hooks get it.
    let (_, logged) = desk.failures().next().expect("logged");
    assert_bounded(logged, "bad `test.tally` payload at `counts.kkk");
    // A modal's input.
    let mut modal = SimulatedDesk::mount(Form::default());
    let input = format!(r#"{{"{key}": -1}}"#);
    let error = modal.fire(MODAL_INPUT, &input).unwrap_err();
    assert_bounded(&error, &format!("bad `{MODAL_INPUT}` payload at `kkk"));
    // The decoder's own error: its message and its `Debug`, which adds the path.
    let error = desk_runtime::json::from_str::<BTreeMap<String, u32>>(&input).unwrap_err();
    assert_eq!(error.path().len(), MIB);
    assert_bounded(
        &format!("{error:?}"),
        "invalid value: integer `-1`, expected u32 at `kkk",
    );
}

/// Refuses any string with the string itself as the message: a sender's custom message.
struct Echo;

impl<'de> Deserialize<'de> for Echo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Err(D::Error::custom(String::deserialize(deserializer)?))
    }
}

#[test]
fn a_10_mb_custom_message_of_the_decoder() {
    let json = format!(r#""{}""#, "x".repeat(10 * MIB));
    let error = desk_runtime::json::from_str::<Echo>(&json).err().unwrap();
    assert_bounded(&error, "xxx");
    let error = DecodeError::payload("call.ringing", String::new(), &error);
    assert_bounded(&error, "bad `call.ringing` payload: xxx");
}

#[test]
fn a_1_mib_event_name() {
    let field = "f".repeat(MIB);
    // Of the catalog, but not at the panel's location.
    let form_event = format!("ticketForm_{field}.changed");
    let mut desk = SimulatedDesk::mount(Panel::default());
    let error = desk.fire(&form_event, "{}").unwrap_err();
    assert!(matches!(error, FireError::NotAvailable { .. }), "{error:?}");
    assert_bounded(&error, "`ticketForm_fff");
    // Not of the catalog.
    let error = desk.fire(&field, "{}").unwrap_err();
    assert!(matches!(error, FireError::UnknownEvent(_)), "{error:?}");
    assert_bounded(&error, "");
    // Decoded by the form-field event's payload type, which the path quotes too.
    let payload = format!(r#"{{"ticketForm.{field}": {{"oldValue": 1, "newValue": ""}}}}"#);
    let error = desk_runtime::events::decode(&form_event, &payload).unwrap_err();
    assert_bounded(&error, "bad `ticketForm_fff");
    // A button that is not there.
    let error = desk.click(&field).unwrap_err();
    assert!(matches!(error, FireError::NotClickable { .. }), "{error:?}");
    assert_bounded(&error, "the widget has no `#[on_click(\"fff");
    // Dispatched directly to a widget that does not subscribe to it.
    let mut panel = Panel::default();
    let Dispatch::Done(Err(error)) = panel.dispatch(&field, "{}", &Desk::detached()) else {
        panic!("dispatched")
    };
    assert!(
        matches!(error, DispatchError::NotSubscribed { .. }),
        "{error:?}"
    );
    assert_bounded(&error, "the widget does not subscribe to `fff");
}

#[test]
fn a_10_mb_handler_error_and_panic() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    desk.widget_mut().failure = "x".repeat(10 * MIB);
    let error = desk
        .fire("ticket_status.changed", r#"{"ticket.status": "Fail"}"#)
        .unwrap_err();
    let FireError::Failed(failed @ DispatchError::Handler { .. }) = &error else {
        panic!("{error:?}")
    };
    assert_bounded(failed, "the `ticket_status.changed` handler failed: xxx");
    assert_bounded(&error, "the `ticket_status.changed` handler failed: xxx");
    // A megabyte only: the test's panic hook prints the message.
    desk.widget_mut().failure = "x".repeat(MIB);
    let error = desk
        .fire("ticket_status.changed", r#"{"ticket.status": "Panic"}"#)
        .unwrap_err();
    assert!(
        matches!(error, FireError::Failed(DispatchError::Panicked { .. })),
        "{error:?}"
    );
    assert_bounded(
        &error,
        "the `ticket_status.changed` handler panicked, and the widget stopped: cannot handle xxx",
    );
}

// ---------------------------------------------------------------------------------------------
// Recordings
// ---------------------------------------------------------------------------------------------

#[test]
fn a_recording_with_1_mib_names() {
    let name = "n".repeat(MIB);
    let recording = format!(
        "{{\"event\": \"call.ringing\", \"{name}\": 1}}\n\
         {{\"event\": \"{name}\", \"payload\": {{}}}}\n"
    );
    let mut desk = SimulatedDesk::mount(Panel::default());
    let replay = desk.replay(&recording);
    let errors: Vec<&ReplayError> = replay
        .entries
        .iter()
        .map(|entry| entry.result.as_ref().unwrap_err())
        .collect();
    assert!(
        matches!(errors[0], ReplayError::Malformed(_)),
        "{:?}",
        errors[0]
    );
    assert_bounded(errors[0], "malformed record: unknown field `nnn");
    assert!(matches!(errors[1], ReplayError::Fire(_)), "{:?}", errors[1]);
    assert_bounded(errors[1], "");
    // The report: each line's event name and error, bounded each.
    let report = replay.to_string();
    for line in report.lines() {
        assert!(
            line.len() <= 2 * LIMIT + 20,
            "a line of {} bytes",
            line.len()
        );
    }
}

#[allow(clippy::unused_self)]
mod the_widgets_own_errors {
    use super::LIMIT;
    use desk_runtime::prelude::*;
    use desk_runtime::sim::SimulatedDesk;

    #[derive(Default)]
    pub struct Own;

    #[desk_widget(location = "desk.extension.telephony")]
    impl Own {
        #[on("call.ringing")]
        fn ringing(&mut self) -> Result<(), desk_runtime::Error> {
            Err(desk_runtime::Error::other("x".repeat(1 << 20)))
        }

        #[hook("ticket.reply", otherwise = allow)]
        fn reply(
            &self,
            _reply: desk_runtime::hook::TicketReply,
        ) -> Result<desk_runtime::hook::Verdict, Huge> {
            Err(Huge)
        }
    }

    /// An error of the widget's own type, whose `Display` writes a megabyte.
    pub struct Huge;

    impl std::fmt::Display for Huge {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&"z".repeat(1 << 20))
        }
    }

    impl Page for Own {
        fn render(&self) -> String {
            String::new()
        }
    }

    desk_runtime::extension! { name: "Own", widgets: { "Own": Own } }

    #[test]
    fn a_1_mib_error_of_the_widgets_own_is_cut_where_it_is_kept() {
        let own = desk_runtime::Error::other("y".repeat(1 << 20));
        assert!(own.to_string().len() <= LIMIT);
        let mut desk = SimulatedDesk::new(Own);
        let error = desk.fire_sample("call.ringing").unwrap_err();
        assert!(error.to_string().len() <= LIMIT);
        // What the log keeps (and `unwrap` prints) is cut too, not the whole megabyte.
        assert!(
            format!("{error:?}").len() <= 2 * LIMIT,
            "{} bytes",
            format!("{error:?}").len()
        );
    }

    #[test]
    fn a_1_mib_error_of_a_hook_handler_is_cut_where_it_is_kept() {
        let mut desk = SimulatedDesk::new(Own);
        let verdict = desk.attempt("ticket.reply", "{}").unwrap();
        assert_eq!(verdict, desk_runtime::hook::Verdict::Allow);
        let (hook, error) = desk.failures().last().unwrap();
        assert_eq!(hook, "ticket.reply");
        assert!(error.to_string().len() <= LIMIT);
        // What the outcome hooks get, and `Debug` prints, is cut too.
        assert!(
            format!("{error:?}").len() <= 2 * LIMIT,
            "{} bytes",
            format!("{error:?}").len()
        );
    }
}

/// A session's header and its page's `app` line, at `location` (its `App` too).
fn session_of(location: &str) -> String {
    format!(
        "{{\"recording\":\"desk-widgets\",\"version\":2,\"extension\":\"x\"}}\n\
         {{\"kind\":\"app\",\"widget\":\"P\",\"location\":\"{location}\",\"load\":\"a\",\"t\":1,\"app\":\
         {{\"uniqueID\":\"1\",\"extensionID\":\"2\",\"location\":\"{location}\",\"locale\":\"en\"}}}}\n"
    )
}

/// Checks that both the message and the `Debug` of `error` are bounded: `unwrap` prints the
/// `Debug`.
fn assert_session_bounded(error: &SessionError, start: &str) {
    assert_bounded(error, start);
    let debug = format!("{error:?}");
    assert_bounded(&debug, "SessionError::");
}

#[test]
fn a_session_with_megabyte_names() {
    // A 2 MB version.
    let version = format!("\"{}\"", "v".repeat(2_000_000));
    let text = session_of("desk.ticket.detail.rightpanel").replacen(
        "\"version\":2",
        &format!("\"version\":{version}"),
        1,
    );
    let error = Session::parse(&text).unwrap_err();
    assert!(matches!(error, SessionError::Format { .. }), "{error}");
    assert_session_bounded(
        &error,
        "line 1 is not a recording's (version 2): version \"vvv",
    );
    // A 3 MB widget name, which the recording has no page of.
    let session = Session::parse(&session_of("desk.ticket.detail.rightpanel")).unwrap();
    let name = "W".repeat(3_000_000);
    let error = SimulatedDesk::new(Panel::default())
        .replay_session(&session, &name)
        .unwrap_err();
    assert_session_bounded(&error, "the recording has no page of the widget `WWW");
    // A 1 MiB location.
    let session = Session::parse(&session_of(&"l".repeat(MIB))).unwrap();
    let error = SimulatedDesk::new(Panel::default())
        .replay_session(&session, "P")
        .unwrap_err();
    assert_session_bounded(&error, "line 2 is at `lll");
    // An `App` at a 1 MiB location.
    let text = session_of("desk.ticket.detail.rightpanel").replacen(
        "\"location\":\"desk.ticket.detail.rightpanel\",\"locale\"",
        &format!("\"location\":\"{}\",\"locale\"", "l".repeat(MIB)),
        1,
    );
    let session = Session::parse(&text).unwrap();
    let error = SimulatedDesk::new(Panel::default())
        .replay_session(&session, "P")
        .unwrap_err();
    assert_session_bounded(&error, "the `App` of line 2 is at `lll");
    // A 1 MiB event name the widget does not subscribe to.
    let event = format!(
        "{}{{\"kind\":\"event\",\"widget\":\"P\",\"location\":\"desk.ticket.detail.rightpanel\",\
         \"load\":\"a\",\"t\":2,\"id\":1,\"event\":\"{}\",\"payload\":null}}\n",
        session_of("desk.ticket.detail.rightpanel"),
        "e".repeat(MIB)
    );
    let session = Session::parse(&event).unwrap();
    let error = SimulatedDesk::new(Panel::default())
        .replay_session(&session, "P")
        .unwrap_err();
    assert_session_bounded(&error, "the page got `eee");
    // A second load asked of a page with a 1 MiB widget name, loaded once.
    let name = "W".repeat(MIB);
    let text = session_of("desk.ticket.detail.rightpanel").replace("\"P\"", &format!("\"{name}\""));
    let session = Session::parse(&text).unwrap();
    let error = SimulatedDesk::new(Panel::default())
        .replay_load(&session, &name, 1)
        .unwrap_err();
    assert!(matches!(error, SessionError::NoLoad { .. }), "{error}");
    assert_session_bounded(
        &error,
        "no page load of index 1 (from 0): the recording has 1 of the widget `WWW",
    );
}
