//! Between JavaScript values and JSON text: the SDK speaks in plain JS objects, the runtime in
//! JSON it decodes with serde.

use js_sys::JSON;
use wasm_bindgen::{JsCast, JsValue};

/// `JSON.stringify(value)`; `null` for what has no JSON form (`undefined`, functions).
pub(crate) fn stringify(value: &JsValue) -> String {
    JSON::stringify(value)
        .ok()
        .and_then(|json| json.as_string())
        .unwrap_or_else(|| "null".to_owned())
}

/// A JS value from JSON text this crate wrote (always valid).
pub(crate) fn parse_text(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or(JsValue::NULL)
}

/// A readable message for a thrown or rejected JS value.
pub(crate) fn message(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        return text;
    }
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    stringify(value)
}
