//! The browser host's binding to the Desk SDK, in a real browser: `cargo test --target
//! wasm32-unknown-unknown --features browser --test browser` (wasm-bindgen-test-runner with
//! headless Chromium), on the SDK stand-in that `cargo xtask browser-test` uses too
//! (`tests/support/zohodesk-sdk-standin.js`).
#![cfg(all(target_arch = "wasm32", feature = "browser"))]

#[path = "support/gate.rs"]
mod gate;

#[path = "support/spellings.rs"]
mod spellings;

use desk_runtime::browser::Mount;
use desk_runtime::desk::property::{PortalId, Ticket, TicketComment, TicketEmail, UserFullName};
use desk_runtime::desk::{Action, Notification, Popup, Query, Request, RequestError};
use desk_runtime::events::{CallRinging, ModalClosed, TicketStatusChanged};
use desk_runtime::hook::{HOOK_DEADLINE_MS, HOOK_TIMEOUT_MS, Verdict};
use desk_runtime::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support/zohodesk-sdk-standin.js")]
extern "C" {
    fn install(config: JsValue);
    fn uninstall();
    fn answer(call: &str, outcome: JsValue);
    fn fire(event: &str, payload: JsValue);
    fn report() -> String;
    #[wasm_bindgen(js_name = attempt)]
    fn attempt_hook(name: &str, payload: JsValue) -> js_sys::Promise;
    fn release();
    fn advance(ms: u32) -> js_sys::Promise;
    #[wasm_bindgen(js_name = answers)]
    fn hook_answers() -> String;
}

#[wasm_bindgen(inline_js = r#"
// The widget's elements, beside the test runner's own (which must stay).
export function page() {
  for (const [tag, id] of [["main", "app"], ["ul", "errors"]]) {
    let element = document.getElementById(id);
    if (!element) { element = document.createElement(tag); element.id = id; document.body.appendChild(element); }
    element.innerHTML = "";
  }
}
export function html(id) { return document.getElementById(id).innerHTML; }
// The agent clicks the element of `#app` whose `data-click` is `name`.
export function click(name) { document.querySelector(`#app [data-click="${name}"]`).click(); }
// A task later: the stand-in's scripted answers run as tasks of their own.
export function tick() { return new Promise((done) => setTimeout(done, 0)); }
"#)]
extern "C" {
    fn page();
    fn html(id: &str) -> String;
    fn click(name: &str);
    fn tick() -> js_sys::Promise;
}

/// Lets the host's promise callbacks (onload, SDK answers) run.
async fn settle() {
    for _ in 0..3 {
        JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
            .await
            .unwrap();
    }
}

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

fn recorded(key: &str) -> String {
    let report: serde_json::Value = serde_json::from_str(&report()).unwrap();
    report[key].to_string()
}

#[derive(Default, Clone)]
struct Calls {
    numbers: Vec<String>,
    closed: usize,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Calls {
    #[on("call.ringing")]
    fn ringing(&mut self, call: CallRinging) {
        // A handler whose call into the page makes Desk call back at once: the host must queue
        // that event and deliver it after this one, not borrow the widget twice.
        if call.number == "re-enter" {
            fire("modal.closed", JsValue::UNDEFINED);
            assert_eq!(self.closed, 0, "delivered inside another handler");
        }
        self.numbers.push(call.number);
    }

    #[on("modal.closed")]
    fn closed(&mut self, _: ModalClosed) {
        self.closed += 1;
        self.numbers
            .push(format!("closed after {}", self.numbers.len()));
    }
}

impl Page for Calls {
    fn render(&self) -> String {
        format!("{} calls: {}", self.numbers.len(), self.numbers.join(", "))
    }
}

/// Mounts `Calls` on the stand-in; returns the errors its hook saw.
async fn mounted() -> Rc<RefCell<Vec<String>>> {
    install(JsValue::UNDEFINED);
    page();
    let errors = Rc::new(RefCell::new(Vec::new()));
    let failed = Rc::clone(&errors);
    Mount::new(Calls::default())
        .on_error(move |event, error| failed.borrow_mut().push(format!("{event}: {error}")))
        .start();
    settle().await;
    errors
}

fn sample(event: &str) -> JsValue {
    json(&desk_runtime::samples::sample(event).unwrap())
}

#[wasm_bindgen_test]
async fn mounting_registers_each_declared_subscription_once_and_renders() {
    let _ = mounted().await;
    assert_eq!(recorded("registered"), r#"["call.ringing","modal.closed"]"#);
    assert_eq!(html("app"), "0 calls: ");
}

#[path = "support/repeated.rs"]
mod repeated;
use repeated::Repeated;

impl Page for Repeated {
    fn render(&self) -> String {
        self.handled.join(",")
    }
}

#[wasm_bindgen_test]
async fn a_name_listed_twice_is_subscribed_once_and_each_event_handled_once() {
    let errors = mount_on(Repeated::default(), "{}").await;
    assert_eq!(recorded("registered"), r#"["call.ringing","modal.closed"]"#);
    fire("call.ringing", sample("call.ringing"));
    fire("modal.closed", JsValue::UNDEFINED);
    assert_eq!(html("app"), "extension.onload,call.ringing,modal.closed");
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
}

#[wasm_bindgen_test]
async fn js_payloads_reach_their_handlers_typed_and_the_page_shows_them() {
    let errors = mounted().await;
    fire("call.ringing", sample("call.ringing"));
    fire("modal.closed", JsValue::UNDEFINED);
    fire("modal.closed", JsValue::NULL);
    // Extra fields are ignored, absent optional ones are `None`.
    fire(
        "call.ringing",
        json(
            r#"{"callType": "inbound", "number": "555", "entityName": "x", "callState": "ringing",
                "ctinumber": "", "isCallAssociated": false, "ztiCallId": "1", "newField": [1]}"#,
        ),
    );
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
    assert_eq!(
        html("app"),
        "4 calls: 9837650000, closed after 1, closed after 2, 555"
    );
}

#[wasm_bindgen_test]
async fn a_malformed_payload_goes_to_the_hooks_and_the_widget_keeps_working() {
    let errors = mounted().await;
    fire("call.ringing", json(r#"{"number": 42}"#));
    fire("call.ringing", JsValue::UNDEFINED);
    fire("call.ringing", sample("call.ringing"));
    assert_eq!(errors.borrow().len(), 2, "{:?}", errors.borrow());
    assert!(errors.borrow()[0].starts_with("call.ringing: bad `call.ringing` payload"));
    assert_eq!(html("app"), "1 calls: 9837650000");
    // Each failure is on the console and in the page's `#errors` list too.
    assert_eq!(recorded("consoleErrors").matches("desk widget:").count(), 2);
    assert_eq!(html("errors").matches("<li>call.ringing: ").count(), 2);
}

#[wasm_bindgen_test]
async fn an_event_that_arrives_during_a_handler_is_delivered_after_it_in_order() {
    let errors = mounted().await;
    fire(
        "call.ringing",
        json(
            r#"{"callType": "inbound", "number": "re-enter", "entityName": "x",
                "callState": "ringing", "ctinumber": "", "isCallAssociated": false,
                "ztiCallId": "1"}"#,
        ),
    );
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
    assert_eq!(html("app"), "2 calls: re-enter, closed after 1");
}

#[wasm_bindgen_test]
async fn a_missing_sdk_is_reported_not_a_panic() {
    uninstall();
    page();
    let errors = Rc::new(RefCell::new(Vec::new()));
    let failed = Rc::clone(&errors);
    Mount::new(Calls::default())
        .on_error(move |event, error| failed.borrow_mut().push(format!("{event}: {error}")))
        .start();
    settle().await;
    assert_eq!(errors.borrow().len(), 1);
    assert!(
        errors.borrow()[0].starts_with("extension.onload: the Desk SDK did not load"),
        "{:?}",
        errors.borrow()
    );
}

/// Makes the SDK calls of the ticket panel on the stand-in, and keeps what each answered.
#[derive(Default)]
struct Probe {
    results: Vec<String>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Probe {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) {
        let results = [
            format!("{:?}", desk.get::<PortalId>().await),
            format!("{:?}", desk.get::<Ticket>().await),
            format!(
                "{:?}",
                desk.set(TicketComment("Called back".to_owned())).await
            ),
            format!("{:?}", desk.insert_into_reply_editor("Hello").await),
            format!(
                "{:?}",
                desk.invoke(Action::Resize {
                    width: "300px".to_owned(),
                    height: "200px".to_owned()
                })
                .await
            ),
            format!("{:?}", desk.invoke(Action::Hide).await),
            format!(
                "{:?}",
                desk.storage()
                    .get(&Query::Key("k".to_owned()), None, Some(5))
                    .await
            ),
            format!(
                "{:?}",
                desk.confirm(Popup {
                    title: "Log it?".to_owned(),
                    ..Popup::default()
                })
                .await
            ),
            format!(
                "{:?}",
                desk.notify(Notification {
                    content: "Logged".to_owned(),
                    ..Notification::default()
                })
                .await
            ),
        ];
        self.results = results.to_vec();
    }
}

impl Page for Probe {
    fn render(&self) -> String {
        self.results.join("\n")
    }
}

mod probe {
    desk_runtime::extension! {
        name: "Probe",
        storage: true,
        widgets: { "Probe": super::Probe },
    }
}

/// Mounts `Probe` on the stand-in installed with `config`, scripts `answers`, fires one call
/// and returns what each call answered.
async fn probe(config: &str, answers: &[(&str, &str)]) -> Vec<String> {
    install(json(config));
    for (call, outcome) in answers {
        answer(call, json(outcome));
    }
    page();
    Mount::new(Probe::default()).start();
    settle().await;
    fire("call.ringing", sample("call.ringing"));
    for _ in 0..30 {
        settle().await;
    }
    html("app").split('\n').map(str::to_owned).collect()
}

#[wasm_bindgen_test]
async fn calls_send_the_documented_shapes_and_answers_are_unwrapped() {
    let results = probe(
        r#"{"data": {"portal.id": "12345", "ticket": {"name": "x"}}}"#,
        &[(
            "get database",
            r#"{"resolve": {"database.get": {"data": [{"key": "k", "value": 1}]}, "status": "success"}}"#,
        )],
    )
    .await;
    assert_eq!(results[0], r#"Ok("12345")"#);
    assert_eq!(results[1], r#"Ok(Object {"name": String("x")})"#);
    assert!(results[2..6].iter().all(|r| r == "Ok(())"), "{results:?}");
    assert!(
        results[6].starts_with(r#"Ok([Entry { key: "k""#),
        "{}",
        results[6]
    );
    assert_eq!(
        recorded("calls"),
        concat!(
            r#"[["get","portal.id"],["get","ticket"],"#,
            r#"["set","ticket.comment",{"content":"Called back"}],"#,
            r#"["invoke","INSERT","ticket.replyEditor",{"type":"replace","value":"Hello"}],"#,
            r#"["invoke","RESIZE",{"height":"200px","width":"300px"}],"#,
            r#"["invoke","HIDE"],"#,
            r#"["get","database",{"key":"k","limit":5}],"#,
            r#"["showpopup",{"content":"","title":"Log it?","type":"confirmation"}],"#,
            r#"["notify",{"content":"Logged","icon":"failure"}]]"#
        )
    );
}

#[wasm_bindgen_test]
async fn every_failure_answer_is_an_error() {
    let results = probe(
        r#"{"data": {}}"#,
        &[
            // A rejection, a success without the property, a throw, a failure status.
            ("get portal.id", r#"{"reject": "no portal"}"#),
            ("get ticket", r#"{"resolve": {"status": "success"}}"#),
            ("set ticket.comment", r#"{"throw": "bad comment"}"#),
            (
                "invoke HIDE",
                r#"{"resolve": {"status": "failure", "message": "hidden"}}"#,
            ),
            ("get database", r#"{"resolve": {"status": "success"}}"#),
            ("showpopup", r#"{"resolve": {"result": "yes"}}"#),
            ("notify", r#"{"reject": "blocked"}"#),
        ],
    )
    .await;
    assert_eq!(results[0], r#"Err(Sdk("no portal"))"#);
    assert!(results[1].starts_with("Err(Response("), "{}", results[1]);
    assert_eq!(results[2], r#"Err(Sdk("bad comment"))"#);
    assert!(
        results[5].starts_with(r#"Err(Failed { call: "invoke(\"HIDE\")""#),
        "{}",
        results[5]
    );
    assert!(results[6].starts_with("Err(Response("), "{}", results[6]);
    assert!(results[7].starts_with("Err(Response("), "{}", results[7]);
    assert_eq!(results[8], r#"Err(Sdk("blocked"))"#);
}

/// A widget that talks back: its mount handler reads the agent, its `async` handler awaits a
/// `get` and a `request` on the stand-in before it changes its state.
#[derive(Default)]
struct Lookup {
    agent: String,
    callers: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Contact {
    name: String,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Lookup {
    #[on("extension.onload")]
    async fn loaded(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::HostError> {
        self.agent = desk.get::<UserFullName>().await?;
        Ok(())
    }

    #[on("call.ringing")]
    async fn ringing(&mut self, call: CallRinging, desk: &Desk<Self>) -> Result<(), String> {
        let email = desk.get::<TicketEmail>().await.map_err(|e| e.to_string())?;
        let contact: Contact = desk
            .request(Request::get("https://crm.example.com/contacts").query("phone", &call.number))
            .await
            .and_then(|response| response.json())
            .map_err(|e| e.to_string())?;
        self.callers.push(format!("{} <{email}>", contact.name));
        Ok(())
    }

    #[on("ticket_status.changed")]
    fn status(&mut self, change: TicketStatusChanged) {
        self.callers.push(change.status);
    }
}

impl Page for Lookup {
    fn render(&self) -> String {
        desk_runtime::html::escape(&format!("{}: {}", self.agent, self.callers.join(", ")))
    }
}

mod lookup {
    desk_runtime::extension! {
        name: "Lookup",
        whitelisted_domains: ["https://crm.example.com"],
        widgets: { "Lookup": super::Lookup },
    }
}

/// Mounts `Lookup` on the stand-in installed with `config`, then sends a ringing call and a
/// status change one right after the other; returns what the error hooks saw.
async fn lookup_after_two_events(config: &str) -> Vec<String> {
    install(json(config));
    page();
    let errors = Rc::new(RefCell::new(Vec::new()));
    let failed = Rc::clone(&errors);
    Mount::new(Lookup::default())
        .on_error(move |event, error| failed.borrow_mut().push(format!("{event}: {error}")))
        .start();
    settle().await;
    // Sent one after the other, synchronously: the second waits for the first's awaits.
    fire("call.ringing", sample("call.ringing"));
    fire(
        "ticket_status.changed",
        json(r#"{"ticket.status": "Open"}"#),
    );
    for _ in 0..20 {
        settle().await;
    }
    errors.take()
}

#[wasm_bindgen_test]
async fn an_async_handler_awaits_the_sdk_and_later_events_wait_for_it() {
    let errors = lookup_after_two_events(
        r#"{"data": {"user.fullName": "Ada", "ticket.email": "grace@example.com"},
            "requests": {"https://crm.example.com/contacts": {"status": 200, "body": {"name": "Grace"}}}}"#,
    )
    .await;
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(html("app"), "Ada: Grace &lt;grace@example.com&gt;, Open");
    let calls = recorded("calls");
    assert!(calls.contains(r#"["get","user.fullName"]"#), "{calls}");
    assert!(
        calls.contains(r#""data":{"phone":"9837650000"}"#),
        "{calls}"
    );
}

#[wasm_bindgen_test]
async fn a_failed_request_reaches_the_error_hook_and_the_widget_keeps_working() {
    // No service at that URL: the stand-in's proxy throws.
    let errors = lookup_after_two_events(
        r#"{"data": {"user.fullName": "Ada", "ticket.email": "g@example.com"}}"#,
    )
    .await;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("call.ringing: the `call.ringing` handler failed"),
        "{errors:?}"
    );
    assert_eq!(html("app"), "Ada: Open");
}

#[wasm_bindgen_test]
async fn a_10_mb_status_message_is_cut_on_the_console_the_page_and_the_hooks() {
    let message = "x".repeat(10 << 20);
    let errors = lookup_after_two_events(&format!(
        r#"{{"data": {{"user.fullName": "Ada", "ticket.email": "g@example.com"}},
            "requests": {{"https://crm.example.com/contacts": {{"status": 500, "body": "{message}"}}}}}}"#
    ))
    .await;
    // Lengths only: a failure must not print megabytes.
    let lengths: Vec<usize> = errors.iter().map(String::len).collect();
    assert_eq!(lengths.len(), 1, "{lengths:?}");
    let prefix = "call.ringing: ";
    assert!(lengths[0] <= prefix.len() + 300, "{lengths:?}");
    assert!(errors[0].starts_with(
        "call.ringing: the `call.ringing` handler failed: the service answered 500: xxx"
    ));
    // The console's line and the page's item are the same message.
    let console = recorded("consoleErrors");
    assert!(
        console.len() < 400,
        "{} bytes on the console",
        console.len()
    );
    let listed = html("errors");
    assert!(listed.len() < 400, "{} bytes in `#errors`", listed.len());
    assert_eq!(html("app"), "Ada: Open");
}

// Between widgets: a message, a modal, a hook and a click, on the stand-in's `App.instance`.

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, Message)]
#[message(name = "test.caller")]
struct Caller {
    name: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Details {
    number: String,
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
enum Choice {
    Log,
    Skip,
}

/// Sends the caller to the panel, asks the modal, guards reopening while a call rings.
#[derive(Default)]
struct Bar {
    ringing: bool,
    sent: Vec<String>,
    choices: Vec<Option<Choice>>,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    #[on("call.ringing")]
    async fn ringing(
        &mut self,
        call: CallRinging,
        desk: &Desk<Self>,
    ) -> Result<(), desk_runtime::HostError> {
        self.ringing = true;
        desk.send::<Panel>(Caller {
            name: call.number.clone(),
        })
        .await?;
        self.sent.push(call.number);
        Ok(())
    }

    #[on("call.answered")]
    async fn answered(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::HostError> {
        let choice = desk
            .open_modal::<Confirm>(Details {
                number: "12".into(),
            })
            .await?;
        self.choices.push(choice);
        Ok(())
    }

    #[hook("ticket.reOpen", otherwise = deny)]
    fn reopen(&self, _ticket: desk_runtime::json::Value) -> desk_runtime::hook::Verdict {
        if self.ringing {
            desk_runtime::hook::Verdict::deny("A call is in progress")
        } else {
            desk_runtime::hook::Verdict::Allow
        }
    }

    #[hook("ticket.reply", otherwise = deny)]
    async fn reply(&self, desk: &Desk<Self>) -> desk_runtime::hook::Verdict {
        match desk.get::<desk_runtime::desk::property::UserEmail>().await {
            Ok(_) => desk_runtime::hook::Verdict::Allow,
            Err(_) => desk_runtime::hook::Verdict::deny("no agent"),
        }
    }
}

impl Page for Bar {
    fn render(&self) -> String {
        format!("sent {:?}, choices {:?}", self.sent, self.choices)
    }
}

#[derive(Default)]
struct Panel {
    callers: Vec<String>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on_message]
    fn caller(&mut self, caller: Caller) {
        self.callers.push(caller.name);
    }
}

impl Page for Panel {
    fn render(&self) -> String {
        format!("callers: {}", self.callers.join(","))
    }
}

#[derive(Default)]
struct Confirm {
    number: Option<String>,
}

#[desk_widget(modal, output = Choice)]
impl Confirm {
    #[on_open]
    fn open(&mut self, details: Details) {
        self.number = Some(details.number);
    }

    #[on_click("log")]
    async fn log(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::HostError> {
        desk.close_modal(Choice::Log).await
    }
}

impl Page for Confirm {
    fn render(&self) -> String {
        format!(
            "<p>{}</p><button data-click=\"log\">Log</button>",
            self.number.as_deref().unwrap_or_default()
        )
    }
}

mod between {
    desk_runtime::extension! {
        name: "Between",
        widgets: { "Bar": super::Bar, "Panel": super::Panel },
        modals: { "Confirm": super::Confirm },
    }
}

/// What `getWidgets()` answers: the panel, a widget of the same name elsewhere, the bar.
const WIDGETS: &str = r#"[
    {"widgetID": "w-other", "location": "desk.contact.detail.rightpanel", "name": "Panel", "url": "/app/other.html"},
    {"widgetID": "w-panel", "location": "desk.ticket.detail.rightpanel", "name": "Panel", "url": "/app/panel.html"},
    {"widgetID": "w-bar", "location": "desk.extension.telephony", "name": "Bar", "url": "/app/bar.html"}
]"#;

/// Lets the host's promise callbacks and the stand-in's scripted tasks run.
async fn run_tasks() {
    for _ in 0..10 {
        settle().await;
        JsFuture::from(tick()).await.unwrap();
    }
}

/// Mounts `W` on the stand-in installed with `config`; returns the errors its hook saw.
async fn mount_on<W: Page + 'static>(widget: W, config: &str) -> Rc<RefCell<Vec<String>>> {
    install(json(config));
    page();
    let errors = Rc::new(RefCell::new(Vec::new()));
    let failed = Rc::clone(&errors);
    Mount::new(widget)
        .on_error(move |event, error| failed.borrow_mut().push(format!("{event}: {error}")))
        .start();
    settle().await;
    errors
}

fn bar_config(modal: &str) -> String {
    format!(
        r#"{{"widgets": {WIDGETS}, "modal": {modal}, "data": {{"user.email": "ada@example.com"}}}}"#
    )
}

fn report_json() -> serde_json::Value {
    serde_json::from_str(&report()).unwrap()
}

async fn attempt(name: &str, payload: &str) -> String {
    JsFuture::from(attempt_hook(name, json(payload)))
        .await
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
async fn a_message_is_emitted_on_the_instance_of_the_widget_it_is_sent_to() {
    let errors = mount_on(Bar::default(), &bar_config(r#"{"widgetID": "m-1"}"#)).await;
    fire("call.ringing", sample("call.ringing"));
    run_tasks().await;
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
    // In the envelope that carries its chain (`MESSAGE_CHAIN_LIMIT`).
    assert_eq!(
        report_json()["emits"],
        serde_json::json!([{"to": "w-panel", "name": "test.caller", "data": {
            "deskWidgets.chain": 1, "deskWidgets.start": 1, "message": {"name": "9837650000"},
            "origin": "call.ringing"
        }}])
    );
    assert_eq!(html("app"), r#"sent ["9837650000"], choices []"#);
}

#[wasm_bindgen_test]
async fn a_message_to_a_widget_that_is_not_open_is_an_error() {
    let errors = mount_on(Bar::default(), r#"{"widgets": []}"#).await;
    fire("call.ringing", sample("call.ringing"));
    run_tasks().await;
    assert_eq!(errors.borrow().len(), 1, "{:?}", errors.borrow());
    assert!(
        errors.borrow()[0].contains("no widget `Panel` at `desk.ticket.detail.rightpanel`"),
        "{:?}",
        errors.borrow()
    );
    assert_eq!(report_json()["emits"], serde_json::json!([]));
}

#[wasm_bindgen_test]
async fn a_message_reaches_its_on_message_handler_typed() {
    let errors = mount_on(Panel::default(), "{}").await;
    assert_eq!(recorded("registered"), r#"["test.caller"]"#);
    fire("test.caller", json(r#"{"name": "Ada"}"#));
    fire("test.caller", json(r#"{"name": 7}"#));
    fire("test.caller", json(r#"{"name": "Grace"}"#));
    assert_eq!(html("app"), "callers: Ada,Grace");
    assert_eq!(errors.borrow().len(), 1, "{:?}", errors.borrow());
    assert!(
        errors.borrow()[0].starts_with("test.caller: "),
        "{:?}",
        errors.borrow()
    );
}

#[wasm_bindgen_test]
async fn a_modal_gets_its_input_and_its_typed_result_comes_back_to_its_opener() {
    let errors = mount_on(
        Bar::default(),
        &bar_config(r#"{"widgetID": "m-1", "result": {"value": "Log"}}"#),
    )
    .await;
    fire("call.answered", sample("call.answered"));
    run_tasks().await;
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
    let report = report_json();
    assert_eq!(
        report["modals"],
        serde_json::json!([{"url": "/app/confirm.html", "title": "Confirm"}])
    );
    // The input in the envelope that carries the opener's chain, as a message.
    assert_eq!(
        report["modalInputs"],
        serde_json::json!([{
            "deskWidgets.chain": 1, "deskWidgets.start": 1, "message": {"number": "12"},
            "origin": "call.answered"
        }])
    );
    assert_eq!(html("app"), "sent [], choices [Some(Log)]");
}

#[wasm_bindgen_test]
async fn a_dismissed_modal_answers_none() {
    for dismiss in ["true", r#""app""#] {
        let errors = mount_on(
            Bar::default(),
            &bar_config(&format!(r#"{{"widgetID": "m-1", "dismiss": {dismiss}}}"#)),
        )
        .await;
        fire("call.answered", sample("call.answered"));
        run_tasks().await;
        assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
        assert_eq!(
            report_json()["modalInputs"][0]["message"],
            serde_json::json!({"number": "12"})
        );
        assert_eq!(
            html("app"),
            "sent [], choices [None]",
            "dismissed on {dismiss}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_result_of_the_wrong_type_is_an_error_for_the_opener() {
    let errors = mount_on(
        Bar::default(),
        &bar_config(r#"{"widgetID": "m-1", "result": {"value": "Maybe"}}"#),
    )
    .await;
    fire("call.answered", sample("call.answered"));
    run_tasks().await;
    assert_eq!(errors.borrow().len(), 1, "{:?}", errors.borrow());
    assert!(
        errors.borrow()[0].contains("the modal's result"),
        "{:?}",
        errors.borrow()
    );
    assert_eq!(html("app"), "sent [], choices []");
}

#[wasm_bindgen_test]
async fn a_hook_is_denied_with_its_reason_or_allowed() {
    let errors = mount_on(Bar::default(), &bar_config(r#"{"widgetID": "m-1"}"#)).await;
    assert_eq!(attempt("ticket.reOpen", "{}").await, r#"{"allowed":true}"#);
    fire("call.ringing", sample("call.ringing"));
    run_tasks().await;
    assert_eq!(
        attempt("ticket.reOpen", "{}").await,
        r#"{"denied":"A call is in progress"}"#
    );
    // An `async` hook's handler awaits the SDK before it answers.
    assert_eq!(attempt("ticket.reply", "{}").await, r#"{"allowed":true}"#);
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
}

#[wasm_bindgen_test]
async fn an_async_hook_denies_when_its_call_fails() {
    let errors = mount_on(Bar::default(), r#"{"data": {}}"#).await;
    assert_eq!(
        attempt("ticket.reply", "{}").await,
        r#"{"denied":"no agent"}"#
    );
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
}

#[wasm_bindgen_test]
async fn a_modal_page_is_ready_gets_its_input_and_closes_itself_with_its_result() {
    let errors = mount_on(Confirm::default(), "{}").await;
    // The handler's subscription, and the one that stops the page saying it is ready.
    assert_eq!(
        recorded("registered"),
        r#"["desk-runtime:modal.input","desk-runtime:modal.input"]"#
    );
    // Once subscribed, the page tells its opener it is ready.
    assert_eq!(
        report_json()["emits"],
        serde_json::json!([{"to": null, "name": "desk-runtime:modal.ready", "data": null}])
    );
    fire("desk-runtime:modal.input", json(r#"{"number": "12"}"#));
    // The widget has an `async` handler: every event runs as a task.
    settle().await;
    assert_eq!(
        html("app"),
        r#"<p>12</p><button data-click="log">Log</button>"#
    );
    click("log");
    run_tasks().await;
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
    let report = report_json();
    assert_eq!(
        report["emits"][1],
        serde_json::json!({"to": null, "name": "desk-runtime:modal.result", "data": {"value": "Log"}})
    );
    assert_eq!(
        report["calls"],
        serde_json::json!([["invoke", "MODAL_CLOSE"]])
    );
    // A click on an element without a handler does nothing.
    assert_eq!(report["emits"].as_array().unwrap().len(), 2);
}

// Hooks on Desk's clock: the stand-in's, which runs the host's deadline without waiting it.

/// What Desk recorded of each answer to the hook callbacks it asked.
fn answered() -> serde_json::Value {
    serde_json::from_str(&hook_answers()).unwrap()
}

const AGENT: &str = r#"{"data": {"user.email": "ada@example.com"}}"#;

#[wasm_bindgen_test]
async fn a_late_hook_is_answered_with_its_otherwise_before_desk_gives_up() {
    let reopen = gate::Gate {
        reopen: Some(Verdict::deny("Reopened tickets go to the lead.")),
        ..gate::Gate::default()
    };
    let errors = mount_on(reopen, AGENT).await;
    answer("get user.email", json(r#"{"hold": true}"#));
    // Desk waits at most 30 s on its clock; the host answers at its deadline, before that.
    let late = "The extension did not answer in time.";
    assert_eq!(
        attempt("ticket.reply", "{}").await,
        serde_json::json!({ "denied": late }).to_string()
    );
    // A hook queued behind the waiting handler is late too: `otherwise = allow`.
    assert_eq!(attempt("ticket.reOpen", "{}").await, r#"{"allowed":true}"#);
    let once = serde_json::json!([
        {"hook": "ticket.reply", "answers": [{"at": HOOK_DEADLINE_MS, "denied": late}]},
        {"hook": "ticket.reOpen", "answers": [{"at": HOOK_DEADLINE_MS, "allowed": true}]}
    ]);
    assert_eq!(answered(), once);
    let late_after = |hook: &str| {
        format!(
            "{hook}: the `{hook}` hook's handler did not answer within {HOOK_DEADLINE_MS} ms: \
             the host answered with its `otherwise`"
        )
    };
    assert_eq!(
        *errors.borrow(),
        [late_after("ticket.reply"), late_after("ticket.reOpen")]
    );
    // Once Desk answers the call, both handlers answer (`Allow`, and the reopening rule's
    // denial): too late, both are dropped.
    release();
    run_tasks().await;
    assert_eq!(answered(), once);
    assert_eq!(errors.borrow().len(), 2, "{:?}", errors.borrow());
    // The widget answers the next hook itself.
    answer("get user.email", JsValue::UNDEFINED);
    assert_eq!(attempt("ticket.reply", "{}").await, r#"{"allowed":true}"#);
}

#[wasm_bindgen_test]
async fn a_hook_answered_in_time_is_answered_once() {
    let reopen = gate::Gate {
        reopen: Some(Verdict::deny("Reopened tickets go to the lead.")),
        ..gate::Gate::default()
    };
    let errors = mount_on(reopen, AGENT).await;
    assert_eq!(
        attempt("ticket.reOpen", "{}").await,
        r#"{"denied":"Reopened tickets go to the lead."}"#
    );
    assert_eq!(attempt("ticket.reply", "{}").await, r#"{"allowed":true}"#);
    // Desk's clock passes the host's deadline, and its own: nothing more is answered or
    // reported.
    JsFuture::from(advance(HOOK_TIMEOUT_MS)).await.unwrap();
    assert_eq!(
        answered(),
        serde_json::json!([
            {"hook": "ticket.reOpen", "answers": [{"at": 0, "denied": "Reopened tickets go to the lead."}]},
            {"hook": "ticket.reply", "answers": [{"at": 0, "allowed": true}]}
        ])
    );
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
}

#[wasm_bindgen_test]
async fn a_failing_handler_is_answered_with_its_otherwise() {
    // No rule for reopening, and no agent's email to read: both handlers fail.
    let errors = mount_on(gate::Gate::default(), r#"{"data": {}}"#).await;
    // `otherwise = allow`.
    assert_eq!(attempt("ticket.reOpen", "{}").await, r#"{"allowed":true}"#);
    // `otherwise = deny`, with the handler's error as the reason.
    let denied: serde_json::Value =
        serde_json::from_str(&attempt("ticket.reply", "{}").await).unwrap();
    let reason = denied["denied"].as_str().unwrap_or_default();
    assert!(
        reason.starts_with(
            "The extension could not check this action: the `ticket.reply` handler failed: "
        ),
        "{denied}"
    );
    let failed: Vec<_> = errors
        .borrow()
        .iter()
        .map(|e| e.split(':').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(failed, ["ticket.reOpen", "ticket.reply"]);
}

/// Requests every spelling of `support/spellings.rs`, in order, and keeps whether each was
/// refused as not allowed.
#[derive(Default)]
struct Spelled {
    refused: Vec<bool>,
}

#[desk_widget(location = "desk.bottomband")]
impl Spelled {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) {
        for (url, _) in spellings::SPELLINGS {
            let answer = desk.request(Request::get(*url)).await;
            self.refused
                .push(matches!(answer, Err(RequestError::NotAllowed(_))));
        }
    }
}

impl Page for Spelled {
    fn render(&self) -> String {
        let refused: Vec<&str> = self
            .refused
            .iter()
            .map(|refused| if *refused { "refused" } else { "sent" })
            .collect();
        refused.join(",")
    }
}

mod spelled {
    desk_runtime::extension! {
        name: "Spelled",
        whitelisted_domains: ["https://crm.example.com", "https://api.example.com:8443"],
        widgets: { "Spelled": super::Spelled },
    }
}

#[wasm_bindgen_test]
async fn every_spelling_is_refused_before_any_call_or_sent_as_the_table_says() {
    install(json(r#"{"data": {}}"#));
    page();
    Mount::new(Spelled::default()).start();
    settle().await;
    fire("call.ringing", sample("call.ringing"));
    for _ in 0..spellings::SPELLINGS.len() * 3 {
        settle().await;
        JsFuture::from(tick()).await.unwrap();
    }
    let expected: Vec<&str> = spellings::SPELLINGS
        .iter()
        .map(|(_, allowed)| if *allowed { "sent" } else { "refused" })
        .collect();
    assert_eq!(html("app"), expected.join(","));
    // The SDK saw the allowed spellings only, as written.
    let sent: Vec<String> = report_json()["calls"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|call| call[0] == "request")
        .map(|call| call[1]["url"].as_str().unwrap().to_owned())
        .collect();
    let allowed: Vec<&str> = spellings::SPELLINGS
        .iter()
        .filter(|(_, allowed)| *allowed)
        .map(|(url, _)| *url)
        .collect();
    assert_eq!(sent, allowed);
}

/// Returns every volley to itself: a loop, as two widgets that answer each other would make.
#[derive(Default)]
struct Echo {
    volleys: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, Message)]
#[message(name = "test.volley")]
struct Volley(u32);

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Echo {
    #[on_message]
    async fn volley(
        &mut self,
        volley: Volley,
        desk: &Desk<Self>,
    ) -> Result<(), desk_runtime::HostError> {
        self.volleys.push(volley.0);
        desk.send::<Echo>(Volley(volley.0 + 1)).await
    }
}

impl Page for Echo {
    fn render(&self) -> String {
        format!("{} volleys", self.volleys.len())
    }
}

mod echo {
    desk_runtime::extension! {
        name: "Echo",
        widgets: { "Echo": super::Echo },
    }
}

#[wasm_bindgen_test]
async fn a_message_storm_stops_at_the_chain_limit_and_is_reported() {
    let config = r#"{"widgets": [{"widgetID": "w-echo", "location": "desk.ticket.detail.rightpanel", "name": "Echo"}]}"#;
    let errors = mount_on(Echo::default(), config).await;
    // A message from a widget in JavaScript: no envelope, a chain of its own.
    fire("test.volley", json("0"));
    run_tasks().await;
    // Desk delivers each emit to the widget it is sent to: here, itself.
    let limit = desk_runtime::MESSAGE_CHAIN_LIMIT;
    for delivered in 0..2 * limit as usize {
        let emits = report_json()["emits"].clone();
        let Some(emit) = emits.get(delivered) else {
            break;
        };
        assert_eq!(emit["to"], "w-echo");
        fire("test.volley", json(&emit["data"].to_string()));
        run_tasks().await;
    }
    // The message past the limit was not delivered, and sent nothing on.
    assert_eq!(html("app"), format!("{} volleys", limit + 1));
    let emits = report_json()["emits"].clone();
    assert_eq!(emits.as_array().map(Vec::len), Some(limit as usize + 1));
    assert_eq!(emits[0]["data"]["origin"], "test.volley");
    let storm = format!(
        "test.volley: `test.volley` was not delivered: message {} of a chain set off by \
         `test.volley`",
        limit + 1
    );
    assert_eq!(errors.borrow().len(), 1, "{:?}", errors.borrow());
    assert!(
        errors.borrow()[0].starts_with(&storm),
        "{:?}",
        errors.borrow()
    );
    assert!(html("errors").contains(&storm));
}

#[wasm_bindgen_test]
async fn a_storm_that_fans_out_stops_at_the_chain_width_and_is_reported() {
    let config = r#"{"widgets": [{"widgetID": "w-echo", "location": "desk.ticket.detail.rightpanel", "name": "Echo"}]}"#;
    let errors = mount_on(Echo::default(), config).await;
    fire("test.volley", json("0"));
    run_tasks().await;
    // One message of that chain, one deep, delivered again and again: a storm as wide as it
    // likes, never deeper than 1. The page counts the messages of the chain it handled.
    let first = report_json()["emits"][0]["data"].to_string();
    assert!(first.contains(r#""deskWidgets.start":1"#), "{first}");
    let width = desk_runtime::MESSAGE_CHAIN_WIDTH;
    for _ in 0..=width {
        fire("test.volley", json(&first));
        run_tasks().await;
    }
    // The page's own chain (the first volley) is not one of those: 1 + the width handled.
    assert_eq!(html("app"), format!("{} volleys", width + 1));
    let storm = format!(
        "test.volley: `test.volley` was not delivered: the widget handled {width} messages of \
         the chain set off by `test.volley` already"
    );
    assert_eq!(errors.borrow().len(), 1, "{:?}", errors.borrow());
    assert!(
        errors.borrow()[0].starts_with(&storm),
        "{:?}",
        errors.borrow()
    );
    // Another chain of the same origin is counted apart: its message is delivered.
    fire("test.volley", json("0"));
    run_tasks().await;
    let emits = report_json()["emits"].clone();
    let second = emits[emits.as_array().map_or(0, Vec::len) - 1]["data"].to_string();
    assert!(second.contains(r#""deskWidgets.start":2"#), "{second}");
    fire("test.volley", json(&second));
    run_tasks().await;
    assert_eq!(html("app"), format!("{} volleys", width + 3));
    assert_eq!(errors.borrow().len(), 1, "{:?}", errors.borrow());
}
