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
//! The host core (`crate::host`) decides what becomes of each event, as on the simulated Desk;
//! this module is only its driver on the page: it feeds the core what Desk sends (events,
//! hooks, clicks, the answers to calls, deadlines), and carries out what the core asks (calls
//! on the SDK, the page written into `#app`, hooks answered, failures reported).
//!
//! A panic (a bug in a handler or in [`Page::render`]) is fatal for the widget: on `wasm32` it
//! aborts the WebAssembly module. The host's panic hook reports it first, as
//! [`DispatchError::Panicked`] with the event being handled (or [`RENDER`](crate::RENDER)): to
//! `console.error`, to the page's `#errors` list (which says that the widget stopped) and to the
//! error hooks, then calls the hook that was installed before it. The simulated Desk stops the
//! widget likewise.

mod json;
mod sdk;
mod transport;

use crate::app::LoadedApp;
use crate::bounded;
use crate::errors::{DispatchError, HostError};
use crate::hook::{HookPolicy, Verdict};
use crate::host::{self, CLICK, Delivery, Effect, ErrorHook, Host, ON_LOAD, panicked};
use crate::link::{CallId, Json, Link};
use crate::modal::{MODAL_INPUT, MODAL_READY};
use crate::page::Page;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
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

/// A widget's error hooks, shared with the panic hook, which tells them of a panic while the
/// widget's core is still borrowed by the handler.
type ErrorHooks = RefCell<Vec<ErrorHook>>;

thread_local! {
    static PANIC_HOOK: Cell<bool> = const { Cell::new(false) };
    /// The error hooks of the widget the core is running, for the panic hook.
    static RUNNING: Cell<Option<&'static ErrorHooks>> = const { Cell::new(None) };
    /// What schedules the page's widget's task to be polled again, for its waker: a `Waker`
    /// is `Send + Sync`, so it holds a plain `fn` ([`woken`]), which finds the driver here.
    static REPOLL: Cell<Option<&'static dyn Fn()>> = const { Cell::new(None) };
}

/// A task of the page's widget was woken while its core was not running (a timer, a Promise
/// of the handler's own): it is polled again soon.
fn woken() {
    if let Some(repoll) = REPOLL.with(Cell::get) {
        repoll();
    }
}

/// Mounts a default `W` on this page: what each entry that [`extension!`](crate::extension!)
/// exports calls.
pub fn mount<W: Page + Default + 'static>() {
    Mount::new(W::default()).start();
}

/// A widget with its hooks, to mount on its page.
pub struct Mount<W> {
    widget: W,
    on_error: Vec<ErrorHook>,
    on_outcome: Vec<OutcomeHook>,
}

/// Called with what became of every event that reached the widget: `Mount::on_outcome`.
type OutcomeHook = Box<dyn FnMut(&Delivery)>;

impl<W: fmt::Debug> fmt::Debug for Mount<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mount")
            .field("widget", &self.widget)
            .field("error_hooks", &self.on_error.len())
            .field("outcome_hooks", &self.on_outcome.len())
            .finish()
    }
}

impl<W: Page + 'static> Mount<W> {
    /// A widget to mount.
    pub fn new(widget: W) -> Self {
        Mount {
            widget,
            on_error: Vec::new(),
            on_outcome: Vec::new(),
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

    /// Also calls `hook` with what became of every event that reached the widget, as the
    /// simulated Desk logs it ([`SimulatedDesk::deliveries`](crate::sim::SimulatedDesk::deliveries)):
    /// the same [`Delivery`], from the same host core.
    #[must_use]
    pub fn on_outcome(mut self, hook: impl FnMut(&Delivery) + 'static) -> Self {
        self.on_outcome.push(Box::new(hook));
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
        // The Promise settles once: the callback takes the widget.
        let settled = sdk::Callback::once(move |loaded: JsValue, app: JsValue| {
            if loaded.is_truthy() {
                Driver::loaded(self, &app);
            } else {
                self.not_loaded(&app);
            }
        })
        .into_js_value();
        sdk::settle(&onload, settled);
    }
}

impl<W> Mount<W> {
    /// When the SDK is missing or `ZOHODESK.extension.onload()` rejected: no widget will run,
    /// and the console, the page and the hooks say why.
    fn not_loaded(mut self, error: &JsValue) {
        let error = DispatchError::NotLoaded {
            message: json::message(error),
        };
        to_page(ON_LOAD, &error);
        for hook in &mut self.on_error {
            hook(ON_LOAD, &error);
        }
    }
}

/// The page's own error hook, before the widget's: the error to `console.error` and to the
/// page's `#errors` list.
fn to_page(event: &str, error: &DispatchError) {
    sdk::console_error(&format!("desk widget: {error}"));
    sdk::append_error(event, &error.to_string());
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
        let hooks = RUNNING.with(Cell::take);
        if let (Some(event), Some(hooks)) = (host::handling(), hooks)
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

/// The host core of the page's widget, and what carries out its effects on the page. It lives
/// as long as the page (`Box::leak`): the callbacks Desk keeps call it until the page is gone,
/// and a reference to it is all they hold (no counted reference, no code to drop it).
struct Driver<W> {
    host: RefCell<Host<W>>,
    instance: sdk::Instance,
    on_error: ErrorHooks,
    on_outcome: RefCell<Vec<OutcomeHook>>,
    /// The Promises Desk's hook callbacks returned, by the hook's event number: settled once,
    /// when the core answers.
    replies: RefCell<Vec<(u64, Reply)>>,
    /// Inputs that arrived while the core ran: a handler that called into the page, which made
    /// Desk call back at once. Fed to the core, in order, once it returns.
    arrived: RefCell<VecDeque<Input>>,
}

/// An input for the core, from a callback of the page: data, not a boxed closure, so that
/// the module has one function that feeds them all.
enum Input {
    /// The widget is loaded, with the `App` as JSON.
    Load(String),
    /// An event or message arrived, with its payload as JSON.
    Event(&'static str, Option<String>),
    /// The agent clicked the page's `data-click="name"`.
    Click(String),
    /// Desk asked a hook, and awaits the Promise its callback returned.
    Hook(HookPolicy, Option<String>, Reply),
    /// Desk answered a call.
    Answer(CallId, Result<Json, HostError>),
    /// A hook's deadline passed.
    Deadline(u64),
    /// The running task was woken: poll it again.
    Repoll,
}

/// Where a hook's answer goes: the Promise its callback returned to Desk, settled by
/// `answer(true, true)` or rejected by `answer(false, reason)` (`sdk::on_hook`).
struct Reply(js_sys::Function);

impl Reply {
    fn answer(&self, verdict: &Verdict) {
        let _ = match verdict {
            Verdict::Allow => self.0.call2(&JsValue::NULL, &JsValue::TRUE, &JsValue::TRUE),
            Verdict::Deny(reason) => {
                self.0
                    .call2(&JsValue::NULL, &JsValue::FALSE, &JsValue::from_str(reason))
            }
        };
    }
}

impl<W: Page + 'static> Driver<W> {
    /// Once `ZOHODESK.extension.onload()` resolved: the widget gets its handle to Desk,
    /// subscribes, shows itself, and its mount handler runs.
    fn loaded(mount: Mount<W>, app: &JsValue) {
        let instance = app.clone().unchecked_into::<sdk::App>().instance();
        let app = json::stringify(app);
        // A widget that never talks back keeps no `App` (its handle is connected to nothing):
        // its module then links neither the SDK's calls nor the `App`'s decoding.
        let loaded = if W::TALKS_BACK {
            LoadedApp::json(app.clone())
        } else {
            LoadedApp::default()
        };
        let mut host = Host::new(mount.widget, Link::new(loaded));
        host.rendering(W::render);
        // A constant: a widget without `async` handlers has no task to wake.
        if W::ASYNC {
            host.notifying(woken);
        }
        let mut on_error: Vec<ErrorHook> = vec![Box::new(to_page)];
        on_error.extend(mount.on_error);
        let driver: &'static Self = Box::leak(Box::new(Driver {
            host: RefCell::new(host),
            instance,
            on_error: RefCell::new(on_error),
            on_outcome: RefCell::new(mount.on_outcome),
            replies: RefCell::default(),
            arrived: RefCell::default(),
        }));
        if W::ASYNC {
            let repoll: &'static dyn Fn() = Box::leak(Box::new(move || driver.repoll_soon()));
            REPOLL.with(|cell| cell.set(Some(repoll)));
        }
        for event in host::subscriptions::<W>() {
            let subscribed = match W::HOOKS.iter().find(|policy| policy.name == event) {
                Some(&policy) => driver.subscribe_hook(policy),
                None => driver.subscribe(event),
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
            let clicked = sdk::Callback::new(move |name: JsValue, _| {
                if let Some(name) = name.as_string()
                    && W::CLICKS.contains(&name.as_str())
                {
                    driver.input(Input::Click(name));
                }
            });
            sdk::on_click(&clicked);
            clicked.forget();
        }
        // A modal's page is subscribed: its opener may send the input (`crate::modal`).
        if W::MODAL {
            sdk::announce(&driver.instance, MODAL_READY, MODAL_INPUT);
        }
        driver.input(Input::Load(app));
    }

    fn subscribe(&'static self, event: &'static str) -> Result<(), JsValue> {
        let callback = sdk::Callback::new(move |payload: JsValue, _| {
            // `undefined` (an event without data, such as `modal.closed`) is no payload.
            let json = (!payload.is_undefined()).then(|| json::stringify(&payload));
            self.input(Input::Event(event, json));
        });
        let subscribed = self.instance.on(event, &callback);
        // The callbacks live as long as the page: JavaScript owns them from here.
        callback.forget();
        subscribed
    }

    /// A hook's callback answers Desk with a Promise, which the core settles: with the
    /// handler's verdict, or with the hook's `otherwise` at the deadline (`crate::hook`).
    fn subscribe_hook(&'static self, policy: HookPolicy) -> Result<(), JsValue> {
        let callback = sdk::Callback::new(move |payload: JsValue, answer: JsValue| {
            let json = (!payload.is_undefined()).then(|| json::stringify(&payload));
            self.input(Input::Hook(policy, json, Reply(answer.unchecked_into())));
        });
        let subscribed = sdk::on_hook(&self.instance, policy.name, &callback);
        callback.forget();
        subscribed
    }

    /// Feeds the core one input, on the page's clock, and carries out what it asks. An input
    /// that arrives while the core runs waits until it returns.
    fn input(&'static self, input: Input) {
        self.arrived.borrow_mut().push_back(input);
        loop {
            let Ok(mut host) = self.host.try_borrow_mut() else {
                return;
            };
            let Some(input) = self.arrived.borrow_mut().pop_front() else {
                return;
            };
            RUNNING.with(|running| running.set(Some(&self.on_error)));
            host.link().set_now_ms(js_sys::Date::now());
            self.feed(&mut host, input);
            drop(host);
            self.drive();
        }
    }

    /// Hands one input to the core.
    fn feed(&self, host: &mut Host<W>, input: Input) {
        match input {
            Input::Load(app) => {
                host.load(&app);
            }
            Input::Event(event, json) => {
                host.receive(event, json.as_deref());
            }
            // Constants: a widget without buttons, hooks or calls links none of their inputs,
            // which its page never makes.
            Input::Click(name) if !W::CLICKS.is_empty() => {
                host.receive(&format!("{CLICK}{name}"), None);
            }
            Input::Hook(policy, json, reply) if !W::HOOKS.is_empty() => {
                // Kept before the core's answer is carried out, after this input.
                let number = host.attempt(policy, json.as_deref());
                self.replies.borrow_mut().push((number, reply));
            }
            Input::Deadline(number) if !W::HOOKS.is_empty() => host.deadline(number),
            Input::Answer(id, answer) if W::TALKS_BACK => host.answer(id, answer),
            Input::Repoll if W::ASYNC => host.repoll(),
            Input::Click(_)
            | Input::Hook(..)
            | Input::Deadline(_)
            | Input::Answer(..)
            | Input::Repoll => {}
        }
    }

    /// Feeds the core [`Input::Repoll`] from a resolved Promise's `then`: soon, but never from
    /// within the core or a waker, and without growing the stack when a task keeps waking
    /// itself.
    fn repoll_soon(&'static self) {
        let repoll = sdk::Callback::once(move |_: JsValue, _: JsValue| self.input(Input::Repoll))
            .into_js_value();
        sdk::settle(&js_sys::Promise::resolve(&JsValue::UNDEFINED), repoll);
    }

    /// Carries out the core's effects, in order, each outside the core's borrow: JavaScript
    /// called here may call back into the page at once.
    fn drive(&'static self) {
        loop {
            let Some(effect) = self
                .host
                .try_borrow_mut()
                .ok()
                .and_then(|mut h| h.poll_effect())
            else {
                return;
            };
            match effect {
                // Constants: a widget that never talks back, or has no hooks, links neither.
                Effect::Call(id, outbound) if W::TALKS_BACK => {
                    let promise = transport::carry(&self.instance, outbound);
                    let settled = sdk::Callback::once(move |ok: JsValue, answer: JsValue| {
                        let answer = transport::answer(ok.is_truthy(), &answer);
                        self.input(Input::Answer(id, answer));
                    })
                    .into_js_value();
                    sdk::settle(&promise, settled);
                }
                Effect::Show(page) => sdk::show("app", &page),
                Effect::AnswerHook { number, verdict } if !W::HOOKS.is_empty() => {
                    let mut replies = self.replies.borrow_mut();
                    if let Some(index) = replies.iter().position(|(n, _)| *n == number) {
                        let (_, reply) = replies.remove(index);
                        drop(replies);
                        reply.answer(&verdict);
                    }
                }
                Effect::SetDeadline { number, after_ms } if !W::HOOKS.is_empty() => {
                    let deadline = sdk::Callback::once(move |_: JsValue, _: JsValue| {
                        self.input(Input::Deadline(number));
                    })
                    .into_js_value();
                    sdk::after(after_ms, deadline);
                }
                Effect::Report { event, error } => {
                    if let Ok(mut hooks) = self.on_error.try_borrow_mut() {
                        for hook in hooks.iter_mut() {
                            hook(&event, &error);
                        }
                    }
                }
                Effect::Repoll if W::ASYNC => self.repoll_soon(),
                Effect::Call(..)
                | Effect::SetDeadline { .. }
                | Effect::AnswerHook { .. }
                | Effect::Repoll => {}
                // A page keeps no log: its hooks see each outcome.
                Effect::Done(delivery) => {
                    if let Ok(mut hooks) = self.on_outcome.try_borrow_mut() {
                        for hook in hooks.iter_mut() {
                            hook(&delivery);
                        }
                    }
                }
            }
        }
    }
}
