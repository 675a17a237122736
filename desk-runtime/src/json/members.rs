//! The members of a JSON object the host reads from Desk (the `App`, the proxy's layers, the
//! configuration's items, the extension's widgets), each kept as its text: one reader for them
//! all, where serde's derive wrote one visitor per type, 1-2 KB each of a module that talks
//! back (BENCHMARKS.md section 5.6). Each member is then decoded by its own type.

use super::{Error, Raw, from_str_seed};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::fmt;

/// Reads the JSON object `json` into `found`: the text of the member named `names[i]` into
/// `found[i]`, `None` where there is none; other members are skipped.
///
/// # Errors
///
/// [`Error`] when `json` is not an object, or names a member twice (as serde's derive refuses
/// a duplicate field).
pub(crate) fn members(json: &str, names: &[&str], found: &mut [Option<Raw>]) -> Result<(), Error> {
    from_str_seed(json, Members { names, found })
}

struct Members<'a, 'b> {
    names: &'a [&'a str],
    found: &'b mut [Option<Raw>],
}

impl<'de> DeserializeSeed<'de> for Members<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Members<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(index) = map.next_key_seed(KeyIn(self.names))? {
            match index.and_then(|index| self.found.get_mut(index).map(|slot| (index, slot))) {
                Some((index, slot)) => {
                    if slot.is_some() {
                        let name = self.names.get(index).copied().unwrap_or_default();
                        return Err(de::Error::custom(format_args!("duplicate field `{name}`")));
                    }
                    *slot = Some(map.next_value()?);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A key's index among the names looked for, if it is one.
struct KeyIn<'a>(&'a [&'a str]);

impl<'de> DeserializeSeed<'de> for KeyIn<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeyIn<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member's name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|name| *name == key))
    }
}

/// A member's value decoded into a `T`, or `T`'s default where there is none (serde's
/// `#[serde(default)]`).
///
/// # Errors
///
/// As [`Raw::decode`].
pub(crate) fn or_default<T: serde::de::DeserializeOwned + Default>(
    member: Option<Raw>,
) -> Result<T, Error> {
    member.map_or_else(|| Ok(T::default()), |raw| raw.decode())
}

/// A member that is there and not `null`, as serde reads an `Option`.
pub(crate) fn present(member: Option<Raw>) -> Option<Raw> {
    member.filter(|raw| raw.get() != "null")
}
