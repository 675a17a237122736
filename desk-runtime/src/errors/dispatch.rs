//! Why an event did not reach its handler, or what the handler reported.

use super::DecodeError;
use crate::bounded;
use std::fmt;

/// What a panic in [`Page::render`](crate::Page::render) is reported as, in place of an
/// event's name: the host renders the page after mounting and after every event.
pub const RENDER: &str = "Page::render";

/// How long a chain of messages between widgets may be: a message sent by the handler of a
/// message sent by the handler of ... one event of Desk (or one action of the agent). A message
/// deeper than this is not delivered, and the error hooks are told
/// ([`DispatchError::MessageLoop`]): two widgets that answer each other's messages forever stop
/// there, on every host.
// Here rather than with the chains (`message`), which are above: the error's message names it.
pub const MESSAGE_CHAIN_LIMIT: u32 = 16;

/// How many messages of one chain (set off by one event of Desk, or one action of the agent)
/// each widget handles: the next one is not delivered, and its error hooks are told
/// ([`DispatchError::MessageStorm`]). [`MESSAGE_CHAIN_LIMIT`] bounds how deep a chain goes,
/// this how wide: widgets that answer one message with several stop after at most this many
/// messages each, on every host (each widget's page counts the chains it took part in lately;
/// the envelope names the chain).
pub const MESSAGE_CHAIN_WIDTH: u32 = 64;

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
    /// A message was not delivered: the widget had handled
    /// [`MESSAGE_CHAIN_WIDTH`](crate::MESSAGE_CHAIN_WIDTH) messages of its chain already
    /// (widgets that answer one message with several). Its message is at most 300 bytes.
    MessageStorm {
        /// The message's name (its first 60 bytes).
        message: String,
        /// The event that set the chain off (its first 60 bytes).
        origin: String,
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
            DispatchError::Panicked { event, message } if event == RENDER => {
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
                 each sent by the handler of the one before, is past the limit of \
                 {MESSAGE_CHAIN_LIMIT}; do widgets answer each other's messages forever?"
            ),
            DispatchError::MessageStorm { message, origin } => write!(
                out,
                "`{message}` was not delivered: the widget handled {MESSAGE_CHAIN_WIDTH} \
                 messages of the chain set off by `{origin}` already, the limit; do widgets \
                 answer one message with several, forever?"
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
