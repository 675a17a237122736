//! Hooks: handlers that decide whether an agent's action in Desk goes ahead.
//!
//! A hook's handler is marked `#[hook("ticket.reOpen", otherwise = deny)]` and returns a
//! [`Verdict`]; it may be `async` and await Desk like any handler. The host answers Desk for
//! it: a Promise resolved for [`Verdict::Allow`], rejected with the reason for
//! [`Verdict::Deny`], which Desk shows the agent.
//!
//! Desk goes ahead without an answer after 30 seconds. So that the widget, not that silence,
//! decides, the host answers [`HOOK_DEADLINE_MS`] after the hook arrived if the handler has not:
//! with what `otherwise` declares (`allow` or `deny`), which is also the answer when the handler
//! fails. Both cases go to the error hooks ([`DispatchError::HookLate`], or the handler's
//! error), and a late handler's own answer is dropped.
//!
//! ```
//! use desk_runtime::prelude::*;
//! use desk_runtime::hook::Verdict;
//! use desk_runtime::json::Value;
//!
//! #[derive(Default)]
//! struct Guard { on_call: bool }
//!
//! #[desk_widget(location = "desk.background")]
//! impl Guard {
//!     #[hook("ticket.reOpen", otherwise = allow)]
//!     fn reopen(&self, _ticket: Value) -> Verdict {
//!         if self.on_call { Verdict::deny("Finish the call first") } else { Verdict::Allow }
//!     }
//! }
//!
//! let mut desk = desk_runtime::sim::SimulatedDesk::mount(Guard { on_call: true });
//! assert_eq!(desk.attempt("ticket.reOpen", "{}").unwrap(), Verdict::deny("Finish the call first"));
//! ```

use crate::errors::DispatchError;
use crate::html::UntrustedHtml;
use serde::Deserialize;

pub use desk_catalog::HOOK_TIMEOUT_MS;

/// When the host answers for a handler that has not: 5 seconds before Desk's own deadline
/// ([`HOOK_TIMEOUT_MS`]), a margin for the answer to reach Desk from a busy page.
pub const HOOK_DEADLINE_MS: u32 = HOOK_TIMEOUT_MS - 5_000;

/// What a hook's handler answers: the action goes ahead, or it does not and Desk shows the
/// agent why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The action goes ahead (the SDK's `true`, a resolved Promise).
    Allow,
    /// The action does not; Desk shows the reason to the agent (a Promise rejected with it).
    Deny(String),
}

impl Verdict {
    /// [`Verdict::Deny`] with `reason`.
    pub fn deny(reason: impl Into<String>) -> Self {
        Verdict::Deny(reason.into())
    }

    /// Whether the action goes ahead.
    pub fn allows(&self) -> bool {
        matches!(self, Verdict::Allow)
    }
}

/// What the host answers when a hook's handler fails or has not answered by
/// [`HOOK_DEADLINE_MS`]: `otherwise = allow` or `otherwise = deny` in `#[hook]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Otherwise {
    /// Let the action go ahead, as Desk would without an answer.
    Allow,
    /// Stop the action, telling the agent that the extension could not decide.
    Deny,
}

/// A hook a widget subscribes to, and what the host answers for it otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HookPolicy {
    /// The hook's name.
    pub name: &'static str,
    /// The answer when the handler fails or is late.
    pub otherwise: Otherwise,
}

impl HookPolicy {
    /// The host's answer for a handler that failed with `error`, or was late.
    pub fn fallback(&self, error: &DispatchError) -> Verdict {
        match (self.otherwise, error) {
            (Otherwise::Allow, _) => Verdict::Allow,
            (Otherwise::Deny, DispatchError::HookLate { .. }) => {
                Verdict::deny("The extension did not answer in time.")
            }
            (Otherwise::Deny, _) => Verdict::deny(format!(
                "The extension could not check this action: {error}"
            )),
        }
    }
}

/// What a hook's handler may return: a [`Verdict`], or `Result<Verdict, E>` whose error is
/// reported and answered with the hook's `otherwise`.
#[diagnostic::on_unimplemented(
    message = "a `#[hook]` handler returns a `Verdict` or `Result<Verdict, E>` with `E: Display`, not `{Self}`",
    label = "this return type is not `Verdict`"
)]
pub trait HookOutput {
    /// The verdict, or the handler's error message.
    ///
    /// # Errors
    ///
    /// The handler's error, as its `Display`.
    fn into_verdict(self) -> Result<Verdict, String>;
}

impl HookOutput for Verdict {
    fn into_verdict(self) -> Result<Verdict, String> {
        Ok(self)
    }
}

impl<E: std::fmt::Display> HookOutput for Result<Verdict, E> {
    fn into_verdict(self) -> Result<Verdict, String> {
        self.map_err(|error| crate::bounded::string(format_args!("{error}")))
    }
}

/// `ticket.reply`'s payload: the reply about to be sent.
///
/// Source: a *community* background widget's typings (`docs/reference/desk-sdk.md`, "Hooks"); no
/// official source shows it, so every field defaults to empty when Desk leaves it out.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct TicketReply {
    /// `toAddress`.
    pub to_address: String,
    /// `fromAddress`.
    pub from_address: String,
    /// `ccAddress`.
    pub cc_address: String,
    /// `ticketId`.
    pub ticket_id: String,
    /// `ticketSubject`.
    pub ticket_subject: String,
    /// `threadId`.
    pub thread_id: String,
    /// `content`: the reply's HTML, URL-encoded, as Desk sends it; [`TicketReply::html`] reads
    /// it.
    pub content: String,
}

impl TicketReply {
    /// The reply's HTML, as the agent wrote it (it often quotes the customer's mail): `content`
    /// percent-decoded as `decodeURIComponent` reads it (an escape of bytes that are not UTF-8
    /// becomes U+FFFD), and untrusted, like all HTML people write in Desk.
    ///
    /// ```
    /// use desk_runtime::events::Payload;
    /// use desk_runtime::hook::TicketReply;
    ///
    /// let reply = TicketReply::decode("ticket.reply", r#"{"content": "Hi%20%3Cb%3Eyou%3C%2Fb%3E"}"#)?;
    /// assert_eq!(reply.html().escaped(), "Hi &lt;b&gt;you&lt;/b&gt;");
    /// # Ok::<(), desk_runtime::events::DecodeError>(())
    /// ```
    pub fn html(&self) -> UntrustedHtml {
        UntrustedHtml::new(percent_encoding::percent_decode_str(&self.content).decode_utf8_lossy())
    }
}

impl crate::events::Payload for TicketReply {
    fn decode(event: &str, json: &str) -> Result<Self, crate::errors::DecodeError> {
        crate::events::from_table(event, json)
    }
}

// As its derived `Deserialize` reads it (every member optional), by the table reader.
crate::json::table! {
    TicketReply as "struct TicketReply",
    required {},
    default {
        to_address: "toAddress",
        from_address: "fromAddress",
        cc_address: "ccAddress",
        ticket_id: "ticketId",
        ticket_subject: "ticketSubject",
        thread_id: "threadId",
        content: "content",
    },
}
