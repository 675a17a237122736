//! The [`Widget`] trait that `#[desk_widget]` implements, and what dispatch can go wrong with.

use crate::errors::DispatchError;
use crate::hook::{HookPolicy, Verdict};
use crate::link::Desk;
use crate::location;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// A widget: where it lives, what it subscribes to, and how an event reaches its handler.
///
/// Implemented by `#[desk_widget(location = "...")]` on an `impl` block of the widget's state
/// type; hosts (the [`SimulatedDesk`](crate::sim::SimulatedDesk), the browser) drive it.
///
/// ```
/// use desk_runtime::prelude::*;
/// use desk_runtime::events::TicketStatusChanged;
///
/// #[derive(Default)]
/// struct Status(Option<String>);
///
/// #[desk_widget(location = "desk.ticket.detail.subtab")]
/// impl Status {
///     #[on("ticket_status.changed")]
///     fn changed(&mut self, change: TicketStatusChanged) {
///         self.0 = Some(change.status);
///     }
/// }
///
/// assert_eq!(Status::LOCATION, "desk.ticket.detail.subtab");
/// assert_eq!(Status::SUBSCRIPTIONS, ["ticket_status.changed"]);
/// let mut desk = desk_runtime::sim::SimulatedDesk::mount(Status::default());
/// desk.fire("ticket_status.changed", r#"{"ticket.status": "Closed"}"#).unwrap();
/// assert_eq!(desk.widget().0.as_deref(), Some("Closed"));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a Desk widget",
    note = "add `#[desk_widget(location = \"...\")]` to an `impl {Self}` block with `#[on(\"...\")]` handlers"
)]
pub trait Widget: Sized {
    /// The location the widget is placed at, e.g. `desk.ticket.detail.rightpanel`.
    const LOCATION: &'static str;

    /// The location as a type, e.g. [`location::desk_ticket_detail_rightpanel`]: calls that
    /// work at some locations only are bounded on it (see [`crate::location`]).
    type Location: location::Location;

    /// The events the widget subscribes to, in declaration order; `extension.onload` is its
    /// mount handler's (called once the SDK has loaded, not subscribed to).
    ///
    /// Each name once: `#[desk_widget]` refuses two handlers delivered under one name, and the
    /// hosts subscribe a name listed twice (by a hand-written impl) once.
    const SUBSCRIPTIONS: &'static [&'static str];

    /// Whether a handler takes the host's handle or is `async`. A widget that does not gets a
    /// [`Desk`] connected to nothing, so that its module links none of the SDK's calls.
    const TALKS_BACK: bool = false;

    /// Whether a handler is `async`: hosts then run each event as a task of its own, one at a
    /// time. A widget without one links no executor.
    const ASYNC: bool = false;

    /// The hooks among [`Widget::SUBSCRIPTIONS`] (`#[hook]` handlers), with what the host answers
    /// when their handler fails or is late.
    const HOOKS: &'static [HookPolicy] = &[];

    /// The page's buttons the widget handles (`#[on_click("name")]`): a click on an element
    /// with `data-click="name"` is delivered as the event `click:name`.
    const CLICKS: &'static [&'static str] = &[];

    /// Whether it is a modal (`#[desk_widget(modal)]`): its page then emits
    /// [`MODAL_READY`](crate::modal::MODAL_READY) once subscribed.
    const MODAL: bool = false;

    /// Delivers one event, its payload as JSON, to the handler subscribed to it: the result
    /// of a handler, or the future of an `async` one.
    ///
    /// Errors ([`DispatchError`]): the widget does not subscribe to `event`, the payload does
    /// not decode, or the handler returned an error. It never panics on any input.
    fn dispatch<'a>(
        &'a mut self,
        event: &'a str,
        payload: &'a str,
        desk: &'a Desk<Self>,
    ) -> Dispatch<'a>;
}

/// A handler's result: `Ok(None)` for an event, `Ok(Some(verdict))` for a hook.
pub type Handled = Result<Option<Verdict>, DispatchError>;

/// What [`Widget::dispatch`] gives a host: a handler's result, or an `async` handler's future,
/// which the host awaits before the next event.
pub enum Dispatch<'a> {
    /// The handler ran (or the event did not reach it).
    Done(Handled),
    /// An `async` handler, to await.
    Pending(Pin<Box<dyn Future<Output = Handled> + 'a>>),
}

impl Dispatch<'_> {
    /// The handler's result, when it is not an `async` handler's future.
    pub fn done(self) -> Option<Handled> {
        match self {
            Dispatch::Done(result) => Some(result),
            Dispatch::Pending(_) => None,
        }
    }
}

impl fmt::Debug for Dispatch<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dispatch::Done(result) => f.debug_tuple("Done").field(result).finish(),
            Dispatch::Pending(_) => f.write_str("Pending"),
        }
    }
}

/// What a handler may return: `()`, or `Result<(), E>` whose error is reported with its
/// `Display`.
#[diagnostic::on_unimplemented(
    message = "an `#[on]` handler returns `()` or `Result<(), E>` with `E: Display`, not `{Self}`",
    label = "this return type is not `()` or `Result<(), E: Display>`"
)]
pub trait HandlerOutput {
    /// The handler's error message, if it failed.
    ///
    /// # Errors
    ///
    /// The handler's error, as its `Display`.
    fn into_result(self) -> Result<(), String>;
}

impl HandlerOutput for () {
    fn into_result(self) -> Result<(), String> {
        Ok(())
    }
}

impl<E: fmt::Display> HandlerOutput for Result<(), E> {
    fn into_result(self) -> Result<(), String> {
        self.map_err(|error| crate::bounded::string(format_args!("{error}")))
    }
}

/// Holds when a handler's parameter type `Self` is the payload type `Delivered` of its event.
#[diagnostic::on_unimplemented(
    message = "this event delivers `{Delivered}`, not `{Self}`",
    label = "expected `{Delivered}`",
    note = "take the event's payload type, or leave the parameter out"
)]
pub trait PayloadOf<Delivered> {
    /// The payload itself.
    fn from_delivered(payload: Delivered) -> Self;
}

impl<T> PayloadOf<T> for T {
    fn from_delivered(payload: T) -> T {
        payload
    }
}
