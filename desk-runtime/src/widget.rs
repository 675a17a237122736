//! The [`Widget`] trait that `#[desk_widget]` implements, and what dispatch can go wrong with.

use crate::bounded;
use crate::desk::Desk;
use crate::events::DecodeError;
use crate::hook::{HookPolicy, Verdict};
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

/// Why an event did not reach its handler, or what the handler reported.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DispatchError {
    /// The widget has no handler for this event.
    NotSubscribed {
        /// The event's name.
        event: String,
    },
    /// The payload did not decode into the handler's type.
    Decode(DecodeError),
    /// The handler returned `Err`; its message.
    Handler {
        /// The event's name.
        event: String,
        /// The handler error's `Display`.
        message: String,
    },
    /// The handler (or [`Page::render`](crate::Page::render), named
    /// [`RENDER`](crate::RENDER)) panicked, and the widget stopped: on `wasm32` the panic
    /// aborts the page's module; the simulated Desk catches it and refuses every later call
    /// with [`DispatchError::Stopped`]. Its message is at most 300 bytes.
    Panicked {
        /// The event's name (its first 60 bytes).
        event: String,
        /// The panic's message (its first 200 bytes).
        message: String,
    },
    /// Not delivered: the widget stopped after a panic ([`DispatchError::Panicked`]), as its
    /// page does. Its message is at most 300 bytes.
    Stopped {
        /// The event whose handler panicked, or [`RENDER`](crate::RENDER).
        event: String,
        /// The panic's message.
        message: String,
    },
    /// A message was not delivered: it is deeper than
    /// [`MESSAGE_CHAIN_LIMIT`](crate::MESSAGE_CHAIN_LIMIT) in a chain of messages, each sent by
    /// the handler of the one before, set off by one event. Its message is at most 300 bytes.
    MessageLoop {
        /// The message's name (its first 60 bytes).
        message: String,
        /// The event that set the chain off (its first 60 bytes).
        origin: String,
        /// How deep the message is.
        depth: u32,
    },
    /// The Desk SDK is missing from the page or `ZOHODESK.extension.onload()` failed: no event
    /// will reach the widget (reported with the event `extension.onload`).
    NotLoaded {
        /// Why, as the SDK said it.
        message: String,
    },
    /// A hook's handler had not answered by the host's deadline
    /// ([`HOOK_DEADLINE_MS`](crate::hook::HOOK_DEADLINE_MS)): the host answered with the hook's
    /// `otherwise`, and drops the handler's own answer.
    HookLate {
        /// The hook's name.
        hook: String,
        /// The deadline, in milliseconds after the hook arrived.
        after_ms: u32,
    },
}

/// At most 300 bytes: event names, payloads' errors and handlers' messages are quoted.
impl fmt::Display for DispatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bounded::write(f, |out| match self {
            DispatchError::NotSubscribed { event } => {
                write!(out, "the widget does not subscribe to `{event}`")
            }
            DispatchError::Decode(error) => write!(out, "{error}"),
            DispatchError::Handler { event, message } => {
                write!(out, "the `{event}` handler failed: {message}")
            }
            DispatchError::Panicked { event, message } if event == crate::RENDER => {
                write!(out, "`{event}` panicked, and the widget stopped: {message}")
            }
            DispatchError::Panicked { event, message } => {
                write!(
                    out,
                    "the `{event}` handler panicked, and the widget stopped: {message}"
                )
            }
            DispatchError::Stopped { event, message } => {
                write!(
                    out,
                    "the widget stopped after a panic in `{event}`: {message}"
                )
            }
            DispatchError::MessageLoop {
                message,
                origin,
                depth,
            } => write!(
                out,
                "`{message}` was not delivered: message {depth} of a chain set off by `{origin}`, \
                 each sent by the handler of the one before, is past the limit of {}; do widgets \
                 answer each other's messages forever?",
                crate::MESSAGE_CHAIN_LIMIT
            ),
            DispatchError::HookLate { hook, after_ms } => write!(
                out,
                "the `{hook}` hook's handler did not answer within {after_ms} ms: the host \
                 answered with its `otherwise`"
            ),
            DispatchError::NotLoaded { message } => write!(
                out,
                "the Desk SDK did not load (`ZOHODESK.extension.onload()`): {message}"
            ),
        })
    }
}

impl std::error::Error for DispatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DispatchError::Decode(error) => Some(error),
            _ => None,
        }
    }
}

impl From<DecodeError> for DispatchError {
    fn from(error: DecodeError) -> Self {
        DispatchError::Decode(error)
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
