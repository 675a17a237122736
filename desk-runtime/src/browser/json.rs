//! Between JavaScript values and JSON text: the SDK speaks in plain JS objects, the runtime in
//! JSON it decodes with serde. Written in JavaScript: the module then imports one function for
//! each, instead of `JSON`'s, the casts and the lookups it would take in Rust.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
export function json_text(value) {
  try { const text = JSON.stringify(value); return typeof text === 'string' ? text : 'null'; } catch (error) { return 'null'; }
}
export function parse_json(text) { try { return JSON.parse(text); } catch (error) { return null; } }
export function message_of(value) {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return String(value.message);
  return json_text(value);
}
")]
extern "C" {
    /// `JSON.stringify(value)`; `null` for what has no JSON form (`undefined`, functions) or
    /// cannot be written (a cycle).
    #[wasm_bindgen(js_name = json_text)]
    pub(crate) fn stringify(value: &JsValue) -> String;
    /// A JS value from JSON text this crate wrote (always valid).
    #[wasm_bindgen(js_name = parse_json)]
    pub(crate) fn parse_text(json: &str) -> JsValue;
    /// A readable message for a thrown or rejected JS value: a string itself, an `Error`'s
    /// message, anything else as JSON.
    #[wasm_bindgen(js_name = message_of)]
    pub(crate) fn message(value: &JsValue) -> String;
}
