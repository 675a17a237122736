//! The host for real Desk pages: a widget compiled to WebAssembly, on the Desk client SDK.
//!
//! A Desk widget is a web page in an iframe that loads the SDK script (global `ZOHODESK`).
//! Widgets are declared with [`extension!`](crate::extension!), which exports one entry per
//! widget from the WebAssembly module (`mount_<widget name>`); each widget's page calls its
//! own entry, which calls [`mount`]. Nobody writes a start function by hand.
//!
//! [`Mount::start`] waits for `ZOHODESK.extension.onload()`, registers each of the widget's
//! subscriptions with `App.instance.on`, and for every event decodes the payload
//! (`JSON.stringify`, then `serde_json` as on every other host) and calls the handler, through
//! the same host core as the simulated Desk. After mounting and after every event it writes
//! [`Page::render`] into the page's `#app`. A payload that does not decode, or a handler that
//! fails, goes to `console.error`, to the page's `#errors` list and to the error hooks, never
//! to a panic; the widget keeps receiving events.
//!
//! Events are delivered one at a time, in the order Desk sent them: an event that arrives while
//! a handler runs (a handler whose call into the page made Desk call back at once) waits in a
//! queue and is delivered right after it, never into a second borrow of the widget.
//!
//! A panic (a bug in a handler) aborts the WebAssembly module on `wasm32`: the host's panic
//! hook reports it to `console.error`, then calls the hook that was installed before it.

mod host;
mod json;
mod sdk;

pub use host::{Action, HostError, Property, Update, get, get_as, invoke, route_to, set};

use crate::extension::Extension;
use crate::host::Core;
use crate::page::Page;
use crate::widget::DispatchError;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The extension of the widget mounted on this page: what its manifest allows. (A page
    /// runs one widget; WebAssembly on the web has one thread.)
    static EXTENSION: Cell<Option<&'static Extension>> = const { Cell::new(None) };
    static PANIC_HOOK: Cell<bool> = const { Cell::new(false) };
}

/// The extension mounted on this page, if any.
pub(crate) fn extension() -> Option<&'static Extension> {
    EXTENSION.with(Cell::get)
}

/// Mounts a default `W` of `extension` on this page: what each entry that
/// [`extension!`](crate::extension!) exports calls.
pub fn mount<W: Page + Default + 'static>(extension: &'static Extension) {
    Mount::new(W::default()).extension(extension).start();
}

/// A widget with its hooks, to mount on its page.
pub struct Mount<W> {
    widget: W,
    extension: Option<&'static Extension>,
    on_error: Vec<crate::ErrorHook>,
}

impl<W: fmt::Debug> fmt::Debug for Mount<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mount")
            .field("widget", &self.widget)
            .field("extension", &self.extension.map(|e| e.name))
            .field("error_hooks", &self.on_error.len())
            .finish()
    }
}

impl<W: Page + 'static> Mount<W> {
    /// A widget to mount.
    pub fn new(widget: W) -> Self {
        Mount {
            widget,
            extension: None,
            on_error: Vec::new(),
        }
    }

    /// The extension the widget belongs to: its manifest's settings are checked before calls
    /// that depend on them (storage, `request`'s domains).
    #[must_use]
    pub fn extension(mut self, extension: &'static Extension) -> Self {
        self.extension = Some(extension);
        self
    }

    /// Also calls `hook` with the event's name and the error when an event fails at the
    /// widget, after `console.error` and the page's `#errors` list. Also called, with the event
    /// `extension.onload`, if the SDK is missing or fails to load.
    #[must_use]
    pub fn on_error(mut self, hook: impl FnMut(&str, &DispatchError) + 'static) -> Self {
        self.on_error.push(Box::new(hook));
        self
    }

    /// Mounts the widget: installs the panic hook, waits for the SDK's `App`, subscribes.
    pub fn start(self) {
        install_panic_hook();
        EXTENSION.with(|cell| cell.set(self.extension));
        let mut core = Core::new(self.widget);
        core.add_error_hook(Box::new(|event, error| {
            sdk::console_error(&format!("desk widget: {error}"));
            sdk::append_error(event, &error.to_string());
        }));
        for hook in self.on_error {
            core.add_error_hook(hook);
        }
        let host = Rc::new(Host {
            core: RefCell::new(core),
            queue: RefCell::default(),
        });
        let onload = match sdk::extension_onload() {
            Ok(promise) => promise,
            Err(error) => return host.not_loaded(&error),
        };
        let resolved = {
            let host = Rc::clone(&host);
            Closure::once(move |app: JsValue| host.loaded(&app.unchecked_into()))
        };
        let rejected = Closure::once(move |error: JsValue| host.not_loaded(&error));
        // `then` rather than `spawn_local` and `JsFuture`: the futures executor costs 6.5 KB of
        // the module (`cargo xtask sizes`, BENCHMARKS.md section 4) for one wait.
        let _ = onload.then2(&resolved, &rejected);
        // Called once by the Promise; JavaScript owns them from here.
        resolved.forget();
        rejected.forget();
    }
}

/// Reports panics to `console.error` (on `wasm32` they abort the module, and the default hook
/// prints nowhere a page shows), then calls the hook installed before, once per page.
fn install_panic_hook() {
    if PANIC_HOOK.with(|installed| installed.replace(true)) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |panic| {
        sdk::console_error(&format!("desk widget panicked: {panic}"));
        previous(panic);
    }));
}

/// A mounted widget and the events waiting for it.
struct Host<W> {
    core: RefCell<Core<W>>,
    queue: RefCell<VecDeque<(&'static str, Option<String>)>>,
}

impl<W: Page + 'static> Host<W> {
    /// Once `ZOHODESK.extension.onload()` resolved: subscribes, and shows the widget.
    fn loaded(self: &Rc<Self>, app: &sdk::App) {
        let instance = app.instance();
        for &event in W::SUBSCRIPTIONS {
            let host = Rc::clone(self);
            let callback = Closure::<dyn FnMut(JsValue)>::new(move |payload: JsValue| {
                // `undefined` (an event without data, such as `modal.closed`) is no payload.
                let json = (!payload.is_undefined()).then(|| json::stringify(&payload));
                host.receive(event, json);
            });
            if let Err(error) = instance.on(event, &callback) {
                let message = format!("cannot subscribe to `{event}`: {}", json::message(&error));
                sdk::console_error(&message);
            }
            // The callbacks live as long as the page: JavaScript owns them from here.
            callback.forget();
        }
        self.render();
    }

    /// When the SDK is missing or `ZOHODESK.extension.onload()` rejected.
    fn not_loaded(&self, error: &JsValue) {
        let error = DispatchError::NotLoaded {
            message: json::message(error),
        };
        if let Ok(mut core) = self.core.try_borrow_mut() {
            core.report("extension.onload", &error);
        }
        self.render();
    }

    /// Queues an event, and delivers the queue unless a delivery is already under way (then
    /// that one delivers it next): one event at a time, in order, never a second borrow.
    fn receive(&self, event: &'static str, payload: Option<String>) {
        self.queue.borrow_mut().push_back((event, payload));
        let Ok(mut core) = self.core.try_borrow_mut() else {
            return;
        };
        loop {
            // The queue's borrow ends here, before the handler runs: it may queue more.
            let next = self.queue.borrow_mut().pop_front();
            let Some((event, payload)) = next else { break };
            core.receive(event, payload.as_deref());
            sdk::show("app", &core.widget.render());
        }
    }

    /// Writes the widget into the page, unless a delivery is under way (it renders after).
    fn render(&self) {
        if let Ok(core) = self.core.try_borrow() {
            sdk::show("app", &core.widget.render());
        }
    }
}
