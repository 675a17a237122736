//! A simulated extension: several widgets (and modals) of one extension on one simulated Desk,
//! so that messages, modals and hooks are tested end to end without a browser.
//!
//! ```
//! use desk_runtime::prelude::*;
//! use desk_runtime::sim::SimulatedExtension;
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize, Message)]
//! #[message(name = "demo.ping")]
//! pub struct Ping(u32);
//!
//! #[derive(Default)]
//! pub struct Sender;
//!
//! #[desk_widget(location = "desk.bottomband")]
//! impl Sender {
//!     #[on("call.ringing")]
//!     async fn ringing(&mut self, desk: &Desk<Self>) {
//!         desk.send::<Receiver>(Ping(7)).await.unwrap();
//!     }
//! }
//!
//! #[derive(Default)]
//! pub struct Receiver(Vec<u32>);
//!
//! #[desk_widget(location = "desk.ticket.detail.rightpanel")]
//! impl Receiver {
//!     #[on_message]
//!     fn ping(&mut self, ping: Ping) { self.0.push(ping.0); }
//! }
//!
//! impl Page for Sender { fn render(&self) -> String { String::new() } }
//! impl Page for Receiver { fn render(&self) -> String { String::new() } }
//!
//! desk_runtime::extension! {
//!     name: "Demo",
//!     widgets: { "Sender": Sender, "Receiver": Receiver },
//! }
//!
//! let mut extension = SimulatedExtension::new(&EXTENSION);
//! extension.mount(Sender);
//! extension.mount(Receiver::default());
//! extension.fire_sample("call.ringing").unwrap();
//! assert_eq!(extension.widget::<Receiver>().0, [7]);
//! ```

use super::answers::{Emitted, ModalRequest, State};
use super::{Asked, FireError, SimulatedDesk};
use crate::desk::App;
use crate::errors::{DispatchError, HostError};
use crate::extension::{Extension, Member};
use crate::hook::Verdict;
use crate::modal::{MODAL_INPUT, MODAL_LOCATION, MODAL_RESULT, Modal};
use crate::page::Page;
use crate::samples::sample;
use crate::widget::Widget;
use serde_json::{Value, json};
use std::any::Any;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

/// The seed's event for a modal that closed.
const MODAL_CLOSED: &str = "modal.closed";

/// At most this many rounds of messages and modals after one action of the test: a safety net,
/// since a chain of messages stops at [`MESSAGE_CHAIN_LIMIT`](crate::MESSAGE_CHAIN_LIMIT) deep
/// and [`MESSAGE_CHAIN_WIDTH`](crate::MESSAGE_CHAIN_WIDTH) messages handled per widget.
const ROUNDS: usize = 10_000;

/// The widgets of one extension on one simulated Desk: its data, storage and recorded calls are
/// shared, messages between them are delivered, modals open and close, and hooks ask all of
/// them.
pub struct SimulatedExtension {
    extension: &'static Extension,
    state: Rc<RefCell<State>>,
    widgets: Vec<Mounted>,
    /// The modal types the extension can open, by their page's URL.
    modal_types: Vec<(String, Opener)>,
    /// The modals open now, the newest last.
    open: Vec<OpenModal>,
    opened: usize,
}

/// Mounts a modal of one type, with its `widgetID`, on the shared Desk.
type Opener = Box<dyn Fn(Rc<RefCell<State>>, App) -> Box<dyn Hosted>>;

struct Mounted {
    id: String,
    hosted: Box<dyn Hosted>,
}

struct OpenModal {
    id: String,
    request: ModalRequest,
    /// What it closed with, once it did.
    result: Option<Value>,
}

impl fmt::Debug for SimulatedExtension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimulatedExtension")
            .field("extension", &self.extension.name)
            .field(
                "widgets",
                &self.widgets.iter().map(|w| &w.id).collect::<Vec<_>>(),
            )
            .field("open_modals", &self.open.len())
            .finish_non_exhaustive()
    }
}

impl SimulatedExtension {
    /// An extension with no widget mounted yet: [`SimulatedExtension::mount`] them.
    pub fn new(extension: &'static Extension) -> Self {
        SimulatedExtension {
            extension,
            state: Rc::default(),
            widgets: Vec::new(),
            modal_types: Vec::new(),
            open: Vec::new(),
            opened: 0,
        }
    }

    /// Mounts a widget of the extension at its location, as Desk does when its page opens,
    /// and runs its mount handler and whatever that sets off. Its page is rendered after every
    /// event, as the browser host renders it.
    ///
    /// # Panics
    ///
    /// When a widget of the same type is mounted already: Desk shows each widget once.
    pub fn mount<W: Widget + Member + Page + 'static>(&mut self, widget: W) {
        assert!(
            !self
                .widgets
                .iter()
                .any(|w| w.hosted.as_any().is::<SimulatedDesk<W>>()),
            "`{}` is mounted already",
            W::NAME
        );
        let id = W::NAME.to_owned();
        let app = self.app(&id, W::LOCATION);
        let mut desk = SimulatedDesk::on(widget, Rc::clone(&self.state), app);
        desk.rendering();
        self.state.borrow_mut().widgets.push(json!({
            "widgetID": id,
            "location": W::LOCATION,
            "name": W::NAME,
            "url": self.extension.widget(W::NAME).map(|w| format!("/app/{}.html", w.page)),
        }));
        let stopped_before = self.stopped().count();
        let _ = desk.load();
        self.widgets.push(Mounted {
            id,
            hosted: Box::new(desk),
        });
        // What fails is in the widgets' logs, as a failing mount handler is; a panic stops a
        // widget, which nothing here returns to say: it panics the test.
        let _ = self.settle();
        self.panic_if_stopped(stopped_before);
    }

    /// Lets the extension's widgets open the modal `M` (its page is part of the package): when
    /// one does, a default `M` is mounted and receives the input.
    pub fn add_modal<M: Modal + Widget + Member + Page + Default + 'static>(&mut self) {
        let Some(entry) = self.extension.modal(M::NAME) else {
            return;
        };
        let opener: Opener = Box::new(|state, app| {
            let mut desk = SimulatedDesk::on(M::default(), state, app);
            desk.rendering();
            Box::new(desk)
        });
        self.modal_types
            .push((format!("/app/{}.html", entry.page), opener));
    }

    fn app(&self, id: &str, location: &str) -> App {
        App {
            unique_id: id.to_owned(),
            extension_id: self.extension.name.to_owned(),
            location: location.to_owned(),
            locale: "en".to_owned(),
            ..App::default()
        }
    }

    /// Sends `event` with its JSON payload, as Desk does: to every widget whose location
    /// receives it (subscribed or not, as in [`SimulatedDesk::fire`]); then delivers the
    /// messages and runs the modals that sets off.
    ///
    /// # Errors
    ///
    /// [`FireError::NotAvailable`] when no mounted widget's location receives it,
    /// [`FireError::UnknownEvent`] when it is not an event of Desk and no widget subscribes to
    /// it (a widget that does not subscribe is passed over, as Desk passes it over: every
    /// widget that subscribes gets it), and the first failure of a widget, as
    /// [`SimulatedDesk::fire`]; then the first panic (or message to a
    /// widget stopped by one) of the messages and modals it set off, or the first message past
    /// [`MESSAGE_CHAIN_LIMIT`](crate::MESSAGE_CHAIN_LIMIT) (two widgets that answer each other
    /// forever: [`DispatchError::MessageLoop`]) or the first past
    /// [`MESSAGE_CHAIN_WIDTH`](crate::MESSAGE_CHAIN_WIDTH) handled by one widget (widgets that
    /// answer one message with several: [`DispatchError::MessageStorm`]).
    pub fn fire(&mut self, event: &str, payload: &str) -> Result<(), FireError> {
        let mut delivered = false;
        let mut failure = None;
        let mut unknown = None;
        for mounted in &mut self.widgets {
            match mounted.hosted.fire(event, payload) {
                Err(FireError::NotAvailable { .. }) => continue,
                // Only a widget that does not subscribe refuses an event unknown to Desk.
                Err(error @ FireError::UnknownEvent(_)) => {
                    unknown.get_or_insert(error);
                    continue;
                }
                Ok(()) => {}
                Err(error) => {
                    failure.get_or_insert(error);
                }
            }
            delivered = true;
        }
        let settled = self.settle();
        match failure {
            Some(error) => Err(error),
            None if delivered => settled,
            None if unknown.is_some() => unknown.map_or(Ok(()), Err),
            None => Err(FireError::NotAvailable {
                event: event.to_owned(),
                location: "any widget of the extension",
            }),
        }
    }

    /// [`SimulatedExtension::fire`] with the reference's sample payload.
    ///
    /// # Errors
    ///
    /// As [`SimulatedExtension::fire`], and [`FireError::NoSample`] for an event without one.
    pub fn fire_sample(&mut self, event: &str) -> Result<(), FireError> {
        let payload = sample(event).ok_or_else(|| FireError::NoSample {
            event: event.to_owned(),
        })?;
        self.fire(event, &payload)
    }

    /// The agent clicks `data-click="name"` on the page of the widget (or open modal) `W`.
    ///
    /// # Errors
    ///
    /// As [`SimulatedDesk::click`], then as [`SimulatedExtension::fire`].
    ///
    /// # Panics
    ///
    /// When no widget of type `W` is mounted or open.
    pub fn click<W: Widget + Page + 'static>(&mut self, name: &str) -> Result<(), FireError> {
        let result = self.desk_mut::<W>().click(name);
        let settled = self.settle();
        result.and(settled)
    }

    /// Holds every call's answer, for every widget of the extension (as
    /// [`SimulatedDesk::hold_answers`]): calls wait unanswered while events queue behind them.
    pub fn hold_answers(&self) {
        self.state.borrow_mut().held = true;
    }

    /// Lets Desk answer again: every widget's held calls are answered (widget by widget, in the
    /// order they were mounted, each in the order its calls were made), then the messages and
    /// modals that sets off run, as after any action. Use it rather than
    /// `desk_mut::<W>().release_answers()`, which runs the widget's handlers but leaves what
    /// they send to the next action of the test.
    ///
    /// Panics when a handler panicked meanwhile (the widget stopped, and nothing returns to say
    /// so), as [`SimulatedDesk::release_answers`].
    pub fn release_answers(&mut self) {
        let stopped_before = self.stopped().count();
        for mounted in &mut self.widgets {
            mounted.hosted.release_answers();
        }
        let _ = self.settle();
        self.panic_if_stopped(stopped_before);
    }

    /// Lets Desk answer the held call `index` of the widget `W` (as
    /// [`SimulatedDesk::release_answer`]), then runs what that sets off. Whether there was
    /// such a call.
    ///
    /// # Panics
    ///
    /// When no widget of type `W` is mounted or open, or a handler panicked meanwhile.
    pub fn release_answer<W: Widget + 'static>(&mut self, index: usize) -> bool {
        let stopped_before = self.stopped().count();
        let released = self.desk_mut::<W>().release_answer(index);
        let _ = self.settle();
        self.panic_if_stopped(stopped_before);
        released
    }

    /// Answers the held call `index` of the widget `W` with `answer` (as
    /// [`SimulatedDesk::answer_held`]), then runs what that sets off. Whether there was such
    /// a call.
    ///
    /// # Panics
    ///
    /// When no widget of type `W` is mounted or open, or a handler panicked meanwhile.
    pub fn answer_held<W: Widget + 'static>(
        &mut self,
        index: usize,
        answer: Result<Value, String>,
    ) -> bool {
        let stopped_before = self.stopped().count();
        let answered = self.desk_mut::<W>().answer_held(index, answer);
        let _ = self.settle();
        self.panic_if_stopped(stopped_before);
        answered
    }

    /// Desk asks every widget that subscribes to `hook`, with its JSON `payload`, as
    /// [`Subscriber::attempt`] does, and runs what their handlers set off (the modal one opens,
    /// say), but the simulated clock does not move: the hook stays pending while the test acts
    /// as the agent before its deadline (clicks in the modal, [`SimulatedExtension::click`]);
    /// then [`PendingHook::verdict`] is Desk's verdict. A failure is kept for the verdict.
    ///
    /// ```
    /// use desk_runtime::hook::{TicketReply, Verdict};
    /// use desk_runtime::prelude::*;
    /// use desk_runtime::sim::SimulatedExtension;
    ///
    /// #[derive(Default)]
    /// pub struct Guard;
    ///
    /// #[desk_widget(location = "desk.ticket.detail.rightpanel")]
    /// impl Guard {
    ///     /// Are you sure?
    ///     #[hook("ticket.reply", otherwise = deny)]
    ///     async fn reply(&mut self, _reply: TicketReply, desk: &Desk<Self>) -> Verdict {
    ///         match desk.open_modal::<Sure>(()).await {
    ///             Ok(Some(true)) => Verdict::Allow,
    ///             _ => Verdict::deny("not sent"),
    ///         }
    ///     }
    /// }
    ///
    /// #[derive(Default)]
    /// pub struct Sure;
    ///
    /// #[desk_widget(modal, output = bool)]
    /// impl Sure {
    ///     #[on_click("yes")]
    ///     async fn yes(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::HostError> {
    ///         desk.close_modal(true).await
    ///     }
    /// }
    ///
    /// impl Page for Guard { fn render(&self) -> String { String::new() } }
    /// impl Page for Sure {
    ///     fn render(&self) -> String { r#"<button data-click="yes">Yes</button>"#.into() }
    /// }
    ///
    /// desk_runtime::extension! {
    ///     name: "Demo",
    ///     widgets: { "Guard": Guard },
    ///     modals: { "Sure": Sure },
    /// }
    ///
    /// let mut extension = SimulatedExtension::new(&EXTENSION);
    /// extension.mount(Guard);
    /// extension.add_modal::<Sure>();
    /// let asked = extension.ask("ticket.reply", "{}");
    /// assert!(asked.is_pending() && extension.is_open::<Sure>());
    /// extension.click::<Sure>("yes").unwrap(); // the agent is sure, in time
    /// assert_eq!(asked.verdict(&mut extension), Ok(Verdict::Allow));
    /// ```
    pub fn ask(&mut self, hook: &str, payload: &str) -> PendingHook {
        let mut asked = Vec::new();
        let mut failure = None;
        for mounted in &mut self.widgets {
            if !mounted.hosted.subscribes(hook) {
                continue;
            }
            match mounted.hosted.ask(hook, payload) {
                Ok(answer) => asked.push((mounted.id.clone(), answer)),
                Err(error) => {
                    failure.get_or_insert(error);
                }
            }
        }
        let settled = self.settle();
        PendingHook {
            asked,
            failure,
            settled,
        }
    }

    /// The agent closes the newest open modal without its result: its opener's
    /// `open_modal` answers `None`. Whether one was open.
    pub fn dismiss_modal(&mut self) -> bool {
        let Some(modal) = self.open.pop() else {
            return false;
        };
        let stopped_before = self.stopped().count();
        let _ = self.close(&modal, Value::Null);
        // What fails is in the widgets' logs; a panic that stops a widget panics the test.
        let _ = self.settle();
        self.panic_if_stopped(stopped_before);
        true
    }

    /// Panics the test when more widgets stopped (after a panic) than `before`: for the calls
    /// that return nothing to say it with, so that a test cannot pass over a panic.
    fn panic_if_stopped(&self, before: usize) {
        if self.stopped().count() > before
            && let Some((widget, stopped)) = self.stopped().last()
        {
            panic!("the widget `{widget}` stopped: {stopped}");
        }
    }

    /// The widget of type `W` (or the open modal of that type).
    ///
    /// # Panics
    ///
    /// When none is mounted or open, or as [`SimulatedDesk::widget`].
    pub fn widget<W: Widget + 'static>(&self) -> &W {
        self.desk::<W>().widget()
    }

    /// Whether a modal of type `M` is open.
    pub fn is_open<M: Widget + 'static>(&self) -> bool {
        self.find::<M>().is_some()
    }

    /// The simulated Desk of the widget of type `W`: its log, its page, its failures.
    ///
    /// # Panics
    ///
    /// When no widget of type `W` is mounted or open.
    pub fn desk<W: Widget + 'static>(&self) -> &SimulatedDesk<W> {
        self.find::<W>()
            .unwrap_or_else(|| panic!("no `{}` is mounted or open", std::any::type_name::<W>()))
    }

    /// As [`SimulatedExtension::desk`], to set up its answers or fire at it alone.
    ///
    /// # Panics
    ///
    /// When no widget of type `W` is mounted or open.
    pub fn desk_mut<W: Widget + 'static>(&mut self) -> &mut SimulatedDesk<W> {
        self.widgets
            .iter_mut()
            .find_map(|w| w.hosted.as_any_mut().downcast_mut::<SimulatedDesk<W>>())
            .unwrap_or_else(|| panic!("no `{}` is mounted or open", std::any::type_name::<W>()))
    }

    fn find<W: Widget + 'static>(&self) -> Option<&SimulatedDesk<W>> {
        self.widgets
            .iter()
            .find_map(|w| w.hosted.as_any().downcast_ref::<SimulatedDesk<W>>())
    }

    /// Sets what `ZOHODESK.get(property)` answers, for every widget of the extension.
    pub fn set_data(&mut self, property: &str, value: Value) {
        self.state.borrow_mut().set_data(property, value);
    }

    /// Scripts what the service at `url` answers, for every widget of the extension (as
    /// [`SimulatedDesk::answer_request`]).
    pub fn answer_request(&mut self, method: &str, url: &str, status: u16, body: Value) {
        self.state
            .borrow_mut()
            .script_request(method, url, status, body);
    }

    /// Sets a configuration parameter's value, for every widget of the extension (as
    /// [`SimulatedDesk::set_config`]).
    pub fn set_config(&mut self, name: &str, value: Value) {
        self.state.borrow_mut().set_config(name, value);
    }

    /// Sets a secure parameter's value, for every widget of the extension (as
    /// [`SimulatedDesk::set_secret`]).
    pub fn set_secret(&mut self, name: &str, value: &str) {
        self.state.borrow_mut().set_secret(name, value);
    }

    /// Every request that reached a service, placeholders filled in (as
    /// [`SimulatedDesk::received_requests`]).
    pub fn received_requests(&self) -> Vec<Value> {
        self.state.borrow().received.clone()
    }

    /// Moves the simulated Desk's clock forward (as [`SimulatedDesk::advance_clock`]).
    pub fn advance_clock(&mut self, milliseconds: f64) {
        self.state.borrow_mut().clock_ms += milliseconds;
    }

    /// Every call the extension's widgets made to Desk, in order.
    pub fn calls(&self) -> Vec<super::SdkCall> {
        self.state.borrow().calls.clone()
    }

    /// Delivers the messages the widgets emitted and opens and closes the modals they asked
    /// for, until nothing is left to run; the first panic that stopped a widget meanwhile, or
    /// the first message to a widget that had stopped.
    fn settle(&mut self) -> Result<(), FireError> {
        let stopped_before: Vec<String> = self.stopped().map(|(id, _)| id.to_owned()).collect();
        let mut fatal = None;
        let mut progress = false;
        for _ in 0..ROUNDS {
            progress = false;
            for mounted in &mut self.widgets {
                progress |= mounted.hosted.pump();
            }
            let emitted = std::mem::take(&mut self.state.borrow_mut().outbox);
            for message in emitted {
                progress = true;
                if let Err(error) = self.route(&message) {
                    fatal.get_or_insert(error);
                }
            }
            let requests = std::mem::take(&mut self.state.borrow_mut().modal_requests);
            for request in requests {
                progress = true;
                if let Err(error) = self.open_modal(request) {
                    fatal.get_or_insert(error);
                }
            }
            // A modal that emitted its result closes once its handler is done.
            let done = self.open.iter().position(|modal| {
                modal.result.is_some()
                    && self
                        .widgets
                        .iter()
                        .any(|w| w.id == modal.id && !w.hosted.is_waiting())
            });
            if let Some(index) = done {
                progress = true;
                let modal = self.open.remove(index);
                let result = modal.result.clone().unwrap_or(Value::Null);
                if let Err(error) = self.close(&modal, result) {
                    fatal.get_or_insert(error);
                }
            }
            if !progress {
                break;
            }
        }
        assert!(
            !progress,
            "the widgets still had messages or modals to run after {ROUNDS} rounds: do they open \
             modals, or answer `modal.closed`, forever?"
        );
        // A panic in a handler that resumed, or in one a message reached.
        let panicked = self
            .stopped()
            .find(|(id, _)| !stopped_before.iter().any(|before| before == id))
            .map(|(_, panic)| FireError::Failed(panic.clone()));
        panicked.or(fatal).map_or(Ok(()), Err)
    }

    /// The widgets that a panic stopped, with it.
    fn stopped(&self) -> impl Iterator<Item = (&str, &DispatchError)> {
        self.widgets
            .iter()
            .filter_map(|w| Some((w.id.as_str(), w.hosted.stopped()?)))
    }

    /// Keeps the failure that the test must see: a panic, a widget stopped by one, a chain of
    /// messages past its limit. A handler's own failure is in its widget's log and error hooks,
    /// as for any event.
    fn fatal(result: Result<(), FireError>) -> Result<(), FireError> {
        match result {
            Err(FireError::Failed(
                error @ (DispatchError::Panicked { .. }
                | DispatchError::Stopped { .. }
                | DispatchError::MessageLoop { .. }
                | DispatchError::MessageStorm { .. }),
            )) => Err(FireError::Failed(error)),
            _ => Ok(()),
        }
    }

    fn route(&mut self, message: &Emitted) -> Result<(), FireError> {
        let (from, to, name, data) = (&message.from, &message.to, message.name, &message.data);
        if name == MODAL_RESULT
            && let Some(modal) = self.open.iter_mut().find(|modal| &modal.id == from)
        {
            // The first result closes it; a second `close_modal` is dropped, as the browser's
            // `open_modal` settles its Promise once.
            modal.result.get_or_insert_with(|| data.clone());
            return Ok(());
        }
        let data = data.to_string();
        let mut fatal = Ok(());
        for mounted in &mut self.widgets {
            let addressed = match &to {
                Some(to) => &mounted.id == to,
                // Emitted on its own instance: to its siblings.
                None => &mounted.id != from,
            };
            if addressed && mounted.hosted.subscribes(name) {
                let received = Self::fatal(mounted.hosted.receive(name, Some(&data)));
                fatal = fatal.and(received);
            }
        }
        fatal
    }

    fn open_modal(&mut self, request: ModalRequest) -> Result<(), FireError> {
        let Some((_, opener)) = self.modal_types.iter().find(|(url, _)| *url == request.url) else {
            *request.slot.borrow_mut() = Some(Err(HostError::Sdk(format!(
                "no modal at `{}` on the simulated extension: `add_modal::<...>()` it",
                request.url
            ))));
            return Ok(());
        };
        self.opened += 1;
        let id = format!("modal-{}", self.opened);
        let app = self.app(&id, MODAL_LOCATION);
        let mut hosted = opener(Rc::clone(&self.state), app);
        hosted.load();
        // The handshake's end: the page is subscribed, and the opener's input arrives.
        let received = if hosted.subscribes(MODAL_INPUT) {
            Self::fatal(hosted.receive(MODAL_INPUT, Some(&request.input.to_string())))
        } else {
            Ok(())
        };
        self.widgets.push(Mounted {
            id: id.clone(),
            hosted,
        });
        self.open.push(OpenModal {
            id,
            request,
            result: None,
        });
        received
    }

    /// Unmounts the modal, answers its opener, and tells the widgets that listen for
    /// `modal.closed`.
    fn close(&mut self, modal: &OpenModal, result: Value) -> Result<(), FireError> {
        self.widgets.retain(|w| w.id != modal.id);
        *modal.request.slot.borrow_mut() = Some(Ok(result));
        let mut fatal = Ok(());
        for mounted in &mut self.widgets {
            if mounted.hosted.subscribes(MODAL_CLOSED) {
                let received = Self::fatal(mounted.hosted.receive(MODAL_CLOSED, None));
                fatal = fatal.and(received);
            }
        }
        fatal
    }
}

/// The agent attempts the action `hook` guards, with several extensions (or single widgets)
/// subscribed: Desk asks each one that subscribes, and the action goes ahead only if all allow
/// it. A denial's reasons are joined, one per line, as the agent sees them.
///
/// # Errors
///
/// The first subscriber's refusal to be asked ([`FireError`]).
pub fn attempt(
    hook: &str,
    payload: &str,
    subscribers: &mut [&mut dyn Subscriber],
) -> Result<Verdict, FireError> {
    let mut reasons = Vec::new();
    for subscriber in subscribers {
        if let Verdict::Deny(reason) = subscriber.attempt(hook, payload)? {
            reasons.push(reason);
        }
    }
    Ok(if reasons.is_empty() {
        Verdict::Allow
    } else {
        Verdict::Deny(reasons.join("\n"))
    })
}

/// Something Desk asks when an agent attempts a guarded action: a simulated widget, or a
/// simulated extension (all of its widgets).
pub trait Subscriber {
    /// Its answer to `hook`.
    ///
    /// # Errors
    ///
    /// As [`SimulatedDesk::attempt`].
    fn attempt(&mut self, hook: &str, payload: &str) -> Result<Verdict, FireError>;
}

impl<W: Widget + 'static> Subscriber for SimulatedDesk<W> {
    fn attempt(&mut self, hook: &str, payload: &str) -> Result<Verdict, FireError> {
        SimulatedDesk::attempt(self, hook, payload)
    }
}

impl Subscriber for SimulatedExtension {
    /// Every widget that subscribes to `hook` answers; the extension allows only if all do.
    /// Each is asked even when one before it failed (its handler panicked, say), as Desk asks
    /// each page, and what their handlers set off runs before the answer. It is
    /// [`SimulatedExtension::ask`], then [`PendingHook::verdict`] at once: a handler that waits
    /// for the agent (a modal it opened) gets its hook's `otherwise`.
    ///
    /// # Errors
    ///
    /// The first widget's failure, as [`SimulatedDesk::attempt`], else the first of what the
    /// handlers set off (as [`SimulatedExtension::fire`]).
    fn attempt(&mut self, hook: &str, payload: &str) -> Result<Verdict, FireError> {
        self.ask(hook, payload).verdict(self)
    }
}

/// A hook Desk asked a [`SimulatedExtension`]'s widgets ([`SimulatedExtension::ask`]), whose
/// handlers may not have answered yet: the test acts as the agent (answers the modal a handler
/// opened, say), then takes Desk's verdict with [`PendingHook::verdict`].
#[derive(Debug)]
#[must_use = "the hooks stay pending until `verdict` is taken"]
pub struct PendingHook {
    /// Each widget asked, by its `widgetID`, and what it answered when asked.
    asked: Vec<(String, Asked)>,
    /// The first failure of a widget asked.
    failure: Option<FireError>,
    /// What the handlers set off when asked.
    settled: Result<(), FireError>,
}

impl PendingHook {
    /// Whether a widget's handler has not answered yet, as when it was asked (the verdict it
    /// gave since is taken by [`PendingHook::verdict`]).
    pub fn is_pending(&self) -> bool {
        self.asked
            .iter()
            .any(|(_, asked)| matches!(asked, Asked::Pending(_)))
    }

    /// Desk's verdict: every widget's, the extension allowing only if all do, as
    /// [`Subscriber::attempt`]. A handler that has not answered by now gets its hook's
    /// `otherwise` at the deadline ([`SimulatedDesk::expire`]: the simulated clock moves to it),
    /// and what that sets off runs.
    ///
    /// # Errors
    ///
    /// As [`Subscriber::attempt`]: the first widget's failure, else the first of what the
    /// handlers set off.
    pub fn verdict(self, extension: &mut SimulatedExtension) -> Result<Verdict, FireError> {
        let PendingHook {
            asked,
            mut failure,
            settled,
        } = self;
        // What the test's last action set off runs before Desk's deadline.
        let mut settled = settled.and(extension.settle());
        let mut reasons = Vec::new();
        for (id, asked) in asked {
            let verdict = match asked {
                Asked::Answered(verdict) => Ok(verdict),
                Asked::Pending(number) => {
                    match extension.widgets.iter_mut().find(|w| w.id == id) {
                        Some(mounted) => mounted.hosted.expire(number),
                        // Only a modal is unmounted, and Desk asks no modal a hook.
                        None => continue,
                    }
                }
            };
            match verdict {
                Ok(Verdict::Deny(reason)) => reasons.push(reason),
                Ok(_) => {}
                Err(error) => {
                    failure.get_or_insert(error);
                }
            }
        }
        settled = settled.and(extension.settle());
        if let Some(error) = failure {
            return Err(error);
        }
        settled?;
        Ok(if reasons.is_empty() {
            Verdict::Allow
        } else {
            Verdict::Deny(reasons.join("\n"))
        })
    }
}

/// A widget on the simulated extension, whatever its type.
trait Hosted {
    fn load(&mut self);
    fn pump(&mut self) -> bool;
    fn subscribes(&self, name: &str) -> bool;
    fn receive(&mut self, name: &str, payload: Option<&str>) -> Result<(), FireError>;
    fn stopped(&self) -> Option<&DispatchError>;
    fn fire(&mut self, event: &str, payload: &str) -> Result<(), FireError>;
    fn ask(&mut self, hook: &str, payload: &str) -> Result<Asked, FireError>;
    fn expire(&mut self, number: u64) -> Result<Verdict, FireError>;
    fn is_waiting(&self) -> bool;
    fn release_answers(&mut self);
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<W: Widget + 'static> Hosted for SimulatedDesk<W> {
    fn load(&mut self) {
        let _ = SimulatedDesk::load(self);
    }

    fn pump(&mut self) -> bool {
        SimulatedDesk::pump(self)
    }

    fn subscribes(&self, name: &str) -> bool {
        self.subscriptions().contains(&name)
    }

    fn receive(&mut self, name: &str, payload: Option<&str>) -> Result<(), FireError> {
        SimulatedDesk::receive(self, name, payload)
    }

    fn stopped(&self) -> Option<&DispatchError> {
        SimulatedDesk::stopped(self)
    }

    fn fire(&mut self, event: &str, payload: &str) -> Result<(), FireError> {
        SimulatedDesk::fire(self, event, payload)
    }

    fn ask(&mut self, hook: &str, payload: &str) -> Result<Asked, FireError> {
        SimulatedDesk::ask(self, hook, payload)
    }

    fn expire(&mut self, number: u64) -> Result<Verdict, FireError> {
        SimulatedDesk::expire(self, number)
    }

    fn is_waiting(&self) -> bool {
        SimulatedDesk::is_waiting(self)
    }

    fn release_answers(&mut self) {
        SimulatedDesk::release_answers(self);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
