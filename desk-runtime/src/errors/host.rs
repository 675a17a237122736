//! What goes wrong talking to Desk.

use super::NotAllowed;
use crate::bounded;
use std::fmt;

/// What went wrong talking to Desk.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HostError {
    /// The SDK threw or rejected, with its message (also when `ZOHODESK` is missing).
    Sdk(String),
    /// Desk answered with a `status` other than `"success"`.
    Failed {
        /// The call, e.g. `set("ticket.comment", {"content":"..."})`.
        call: String,
        /// Desk's answer, as JSON.
        answer: String,
    },
    /// The SDK answered, but not in the shape expected: what was wrong, quoting the answer cut
    /// at 300 bytes.
    Response(String),
    /// Refused before any call: the extension's manifest does not allow it.
    NotAllowed(NotAllowed),
    /// Refused before any call: over one of the platform's limits.
    Limit(Limit),
    /// No widget of the extension with this name and location is open (`getWidgets()`).
    NoWidget {
        /// The widget's name in the extension.
        name: &'static str,
        /// Its location.
        location: &'static str,
    },
}

/// A limit of the platform, refused before any call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Limit {
    /// A storage `key` or `queriableValue` over 50 characters, or with characters other than
    /// letters, digits, `,`, `_` and `:`.
    StorageKey {
        /// `key` or `queriableValue`.
        field: &'static str,
        /// The value refused.
        value: String,
    },
    /// A stored value over 1 KB of JSON.
    StorageValue {
        /// The entry's key.
        key: String,
        /// The value's size, in bytes of JSON.
        bytes: usize,
    },
    /// More than 10 entries written at once.
    StorageBatch {
        /// How many were given.
        entries: usize,
    },
    /// A notification's title over 255 characters.
    NotificationTitle {
        /// Its length, in characters.
        characters: usize,
    },
}

/// At most 300 bytes: the value refused is the caller's, often outside input.
impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bounded::write(f, |out| match self {
            Limit::StorageKey { field, value } => write!(
                out,
                "storage `{field}` `{value}`: at most 50 characters, letters, digits, `,`, `_` \
                 and `:` only"
            ),
            Limit::StorageValue { key, bytes } => write!(
                out,
                "the value stored under `{key}` is {bytes} bytes of JSON: at most 1024 (the \
                 stricter of the platform's two documented limits)"
            ),
            Limit::StorageBatch { entries } => {
                write!(out, "{entries} storage entries at once: at most 10")
            }
            Limit::NotificationTitle { characters } => write!(
                out,
                "a notification's title has at most 255 characters, not {characters}"
            ),
        })
    }
}

/// At most 300 bytes: the SDK's messages and Desk's answers are quoted.
impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bounded::write(f, |out| match self {
            HostError::Sdk(message) => write!(out, "the Desk SDK failed: {message}"),
            HostError::Failed { call, answer } => write!(out, "Desk refused `{call}`: {answer}"),
            HostError::Response(message) => write!(out, "unexpected answer from Desk: {message}"),
            HostError::NotAllowed(refused) => write!(out, "{refused}"),
            HostError::Limit(limit) => write!(out, "refused before any call: {limit}"),
            HostError::NoWidget { name, location } => write!(
                out,
                "no widget `{name}` at `{location}` is open in this extension (`getWidgets()`)"
            ),
        })
    }
}

impl std::error::Error for HostError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HostError::NotAllowed(refused) => Some(refused),
            _ => None,
        }
    }
}
