//! Hooks: subscriptions whose handler decides whether an agent's action in Desk goes ahead.
//!
//! Subscribed like events (`App.instance.on(name, fn)`), but the handler answers: `true` or a
//! resolved Promise lets the action run, `false` or a rejected Promise stops it and Desk shows
//! the rejection's reason to the agent. Desk waits 30 seconds, then goes ahead without the
//! answer; with several extensions subscribed, the action runs only if all of them allow it.
//!
//! The catalog holds only the identifiers a source spells out (`docs/reference/desk-sdk.md`). The
//! guide's hooks page names the other guarded actions (closing a ticket, changing its status or
//! assignee, adding or editing a comment, closing on reply, the agent's channel status) but no
//! readable source spells their identifiers: a widget subscribes to those with `#[hook("...",
//! unchecked, ...)]`, as to an event outside the catalog.

use crate::events::TICKET_EDITOR_LOCATIONS;
use std::fmt;

/// How long Desk waits for a hook's answer before it goes ahead without it, in milliseconds
/// (the guide's page "hooks": "must respond within 30 seconds").
pub const HOOK_TIMEOUT_MS: u32 = 30_000;

/// One hook of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Hook {
    /// The hook's name, as the platform spells it.
    pub name: &'static str,
    /// The name of the type in `desk_runtime::hooks` that its payload decodes into (`Value`
    /// where no source shows the payload).
    pub payload: &'static str,
    /// The agent's action it guards.
    pub action: &'static str,
    /// Where the identifier is spelled out.
    pub source: &'static str,
    /// Where a widget can subscribe to it.
    pub available: &'static [&'static str],
}

/// Every hook a source spells out.
///
/// Decision (locations): no source lists where a hook can be subscribed. Hooks guard actions on
/// a ticket's detail page, so a hook is available where the reference delivers the events of
/// that page's editing (`ticket_comment.add`, `ticket_replyEditor.opened`): the ticket detail
/// page's right panel, left tab and more-action menus, and the product-level `desk.background`,
/// `desk.bottomband` and `desk.extension.telephony`, which live alongside every page. The one
/// sample that subscribes a hook does so from `desk.background`, in that list.
pub static HOOKS: &[Hook] = &[
    Hook {
        name: "ticket.reOpen",
        // No source shows what the handler receives.
        payload: "Value",
        action: "reopening a ticket",
        source: "the guide's page \"hooks\" (zoho.com/desk/extensions/guide/hooks.html)",
        available: TICKET_EDITOR_LOCATIONS,
    },
    Hook {
        name: "ticket.reply",
        payload: "TicketReply",
        action: "sending a ticket reply",
        // *community*: the guide lists the action; this identifier and the payload come from
        // a public background widget that subscribes it (`docs/reference/desk-sdk.md`, "Hooks").
        source: "a community background widget (`docs/reference/desk-sdk.md`, \"Hooks\")",
        available: TICKET_EDITOR_LOCATIONS,
    },
];

/// A name that is not a hook of the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownHook {
    /// The name as given.
    pub name: String,
    /// The hook it is a near miss of.
    pub suggestion: Option<&'static str>,
}

impl fmt::Display for UnknownHook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown hook `{}`", self.name)?;
        match self.suggestion {
            Some(known) => write!(f, "; did you mean `{known}`?"),
            None => write!(
                f,
                "; the catalog's hooks are `{}` (for one a source does not spell out, add \
                 `unchecked`)",
                HOOKS
                    .iter()
                    .map(|h| h.name)
                    .collect::<Vec<_>>()
                    .join("`, `")
            ),
        }
    }
}

impl std::error::Error for UnknownHook {}

/// Looks up a hook by its exact name.
///
/// ```
/// let reopen = desk_catalog::hook("ticket.reOpen").unwrap();
/// assert!(reopen.is_available("desk.ticket.detail.rightpanel"));
/// assert!(!reopen.is_available("desk.contact.detail.rightpanel"));
/// let typo = desk_catalog::hook("ticket.reopen").unwrap_err();
/// assert_eq!(typo.suggestion, Some("ticket.reOpen"));
/// ```
///
/// # Errors
///
/// [`UnknownHook`], with the hook meant when the name is a near miss.
pub fn hook(name: &str) -> Result<&'static Hook, UnknownHook> {
    HOOKS
        .iter()
        .find(|hook| hook.name == name)
        .ok_or_else(|| UnknownHook {
            name: name.to_owned(),
            suggestion: crate::suggest(name, HOOKS.iter().map(|h| h.name)),
        })
}

/// Whether `name` is a hook's: [`hook`] without the near-miss search its error makes, which
/// `#[desk_widget]` would otherwise pay for every event it checks (BENCHMARKS.md, 2).
///
/// ```
/// assert!(desk_catalog::is_hook("ticket.reOpen"));
/// assert!(!desk_catalog::is_hook("ticket.reopen"));
/// assert!(!desk_catalog::is_hook("call.ringing"));
/// ```
pub fn is_hook(name: &str) -> bool {
    HOOKS.iter().any(|hook| hook.name == name)
}

impl Hook {
    /// Whether a widget at `location` can subscribe to it.
    pub fn is_available(&self, location: &str) -> bool {
        self.available.contains(&location)
    }
}
