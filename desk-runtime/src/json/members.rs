//! The members of a JSON object the host reads from Desk (the proxy's layers, the
//! configuration's items, the extension's widgets, a translation), each kept as its text: the
//! table reader of structs ([`super::object`]) with a slot of [`Raw`] text per name, where
//! serde's derive wrote one visitor per type, 1-2 KB each of a module that talks back
//! (BENCHMARKS.md section 5.6). Each member is then decoded by its own type.

use super::de::Deserializer;
use super::fields::{MAX_FIELDS, Slot, Table};
use super::{Error, Raw, object};

/// Reads the JSON object `json` into `found`: the text of the member named `names[i]` into
/// `found[i]`, `None` where there is none; other members are skipped.
///
/// # Errors
///
/// [`Error`] when `json` is not an object, or names a member twice (as serde's derive refuses
/// a duplicate field).
pub(crate) fn members<const N: usize>(
    json: &str,
    names: &[&str; N],
    found: &mut [Option<Raw>; N],
) -> Result<(), Error> {
    const { assert!(N <= MAX_FIELDS) };
    let table = Table {
        expecting: "an object",
        names,
        required: 0,
    };
    let mut slots = found.each_mut().map(|slot| slot as &mut dyn Slot);
    let mut de = Deserializer::new(json);
    object(&mut de, &table, &mut slots)?;
    de.end()
}

/// A member that is there and not `null`, as serde reads an `Option`.
pub(crate) fn present(member: Option<Raw>) -> Option<Raw> {
    member.filter(|raw| raw.get() != "null")
}
