//! The host for real Desk pages: a widget compiled to WebAssembly, on the Desk client SDK.
//!
//! A Desk widget is a web page in an iframe that loads the SDK script (global `ZOHODESK`).
//! Widgets are declared with [`extension!`](crate::extension!), which exports one entry per
//! widget from the WebAssembly module (`mount_<widget name>`); each widget's page calls its
//! own entry, which calls [`mount`]. Nobody writes a start function by hand.
//!
//! [`Mount::start`] waits for `ZOHODESK.extension.onload()`, registers each of the widget's
//! subscriptions with `App.instance.on`, and for every event decodes the payload
//! (`JSON.stringify`, then [`crate::json`] as on every other host) and calls the handler, through
//! the same host core as the simulated Desk. After mounting and after every event it writes
//! [`Page::render`] into the page's `#app`. A payload that does not decode, or a handler that
//! fails, goes to `console.error`, to the page's `#errors` list and to the error hooks, never
//! to a panic; the widget keeps receiving events.
//!
//! Events are delivered one at a time, in the order Desk sent them: an event that arrives while
//! a handler runs (a handler whose call into the page made Desk call back at once) waits in a
//! queue and is delivered right after it, never into a second borrow of the widget.
//!
//! A panic (a bug in a handler or in [`Page::render`]) is fatal for the widget: on `wasm32` it
//! aborts the WebAssembly module. The host's panic hook reports it first, as
//! [`DispatchError::Panicked`] with the event being handled (or [`RENDER`]): to
//! `console.error`, to the page's `#errors` list (which says that the widget stopped) and to the
//! error hooks, then calls the hook that was installed before it. The simulated Desk stops the
//! widget likewise.

mod json;
mod sdk;
mod transport;

use crate::bounded;
use crate::desk::{Desk, LoadedApp};
use crate::hook::{HOOK_DEADLINE_MS, HookPolicy, Verdict};
use crate::host::{self, CLICK, Core, ErrorHooks, ON_LOAD, Outcome, RENDER, panicked};
use crate::modal::{MODAL_INPUT, MODAL_READY};
use crate::page::Page;
use crate::widget::DispatchError;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The module's allocator: talc, which is smaller than Rust's default dlmalloc in a module
/// (BENCHMARKS.md section 5.6); a page is single-threaded.
#[cfg(all(
    feature = "talc",
    target_arch = "wasm32",
    not(target_feature = "atomics")
))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    static PANIC_HOOK: Cell<bool> = const { Cell::new(false) };
    /// What a panic is reported against: the event being handled (or [`RENDER`]), and the error
    /// hooks of the widget handling it.
    static HANDLING: RefCell<Option<(String, ErrorHooks)>> = const { RefCell::new(None) };
}

/// Notes that `core`'s widget is about to handle `event` (or render, [`RENDER`]), for the panic
/// hook; `None` once it is done.
fn handling<W: crate::Widget>(core: &Core<W>, event: Option<&str>) {
    HANDLING.with(|handling| {
        if let Ok(mut handling) = handling.try_borrow_mut() {
            *handling = event.map(|event| (event.to_owned(), core.error_hooks()));
        }
    });
}

/// Mounts a default `W` on this page: what each entry that [`extension!`](crate::extension!)
/// exports calls.
pub fn mount<W: Page + Default + 'static>() {
    Mount::new(W::default()).start();
}

/// A widget with its hooks, to mount on its page.
pub struct Mount<W> {
    widget: W,
    on_error: Vec<crate::ErrorHook>,
}

impl<W: fmt::Debug> fmt::Debug for Mount<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mount")
            .field("widget", &self.widget)
            .field("error_hooks", &self.on_error.len())
            .finish()
    }
}

impl<W: Page + 'static> Mount<W> {
    /// A widget to mount.
    pub fn new(widget: W) -> Self {
        Mount {
            widget,
            on_error: Vec::new(),
        }
    }

    /// Also calls `hook` with the event's name and the error when an event fails at the
    /// widget, after `console.error` and the page's `#errors` list. Also called, with the event
    /// `extension.onload`, if the SDK is missing or fails to load.
    #[must_use]
    pub fn on_error(mut self, hook: impl FnMut(&str, &DispatchError) + 'static) -> Self {
        self.on_error.push(Box::new(hook));
        self
    }

    /// Mounts the widget: installs the panic hook, waits for the SDK's `App`, subscribes, runs
    /// the mount handler.
    pub fn start(self) {
        install_panic_hook();
        let onload = match sdk::extension_onload() {
            Ok(promise) => promise,
            Err(error) => return self.not_loaded(&error),
        };
        // The Promise settles once: whichever callback runs takes the widget.
        let mount = Rc::new(RefCell::new(Some(self)));
        let taken = Rc::clone(&mount);
        let resolved = Closure::once(move |app: JsValue| {
            if let Some(mount) = taken.borrow_mut().take() {
                Host::loaded(mount, &app);
            }
        });
        let rejected = Closure::once(move |error: JsValue| {
            if let Some(mount) = mount.borrow_mut().take() {
                mount.not_loaded(&error);
            }
        });
        // `then` rather than `spawn_local` and `JsFuture`: the futures executor costs 6.5 KB of
        // the module (`cargo xtask sizes`, BENCHMARKS.md section 4) for one wait; a widget with
        // `async` handlers links it anyway.
        let _ = onload.then2(&resolved, &rejected);
        // Called once by the Promise; JavaScript owns them from here.
        resolved.forget();
        rejected.forget();
    }
}

impl<W> Mount<W> {
    /// When the SDK is missing or `ZOHODESK.extension.onload()` rejected: no widget will run,
    /// and the console, the page and the hooks say why.
    fn not_loaded(mut self, error: &JsValue) {
        let error = DispatchError::NotLoaded {
            message: json::message(error),
        };
        sdk::console_error(&format!("desk widget: {error}"));
        sdk::append_error(ON_LOAD, &error.to_string());
        for hook in &mut self.on_error {
            hook(ON_LOAD, &error);
        }
    }
}

/// Reports panics (on `wasm32` they abort the module, and the default hook prints nowhere a
/// page shows) to `console.error` with where it panicked, then as [`DispatchError::Panicked`] to
/// the error hooks of the widget that was handling an event (the first of which writes it to
/// the console and the page's `#errors`), then calls the hook installed before; installed once
/// per page.
fn install_panic_hook() {
    if PANIC_HOOK.with(|installed| installed.replace(true)) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |panic| {
        // A panic's message may quote what a handler was given: bounded as errors are.
        sdk::console_error(&bounded::string(format_args!(
            "desk widget panicked: {panic}"
        )));
        let handling = HANDLING.with(|handling| handling.try_borrow_mut().ok()?.take());
        if let Some((event, hooks)) = handling
            && let Ok(mut hooks) = hooks.try_borrow_mut()
        {
            let message = panic
                .payload_as_str()
                .unwrap_or("a panic without a message");
            let error = panicked(&event, message);
            for hook in hooks.iter_mut() {
                hook(&event, &error);
            }
        }
        previous(panic);
    }));
}

/// A mounted widget and the events waiting for it.
struct Host<W> {
    core: RefCell<Core<W>>,
    queue: RefCell<VecDeque<Queued>>,
}

/// An event waiting for the widget; a hook's with where its answer goes.
struct Queued {
    event: String,
    payload: Option<String>,
    reply: Option<Reply>,
}

/// Where a hook's answer goes: the Promise its callback returned to Desk, settled once, by the
/// handler or by the deadline, whichever is first.
#[derive(Clone)]
struct Reply {
    resolve: js_sys::Function,
    reject: js_sys::Function,
    answered: Rc<Cell<bool>>,
    policy: HookPolicy,
}

impl Reply {
    /// Answers Desk, unless it was answered already.
    fn answer(&self, verdict: &Verdict) {
        if self.answered.replace(true) {
            return;
        }
        let _ = match verdict {
            Verdict::Allow => self.resolve.call1(&JsValue::NULL, &JsValue::TRUE),
            Verdict::Deny(reason) => self
                .reject
                .call1(&JsValue::NULL, &JsValue::from_str(reason)),
        };
    }

    /// Answers for what became of the hook's handler.
    fn settle(&self, outcome: &Outcome) {
        match outcome {
            Outcome::Answered(verdict) => self.answer(verdict),
            Outcome::Failed(error) => self.answer(&self.policy.fallback(error)),
            // Not a hook's handler: Desk goes ahead.
            _ => self.answer(&Verdict::Allow),
        }
    }
}

impl<W: Page + 'static> Host<W> {
    /// Once `ZOHODESK.extension.onload()` resolved: the widget gets its handle to Desk,
    /// subscribes, shows itself, and its mount handler runs.
    fn loaded(mount: Mount<W>, app: &JsValue) {
        let instance = app.clone().unchecked_into::<sdk::App>().instance();
        // A widget that never talks back gets a handle connected to nothing: its module then
        // links neither the SDK's calls nor the `App`'s decoding.
        let desk = if W::TALKS_BACK {
            let app = LoadedApp::json(json::stringify(app));
            Desk::new(transport::Sdk(app, instance.clone().unchecked_into()))
        } else {
            Desk::detached()
        };
        let mut core = Core::new(mount.widget, desk);
        core.add_error_hook(Box::new(|event, error| {
            sdk::console_error(&format!("desk widget: {error}"));
            sdk::append_error(event, &error.to_string());
        }));
        for hook in mount.on_error {
            core.add_error_hook(hook);
        }
        let host = Rc::new(Host {
            core: RefCell::new(core),
            queue: RefCell::default(),
        });
        for event in host::subscriptions::<W>() {
            let subscribed = match W::HOOKS.iter().find(|policy| policy.name == event) {
                Some(&policy) => host.subscribe_hook(&instance, policy),
                None => host.subscribe(&instance, event),
            };
            if let Err(error) = subscribed {
                let message = bounded::string(format_args!(
                    "cannot subscribe to `{event}`: {}",
                    json::message(&error)
                ));
                sdk::console_error(&message);
            }
        }
        if !W::CLICKS.is_empty() {
            let receiver = Rc::clone(&host);
            let clicked = Closure::<dyn FnMut(String)>::new(move |name: String| {
                if W::CLICKS.contains(&name.as_str()) {
                    receiver.receive(format!("{CLICK}{name}"), None, None);
                }
            });
            sdk::on_click(&clicked);
            clicked.forget();
        }
        host.render();
        // A modal's page is subscribed: its opener may send the input (`crate::modal`).
        if W::MODAL {
            sdk::announce(&instance, MODAL_READY, MODAL_INPUT);
        }
        if W::SUBSCRIPTIONS.contains(&ON_LOAD) {
            host.receive(ON_LOAD.to_owned(), Some(json::stringify(app)), None);
        }
    }

    fn subscribe(
        self: &Rc<Self>,
        instance: &sdk::Instance,
        event: &'static str,
    ) -> Result<(), JsValue> {
        let receiver = Rc::clone(self);
        let callback = Closure::<dyn FnMut(JsValue)>::new(move |payload: JsValue| {
            // `undefined` (an event without data, such as `modal.closed`) is no payload.
            let json = (!payload.is_undefined()).then(|| json::stringify(&payload));
            receiver.receive(event.to_owned(), json, None);
        });
        let subscribed = instance.on(event, &callback);
        // The callbacks live as long as the page: JavaScript owns them from here.
        callback.forget();
        subscribed
    }

    /// A hook's callback answers Desk with a Promise, settled by the handler, or by the host
    /// at the deadline with the hook's `otherwise` (`crate::hook`).
    fn subscribe_hook(
        self: &Rc<Self>,
        instance: &sdk::Instance,
        policy: HookPolicy,
    ) -> Result<(), JsValue> {
        let receiver = Rc::clone(self);
        let callback =
            Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |payload: JsValue| {
                let json = (!payload.is_undefined()).then(|| json::stringify(&payload));
                let mut settle = None;
                let promise = js_sys::Promise::new(&mut |resolve, reject| {
                    settle = Some((resolve, reject));
                });
                let Some((resolve, reject)) = settle else {
                    return promise;
                };
                let reply = Reply {
                    resolve,
                    reject,
                    answered: Rc::default(),
                    policy,
                };
                let late = reply.clone();
                let host = Rc::clone(&receiver);
                let deadline = Closure::once_into_js(move || {
                    if late.answered.get() {
                        return;
                    }
                    let error = DispatchError::HookLate {
                        hook: policy.name.to_owned(),
                        after_ms: HOOK_DEADLINE_MS,
                    };
                    late.answer(&policy.fallback(&error));
                    if let Ok(mut core) = host.core.try_borrow_mut() {
                        core.report(policy.name, &error);
                    }
                });
                sdk::after(HOOK_DEADLINE_MS, deadline);
                receiver.receive(policy.name.to_owned(), json, Some(reply));
                promise
            });
        let subscribed = instance.on_hook(policy.name, &callback);
        callback.forget();
        subscribed
    }

    /// Queues an event and runs the queue, unless it is running already (a handler whose call
    /// made Desk call back at once, or an `async` handler that awaits): then the event waits
    /// its turn. One event at a time, in order, never a second borrow of the widget.
    fn receive(self: &Rc<Self>, event: String, payload: Option<String>, reply: Option<Reply>) {
        self.queue.borrow_mut().push_back(Queued {
            event,
            payload,
            reply,
        });
        self.run();
    }

    fn run(self: &Rc<Self>) {
        let Ok(mut core) = self.core.try_borrow_mut() else {
            return;
        };
        loop {
            // A task has the widget: the events wait for it, in the queue.
            if core.widget().is_none() {
                return;
            }
            // The queue's borrow ends here, before the handler runs: it may queue more.
            let next = self.queue.borrow_mut().pop_front();
            let Some(Queued {
                event,
                payload,
                reply,
            }) = next
            else {
                break;
            };
            handling(&core, Some(&event));
            if W::ASYNC {
                // The task has the widget until it completes; the queue waits meanwhile.
                let Some(task) = core.start(&event, payload.as_deref()) else {
                    handling(&core, None);
                    if let Some(reply) = reply {
                        reply.settle(&Outcome::NotSubscribed);
                    }
                    continue;
                };
                let host = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(async move {
                    let (widget, result) = task.await;
                    {
                        let mut core = host.core.borrow_mut();
                        let outcome = core.finish(&event, widget, result);
                        if let Some(reply) = reply {
                            reply.settle(&outcome);
                        }
                        show(&core);
                    }
                    host.run();
                });
                return;
            }
            let outcome = core.receive(&event, payload.as_deref());
            if let Some(reply) = reply {
                reply.settle(&outcome);
            }
            show(&core);
        }
    }

    /// Writes the widget into the page, unless a handler has it (it renders after).
    fn render(&self) {
        if let Ok(core) = self.core.try_borrow() {
            show(&core);
        }
    }
}

/// Writes [`Page::render`] into the page's `#app`, when no task has the widget: the end of an
/// event's handling.
fn show<W: Page>(core: &Core<W>) {
    if let Some(widget) = core.widget() {
        handling(core, Some(RENDER));
        sdk::show("app", &widget.render());
    }
    handling(core, None);
}
