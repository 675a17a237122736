//! The extension's translations, checked at compile time and read at run time.
//!
//! `extension!` declares the locales (`locales: ["en", "fr"]`) and reads their files,
//! `translations/<locale>.json` in the crate (or the folder its `translations` key names,
//! relative to the file that declares the extension): each is one JSON object of strings, and
//! every locale must have every key with the same placeholders `{name}`, or the crate does not
//! compile. It generates `Translations`, with one method per key taking its placeholders'
//! values; an unused key is an unused method, which rustc warns of. Decision: no source
//! describes placeholders inside translation strings; they are written `{name}`, as Rust's
//! `format!` writes them.
//!
//! At run time the text is the `App`'s `localeResources` (the agent's locale, which Desk hands
//! over) and, for a key Desk did not hand over, the first locale's text, compiled in.

use crate::app::App;
use crate::json::Raw;
use crate::json::members::members;
use std::fmt;

/// One locale of the extension: its code and its translation file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    /// The locale's code, as the manifest's `locale` lists it (`en`, `fr`, ...).
    pub code: &'static str,
    /// `app/translations/<code>.json`, as the crate ships it.
    pub json: &'static str,
}

/// The texts Desk handed the widget for the agent's locale (`App.localeResources`): what the
/// generated `Translations` reads.
///
/// Kept as the JSON text Desk sent, each text read from it when asked for: a map built from
/// it was 2.6 KB of the module of a widget that translates (BENCHMARKS.md section 5.6), for a
/// handful of lookups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts(Option<Raw>);

impl Texts {
    /// The texts of the `App` the widget was loaded with; none when it has no
    /// `localeResources` (every text then falls back).
    pub fn of(app: &App) -> Self {
        Texts(app.locale_resources.clone())
    }

    /// The text of `key`, each `{name}` of `values` replaced by its value. `fallback` (the
    /// first locale's text) when Desk handed over no text for `key`: no `localeResources`,
    /// not an object, no string under `key`, or `key` twice. A placeholder without a value is
    /// left as it is.
    pub fn text(&self, key: &str, fallback: &str, values: &[(&str, &dyn fmt::Display)]) -> String {
        let text = self.0.as_ref().and_then(|texts| {
            let mut found = [None];
            members(texts.get(), &[key], &mut found).ok()?;
            let [text] = found;
            text?.decode::<String>().ok()
        });
        fill(text.as_deref().unwrap_or(fallback), values)
    }
}

/// `text` with each `{name}` of `values` replaced by its value: from each `{`, the text up
/// to the first `}` after it is the name; a `{` whose name has no value is kept, and the
/// search goes on from the character after it.
///
/// Linear in `text`: the first `}` after a `{` is the first `}` after every `{` before it too,
/// so it is searched for once, not from every `{` (a text of a million `{` and no `}`, which
/// `localeResources` may hold, would otherwise be scanned to its end a million times).
fn fill(text: &str, values: &[(&str, &dyn fmt::Display)]) -> String {
    let mut filled = String::with_capacity(text.len());
    // `text` is written up to `copied`; the next `{` is searched for from `from`.
    let (mut copied, mut from) = (0, 0);
    // The first `}` after the last `{` searched from (none: not searched yet).
    let mut close = None;
    while let Some(start) = next(text, from, '{') {
        let end = match close {
            Some(end) if end > start => end,
            // No `}` after this `{`: none after any later one, nothing more to fill.
            _ => match next(text, start + 1, '}') {
                Some(end) => *close.insert(end),
                None => break,
            },
        };
        // `get`, not indexing: a slicing panic's message links `char`'s `Debug` into the module.
        let value = text
            .get(start + 1..end)
            .and_then(|name| values.iter().find(|(n, _)| *n == name));
        if let Some((_, value)) = value {
            filled.push_str(text.get(copied..start).unwrap_or_default());
            filled.push_str(&value.to_string());
            copied = end + 1;
            from = end + 1;
        } else {
            from = start + 1;
        }
    }
    filled.push_str(text.get(copied..).unwrap_or_default());
    filled
}

/// Where `wanted` is next in `text`, from the byte `from` on.
fn next(text: &str, from: usize, wanted: char) -> Option<usize> {
    let found = text.get(from..)?.find(wanted).map(|at| from + at);
    #[cfg(test)]
    tests::SCANNED.with(|scanned| {
        scanned.set(scanned.get() + found.map_or(text.len(), |at| at + 1) - from);
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        /// The bytes [`next`] has searched on this thread.
        pub(super) static SCANNED: Cell<usize> = const { Cell::new(0) };
    }

    /// `fill` as it was, searching for a `}` from every `{`: quadratic, kept to compare with.
    fn fill_before(text: &str, values: &[(&str, &dyn fmt::Display)]) -> String {
        let mut filled = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            let (before, from) = (
                rest.get(..start).unwrap_or_default(),
                rest.get(start..).unwrap_or_default(),
            );
            filled.push_str(before);
            let value = from.find('}').and_then(|end| {
                let name = from.get(1..end)?;
                let (_, value) = values.iter().find(|(n, _)| *n == name)?;
                Some((end, value))
            });
            if let Some((end, value)) = value {
                filled.push_str(&value.to_string());
                rest = from.get(end + 1..).unwrap_or_default();
            } else {
                filled.push('{');
                rest = from.get(1..).unwrap_or_default();
            }
        }
        filled.push_str(rest);
        filled
    }

    /// Values whose names hold braces and nothing, as well as plain ones, and values that are
    /// braces themselves (which are not filled in again).
    const VALUES: [(&str, &dyn fmt::Display); 6] = [
        ("n", &3),
        ("ab", &"{n}"),
        ("", &"empty"),
        ("{n", &"brace"),
        ("a}", &"never"),
        ("é", &'}'),
    ];

    /// The same text as before on every text of up to seven characters among braces, letters
    /// of the names, and a two-byte one.
    #[test]
    fn fill_is_what_it_was_on_every_short_text() {
        const CHARACTERS: [char; 6] = ['{', '}', 'n', 'a', 'b', 'é'];
        let mut level = vec![String::new()];
        let mut count = 1;
        for _ in 0..7 {
            level = level
                .iter()
                .flat_map(|text| CHARACTERS.iter().map(move |c| format!("{text}{c}")))
                .collect();
            for text in &level {
                assert_eq!(fill(text, &VALUES), fill_before(text, &VALUES), "{text}");
                assert_eq!(fill(text, &[]), fill_before(text, &[]), "{text}");
            }
            count += level.len();
        }
        assert_eq!(count, (6usize.pow(8) - 1) / 5);
        let long = "{n}{{n}}{ab}é{a}{}}{{{n{n}".repeat(50);
        assert_eq!(fill(&long, &VALUES), fill_before(&long, &VALUES));
    }

    /// Each byte searched about once, whatever the braces: a megabyte of `{` is filled in one
    /// pass, not a million.
    #[test]
    fn fill_searches_each_byte_about_once() {
        let megabyte = 1 << 20;
        for text in [
            "{".repeat(megabyte),
            format!("{}}}", "{".repeat(megabyte)),
            "{a".repeat(megabyte / 2),
            "{}".repeat(megabyte / 2),
            "{n}".repeat(megabyte / 3),
            "}{".repeat(megabyte / 2),
        ] {
            SCANNED.with(|scanned| scanned.set(0));
            let filled = fill(&text, &VALUES);
            let scanned = SCANNED.with(Cell::get);
            assert!(
                scanned <= 2 * text.len() + 1,
                "{scanned} bytes searched for a text of {}",
                text.len()
            );
            assert!(filled.len() >= text.len() / 3);
        }
        assert_eq!(fill(&"{".repeat(megabyte), &[]), "{".repeat(megabyte));
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let texts = Texts(crate::json::from_str(r#"{"a": "{n} calls, {x}", "c": 1}"#).ok());
        assert_eq!(texts.text("a", "", &[("n", &3)]), "3 calls, {x}");
        // A text that is not a string falls back, alone.
        assert_eq!(texts.text("c", "c", &[]), "c");
        assert_eq!(
            texts.text("b", "fallback {n}", &[("n", &"é")]),
            "fallback é"
        );
        assert_eq!(texts.text("b", "{unclosed", &[]), "{unclosed");
    }

    #[test]
    fn texts_that_are_not_an_object_of_one_text_per_key_fall_back() {
        for json in [r#"["a"]"#, r#""a""#, r#"{"a": "x", "a": "y"}"#, "null"] {
            let texts = Texts(crate::json::from_str(json).ok());
            assert_eq!(texts.text("a", "fallback", &[]), "fallback", "{json}");
        }
        assert_eq!(Texts::default().text("a", "fallback", &[]), "fallback");
    }
}
