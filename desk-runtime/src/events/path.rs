//! The wire path of the field a payload failed at, read from where `serde_json` stopped.
//!
//! `serde_json` reports the line and column at which decoding failed; the keys and indices
//! that lead there are read off the text up to that point. Only the error path pays for it, and
//! unlike a path-tracking deserializer (`serde_path_to_error`) it does not compile every
//! payload type's decoder a second time: that was 23 KB of the example widget's WebAssembly module.

use serde_json::error::Category;

/// The wire path (`ticket.owner.agent.id`, `items[2]`) of the value `error` is about, in the
/// text `json` it came from; empty for the payload as a whole.
pub(crate) fn of(json: &str, error: &serde_json::Error) -> String {
    // A data error (a wrong type, a missing field) is about the value just read, the object
    // that lacks the field included; a syntax error about the object being read.
    let about_value = error.classify() == Category::Data;
    let mut end = offset(json, error.line(), error.column());
    if !about_value {
        // A syntax error's position counts the offending character: read what comes before it.
        end = json[..end]
            .char_indices()
            .next_back()
            .map_or(0, |(index, _)| index);
    }
    let mut levels: Vec<Level> = Vec::new();
    let mut text = &json[..end];
    while let Some(c) = text.chars().next() {
        text = &text[c.len_utf8()..];
        match c {
            '{' => levels.push(Level::Object(None)),
            '[' => levels.push(Level::Array(0)),
            '}' | ']' => {
                levels.pop();
            }
            ',' => match levels.last_mut() {
                Some(Level::Object(key)) => *key = None,
                Some(Level::Array(index)) => *index += 1,
                None => {}
            },
            '"' => {
                let (raw, rest) = string(text);
                text = rest;
                // A string read where an object expects a key is the key, until the next `,`.
                if let (Some(Level::Object(key @ None)), Some(':')) =
                    (levels.last_mut(), rest.trim_start().chars().next())
                {
                    *key = Some(decoded(raw));
                }
            }
            _ => {}
        }
    }
    let inner = levels.len().saturating_sub(usize::from(!about_value));
    let mut path = String::new();
    for level in &levels[..inner] {
        match level {
            Level::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Level::Object(None) => {}
            Level::Array(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// An object or array the failing value is in: the key or index being read.
enum Level {
    Object(Option<String>),
    Array(usize),
}

/// The byte offset of (`line`, `column`) as `serde_json` counts them: lines from 1, columns as
/// the bytes of the line read so far. Kept within `json`, whatever the numbers say.
fn offset(json: &str, line: usize, column: usize) -> usize {
    let line_start = match line {
        0 | 1 => 0,
        _ => json
            .match_indices('\n')
            .nth(line - 2)
            .map_or(json.len(), |(index, _)| index + 1),
    };
    json.floor_char_boundary(line_start.saturating_add(column).min(json.len()))
}

/// The string that starts after an opening `"` in `text`, as written (escapes and all), and
/// the text after its closing quote; a string cut short by the end of `text` ends there.
fn string(text: &str) -> (&str, &str) {
    let mut escaped = false;
    for (index, c) in text.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return (&text[..index], &text[index + 1..]),
            _ => escaped = false,
        }
    }
    (text, "")
}

/// A JSON string's content with its escapes decoded, or as written if they are malformed.
fn decoded(raw: &str) -> String {
    if raw.contains('\\') {
        serde_json::from_str(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_owned())
    } else {
        raw.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde::de::DeserializeOwned;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        id: u8,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        #[serde(rename = "a.b")]
        items: Vec<Inner>,
    }

    /// The path `of` gives for the error decoding `json` as `T`.
    fn path<T: DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let error = serde_json::from_str::<T>(json).expect_err("refused");
        super::of(json, &error)
    }

    #[test]
    fn a_wrong_type_is_named_down_to_its_field() {
        assert_eq!(
            path::<Outer>(r#"{"a.b": [{"id": 1}, {"id": "x"}]}"#),
            "a.b[1].id"
        );
        assert_eq!(path::<Outer>(r#"{"a.b": {"id": 1}}"#), "a.b");
        assert_eq!(path::<Outer>("[]"), "");
    }

    #[test]
    fn a_missing_field_names_the_object_that_lacks_it() {
        assert_eq!(
            path::<Outer>(r#"{"a.b": [{"id": 1}, {"other": 2}]}"#),
            "a.b[1]"
        );
        assert_eq!(path::<Outer>("{}"), "");
    }

    #[test]
    fn a_syntax_error_names_the_object_it_is_in() {
        assert_eq!(path::<Outer>(r#"{"a.b": [{"id": 1,}]}"#), "a.b[0]");
        assert_eq!(path::<Outer>(r#"{"a.b": [{"id" 1}]}"#), "a.b[0]");
    }

    #[test]
    fn keys_are_unescaped_and_lines_counted() {
        let json = "{\n  \"a\\u002eb\": [\n    {\"id\": true}\n  ]\n}";
        assert_eq!(path::<Outer>(json), "a.b[0].id");
        // A string value with a quote and a brace in it is not a key, nor structure.
        let json = r#"{"a.b": [{"note": "x\"}{", "id": -1}]}"#;
        assert_eq!(path::<Outer>(json), "a.b[0].id");
    }
}
