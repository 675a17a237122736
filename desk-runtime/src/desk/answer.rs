//! Reading the SDK's answers from their JSON text straight into what each call needs: a field's
//! value typed, the status as it was sent. Not through `serde_json::Value`, whose parser (its
//! `deserialize_any` and its map's insertions, 5-6 KB) a widget that talks back but sends no
//! request then does not hold (BENCHMARKS.md section 5.6); and by the host's one reader of
//! objects (`json::members`), not a visitor of its own.

use crate::json::members::members;
use crate::json::{self, Raw};
use serde::de::DeserializeOwned;

/// The value under `name` in the JSON object `json`, decoded into a `T`: `None` when `json` is
/// not an object or has no `name`.
///
/// # Errors
///
/// The decoder's message when the value is not a `T`, the object is not JSON, or it names
/// `name` twice.
pub(crate) fn field<T: DeserializeOwned>(json: &str, name: &str) -> Result<Option<T>, String> {
    match raw_field(json, name)? {
        Some(value) => value.decode().map(Some).map_err(|error| error.to_string()),
        None => Ok(None),
    }
}

/// [`field`]'s value as its text.
fn raw_field(json: &str, name: &str) -> Result<Option<Raw>, String> {
    if !json.trim_start().starts_with('{') {
        return Ok(None);
    }
    let mut found = [None];
    members(json, &[name], &mut found).map_err(|error| error.to_string())?;
    let [value] = found;
    Ok(value)
}

/// Whether the answer `json` says it failed: it has a `status`, and that is not `"success"`.
/// Decision (unchanged): an answer without a status is a success. Decision: an object whose
/// status cannot be read (given twice, or not JSON) is a refusal, not a success.
pub(crate) fn refused(json: &str) -> bool {
    match raw_field(json, "status") {
        Ok(None) => false,
        Ok(Some(status)) => status.get() != r#""success""#,
        Err(_) => true,
    }
}

/// `text` decoded into a `T`, the error as [`field`]'s.
pub(crate) fn decode<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    json::from_str(text).map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // A field named twice is no answer: which one Desk meant is unknown.
        assert_eq!(
            field::<String>(r#"{"a": "1", "a": "2"}"#, "a"),
            Err("duplicate field `a`".to_owned())
        );
    }

    #[test]
    fn only_a_status_other_than_success_is_a_refusal() {
        assert!(!refused(r#"{"status": "success", "x": 1}"#));
        assert!(!refused(r#"{"x": 1}"#));
        assert!(!refused("true"));
        assert!(refused(r#"{"status": "failure"}"#));
        assert!(refused(r#"{"status": 500}"#));
        assert!(refused(r#"{"status": "success", "status": "failure"}"#));
        assert!(refused(r#"{"status": "success""#));
    }
}
