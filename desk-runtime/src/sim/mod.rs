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
mod error;
mod extension;
mod i18n;
mod replay;
mod session;

pub use crate::host::{Delivery, Outcome};
pub use answers::SdkCall;
pub use error::FireError;
pub use extension::{PendingHook, SimulatedExtension, Subscriber, attempt};
pub use replay::{Replay, ReplayEntry, ReplayError};
pub use session::{Session, SessionError};

use crate::app::{App, LoadedApp};
use crate::desk::Entry;
use crate::errors::{DispatchError, HostError};
use crate::hook::{HOOK_DEADLINE_MS, Verdict};
use crate::host::{self, CLICK, Effect, ErrorHook, Host};
use crate::link::{CallId, Json, Link};
use crate::page::Page;
use crate::samples::sample;
use crate::widget::Widget;
use answers::{Carried, ModalSlot, State};
use serde_json::Value;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

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
    host: Host<W>,
    /// The names the host subscribed the widget to, as the browser host does.
    subscribed: Vec<&'static str>,
    state: Rc<RefCell<State>>,
    /// What the widget is loaded with (also its handle's `app()`, when it talks back).
    app: App,
    log: Vec<Delivery>,
    /// Answers Desk holds back ([`SimulatedDesk::hold_answers`]), in the order of the calls.
    held: Vec<(CallId, Result<Json, HostError>)>,
    /// Every call the widget made, in order, as [`SimulatedDesk::calls`] lists them.
    made: Vec<CallId>,
    /// Modals the widget opened on a [`SimulatedExtension`], until they close.
    modals: Vec<(CallId, ModalSlot)>,
    /// Every answer the host gave Desk's hooks, by the hook's event number.
    answered: Vec<(u64, Verdict)>,
    /// The hooks asked and not expired yet: their event number, and the simulated clock's
    /// time of their deadline.
    deadlines: Vec<(u64, f64)>,
    /// How many times the page was rendered.
    renders: usize,
    on_error: Vec<ErrorHook>,
    /// The page last shown, when it renders.
    shown: Option<String>,
    /// Alone, not on a [`SimulatedExtension`]: no modal page to open.
    alone: bool,
}

/// What [`SimulatedDesk::ask`] got: the hook's verdict, or the hook still pending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// The handler answered (or the widget does not subscribe, and Desk does not ask it).
    Answered(Verdict),
    /// The handler has not answered yet: the number of the hook's event, for
    /// [`SimulatedDesk::expire`].
    Pending(u64),
}

impl<W: Widget + fmt::Debug> fmt::Debug for SimulatedDesk<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimulatedDesk")
            .field("host", &self.host)
            .field("log", &self.log)
            .finish_non_exhaustive()
    }
}

const WAITING: &str = "the widget is with an `async` handler that has not finished: it waits \
     for a held answer (`release_answers()` first) or for a modal it opened to close (click its \
     button or `dismiss_modal()` first)";

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
        SimulatedDesk {
            host: Host::new(widget, Link::new(LoadedApp::typed(app.clone()))),
            subscribed: host::subscriptions::<W>().collect(),
            state,
            app,
            log: Vec::new(),
            held: Vec::new(),
            made: Vec::new(),
            modals: Vec::new(),
            answered: Vec::new(),
            deadlines: Vec::new(),
            renders: 0,
            on_error: Vec::new(),
            shown: None,
            alone: false,
        }
    }

    /// Renders the page once loaded and after every event, as the browser host does
    /// ([`SimulatedDesk::shown`]); a panic in [`Page::render`] then stops the widget at the
    /// event that led to it. (On a [`SimulatedExtension`] every widget renders.) Before
    /// [`SimulatedDesk::load`].
    pub fn rendering(&mut self)
    where
        W: Page,
    {
        self.host.rendering(W::render);
    }

    /// What the page shows, as the browser host last wrote it into `#app`: `None` before the
    /// first render, and when the widget is not [`SimulatedDesk::rendering`].
    pub fn shown(&self) -> Option<&str> {
        self.shown.as_deref()
    }

    /// [`DispatchError::Stopped`] once a panic stopped the widget: nothing reaches it.
    fn refuse_if_stopped(&self) -> Result<(), FireError> {
        self.host
            .refusal()
            .map_or(Ok(()), |stopped| Err(FireError::Failed(stopped)))
    }

    /// The panic that stopped the widget ([`DispatchError::Panicked`]), if one did.
    pub fn stopped(&self) -> Option<&DispatchError> {
        self.host.stopped()
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
        self.host.set_app(LoadedApp::typed(app));
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
        let app = serde_json::to_string(&self.app).unwrap_or_default();
        match self.input(|host| host.load(&app)) {
            Some(number) => self.result_of(number),
            None => Ok(()),
        }
    }

    /// Also calls `hook` with the event's name and the error for every event that fails at the
    /// widget, as the browser host calls the hooks given to `browser::Mount::on_error`;
    /// failures are logged either way.
    pub fn on_error(&mut self, hook: impl FnMut(&str, &DispatchError) + 'static) {
        self.on_error.push(Box::new(hook));
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

    /// Hands the event to the host core (once: Desk calls each subscribed callback, and the
    /// host subscribes each name once), and says what became of it if it has run.
    fn deliver(&mut self, event: &str, payload: Option<&str>) -> Result<(), FireError> {
        let number = self.input(|host| host.receive(event, payload));
        self.result_of(number)
    }

    /// The failure of the event `number`, once it ran.
    fn result_of(&self, number: u64) -> Result<(), FireError> {
        match self.outcome_of(number) {
            Some(Outcome::Failed(error)) => Err(FireError::Failed(error.clone())),
            _ => Ok(()),
        }
    }

    fn outcome_of(&self, number: u64) -> Option<&Outcome> {
        self.log
            .iter()
            .rev()
            .find(|d| d.number == number)
            .map(|d| &d.outcome)
    }

    /// Feeds the host core one input, on the simulated Desk's clock, and carries out what it
    /// asks.
    fn input<T>(&mut self, input: impl FnOnce(&mut Host<W>) -> T) -> T {
        let now = self.state.borrow().clock_ms;
        self.host.link().set_now_ms(now);
        // The deadlines of the hooks `ask` left pending that the clock reached fire first, as
        // the browser host's timers do.
        let (due, pending) = std::mem::take(&mut self.deadlines)
            .into_iter()
            .partition(|&(_, deadline)| deadline <= now);
        self.deadlines = pending;
        for (number, _) in due {
            self.host.deadline(number);
        }
        let result = input(&mut self.host);
        self.drive();
        result
    }

    /// Carries out the core's effects, as Desk's side: calls answered (or held), pages kept,
    /// hooks' verdicts kept, failures told to the error hooks, outcomes logged.
    fn drive(&mut self) {
        while let Some(effect) = self.host.poll_effect() {
            match effect {
                Effect::Call(id, request) => {
                    self.made.push(id);
                    let from = &self.app.unique_id;
                    let carried = self.state.borrow_mut().carry(from, request, self.alone);
                    match carried {
                        Carried::Modal(slot) => self.modals.push((id, slot)),
                        Carried::Answer(answer) if self.state.borrow().held => {
                            self.held.push((id, answer));
                        }
                        Carried::Answer(answer) => self.host.answer(id, answer),
                    }
                }
                Effect::AnswerHook { number, verdict } => self.answered.push((number, verdict)),
                // A task woken while it was polled (it awaited a future that wakes itself): polled
                // again at once, as a page's microtask would, before the test goes on.
                Effect::Repoll => self.host.repoll(),
                // The simulated clock moves only when the test moves it: `attempt` (or `expire`)
                // moves it to the deadline when the hook's handler has not answered.
                Effect::SetDeadline { .. } => {}
                Effect::Show(page) => {
                    self.renders += 1;
                    self.shown = Some(page);
                }
                Effect::Report { event, error } => {
                    for hook in &mut self.on_error {
                        hook(&event, &error);
                    }
                }
                Effect::Done(delivery) => self.log.push(delivery),
            }
        }
    }

    /// The agent attempts the action that `hook` guards, with the hook's JSON `payload`: what
    /// the widget answers Desk. A widget that does not subscribe to the hook allows it, as
    /// Desk does not ask it.
    ///
    /// The handler runs as any other (queued behind a waiting one). If it has not answered by
    /// the host's deadline ([`HOOK_DEADLINE_MS`]; the answers being held, say), the simulated
    /// clock moves to the deadline and the host answers with the hook's `otherwise`, telling
    /// the error hooks ([`DispatchError::HookLate`]); so does a failing handler. It is
    /// [`SimulatedDesk::ask`], then [`SimulatedDesk::expire`] if the handler has not answered:
    /// split them to act (release an answer, say) while the handler waits.
    ///
    /// # Errors
    ///
    /// [`FireError::UnknownHook`] and [`FireError::NotAvailable`] for hooks Desk would never
    /// ask the widget's location; [`FireError::Failed`] when its handler panicked (no answer
    /// reaches Desk from a page whose module stopped) or the widget stopped before.
    pub fn attempt(&mut self, hook: &str, payload: &str) -> Result<Verdict, FireError> {
        match self.ask(hook, payload)? {
            Asked::Answered(verdict) => Ok(verdict),
            Asked::Pending(number) => self.expire(number),
        }
    }

    /// Desk asks the widget's hook `hook` with its JSON `payload`, as
    /// [`SimulatedDesk::attempt`] does, but the simulated clock does not move: if the handler
    /// has not answered yet (it awaits a held answer, say), the hook stays pending, and the
    /// test acts before its deadline, then takes the verdict with [`SimulatedDesk::expire`].
    /// Once the test moved the clock to the deadline ([`SimulatedDesk::advance_clock`]), the
    /// host answers with the hook's `otherwise` before the widget's next input, as its timer
    /// fires in the browser.
    /// On a [`SimulatedExtension`], [`SimulatedExtension::ask`] does this for every widget.
    ///
    /// ```
    /// use desk_runtime::desk::property::UserEmail;
    /// use desk_runtime::hook::{TicketReply, Verdict};
    /// use desk_runtime::prelude::*;
    /// use desk_runtime::sim::{Asked, SimulatedDesk};
    ///
    /// #[derive(Default)]
    /// pub struct Guard;
    ///
    /// #[desk_widget(location = "desk.ticket.detail.rightpanel")]
    /// impl Guard {
    ///     #[hook("ticket.reply", otherwise = deny)]
    ///     async fn reply(&mut self, _reply: TicketReply, desk: &Desk<Self>) -> Verdict {
    ///         match desk.get::<UserEmail>().await {
    ///             Ok(_) => Verdict::Allow,
    ///             Err(error) => Verdict::deny(error.to_string()),
    ///         }
    ///     }
    /// }
    ///
    /// let mut desk = SimulatedDesk::new(Guard);
    /// desk.set_data("user.email", serde_json::json!("agent@example.com"));
    /// desk.load().unwrap();
    /// desk.hold_answers();
    /// let Asked::Pending(number) = desk.ask("ticket.reply", "{}").unwrap() else {
    ///     panic!("the handler awaits a held answer");
    /// };
    /// desk.release_answers(); // Desk answers before the deadline
    /// assert_eq!(desk.expire(number), Ok(Verdict::Allow));
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SimulatedDesk::attempt`].
    pub fn ask(&mut self, hook: &str, payload: &str) -> Result<Asked, FireError> {
        let Some(&policy) = W::HOOKS.iter().find(|policy| policy.name == hook) else {
            return match desk_catalog::hook(hook) {
                Err(unknown) => Err(FireError::UnknownHook(unknown)),
                Ok(known) if !known.is_available(W::LOCATION) => Err(FireError::NotAvailable {
                    event: hook.to_owned(),
                    location: W::LOCATION,
                }),
                Ok(_) => Ok(Asked::Answered(Verdict::Allow)),
            };
        };
        let deadline = self.state.borrow().clock_ms + f64::from(HOOK_DEADLINE_MS);
        let number = self.input(|host| host.attempt(policy, Some(payload)));
        self.deadlines.push((number, deadline));
        match self.answered(number)? {
            Some(verdict) => Ok(Asked::Answered(verdict)),
            None => Ok(Asked::Pending(number)),
        }
    }

    /// The verdict Desk got for the hook [`SimulatedDesk::ask`] left pending (its event
    /// `number`): the handler's, if it has answered meanwhile; else the simulated clock moves
    /// to the hook's deadline (if it is not past it) and the host answers with the hook's
    /// `otherwise`, as [`SimulatedDesk::attempt`] does. Taken again, the same verdict.
    ///
    /// # Errors
    ///
    /// [`FireError::Failed`] when the handler panicked (no answer reaches Desk from a page
    /// whose module stopped).
    pub fn expire(&mut self, number: u64) -> Result<Verdict, FireError> {
        if let Some(verdict) = self.answered(number)? {
            return Ok(verdict);
        }
        if let Some(index) = self.deadlines.iter().position(|(n, _)| *n == number) {
            let (_, deadline) = self.deadlines.remove(index);
            let mut state = self.state.borrow_mut();
            state.clock_ms = state.clock_ms.max(deadline);
        }
        self.input(|host| host.deadline(number));
        Ok(self.verdict(number).unwrap_or(Verdict::Allow))
    }

    /// The verdict of the hook of the event `number`, once answered; `Err` when its handler
    /// failed without an answer (it panicked, or the widget had stopped).
    fn answered(&mut self, number: u64) -> Result<Option<Verdict>, FireError> {
        if let Some(verdict) = self.verdict(number) {
            self.deadlines.retain(|(n, _)| *n != number);
            return Ok(Some(verdict));
        }
        if let Some(Outcome::Failed(error)) = self.outcome_of(number) {
            // Panicked or stopped: no answer reaches Desk from a page whose module stopped.
            return Err(FireError::Failed(error.clone()));
        }
        Ok(None)
    }

    /// The verdict the host answered the hook of the event `number` with.
    fn verdict(&self, number: u64) -> Option<Verdict> {
        let (_, verdict) = self.answered.iter().find(|(n, _)| *n == number)?;
        Some(verdict.clone())
    }

    /// Every answer the host gave Desk's hooks, in order, with the number of the hook's event
    /// ([`Delivery::number`]): one per hook asked (Desk takes the first answer of a Promise).
    pub fn hook_answers(&self) -> &[(u64, Verdict)] {
        &self.answered
    }

    /// How many times the page was rendered into `#app` ([`SimulatedDesk::rendering`]).
    pub fn renders(&self) -> usize {
        self.renders
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
        let element = format!("data-click=\"{name}\"");
        // What the agent sees: the page last shown, or, when the widget does not render after
        // events, the page now.
        let shown = match &self.shown {
            Some(page) => page.contains(&element),
            None => match self.input(|host| host.page(W::render)) {
                Some(Err(panicked)) => return Err(FireError::Failed(panicked)),
                Some(Ok(page)) => page.contains(&element),
                None => false,
            },
        };
        if !(handled && shown) {
            return Err(FireError::NotClickable {
                name: name.to_owned(),
                handled,
            });
        }
        self.deliver(&format!("{CLICK}{name}"), None)
    }

    /// Answers the modals that closed; whether any did.
    pub(crate) fn pump(&mut self) -> bool {
        let closed: Vec<(CallId, Result<Json, HostError>)> = {
            let mut closed = Vec::new();
            self.modals
                .retain(|(id, slot)| match slot.borrow_mut().take() {
                    Some(result) => {
                        closed.push((*id, result.map(|value| value.to_string())));
                        false
                    }
                    None => true,
                });
            closed
        };
        let progress = !closed.is_empty();
        for (id, result) in closed {
            self.input(|host| host.answer(id, result));
        }
        progress
    }

    /// Delivers a message (or a modal's input) from the extension, logged as any event.
    pub(crate) fn receive(&mut self, name: &str, payload: Option<&str>) -> Result<(), FireError> {
        self.deliver(name, payload)
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
        for (id, answer) in std::mem::take(&mut self.held) {
            self.input(|host| host.answer(id, answer));
        }
        self.panic_if_stopped(before.as_ref());
    }

    /// How many calls wait for a held answer.
    pub fn held_answers(&self) -> usize {
        self.held.len()
    }

    /// Answers the call the widget made `index`-th (as [`SimulatedDesk::calls`] lists them), if
    /// its answer is held: a replayed session answers each call when Desk answered it.
    fn answer_made(&mut self, index: usize, answer: Result<Json, HostError>) {
        let Some(&id) = self.made.get(index) else {
            return;
        };
        if let Some(at) = self.held.iter().position(|(held, _)| *held == id) {
            self.answer_held_at(at, Some(answer));
        }
    }

    /// Answers the held call at `at` with `answer`, or with the simulated Desk's own for
    /// `None`; panics when a handler that resumed panicked (no `Result` says it).
    fn answer_held_at(&mut self, at: usize, answer: Option<Result<Json, HostError>>) {
        let before = self.stopped().cloned();
        let (id, usual) = self.held.remove(at);
        let answer = answer.unwrap_or(usual);
        self.input(|host| host.answer(id, answer));
        self.panic_if_stopped(before.as_ref());
    }

    /// Lets Desk answer the held call `index` (in the order the calls were made), alone, with
    /// its own answer: answers out of order. Whether there was such a call.
    ///
    /// Panics when a handler that resumed panicked, as [`SimulatedDesk::release_answers`].
    pub fn release_answer(&mut self, index: usize) -> bool {
        if index >= self.held.len() {
            return false;
        }
        self.answer_held_at(index, None);
        true
    }

    /// Answers the held call `index` (in the order the calls were made) with `answer`, in place
    /// of the simulated Desk's own, and runs what can run: Desk answering out of order, with a
    /// malformed answer (`Ok` of any JSON), or failing (`Err` of the SDK's message, as a
    /// rejected Promise). Calls never answered wait forever, as on a page. Whether there was
    /// such a call.
    ///
    /// Panics when a handler that resumed panicked, as [`SimulatedDesk::release_answers`].
    pub fn answer_held(&mut self, index: usize, answer: Result<Value, String>) -> bool {
        if index >= self.held.len() {
            return false;
        }
        let answer = answer
            .map(|value| crate::json::write::value(&value))
            .map_err(HostError::Sdk);
        self.answer_held_at(index, Some(answer));
        true
    }

    /// Whether a handler is waiting for a held answer.
    pub fn is_waiting(&self) -> bool {
        self.host.is_waiting()
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

    /// Moves the simulated Desk's clock ([`Desk::now_ms`](crate::Desk::now_ms)) forward; it
    /// starts at 0 and moves only when a test moves it.
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
        match self.host.widget() {
            Some(widget) => widget,
            None => panic!("{}", self.gone()),
        }
    }

    /// Why there is no widget to look at.
    fn gone(&self) -> String {
        self.host
            .refusal()
            .map_or_else(|| WAITING.to_owned(), |stopped| stopped.to_string())
    }

    /// The widget, to change its state between events.
    ///
    /// # Panics
    ///
    /// As [`SimulatedDesk::widget`].
    pub fn widget_mut(&mut self) -> &mut W {
        assert!(self.host.widget().is_some(), "{}", self.gone());
        self.host.widget_mut().expect(WAITING)
    }

    /// Unmounts the widget.
    ///
    /// # Panics
    ///
    /// As [`SimulatedDesk::widget`].
    pub fn into_widget(self) -> W {
        assert!(self.host.widget().is_some(), "{}", self.gone());
        self.host.into_widget().expect(WAITING)
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
