//! Write Zoho Desk widgets in Rust, with event subscriptions checked at compile time.
//!
//! A widget is a state type and an `impl` block marked with its location; each handler is a
//! method marked with the event it handles. The compiler refuses an event the location never
//! receives, and payloads arrive typed:
//!
//! ```
//! use desk_runtime::prelude::*;
//! use desk_runtime::events::{CallRinging, TicketStatusChanged};
//!
//! #[derive(Default)]
//! pub struct CallPanel { calls: Vec<String>, status: Option<String> }
//!
//! #[desk_widget(location = "desk.ticket.detail.rightpanel")]
//! impl CallPanel {
//!     #[on("call.ringing")]
//!     fn ringing(&mut self, call: CallRinging) { self.calls.push(call.number); }
//!
//!     #[on("ticket_status.changed")]
//!     fn status(&mut self, change: TicketStatusChanged) { self.status = Some(change.status); }
//!
//!     #[on("modal.closed")]
//!     fn closed(&self) {}
//! }
//!
//! let mut desk = desk_runtime::sim::SimulatedDesk::mount(CallPanel::default());
//! desk.fire_sample("call.ringing").unwrap();
//! assert_eq!(desk.widget().calls, ["9837650000"]);
//! ```
//!
//! - [`macro@desk_widget`] and [`macro@on`] declare a widget; [`Widget`] is what they implement.
//! - [`events`]: one type per event of the platform's reference, and [`events::decode`].
//! - [`desk`]: the handle a handler talks back to Desk with, `desk: &Desk<Self>`; [`Error`]
//!   is what every call's error converts into, for handlers that make calls of several kinds.
//! - [`hook`](mod@hook), [`message`](mod@message), [`modal`](mod@modal): hooks that decide
//!   whether an agent's action goes ahead, typed messages between the widgets of an
//!   extension, modals with typed input and result.
//! - [`sim`]: a simulated Desk (and [`sim::SimulatedExtension`]) to test widgets with
//!   `cargo test`.
//! - [`samples`]: the reference's sample payload of every event.
//! - [`catalog`]: which events exist and where each one is delivered.

mod app;
mod bounded;
#[cfg(feature = "browser")]
pub mod browser;
pub mod config;
pub mod desk;
mod error;
mod errors;
pub mod events;
pub mod extension;
pub mod hook;
mod host;
pub mod html;
pub mod i18n;
pub mod json;
mod link;
pub mod location;
pub mod message;
pub mod modal;
mod page;
pub mod samples;
pub mod sim;
mod whatwg;
mod widget;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use desk::{App, Desk};
pub use desk_macros::{Message, desk_widget, extension, hook, on, on_click, on_message, on_open};
pub use error::Error;
pub use errors::{DispatchError, HostError, MESSAGE_CHAIN_LIMIT, MESSAGE_CHAIN_WIDTH, RENDER};
pub use extension::Extension;
pub use host::{ErrorHook, ON_LOAD, Outcome};
pub use message::{Handles, Message};
pub use modal::Modal;
pub use page::{PAGE_BODY, Page};
pub use widget::{Dispatch, Handled, HandlerOutput, PayloadOf, Widget};

/// The event and location catalog the macro checks against (the `desk-catalog` crate).
pub use desk_catalog as catalog;

/// What widget code needs: `use desk_runtime::prelude::*;`.
pub mod prelude {
    pub use crate::hook::Verdict;
    pub use crate::{App, Desk, Message, Page, Widget};
    pub use desk_macros::{desk_widget, hook, on, on_click, on_message, on_open};
}
