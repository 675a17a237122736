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

/// `text` with each `{name}` of `values` replaced by its value.
fn fill(text: &str, values: &[(&str, &dyn fmt::Display)]) -> String {
    let mut filled = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        // `get`, not `split_at`: its panic's message links `char`'s `Debug` into the module.
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

#[cfg(test)]
mod tests {
    use super::*;

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
