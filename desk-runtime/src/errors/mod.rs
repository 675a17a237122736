//! The errors that the layers above share: what dispatch reports ([`DispatchError`]), why a
//! payload did not decode ([`DecodeError`]), what goes wrong talking to Desk ([`HostError`],
//! [`Limit`]) and what the manifest refuses ([`NotAllowed`]). At the bottom of the crate (see
//! ARCHITECTURE.md), so that events, hooks and messages can report them without reaching up to
//! the widget trait or the Desk handle; each is re-exported where widget code finds it
//! (`desk_runtime::DispatchError`, `events::DecodeError`, `desk::HostError`,
//! `extension::NotAllowed`).

mod decode;
mod dispatch;
mod host;
mod not_allowed;

pub use decode::DecodeError;
pub use dispatch::{DispatchError, MESSAGE_CHAIN_LIMIT, MESSAGE_CHAIN_WIDTH, RENDER};
pub use host::{HostError, Limit};
pub use not_allowed::{NotAllowed, QUOTED_URL_BYTES, Refusal};
