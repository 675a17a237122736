//! Robustness of the expansion functions ("no input panics the macro"): property-based tests
//! that feed `desk_codegen::desk_widget` and `desk_codegen::on` random token trees and
//! near-valid widgets.
//!
//! For any `args` and `item`, `desk_widget(args, item)`:
//!
//! - does not panic;
//! - when `item` is an inherent impl block (as `syn` parses it), returns tokens that parse as
//!   a Rust file: `compile_error!`s, then the user's impl block, then its `Widget` impl. A
//!   widget with mistakes still exists for the rest of the crate, so that one mistake gives one
//!   error;
//! - the macro does not read method bodies (the compiler does): an impl block whose bodies are
//!   not Rust is either refused as below or expanded exactly as the same block with empty
//!   bodies, the bodies carried through unchanged;
//! - for any other item, returns at least one `compile_error!` followed by `item` token for
//!   token. The macro must neither lose nor alter it, so that the compiler reports the user's
//!   own mistakes in it, where they are;
//! - for tokens that are no item at all (`item` is not Rust even with its bodies emptied),
//!   returns them with the handler attributes of their last `{...}` taken out, and no error of
//!   its own: the compiler says what is not Rust, once, and no handler attribute says its
//!   block lacks `#[desk_widget]`. Whether random tokens are Rust is the compiler's business.
//!
//! `on(args, item)` always returns one `compile_error!` followed by `item`.
//!
//! For near-valid widgets (catalog locations and events with random edits, odd Unicode, empty
//! and 10k-character names, random handler signatures and attributes, hundreds of handlers),
//! the expansion has a `compile_error!` exactly when `desk_catalog` and the handler rules refuse
//! the widget, and subscribes exactly the handlers they accept.
//!
//! Case counts keep the file at a few seconds in a debug build.

#[path = "support/blank.rs"]
mod blank;
#[path = "support/name_edit.rs"]
mod name_edit;

use blank::blank;
use desk_catalog::{EVENTS, EventError, FormModule, LOCATIONS};
use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use proptest::prelude::*;
use quote::{ToTokens, format_ident, quote};
use std::ffi::CString;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::str::FromStr;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // File persistence needs proptest's default features; a failure prints its input.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Checking an expansion
// ---------------------------------------------------------------------------------------------

/// Runs one of the expansion functions, turning a panic into a test failure (which proptest
/// then shrinks to a minimal input).
fn run(
    function: fn(TokenStream, TokenStream) -> TokenStream,
    args: &TokenStream,
    item: &TokenStream,
) -> Result<TokenStream, TestCaseError> {
    let (args, item) = (args.clone(), item.clone());
    catch_unwind(AssertUnwindSafe(|| function(args, item))).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        TestCaseError::fail(format!("the expansion panicked: {message}"))
    })
}

/// `::core::compile_error! { "..." }`, as `syn::Error::into_compile_error` writes it: eight
/// token trees.
const COMPILE_ERROR_LEN: usize = 8;

fn is_compile_error(tokens: &[TokenTree]) -> bool {
    tokens[..COMPILE_ERROR_LEN - 1]
        .iter()
        .map(ToString::to_string)
        .eq([":", ":", "core", ":", ":", "compile_error", "!"])
        && matches!(
            &tokens[COMPILE_ERROR_LEN - 1],
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace
        )
}

/// The number of `compile_error!`s `tokens` consists of, if it consists of nothing else.
fn compile_errors(tokens: &[TokenTree]) -> Option<usize> {
    (tokens.len().is_multiple_of(COMPILE_ERROR_LEN)
        && tokens.chunks_exact(COMPILE_ERROR_LEN).all(is_compile_error))
    .then_some(tokens.len() / COMPILE_ERROR_LEN)
}

/// Whether the macro can read `item` as a widget: an inherent impl block.
fn is_inherent_impl(item: &TokenStream) -> bool {
    matches!(syn::parse2::<syn::Item>(item.clone()), Ok(syn::Item::Impl(block)) if block.trait_.is_none())
}

/// An expansion of an inherent impl block, read back.
struct Expansion {
    /// The messages of its `compile_error!`s.
    errors: Vec<String>,
    /// The events of its `Widget::SUBSCRIPTIONS`.
    subscriptions: Vec<String>,
}

/// Expands `#[desk_widget(args)] item` and checks the properties every input must have (see
/// the module's documentation). Returns the expansion read back when `item` is a widget.
fn check_widget(
    args: &TokenStream,
    item: &TokenStream,
) -> Result<Option<Expansion>, TestCaseError> {
    let output = run(desk_codegen::desk_widget, args, item)?;
    if is_inherent_impl(item) {
        return read_widget(&output, item).map(Some);
    }
    if syn::parse2::<syn::Item>(blank(item)).is_err() {
        // Read as a widget from its tokens all the same (a method the macro does not read, such
        // as `fn {}`, is printed back as written): the block first, unchanged, then its `Widget`
        // impl, after the arguments' errors if any; the compiler reports what is not Rust.
        let text = output.to_string();
        if let Some(at) = text.find(&item.to_string())
            && text[at..].contains(":: desk_runtime :: Widget for")
        {
            let errors: Vec<TokenTree> = TokenStream::from_str(&text[..at])
                .map_err(|error| TestCaseError::fail(error.to_string()))?
                .into_iter()
                .collect();
            prop_assert!(
                compile_errors(&errors).is_some(),
                "more than errors: {errors:?}"
            );
            return Ok(None);
        }
        // The arguments' errors, if any, then the tokens.
        let output: Vec<TokenTree> = output.into_iter().collect();
        let expected: Vec<TokenTree> = without_handler_attributes(item).into_iter().collect();
        prop_assert!(output.len() >= expected.len(), "tokens lost");
        let (errors, kept) = output.split_at(output.len() - expected.len());
        prop_assert_eq!(
            kept.iter().cloned().collect::<TokenStream>().to_string(),
            expected.into_iter().collect::<TokenStream>().to_string(),
            "tokens that are no item are handed back without handler attributes"
        );
        prop_assert!(
            compile_errors(errors).is_some(),
            "more than errors: {errors:?}"
        );
        return Ok(None);
    }
    let refused = check_item_kept(&output, item, None);
    if refused.is_err() && is_inherent_impl(&blank(item)) {
        // An impl block whose method bodies are not Rust: the macro does not read bodies, so
        // when it does not refuse the item it expands it as the same widget without them.
        let reference = run(desk_codegen::desk_widget, args, &blank(item))?;
        prop_assert_eq!(
            blank(&output).to_string(),
            blank(&reference).to_string(),
            "bodies changed the expansion"
        );
        return Ok(None);
    }
    refused.map(|()| None)
}

/// `item` with the handler attributes (`#[on(...)]`, `#[desk_runtime::hook(...)]`, ...) at the
/// top level of its last `{...}` taken out: the test's own reading of the rule.
fn without_handler_attributes(item: &TokenStream) -> TokenStream {
    let is_handler = |tree: &TokenTree| match tree {
        TokenTree::Group(group) if group.delimiter() == Delimiter::Bracket => {
            let path: Vec<String> = group
                .stream()
                .into_iter()
                .take_while(|tree| match tree {
                    TokenTree::Ident(_) => true,
                    TokenTree::Punct(punct) => punct.as_char() == ':',
                    _ => false,
                })
                .filter_map(|tree| match tree {
                    TokenTree::Ident(ident) => Some(ident.to_string()),
                    _ => None,
                })
                .collect();
            path.last().is_some_and(|last| {
                ["on", "hook", "on_message", "on_open", "on_click"]
                    .contains(&last.trim_start_matches("r#"))
            })
        }
        _ => false,
    };
    let mut trees: Vec<TokenTree> = item.clone().into_iter().collect();
    if let Some(TokenTree::Group(block)) = trees.last()
        && block.delimiter() == Delimiter::Brace
    {
        let inner: Vec<TokenTree> = block.stream().into_iter().collect();
        let mut kept = Vec::new();
        let mut index = 0;
        while index < inner.len() {
            let hash = matches!(&inner[index], TokenTree::Punct(p) if p.as_char() == '#');
            if hash && inner.get(index + 1).is_some_and(is_handler) {
                index += 2;
                continue;
            }
            kept.push(inner[index].clone());
            index += 1;
        }
        let mut stripped = proc_macro2::Group::new(Delimiter::Brace, kept.into_iter().collect());
        stripped.set_span(block.span());
        *trees.last_mut().unwrap() = TokenTree::Group(stripped);
    }
    trees.into_iter().collect()
}

/// The contents of the brace groups directly inside the first top-level brace group: the
/// bodies of the methods of the first impl block.
fn bodies(tokens: &TokenStream) -> Vec<String> {
    let braces = |tree: TokenTree| match tree {
        TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => Some(group.stream()),
        _ => None,
    };
    tokens
        .clone()
        .into_iter()
        .find_map(braces)
        .map(|block| {
            block
                .into_iter()
                .filter_map(braces)
                .map(|b| b.to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The output for an item the macro cannot use: `compile_error!`s (`expected` of them, if
/// given, at least one anyway), then the item as it was.
fn check_item_kept(
    output: &TokenStream,
    item: &TokenStream,
    expected: Option<usize>,
) -> Result<(), TestCaseError> {
    let output: Vec<TokenTree> = output.clone().into_iter().collect();
    let item: Vec<TokenTree> = item.clone().into_iter().collect();
    prop_assert!(output.len() > item.len(), "no error before the item");
    let (errors, kept) = output.split_at(output.len() - item.len());
    prop_assert_eq!(
        kept.iter().cloned().collect::<TokenStream>().to_string(),
        item.iter().cloned().collect::<TokenStream>().to_string(),
        "the item is not kept as it was"
    );
    let count = compile_errors(errors);
    prop_assert!(
        count.is_some(),
        "more than errors before the item: {errors:?}"
    );
    if let Some(expected) = expected {
        prop_assert_eq!(count, Some(expected));
    }
    Ok(())
}

/// Parses the expansion of an inherent impl block: errors, the user's impl, its `Widget` impl.
fn read_widget(output: &TokenStream, item: &TokenStream) -> Result<Expansion, TestCaseError> {
    let file = syn::parse2::<syn::File>(output.clone())
        .map_err(|error| TestCaseError::fail(format!("the output is not Rust: {error}")))?;
    let mut errors = Vec::new();
    let mut impls = Vec::new();
    for item in file.items {
        match item {
            syn::Item::Macro(mac)
                if impls.is_empty() && text(&mac.mac.path) == ":: core :: compile_error" =>
            {
                errors.push(syn::parse2::<syn::LitStr>(mac.mac.tokens)?.value());
            }
            syn::Item::Impl(block) => impls.push(block),
            other => {
                return Err(TestCaseError::fail(format!(
                    "unexpected item in the output: {}",
                    text(&other)
                )));
            }
        }
    }
    let [user, widget] = &impls[..] else {
        return Err(TestCaseError::fail(format!(
            "expected the user's impl and the `Widget` impl, found {} impl blocks",
            impls.len()
        )));
    };
    let Ok(syn::Item::Impl(input)) = syn::parse2::<syn::Item>(item.clone()) else {
        unreachable!("checked by the caller");
    };
    prop_assert!(user.trait_.is_none());
    prop_assert_eq!(
        user.items.len(),
        input.items.len(),
        "the user's items are kept"
    );
    prop_assert_eq!(text(&user.self_ty), text(&input.self_ty));
    let is_widget = widget
        .trait_
        .as_ref()
        .is_some_and(|(path, _)| text(path) == ":: desk_runtime :: Widget");
    prop_assert!(is_widget, "the second impl block is not the `Widget` impl");
    prop_assert_eq!(text(&widget.self_ty), text(&input.self_ty));
    Ok(Expansion {
        errors,
        subscriptions: subscriptions(widget)?,
    })
}

fn text(tokens: &impl ToTokens) -> String {
    tokens.to_token_stream().to_string()
}

/// The string literals of `const SUBSCRIPTIONS: &[&str] = &[...]`.
fn subscriptions(widget: &syn::ItemImpl) -> Result<Vec<String>, TestCaseError> {
    let value = widget.items.iter().find_map(|item| match item {
        syn::ImplItem::Const(constant) if constant.ident == "SUBSCRIPTIONS" => Some(&constant.expr),
        _ => None,
    });
    let Some(syn::Expr::Reference(reference)) = value else {
        return Err(TestCaseError::fail("no `SUBSCRIPTIONS = &[...]`"));
    };
    let syn::Expr::Array(array) = &*reference.expr else {
        return Err(TestCaseError::fail("`SUBSCRIPTIONS` is not an array"));
    };
    array
        .elems
        .iter()
        .map(|element| match element {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(name),
                ..
            }) => Ok(name.value()),
            _ => Err(TestCaseError::fail(
                "a subscription is not a string literal",
            )),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Random token trees
// ---------------------------------------------------------------------------------------------

/// Identifiers the macro looks for, keywords, and ordinary and Unicode names.
const IDENTS: &[&str] = &[
    "location",
    "on",
    "unchecked",
    "desk_runtime",
    "desk_widget",
    "impl",
    "fn",
    "self",
    "Self",
    "mut",
    "async",
    "unsafe",
    "const",
    "where",
    "for",
    "dyn",
    "struct",
    "enum",
    "trait",
    "mod",
    "pub",
    "crate",
    "super",
    "type",
    "static",
    "let",
    "match",
    "_",
    "W",
    "Widget",
    "CallRinging",
    "Result",
    "é",
    "日本",
    "ñandú",
    "Ωmega",
];

/// Names that may be raw identifiers (`r#type`; `r#self` and the like are not allowed).
const RAW_IDENTS: &[&str] = &["type", "match", "fn", "async", "on", "location", "dyn"];

const PUNCT_CHARS: &[char] = &[
    '=', '<', '>', '!', '~', '+', '-', '*', '/', '%', '^', '&', '|', '@', '.', ',', ';', ':', '#',
    '$', '?', '\'',
];

/// Literal sources that only `Literal::from_str` makes: raw and suffixed strings, odd numbers.
const LITERAL_SOURCES: &[&str] = &[
    r##"r#"desk.bottomband"#"##,
    r#"r"call.ringing""#,
    r#""desk.bottomband"suffix"#,
    r#""call.ringing"_x"#,
    r#"br"bytes""#,
    r#"c"desk.bottomband""#,
    r##"cr#"c"#"##,
    r#""\u{10FFFF}\u{202E}\0""#,
    r#""line\
       continued""#,
    "'\\u{1F600}'",
    "b'\\x7f'",
    "0x_ff_u8",
    "0b1010",
    "0o777i64",
    "1_000_000",
    "1e10",
    "1.5e-3f32",
    "2.",
    "1u7",
    "-1",
    "-0.0",
    "340282366920938463463374607431768211455",
    "999999999999999999999999999999999999999999",
];

fn ident() -> impl Strategy<Value = Ident> {
    prop_oneof![
        4 => prop::sample::select(IDENTS).prop_map(|name| Ident::new(name, Span::call_site())),
        2 => "[a-zA-Z][a-zA-Z0-9_]{0,8}".prop_map(|name| Ident::new(&name, Span::call_site())),
        1 => prop::sample::select(RAW_IDENTS).prop_map(|name| Ident::new_raw(name, Span::call_site())),
    ]
}

fn punct() -> impl Strategy<Value = Punct> {
    (prop::sample::select(PUNCT_CHARS), any::<bool>()).prop_map(|(c, joint)| {
        Punct::new(
            c,
            if joint {
                Spacing::Joint
            } else {
                Spacing::Alone
            },
        )
    })
}

fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(&['.', '_', 'a', 'Z', '0', '-', ' ', 'F'][..]),
        3 => prop::sample::select(name_edit::ODD_CHARS),
        2 => any::<char>(),
        2 => (b'a'..=b'z').prop_map(char::from),
    ]
}

fn odd_string() -> impl Strategy<Value = String> {
    prop::collection::vec(any_char(), 0..16).prop_map(String::from_iter)
}

fn literal() -> impl Strategy<Value = Literal> {
    let lexed: Vec<Literal> = LITERAL_SOURCES
        .iter()
        .map(|source| Literal::from_str(source).expect("a literal"))
        .collect();
    prop_oneof![
        prop::sample::select(catalog_names()).prop_map(|name| Literal::string(&name)),
        odd_string().prop_map(|s| Literal::string(&s)),
        prop::collection::vec(any::<u8>(), 0..8).prop_map(|bytes| Literal::byte_string(&bytes)),
        prop::collection::vec(1..=u8::MAX, 0..8)
            .prop_map(|bytes| Literal::c_string(&CString::new(bytes).unwrap())),
        any_char().prop_map(Literal::character),
        any::<u8>().prop_map(Literal::byte_character),
        any::<u8>().prop_map(Literal::u8_suffixed),
        any::<i64>().prop_map(Literal::i64_unsuffixed),
        any::<i8>().prop_map(Literal::i8_suffixed),
        any::<u128>().prop_map(Literal::u128_suffixed),
        any::<usize>().prop_map(Literal::usize_unsuffixed),
        prop::num::f64::NORMAL.prop_map(Literal::f64_unsuffixed),
        prop::num::f32::NORMAL.prop_map(Literal::f32_suffixed),
        prop::sample::select(lexed),
    ]
}

fn delimiter() -> impl Strategy<Value = Delimiter> {
    prop::sample::select(
        &[
            Delimiter::Parenthesis,
            Delimiter::Brace,
            Delimiter::Bracket,
            Delimiter::None,
        ][..],
    )
}

/// A token tree: identifiers, punctuation, literals of every kind, and groups with every
/// delimiter (invisible ones included), nested three deep at most.
fn token_tree() -> impl Strategy<Value = TokenTree> {
    let leaf = prop_oneof![
        ident().prop_map(TokenTree::Ident),
        punct().prop_map(TokenTree::Punct),
        literal().prop_map(TokenTree::Literal),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        (delimiter(), prop::collection::vec(inner, 0..6)).prop_map(|(delimiter, trees)| {
            TokenTree::Group(Group::new(delimiter, trees.into_iter().collect()))
        })
    })
}

fn token_stream(max: usize) -> impl Strategy<Value = TokenStream> {
    prop::collection::vec(token_tree(), 0..max).prop_map(TokenStream::from_iter)
}

/// `#[desk_widget(...)]` arguments: random tokens, and near-valid ones with random parts.
fn widget_args() -> impl Strategy<Value = TokenStream> {
    prop_oneof![
        2 => token_stream(6),
        2 => literal().prop_map(|value| quote!(location = #value)),
        1 => token_tree().prop_map(|value| quote!(location = #value)),
        1 => (literal(), token_stream(4)).prop_map(|(value, rest)| quote!(location = #value, #rest)),
        1 => literal().prop_map(|value| quote!(#value)),
        2 => Just(quote!(location = "desk.bottomband")),
        1 => (ident(), literal()).prop_map(|(name, value)| quote!(#name = #value)),
    ]
}

/// Generics an inherent impl block may have.
const IMPL_GENERICS: &[&str] = &["", "<>", "<T>", "<'a, T: Clone + 'a>", "<const N: usize>"];

/// Self types of inherent impl blocks: the compiler refuses some of them, the parser takes
/// them all, and so must the macro.
const SELF_TYPES: &[&str] = &[
    "W",
    "W<T>",
    "Panel<'a, T, 3>",
    "::widgets::Panel",
    "<W as Tr>::Assoc",
    "dyn Tr",
    "[u8]",
    "[W; N]",
    "(A, B)",
    "()",
    "&'a W",
    "*const W",
    "fn(u8) -> W",
    "!",
    "_",
    "Self",
    "r#type",
    "Écran",
];

fn impl_header() -> impl Strategy<Value = (TokenStream, TokenStream)> {
    let parse = |source: &str| TokenStream::from_str(source).unwrap();
    (
        prop::sample::select(IMPL_GENERICS).prop_map(parse),
        prop::sample::select(SELF_TYPES).prop_map(parse),
    )
}

// ---------------------------------------------------------------------------------------------
// Near-valid names
// ---------------------------------------------------------------------------------------------

fn location_names() -> Vec<String> {
    LOCATIONS
        .iter()
        .map(|l| l.name.to_owned())
        .chain(["desk.cm_projects.detail.subtab".to_owned()])
        .collect()
}

fn event_names() -> Vec<String> {
    let fields = ["email", "cf_region", "x9"];
    EVENTS
        .iter()
        .map(|e| e.name.to_owned())
        .chain(FormModule::ALL.into_iter().flat_map(|module| {
            fields.map(|field| format!("{}Form_{field}.changed", module.name()))
        }))
        .collect()
}

fn catalog_names() -> Vec<String> {
    location_names().into_iter().chain(event_names()).collect()
}

/// One random edit of a name: what to do, where (modulo the length), with which character.
type Edit = (u8, usize, char);

fn edit() -> impl Strategy<Value = Edit> {
    (0u8..6, any::<usize>(), any_char())
}

/// `name` after `edits` (see `support/name_edit.rs`).
fn apply(name: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    for &(kind, at, c) in edits {
        name_edit::edit(&mut chars, kind, at, c);
    }
    chars.into_iter().collect()
}

/// Names from `names`, often exact, often a few edits away; sometimes a name of the other
/// kind, empty, or odd characters.
fn near(names: Vec<String>) -> impl Strategy<Value = String> {
    let base = prop_oneof![
        16 => prop::sample::select(names),
        1 => prop::sample::select(catalog_names()),
        1 => Just(String::new()),
        2 => odd_string(),
    ];
    (base, edits()).prop_map(|(base, edits)| apply(&base, &edits))
}

/// No edit half of the time, often one, sometimes a few.
fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop_oneof![
        5 => Just(Vec::new()),
        3 => prop::collection::vec(edit(), 1..2),
        2 => prop::collection::vec(edit(), 2..5),
    ]
}

/// No edit three times out of four.
fn rare_edits() -> impl Strategy<Value = Vec<Edit>> {
    prop_oneof![3 => Just(Vec::new()), 1 => edits()]
}

/// A location and an event: half of the time a pair the catalog accepts, each name then
/// maybe edited; otherwise two independent near-valid names (mostly refused: most events are
/// delivered at a few locations only).
fn location_and_event() -> impl Strategy<Value = (String, String)> {
    let pairs: Vec<(String, String)> = location_names()
        .into_iter()
        .flat_map(|location| {
            event_names()
                .into_iter()
                .map(move |event| (location.clone(), event))
        })
        .filter(|(location, event)| {
            desk_catalog::event(event).is_ok_and(|e| desk_catalog::is_available(&e, location))
        })
        .collect();
    prop_oneof![
        (prop::sample::select(pairs), rare_edits(), rare_edits()).prop_map(
            |((location, event), location_edits, event_edits)| {
                (
                    apply(&location, &location_edits),
                    apply(&event, &event_edits),
                )
            }
        ),
        (near(location_names()), near(event_names())),
    ]
}

/// 10,000 characters: a name repeated, one character repeated, a name then junk, or a custom
/// module's subtab with a long module name; then maybe edited.
fn long_name(names: Vec<String>) -> impl Strategy<Value = String> {
    const LONG: usize = 10_000;
    (
        prop::sample::select(names),
        any_char(),
        0u8..4,
        prop::collection::vec(edit(), 0..3),
    )
        .prop_map(|(name, c, kind, edits)| {
            let long: String = match kind {
                0 => name.chars().cycle().take(LONG).collect(),
                1 => std::iter::repeat_n(c, LONG).collect(),
                2 => name
                    .chars()
                    .chain(std::iter::repeat(c))
                    .take(LONG)
                    .collect(),
                // A custom module's subtab, the module's name 10,000 characters long.
                _ => format!("desk.{}.detail.subtab", "m".repeat(LONG)),
            };
            apply(&long, &edits)
        })
}

// ---------------------------------------------------------------------------------------------
// What the catalog says
// ---------------------------------------------------------------------------------------------

/// The accepted location's name, if `name` is one.
fn catalog_location(name: &str) -> Option<&str> {
    desk_catalog::location(name).ok().map(|l| l.name())
}

/// The payload type `#[on(event)]` (or `#[on(event, unchecked)]`) delivers at `location`, or
/// `None` if the macro must refuse it. `location` is `None` when it is unknown: then only the
/// event itself is checked.
///
/// `unchecked` mirrors the macro's rule: a non-empty name that the catalog knows nothing of, a
/// plain `Unknown` without a "did you mean" suggestion. Misspelt named events, misspelt or
/// malformed form-field events and near misses of the form-field pattern
/// (`ticketFrom_email.changed`) are all refused.
fn delivered(event: &str, unchecked: bool, location: Option<&str>) -> Option<String> {
    if unchecked {
        let accepted = !event.is_empty()
            && matches!(
                desk_catalog::event(event),
                Err(EventError::Unknown {
                    suggestion: None,
                    ..
                })
            );
        return accepted.then(|| "Value".to_owned());
    }
    let known = desk_catalog::event(event).ok()?;
    location
        .is_none_or(|location| desk_catalog::is_available(&known, location))
        .then(|| known.payload().to_owned())
}

fn on_attribute(event: &str, unchecked: bool) -> TokenStream {
    if unchecked {
        quote!(#[on(#event, unchecked)])
    } else {
        quote!(#[on(#event)])
    }
}

/// A handler's payload parameter, for the single-handler property.
#[derive(Debug, Clone, Copy)]
enum Payload {
    None,
    /// The type the event delivers.
    Delivered,
    /// Another event's payload type.
    Other,
    /// The delivered type, by reference.
    Reference,
    /// A name the macro cannot read (the compiler checks it).
    Alias,
}

impl Payload {
    fn refused(self) -> bool {
        matches!(self, Payload::Other | Payload::Reference)
    }

    fn parameter(self, delivered: Option<&str>) -> TokenStream {
        let delivered = delivered.unwrap_or("CallRinging");
        let path = if delivered == "Value" {
            quote!(desk_runtime::json::Value)
        } else {
            let name = format_ident!("{delivered}");
            quote!(desk_runtime::events::#name)
        };
        let other = format_ident!(
            "{}",
            if delivered == "TicketStatusChanged" {
                "CallRinging"
            } else {
                "TicketStatusChanged"
            }
        );
        match self {
            Payload::None => quote!(),
            Payload::Delivered => quote!(, payload: #path),
            Payload::Other => quote!(, payload: desk_runtime::events::#other),
            Payload::Reference => quote!(, payload: &#path),
            Payload::Alias => quote!(, payload: MyAlias),
        }
    }
}

fn payload() -> impl Strategy<Value = Payload> {
    prop::sample::select(
        &[
            Payload::None,
            Payload::Delivered,
            Payload::Other,
            Payload::Reference,
            Payload::Alias,
        ][..],
    )
}

/// Checks a one-handler widget at `location` against the catalog: an error exactly when the
/// catalog or the payload rule refuses it, a subscription exactly when it accepts it.
fn check_single_handler(
    location: &str,
    event: &str,
    unchecked: bool,
    payload: Payload,
) -> Result<(), TestCaseError> {
    let known_location = catalog_location(location);
    let delivered = delivered(event, unchecked, known_location);
    let on = on_attribute(event, unchecked);
    let parameter = payload.parameter(delivered.as_deref());
    let item = quote!(impl W { #on fn handle(&mut self #parameter) {} });
    let expansion = check_widget(&quote!(location = #location), &item)?
        .ok_or_else(|| TestCaseError::fail("not read as a widget"))?;
    let refused = known_location.is_none() || delivered.is_none() || payload.refused();
    prop_assert_eq!(
        !expansion.errors.is_empty(),
        refused,
        "location {:?}, event {:?}, unchecked {}, payload {:?}: errors {:?}",
        location,
        event,
        unchecked,
        payload,
        expansion.errors
    );
    let subscribed = delivered.is_some() && !payload.refused();
    prop_assert_eq!(
        expansion.subscriptions,
        if subscribed {
            vec![event.to_owned()]
        } else {
            Vec::new()
        }
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Random handler signatures
// ---------------------------------------------------------------------------------------------

/// Receivers, and whether a handler may take them.
const RECEIVERS: &[(&str, bool)] = &[
    ("&self", true),
    ("&mut self", true),
    ("&'a self", true),
    ("&'a mut self", true),
    ("self", false),
    ("mut self", false),
    ("self: Box<Self>", false),
    ("self: &Self", true),
    ("self: &mut Self", true),
    ("self: std::pin::Pin<&mut Self>", false),
    ("this: &Self", false),
    ("", false),
];

/// Parameters after the receiver, and whether the first of them is a payload the macro takes
/// for `call.ringing` (the others are always refused: one payload at most).
const PARAMETERS: &[(&str, bool)] = &[
    ("call: CallRinging", true),
    ("call: desk_runtime::events::CallRinging", true),
    ("_: CallRinging", true),
    ("mut call: CallRinging", true),
    ("(a, b): CallRinging", true),
    ("call: MyAlias", true),
    ("call: Option<CallRinging>", true),
    ("f: impl Fn()", false),
    ("t: (u8, String)", true),
    ("x: _", true),
    ("desk: &Desk<Self>", true),
    ("desk: &desk_runtime::Desk<Self>", true),
    ("desk: &Desk<W>", true),
    ("desk: &mut Desk<Self>", false),
    ("desk: &Desk<Other>", false),
    ("call: &CallRinging", false),
    ("call: &mut CallRinging", false),
    ("call: &'static CallRinging", false),
    ("change: TicketStatusChanged", false),
    ("change: events::TicketStatusChanged", false),
    ("value: Value", false),
    ("value: json::Value", false),
];

const GENERICS: &[(&str, bool)] = &[
    ("", true),
    ("<T>", false),
    ("<'a>", false),
    ("<const N: usize>", false),
    ("<T: Clone>", false),
];

const WHERE_CLAUSES: &[(&str, bool)] = &[("", true), ("where Self: Sized", false)];

/// Return types: all taken by the macro (the compiler checks that they are `()` or a
/// `Result<(), E: Display>`).
const OUTPUTS: &[&str] = &[
    "",
    "-> ()",
    "-> Result<(), String>",
    "-> Result<(), Box<dyn std::error::Error>>",
    "-> i32",
    "-> impl Sized",
    "-> !",
    "-> Self",
];

/// Whether a parameter is the host's handle, `desk: &Desk<Self>`.
fn is_desk(parameter: &str) -> bool {
    parameter.contains("Desk<")
}

/// Function qualifiers, in the order Rust wants them, and whether a handler may have them.
const QUALIFIERS: [(&str, bool); 4] = [
    ("const", true),
    ("async", true),
    ("unsafe", false),
    ("extern \"C\"", true),
];

/// `#[on(...)]` forms for `call.ringing`, and whether they are accepted.
const ON_ATTRIBUTES: &[(&str, bool)] = &[
    ("#[on(\"call.ringing\")]", true),
    ("#[desk_runtime::on(\"call.ringing\")]", true),
    ("#[on(\"call.ringing\",)]", true),
    ("#[on(r\"call.ringing\")]", true),
    ("#[on(\"call.ringing\", unchecked)]", false),
    ("#[on(\"call.ringing\", unchecked, unchecked)]", false),
    ("#[on(\"call.ringing\", \"call.answered\")]", false),
    ("#[on(\"call.ringing\", foo)]", false),
    ("#[on(call.ringing)]", false),
    ("#[on(\"call.ringing\" = 1)]", false),
    ("#[on]", false),
    ("#[on = \"call.ringing\"]", false),
    ("#[on(b\"call.ringing\")]", false),
    ("#[on(\"\")]", false),
];

/// Other attributes on a handler, and whether the macro takes them.
const OTHER_ATTRIBUTES: &[(&str, bool)] = &[
    ("#[inline]", true),
    ("#[allow(unused)]", true),
    ("#[doc = \"a handler\"]", true),
    ("/// a handler", true),
    ("#[cfg_attr(test, inline)]", true),
    ("#[must_use]", true),
    ("#[desk_widget(location = \"desk.bottomband\")]", true),
    ("#[onn(\"call.ringing\")]", true),
    ("#[on(\"call.answered\")]", false),
    ("#[desk_runtime::on(\"modal.closed\")]", false),
    ("#[on]", false),
];

/// A handler signature, built from the tables above.
#[derive(Debug, Clone)]
struct Signature {
    before: Vec<(&'static str, bool)>,
    on: (&'static str, bool),
    after: Vec<(&'static str, bool)>,
    /// Which of [`QUALIFIERS`] the handler has.
    qualifiers: [bool; 4],
    generics: (&'static str, bool),
    receiver: (&'static str, bool),
    parameters: Vec<(&'static str, bool)>,
    where_clause: (&'static str, bool),
    output: &'static str,
}

impl Signature {
    fn source(&self) -> String {
        let mut inputs: Vec<&str> = Vec::new();
        if !self.receiver.0.is_empty() {
            inputs.push(self.receiver.0);
        }
        inputs.extend(self.parameters.iter().map(|p| p.0));
        let attributes: Vec<&str> = self
            .before
            .iter()
            .chain([&self.on])
            .chain(&self.after)
            .map(|a| a.0)
            .collect();
        let qualifiers: Vec<&str> = QUALIFIERS
            .iter()
            .zip(self.qualifiers)
            .filter_map(|(q, has)| has.then_some(q.0))
            .collect();
        format!(
            "{attributes}\n{qualifiers} fn handle{generics}({inputs}) {output} {where_clause} {{}}",
            attributes = attributes.join("\n"),
            qualifiers = qualifiers.join(" "),
            generics = self.generics.0,
            inputs = inputs.join(", "),
            output = self.output,
            where_clause = self.where_clause.0,
        )
    }

    /// Whether the macro should take this handler, attributes aside.
    fn shape_accepted(&self) -> bool {
        QUALIFIERS
            .iter()
            .zip(self.qualifiers)
            .all(|(q, has)| q.1 || !has)
            && self.generics.1
            && self.where_clause.1
            && self.receiver.1
            // At most the payload and the host's handle, in either order.
            && self.parameters.iter().filter(|p| !is_desk(p.0)).count() <= 1
            && self.parameters.iter().filter(|p| is_desk(p.0)).count() <= 1
            && self.parameters.iter().all(|p| p.1)
    }

    /// Whether the macro should take this handler without an error.
    fn accepted(&self) -> bool {
        self.on.1 && self.before.iter().chain(&self.after).all(|a| a.1) && self.shape_accepted()
    }
}

/// An entry of `table`, an accepted one five times out of six, so that a fair share of whole
/// signatures is accepted.
fn pick(table: &'static [(&'static str, bool)]) -> impl Strategy<Value = (&'static str, bool)> {
    let (accepted, refused): (Vec<_>, Vec<_>) = table.iter().copied().partition(|entry| entry.1);
    prop_oneof![
        5 => prop::sample::select(accepted),
        1 => prop::sample::select(refused),
    ]
}

fn signature() -> impl Strategy<Value = Signature> {
    let attributes = || prop::collection::vec(pick(OTHER_ATTRIBUTES), 0..3);
    (
        (attributes(), pick(ON_ATTRIBUTES), attributes()),
        prop::array::uniform4(prop::bool::weighted(0.1)),
        (
            pick(GENERICS),
            pick(RECEIVERS),
            prop_oneof![
                2 => prop::collection::vec(pick(PARAMETERS), 0..2),
                1 => prop::collection::vec(pick(PARAMETERS), 0..4),
            ],
            pick(WHERE_CLAUSES),
            prop::sample::select(OUTPUTS),
        ),
    )
        .prop_map(
            |(
                (before, on, after),
                qualifiers,
                (generics, receiver, parameters, where_clause, output),
            )| Signature {
                before,
                on,
                after,
                qualifiers,
                generics,
                receiver,
                parameters,
                where_clause,
                output,
            },
        )
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// Arguments and item both random token trees: the item is almost never an impl block, so
    /// this is mostly the "kept as it was" property, and the argument parser on anything.
    #[test]
    fn random_tokens_never_panic(args in token_stream(8), item in token_stream(8)) {
        check_widget(&args, &item)?;
    }

    /// An `impl` block with random self type and random contents.
    #[test]
    fn random_impl_blocks_never_panic(
        args in widget_args(),
        (generics, self_ty) in impl_header(),
        random_self_ty in token_stream(3),
        body in token_stream(10),
    ) {
        check_widget(&args, &quote!(impl #generics #self_ty { #body }))?;
        check_widget(&args, &quote!(impl #random_self_ty { #body }))?;
    }

    /// Widgets whose attributes and macro calls hold random tokens, where Rust takes any
    /// tokens: always an inherent impl block, so the output must parse.
    #[test]
    fn random_tokens_inside_a_widget_never_panic(
        args in widget_args(),
        (generics, self_ty) in impl_header(),
        on_args in token_stream(5),
        delimiter in prop::sample::select(
            &[Delimiter::Parenthesis, Delimiter::Brace, Delimiter::Bracket][..],
        ),
        other in token_stream(4),
        body in token_stream(6),
    ) {
        let on_group = Group::new(delimiter, on_args.clone());
        let item = quote! {
            impl #generics #self_ty {
                #[on(#on_args)]
                fn first(&mut self) {}
                #[on #on_group]
                fn second(&self, call: CallRinging) -> Result<(), String> { m!(#body); Ok(()) }
                #[desk_runtime::on(#on_args)]
                #[allow(#other)]
                fn third(&self) { m!(#body); }
                #[on(#on_args)]
                const C: () = ();
                #[on(#other)]
                m!(#body);
            }
        };
        prop_assert!(is_inherent_impl(&item), "not an impl block: {}", item);
        check_widget(&args, &item)?;
    }

    /// Method bodies are carried through as they are, unread: whatever they hold (Rust or
    /// not), the expansion is the widget's without them, and they come out unchanged.
    #[test]
    fn method_bodies_are_carried_through_unread(body in token_stream(10)) {
        let args = quote!(location = "desk.ticket.detail.rightpanel");
        let item = quote! {
            impl Panel {
                #[on("call.ringing")]
                fn ringing(&mut self, call: CallRinging) { #body }
                #[on("ticket_owner.changed")]
                fn owner(&mut self) { #body }
                fn helper(&self) -> u8 { #body }
            }
        };
        let output = run(desk_codegen::desk_widget, &args, &item)?;
        let reference = run(desk_codegen::desk_widget, &args, &blank(&item))?;
        prop_assert_eq!(blank(&output).to_string(), blank(&reference).to_string());
        let output_bodies = bodies(&output);
        prop_assert_eq!(output_bodies.len(), 3);
        prop_assert_eq!(&output_bodies[0], &body.to_string());
        // The deprecated event's warning comes first, then the body as written.
        prop_assert!(output_bodies[1].ends_with(&body.to_string()), "{}", output_bodies[1]);
        prop_assert_eq!(&output_bodies[2], &body.to_string());
    }

    /// `#[on]` outside a widget: one error, then the item as it was.
    #[test]
    fn on_outside_a_widget_never_panics(args in token_stream(6), item in token_stream(8)) {
        let output = run(desk_codegen::on, &args, &item)?;
        check_item_kept(&output, &item, Some(1))?;
    }

    /// One handler, at a near-valid location, for a near-valid event: an error exactly when
    /// the catalog (or the payload rule) refuses it.
    #[test]
    fn one_handler_is_refused_exactly_when_the_catalog_refuses_it(
        (location, event) in location_and_event(),
        unchecked in prop::bool::weighted(0.2),
        payload in payload(),
    ) {
        check_single_handler(&location, &event, unchecked, payload)?;
    }

    /// Random handler signatures and attributes on a valid widget: an error exactly when the
    /// handler rules refuse the signature.
    #[test]
    fn handler_signatures_are_refused_exactly_when_the_rules_say(signature in signature()) {
        let handler = TokenStream::from_str(&signature.source())
            .map_err(|error| TestCaseError::fail(format!("{error}: {}", signature.source())))?;
        let item = quote!(impl W { #handler });
        let expansion = check_widget(&quote!(location = "desk.bottomband"), &item)?
            .ok_or_else(|| TestCaseError::fail("not read as a widget"))?;
        prop_assert_eq!(
            expansion.errors.is_empty(),
            signature.accepted(),
            "{}: {:?}",
            signature.source(),
            expansion.errors
        );
        // An extra `#[on]` is an error, yet the handler subscribes to the first one's event
        // when that one is valid: only the accepted and the misshapen cases are certain.
        if signature.accepted() {
            prop_assert_eq!(expansion.subscriptions, ["call.ringing"]);
        } else if !signature.shape_accepted() {
            prop_assert_eq!(expansion.subscriptions, Vec::<String>::new());
        }
    }
}

proptest! {
    #![proptest_config(config(12))]

    /// Hundreds of handlers, duplicates among them: one error per refused location, refused
    /// handler and second handler of an event; the accepted ones subscribed in order.
    #[test]
    fn many_handlers_are_each_checked(
        location in near(location_names()),
        handlers in prop::collection::vec(
            (near(event_names()), prop::bool::weighted(0.1)),
            0..300,
        ),
    ) {
        let known_location = catalog_location(&location);
        let mut expected_errors = usize::from(known_location.is_none());
        let mut expected: Vec<String> = Vec::new();
        for (event, unchecked) in &handlers {
            if delivered(event, *unchecked, known_location).is_none() || expected.contains(event) {
                expected_errors += 1;
            } else {
                expected.push(event.clone());
            }
        }
        let methods = handlers.iter().enumerate().map(|(i, (event, unchecked))| {
            let on = on_attribute(event, *unchecked);
            let name = format_ident!("handle_{i}");
            quote!(#on fn #name(&mut self) {})
        });
        let item = quote!(impl W { #(#methods)* });
        let expansion = check_widget(&quote!(location = #location), &item)?
            .ok_or_else(|| TestCaseError::fail("not read as a widget"))?;
        prop_assert_eq!(expansion.errors.len(), expected_errors, "{:?}", expansion.errors);
        prop_assert_eq!(expansion.subscriptions, expected);
    }
}

proptest! {
    #![proptest_config(config(2))]

    /// A 10,000-character location or event. Few cases: the suggestion search costs the
    /// name's length times each candidate's, about half a second per name in a debug build.
    #[test]
    fn long_names_are_checked_like_others(
        long_location in long_name(location_names()),
        long_event in long_name(event_names()),
        location in near(location_names()),
        event in near(event_names()),
        long_is_location in any::<bool>(),
        unchecked in any::<bool>(),
    ) {
        let (location, event) = if long_is_location {
            (long_location, event)
        } else {
            (location, long_event)
        };
        check_single_handler(&location, &event, unchecked, Payload::None)?;
    }
}

/// Hand-picked edge cases the strategies reach only by luck.
#[test]
fn edge_cases() {
    let cases: Vec<(TokenStream, TokenStream)> = vec![
        (quote!(), quote!()),
        (
            TokenStream::from_str("location = \"\0\"").unwrap(),
            quote!(impl W {}),
        ),
        (
            quote!(location = "desk.bottomband"),
            quote!(impl W { fn f(); }),
        ),
        (
            quote!(location = "desk.bottomband"),
            quote!(unsafe impl W {}),
        ),
        (
            quote!(location = "desk.bottomband"),
            quote!(
                impl<T> W<T> {}
            ),
        ),
        (quote!(location = "desk.bottomband"), quote!(impl dyn W {})),
        (
            quote!(location = "desk.bottomband"),
            quote!(impl W { #[on("ticket_owner.changed")] fn f(&self) {} }),
        ),
        (
            quote!(location = "desk.bottomband"),
            quote!(impl W { #[on("ticket_owner.changed")] const fn f(&self) {} }),
        ),
        (
            quote!(location = "desk.bottomband"),
            quote!(impl W { #[on("ticket_owner.changed")] #[on("ticket_owner.changed")] fn f(&self) {} }),
        ),
        (
            quote!(location = "desk.bottomband"),
            TokenStream::from_iter([TokenTree::Group(Group::new(
                Delimiter::None,
                quote!(impl W { #[on("call.ringing")] fn f(&self) {} }),
            ))]),
        ),
        (
            TokenStream::from_iter([TokenTree::Group(Group::new(
                Delimiter::None,
                quote!(location = "desk.bottomband"),
            ))]),
            quote!(impl W {}),
        ),
        // Suffixed string literals: the suffix is dropped from the location and kept on the
        // event, where rustc refuses it.
        (
            TokenStream::from_str("location = \"desk.bottomband\"suffix").unwrap(),
            TokenStream::from_str("impl W { #[on(\"call.ringing\"suffix)] fn f(&self) {} }")
                .unwrap(),
        ),
    ];
    for (args, item) in cases {
        let result = check_widget(&args, &item);
        assert!(
            result.is_ok(),
            "`{args}` / `{item}`: {result:?}",
            result = result.err()
        );
    }
}
