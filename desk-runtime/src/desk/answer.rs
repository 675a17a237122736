//! Reading the SDK's answers from their JSON text straight into what each call needs: a field's
//! value typed, the status as it was sent. Not through `serde_json::Value`, whose parser (its
//! `deserialize_any` and its map's insertions, 5-6 KB) a widget that talks back but sends no
//! request then does not hold (BENCHMARKS.md section 5.6).

use crate::json::{self, Raw};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor,
};
use std::fmt;
use std::marker::PhantomData;

/// The value under `name` in the JSON object `json`, decoded into a `T`: `None` when `json` is
/// not an object or has no `name`.
///
/// # Errors
///
/// The decoder's message when the value is not a `T` (or the object is not JSON).
pub(crate) fn field<T: DeserializeOwned>(json: &str, name: &str) -> Result<Option<T>, String> {
    match raw_field(json, name)? {
        Some(value) => value.decode().map(Some).map_err(|error| error.to_string()),
        None => Ok(None),
    }
}

/// [`field`]'s value as its text: one reader of objects for every type a field is read as,
/// which then decodes the value alone.
fn raw_field(json: &str, name: &str) -> Result<Option<Raw>, String> {
    if !json.trim_start().starts_with('{') {
        return Ok(None);
    }
    json::from_str_seed(
        json,
        Field {
            name,
            value: PhantomData,
        },
    )
    .map_err(|error| error.to_string())
}

/// Whether the answer `json` says it failed: it has a `status`, and that is not `"success"`.
/// Decision (unchanged): an answer without a status is a success.
pub(crate) fn refused(json: &str) -> bool {
    matches!(
        raw_field(json, "status"),
        Ok(Some(status)) if status.get() != r#""success""#
    )
}

/// `text` decoded into a `T`, the error as [`field`]'s.
pub(crate) fn decode<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    json::from_str(text).map_err(|error| error.to_string())
}

/// The visitor of the object that has the field `name`.
struct Field<'a, T> {
    name: &'a str,
    value: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Field<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Field<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with `{}`", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let mut value = None;
        while let Some(is_name) = map.next_key_seed(KeyIs(self.name))? {
            if is_name && value.is_none() {
                value = Some(map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(value)
    }
}

/// A map's key compared with `self.0`, not kept.
struct KeyIs<'a>(&'a str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::StrDeserializer;

    #[test]
    fn a_field_is_found_typed_and_the_rest_skipped() {
        let json = r#"{"status": "success", "ticket.email": "a@b.c", "n": [1, {"x": 2}]}"#;
        assert_eq!(
            field::<String>(json, "ticket.email"),
            Ok(Some("a@b.c".to_owned()))
        );
        assert_eq!(
            field::<Vec<serde_json::Value>>(json, "n")
                .unwrap()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(field::<String>(json, "ticket.id"), Ok(None));
        assert_eq!(field::<bool>("true", "result"), Ok(None));
        assert_eq!(
            field::<u32>(r#"{"n": "x"}"#, "n"),
            Err("invalid type: string \"x\", expected u32".to_owned())
        );
        let key: Result<bool, de::value::Error> = KeyIs("k").deserialize(StrDeserializer::new("k"));
        assert_eq!(key, Ok(true));
    }

    #[test]
    fn only_a_status_other_than_success_is_a_refusal() {
        assert!(!refused(r#"{"status": "success", "x": 1}"#));
        assert!(!refused(r#"{"x": 1}"#));
        assert!(!refused("true"));
        assert!(refused(r#"{"status": "failure"}"#));
        assert!(refused(r#"{"status": 500}"#));
    }
}
