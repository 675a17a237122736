//! The widget's calls to Desk, on the SDK: `ZOHODESK.<function>(...arguments)`, its Promise
//! awaited and its answer read as JSON. Every answer is unwrapped by `Desk`, the same code as on
//! the simulated Desk.

use super::json::{message, parse, parse_text, stringify};
use super::sdk::{self, Instance};
use crate::desk::{Answer, HostError, Json, LoadedApp, Transport};
use crate::modal::{MODAL_INPUT, MODAL_READY, MODAL_RESULT};
use js_sys::{Array, Function, Promise, Reflect};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The SDK of the page, the `App` it loaded the widget with, and its `App.instance`.
pub(crate) struct Sdk(pub(crate) LoadedApp, pub(crate) Instance);

impl Transport for Sdk {
    fn call(&self, function: &'static str, arguments: &[Value]) -> Answer {
        settle(invoke(function, arguments))
    }

    fn widgets(&self) -> Answer {
        settle(sdk::get_widgets(&self.1))
    }

    fn emit(&self, to: Option<&str>, name: &'static str, data: Json) -> Answer {
        settle(sdk::emit(
            &self.1,
            to.map(str::to_owned),
            name,
            parse_text(&data),
        ))
    }

    fn open_modal(&self, url: &str, title: &str, input: Json) -> Answer {
        settle(sdk::open_modal(
            &self.1,
            url,
            title,
            parse_text(&input),
            MODAL_READY,
            MODAL_INPUT,
            MODAL_RESULT,
        ))
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn app(&self) -> &LoadedApp {
        &self.0
    }
}

/// An SDK Promise's answer, as JSON text, once it settles; a throw or a rejection is an error.
fn settle(promise: Result<Promise, JsValue>) -> Answer {
    Box::pin(async move {
        let promise = promise.map_err(|error| HostError::Sdk(message(&error)))?;
        let answer = JsFuture::from(promise)
            .await
            .map_err(|error| HostError::Sdk(message(&error)))?;
        Ok(stringify(&answer))
    })
}

/// Calls `ZOHODESK[function](...arguments)`; a throw (or no SDK) is an error.
fn invoke(function: &str, arguments: &[Value]) -> Result<Promise, JsValue> {
    let sdk = Reflect::get(&js_sys::global(), &JsValue::from_str("ZOHODESK"))?;
    let method: Function = Reflect::get(&sdk, &JsValue::from_str(function))?.dyn_into()?;
    let arguments: Array = arguments.iter().map(parse).collect();
    let answer = method.apply(&sdk, &arguments)?;
    // An SDK function that answers at once is taken as answered.
    Ok(answer
        .dyn_into::<Promise>()
        .unwrap_or_else(|answer| Promise::resolve(&answer)))
}
