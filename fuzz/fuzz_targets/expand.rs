//! Fuzzes `desk_codegen::desk_widget` and `desk_codegen::on`, the code behind the widget
//! macros: no input may panic them, and their output must be what the macro promises.
//!
//! The first byte picks a mode:
//!
//! - even: raw. The rest is text (lossy UTF-8) split at its first NUL into the attribute's
//!   arguments and the item, each lexed with `TokenStream::from_str` (inputs that do not lex
//!   are skipped: rustc would refuse them before any macro runs). Checks: an inherent impl
//!   block expands to Rust (`syn::File`); anything else comes back as `compile_error!`s then
//!   the item token for token; `#[on]` alone gives one error then the item.
//! - odd: structured. The bytes choose a catalog location and up to eight handlers (catalog
//!   events, handler signatures, `unchecked`), then edit the names (insert, delete, replace,
//!   swap, case flip, truncate; odd Unicode among the characters), so that the fuzzer spends
//!   its time in validation rather than in the lexer. Checks: the output is Rust, has an error
//!   exactly when the catalog and the handler rules refuse something, and subscribes exactly
//!   the accepted handlers, in order.
//!
//! Run: `cargo +nightly fuzz run expand` from the repository or `fuzz/`.

#![no_main]

#[path = "../../desk-codegen/tests/support/blank.rs"]
mod blank;
#[path = "../../desk-codegen/tests/support/name_edit.rs"]
mod name_edit;

use blank::blank;
use desk_catalog::{EVENTS, EventError, FormModule, LOCATIONS};
use libfuzzer_sys::fuzz_target;
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::{format_ident, quote};
use std::str::FromStr;

fuzz_target!(|data: &[u8]| {
    match data.split_first() {
        Some((mode, rest)) if mode % 2 == 1 => structured(rest),
        Some((_, rest)) => raw(rest),
        None => {}
    }
});

// ---------------------------------------------------------------------------------------------
// Raw mode
// ---------------------------------------------------------------------------------------------

fn raw(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (args, item) = text.split_once('\0').unwrap_or(("", &text));
    let (Ok(args), Ok(item)) = (TokenStream::from_str(args), TokenStream::from_str(item)) else {
        return;
    };
    expand(&args, &item);
    let output = desk_codegen::on(args, item.clone());
    assert_eq!(
        check_kept(&output, &item),
        1,
        "`#[on]` outside a widget: one error"
    );
}

/// Expands and checks what every input must give; returns the parsed output for a widget.
fn expand(args: &TokenStream, item: &TokenStream) -> Option<syn::File> {
    let output = desk_codegen::desk_widget(args.clone(), item.clone());
    if is_inherent_impl(item) {
        return match syn::parse2::<syn::File>(output.clone()) {
            Ok(file) => Some(file),
            Err(error) => panic!("the expansion is not Rust ({error}):\n{output}"),
        };
    }
    if refusal(&output, item).is_some_and(|errors| errors >= 1) {
        return None;
    }
    // The macro does not read method bodies: an impl block whose bodies are not Rust, when
    // not refused, expands exactly as the same block with empty bodies.
    let blank_item = blank(item);
    assert!(
        is_inherent_impl(&blank_item),
        "an unusable item without an error:\n{output}"
    );
    let reference = desk_codegen::desk_widget(args.clone(), blank_item);
    assert_eq!(
        blank(&output).to_string(),
        blank(&reference).to_string(),
        "method bodies changed the expansion"
    );
    None
}

fn is_inherent_impl(item: &TokenStream) -> bool {
    matches!(syn::parse2::<syn::Item>(item.clone()), Ok(syn::Item::Impl(block)) if block.trait_.is_none())
}

/// Checks that `output` is `compile_error!`s followed by `item` as it was; returns how many.
fn check_kept(output: &TokenStream, item: &TokenStream) -> usize {
    refusal(output, item).unwrap_or_else(|| {
        panic!("not `compile_error!`s then the item as it was:\n{output}\nitem:\n{item}")
    })
}

/// How many `compile_error!`s `output` has before `item` as it was, if that is what it is.
fn refusal(output: &TokenStream, item: &TokenStream) -> Option<usize> {
    const ERROR_LEN: usize = 8; // `:: core :: compile_error ! { "..." }`
    let output: Vec<TokenTree> = output.clone().into_iter().collect();
    let item: Vec<TokenTree> = item.clone().into_iter().collect();
    let split = output.len().checked_sub(item.len())?;
    let (errors, kept) = output.split_at(split);
    let same = |a: &[TokenTree], b: &[TokenTree]| {
        a.iter().cloned().collect::<TokenStream>().to_string()
            == b.iter().cloned().collect::<TokenStream>().to_string()
    };
    let is_error = |error: &[TokenTree]| {
        let head = error[..ERROR_LEN - 1].iter().map(ToString::to_string);
        head.eq([":", ":", "core", ":", ":", "compile_error", "!"])
            && matches!(&error[ERROR_LEN - 1], TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)
    };
    (same(kept, &item)
        && errors.len() % ERROR_LEN == 0
        && errors.chunks_exact(ERROR_LEN).all(is_error))
    .then_some(errors.len() / ERROR_LEN)
}

// ---------------------------------------------------------------------------------------------
// Structured mode
// ---------------------------------------------------------------------------------------------

/// The fuzz bytes, read one at a time; zeros once they run out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        let Some((&first, rest)) = self.0.split_first() else {
            return 0;
        };
        self.0 = rest;
        first
    }

    fn pick<'t, T>(&mut self, table: &'t [T]) -> &'t T {
        &table[usize::from(self.next()) % table.len()]
    }
}

/// The characters names are made of; edits also use `name_edit::ODD_CHARS`, the ones that
/// break naive string code.
const NAME_CHARS: &[char] = &[
    '.', '_', 'a', 'e', 'i', 't', 'c', 'k', 'Z', 'F', '0', '9', '-', ' ',
];

/// Up to three edits of `name`, chosen by the bytes.
fn edited(name: &str, bytes: &mut Bytes) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    let count = bytes.next() % 4;
    for _ in 0..count {
        let kind = bytes.next() % 7;
        let at = usize::from(bytes.next());
        let c = match bytes.next() {
            255 => char::from_u32(u32::from_le_bytes([
                bytes.next(),
                bytes.next(),
                bytes.next() % 0x11,
                0,
            ]))
            .unwrap_or('\u{FFFD}'),
            selector => {
                let index = usize::from(selector) % (NAME_CHARS.len() + name_edit::ODD_CHARS.len());
                NAME_CHARS
                    .get(index)
                    .copied()
                    .unwrap_or_else(|| name_edit::ODD_CHARS[index - NAME_CHARS.len()])
            }
        };
        match kind {
            0..=5 => name_edit::edit(&mut chars, kind, at, c),
            // Longer names, up to 256 characters: the fuzzer's time is best spent near real
            // names (`desk-codegen/tests/robustness.rs` checks 10,000-character names).
            _ => {
                let long = (chars.len() * (at % 16 + 1)).min(256);
                chars = chars.iter().copied().cycle().take(long).collect();
            }
        }
    }
    chars.into_iter().collect()
}

fn location_names() -> Vec<String> {
    LOCATIONS
        .iter()
        .map(|l| l.name.to_owned())
        .chain(["desk.cm_projects.detail.subtab".to_owned(), String::new()])
        .collect()
}

fn event_names() -> Vec<String> {
    EVENTS
        .iter()
        .map(|e| e.name.to_owned())
        .chain(FormModule::ALL.into_iter().flat_map(|module| {
            ["email", "cf_region"].map(|field| format!("{}Form_{field}.changed", module.name()))
        }))
        .chain([String::new()])
        .collect()
}

/// What the handler rules say about a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Accepted,
    Refused,
    /// Accepted, but its payload parameter is refused (checked after the duplicate check):
    /// a reference, or `TicketShift` for another event.
    WrongPayload,
}

/// Handler signatures (`NAME` stands for the method's name, `PAYLOAD` for the type the event
/// delivers).
const SIGNATURES: &[(&str, Shape)] = &[
    ("fn NAME(&mut self)", Shape::Accepted),
    ("fn NAME(&self)", Shape::Accepted),
    ("fn NAME(&mut self, payload: PAYLOAD)", Shape::Accepted),
    (
        "fn NAME(&self, _: MyAlias) -> Result<(), String>",
        Shape::Accepted,
    ),
    ("const fn NAME(&'a self) -> i32", Shape::Accepted),
    ("fn NAME(self)", Shape::Refused),
    ("fn NAME(self: Box<Self>)", Shape::Refused),
    ("fn NAME()", Shape::Refused),
    ("fn NAME(payload: PAYLOAD)", Shape::Refused),
    ("fn NAME(&self, a: PAYLOAD, b: u8)", Shape::Refused),
    ("async fn NAME(&self)", Shape::Accepted),
    ("async fn NAME(&mut self, desk: &Desk<Self>, payload: PAYLOAD)", Shape::Accepted),
    ("fn NAME(&self, desk: &Desk<Self>, again: &Desk<Self>)", Shape::Refused),
    ("unsafe fn NAME(&self)", Shape::Refused),
    ("fn NAME<T>(&self)", Shape::Refused),
    ("fn NAME(&self) where Self: Sized", Shape::Refused),
    ("fn NAME(&self, payload: &PAYLOAD)", Shape::WrongPayload),
    ("fn NAME(&self, payload: TicketShift)", Shape::WrongPayload),
];

#[derive(Debug)]
struct Handler {
    event: String,
    unchecked: bool,
    signature: (&'static str, Shape),
}

fn structured(data: &[u8]) {
    let mut bytes = Bytes(data);
    let location = {
        let name = bytes.pick(&location_names()).clone();
        edited(&name, &mut bytes)
    };
    let events = event_names();
    let count = bytes.next() % 9;
    let handlers: Vec<Handler> = (0..count)
        .map(|_| {
            let event = bytes.pick(&events).clone();
            let event = edited(&event, &mut bytes);
            let flags = bytes.next();
            Handler {
                event,
                unchecked: flags % 8 == 7,
                signature: SIGNATURES[usize::from(flags / 8) % SIGNATURES.len()],
            }
        })
        .collect();

    // What the catalog and the rules say.
    let known_location = desk_catalog::location(&location).ok().map(|l| l.name());
    let mut refused = known_location.is_none();
    let mut subscribed: Vec<&str> = Vec::new();
    let mut methods = Vec::new();
    for (i, handler) in handlers.iter().enumerate() {
        let delivered = delivered(&handler.event, handler.unchecked, known_location);
        let (source, shape) = handler.signature;
        let wrong_payload = shape == Shape::WrongPayload
            && !(source.ends_with("TicketShift)") && delivered == Some("TicketShift"));
        match delivered {
            Some(_) if shape == Shape::Refused => refused = true,
            Some(_) if subscribed.contains(&handler.event.as_str()) => refused = true,
            Some(_) if !wrong_payload => subscribed.push(&handler.event),
            _ => refused = true,
        }
        let payload = match delivered {
            Some("Value") => quote!(desk_runtime::json::Value),
            Some(name) => {
                let name = format_ident!("{name}");
                quote!(desk_runtime::events::#name)
            }
            None => quote!(CallRinging),
        };
        let source = source.replace("NAME", &format!("handle_{i}"));
        let signature = TokenStream::from_str(&source.replace("PAYLOAD", &payload.to_string()))
            .expect("the signatures lex");
        let event = &handler.event;
        let on = if handler.unchecked {
            quote!(#[on(#event, unchecked)])
        } else {
            quote!(#[on(#event)])
        };
        methods.push(quote!(#on #signature {}));
    }

    let item = quote!(impl W { #(#methods)* });
    let file = expand(&quote!(location = #location), &item).expect("a widget");
    let errors = file
        .items
        .iter()
        .filter(|item| matches!(item, syn::Item::Macro(m) if m.mac.path.segments.last().is_some_and(|s| s.ident == "compile_error")))
        .count();
    assert_eq!(
        errors > 0,
        refused,
        "location {location:?}, handlers {handlers:?}: {errors} errors"
    );
    assert_eq!(subscriptions(&file), subscribed, "location {location:?}");
}

/// What `#[on(event)]` delivers at `location` (only the event is checked when the location is
/// unknown), or `None` if it is refused. `unchecked` mirrors the macro's rule: a non-empty
/// name the catalog says nothing about (unknown, without a "did you mean" suggestion).
fn delivered(event: &str, unchecked: bool, location: Option<&str>) -> Option<&'static str> {
    if unchecked {
        let accepted = !event.is_empty()
            && matches!(
                desk_catalog::event(event),
                Err(EventError::Unknown {
                    suggestion: None,
                    ..
                })
            );
        return accepted.then_some("Value");
    }
    let known = desk_catalog::event(event).ok()?;
    location
        .is_none_or(|location| desk_catalog::is_available(&known, location))
        .then(|| known.payload())
}

/// The events of the expansion's `Widget::SUBSCRIPTIONS`.
fn subscriptions(file: &syn::File) -> Vec<String> {
    let widget = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Impl(block) if block.trait_.is_some() => Some(block),
            _ => None,
        })
        .expect("the `Widget` impl");
    let value = widget
        .items
        .iter()
        .find_map(|item| match item {
            syn::ImplItem::Const(c) if c.ident == "SUBSCRIPTIONS" => Some(&c.expr),
            _ => None,
        })
        .expect("`SUBSCRIPTIONS`");
    let syn::Expr::Reference(reference) = value else {
        panic!("`SUBSCRIPTIONS` is not `&[...]`")
    };
    let syn::Expr::Array(array) = &*reference.expr else {
        panic!("`SUBSCRIPTIONS` is not `&[...]`")
    };
    array
        .elems
        .iter()
        .map(|element| match element {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(name),
                ..
            }) => name.value(),
            _ => panic!("a subscription is not a string literal"),
        })
        .collect()
}
