//! `extension!`'s `locales`: the translation files read at compile time, checked against each
//! other, and the `Translations` type with one method per key.
//!
//! Each locale is a code of the toolkit's list and has a file `<dir>/<code>.json`, one JSON
//! object of strings. Every locale has every key, with the same placeholders `{name}`; `en`
//! is among them (the toolkit's rule: its default locale). The first locale's text is the
//! fallback compiled into each method. A placeholder is a Rust name alone between braces, as
//! the runtime fills it: `{ name }`, which it would leave as written, is refused.

use crate::errors::Errors;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use syn::{Ident, LitStr};

/// The toolkit's locale codes (`zet validate` refuses others).
const LOCALE_CODES: [&str; 22] = [
    "en", "ja", "zh", "tw", "es", "de", "fr", "tr", "ru", "pt", "it", "nl", "da", "pl", "sv", "id",
    "hi", "ro", "ta", "te", "he", "ar",
];

/// The translations, checked: each locale's file, and each key of them all.
#[derive(Default)]
pub(crate) struct Translations {
    /// Each locale's code and its file's path, in declaration order.
    pub locales: Vec<(LitStr, String)>,
    keys: Vec<Text>,
}

struct Text {
    key: String,
    method: Ident,
    placeholders: Vec<Ident>,
    fallback: String,
}

/// Reads and checks the files of `locales` in `dir` (relative to the directory of `source`,
/// the file declaring the extension, as `include_str!` resolves; without `dir`, the crate's
/// `translations/`).
pub(crate) fn read(
    locales: &[LitStr],
    dir: Option<&LitStr>,
    source: Option<&Path>,
    errors: &mut Errors,
) -> Translations {
    let dir = folder(dir, source);
    let mut translations = Translations::default();
    let mut files: Vec<(&LitStr, Map<String, Value>)> = Vec::new();
    for (index, locale) in locales.iter().enumerate() {
        let code = locale.value();
        if !LOCALE_CODES.contains(&code.as_str()) {
            errors.push(syn::Error::new(
                locale.span(),
                format!(
                    "unknown locale `{code}`: the toolkit's are `{}`",
                    LOCALE_CODES.join("`, `")
                ),
            ));
            continue;
        }
        if locales[..index].iter().any(|l| l.value() == code) {
            errors.push(syn::Error::new(
                locale.span(),
                format!("`{code}` is given twice"),
            ));
            continue;
        }
        // Absolute: `include_str!` resolves a relative path from the declaring file, rustc's
        // `local_file` gives it from rustc's directory.
        let path = dir.join(format!("{code}.json"));
        let path = std::path::absolute(&path).unwrap_or(path);
        match file(&path) {
            Ok(texts) => {
                translations
                    .locales
                    .push((locale.clone(), path.display().to_string()));
                files.push((locale, texts));
            }
            Err(why) => errors.push(syn::Error::new(locale.span(), why)),
        }
    }
    if !locales.is_empty() && !locales.iter().any(|l| l.value() == "en") {
        errors.push(syn::Error::new(
            locales[0].span(),
            "the locales include `en`: the toolkit's default locale",
        ));
    }
    translations.keys = keys(&files, errors);
    translations
}

fn folder(dir: Option<&LitStr>, source: Option<&Path>) -> PathBuf {
    let crate_dir = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from);
    match dir {
        Some(dir) => source
            .and_then(Path::parent)
            .map_or(crate_dir, Path::to_path_buf)
            .join(dir.value()),
        None => crate_dir.join("translations"),
    }
}

/// A translation file: one JSON object of strings.
fn file(path: &Path) -> Result<Map<String, Value>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read `{}`: {error}", path.display()))?;
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(texts)) if texts.values().all(Value::is_string) => match twice(&text) {
            Some(key) => Err(format!(
                "`{}` has the key `{key}` twice: a text once per key",
                path.display()
            )),
            None => Ok(texts),
        },
        Ok(_) => Err(format!(
            "`{}` is not one JSON object of strings",
            path.display()
        )),
        Err(error) => Err(format!("`{}` is not JSON: {error}", path.display())),
    }
}

/// A key the JSON object `json` (valid, one object of strings) has more than once, if any:
/// `serde_json`'s map keeps the last, and Desk may read the first.
fn twice(json: &str) -> Option<String> {
    let mut keys = std::collections::HashSet::new();
    let mut chars = json.char_indices();
    // Outside strings, the object's members are `"key": "text"` pairs: every other string
    // starting with the first is a key.
    let mut is_key = true;
    while let Some((start, c)) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut end = start;
        while let Some((at, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    end = at;
                    break;
                }
                _ => {}
            }
        }
        if is_key {
            let key: String = serde_json::from_str(json.get(start..=end)?).ok()?;
            if !keys.insert(key.clone()) {
                return Some(key);
            }
        }
        is_key = !is_key;
    }
    None
}

/// Every key of every file, each in all of them with the same placeholders.
fn keys(files: &[(&LitStr, Map<String, Value>)], errors: &mut Errors) -> Vec<Text> {
    let Some((first, fallback)) = files.first() else {
        return Vec::new();
    };
    let mut all: Vec<&String> = files.iter().flat_map(|(_, texts)| texts.keys()).collect();
    all.sort();
    all.dedup();
    for key in all {
        for (locale, _) in files.iter().filter(|(_, texts)| !texts.contains_key(key)) {
            errors.push(syn::Error::new(
                locale.span(),
                format!("the key `{key}` is missing from `{}`", locale.value()),
            ));
        }
    }
    // A placeholder written `{ name }` is never filled (the runtime fills `{name}` exactly):
    // reported at its locale, then compared and made a parameter as the name it spells, so
    // that nothing more is reported.
    for (locale, texts) in files {
        for (key, text) in texts {
            if let Some((written, name)) = text.as_str().and_then(misspelt) {
                errors.push(syn::Error::new(
                    locale.span(),
                    format!(
                        "the key `{key}` of `{}` has the placeholder `{{{written}}}`, which is \
                         never filled: write `{{{name}}}`, the name alone between the braces",
                        locale.value()
                    ),
                ));
            }
        }
    }
    let mut keys: Vec<Text> = Vec::new();
    for (key, text) in fallback {
        let text = text.as_str().unwrap_or_default();
        let names = placeholders(text);
        for (locale, texts) in &files[1..] {
            let other = texts.get(key).and_then(Value::as_str);
            if let Some(other) = other.filter(|other| !same(placeholders(other), names.clone())) {
                errors.push(syn::Error::new(
                    locale.span(),
                    format!(
                        "the key `{key}` has the placeholders {} in `{}` but {} in `{}`",
                        list(&names),
                        first.value(),
                        list(&placeholders(other)),
                        locale.value()
                    ),
                ));
            }
        }
        // Spanned at the first locale, in the user's code: rustc then reports a method (a
        // key) nothing calls as dead code there, which it does not for the macro's own tokens.
        let method = method(key).map(|mut method| {
            method.set_span(first.span());
            method
        });
        let idents: Option<Vec<Ident>> = names.iter().map(|name| rust_name(name)).collect();
        match (method, idents) {
            (Some(method), Some(placeholders))
                if !keys.iter().any(|k| k.method == method)
                    && !TAKEN.iter().any(|taken| method == taken) =>
            {
                keys.push(Text {
                    key: key.clone(),
                    method,
                    placeholders,
                    fallback: text.to_owned(),
                });
            }
            (Some(method), Some(_)) if TAKEN.iter().any(|taken| method == taken) => {
                errors.push(syn::Error::new(
                    first.span(),
                    format!(
                        "the key `{key}` would make the method `{method}`, which `Translations` \
                         has already (its own, or from `Clone`, `Debug`, `Default` and every \
                         type's traits): rename the key"
                    ),
                ));
            }
            _ => errors.push(syn::Error::new(
                first.span(),
                format!(
                    "the key `{key}` makes no method of its own: a key is letters, digits, `.` \
                     and `_`, unique once `.` is `_`, its placeholders Rust names"
                ),
            )),
        }
    }
    keys
}

/// What is written between each `{` and the next `}` of a text (not empty, no `{` in it): the
/// runtime (`desk_runtime::i18n`) fills each that is a placeholder's name exactly.
fn written(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.is_empty())
}

/// The Rust name `written` is, exactly (no spaces around it, not a raw `r#name`): a method's
/// parameter, and the name the runtime fills.
fn rust_name(written: &str) -> Option<Ident> {
    syn::parse_str::<Ident>(written)
        .ok()
        .filter(|ident| ident == written && !written.starts_with("r#"))
}

/// The name a placeholder spells: `{ name }` spells `name` (and is reported by `misspelt`);
/// what spells no name is kept as written (and reported as no Rust name).
fn spelt(written: &str) -> String {
    match syn::parse_str::<Ident>(written) {
        Ok(ident) if !ident.to_string().starts_with("r#") => ident.to_string(),
        _ => written.to_owned(),
    }
}

/// The first placeholder of a text that spells a name without being it, `{ name }`: as
/// written, and the name.
fn misspelt(text: &str) -> Option<(&str, String)> {
    written(text).find_map(|written| {
        let name = spelt(written);
        (name != written && rust_name(&name).is_some()).then_some((written, name))
    })
}

/// The placeholders `{name}` of a text, each once, in the order they first appear: the order
/// of the method's parameters. `{ name }` is `name`.
fn placeholders(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in written(text).map(spelt) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Whether two texts have the same placeholders, in any order.
fn same(mut one: Vec<String>, mut other: Vec<String>) -> bool {
    one.sort();
    other.sort();
    one == other
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "none".to_owned()
    } else {
        format!("`{{{}}}`", names.join("}`, `{"))
    }
}

/// The methods `Translations` has besides its keys': its constructor, its derives' and those
/// every type has. A key's method of one of these names would shadow it (`text.clone()` a
/// `String`) or clash with it.
const TAKEN: [&str; 14] = [
    "of",
    "clone",
    "clone_from",
    "fmt",
    "default",
    "to_owned",
    "clone_into",
    "borrow",
    "borrow_mut",
    "into",
    "try_into",
    "from",
    "try_from",
    "type_id",
];

/// A key's method: `calls.taken` is `calls_taken`.
fn method(key: &str) -> Option<Ident> {
    let name: String = key
        .chars()
        .map(|c| {
            if c == '.' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    syn::parse_str::<Ident>(&name).ok()
}

/// `Translations`, and each locale's file read into the extension (which also rebuilds the
/// crate when one changes).
pub(crate) fn expand(translations: &Translations) -> (TokenStream, TokenStream) {
    let locales = translations.locales.iter().map(|(code, path)| {
        quote!(::desk_runtime::i18n::Locale { code: #code, json: ::core::include_str!(#path) })
    });
    let methods = translations.keys.iter().map(|key| {
        let Text {
            key,
            method,
            placeholders,
            fallback,
        } = key;
        let doc = format!("`{key}`: \"{fallback}\"");
        let names = placeholders.iter().map(Ident::to_string);
        // The platform's own key (the extension's name, shown by Desk): no warning when unused.
        let platform = (key == "extension.name").then(|| quote!(#[allow(dead_code)]));
        // Spanned at the user's tokens (the first locale), as the method's name: rustc reports
        // dead code in the user's code only, and an unused key is to be reported.
        quote_spanned! {method.span()=>
            #[doc = #doc]
            #platform
            pub(crate) fn #method(&self, #(#placeholders: impl ::core::fmt::Display),*) -> ::std::string::String {
                self.0.text(#key, #fallback, &[#((#names, &#placeholders)),*])
            }
        }
    });
    let ty = format_ident!("Translations", span = Span::call_site());
    let generated = (!translations.locales.is_empty()).then(|| {
        quote! {
            /// The extension's translations, one method per key, checked against every locale
            /// at compile time: the agent's locale's text, or the first locale's.
            #[derive(Debug, Clone, Default)]
            pub struct #ty(::desk_runtime::i18n::Texts);

            impl #ty {
                /// The texts of the agent's locale, as Desk handed them to the widget.
                pub fn of(app: &::desk_runtime::App) -> Self {
                    #ty(::desk_runtime::i18n::Texts::of(app))
                }
                #(#methods)*
            }
        }
    });
    (quote!(&[#(#locales),*]), quote!(#generated))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_whose_method_translations_has_already_is_refused() {
        for (key, refused) in [
            ("clone", true),
            ("of", true),
            ("Into", true),
            ("clones", false),
        ] {
            let file = Map::from_iter([(key.to_owned(), Value::from("text"))]);
            let locale = LitStr::new("en", proc_macro2::Span::call_site());
            let mut errors = Errors::default();
            let keys = keys(&[(&locale, file)], &mut errors);
            assert_eq!(errors.len(), usize::from(refused), "{key}");
            assert_eq!(keys.is_empty(), refused, "{key}");
        }
    }

    #[test]
    fn a_key_given_twice_is_found_however_it_is_written() {
        assert_eq!(twice(r#"{"a": "x", "b": "a"}"#), None);
        assert_eq!(
            twice(r#"{"a": "x", "b": "y", "a": "z"}"#),
            Some("a".to_owned())
        );
        // The same key escaped, and escapes that are no quote's end.
        assert_eq!(
            twice(r#"{"a\"b": "\"", "x": "a\\", "\u0061\"b": ""}"#),
            Some("a\"b".to_owned())
        );
        assert_eq!(twice(r#"{"k\\": "v", "k": "v"}"#), None);
        assert_eq!(twice("{}"), None);
    }

    #[test]
    fn a_placeholder_is_the_name_alone_between_braces() {
        assert_eq!(
            placeholders("{count} calls by {agent}, {count}"),
            ["count", "agent"]
        );
        assert_eq!(misspelt("{count} calls by {agent}"), None);
        // As the runtime reads them: up to the first `}`, from the last `{` before it.
        assert_eq!(placeholders("{{n}} {a{b} {} {unclosed"), ["n", "b"]);
        assert_eq!(misspelt("{{n}} {a{b} {}"), None);
    }

    #[test]
    fn a_placeholder_with_spaces_is_misspelt_and_counts_as_its_name() {
        assert_eq!(
            misspelt("Hello { name }!"),
            Some((" name ", "name".to_owned()))
        );
        assert_eq!(
            misspelt("Hello {name }!"),
            Some(("name ", "name".to_owned()))
        );
        assert_eq!(
            misspelt("{\tname\n}"),
            Some(("\tname\n", "name".to_owned()))
        );
        // Once, so that the method has one parameter `n`.
        assert_eq!(placeholders("{n} calls, { n } total"), ["n"]);
        assert_eq!(
            misspelt("{n} calls, { n } total"),
            Some((" n ", "n".to_owned()))
        );
    }

    #[test]
    fn a_placeholder_that_is_no_rust_name_makes_no_parameter() {
        for text in ["{0}", "{a b}", "{r#type}", "{type}", "{ }", "{self}", "{_}"] {
            assert_eq!(misspelt(text), None, "{text}");
            let names = placeholders(text);
            assert!(names.iter().any(|name| rust_name(name).is_none()), "{text}");
        }
    }
}
