//! `cargo desk serve --record FILE`: the recording, in the format of `docs/recording.md`. A
//! header line, then the lines pages POST to [`super::inject::RECORD`], appended as they come.
//! Only the served origin may post, at most [`MAX_BODY`] bytes at a time, each line a JSON
//! object of a known `kind` naming its widget, location, page load and time; anything else is
//! refused
//! whole, with its status and why. A lone UTF-16 surrogate escaped in a line (`"\ud83d"`,
//! which JavaScript's `JSON.stringify` writes for half an emoji and `serde_json` refuses) is
//! replaced by U+FFFD, `"\ufffd"`, as a browser encodes one in UTF-8: the line is kept, and so
//! is every other line of its batch.

use crate::Error;
use serde_json::Value;
use std::borrow::Cow;
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

/// The recording format's version (`docs/recording.md`). Version 1 had no `load`: two loads
/// of one page could not be told apart.
pub const VERSION: u64 = 2;

/// The longest page load id a line may have, in bytes (the recorder writes 16 hex digits).
pub const MAX_LOAD: usize = 64;

/// The most a POST may carry, in bytes (more: 413).
pub const MAX_BODY: usize = 1024 * 1024;

/// The kinds of line a page reports.
pub const KINDS: [&str; 8] = [
    "app", "event", "call", "answer", "hook", "message", "modal", "click",
];

/// The file lines are appended to.
#[derive(Debug)]
pub struct Recording {
    file: Mutex<File>,
}

/// Why a POST was refused: its status and the reason, for the page's console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// `400 Bad Request`, ...
    pub status: &'static str,
    /// Why.
    pub reason: String,
}

impl Refused {
    fn new(status: &'static str, reason: impl Into<String>) -> Refused {
        Refused {
            status,
            reason: reason.into(),
        }
    }
}

impl Recording {
    /// Creates (or empties) `path` and writes the header line, naming the extension.
    ///
    /// # Errors
    ///
    /// The file cannot be written.
    pub fn create(path: &Path, extension: &str) -> Result<Recording, Error> {
        let mut file = File::create(path).map_err(|e| Error::io(path, &e))?;
        // By hand, to keep the fields in this order: what the file is comes first.
        let extension = Value::from(extension);
        let header = format!(
            r#"{{"recording":"desk-widgets","version":{VERSION},"extension":{extension}}}"#
        );
        writeln!(file, "{header}").map_err(|e| Error::io(path, &e))?;
        Ok(Recording {
            file: Mutex::new(file),
        })
    }

    /// Appends the lines of `body` (JSON lines, as the recorder sends them), all or none; how
    /// many were appended.
    ///
    /// # Errors
    ///
    /// A line is not a recording's (400), or the file cannot be written (500).
    pub fn append(&self, body: &[u8]) -> Result<usize, Refused> {
        let text = std::str::from_utf8(body)
            .map_err(|_| Refused::new("400 Bad Request", "the body is not UTF-8"))?;
        let lines: Vec<Cow<str>> = text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(well_formed)
            .collect();
        for (number, line) in lines.iter().enumerate() {
            check(line).map_err(|why| {
                Refused::new("400 Bad Request", format!("line {}: {why}", number + 1))
            })?;
        }
        let mut file = self
            .file
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut out = String::with_capacity(text.len());
        for line in &lines {
            out.push_str(line.trim());
            out.push('\n');
        }
        file.write_all(out.as_bytes())
            .and_then(|()| file.flush())
            .map_err(|e| Refused::new("500 Internal Server Error", e.to_string()))?;
        Ok(lines.len())
    }
}

/// `line` with each lone UTF-16 surrogate among its `\uXXXX` escapes (a high one not followed
/// by a low one, or a low one not after a high one) replaced by `\ufffd`: JSON allows them,
/// JavaScript's `JSON.stringify` writes them for a string cut inside a pair, and `serde_json`
/// refuses them. Borrowed when there is none.
fn well_formed(line: &str) -> Cow<'_, str> {
    /// The value of the `\uXXXX` escape at `at`, if there is one.
    fn escape(bytes: &[u8], at: usize) -> Option<u16> {
        let hex = bytes.get(at..at + 6)?.strip_prefix(b"\\u")?;
        u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
    }
    let bytes = line.as_bytes();
    let mut out: Option<String> = None;
    let (mut at, mut copied) = (0, 0);
    while at < bytes.len() {
        if bytes[at] != b'\\' {
            at += 1;
            continue;
        }
        let unpaired = match escape(bytes, at) {
            Some(0xD800..=0xDBFF) => {
                if matches!(escape(bytes, at + 6), Some(0xDC00..=0xDFFF)) {
                    at += 12;
                    continue;
                }
                true
            }
            Some(0xDC00..=0xDFFF) => true,
            Some(_) => false,
            // Another escape (`\\`, `\"`...): its two characters.
            None => {
                at += 2;
                continue;
            }
        };
        if unpaired {
            let out = out.get_or_insert_with(|| String::with_capacity(line.len()));
            out.push_str(&line[copied..at]);
            out.push_str("\\ufffd");
            copied = at + 6;
        }
        at += 6;
    }
    match out {
        None => Cow::Borrowed(line),
        Some(mut out) => {
            out.push_str(&line[copied..]);
            Cow::Owned(out)
        }
    }
}

/// What is wrong with a line, if anything: it must be a JSON object with a known `kind`, a
/// `widget` and a `location` (strings), its page load's id `load` (a string of 1 to
/// [`MAX_LOAD`] bytes) and a time `t` (a number).
fn check(line: &str) -> Result<(), String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let Some(object) = value.as_object() else {
        return Err("not a JSON object".to_owned());
    };
    let kind = object
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !KINDS.contains(&kind) {
        return Err(format!("`kind` is not one of {}", KINDS.join(", ")));
    }
    for field in ["widget", "location"] {
        if !object.get(field).is_some_and(Value::is_string) {
            return Err(format!("no `{field}` string"));
        }
    }
    let load = object.get("load").and_then(Value::as_str);
    if !load.is_some_and(|load| (1..=MAX_LOAD).contains(&load.len())) {
        return Err(format!(
            "no page load `load` (a string of 1 to {MAX_LOAD} bytes)"
        ));
    }
    if !object.get("t").is_some_and(Value::is_number) {
        return Err("no time `t`".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A recording to a fresh file, and the file (removed when dropped).
    fn recording(name: &str) -> (Recording, tempfile::NamedTempFile) {
        let file = tempfile::Builder::new()
            .prefix(&format!("cargo-desk-record-{name}-"))
            .suffix(".jsonl")
            .tempfile()
            .unwrap();
        (Recording::create(file.path(), "ext").unwrap(), file)
    }

    #[test]
    fn lines_are_appended_after_the_header() {
        let (recording, path) = recording("append");
        let line = r#"{"kind":"call","widget":"Call Bar","location":"desk.bottomband","load":"5f0c","t":1,"id":1,"call":"get","args":["user.fullName"]}"#;
        assert_eq!(
            recording.append(format!("{line}\n\n{line}\n").as_bytes()),
            Ok(2)
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let header = r#"{"recording":"desk-widgets","version":2,"extension":"ext"}"#;
        assert_eq!(text, format!("{header}\n{line}\n{line}\n"));
    }

    /// A click's text cut inside an emoji (the recorder once cut at 200 UTF-16 units): the
    /// half is replaced, the line and its batch kept.
    #[test]
    fn a_lone_surrogate_is_replaced_and_the_batch_kept() {
        let (recording, path) = recording("surrogate");
        let good = r#"{"kind":"click","widget":"W","location":"l","load":"a","t":2,"text":"ok"}"#;
        let cut =
            r#"{"kind":"click","widget":"W","location":"l","load":"a","t":3,"text":"a\ud83d"}"#;
        assert!(serde_json::from_str::<Value>(cut).is_err());
        assert_eq!(
            recording.append(format!("{good}\n{cut}\n{good}\n").as_bytes()),
            Ok(3)
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        let kept: Value = serde_json::from_str(lines[2]).unwrap();
        assert_eq!(kept["text"], "a\u{fffd}");
        for (line, expected) in [
            // A pair is kept, a lone low one replaced, an escaped backslash is no escape.
            (r#""\ud83d\ude00""#, r#""\ud83d\ude00""#),
            (r#""\ude00\ud83d""#, r#""\ufffd\ufffd""#),
            (r#""\\ud83d""#, r#""\\ud83d""#),
            (r#""\ud83d\n\ud83dx""#, r#""\ufffd\n\ufffdx""#),
            (r#""\ud83d\u0041""#, r#""\ufffd\u0041""#),
            (r#""x\ud8""#, r#""x\ud8""#),
        ] {
            assert_eq!(well_formed(line), expected, "{line}");
        }
    }

    #[test]
    fn a_batch_with_a_bad_line_is_refused_whole() {
        let (recording, path) = recording("refused");
        let good = r#"{"kind":"click","widget":"W","location":"l","load":"a","t":2}"#;
        let too_long = format!(
            r#"{{"kind":"click","widget":"W","location":"l","load":"{}","t":2}}"#,
            "a".repeat(MAX_LOAD + 1)
        );
        for (bad, why) in [
            ("[1]", "not a JSON object"),
            (
                r#"{"kind":"cal","widget":"W","location":"l","load":"a","t":2}"#,
                "`kind` is not",
            ),
            (
                r#"{"kind":"click","location":"l","load":"a","t":2}"#,
                "no `widget`",
            ),
            (
                r#"{"kind":"click","widget":"W","location":"l","load":"a"}"#,
                "no time",
            ),
            // A line of the format before page loads were told apart (version 1).
            (
                r#"{"kind":"click","widget":"W","location":"l","t":2}"#,
                "no page load `load`",
            ),
            (
                r#"{"kind":"click","widget":"W","location":"l","load":1,"t":2}"#,
                "no page load `load`",
            ),
            (
                r#"{"kind":"click","widget":"W","location":"l","load":"","t":2}"#,
                "no page load `load`",
            ),
            (too_long.as_str(), "no page load `load`"),
            ("{", "not JSON"),
        ] {
            let refused = recording
                .append(format!("{good}\n{bad}\n").as_bytes())
                .unwrap_err();
            assert_eq!(refused.status, "400 Bad Request");
            assert!(refused.reason.starts_with("line 2: "), "{refused:?}");
            assert!(refused.reason.contains(why), "{refused:?}");
        }
        assert_eq!(
            recording.append(b"\xff").unwrap_err().status,
            "400 Bad Request"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 1);
    }
}
