//! Structs read from a JSON object by a table of their fields, `(wire name, slot)`, rather
//! than by serde's derived visitors: the derive writes a field-identifier visitor and a map
//! visitor per struct, with every field's `Option` dropped on each error path (3,474 bytes of
//! the call bar's module for `CallProgress` alone). Here one reader walks every object
//! ([`object`]); what is left per struct is its table and the assembly of its value, and per
//! field type (`String`, `bool`, an enum) one small slot.
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

/// One field of a struct's table: its wire name, the slot its value is decoded into, and
/// whether the member must be there.
pub(crate) struct Field<'a> {
    pub(super) name: &'a str,
    pub(super) required: bool,
    pub(super) slot: &'a mut dyn Slot,
}

/// A field whose member may be absent (an `Option`, or a field with a default): its slot is
/// then left `None`.
pub(crate) fn optional<'a>(name: &'a str, slot: &'a mut dyn Slot) -> Field<'a> {
    Field {
        name,
        required: false,
        slot,
    }
}

/// A field whose member must be there: [`object`] refuses the object without it, with
/// serde's `missing field` error.
pub(crate) fn required<'a>(name: &'a str, slot: &'a mut dyn Slot) -> Field<'a> {
    Field {
        name,
        required: true,
        slot,
    }
}

/// Where a field's value goes: `None` until its member is read.
pub(crate) trait Slot {
    /// Whether the member was read already (a second one is a duplicate).
    fn filled(&self) -> bool;

    /// Decodes the member's value, which comes next in `de`.
    fn fill(&mut self, de: &mut Deserializer<'_>) -> Result<(), Error>;
}

impl<T: Decode> Slot for Option<T> {
    fn filled(&self) -> bool {
        self.is_some()
    }

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

/// [`Decode`] for a struct by its table: `required` fields (in their declaration order: the
/// first missing is the one reported), then the others, which take their default (`None` for
/// an `Option`) when their member is absent, each `field: "wireName"`; `expecting` as
/// [`object`]'s.
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
                $( let mut $required = None; )*
                $( let mut $default = None; )*
                $crate::json::object(de, $expecting, &mut [
                    $( $crate::json::required($required_name, &mut $required), )*
                    $( $crate::json::optional($default_name, &mut $default), )*
                ])?;
                // Every required slot is filled (`object` checked): taken out at once.
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

/// Reads the object that comes next in `de` into the slots of `table`, as serde's derived
/// visitor of a struct does (`expecting` is what its error for another value says is
/// expected: `struct Name`, or the struct's `#[serde(expecting)]`): then every [`required`]
/// slot is filled, and the others are `None` where their member is absent.
///
/// The struct's assembly ([`table!`]) then takes its required fields out of their slots at
/// once: one check, rather than an error path per field that drops every other (what made the
/// derive large).
///
/// # Errors
///
/// [`Error`] when the value is not an object, a member is named twice, a member's value is
/// not its field's (with the member's name in [`Error::path`]), or a required member is
/// missing (the first in the table's order, which is the struct's declaration order, as the
/// derive reports it, after the walk).
pub(crate) fn object(
    de: &mut Deserializer<'_>,
    expecting: &str,
    table: &mut [Field<'_>],
) -> Result<(), Error> {
    de.fields(expecting, table)?;
    match table
        .iter()
        .find(|field| field.required && !field.slot.filled())
    {
        Some(field) => Err(Error::missing(field.name)),
        None => Ok(()),
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
