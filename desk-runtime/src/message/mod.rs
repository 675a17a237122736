//! Messages between the widgets of one extension, typed on both ends.
//!
//! A message type is declared once, with its wire name, by deriving [`Message`](trait@Message)
//! on a serde type. A widget handles it with `#[on_message]`, the type its handler's parameter;
//! another widget of the extension sends it with [`Desk::send`](crate::Desk::send), naming the
//! receiving widget type, and the send compiles only if that type handles the message. On the
//! SDK it is `App.instance.emit(name, data)` on the receiver's instance, found with
//! `getWidgets()` by its location and name; `data` is the message in an envelope that carries
//! its chain, `{"deskWidgets.chain": 1, "message": ..., "origin": "call.ringing"}`, so that
//! widgets that answer each other's messages forever stop at [`MESSAGE_CHAIN_LIMIT`] on every
//! host. A message without one (from a widget written in JavaScript) is read as it is.
//!
//! A widget handles each wire name once: two of its handlers taking messages of one name, or a
//! message named like an event or hook it handles, are a compile error at the second handler
//! (the macro cannot read a message's name, so the compiler compares them in constants).
//!
//! ```
//! use desk_runtime::prelude::*;
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize, Message)]
//! #[message(name = "caller.found")]
//! pub struct CallerFound { pub name: String }
//!
//! #[derive(Default)]
//! pub struct Panel { caller: Option<String> }
//!
//! #[desk_widget(location = "desk.ticket.detail.rightpanel")]
//! impl Panel {
//!     #[on_message]
//!     fn found(&mut self, found: CallerFound) { self.caller = Some(found.name); }
//! }
//!
//! assert_eq!(<CallerFound as desk_runtime::Message>::NAME, "caller.found");
//! assert_eq!(Panel::SUBSCRIPTIONS, ["caller.found"]);
//! ```

mod chain;

pub use crate::errors::{MESSAGE_CHAIN_LIMIT, MESSAGE_CHAIN_WIDTH};
pub(crate) use chain::{Chain, Ledger};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A message between the widgets of an extension: a serde type with its wire name. Derive it:
/// `#[derive(Serialize, Deserialize, Message)] #[message(name = "caller.found")]`.
///
/// Only the derive implements it (it is sealed), since only the derive checks the wire name: a
/// Desk event's or hook's name would have Desk's events delivered as the message.
pub trait Message: Serialize + DeserializeOwned + 'static + DerivedMessage {
    /// The name it travels under (`App.instance.emit(name, data)`).
    const NAME: &'static str;
}

/// A widget type that handles the message `M` (it has an `#[on_message]` handler taking it);
/// written by `#[desk_widget]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not handle the message `{M}`",
    label = "`{Self}` has no `#[on_message]` handler taking `{M}`",
    note = "add `#[on_message] fn ...(&mut self, message: {M})` to `{Self}`'s `#[desk_widget]` impl, or send it to a widget type that has one"
)]
pub trait Handles<M: Message> {}

/// Implemented by `#[derive(Message)]` alone: it seals [`Message`](trait@Message), whose wire
/// name the derive checks (not a Desk event, hook or host name) and a hand-written impl would
/// not. The derive names it as `desk_runtime::__private::DerivedMessage`.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a message only through `#[derive(Message)]`",
    label = "`Message` implemented by hand",
    note = "derive it: `#[derive(Serialize, Deserialize, Message)] #[message(name = \"...\")]`; the derive checks the wire name"
)]
pub trait DerivedMessage {}

/// A message that the widget type `T` handles: what [`Desk::send`](crate::Desk::send) takes.
#[diagnostic::on_unimplemented(
    message = "`{T}` does not handle the message `{Self}`",
    label = "`{T}` has no `#[on_message]` handler taking `{Self}`",
    note = "add `#[on_message] fn ...(&mut self, message: {Self})` to `{T}`'s `#[desk_widget]` impl, or send it to a widget type that has one"
)]
pub trait SendTo<T>: Message {}

impl<M: Message, T: Handles<M>> SendTo<T> for M {}
