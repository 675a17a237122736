//! From a JSON payload to its typed event, with errors that say which field failed.

use desk_catalog::EventError;
use serde::de::DeserializeOwned;
use std::fmt;

/// Why a payload could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The event name is not in the catalog (or is a malformed form-field name).
    UnknownEvent(EventError),
    /// The payload is not what the event delivers.
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
    /// A payload error. The message is cut at [`MESSAGE_LIMIT`] bytes as it is written:
    /// `serde_json` quotes the offending value, which can be megabytes of untrusted text.
    pub(crate) fn payload(event: &str, path: String, message: impl fmt::Display) -> DecodeError {
        let mut bounded = Bounded(String::new());
        // An error here only means that the limit was reached.
        let _ = fmt::write(&mut bounded, format_args!("{message}"));
        DecodeError::Payload {
            event: event.to_owned(),
            path,
            message: bounded.0,
        }
    }
}

/// The longest message a [`DecodeError::Payload`] keeps, in bytes (then `...`).
const MESSAGE_LIMIT: usize = 300;

/// A `String` that takes [`MESSAGE_LIMIT`] bytes, then refuses more.
struct Bounded(String);

impl fmt::Write for Bounded {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let room = MESSAGE_LIMIT - self.0.len();
        if text.len() <= room {
            self.0.push_str(text);
            return Ok(());
        }
        self.0.push_str(&text[..text.floor_char_boundary(room)]);
        self.0.push_str("...");
        Err(fmt::Error)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::UnknownEvent(error) => error.fmt(f),
            DecodeError::Payload {
                event,
                path,
                message,
            } if path.is_empty() => {
                write!(f, "bad `{event}` payload: {message}")
            }
            DecodeError::Payload {
                event,
                path,
                message,
            } => {
                write!(f, "bad `{event}` payload at `{path}`: {message}")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// A type an event's JSON payload decodes into: every type of [`crate::events`], and
/// `serde_json::Value` for events outside the catalog.
pub trait Payload: Sized {
    /// Decodes the payload that `event` delivered.
    ///
    /// # Errors
    ///
    /// [`DecodeError::Payload`] naming the field that failed.
    fn decode(event: &str, json: &str) -> Result<Self, DecodeError>;
}

impl Payload for serde_json::Value {
    fn decode(event: &str, json: &str) -> Result<Self, DecodeError> {
        from_json(event, json)
    }
}

/// Decodes with plain `serde_json`, the fast path; only when that fails is the payload read a
/// second time to find the path of the failing field, so a valid payload pays nothing for it.
#[inline]
pub(crate) fn from_json<T: DeserializeOwned>(event: &str, json: &str) -> Result<T, DecodeError> {
    serde_json::from_str(json).map_err(|error| locate::<T>(event, json, &error))
}

/// The error for a payload `T` refused, with the path of the failing field. Out of line and
/// cold, so that the happy path's code is the hand-written `serde_json::from_str`.
#[cold]
#[inline(never)]
fn locate<T: DeserializeOwned>(event: &str, json: &str, error: &serde_json::Error) -> DecodeError {
    match serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_str(json)) {
        Err(located) => DecodeError::payload(event, wire_path(located.path()), located.inner()),
        // Valid as T, so the first pass failed on what follows it (trailing characters).
        Ok(_) => DecodeError::payload(event, String::new(), error),
    }
}

/// A path as the payload's keys spell it, e.g. `ticket.owner.agent.id`; empty for the root.
fn wire_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut wire = String::new();
    for segment in path {
        match segment {
            // A key that could not be read (a syntax error between entries): the path is the
            // enclosing object's.
            Segment::Unknown => break,
            Segment::Seq { index } => {
                wire.push('[');
                wire += &index.to_string();
                wire.push(']');
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !wire.is_empty() {
                    wire.push('.');
                }
                wire.push_str(key);
            }
        }
    }
    wire
}

/// `path` below the top-level key `key`.
pub(crate) fn join_path(key: &str, path: &serde_path_to_error::Path) -> String {
    match wire_path(path) {
        below if below.is_empty() => key.to_owned(),
        below => format!("{key}.{below}"),
    }
}
