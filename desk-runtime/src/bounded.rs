//! Error messages that may quote outside input, cut at [`LIMIT`] bytes.
//!
//! An error's message quotes what Desk, a service or a sender wrote: a proxy answer, a
//! `statusMessage`, a storage key, a wire path through an object's keys. Those go to
//! `console.error`, the page's `#errors` list and every error hook, so each error's `Display`
//! writes through [`write`]: whatever the input, a message is at most [`LIMIT`] bytes, cut on a
//! character boundary and ended with [`ELLIPSIS`]. Formatting stops at the cut: the rest of a
//! 10 MB answer is not read. Characters that reorder the text around them are not written.

use std::fmt::{self, Write};

/// The longest message, in bytes, the ellipsis of a cut one included.
pub(crate) const LIMIT: usize = 300;

/// What ends a message that was cut.
const ELLIPSIS: &str = "...";

/// Writes to `out` what `message` writes, at most [`LIMIT`] bytes of it: the `Display` of every
/// error that quotes outside input. A nested error, bounded itself, is cut again as part of the
/// whole.
pub(crate) fn write(
    out: &mut dyn Write,
    message: impl FnOnce(&mut dyn Write) -> fmt::Result,
) -> fmt::Result {
    let mut cut = Cut::default();
    let written = message(&mut cut);
    cut.finish(out, written)
}

/// What `message` writes, at most [`LIMIT`] bytes of it: for a message kept in an error's field.
pub(crate) fn string(message: fmt::Arguments<'_>) -> String {
    let mut text = String::new();
    // Fails only if a `Display` inside `message` fails: what it wrote until then is kept.
    let _ = write(&mut text, |out| out.write_fmt(message));
    text
}

/// `text`, or its first `limit` bytes (at a character's boundary) and `...`: for a name or a
/// message kept inside an error.
pub(crate) fn cut(text: &str, limit: usize) -> String {
    if text.len() <= limit {
        return text.to_owned();
    }
    // `is_char_boundary` and `get`, not `floor_char_boundary` and indexing, which link slicing
    // panics (and their messages) into every module.
    let end = (0..=limit)
        .rev()
        .find(|&end| text.is_char_boundary(end))
        .unwrap_or(0);
    format!("{}{ELLIPSIS}", text.get(..end).unwrap_or_default())
}

/// The message so far: up to [`LIMIT`] bytes, kept until the end so that a cut can take back
/// the bytes the ellipsis needs.
#[derive(Default)]
struct Cut {
    text: String,
    cut: bool,
}

/// The characters that reorder the text around them when shown (bidirectional embeddings,
/// overrides, isolates and marks): from Desk or a service, they could make a message read as
/// something else in the console (the "Trojan Source" trick). Written `U+FFFD` instead.
fn reorders(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl Write for Cut {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.cut {
            return Err(fmt::Error);
        }
        if text.chars().any(reorders) {
            let shown: String = text
                .chars()
                .map(|c| if reorders(c) { '\u{fffd}' } else { c })
                .collect();
            return self.write_str(&shown);
        }
        if self.text.len() + text.len() <= LIMIT {
            self.text.push_str(text);
            return Ok(());
        }
        // Over the limit: keep what fits before the ellipsis. `floor_char_boundary` and `get`
        // rather than indexing: no slicing panic, whose message links `char`'s `Debug`.
        let keep = LIMIT - ELLIPSIS.len();
        if self.text.len() > keep {
            self.text.truncate(self.text.floor_char_boundary(keep));
        } else {
            let room = keep - self.text.len();
            let head = text.get(..text.floor_char_boundary(room));
            self.text.push_str(head.unwrap_or_default());
        }
        self.text.push_str(ELLIPSIS);
        self.cut = true;
        // Stops the formatting: the rest of the input is not read.
        Err(fmt::Error)
    }
}

impl Cut {
    /// Writes the message to `out`, then passes on an error of the formatting unless it is the
    /// cut's own.
    fn finish(self, out: &mut dyn Write, written: fmt::Result) -> fmt::Result {
        out.write_str(&self.text)?;
        if self.cut { Ok(()) } else { written }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounded(pieces: &[&str]) -> String {
        let mut out = String::new();
        write(&mut out, |out| {
            pieces.iter().try_for_each(|p| out.write_str(p))
        })
        .unwrap();
        out
    }

    #[test]
    fn characters_that_reorder_the_text_are_not_written() {
        assert_eq!(
            bounded(&["key `", "a\u{202e}b\u{2066}c\u{200f}", "` refused"]),
            "key `a\u{fffd}b\u{fffd}c\u{fffd}` refused"
        );
        assert_eq!(
            bounded(&["\u{5d0} Hebrew and \u{627} Arabic"]),
            "\u{5d0} Hebrew and \u{627} Arabic"
        );
    }

    #[test]
    fn a_short_message_is_whole() {
        assert_eq!(bounded(&["bad `", "x", "` payload"]), "bad `x` payload");
        let full = "a".repeat(LIMIT);
        assert_eq!(bounded(&[&full]), full);
    }

    #[test]
    fn a_long_message_is_cut_with_an_ellipsis() {
        let long = "a".repeat(LIMIT + 1);
        let cut = bounded(&[&long]);
        assert_eq!(cut.len(), LIMIT);
        assert!(cut.ends_with("a..."));
        // Over the limit only with the piece after one that filled it: bytes are taken back.
        let cut = bounded(&[&"b".repeat(LIMIT - 1), "cc"]);
        assert_eq!(cut, format!("{}...", "b".repeat(LIMIT - 3)));
    }

    #[test]
    fn the_cut_is_on_a_character_boundary() {
        for offset in 0..4 {
            let text = format!("{}{}", "a".repeat(offset), "€".repeat(LIMIT));
            let cut = bounded(&[&text]);
            assert!(cut.len() <= LIMIT && cut.len() > LIMIT - 6, "{}", cut.len());
            assert!(cut.ends_with("€..."));
            // Taken back from a piece already written, too.
            let cut = bounded(&[&text[..offset + 3 * 99], &text[offset + 3 * 99..]]);
            assert!(cut.len() <= LIMIT && cut.ends_with("€..."));
        }
    }

    #[test]
    fn nested_messages_are_bounded_as_a_whole() {
        let inner = "i".repeat(LIMIT * 2);
        let mut out = String::new();
        write(&mut out, |out| {
            out.write_str("outer: ")?;
            write(out, |out| out.write_str(&inner))
        })
        .unwrap();
        assert_eq!(out.len(), LIMIT);
        assert!(out.starts_with("outer: iii") && out.ends_with("i..."));
    }

    #[test]
    fn a_failing_display_inside_fails() {
        struct Fails;
        impl fmt::Display for Fails {
            fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
                Err(fmt::Error)
            }
        }
        let mut out = String::new();
        assert!(write(&mut out, |out| write!(out, "x{Fails}")).is_err());
        assert_eq!(string(format_args!("x{Fails}y")), "x");
    }
}
