//! Why a payload could not be decoded.

use crate::bounded;
use desk_catalog::EventError;
use std::fmt;

/// Why a payload could not be decoded. Every variant names the event as the caller gave it
/// ([`DecodeError::event`]), and so does its message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The event name is not in the catalog (or is a malformed form-field name); the
    /// [`EventError`] keeps the name and quotes it in full.
    UnknownEvent(EventError),
    /// The payload is not what the event delivers. Built with [`DecodeError::payload`], which
    /// bounds the message.
    #[non_exhaustive]
    Payload {
        /// The event whose payload it is.
        event: String,
        /// The wire path of the field that failed, e.g. `ticket.owner.agent.id`; empty for the
        /// payload as a whole.
        path: String,
        /// What was wrong with it.
        message: String,
    },
}

impl DecodeError {
    /// The event as the caller named it: the name that is not an event, or the event whose
    /// payload failed.
    ///
    /// ```
    /// use desk_runtime::events::decode;
    ///
    /// let error = decode("leadForm_email.changed", "{}").unwrap_err();
    /// assert_eq!(error.event(), "leadForm_email.changed");
    /// assert!(error.to_string().contains("`leadForm_email.changed`"));
    /// ```
    pub fn event(&self) -> &str {
        match self {
            DecodeError::UnknownEvent(error) => error.name(),
            DecodeError::Payload { event, .. } => event,
        }
    }

    /// A payload error. The message is cut at 300 bytes as it is written: it may quote what
    /// the sender wrote (an unknown variant's name, a custom message), untrusted text.
    pub fn payload(event: &str, path: String, message: impl fmt::Display) -> DecodeError {
        DecodeError::Payload {
            event: event.to_owned(),
            path,
            message: bounded::string(format_args!("{message}")),
        }
    }
}

/// At most 300 bytes: the event's name, the path and the message are the sender's.
impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bounded::write(f, |out| match self {
            DecodeError::UnknownEvent(error) => write!(out, "{error}"),
            DecodeError::Payload {
                event,
                path,
                message,
            } if path.is_empty() => {
                write!(out, "bad `{event}` payload: {message}")
            }
            DecodeError::Payload {
                event,
                path,
                message,
            } => {
                write!(out, "bad `{event}` payload at `{path}`: {message}")
            }
        })
    }
}

impl std::error::Error for DecodeError {}
