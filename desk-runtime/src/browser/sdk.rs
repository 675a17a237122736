//! The parts of the Desk client SDK (`ZOHODESK`, loaded by the widget's page) that the host
//! binds to.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `ZOHODESK.extension.onload()`: a Promise of the `App`.
    #[wasm_bindgen(catch, js_namespace = ["ZOHODESK", "extension"], js_name = onload)]
    pub(crate) fn extension_onload() -> Result<Promise, JsValue>;

    /// The `App` the SDK hands over once the widget is loaded.
    pub(crate) type App;

    #[wasm_bindgen(method, getter)]
    pub(crate) fn instance(this: &App) -> Instance;

    /// `App.instance`: subscriptions and sibling widgets.
    pub(crate) type Instance;

    /// `App.instance.on(name, callback)`.
    #[wasm_bindgen(catch, method)]
    pub(crate) fn on(
        this: &Instance,
        event: &str,
        callback: &Closure<dyn FnMut(JsValue)>,
    ) -> Result<(), JsValue>;

    /// `ZOHODESK.get(property[, options])`.
    #[wasm_bindgen(catch, js_namespace = ZOHODESK, js_name = get, variadic)]
    pub(crate) fn get(property: &str, options: &Array) -> Result<Promise, JsValue>;

    /// `ZOHODESK.set(property, value)`.
    #[wasm_bindgen(catch, js_namespace = ZOHODESK, js_name = set)]
    pub(crate) fn set(property: &str, value: &JsValue) -> Result<Promise, JsValue>;

    /// `ZOHODESK.invoke(action, ...arguments)`.
    #[wasm_bindgen(catch, js_namespace = ZOHODESK, js_name = invoke, variadic)]
    pub(crate) fn invoke(action: &str, arguments: &Array) -> Result<Promise, JsValue>;

    /// `console.error(message)`.
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    pub(crate) fn console_error(message: &str);
}
