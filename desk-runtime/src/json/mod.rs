//! JSON as widgets receive it: the decoder every payload, message and SDK answer goes through,
//! and the untyped [`Value`] of `#[on("...", unchecked)]` handlers.
//!
//! [`from_str`] is a serde `Deserializer` made for the browser's module size: `serde_json`'s
//! own was about 29 KB of every widget's WebAssembly, most of it the formatting of error
//! messages when they are made (BENCHMARKS.md section 5.6). This one keeps an error's parts and
//! words them when it is displayed, and gives it the path of the failing value (`[1].id`) on its
//! way out of each object and array, so the text is never read twice. It accepts and refuses
//! the texts `serde_json` does, and reads numbers to the same values (`serde_json` without its
//! `float_roundtrip` feature: exact on Clinger's fast path, up to 15 significant digits and
//! exponents within ±22, within a unit or two in the last place elsewhere; integers beyond 64
//! bits are floats, except into `i128` and `u128`, which take any integer in their range), with
//! these differences:
//!
//! - decided: a struct is read from an object only, not also from an array as `serde_json`
//!   allows (no struct's `visit_seq` is then linked);
//! - [`Raw`] is its raw value, not `serde_json`'s `RawValue`.
//!
//! The payloads of events and hooks, and the `App`, are read on a page by one table-driven
//! reader of objects (crate-private, `fields.rs`) rather than their derived `Deserialize`,
//! which they keep for authors: the same values and errors, a fraction of the module's bytes.
//!
//! ```
//! #[derive(serde::Deserialize)]
//! struct Status { status: String, count: u32 }
//!
//! let status: Status = desk_runtime::json::from_str(r#"{"status": "Open", "count": 2}"#)?;
//! assert_eq!((status.status.as_str(), status.count), ("Open", 2));
//! # Ok::<(), desk_runtime::json::Error>(())
//! ```

mod de;
mod error;
mod fields;
pub(crate) mod members;
mod read;
pub(crate) mod write;

pub(crate) use de::Deserializer as Decoder;
pub use error::Error;
pub(crate) use fields::{Decode, MAX_FIELDS, Table, by_serde, decode, object, table, unread};
pub use serde_json::Value;

use serde::de::{Deserialize, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;

/// Decodes the JSON text `text` into a `T`.
///
/// # Errors
///
/// [`Error`] when `text` is not JSON, or not a `T`; [`Error::path`] says where.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    from_str_seed(text, std::marker::PhantomData)
}

/// Decodes `text` with a serde `seed`: [`from_str`] for a value that needs state to be read.
pub(crate) fn from_str_seed<'de, S: DeserializeSeed<'de>>(
    text: &'de str,
    seed: S,
) -> Result<S::Value, Error> {
    let mut deserializer = de::Deserializer::new(text);
    let value = seed.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// The name [`Raw`] asks the decoder for, which then hands over the value's text.
const RAW: &str = "$desk_runtime::json::Raw";

/// One JSON value kept as its text, to be decoded later into the type it turns out to be, or
/// never: what a widget that does not read it then links no decoder for.
///
/// It is read by [`from_str`] (every payload and answer); `serde_json` refuses it, and so
/// does serde's buffering of a value for `#[serde(flatten)]` and untagged or internally tagged
/// enums (as it refuses `serde_json`'s `RawValue`).
///
/// ```
/// use desk_runtime::json::{Raw, from_str};
///
/// #[derive(serde::Deserialize)]
/// struct Answer { value: Raw }
///
/// let answer: Answer = from_str(r#"{"value": {"greeting": "hello"}}"#)?;
/// assert_eq!(answer.value.get(), r#"{"greeting": "hello"}"#);
/// # Ok::<(), desk_runtime::json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Raw(Box<str>);

impl Raw {
    /// The value's JSON text, as it was sent.
    pub fn get(&self) -> &str {
        &self.0
    }

    /// The value decoded into a `T`.
    ///
    /// # Errors
    ///
    /// As [`from_str`]'s.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, Error> {
        from_str(&self.0)
    }
}

impl fmt::Debug for Raw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(RAW, RawVisitor)
    }
}

struct RawVisitor;

impl Visitor<'_> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON text (read by desk_runtime::json)")
    }

    fn visit_str<E>(self, text: &str) -> Result<Raw, E> {
        Ok(Raw(text.into()))
    }
}

/// Written as the JSON it holds.
impl Serialize for Raw {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = serde_json::value::RawValue::from_string(self.0.to_string())
            .map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

#[cfg(test)]
mod tests;
