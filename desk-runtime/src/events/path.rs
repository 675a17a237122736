//! The wire path of the field a payload failed at, read from where `serde_json` stopped.
//!
//! `serde_json` reports the line and column at which decoding failed; the keys and indices
//! that lead there are read off the text up to that point. Only the error path pays for it, and
//! unlike a path-tracking deserializer (`serde_path_to_error`) it does not compile every
//! payload type's decoder a second time: that was 27 KB of each WebAssembly widget.

use serde_json::error::Category;

/// The wire path (`ticket.owner.agent.id`, `items[2]`) of the value `error` is about, in the
/// text `json` it came from; empty for the payload as a whole.
pub(crate) fn of(json: &str, error: &serde_json::Error) -> String {
    // A data error (a wrong type, a missing field) is about the value just read, the object
    // that lacks the field included; a syntax error about the object being read.
    let about_value = error.classify() == Category::Data;
    let mut levels: Vec<Level> = Vec::new();
    let mut text = &json[..offset(json, error.line(), error.column())];
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
                let (string, rest) = string(text);
                text = rest;
                // A string read where an object expects a key is the key, until the next `,`.
                if let (Some(Level::Object(key @ None)), Some(':')) =
                    (levels.last_mut(), rest.trim_start().chars().next())
                {
                    *key = Some(string);
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

/// The string that starts after an opening `"` in `text`, and the text after its closing
/// quote; a string cut short by the end of `text` ends there.
fn string(text: &str) -> (String, &str) {
    let mut escaped = false;
    for (index, c) in text.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return (decoded(&text[..index]), &text[index + 1..]),
            _ => escaped = false,
        }
    }
    (decoded(text), "")
}

/// A JSON string's content with its escapes decoded, or as written if they are malformed.
fn decoded(raw: &str) -> String {
    if raw.contains('\\') {
        serde_json::from_str(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_owned())
    } else {
        raw.to_owned()
    }
}
