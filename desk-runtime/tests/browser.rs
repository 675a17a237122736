//! The browser host's binding to the Desk SDK, in a real browser: `cargo test --target
//! wasm32-unknown-unknown --features browser --test browser` (wasm-bindgen-test-runner with
//! headless Chromium), on the SDK stand-in that `cargo xtask browser-test` uses too
//! (`tests/support/zohodesk-sdk-standin.js`).
#![cfg(all(target_arch = "wasm32", feature = "browser"))]

use desk_runtime::browser::{Action, HostError, Mount, Property, Update, get, get_as, invoke, set};
use desk_runtime::events::{CallRinging, ModalClosed};
use desk_runtime::extension::NotAllowed;
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
"#)]
extern "C" {
    fn page();
    fn html(id: &str) -> String;
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

desk_runtime::extension! {
    name: "Test Calls",
    widgets: { "Calls": Calls },
}

/// The same widget in an extension with storage.
mod stored {
    desk_runtime::extension! {
        name: "Stored Calls",
        storage: true,
        widgets: { "Stored Calls": super::Calls },
    }
}

/// Mounts `Calls` on the stand-in; returns the errors its hook saw.
async fn mounted() -> Rc<RefCell<Vec<String>>> {
    install(JsValue::UNDEFINED);
    page();
    let errors = Rc::new(RefCell::new(Vec::new()));
    let failed = Rc::clone(&errors);
    Mount::new(Calls::default())
        .extension(&EXTENSION)
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

#[wasm_bindgen_test]
async fn get_unwraps_the_dotted_answer() {
    install(json(
        r#"{"data": {"portal.id": "12345", "ticket": {"name": "x"}, "database": {"name": "y"}}}"#,
    ));
    Mount::new(Calls::default())
        .extension(&stored::EXTENSION)
        .start();
    settle().await;
    let id: String = get_as(Property::PortalId).await.unwrap();
    assert_eq!(id, "12345");
    let ticket = get(Property::Ticket).await.unwrap();
    assert_eq!(ticket["name"], "x");
    let stored = get(Property::Database {
        key: Some("k"),
        queriable_value: None,
        from: None,
        limit: Some(5),
    })
    .await
    .unwrap();
    assert_eq!(stored["name"], "y");
    assert_eq!(
        recorded("calls"),
        r#"[["get","portal.id"],["get","ticket"],["get","database",{"key":"k","limit":5}]]"#
    );
}

#[wasm_bindgen_test]
async fn every_failure_answer_is_an_error() {
    install(json(r#"{"data": {}}"#));
    // A failure status.
    let error = get(Property::TicketEmail).await.unwrap_err();
    assert!(
        matches!(&error, HostError::Failed { call, .. } if call == r#"get("ticket.email")"#),
        "{error}"
    );
    // A success without the property.
    answer("get user", json(r#"{"resolve": {"status": "success"}}"#));
    let error = get(Property::User).await.unwrap_err();
    assert!(matches!(error, HostError::Response(_)), "{error}");
    // A rejection, and a throw.
    answer("get portal", json(r#"{"reject": "no portal"}"#));
    let error = get(Property::Portal).await.unwrap_err();
    assert_eq!(error, HostError::Sdk("no portal".to_owned()));
    answer("set ticket.comment", json(r#"{"throw": "bad comment"}"#));
    let error = set(Update::TicketComment("x")).await.unwrap_err();
    assert_eq!(error, HostError::Sdk("bad comment".to_owned()));
    answer(
        "set ticket.phone",
        json(r#"{"resolve": {"status": "failure", "message": "read only"}}"#),
    );
    let error = set(Update::TicketPhone("1")).await.unwrap_err();
    assert!(
        matches!(&error, HostError::Failed { answer, .. } if answer.contains("read only")),
        "{error}"
    );
    answer("invoke HIDE", json(r#"{"resolve": {"status": "failure"}}"#));
    let error = invoke(Action::Hide).await.unwrap_err();
    assert!(matches!(error, HostError::Failed { .. }), "{error}");
    // And no SDK at all.
    uninstall();
    let error = get(Property::ContactLastName).await.unwrap_err();
    assert!(matches!(error, HostError::Sdk(_)), "{error}");
}

#[wasm_bindgen_test]
async fn storage_is_refused_before_any_call_in_an_extension_without_it() {
    let _ = mounted().await;
    let value = serde_json::json!(1);
    let error = set(Update::Database {
        key: "k",
        value: &value,
        queriable_value: None,
    })
    .await
    .unwrap_err();
    assert_eq!(
        error,
        HostError::NotAllowed(NotAllowed::StorageDisabled {
            extension: "Test Calls"
        })
    );
    assert_eq!(recorded("calls"), "[]");
}

#[wasm_bindgen_test]
async fn set_and_invoke_send_the_documented_shapes() {
    install(JsValue::UNDEFINED);
    set(Update::TicketComment("Called back")).await.unwrap();
    invoke(Action::InsertIntoReplyEditor("Hello"))
        .await
        .unwrap();
    invoke(Action::Resize {
        width: "300px",
        height: "200px",
    })
    .await
    .unwrap();
    invoke(Action::Hide).await.unwrap();
    assert_eq!(
        recorded("calls"),
        concat!(
            r#"[["set","ticket.comment",{"content":"Called back"}],"#,
            r#"["invoke","INSERT","ticket.replyEditor",{"value":"Hello"}],"#,
            r#"["invoke","RESIZE",{"height":"200px","width":"300px"}],"#,
            r#"["invoke","HIDE"]]"#
        )
    );
}
