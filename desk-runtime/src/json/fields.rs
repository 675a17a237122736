//! Structs read from a JSON object by a table of their fields' wire names, each with a slot
//! its value is decoded into, rather than by serde's derived visitors: the derive writes a
//! field-identifier visitor and a map visitor per struct, with every field's `Option` dropped
//! on each error path (3,474 bytes of the call bar's module for `CallProgress` alone). Here
//! one reader walks every object ([`object`]); what is left per struct is its table and the
//! assembly of its value ([`table!`]), and per field type (`String`, `bool`, an enum) one small
//! slot.
//!
//! What it decodes, it decodes as the derived `Deserialize` does through [`super::from_str`]:
//! the same value, or an error with the same message and path (the differential test in
//! `events/tests.rs` holds the two equal).

use super::de::Deserializer;
use super::{Error, Raw};

/// A type read by the page path's decoder without a visitor of its own: its payload decoder
/// (`Payload::decode`) is this, which links no derived `Deserialize`.
pub(crate) trait Decode: Sized {
    /// The value that comes next in `de`.
    fn decode(de: &mut Deserializer<'_>) -> Result<Self, Error>;
}

/// A struct's table (at most [`MAX_FIELDS`] fields): its fields' wire names, the required
/// ones first (in their declaration order: the first missing is the one reported, as the
/// derive reports it), and what its error for a value that is not an object says is expected
/// (`struct Name`, or the struct's `#[serde(expecting)]`). A `const` of the struct's
/// [`table!`]: per struct, only its slots are built when it is read.
pub(crate) struct Table<'a> {
    /// What is expected instead of another value.
    pub(crate) expecting: &'a str,
    /// The fields' wire names, in the order of the slots [`object`] is given.
    pub(crate) names: &'a [&'a str],
    /// How many of the first names must be there; the others may be absent.
    pub(crate) required: usize,
}

/// The most fields a [`Table`] may have: the reader keeps which it has read as the bits of a
/// `u64`.
pub(crate) const MAX_FIELDS: usize = 64;

/// Where a field's value goes: `None` until its member is read.
pub(crate) trait Slot {
    /// Decodes the member's value, which comes next in `de`.
    fn fill(&mut self, de: &mut Deserializer<'_>) -> Result<(), Error>;
}

impl<T: Decode> Slot for Option<T> {
    fn fill(&mut self, de: &mut Deserializer<'_>) -> Result<(), Error> {
        *self = Some(T::decode(de)?);
        Ok(())
    }
}

/// `null` is none, anything else the value: as serde reads an `Option`.
impl<T: Decode> Decode for Option<T> {
    fn decode(de: &mut Deserializer<'_>) -> Result<Self, Error> {
        if de.null()? {
            Ok(None)
        } else {
            T::decode(de).map(Some)
        }
    }
}

/// [`Decode`] for types that are read by their own `Deserialize`: strings, booleans, the
/// events' enums of strings. Their visitors are small and shared by every struct.
macro_rules! by_serde {
    ($($type:ty),* $(,)?) => {$(
        impl $crate::json::Decode for $type {
            fn decode(de: &mut $crate::json::Decoder<'_>) -> Result<Self, $crate::json::Error> {
                serde::Deserialize::deserialize(de)
            }
        }
    )*};
}
pub(crate) use by_serde;

by_serde!(String, bool, Raw, serde_json::Map<String, serde_json::Value>);

/// [`Decode`] for a struct by its table: `required` fields (in their declaration order),
/// then the others, which take their default (`None` for an `Option`) when their member is
/// absent, each `field: "wireName"`; `expecting` as [`Table`]'s.
///
/// ```ignore
/// json::table! {
///     Click2Call as "struct Click2Call",
///     required { context: "context" },
///     default { case_id: "caseId", contact_id: "contactId", activity_id: "activityId" },
/// }
/// ```
macro_rules! table {
    (
        $type:ident as $expecting:literal,
        required { $($required:ident: $required_name:literal),* $(,)? },
        default { $($default:ident: $default_name:literal),* $(,)? } $(,)?
    ) => {
        impl $crate::json::Decode for $type {
            fn decode(de: &mut $crate::json::Decoder<'_>) -> Result<Self, $crate::json::Error> {
                const REQUIRED: &[&str] = &[$($required_name),*];
                const TABLE: $crate::json::Table<'static> = $crate::json::Table {
                    expecting: $expecting,
                    names: &[$($required_name,)* $($default_name,)*],
                    required: REQUIRED.len(),
                };
                const { assert!(TABLE.names.len() <= $crate::json::MAX_FIELDS) };
                $( let mut $required = None; )*
                $( let mut $default = None; )*
                $crate::json::object(de, &TABLE, &mut [$(&mut $required,)* $(&mut $default,)*])?;
                // Every required slot is filled (`object` checked): taken out at once, rather
                // than with an error path per field that drops every other (what made the
                // derive large).
                #[allow(irrefutable_let_patterns)]
                let ($(Some($required),)*) = ($($required,)*) else {
                    return Err($crate::json::unread());
                };
                Ok($type {
                    $( $required, )*
                    $( $default: $default.unwrap_or_default(), )*
                })
            }
        }
    };
}
pub(crate) use table;

/// Reads the object that comes next in `de` into `slots`, one per name of `table`, as
/// serde's derived visitor of a struct does: then every required slot is filled, and the
/// others are `None` where their member is absent.
///
/// # Errors
///
/// [`Error`] when the value is not an object, a member is named twice, a member's value is
/// not its field's (with the member's name in [`Error::path`]), or a required member is
/// missing (the first in the table's order, reported after the walk as the derive does).
pub(crate) fn object(
    de: &mut Deserializer<'_>,
    table: &Table<'_>,
    slots: &mut [&mut dyn Slot],
) -> Result<(), Error> {
    let read = de.fields(table, slots)?;
    let required = 1u64
        .checked_shl(u32::try_from(table.required).unwrap_or(u32::MAX))
        .map_or(u64::MAX, |bit| bit - 1);
    match required & !read {
        0 => Ok(()),
        missing => {
            let first = missing.trailing_zeros() as usize;
            Err(Error::missing(
                table.names.get(first).copied().unwrap_or_default(),
            ))
        }
    }
}

/// The error of a struct's assembly for a required slot left empty, which [`object`] has
/// refused already: never returned, but an error rather than a panic.
#[cold]
#[inline(never)]
pub(crate) fn unread() -> Error {
    serde::de::Error::custom("a required field was not read")
}

/// Decodes the JSON text `text` into a `T` by its [`Decode`]: [`super::from_str`] without
/// serde's visitors for the structs.
///
/// # Errors
///
/// As [`super::from_str`]'s.
pub(crate) fn decode<T: Decode>(text: &str) -> Result<T, Error> {
    let mut de = Deserializer::new(text);
    let value = T::decode(&mut de)?;
    de.end()?;
    Ok(value)
}
