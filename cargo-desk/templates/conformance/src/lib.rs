//! __TITLE__: a conformance extension. Loaded in Desk's developer mode (`cargo desk serve`),
//! it checks every assumption desk-widgets makes of the Desk SDK, and each page shows a table:
//! the assumption, what the library expects, what Desk did, pass or fail.
//!
//! - [`TicketChecks`], at a ticket's right panel: every property, a comment set on the ticket,
//!   a request to the service of the extension's configuration, storage at its limits, two
//!   hooks, and a message to the bottom band;
//! - [`BandChecks`], in the bottom band: the properties (a ticket's refused while none is open),
//!   and the message the panel sends;
//! - [`PhoneChecks`], in the telephony bar: the properties, a notification, a modal's
//!   handshake with [`HandshakeCheck`], and a confirmation.
//!
//! Every check is ordinary widget code on the public API: read it as an example.

use desk_runtime::config::DeskConfig;
use desk_runtime::prelude::*;
use serde::{Deserialize, Serialize};

mod band;
mod handshake;
mod panel;
mod phone;
pub mod properties;
pub mod report;
mod service;
mod storage;

pub use band::BandChecks;
pub use handshake::HandshakeCheck;
pub use panel::TicketChecks;
pub use phone::PhoneChecks;

desk_runtime::extension! {
    name: "__TITLE__",
    // The storage checks need it.
    storage: true,
    // The origin of the URLs of the configuration (`Settings`): your service's, if not this.
    whitelisted_domains: ["https://httpbin.org"],
    config: Settings,
    widgets: {
        "Ticket Checks": TicketChecks,
        "Band Checks": BandChecks,
        "Phone Checks": PhoneChecks,
    },
    modals: { "Handshake Check": HandshakeCheck },
}

/// The service the request checks call through Desk's proxy, set when the extension is
/// installed. Both URLs must be on a whitelisted domain (`whitelisted_domains` above).
#[derive(Debug, DeskConfig)]
pub struct Settings {
    /// Service URL
    ///
    /// A URL that answers 200 with JSON, e.g. `https://httpbin.org/json`.
    pub service_url: String,
    /// Error URL
    ///
    /// A URL that answers an error status, e.g. `https://httpbin.org/status/404`.
    pub error_url: String,
}

/// Text that must cross every boundary unchanged: markup, quotes, accents and an emoji.
pub const ROUND_TRIP: &str = "<b>\"Zoë\" & 'Ана'</b> \u{260e}";

/// The message the ticket's panel sends the bottom band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Message)]
#[message(name = "conformance.ping")]
pub struct Ping {
    /// [`ROUND_TRIP`].
    pub text: String,
}

#[cfg(test)]
mod tests;
