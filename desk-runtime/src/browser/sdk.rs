//! The parts of the Desk client SDK (`ZOHODESK`, loaded by the widget's page) that the host
//! binds to.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

/// Every callback the page hands to JavaScript, long-lived or called once, takes two values
/// (one it is not given is `undefined`): one signature, so that the module and its glue carry
/// one shim for them all. One called once is `Callback::once(..).into_js_value()`: what it
/// captured is gone after its call, and the glue frees the rest when JavaScript lets it go,
/// which is less code than `Closure::once_into_js`'s cell that drops the closure from inside.
pub(crate) type Callback = Closure<dyn FnMut(JsValue, JsValue)>;

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

    /// `App.instance.on(name, callback)`: `callback(payload)`.
    #[wasm_bindgen(catch, method)]
    pub(crate) fn on(this: &Instance, event: &str, callback: &Callback) -> Result<(), JsValue>;

    /// `console.error(message)`.
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    pub(crate) fn console_error(message: &str);
}

// The page's side: the widget's HTML into `#app`, failures appended to `#errors` as text.
// Either element may be missing from a page whose `Page::BODY` leaves it out.
//
// Four snippets, not one: wasm-bindgen ships a snippet in a page only if the page's module
// calls into it, so a widget that never talks to another page does not carry the calls
// between widgets, nor one without hooks their answers and deadlines, nor one without
// `#[on_click]` handlers the listener of clicks. The page's inliner (`desk-package/src/module.rs`) refuses a snippet with
// any word that names what the page takes from another snippet (`after`, `emit`, ...): so
// the modal's `announce`, which calls `.emit`, is with the calls between widgets, and no
// comment in a snippet says "after".
#[wasm_bindgen(inline_js = "
export function show(id, html) { const e = document.getElementById(id); if (e) e.innerHTML = html; }
export function append_error(event, message) {
  const list = document.getElementById('errors');
  if (list) { const item = document.createElement('li'); item.textContent = event + ': ' + message; list.appendChild(item); }
}
export function settle(promise, callback) { promise.then((value) => callback(true, value), (error) => callback(false, error)); }
")]
extern "C" {
    /// Replaces the content of the element `id` with `html`.
    pub(crate) fn show(id: &str, html: &str);
    /// Adds `event: message` to the `#errors` list, as text.
    pub(crate) fn append_error(event: &str, message: &str);
    /// Calls `callback(true, value)` once `promise` is fulfilled, `callback(false, error)` if
    /// it is rejected: one callback, freed after its one call.
    pub(crate) fn settle(promise: &Promise, callback: JsValue);
}

// The agent's clicks: in the pages of widgets with an `#[on_click]` handler only.
#[wasm_bindgen(inline_js = "
export function on_click(handler) {
  document.addEventListener('click', (event) => {
    const target = event.target && event.target.closest ? event.target.closest('[data-click]') : null;
    if (target) handler(target.getAttribute('data-click'));
  });
}
")]
extern "C" {
    /// Calls `handler` with the `data-click` of every clicked element that has one (or is in
    /// one).
    pub(crate) fn on_click(handler: &Callback);
}

// Desk's hooks, answered and timed: in the pages of widgets with a hook only.
#[wasm_bindgen(inline_js = "
export function on_hook(instance, hook, callback) {
  instance.on(hook, (payload) => {
    let answer;
    const promise = new Promise((resolve, reject) => { answer = (ok, value) => (ok ? resolve : reject)(value); });
    callback(payload, answer);
    return promise;
  });
}
export function after(ms, callback) { setTimeout(callback, ms); }
")]
extern "C" {
    /// `App.instance.on(hook, ...)`, answering Desk with a Promise: `callback(payload,
    /// answer)`, which settles it with `answer(true, value)` or rejects it with `answer(false,
    /// reason)`.
    #[wasm_bindgen(catch)]
    pub(crate) fn on_hook(
        instance: &Instance,
        hook: &str,
        callback: &Callback,
    ) -> Result<(), JsValue>;
    /// `setTimeout(callback, ms)`: the page's, looked up at each call, so that the browser test
    /// runs a hook's deadline on Desk's clock (the SDK stand-in's) instead of waiting 25 s.
    pub(crate) fn after(ms: u32, callback: JsValue);
}

// The widget's calls: on the SDK, on `App.instance` between widgets, and both sides of the
// modal handshake (`crate::modal`), whose callbacks are shorter in JavaScript than as closures
// exported from the module. Each call answers with a Promise, rejected if it throws: written
// here, the module imports none of the lookups, casts and Promises it would take in Rust.
#[wasm_bindgen(inline_js = "
export function call_sdk(name, args) {
  try {
    const sdk = Reflect.get(globalThis, 'ZOHODESK');
    const method = Reflect.get(sdk, name);
    if (!(method instanceof Function)) return Promise.reject(method);
    const list = JSON.parse(args);
    if (!Array.isArray(list)) return Promise.reject(list);
    const answer = method.apply(sdk, list);
    return answer instanceof Promise ? answer : Promise.resolve(answer);
  } catch (error) { return Promise.reject(error); }
}
export function get_widgets(instance) {
  try { return Promise.resolve(instance.getWidgets()); } catch (error) { return Promise.reject(error); }
}
export function emit(instance, to, name, data) {
  try {
    const target = to == null ? instance : instance.getWidgetInstance(to);
    return Promise.resolve(target.emit(name, data)).then(() => ({}));
  } catch (error) { return Promise.reject(error); }
}
export function open_modal(instance, url, title, input, ready, input_name, result_name) {
  let opening;
  try { opening = Promise.resolve(instance.modal({ url, title })); } catch (error) { return Promise.reject(error); }
  return opening.then((opened) => new Promise((resolve) => {
    // The reference says modal() resolves to the modal's widgetID: as an object's field, or
    // the id itself.
    const id = opened !== null && typeof opened === 'object' ? opened.widgetID : opened;
    const modal = instance.getWidgetInstance(id);
    let done = false;
    let sent = false;
    const finish = (value) => { if (!done) { done = true; resolve(value === undefined ? null : value); } };
    modal.on(ready, () => { if (!done && !sent) { sent = true; modal.emit(input_name, input); } });
    modal.on(result_name, finish);
    modal.on('modal.closed', () => finish(null));
    instance.on('modal.closed', () => finish(null));
  }));
}
// A modal's page says it is ready until its input arrives (every 200 ms, for 10 s): the opener
// may start listening once the page has loaded.
export function announce(instance, ready, input_name) {
  let arrived = false;
  instance.on(input_name, () => { arrived = true; });
  let left = 50;
  const tick = () => { if (!arrived && left-- > 0) { instance.emit(ready, null); setTimeout(tick, 200); } };
  tick();
}
")]
extern "C" {
    /// `ZOHODESK[name](...args)`, `args` a JSON array's text; an SDK function that answers at
    /// once is taken as answered.
    pub(crate) fn call_sdk(name: &str, args: &str) -> Promise;
    /// `App.instance.getWidgets()`, as a Promise.
    pub(crate) fn get_widgets(instance: &Instance) -> Promise;
    /// `emit(name, data)` on the widget `to`'s instance, or on `instance` for `null`.
    pub(crate) fn emit(
        instance: &Instance,
        to: Option<String>,
        name: &str,
        data: JsValue,
    ) -> Promise;
    /// Opens a modal and runs the handshake: a Promise of its result, `null` if dismissed.
    pub(crate) fn open_modal(
        instance: &Instance,
        url: &str,
        title: &str,
        input: JsValue,
        ready: &str,
        input_name: &str,
        result_name: &str,
    ) -> Promise;
    /// A modal's page: emits `ready` until `input_name` arrives.
    pub(crate) fn announce(instance: &Instance, ready: &str, input_name: &str);
}
