//! What the simulated Desk says when it refuses an event, or the widget fails at it.

use crate::bounded;
use crate::errors::DispatchError;
use desk_catalog::{EventError, explain};
use std::fmt;

/// An event the simulated Desk refused to send, or that failed at the widget.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FireError {
    /// Not an event of the catalog (nor one the widget subscribes to with `unchecked`).
    UnknownEvent(EventError),
    /// Desk never sends this event to the widget's location.
    NotAvailable {
        /// The event's name.
        event: String,
        /// The widget's location.
        location: &'static str,
    },
    /// The reference has no sample for this event.
    NoSample {
        /// The event's name.
        event: String,
    },
    /// Sent, but the payload did not decode or the handler failed (also in the log).
    Failed(DispatchError),
    /// Not a hook of the catalog (nor one the widget subscribes to with `unchecked`).
    UnknownHook(desk_catalog::UnknownHook),
    /// The widget handles no click of this name (`#[on_click]`), or its page shows no element
    /// with `data-click="name"` to click.
    NotClickable {
        /// The button's name.
        name: String,
        /// Whether the widget handles it (the page lacks it) or not.
        handled: bool,
    },
}

/// At most 300 bytes, as every error that quotes its input.
impl fmt::Display for FireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bounded::write(f, |out| match self {
            FireError::UnknownEvent(error) => write!(out, "{error}"),
            FireError::NotAvailable { event, location } => match desk_catalog::event(event) {
                Ok(known) => out.write_str(&explain::not_available(&known, event, location)),
                Err(_) => write!(out, "`{event}` is not delivered at `{location}`"),
            },
            FireError::NoSample { event } => {
                write!(out, "the reference has no sample of `{event}`")
            }
            FireError::Failed(error) => write!(out, "{error}"),
            FireError::UnknownHook(error) => write!(out, "{error}"),
            FireError::NotClickable {
                name,
                handled: true,
            } => write!(
                out,
                "the page shows no element with `data-click=\"{name}\"`"
            ),
            FireError::NotClickable { name, .. } => {
                write!(out, "the widget has no `#[on_click(\"{name}\")]` handler")
            }
        })
    }
}

impl std::error::Error for FireError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FireError::UnknownEvent(error) => Some(error),
            FireError::Failed(error) => Some(error),
            FireError::UnknownHook(error) => Some(error),
            _ => None,
        }
    }
}
