//! The host for real Desk pages: a widget compiled to WebAssembly, on the Desk client SDK.
//!
//! A Desk widget is a web page in an iframe that loads the SDK script (global `ZOHODESK`). The
//! widget crate's library, built for the browser with `cargo rustc --lib --crate-type cdylib
//! --target wasm32-unknown-unknown`, has a start function that mounts the widget:
//!
//! ```no_run
//! use desk_runtime::prelude::*;
//! use desk_runtime::events::CallRinging;
//! use wasm_bindgen::prelude::*;
//!
//! #[derive(Default)]
//! pub struct Calls(Vec<String>);
//!
//! #[desk_widget(location = "desk.extension.telephony")]
//! impl Calls {
//!     #[on("call.ringing")]
//!     fn ringing(&mut self, call: CallRinging) { self.0.push(call.number); }
//! }
//!
//! #[wasm_bindgen(start)]
//! pub fn start() {
//!     desk_runtime::browser::Mount::new(Calls::default())
//!         .on_update(|calls| { /* render `calls` into the page, escaped */ })
//!         .on_error(|event, error| { /* show it; it is also on the console */ })
//!         .start();
//! }
//! ```
//!
//! `start` waits for `ZOHODESK.extension.onload()`, registers each of the widget's
//! subscriptions with `App.instance.on`, and for every event decodes the payload
//! (`JSON.stringify`, then `serde_json` as on every other host) and calls the handler. A payload that does not decode, or a
//! handler that fails, goes to `console.error` and to the error hook, never to a panic; the
//! widget keeps receiving events. A panic (a bug in a handler) aborts the WebAssembly module
//! on `wasm32`: a panic hook reports it to `console.error` first.

mod host;
mod json;
mod sdk;

pub use host::{Action, HostError, Property, Update, get, get_as, invoke, route_to, set};

use crate::deliver::{ErrorHook, deliver};
use crate::widget::{DispatchError, Widget};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Shows a widget's state in its page.
type Render<W> = Box<dyn FnMut(&W)>;

/// A widget with its hooks, to mount on its page; once started, shared by the SDK's callbacks.
pub struct Mount<W> {
    widget: W,
    on_error: Option<ErrorHook>,
    on_update: Option<Render<W>>,
}

impl<W: Widget + 'static> Mount<W> {
    /// A widget to mount.
    pub fn new(widget: W) -> Self {
        Mount {
            widget,
            on_error: None,
            on_update: None,
        }
    }

    /// Called with the event's name and the error when an event fails at the widget (besides
    /// `console.error`). Also called, with the event `extension.onload`, if the SDK is missing
    /// or fails to load.
    #[must_use]
    pub fn on_error(mut self, hook: impl FnMut(&str, &DispatchError) + 'static) -> Self {
        self.on_error = Some(Box::new(hook));
        self
    }

    /// Called once the widget is mounted and after every event, to show its state.
    #[must_use]
    pub fn on_update(mut self, render: impl FnMut(&W) + 'static) -> Self {
        self.on_update = Some(Box::new(render));
        self
    }

    /// Mounts the widget: installs the panic hook, waits for the SDK's `App`, subscribes.
    pub fn start(self) {
        std::panic::set_hook(Box::new(|panic| sdk::console_error(&panic.to_string())));
        let mounted = Rc::new(RefCell::new(self));
        let onload = match sdk::extension_onload() {
            Ok(promise) => promise,
            Err(error) => return loaded(&mounted, Err(json::message(&error))),
        };
        let resolved = {
            let mounted = Rc::clone(&mounted);
            Closure::once(move |app: JsValue| loaded(&mounted, Ok(app.unchecked_into())))
        };
        let rejected =
            Closure::once(move |error: JsValue| loaded(&mounted, Err(json::message(&error))));
        // `then` rather than `spawn_local` and `JsFuture`: the futures executor costs 6.5 KB of
        // the module (`cargo xtask sizes`, BENCHMARKS.md section 4) for one wait.
        let _ = onload.then2(&resolved, &rejected);
        // Called once by the Promise; JavaScript owns them from here.
        resolved.forget();
        rejected.forget();
    }
}

/// Once `ZOHODESK.extension.onload()` settled: subscribes, or reports why it cannot.
fn loaded<W: Widget + 'static>(mounted: &Rc<RefCell<Mount<W>>>, app: Result<sdk::App, String>) {
    match app {
        Ok(app) => subscribe(&app.instance(), mounted),
        Err(message) => mounted.borrow_mut().fail(
            "extension.onload",
            &DispatchError::Handler {
                event: "extension.onload".to_owned(),
                message,
            },
        ),
    }
    mounted.borrow_mut().update();
}

/// Mounts `widget` without hooks: failures go to `console.error` only.
pub fn mount<W: Widget + 'static>(widget: W) {
    Mount::new(widget).start();
}

/// Registers one SDK callback per subscription. The callbacks live as long as the page, so
/// they are handed over to JavaScript for good (`forget`).
fn subscribe<W: Widget + 'static>(instance: &sdk::Instance, mounted: &Rc<RefCell<Mount<W>>>) {
    for &event in W::SUBSCRIPTIONS {
        let mounted = Rc::clone(mounted);
        let callback = Closure::<dyn FnMut(JsValue)>::new(move |payload: JsValue| {
            // `undefined` (an event without data, such as `modal.closed`) becomes no payload.
            let json = if payload.is_undefined() {
                String::new()
            } else {
                json::stringify(&payload)
            };
            let mut mounted = mounted.borrow_mut();
            if let Err(error) = deliver(&mut mounted.widget, event, &json) {
                mounted.fail(event, &error);
            }
            mounted.update();
        });
        if let Err(error) = instance.on(event, &callback) {
            let message = format!("cannot subscribe to `{event}`: {}", json::message(&error));
            sdk::console_error(&message);
        }
        callback.forget();
    }
}

impl<W> Mount<W> {
    fn fail(&mut self, event: &str, error: &DispatchError) {
        sdk::console_error(&format!("desk widget: {error}"));
        if let Some(hook) = &mut self.on_error {
            hook(event, error);
        }
    }

    fn update(&mut self) {
        if let Some(render) = &mut self.on_update {
            render(&self.widget);
        }
    }
}
