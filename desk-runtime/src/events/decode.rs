//! From a JSON payload to its typed event, with errors that say which field failed.

use crate::errors::{DecodeError, DispatchError};
use crate::json::Decode;
use serde::de::DeserializeOwned;

/// A type an event's JSON payload decodes into: every type of [`crate::events`], and
/// `serde_json::Value` for events outside the catalog.
pub trait Payload: Sized {
    /// Decodes the payload that `event` delivered.
    ///
    /// # Errors
    ///
    /// [`DecodeError::Payload`] naming the field that failed.
    fn decode(event: &str, json: &str) -> Result<Self, DecodeError>;

    /// [`Payload::decode`] with its error already a [`DispatchError`]: what `#[desk_widget]`'s
    /// dispatch calls. A payload decoded this way is moved once on its way to the handler, as
    /// in hand-written dispatch, rather than once per error type it passes through.
    #[doc(hidden)]
    #[inline]
    fn decode_for_dispatch(event: &str, json: &str) -> Result<Self, DispatchError> {
        Self::decode(event, json).map_err(DispatchError::Decode)
    }
}

impl Payload for crate::json::Value {
    fn decode(event: &str, json: &str) -> Result<Self, DecodeError> {
        from_json(event, json)
    }
}

/// Decodes with [`crate::json`], whose error carries the failing field's path.
/// The error type is the caller's (`DecodeError`, or `DispatchError` for dispatch), so that
/// the decoded value is not moved again to change it.
#[inline]
pub(crate) fn from_json<T, E>(event: &str, json: &str) -> Result<T, E>
where
    T: DeserializeOwned,
    E: From<DecodeError>,
{
    decoded(event, crate::json::from_str(json))
}

/// Decodes with the table reader of structs ([`crate::json::Decode`]) rather than serde's
/// derived visitors, with the same values and errors: what the payloads of [`crate::events`]
/// use, so that the derived `Deserialize` (kept for authors) is not linked into a page.
#[inline]
pub(crate) fn from_table<T, E>(event: &str, json: &str) -> Result<T, E>
where
    T: Decode,
    E: From<DecodeError>,
{
    decoded(event, crate::json::decode(json))
}

/// The decoder's result, its error the payload's.
#[inline]
fn decoded<T, E: From<DecodeError>>(
    event: &str,
    result: Result<T, crate::json::Error>,
) -> Result<T, E> {
    // A `match` rather than `map_err` with a closure: the closure's captures were stored on
    // the happy path too (`bench/examples/instructions.rs`).
    match result {
        Ok(value) => Ok(value),
        Err(error) => Err(refused(event, &error).into()),
    }
}

/// The error for a payload the decoder refused. Out of line, cold and not generic: the module
/// has one copy of it.
#[cold]
#[inline(never)]
fn refused(event: &str, error: &crate::json::Error) -> DecodeError {
    DecodeError::payload(event, error.path().to_owned(), error)
}
