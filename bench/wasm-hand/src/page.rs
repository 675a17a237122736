//! The page: bindings to the Desk SDK, one callback per subscription, rendering into `#app`
//! and failures into `#errors`.

use crate::widget::{CallAssistant, SUBSCRIPTIONS};
use desk_runtime::html::escape;
use js_sys::{JSON, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `ZOHODESK.extension.onload()`: a Promise of the `App`.
    #[wasm_bindgen(catch, js_namespace = ["ZOHODESK", "extension"], js_name = onload)]
    fn extension_onload() -> Result<Promise, JsValue>;

    type App;

    #[wasm_bindgen(method, getter)]
    fn instance(this: &App) -> Instance;

    type Instance;

    /// `App.instance.on(name, callback)`.
    #[wasm_bindgen(catch, method)]
    fn on(
        this: &Instance,
        event: &str,
        callback: &Closure<dyn FnMut(JsValue)>,
    ) -> Result<(), JsValue>;

    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

#[wasm_bindgen(inline_js = "
export function show(id, html) { document.getElementById(id).innerHTML = html; }
export function append(id, html) { document.getElementById(id).insertAdjacentHTML('beforeend', html); }
")]
extern "C" {
    fn show(id: &str, html: &str);
    fn append(id: &str, html: &str);
}

type Shared = Rc<RefCell<CallAssistant>>;

/// Runs when the page loads the module.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|panic| console_error(&panic.to_string())));
    let panel = Shared::default();
    let onload = match extension_onload() {
        Ok(onload) => onload,
        Err(error) => return fail("extension.onload", &describe(&error)),
    };
    let loaded = Closure::once(move |app: JsValue| {
        subscribe(&app.unchecked_into::<App>().instance(), &panel);
        show("app", &panel.borrow().render());
    });
    let failed = Closure::once(|error: JsValue| fail("extension.onload", &describe(&error)));
    let _ = onload.then2(&loaded, &failed);
    loaded.forget();
    failed.forget();
}

fn subscribe(instance: &Instance, panel: &Shared) {
    for event in SUBSCRIPTIONS {
        let panel = Rc::clone(panel);
        let callback = Closure::<dyn FnMut(JsValue)>::new(move |payload: JsValue| {
            let json = JSON::stringify(&payload)
                .ok()
                .and_then(|json| json.as_string())
                .unwrap_or_default();
            let mut panel = panel.borrow_mut();
            if let Err(message) = dispatch(&mut panel, event, &json) {
                fail(event, &message);
            }
            show("app", &panel.render());
        });
        if let Err(error) = instance.on(event, &callback) {
            console_error(&format!(
                "cannot subscribe to `{event}`: {}",
                describe(&error)
            ));
        }
        callback.forget();
    }
}

/// Decodes `json` as `event`'s payload and hands it to its handler; the error's message
/// otherwise.
fn dispatch(panel: &mut CallAssistant, event: &str, json: &str) -> Result<(), String> {
    match event {
        "calltools.caller_found" => panel.caller_found(decode(json)?),
        "call.ringing" => panel.ringing(decode(json)?),
        "call.answered" => panel.answered(decode(json)?),
        "call.completed" => panel.completed(decode(json)?),
        "ticket_status.changed" => panel.status(decode(json)?),
        "ticket_priority.changed" => panel.priority(decode(json)?)?,
        _ => return Err(format!("not subscribed to `{event}`")),
    }
    Ok(())
}

fn fail(event: &str, message: &str) {
    console_error(&format!("{event}: {message}"));
    append(
        "errors",
        &format!("<li>{}: {}</li>", escape(event), escape(message)),
    );
}

/// A thrown or rejected JS value as text.
fn describe(error: &JsValue) -> String {
    error.as_string().unwrap_or_else(|| {
        JSON::stringify(error)
            .ok()
            .and_then(|json| json.as_string())
            .unwrap_or_default()
    })
}

/// `serde_json::from_str`, its error as a message.
fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|error| format!("payload did not decode: {error}"))
}
