//! Widgets that talk back, on the simulated Desk: `async` handlers that await Desk and change
//! the widget's state, the order of events that arrive meanwhile, the mount handler, and every
//! kind of call with its answers and its failures.

use desk_runtime::desk::property::{TicketComment, TicketEmail, UserFullName};
use desk_runtime::desk::{
    Entry, HostError, Limit, Notification, Popup, Query, Request, RequestError,
};
use desk_runtime::events::{CallRinging, TicketStatusChanged};
use desk_runtime::extension::NotAllowed;
use desk_runtime::json::Value;
use desk_runtime::prelude::*;
use desk_runtime::sim::{FireError, Outcome, SimulatedDesk};
use desk_runtime::{DispatchError, samples};
use serde::Deserialize;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Debug, Default)]
struct Phone {
    agent: Option<String>,
    email: Option<String>,
    callers: Vec<String>,
    statuses: Vec<String>,
}

#[derive(Deserialize)]
struct Contact {
    name: String,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Phone {
    #[on("extension.onload")]
    async fn loaded(&mut self, app: App, desk: &Desk<Self>) -> Result<(), HostError> {
        assert_eq!(app.location, "desk.ticket.detail.rightpanel");
        self.agent = Some(desk.get::<UserFullName>().await?);
        Ok(())
    }

    #[on("call.ringing")]
    async fn ringing(&mut self, call: CallRinging, desk: &Desk<Self>) -> Result<(), String> {
        self.email = Some(desk.get::<TicketEmail>().await.map_err(|e| e.to_string())?);
        let request = Request::get("https://crm.example.com/contacts").query("phone", &call.number);
        let contact: Contact = desk
            .request(request)
            .await
            .and_then(|response| response.json())
            .map_err(|e| e.to_string())?;
        self.callers.push(contact.name);
        Ok(())
    }

    #[on("ticket_status.changed")]
    fn status(&mut self, change: TicketStatusChanged) {
        self.statuses.push(change.status);
    }

    #[on("call.completed")]
    async fn completed(&self, desk: &Desk<Self>) -> Result<(), HostError> {
        desk.set(TicketComment("Called back".to_owned())).await
    }
}

impl Page for Phone {
    fn render(&self) -> String {
        self.callers.join(", ")
    }
}

desk_runtime::extension! {
    name: "Phone",
    storage: true,
    whitelisted_domains: ["https://crm.example.com"],
    widgets: { "Phone": Phone },
}

fn ringing(number: &str) -> String {
    samples::sample("call.ringing")
        .unwrap()
        .replace("9837650000", number)
}

/// A simulated Desk with the agent, the ticket and the CRM's answer for one number.
fn desk() -> SimulatedDesk<Phone> {
    let mut desk = SimulatedDesk::new(Phone::default());
    desk.set_data("user.fullName", json!("Ada Agent"));
    desk.set_data("ticket.email", json!("caller@example.com"));
    desk.answer_request(
        "GET",
        "https://crm.example.com/contacts",
        200,
        json!({ "name": "Grace Caller" }),
    );
    desk.load().unwrap();
    desk
}

#[test]
fn the_mount_handler_reads_what_the_widget_needs() {
    let desk = desk();
    assert_eq!(desk.widget().agent.as_deref(), Some("Ada Agent"));
    assert_eq!(desk.calls()[0].to_string(), r#"get("user.fullName")"#);
}

#[test]
fn an_async_handler_awaits_get_and_request_then_changes_state() {
    let mut desk = desk();
    desk.fire("call.ringing", &ringing("555")).unwrap();
    assert_eq!(desk.widget().email.as_deref(), Some("caller@example.com"));
    assert_eq!(desk.widget().callers, ["Grace Caller"]);
    assert_eq!(desk.page(), "Grace Caller");
    let calls: Vec<String> = desk.calls().iter().map(ToString::to_string).collect();
    assert_eq!(calls[1], r#"get("ticket.email")"#);
    assert!(
        calls[2].starts_with(r#"request({"data":{"phone":"555"},"headers":{},"postBody":{},"type":"GET","url":"https://crm.example.com/contacts""#),
        "{}",
        calls[2]
    );
}

#[test]
fn events_that_arrive_while_a_handler_awaits_wait_and_arrive_in_order() {
    let mut desk = desk();
    desk.hold_answers();
    desk.fire("call.ringing", &ringing("1")).unwrap();
    assert!(desk.is_waiting());
    desk.fire("ticket_status.changed", r#"{"ticket.status": "Open"}"#)
        .unwrap();
    desk.fire("call.ringing", &ringing("2")).unwrap();
    desk.fire("ticket_status.changed", r#"{"ticket.status": "Closed"}"#)
        .unwrap();
    // Nothing ran behind the waiting handler, and nothing was dropped.
    assert_eq!(desk.deliveries().len(), 1); // the mount handler
    desk.release_answers();
    assert!(!desk.is_waiting());
    let widget = desk.widget();
    assert_eq!(widget.callers, ["Grace Caller", "Grace Caller"]);
    assert_eq!(widget.statuses, ["Open", "Closed"]);
    let order: Vec<(u64, &str)> = desk
        .deliveries()
        .iter()
        .map(|d| (d.number, d.event.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            (1, "extension.onload"),
            (2, "call.ringing"),
            (3, "ticket_status.changed"),
            (4, "call.ringing"),
            (5, "ticket_status.changed"),
        ]
    );
}

#[test]
fn the_error_of_an_awaited_call_reaches_the_error_hook_with_the_event() {
    let mut desk = SimulatedDesk::new(Phone::default());
    desk.set_data("user.fullName", json!("Ada"));
    desk.load().unwrap();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&seen);
    desk.on_error(move |event, error| sink.borrow_mut().push(format!("{event}: {error}")));
    // No `ticket.email` on this Desk: Desk answers a failure.
    let error = desk.fire("call.ringing", &ringing("555")).unwrap_err();
    assert!(matches!(
        error,
        FireError::Failed(DispatchError::Handler { .. })
    ));
    let seen = seen.borrow();
    assert_eq!(seen.len(), 1);
    assert!(
        seen[0].starts_with(
            r#"call.ringing: the `call.ringing` handler failed: Desk refused `get("ticket.email")`"#
        ),
        "{}",
        seen[0]
    );
    // The widget keeps working.
    drop(seen);
    desk.fire("ticket_status.changed", r#"{"ticket.status": "Open"}"#)
        .unwrap();
    assert_eq!(desk.widget().statuses, ["Open"]);
}

#[test]
fn an_answer_of_the_wrong_type_is_a_typed_error_naming_the_property() {
    let mut desk = desk();
    desk.set_data("ticket.email", json!(5));
    desk.load().unwrap();
    let error = desk.fire("call.ringing", &ringing("555")).unwrap_err();
    // serde's message, without a position in a text the widget never saw.
    let FireError::Failed(DispatchError::Handler { message, .. }) = error else {
        panic!("{error:?}");
    };
    assert_eq!(
        message,
        "unexpected answer from Desk: `ticket.email`: invalid type: integer `5`, expected a string"
    );
}

#[test]
fn a_failing_mount_handler_is_logged_like_any_handler() {
    let mut desk = SimulatedDesk::new(Phone::default());
    let error = desk.load().unwrap_err();
    assert!(error.to_string().contains("user.fullName"), "{error}");
    assert!(matches!(desk.deliveries()[0].outcome, Outcome::Failed(_)));
}

#[test]
fn set_sends_the_documented_shape() {
    let mut desk = desk();
    desk.fire_sample("call.completed").unwrap();
    assert_eq!(
        desk.calls().last().unwrap().to_string(),
        r#"set("ticket.comment", {"content":"Called back"})"#
    );
}

/// A widget of an extension without storage and without whitelisted domains, whose handler
/// makes one call and keeps what came of it.
#[derive(Debug, Default)]
struct Caller {
    outcome: Vec<String>,
}

#[desk_widget(location = "desk.bottomband")]
impl Caller {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) {
        for url in ["https://crm.example.com/x", "https://other.example.com/y"] {
            let result = desk.request(Request::get(url)).await;
            self.outcome.push(match result {
                Ok(response) => format!("{:?} {}", response.status, response.body),
                Err(error) => format!("{error:?}"),
            });
        }
    }
}

impl Page for Caller {
    fn render(&self) -> String {
        String::new()
    }
}

mod caller_extension {
    desk_runtime::extension! {
        name: "Caller",
        whitelisted_domains: ["https://crm.example.com"],
        widgets: { "Caller": super::Caller },
    }
}

#[test]
fn a_request_to_a_domain_that_is_not_whitelisted_is_refused_before_any_call() {
    let mut desk = SimulatedDesk::mount(Caller::default());
    desk.answer_request("GET", "https://crm.example.com/x", 200, json!("ok"));
    desk.fire_sample("call.ringing").unwrap();
    let outcome = &desk.widget().outcome;
    assert_eq!(outcome[0], r#"Some(200) "ok""#);
    assert!(
        outcome[1].starts_with("NotAllowed(DomainNotWhitelisted"),
        "{}",
        outcome[1]
    );
    assert_eq!(desk.calls().len(), 1);
}

/// What an error must be.
type Expected = fn(&RequestError) -> bool;

#[test]
fn malformed_and_failed_request_answers_are_typed_errors() {
    let service_failure = json!({
        "response": json!({ "status": "false", "statusMessage": "no such number" }).to_string(),
        "statusCode": 404,
    });
    let answers: [(Value, Expected); 4] = [
        // Not JSON at all.
        (json!("<html>502</html>"), |e| {
            matches!(e, RequestError::Malformed(_))
        }),
        // No `response`.
        (json!(r#"{"statusCode": 200}"#), |e| {
            matches!(e, RequestError::Malformed(_))
        }),
        // A `response` that is not JSON.
        (json!(r#"{"response": "{oops"}"#), |e| {
            matches!(e, RequestError::Malformed(_))
        }),
        // The service's failure, with its status and message.
        (
            json!(service_failure.to_string()),
            |e| matches!(e, RequestError::Service { status: Some(404), message } if message == "no such number"),
        ),
    ];
    for (answer, expected) in answers {
        let mut desk = SimulatedDesk::mount(Checker::default());
        desk.answer_request_raw("GET", "https://crm.example.com/x", answer.clone());
        desk.fire_sample("call.ringing").unwrap();
        let result = desk.widget().result.clone().expect("the handler ran");
        let error = result.expect_err("an error");
        assert!(expected(&error), "{answer}: {error:?}");
    }
}

/// Keeps the request's result itself.
#[derive(Debug, Default)]
struct Checker {
    result: Option<Result<String, RequestError>>,
}

#[desk_widget(location = "desk.bottomband")]
impl Checker {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) {
        let result = desk
            .request(Request::get("https://crm.example.com/x"))
            .await
            .map(|response| response.body);
        self.result = Some(result);
    }
}

impl Page for Checker {
    fn render(&self) -> String {
        String::new()
    }
}

mod checker_extension {
    desk_runtime::extension! {
        name: "Checker",
        whitelisted_domains: ["https://crm.example.com"],
        widgets: { "Checker": super::Checker },
    }
}

/// Writes the entries it is given to storage, and keeps the result.
#[derive(Debug, Default)]
struct Store {
    entries: Vec<Entry>,
    result: Option<Result<(), HostError>>,
    found: Vec<Entry>,
    confirmed: Option<bool>,
}

#[desk_widget(location = "desk.background")]
impl Store {
    #[on("call.ringing")]
    async fn store(&mut self, desk: &Desk<Self>) {
        self.result = Some(desk.storage().set(&self.entries).await);
        if let Some(Ok(())) = self.result {
            self.found = desk
                .storage()
                .get(&Query::Queriable("today".to_owned()), None, None)
                .await
                .unwrap();
        }
    }

    #[on("call.completed")]
    async fn ask(&mut self, desk: &Desk<Self>) {
        self.confirmed = Some(
            desk.confirm(Popup {
                title: "Log it?".into(),
                ..Popup::default()
            })
            .await
            .unwrap(),
        );
        desk.notify(Notification {
            content: "logged".into(),
            ..Notification::default()
        })
        .await
        .unwrap();
    }
}

impl Page for Store {
    fn render(&self) -> String {
        String::new()
    }
}

mod store_extension {
    desk_runtime::extension! {
        name: "Store",
        storage: true,
        widgets: { "Store": super::Store },
    }
}

fn entry(key: &str, value: Value) -> Entry {
    Entry {
        key: key.to_owned(),
        value,
        queriable_value: Some("today".to_owned()),
    }
}

#[test]
fn storage_stores_in_memory_and_finds_by_queriable_value() {
    let mut desk = SimulatedDesk::mount(Store::default());
    desk.widget_mut().entries = vec![entry("call:1", json!(1)), entry("call:2", json!(2))];
    desk.fire_sample("call.ringing").unwrap();
    assert_eq!(desk.widget().result, Some(Ok(())));
    assert_eq!(desk.widget().found.len(), 2);
    assert_eq!(desk.storage().len(), 2);
}

#[test]
fn storage_limits_are_refused_before_any_call_each_naming_its_limit() {
    let cases: [(Vec<Entry>, &str); 4] = [
        (
            (0..11).map(|i| entry(&format!("k{i}"), json!(i))).collect(),
            "11 storage entries at once: at most 10",
        ),
        (
            vec![entry(&"k".repeat(51), json!(1))],
            "at most 50 characters",
        ),
        (
            vec![entry("no spaces", json!(1))],
            "letters, digits, `,`, `_` and `:` only",
        ),
        (vec![entry("big", json!("x".repeat(1100)))], "at most 1024"),
    ];
    for (entries, limit) in cases {
        let mut desk = SimulatedDesk::mount(Store::default());
        desk.widget_mut().entries = entries;
        desk.fire_sample("call.ringing").unwrap();
        let Some(Err(error @ HostError::Limit(_))) = &desk.widget().result else {
            panic!("{limit}: {:?}", desk.widget().result);
        };
        assert!(error.to_string().contains(limit), "{error}");
        assert!(desk.calls().is_empty(), "no call for {limit}");
    }
    // The limit's own type, for code that tells them apart.
    let mut desk = SimulatedDesk::mount(Store::default());
    desk.widget_mut().entries = vec![entry("no spaces", json!(1))];
    desk.fire_sample("call.ringing").unwrap();
    assert!(matches!(
        desk.widget().result,
        Some(Err(HostError::Limit(Limit::StorageKey {
            field: "key",
            ..
        })))
    ));
}

#[test]
fn popups_are_answered_by_the_test_and_notifications_recorded() {
    let mut desk = SimulatedDesk::mount(Store::default());
    desk.answer_popup(true);
    desk.fire_sample("call.completed").unwrap();
    assert_eq!(desk.widget().confirmed, Some(true));
    let calls: Vec<String> = desk.calls().iter().map(ToString::to_string).collect();
    assert_eq!(
        calls,
        [
            r#"showpopup({"content":"","title":"Log it?","type":"confirmation"})"#,
            r#"notify({"content":"logged","icon":"failure"})"#,
        ]
    );
}

#[test]
fn a_widget_that_never_talks_back_has_no_host_to_call() {
    #[derive(Default)]
    struct Quiet(usize);

    #[desk_widget(location = "desk.bottomband")]
    impl Quiet {
        #[on("call.ringing")]
        fn ringing(&mut self) {
            self.0 += 1;
        }
    }

    const { assert!(!<Quiet as Widget>::TALKS_BACK && !<Quiet as Widget>::ASYNC) };
    const { assert!(<Phone as Widget>::TALKS_BACK && <Phone as Widget>::ASYNC) };
    let _ = NotAllowed::refusal;
}

#[test]
fn a_recorded_session_replays_with_desks_answers() {
    let recording = r#"
{"data": {"user.fullName": "Ada", "ticket.email": "grace@example.com"}}
{"request": {"method": "GET", "url": "https://crm.example.com/contacts", "status": 200, "body": {"name": "Grace"}}}
{"event": "call.ringing", "payload": {"callType": "inbound", "number": "1", "entityName": "x", "callState": "ringing", "ctinumber": "", "isCallAssociated": false, "ztiCallId": "7"}}
{"request": {"method": "GET", "url": "https://crm.example.com/contacts", "status": 500, "body": "down"}}
{"event": "call.ringing", "payload": {"callType": "inbound", "number": "2", "entityName": "x", "callState": "ringing", "ctinumber": "", "isCallAssociated": false, "ztiCallId": "8"}}
{"answer": 1}
"#;
    let mut desk = SimulatedDesk::mount(Phone::default());
    let replay = desk.replay(recording);
    assert_eq!(desk.widget().callers, ["Grace"]);
    let failed: Vec<usize> = replay.failures().map(|entry| entry.line).collect();
    assert_eq!(failed, [6, 7], "{replay}");
    assert!(
        replay.to_string().contains(
            "line 6 call.ringing: the `call.ringing` handler failed: the service answered 500: down"
        ),
        "{replay}"
    );
    assert!(
        replay.to_string().contains("line 7: malformed record"),
        "{replay}"
    );
}

/// Makes calls it never awaits, then one it does.
#[derive(Default)]
struct Unawaited {
    agent: Option<String>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Unawaited {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) {
        let get = desk.get::<UserFullName>();
        let set = desk.set(TicketComment("never".into()));
        let notify = desk.notify(Notification::default());
        drop((get, set, notify));
        self.agent = desk.get::<UserFullName>().await.ok();
    }
}

impl Page for Unawaited {
    fn render(&self) -> String {
        String::new()
    }
}

mod unawaited_extension {
    desk_runtime::extension! { name: "Unawaited", widgets: { "Unawaited": super::Unawaited } }
}

/// "Each call to Desk is a future: nothing is sent until it is awaited" (the guide's chapter
/// 2): calls made and dropped reach Desk not at all.
#[test]
fn a_call_that_is_not_awaited_is_not_sent() {
    let mut desk = SimulatedDesk::mount(Unawaited::default());
    desk.set_data("user.fullName", json!("Ada Agent"));
    desk.fire_sample("call.ringing").unwrap();
    assert_eq!(desk.widget().agent.as_deref(), Some("Ada Agent"));
    let calls: Vec<String> = desk.calls().iter().map(ToString::to_string).collect();
    assert_eq!(calls, [r#"get("user.fullName")"#]);
}
