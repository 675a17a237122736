//! A panic in the browser, in headless Chromium: `cargo test --target wasm32-unknown-unknown
//! --features browser --test browser_panic`. A test binary of its own, since the panic aborts
//! the WebAssembly module (`wasm32` does not unwind): the instance is not fit for another test
//! after it.
#![cfg(all(target_arch = "wasm32", feature = "browser"))]

use desk_runtime::browser::Mount;
use desk_runtime::events::TicketStatusChanged;
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
    fn report() -> String;
    /// Desk calls the widget's callbacks; what they threw (the module's abort) is an `Err`.
    #[wasm_bindgen(catch)]
    fn fire(event: &str, payload: JsValue) -> Result<(), JsValue>;
}

#[wasm_bindgen(inline_js = r#"
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

/// Fires `ticket_status.changed` with `status`; what the callback threw, as text.
fn fire_status(status: &str) -> String {
    let payload = js_sys::JSON::parse(&format!(r#"{{"ticket.status": "{status}"}}"#)).unwrap();
    fire("ticket_status.changed", payload)
        .err()
        .map(|thrown| format!("{thrown:?}"))
        .unwrap_or_default()
}

/// Panics on the status `Panic`.
#[derive(Default)]
struct Statuses(Vec<String>);

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Statuses {
    #[on("ticket_status.changed")]
    fn status(&mut self, change: TicketStatusChanged) {
        assert!(change.status != "Panic", "cannot handle {}", change.status);
        self.0.push(change.status);
    }
}

impl Page for Statuses {
    fn render(&self) -> String {
        self.0.join(",")
    }
}

async fn settle() {
    for _ in 0..3 {
        JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
            .await
            .unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_panic_is_reported_to_the_console_the_page_and_the_hooks_and_the_widget_stops() {
    install(JsValue::UNDEFINED);
    page();
    let errors = Rc::new(RefCell::new(Vec::new()));
    let failed = Rc::clone(&errors);
    Mount::new(Statuses::default())
        .on_error(move |event, error| failed.borrow_mut().push(format!("{event}: {error}")))
        .start();
    settle().await;
    assert_eq!(fire_status("Open"), "");
    assert_eq!(html("app"), "Open");

    // The module aborts: the callback throws to Desk.
    let thrown = fire_status("Panic");
    assert!(thrown.contains("unreachable"), "{thrown}");
    let stopped = "ticket_status.changed: the `ticket_status.changed` handler panicked, and the \
                   widget stopped: cannot handle Panic";
    assert_eq!(*errors.borrow(), [stopped]);
    assert_eq!(html("errors"), format!("<li>{stopped}</li>"));
    let report: serde_json::Value = serde_json::from_str(&report()).unwrap();
    let console = report["consoleErrors"].to_string();
    assert!(
        console.contains("desk widget panicked: panicked at"),
        "{console}"
    );
    assert!(
        console.contains("desk widget: the `ticket_status.changed` handler panicked"),
        "{console}"
    );

    // Nothing reaches the widget any more.
    let _ = fire_status("Closed");
    assert_eq!(html("app"), "Open");
    assert_eq!(errors.borrow().len(), 1);
}
