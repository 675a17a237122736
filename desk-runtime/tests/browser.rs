//! The browser host's binding to the Desk SDK, in a real browser: `cargo test --target
//! wasm32-unknown-unknown --features browser --test browser` (wasm-bindgen-test-runner with
//! headless Chromium). A fake `ZOHODESK` records what the host does and fires events.
#![cfg(all(target_arch = "wasm32", feature = "browser"))]

use desk_runtime::browser::{Action, HostError, Mount, Property, Update, get, get_as, invoke, set};
use desk_runtime::events::{CallRinging, ModalClosed};
use desk_runtime::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
const state = { registered: [], callbacks: {}, calls: [] };
export function install_fake_sdk() {
  state.registered = []; state.callbacks = {}; state.calls = [];
  window.ZOHODESK = {
    extension: { onload: () => Promise.resolve({ instance: {
      on(event, callback) { state.registered.push(event); state.callbacks[event] = callback; },
    } }) },
    get(property, ...options) {
      state.calls.push(["get", property, ...options]);
      return Promise.resolve({ [property]: property === "portal.id" ? "12345" : { name: "x" }, status: "success" });
    },
    set(property, value) { state.calls.push(["set", property, value]); return Promise.resolve({ status: "success" }); },
    invoke(action, ...args) { state.calls.push(["invoke", action, ...args]); return Promise.resolve({ status: "success" }); },
  };
}
export function remove_sdk() { delete window.ZOHODESK; }
export function fire(event, payload) { state.callbacks[event](payload); }
export function fire_without_payload(event) { state.callbacks[event](); }
export function registered() { return JSON.stringify(state.registered); }
export function calls() { return JSON.stringify(state.calls); }
"#)]
extern "C" {
    fn install_fake_sdk();
    fn remove_sdk();
    fn fire(event: &str, payload: JsValue);
    fn fire_without_payload(event: &str);
    fn registered() -> String;
    fn calls() -> String;
}

/// Lets the host's `spawn_local` tasks (onload, SDK promises) run.
async fn settle() {
    for _ in 0..3 {
        JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
            .await
            .unwrap();
    }
}

fn payload(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
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
        self.numbers.push(call.number);
    }

    #[on("modal.closed")]
    fn closed(&mut self, _: ModalClosed) {
        self.closed += 1;
    }
}

/// Mounts `Calls` on the fake SDK; returns its last rendered state and the errors seen.
async fn mounted() -> (Rc<RefCell<Calls>>, Rc<RefCell<Vec<String>>>) {
    install_fake_sdk();
    let state = Rc::new(RefCell::new(Calls::default()));
    let errors = Rc::new(RefCell::new(Vec::new()));
    let (shown, failed) = (Rc::clone(&state), Rc::clone(&errors));
    Mount::new(Calls::default())
        .on_update(move |calls| *shown.borrow_mut() = calls.clone())
        .on_error(move |event, error| failed.borrow_mut().push(format!("{event}: {error}")))
        .start();
    settle().await;
    (state, errors)
}

#[wasm_bindgen_test]
async fn mounting_registers_each_declared_subscription() {
    let _ = mounted().await;
    assert_eq!(registered(), r#"["call.ringing","modal.closed"]"#);
}

#[wasm_bindgen_test]
async fn js_payloads_reach_their_handlers_typed() {
    let (state, errors) = mounted().await;
    let sample = desk_runtime::samples::sample("call.ringing").unwrap();
    fire("call.ringing", payload(&sample));
    fire_without_payload("modal.closed");
    fire("modal.closed", JsValue::NULL);
    assert_eq!(state.borrow().numbers, ["9837650000"]);
    assert_eq!(state.borrow().closed, 2);
    assert!(errors.borrow().is_empty(), "{:?}", errors.borrow());
}

#[wasm_bindgen_test]
async fn a_malformed_payload_goes_to_the_error_hook_and_the_widget_keeps_working() {
    let (state, errors) = mounted().await;
    fire("call.ringing", payload(r#"{"number": 42}"#));
    fire("call.ringing", JsValue::UNDEFINED);
    let sample = desk_runtime::samples::sample("call.ringing").unwrap();
    fire("call.ringing", payload(&sample));
    assert_eq!(errors.borrow().len(), 2, "{:?}", errors.borrow());
    assert!(errors.borrow()[0].starts_with("call.ringing: bad `call.ringing` payload"));
    assert_eq!(state.borrow().numbers, ["9837650000"]);
}

#[wasm_bindgen_test]
async fn a_missing_sdk_is_reported_not_a_panic() {
    remove_sdk();
    let errors = Rc::new(RefCell::new(Vec::new()));
    let failed = Rc::clone(&errors);
    Mount::new(Calls::default())
        .on_error(move |event, error| failed.borrow_mut().push(format!("{event}: {error}")))
        .start();
    settle().await;
    assert_eq!(errors.borrow().len(), 1);
    assert!(
        errors.borrow()[0].starts_with("extension.onload: "),
        "{:?}",
        errors.borrow()
    );
}

#[wasm_bindgen_test]
async fn get_unwraps_the_dotted_answer() {
    install_fake_sdk();
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
    assert_eq!(stored["name"], "x");
    assert_eq!(
        calls(),
        r#"[["get","portal.id"],["get","ticket"],["get","database",{"key":"k","limit":5}]]"#
    );
}

#[wasm_bindgen_test]
async fn sdk_failures_are_errors() {
    remove_sdk();
    let error = get(Property::ContactLastName).await.unwrap_err();
    assert!(matches!(error, HostError::Sdk(_)), "{error}");
}

#[wasm_bindgen_test]
async fn set_and_invoke_send_the_documented_shapes() {
    install_fake_sdk();
    set(Update::TicketComment("Called back")).await.unwrap();
    let value = serde_json::json!({ "calls": 3 });
    set(Update::Database {
        key: "stats",
        value: &value,
        queriable_value: Some("today"),
    })
    .await
    .unwrap();
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
        calls(),
        concat!(
            r#"[["set","ticket.comment",{"content":"Called back"}],"#,
            r#"["set","database",{"key":"stats","queriableValue":"today","value":{"calls":3}}],"#,
            r#"["invoke","INSERT","ticket.replyEditor",{"value":"Hello"}],"#,
            r#"["invoke","RESIZE",{"height":"200px","width":"300px"}],"#,
            r#"["invoke","HIDE"]]"#
        )
    );
}
