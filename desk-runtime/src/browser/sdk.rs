//! The parts of the Desk client SDK (`ZOHODESK`, loaded by the widget's page) that the host
//! binds to.

use js_sys::Promise;
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

    /// `console.error(message)`.
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    pub(crate) fn console_error(message: &str);
}

// The page's side: the widget's HTML into `#app`, failures appended to `#errors` as text.
// Either element may be missing from a page whose `Page::BODY` leaves it out.
#[wasm_bindgen(inline_js = "
export function show(id, html) { const e = document.getElementById(id); if (e) e.innerHTML = html; }
export function append_error(event, message) {
  const list = document.getElementById('errors');
  if (list) { const item = document.createElement('li'); item.textContent = event + ': ' + message; list.appendChild(item); }
}
")]
extern "C" {
    /// Replaces the content of the element `id` with `html`.
    pub(crate) fn show(id: &str, html: &str);
    /// Adds `event: message` to the `#errors` list, as text.
    pub(crate) fn append_error(event: &str, message: &str);
}
