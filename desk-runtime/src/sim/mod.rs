//! A simulated Desk: mount a widget, fire events at it as Desk would, read back what happened.
//!
//! This is how a widget is unit-tested with `cargo test`, natively, without a browser.
//!
//! ```
//! use desk_runtime::prelude::*;
//! use desk_runtime::events::CallRinging;
//! use desk_runtime::sim::{FireError, SimulatedDesk};
//!
//! #[derive(Default)]
//! struct Calls(Vec<String>);
//!
//! #[desk_widget(location = "desk.contact.detail.rightpanel")]
//! impl Calls {
//!     #[on("call.ringing")]
//!     fn ringing(&mut self, call: CallRinging) {
//!         self.0.push(call.number);
//!     }
//! }
//!
//! let mut desk = SimulatedDesk::mount(Calls::default());
//! desk.fire_sample("call.ringing").unwrap();
//! assert_eq!(desk.widget().0, ["9837650000"]);
//!
//! // Desk never sends a ticket's status to a contact's panel: refused.
//! let refused = desk.fire("ticket_status.changed", r#"{"ticket.status": "Open"}"#);
//! assert!(matches!(refused, Err(FireError::NotAvailable { .. })));
//!
//! // A payload that does not decode reaches no handler, and is logged.
//! assert!(desk.fire("call.ringing", "{}").is_err());
//! assert_eq!(desk.failures().count(), 1);
//! ```

mod answers;
mod config;
mod extension;
mod i18n;
mod replay;

pub use crate::host::Outcome;
pub use answers::SdkCall;
pub use extension::{SimulatedExtension, Subscriber, attempt};
pub use replay::{Replay, ReplayEntry, ReplayError};

use crate::bounded;
use crate::desk::{App, Desk, Entry, LoadedApp};
use crate::hook::{HOOK_DEADLINE_MS, Verdict};
use crate::host::{self, CLICK, Core, ON_LOAD, Task, catching};
use crate::page::Page;
use crate::samples::sample;
use crate::widget::{DispatchError, Widget};
use answers::{Simulated, State};
use desk_catalog::{EventError, explain};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// A widget mounted on a simulated Desk, with the log of every event fired at it.
///
/// It drives the same host core as the browser: an event reaches the widget, and a failure
/// reaches the error hooks, exactly as on a real page. What the simulator adds is Desk's side:
/// it refuses events Desk would never send to the widget's location, answers the widget's
/// calls from data the test sets up, and records them.
///
/// `async` handlers run to completion within [`SimulatedDesk::fire`], deterministically and
/// without a clock, unless the test holds Desk's answers back
/// ([`SimulatedDesk::hold_answers`]): the handler then waits, later events wait behind it, and
/// [`SimulatedDesk::release_answers`] lets them all run, in order.
///
/// A panic (in a handler, or in [`Page::render`]) stops the widget, as it stops the page's
/// WebAssembly module in the browser: the call that panicked fails with
/// [`DispatchError::Panicked`], and every later call ([`SimulatedDesk::fire`], `attempt`,
/// `click`, `load`, a message sent to it) fails with [`DispatchError::Stopped`].
pub struct SimulatedDesk<W: Widget> {
    core: Core<W>,
    /// The names the host subscribed the widget to, as the browser host does.
    subscribed: Vec<&'static str>,
    state: Rc<RefCell<State>>,
    /// What the widget is loaded with (also its handle's `app()`, when it talks back).
    app: App,
    log: Vec<Delivery>,
    queue: VecDeque<Queued>,
    running: Option<(Queued, Task<W>)>,
    sent: u64,
    /// The hooks the host answered for, past their deadline: their handlers' answers are
    /// dropped.
    late: Vec<u64>,
    /// Alone, not on a [`SimulatedExtension`]: no modal page to open.
    alone: bool,
    /// How its page is rendered after every event, as the browser host renders it, when the
    /// widget is known to have one (on a [`SimulatedExtension`], every widget has).
    render: Option<Render<W>>,
}

/// [`Core::render`] of a widget with a page.
type Render<W> = fn(&mut Core<W>) -> Option<Result<String, DispatchError>>;

/// An event waiting for the widget, numbered in the order it was sent.
#[derive(Debug)]
struct Queued {
    number: u64,
    event: String,
    payload: Option<String>,
}

impl<W: Widget + fmt::Debug> fmt::Debug for SimulatedDesk<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimulatedDesk")
            .field("core", &self.core)
            .field("log", &self.log)
            .field("queued", &self.queue.len())
            .finish_non_exhaustive()
    }
}

const WAITING: &str = "the widget is with an `async` handler that has not finished: it waits \
     for a held answer (`release_answers()` first) or for a modal it opened to close (click its \
     button or `dismiss_modal()` first)";

/// One event that Desk sent to the widget's location, once the widget is done with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Its number, in the order the test sent events (from 1).
    pub number: u64,
    /// The event's name.
    pub event: String,
    /// The payload, as JSON; `None` for an event sent without data.
    pub payload: Option<String>,
    /// What became of it.
    pub outcome: Outcome,
}

/// An event the simulated Desk refused to send, or that failed at the widget.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FireError {
    /// Not an event of the catalog (nor one the widget subscribes to with `unchecked`).
    UnknownEvent(EventError),
    /// Desk never sends this event to the widget's location.
    NotAvailable {
        /// The event's name.
        event: String,
        /// The widget's location.
        location: &'static str,
    },
    /// The reference has no sample for this event.
    NoSample {
        /// The event's name.
        event: String,
    },
    /// Sent, but the payload did not decode or the handler failed (also in the log).
    Failed(DispatchError),
    /// Not a hook of the catalog (nor one the widget subscribes to with `unchecked`).
    UnknownHook(desk_catalog::UnknownHook),
    /// The widget handles no click of this name (`#[on_click]`), or its page shows no element
    /// with `data-click="name"` to click.
    NotClickable {
        /// The button's name.
        name: String,
        /// Whether the widget handles it (the page lacks it) or not.
        handled: bool,
    },
}

/// At most 300 bytes, as every error that quotes its input.
impl fmt::Display for FireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bounded::write(f, |out| match self {
            FireError::UnknownEvent(error) => write!(out, "{error}"),
            FireError::NotAvailable { event, location } => match desk_catalog::event(event) {
                Ok(known) => out.write_str(&explain::not_available(&known, event, location)),
                Err(_) => write!(out, "`{event}` is not delivered at `{location}`"),
            },
            FireError::NoSample { event } => {
                write!(out, "the reference has no sample of `{event}`")
            }
            FireError::Failed(error) => write!(out, "{error}"),
            FireError::UnknownHook(error) => write!(out, "{error}"),
            FireError::NotClickable {
                name,
                handled: true,
            } => write!(
                out,
                "the page shows no element with `data-click=\"{name}\"`"
            ),
            FireError::NotClickable { name, .. } => {
                write!(out, "the widget has no `#[on_click(\"{name}\")]` handler")
            }
        })
    }
}

impl std::error::Error for FireError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FireError::UnknownEvent(error) => Some(error),
            FireError::Failed(error) => Some(error),
            FireError::UnknownHook(error) => Some(error),
            _ => None,
        }
    }
}

impl<W: Widget + 'static> SimulatedDesk<W> {
    /// Mounts `widget` at its declared location, and runs its mount handler
    /// (`#[on("extension.onload")]`, if it has one) with a simulated [`App`].
    pub fn mount(widget: W) -> Self {
        let mut desk = SimulatedDesk::new(widget);
        // A failing mount handler is in the log and the failures, as any other; a panicking one
        // stops the widget, which nothing here returns to say: it panics the test.
        let _ = desk.load();
        desk.panic_if_stopped(None);
        desk
    }

    /// Panics the test when the widget stopped (after a panic) since `before`: for the calls
    /// that return nothing to say it with, so that a test cannot pass over a panic.
    fn panic_if_stopped(&self, before: Option<&DispatchError>) {
        if before.is_none()
            && let Some(stopped) = self.stopped()
        {
            panic!("the widget stopped: {stopped}");
        }
    }

    /// A simulated Desk with `widget` on it, not loaded yet: set up its data and answers, then
    /// [`SimulatedDesk::load`].
    ///
    /// Alone, the widget has no sibling to message and no modal page to open: `getWidgets()`
    /// answers none, and a modal it opens is dismissed at once (its `open_modal` answers
    /// `None`). Mount it on a [`SimulatedExtension`] to run those.
    pub fn new(widget: W) -> Self {
        let mut desk = Self::on(widget, Rc::default(), Self::default_app());
        desk.alone = true;
        desk
    }

    /// A widget on the Desk `state`, loaded with `app`: one of a simulated extension.
    pub(crate) fn on(widget: W, state: Rc<RefCell<State>>, app: App) -> Self {
        let desk = Desk::new(Simulated(Rc::clone(&state), LoadedApp::typed(app.clone())));
        SimulatedDesk {
            core: Core::new(widget, desk),
            subscribed: host::subscriptions::<W>().collect(),
            state,
            app,
            log: Vec::new(),
            queue: VecDeque::new(),
            running: None,
            sent: 0,
            late: Vec::new(),
            alone: false,
            render: None,
        }
    }

    /// Renders the page after every event, as the browser host does.
    pub(crate) fn rendering(&mut self)
    where
        W: Page,
    {
        self.render = Some(Core::render);
    }

    /// [`DispatchError::Stopped`] once a panic stopped the widget: nothing reaches it.
    fn refuse_if_stopped(&self) -> Result<(), FireError> {
        self.core
            .refusal()
            .map_or(Ok(()), |stopped| Err(FireError::Failed(stopped)))
    }

    /// The panic that stopped the widget ([`DispatchError::Panicked`]), if one did.
    pub fn stopped(&self) -> Option<&DispatchError> {
        self.core.stopped()
    }

    fn default_app() -> App {
        App {
            unique_id: "simulated-widget".to_owned(),
            extension_id: "simulated-extension".to_owned(),
            location: W::LOCATION.to_owned(),
            locale: "en".to_owned(),
            ..App::default()
        }
    }

    /// Replaces the [`App`] the widget is loaded with (before [`SimulatedDesk::load`]).
    pub fn set_app(&mut self, app: App) {
        self.app = app.clone();
        let desk = Desk::new(Simulated(Rc::clone(&self.state), LoadedApp::typed(app)));
        self.core.set_desk(desk);
    }

    /// Runs the mount handler, `#[on("extension.onload")]`, with the [`App`], as the browser
    /// does once the SDK has loaded. Nothing when the widget has none.
    ///
    /// # Errors
    ///
    /// [`FireError::Failed`] when the handler failed (also in the log), or the widget stopped
    /// after a panic.
    pub fn load(&mut self) -> Result<(), FireError> {
        self.refuse_if_stopped()?;
        if !W::SUBSCRIPTIONS.contains(&ON_LOAD) {
            return Ok(());
        }
        let app = serde_json::to_string(&self.app).unwrap_or_default();
        self.deliver(ON_LOAD, Some(&app))
    }

    /// Also calls `hook` with the event's name and the error for every event that fails at the
    /// widget, as the browser host calls the hooks given to `browser::Mount::on_error`;
    /// failures are logged either way.
    pub fn on_error(&mut self, hook: impl FnMut(&str, &DispatchError) + 'static) {
        self.core.add_error_hook(Box::new(hook));
    }

    /// Sends `event` with its JSON `payload`, as Desk would: to the handler if the widget
    /// subscribes to it, to nobody (logged as [`Outcome::NotSubscribed`]) if it does not.
    ///
    /// # Errors
    ///
    /// [`FireError::UnknownEvent`] and [`FireError::NotAvailable`] for events Desk would never
    /// send to this location (not logged); [`FireError::Failed`] when the payload did not
    /// decode or the handler failed (logged): [`DispatchError::Panicked`] when it panicked, and
    /// [`DispatchError::Stopped`] for every event after that. An event still waiting (behind a
    /// handler whose answers are held) is `Ok` until it runs; its outcome is then in the log.
    pub fn fire(&mut self, event: &str, payload: &str) -> Result<(), FireError> {
        self.send(event, Some(payload))
    }

    /// Sends `event` without any data, as the SDK sends `modal.closed` (the callback's argument
    /// is `undefined`).
    ///
    /// # Errors
    ///
    /// As [`SimulatedDesk::fire`].
    pub fn fire_without_payload(&mut self, event: &str) -> Result<(), FireError> {
        self.send(event, None)
    }

    fn send(&mut self, event: &str, payload: Option<&str>) -> Result<(), FireError> {
        let subscribed = self.subscribed.contains(&event);
        // An event outside the catalog reaches only a widget that subscribed to it explicitly
        // with `#[on("...", unchecked)]`; catalog events must be available at the location.
        match desk_catalog::event(event) {
            Err(error) if !subscribed => return Err(FireError::UnknownEvent(error)),
            Ok(known) if !desk_catalog::is_available(&known, W::LOCATION) => {
                return Err(FireError::NotAvailable {
                    event: event.to_owned(),
                    location: W::LOCATION,
                });
            }
            Err(_) | Ok(_) => {}
        }
        self.deliver(event, payload)
    }

    /// Queues the event once per callback subscribed to it, as Desk calls each one (once:
    /// [`SimulatedDesk::subscriptions`]), or once if none is, for the host to log it; runs
    /// what can run, and says what became of it if it has run.
    fn deliver(&mut self, event: &str, payload: Option<&str>) -> Result<(), FireError> {
        let callbacks = self
            .subscribed
            .iter()
            .filter(|name| **name == event)
            .count();
        let numbers: Vec<u64> = (0..callbacks.max(1))
            .map(|_| self.enqueue(event, payload))
            .collect();
        self.run();
        let failed = numbers
            .iter()
            .find_map(|&number| match self.outcome_of(number) {
                Some(Outcome::Failed(error)) => Some(error.clone()),
                _ => None,
            });
        failed.map_or(Ok(()), |error| Err(FireError::Failed(error)))
    }

    fn enqueue(&mut self, event: &str, payload: Option<&str>) -> u64 {
        self.sent += 1;
        self.queue.push_back(Queued {
            number: self.sent,
            event: event.to_owned(),
            payload: payload.map(str::to_owned),
        });
        self.sent
    }

    fn outcome_of(&self, number: u64) -> Option<&Outcome> {
        self.log
            .iter()
            .rev()
            .find(|d| d.number == number)
            .map(|d| &d.outcome)
    }

    /// The agent attempts the action that `hook` guards, with the hook's JSON `payload`: what
    /// the widget answers Desk. A widget that does not subscribe to the hook allows it, as
    /// Desk does not ask it.
    ///
    /// The handler runs as any other (queued behind a waiting one). If it has not answered by
    /// the host's deadline ([`HOOK_DEADLINE_MS`]; the answers being held, say), the simulated
    /// clock moves to the deadline and the host answers with the hook's `otherwise`, telling
    /// the error hooks ([`DispatchError::HookLate`]); so does a failing handler.
    ///
    /// # Errors
    ///
    /// [`FireError::UnknownHook`] and [`FireError::NotAvailable`] for hooks Desk would never
    /// ask the widget's location; [`FireError::Failed`] when its handler panicked (no answer
    /// reaches Desk from a page whose module stopped) or the widget stopped before.
    pub fn attempt(&mut self, hook: &str, payload: &str) -> Result<Verdict, FireError> {
        let Some(policy) = W::HOOKS.iter().find(|policy| policy.name == hook) else {
            return match desk_catalog::hook(hook) {
                Err(unknown) => Err(FireError::UnknownHook(unknown)),
                Ok(known) if !known.is_available(W::LOCATION) => Err(FireError::NotAvailable {
                    event: hook.to_owned(),
                    location: W::LOCATION,
                }),
                Ok(_) => Ok(Verdict::Allow),
            };
        };
        let number = self.enqueue(hook, Some(payload));
        self.run();
        Ok(match self.outcome_of(number) {
            Some(Outcome::Answered(verdict)) => verdict.clone(),
            Some(Outcome::Failed(
                error @ (DispatchError::Panicked { .. } | DispatchError::Stopped { .. }),
            )) => return Err(FireError::Failed(error.clone())),
            Some(Outcome::Failed(error)) => policy.fallback(error),
            // Answered `()`: not a hook's handler (the macro does not write one).
            Some(_) => Verdict::Allow,
            None => {
                self.advance_clock(f64::from(HOOK_DEADLINE_MS));
                let late = DispatchError::HookLate {
                    hook: hook.to_owned(),
                    after_ms: HOOK_DEADLINE_MS,
                };
                self.late.push(number);
                self.log.push(Delivery {
                    number,
                    event: hook.to_owned(),
                    payload: Some(payload.to_owned()),
                    outcome: self.core.outcome(hook, Err(late.clone())),
                });
                policy.fallback(&late)
            }
        })
    }

    /// The agent clicks the page's element with `data-click="name"`: the widget's
    /// `#[on_click("name")]` handler runs.
    ///
    /// # Errors
    ///
    /// [`FireError::NotClickable`] when the widget has no such handler or its page shows no
    /// such element now; otherwise as [`SimulatedDesk::fire`] (a panic in [`Page::render`],
    /// which shows the page, stops the widget).
    pub fn click(&mut self, name: &str) -> Result<(), FireError>
    where
        W: Page,
    {
        self.refuse_if_stopped()?;
        let handled = W::CLICKS.contains(&name);
        let shown = match self.core.render() {
            Some(Err(panicked)) => return Err(FireError::Failed(panicked)),
            Some(Ok(page)) => page.contains(&format!("data-click=\"{name}\"")),
            None => false,
        };
        if !(handled && shown) {
            return Err(FireError::NotClickable {
                name: name.to_owned(),
                handled,
            });
        }
        self.deliver(&format!("{CLICK}{name}"), None)
    }

    /// Answers the modals the widget opened as dismissed; whether there were any.
    fn dismiss_modals(&mut self) -> bool {
        let requests = std::mem::take(&mut self.state.borrow_mut().modal_requests);
        for request in &requests {
            *request.slot.borrow_mut() = Some(Ok(Value::Null));
        }
        !requests.is_empty()
    }

    /// Runs what can run; whether anything did.
    pub(crate) fn pump(&mut self) -> bool {
        let before = (self.log.len(), self.queue.len(), self.running.is_some());
        self.run();
        before != (self.log.len(), self.queue.len(), self.running.is_some())
    }

    /// Delivers a message (or a modal's input) from the extension, logged as any event.
    pub(crate) fn receive(&mut self, name: &str, payload: Option<&str>) -> Result<(), FireError> {
        self.deliver(name, payload)
    }

    /// Runs the queue until it is empty or a handler waits for a held answer.
    fn run(&mut self) {
        loop {
            if let Some((queued, task)) = &mut self.running {
                let mut context = Context::from_waker(Waker::noop());
                // On native targets a panicking handler is caught, and the widget, which the
                // task owned, stops (on `wasm32` any panic ends the module).
                match catching(&queued.event, || Ok(task.as_mut().poll(&mut context))) {
                    Ok(Poll::Pending) if self.alone && self.dismiss_modals() => continue,
                    Ok(Poll::Pending) => return,
                    Ok(Poll::Ready((widget, result))) => {
                        let (queued, _) = self.running.take().expect("running");
                        let outcome = self.core.finish(&queued.event, widget, result);
                        self.record(queued, outcome);
                    }
                    Err(panicked) => {
                        let (queued, _) = self.running.take().expect("running");
                        let outcome = self.core.outcome(&queued.event, Err(panicked));
                        self.record(queued, outcome);
                    }
                }
            }
            let Some(queued) = self.queue.pop_front() else {
                return;
            };
            // Sent after a panic stopped the widget (or queued before): it never reaches it.
            // Logged, but not told to the error hooks again: the page is gone.
            if let Some(stopped) = self.core.refusal() {
                self.record(queued, Outcome::Failed(stopped));
            } else if W::ASYNC {
                if let Some(task) = self.core.start(&queued.event, queued.payload.as_deref()) {
                    self.running = Some((queued, task));
                } else {
                    self.record(queued, Outcome::NotSubscribed);
                }
            } else {
                let outcome = self.core.receive(&queued.event, queued.payload.as_deref());
                self.record(queued, outcome);
            }
        }
    }

    /// Logs what became of an event, once the page shows it: a panic in [`Page::render`] after
    /// the handler is the event's failure, as the browser host renders after every event.
    fn record(&mut self, queued: Queued, mut outcome: Outcome) {
        let delivered = matches!(outcome, Outcome::Handled | Outcome::Answered(_))
            || matches!(&outcome, Outcome::Failed(error)
                if !matches!(error, DispatchError::Panicked { .. } | DispatchError::Stopped { .. }));
        if delivered
            && let Some(render) = self.render
            && let Some(Err(panicked)) = render(&mut self.core)
        {
            outcome = Outcome::Failed(panicked);
        }
        // A hook answered past its deadline: the host answered for it, and logged it then.
        if self.late.contains(&queued.number) {
            return;
        }
        self.log.push(Delivery {
            number: queued.number,
            event: queued.event,
            payload: queued.payload,
            outcome,
        });
    }

    /// Holds Desk's answers back: a handler that awaits a call waits, and the events sent after
    /// it wait behind it, until [`SimulatedDesk::release_answers`].
    pub fn hold_answers(&self) {
        self.state.borrow_mut().held = true;
    }

    /// Lets Desk answer again, and runs every handler and event that waited, in order.
    /// Panics when a handler that resumed panicked: the widget stopped, as its page's module
    /// would, and `release_answers` has no `Result` to say so.
    pub fn release_answers(&mut self) {
        let before = self.stopped().cloned();
        self.state.borrow_mut().held = false;
        self.run();
        self.panic_if_stopped(before.as_ref());
    }

    /// Whether a handler is waiting for a held answer.
    pub fn is_waiting(&self) -> bool {
        self.running.is_some()
    }

    /// Sets what `ZOHODESK.get(property)` answers, e.g. `set_data("ticket.email",
    /// json!("ada@example.com"))`. A property that is not set answers a failure.
    pub fn set_data(&self, property: &str, value: Value) {
        self.state.borrow_mut().set_data(property, value);
    }

    /// Scripts what the service at `url` answers a request with `method` (`GET`, `POST`, ...):
    /// its HTTP status and body, wrapped as the platform's proxy wraps them. A request nobody
    /// scripted fails.
    pub fn answer_request(&self, method: &str, url: &str, status: u16, body: Value) {
        self.state
            .borrow_mut()
            .script_request(method, url, status, body);
    }

    /// Scripts the proxy's answer to a request itself, as given (for testing how a widget takes
    /// a malformed or unusual answer).
    pub fn answer_request_raw(&self, method: &str, url: &str, answer: Value) {
        self.state
            .borrow_mut()
            .script_raw_request(method, url, answer);
    }

    /// Moves the simulated Desk's clock ([`Desk::now_ms`]) forward; it starts at 0 and moves
    /// only when a test moves it.
    pub fn advance_clock(&self, milliseconds: f64) {
        self.state.borrow_mut().clock_ms += milliseconds;
    }

    /// Queues the agent's answer to the next confirmation popup.
    pub fn answer_popup(&self, confirmed: bool) {
        self.state.borrow_mut().popups.push_back(confirmed);
    }

    /// The extension's storage, as the widget left it.
    pub fn storage(&self) -> Vec<Entry> {
        self.state.borrow().storage.clone()
    }

    /// Puts entries in the extension's storage, as earlier sessions would have left them.
    pub fn set_storage(&self, entries: Vec<Entry>) {
        self.state.borrow_mut().storage = entries;
    }

    /// Every call the widget made to Desk, in order.
    pub fn calls(&self) -> Vec<SdkCall> {
        self.state.borrow().calls.clone()
    }

    /// Sends `event` with the reference's sample payload ([`crate::samples::sample`]).
    ///
    /// # Errors
    ///
    /// As [`SimulatedDesk::fire`], and [`FireError::NoSample`] for an event without one.
    pub fn fire_sample(&mut self, event: &str) -> Result<(), FireError> {
        let Some(payload) = sample(event) else {
            // A misspelt name is an unknown event (with its suggestion), not a missing sample.
            return Err(match desk_catalog::event(event) {
                Err(error) if !W::SUBSCRIPTIONS.contains(&event) => FireError::UnknownEvent(error),
                _ => FireError::NoSample {
                    event: event.to_owned(),
                },
            });
        };
        self.fire(event, &payload)
    }

    /// The widget, to look at its state.
    ///
    /// # Panics
    ///
    /// While a handler waits for a held answer (it has the widget until it completes:
    /// [`SimulatedDesk::release_answers`] first), or once a panic stopped the widget
    /// ([`SimulatedDesk::stopped`]).
    pub fn widget(&self) -> &W {
        match self.core.widget() {
            Some(widget) => widget,
            None => panic!("{}", self.gone()),
        }
    }

    /// Why there is no widget to look at.
    fn gone(&self) -> String {
        self.core
            .refusal()
            .map_or_else(|| WAITING.to_owned(), |stopped| stopped.to_string())
    }

    /// The widget, to change its state between events.
    ///
    /// # Panics
    ///
    /// As [`SimulatedDesk::widget`].
    pub fn widget_mut(&mut self) -> &mut W {
        assert!(self.core.widget().is_some(), "{}", self.gone());
        self.core.widget_mut().expect(WAITING)
    }

    /// Unmounts the widget.
    ///
    /// # Panics
    ///
    /// As [`SimulatedDesk::widget`].
    pub fn into_widget(self) -> W {
        assert!(self.core.widget().is_some(), "{}", self.gone());
        self.core.into_widget().expect(WAITING)
    }

    /// What the widget's page shows now: [`Page::render`], which the browser host writes into
    /// the page's `#app` after mounting and after every event.
    ///
    /// # Panics
    ///
    /// As [`SimulatedDesk::widget`], and when [`Page::render`] panics. (On a
    /// [`SimulatedExtension`] the page is rendered after every event, as in the browser, so such
    /// a panic stops the widget at the event that led to it.)
    pub fn page(&self) -> String
    where
        W: Page,
    {
        self.widget().render()
    }

    /// The names the widget is subscribed to on Desk (`App.instance.on`), each once, as the
    /// browser host subscribes it: [`Widget::SUBSCRIPTIONS`] without repeats and without the
    /// mount handler's `extension.onload`.
    pub fn subscriptions(&self) -> &[&'static str] {
        &self.subscribed
    }

    /// Every event sent to the widget's location so far, in order.
    pub fn deliveries(&self) -> &[Delivery] {
        &self.log
    }

    /// The events that failed, with their errors, in order.
    pub fn failures(&self) -> impl Iterator<Item = (&str, &DispatchError)> {
        self.log
            .iter()
            .filter_map(|delivery| match &delivery.outcome {
                Outcome::Failed(error) => Some((delivery.event.as_str(), error)),
                _ => None,
            })
    }
}
