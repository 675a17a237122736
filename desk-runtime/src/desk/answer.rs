//! Reading the SDK's answers from their JSON text straight into what each call needs: a field's
//! value typed, the status as it was sent. Not through `serde_json::Value`, whose parser (its
//! `deserialize_any` and its map's insertions, 5-6 KB) a widget that talks back but sends no
//! request then does not hold (BENCHMARKS.md section 5.6); and by the host's one reader of
//! objects (`json::members`), not a visitor of its own.

use crate::bounded;
use crate::json::members::members;
use crate::json::{self, Raw};
use serde::de::DeserializeOwned;

/// The longest message of an error with a path, in bytes: the callers name the call before it
/// (`` `extension.config`: ``), and the error that holds it says what failed before that, within
/// its 300 bytes ([`bounded`]), so the path at its end is not cut off.
const MESSAGE_BYTES: usize = 200;

/// The longest path quoted, in bytes before its `...`: its keys are the sender's.
const PATH_BYTES: usize = 80;

/// The value under `name` in the JSON object `json`, decoded into a `T`: `None` when `json` is
/// not an object or has no `name`.
///
/// # Errors
///
/// The decoder's message when the value is not a `T`, the object is not JSON, or it names
/// `name` twice: where in the value, if not the value itself, ends it ([`message`]).
pub(crate) fn field<T: DeserializeOwned>(json: &str, name: &str) -> Result<Option<T>, String> {
    match raw_field(json, name)? {
        Some(value) => value.decode().map(Some).map_err(|error| message(&error)),
        None => Ok(None),
    }
}

/// [`field`]'s value as its text.
fn raw_field(json: &str, name: &str) -> Result<Option<Raw>, String> {
    if !json.trim_start().starts_with('{') {
        return Ok(None);
    }
    let mut found = [None];
    members(json, &[name], &mut found).map_err(|error| message(&error))?;
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
    json::from_str(text).map_err(|error| message(&error))
}

/// The decoder's message, and where it failed when that is inside the value: ``invalid type:
/// integer `5`, expected a string at `[2]` `` (as the error's `Debug` writes it). At most
/// [`MESSAGE_BYTES`] bytes with a path, the path cut at [`PATH_BYTES`] and the message before
/// it cut to make room; without one, the message as it is (at most 300 bytes).
pub(crate) fn message(error: &json::Error) -> String {
    let message = error.to_string();
    if error.path().is_empty() {
        return message;
    }
    let path = bounded::cut(error.path(), PATH_BYTES);
    // ` at ` and the path's two backquotes, and the message's `...` if it is cut.
    let room = MESSAGE_BYTES - path.len() - 6 - 3;
    let message = bounded::cut(&message, room);
    // Pushed, not `format!`: no formatting for three texts.
    let mut text = String::with_capacity(message.len() + path.len() + 6);
    text.push_str(&message);
    text.push_str(" at `");
    text.push_str(&path);
    text.push('`');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

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

    /// Where the value failed is kept, bounded however long its keys and its message are.
    #[test]
    fn an_error_inside_the_value_says_where() {
        let json = r#"{"n": [{}, {"x": 2}, {"x": "3"}]}"#;
        assert_eq!(
            field::<Vec<HashMap<String, u32>>>(json, "n"),
            Err(r#"invalid type: string "3", expected u32 at `[2].x`"#.to_owned())
        );
        assert_eq!(
            decode::<Vec<u8>>("[1, 2, 300]"),
            Err("invalid value: integer `300`, expected u8 at `[2]`".to_owned())
        );
        // Not JSON: the member where the answer stopped being JSON.
        assert_eq!(
            field::<u8>(r#"{"a": {"b": [1, }}"#, "a"),
            Err("expected value at `a`".to_owned())
        );
        // A long key and a long message: both cut, the path still at the end.
        let key = "k".repeat(10_000);
        let variants = "v".repeat(90);
        let json = format!(r#"{{"{key}": {{"{key}": "{variants}"}}}}"#);
        let error = decode::<HashMap<String, HashMap<String, u8>>>(&json).unwrap_err();
        assert!(error.len() <= MESSAGE_BYTES, "{} bytes", error.len());
        assert!(error.starts_with("invalid type: string \"vvv"), "{error}");
        assert!(
            error.ends_with(&format!(" at `{}...`", "k".repeat(80))),
            "{error}"
        );
        // Nothing to add at the top: the message as it was.
        assert_eq!(
            decode::<u8>("true"),
            Err("invalid type: boolean `true`, expected u8".to_owned())
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
