//! Step one: from tokens to the widget's syntax (location literal, handlers and their event
//! literals), reporting malformed attributes. Nothing here knows the catalog.

use crate::errors::Errors;
use crate::raw;
use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{
    Attribute, Block, Expr, FnModifiers, Ident, ImplItem, ImplItemFn, Item, ItemImpl, Lit, LitStr,
    Meta, Stmt, Token, braced, token,
};

/// The arguments of `#[desk_widget(...)]`.
pub(crate) struct Args {
    /// The `location = "..."` literal, if one was given.
    pub location: Option<LitStr>,
    /// `modal`: the widget is a modal page, which has no location.
    pub modal: Option<Span>,
    /// A modal's `output = T`.
    pub output: Option<syn::Type>,
}

/// The impl block under `#[desk_widget]`, its `#[on]` attributes taken out.
pub(crate) struct WidgetImpl {
    pub item: ItemImpl,
    pub handlers: Vec<Handler>,
    /// The block as it came, when it holds methods only: printed back from it.
    pub raw: Option<raw::Impl>,
}

/// A method marked with one of the handler attributes.
pub(crate) struct Handler {
    /// Where the method is in `WidgetImpl::item.items`.
    pub index: usize,
    pub kind: Kind,
}

/// What a handler handles.
pub(crate) enum Kind {
    /// `#[on("event")]`, `#[on("event", unchecked)]` for one outside the catalog.
    Event { event: LitStr, unchecked: bool },
    /// `#[hook("hook", [unchecked,] otherwise = allow | deny)]`.
    Hook {
        hook: LitStr,
        unchecked: bool,
        /// `allow` or `deny`, if given.
        otherwise: Option<Ident>,
    },
    /// `#[on_message]`: the message its parameter's type is.
    Message(Span),
    /// `#[on_open]`: a modal's input.
    Open(Span),
    /// `#[on_click("name")]`: the page's element with `data-click="name"`.
    Click(LitStr),
}

impl Kind {
    /// An event or hook outside the catalog (`unchecked`).
    pub(crate) fn is_unchecked(&self) -> bool {
        matches!(
            self,
            Kind::Event {
                unchecked: true,
                ..
            } | Kind::Hook {
                unchecked: true,
                ..
            }
        )
    }
}

/// The handler attributes, by name.
pub(crate) const ATTRIBUTES: [&str; 5] = ["on", "hook", "on_message", "on_open", "on_click"];

const LOCATION_EXAMPLE: &str = "location = \"desk.ticket.detail.rightpanel\"";

/// Parses `location = "..."`, reporting every malformed or unknown argument.
pub(crate) fn args(tokens: TokenStream, errors: &mut Errors) -> Args {
    let mut location: Option<LitStr> = None;
    let mut modal = None;
    let mut output = None;
    // Whether an argument was refused (misspelt, malformed): the location it may have meant is
    // not also reported missing.
    let mut refused = false;
    let parser = |input: ParseStream| {
        while !input.is_empty() {
            let before = errors.len();
            // `#[desk_widget("desk.bottomband")]`: take it as the location, and say how to write it.
            if input.peek(LitStr) {
                let lit: LitStr = input.parse()?;
                errors.push(syn::Error::new(
                    lit.span(),
                    format!(
                        "name the argument: `#[desk_widget(location = {})]`",
                        lit.token()
                    ),
                ));
                location.get_or_insert(lit);
            } else if input.peek(Ident::peek_any)
                && input.peek2(Token![:])
                && !input.peek2(Token![::])
            {
                // `location: "..."`, as in a struct literal.
                let key = input.call(Ident::parse_any)?;
                let colon: Token![:] = input.parse()?;
                let _: Expr = input.parse()?;
                errors.push(syn::Error::new(
                    colon.span,
                    format!(
                        "write `=`, not `:`: `#[desk_widget({} = ...)]`",
                        key.unraw()
                    ),
                ));
            } else if input.peek(Ident::peek_any)
                && input.peek2(Token![=])
                && input.fork().call(Ident::parse_any)?.unraw() == "output"
            {
                let key = input.call(Ident::parse_any)?;
                input.parse::<Token![=]>()?;
                let ty: syn::Type = input.parse()?;
                if output.is_some() {
                    errors.push(syn::Error::new(key.span(), "`output` is given twice"));
                }
                output = Some((key.span(), ty));
            } else {
                let meta: Meta = input.parse()?;
                argument(meta, &mut location, &mut modal, errors);
            }
            refused |= errors.len() > before;
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(())
    };
    if let Err(error) = parser.parse2(tokens) {
        errors.push(error);
    } else if let (Some(_), Some(location)) = (modal, &location) {
        errors.push(syn::Error::new(
            location.span(),
            "a modal has no location: it is a page the extension opens (`#[desk_widget(modal)]`)",
        ));
    } else if let (None, Some((span, _))) = (modal, &output) {
        errors.push(syn::Error::new(
            *span,
            "`output` is a modal's result: `#[desk_widget(modal, output = ...)]`",
        ));
    } else if !refused && location.is_none() && modal.is_none() {
        errors.push(syn::Error::new(
            Span::call_site(),
            format!(
                "`#[desk_widget]` needs the widget's location: `#[desk_widget({LOCATION_EXAMPLE})]`, \
                 or `#[desk_widget(modal)]` for a modal"
            ),
        ));
    }
    Args {
        location,
        modal,
        output: output.map(|(_, ty)| ty),
    }
}

/// `#[desk_widget]`'s arguments, for the messages of one it does not take.
const ARGUMENTS: [&str; 3] = ["location", "modal", "output"];

/// One `key = value` or `key` argument: `location = "..."` or `modal`.
fn argument(
    meta: Meta,
    location: &mut Option<LitStr>,
    modal: &mut Option<Span>,
    errors: &mut Errors,
) {
    let key = meta
        .path()
        .get_ident()
        .map(|ident| ident.unraw().to_string())
        .unwrap_or_default();
    match (key.as_str(), meta) {
        ("modal", Meta::Path(path)) => {
            if modal.is_some() {
                errors.push(syn::Error::new_spanned(&path, "`modal` is given twice"));
            }
            *modal = Some(path.span());
        }
        ("modal", other) => {
            errors.push(syn::Error::new_spanned(
                other,
                "`modal` takes no value: `#[desk_widget(modal)]`",
            ));
            *modal = Some(Span::call_site());
        }
        ("location", Meta::NameValue(pair)) => match pair.value {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(lit), ..
            }) => {
                if !lit.suffix().is_empty() {
                    errors.push(syn::Error::new(
                        lit.span(),
                        format!("a location takes no suffix: `{LOCATION_EXAMPLE}`"),
                    ));
                } else if location.is_some() {
                    errors.push(syn::Error::new(
                        lit.span(),
                        "the location is given twice: a widget has exactly one location",
                    ));
                } else {
                    *location = Some(lit);
                }
            }
            value => errors.push(syn::Error::new_spanned(
                value,
                format!("the location must be a string literal: `{LOCATION_EXAMPLE}`"),
            )),
        },
        ("location", other) => errors.push(syn::Error::new_spanned(
            other,
            format!("`location` needs a value: `{LOCATION_EXAMPLE}`"),
        )),
        (key, other) => {
            let meant = desk_catalog::suggest(key, ARGUMENTS)
                .map(|meant| format!("did you mean `{meant}`? "))
                .unwrap_or_default();
            errors.push(syn::Error::new_spanned(
                other.path(),
                format!(
                    "unknown argument; {meant}`#[desk_widget]` takes `{LOCATION_EXAMPLE}`, or \
                     `modal` and `output = T` for a modal"
                ),
            ));
        }
    }
}

/// Parses the item under `#[desk_widget]`. Anything but an inherent impl block is an error, and
/// is handed back as it was so that the user's code still exists.
pub(crate) fn widget_impl(
    tokens: TokenStream,
    errors: &mut Errors,
) -> Result<WidgetImpl, TokenStream> {
    let (mut item, raw) = match parse_item(tokens.clone()) {
        Ok((Item::Impl(item), raw)) => match &item.trait_ {
            None => (item, raw),
            Some((path, _)) => {
                errors.push(syn::Error::new_spanned(
                    path,
                    "`#[desk_widget]` goes on an inherent impl block of the widget's type \
                     (`impl MyWidget { ... }`), not on a trait impl: it implements `Widget` itself",
                ));
                return Err(tokens);
            }
        },
        Ok((other, _)) => {
            errors.push(syn::Error::new(
                item_keyword_span(&other),
                "`#[desk_widget]` goes on an inherent impl block of the widget's state type: \
                 `#[desk_widget(location = \"...\")] impl MyWidget { #[on(\"...\")] fn ... }`",
            ));
            return Err(tokens);
        }
        // Not Rust, which the compiler says when it reads the block handed back: without its
        // handler attributes, which would each say the block lacks `#[desk_widget]`.
        Err(_) => return Err(without_handler_attributes(tokens)),
    };
    let mut handlers = Vec::new();
    for (index, member) in item.items.iter_mut().enumerate() {
        let attrs = match member {
            ImplItem::Fn(method) => {
                if let Some(kind) = take_handler_attribute(&mut method.attrs, errors) {
                    handlers.push(Handler { index, kind });
                }
                continue;
            }
            // What `syn` reads as no item (a method without a body): the compiler says why.
            ImplItem::Verbatim(tokens) => {
                *tokens = strip_handler_attributes(std::mem::take(tokens));
                continue;
            }
            ImplItem::Const(item) => &mut item.attrs,
            ImplItem::Type(item) => &mut item.attrs,
            ImplItem::Macro(item) => &mut item.attrs,
            _ => continue,
        };
        for attr in take_handler_attributes(attrs) {
            errors.push(syn::Error::new_spanned(
                attr,
                "a handler attribute goes on a method",
            ));
        }
    }
    Ok(WidgetImpl {
        item,
        handlers,
        raw,
    })
}

/// The item with the handler attributes of its block (the last `{...}`) taken out.
fn without_handler_attributes(tokens: TokenStream) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    if let Some(TokenTree::Group(body)) = trees.last_mut()
        && body.delimiter() == Delimiter::Brace
    {
        let mut stripped = Group::new(Delimiter::Brace, strip_handler_attributes(body.stream()));
        stripped.set_span(body.span());
        *body = stripped;
    }
    trees.into_iter().collect()
}

/// `tokens` without the `#[...]` handler attributes at their top level.
fn strip_handler_attributes(tokens: TokenStream) -> TokenStream {
    let mut kept = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        if matches!(&tree, TokenTree::Punct(hash) if hash.as_char() == '#')
            && trees.peek().is_some_and(raw::names_a_handler)
        {
            trees.next();
            continue;
        }
        kept.push(tree);
    }
    kept.into_iter().collect()
}

/// Parses the item, keeping the bodies of an inherent impl block's methods as unparsed tokens,
/// and the block as it came when it holds methods only (`raw`).
///
/// The macro reads attributes and signatures only; parsing every statement of every method
/// into `syn`'s syntax tree and printing it back was most of its run time, and the macro runs
/// again on every build, since rustc does not cache proc-macro output (BENCHMARKS.md, 2).
/// The compiler parses the bodies anyway and reports their mistakes where they are.
fn parse_item(tokens: TokenStream) -> syn::Result<(Item, Option<raw::Impl>)> {
    let mut trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let Some(TokenTree::Group(body)) = trees.pop_if(
        |last| matches!(last, TokenTree::Group(group) if group.delimiter() == Delimiter::Brace),
    ) else {
        return Ok((syn::parse2(tokens)?, None));
    };
    let header: TokenStream = trees.into_iter().collect();
    // The header with an empty body: `impl<T> Panel<T> where ... {}`.
    let mut empty = Group::new(Delimiter::Brace, TokenStream::new());
    empty.set_span(body.span());
    let mut with_empty_body = header.clone();
    with_empty_body.extend([TokenTree::Group(empty)]);
    match syn::parse2::<Item>(with_empty_body) {
        Ok(Item::Impl(mut item)) if item.trait_.is_none() => {
            item.brace_token = token::Brace(body.delim_span());
            if let Some((items, raw)) = raw::split(header, body.clone()) {
                item.items = items;
                return Ok((Item::Impl(item), Some(raw)));
            }
            let (inner, items) = impl_body.parse2(body.stream())?;
            item.attrs.extend(inner);
            item.items = items;
            Ok((Item::Impl(item), None))
        }
        // Anything else is refused: read it whole, for the messages.
        _ => Ok((syn::parse2(tokens)?, None)),
    }
}

/// The inside of an impl block: inner attributes, then its items.
fn impl_body(input: ParseStream) -> syn::Result<(Vec<Attribute>, Vec<ImplItem>)> {
    let inner = input.call(Attribute::parse_inner)?;
    let mut items = Vec::new();
    while !input.is_empty() {
        let method = input.fork();
        if let Ok(parsed) = method_with_opaque_body(&method) {
            input.advance_to(&method);
            items.push(ImplItem::Fn(parsed));
        } else {
            // Constants, types, macros, `default fn`s, methods without a body: as `syn` reads them.
            items.push(input.parse()?);
        }
    }
    Ok((inner, items))
}

/// `#[attrs] vis fn name(...) -> T { body }`, the body's statements kept as tokens.
fn method_with_opaque_body(input: ParseStream) -> syn::Result<ImplItemFn> {
    let mut attrs = input.call(Attribute::parse_outer)?;
    let vis = input.parse()?;
    let sig = input.parse()?;
    let content;
    let brace_token = braced!(content in input);
    attrs.extend(content.call(Attribute::parse_inner)?);
    let statements = content.parse()?;
    Ok(ImplItemFn {
        attrs,
        vis,
        modifiers: FnModifiers::default(),
        sig,
        block: Block {
            brace_token,
            stmts: vec![Stmt::Expr(Expr::Verbatim(statements), None)],
        },
    })
}

/// The span that names an item: its keyword, such as `struct` or `fn`.
fn item_keyword_span(item: &Item) -> Span {
    match item {
        Item::Struct(item) => item.struct_token.span,
        Item::Enum(item) => item.enum_token.span,
        Item::Fn(item) => item.sig.fn_token.span,
        Item::Trait(item) => item.trait_token.span,
        Item::Mod(item) => item.mod_token.span,
        other => other.span(),
    }
}

/// Removes the method's handler attribute and returns what it handles.
fn take_handler_attribute(attrs: &mut Vec<Attribute>, errors: &mut Errors) -> Option<Kind> {
    let mut found = take_handler_attributes(attrs).into_iter();
    let first = found.next()?;
    for extra in found {
        errors.push(syn::Error::new_spanned(
            extra,
            "a handler handles one event: write another method for this one",
        ));
    }
    let name = first
        .path()
        .segments
        .last()
        .map(|segment| segment.ident.unraw().to_string())
        .unwrap_or_default();
    match name.as_str() {
        "on" => {
            on_arguments(&first, errors).map(|(event, unchecked)| Kind::Event { event, unchecked })
        }
        "hook" => hook_arguments(&first, errors),
        "on_message" => no_arguments(&first, errors).then(|| Kind::Message(first.path().span())),
        "on_open" => no_arguments(&first, errors).then(|| Kind::Open(first.path().span())),
        _ => click_arguments(&first, errors).map(Kind::Click),
    }
}

/// Removes and returns the handler attributes (`#[on]`, `#[desk_runtime::on]`, `#[hook]`, ...).
fn take_handler_attributes(attrs: &mut Vec<Attribute>) -> Vec<Attribute> {
    let (handlers, others) = std::mem::take(attrs).into_iter().partition(is_handler);
    *attrs = others;
    handlers
}

/// Whether `attr` is a handler attribute.
pub(crate) fn is_handler(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|segment| ATTRIBUTES.iter().any(|name| segment.ident.unraw() == name))
}

const ON_EXAMPLE: &str = "#[on(\"call.ringing\")]";
const HOOK_EXAMPLE: &str = "#[hook(\"ticket.reOpen\", otherwise = deny)]";

/// What an attribute names, for its messages: `(attribute, thing named, example)`.
type Names = (&'static str, &'static str, &'static str);
const ON: Names = ("on", "event", ON_EXAMPLE);
const HOOK: Names = ("hook", "hook", HOOK_EXAMPLE);
const CLICK: Names = ("on_click", "button", "#[on_click(\"log\")]");

/// The attribute's arguments, split at commas.
fn arguments(attr: &Attribute, names: Names, errors: &mut Errors) -> Option<Vec<Expr>> {
    let (attribute, thing, example) = names;
    let Meta::List(list) = &attr.meta else {
        errors.push(syn::Error::new_spanned(
            attr,
            format!("`#[{attribute}]` needs the {thing}'s name: `{example}`"),
        ));
        return None;
    };
    // The common case, the name alone (`#[on("call.ringing")]`), without the expression parser.
    if let Ok(name) = syn::parse2::<LitStr>(list.tokens.clone()) {
        return Some(vec![Expr::Lit(syn::ExprLit {
            attrs: Vec::new(),
            lit: Lit::Str(name),
        })]);
    }
    match Punctuated::<Expr, Token![,]>::parse_terminated.parse2(list.tokens.clone()) {
        Ok(arguments) => Some(arguments.into_iter().collect()),
        Err(error) => {
            errors.push(colon_for_equals(&list.tokens).unwrap_or(error));
            None
        }
    }
}

/// `key: value` where `key = value` is meant (`otherwise: deny`): the error at the colon.
fn colon_for_equals(tokens: &TokenStream) -> Option<syn::Error> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    trees.windows(3).find_map(|window| match window {
        [TokenTree::Ident(key), TokenTree::Punct(colon), next]
            if colon.as_char() == ':'
                && colon.spacing() == proc_macro2::Spacing::Alone
                && !matches!(next, TokenTree::Punct(p) if p.as_char() == ':') =>
        {
            Some(syn::Error::new(
                colon.span(),
                format!("write `=`, not `:`: `{key} = ...`"),
            ))
        }
        _ => None,
    })
}

/// The name literal an attribute starts with.
fn name(
    attr: &Attribute,
    first: Option<Expr>,
    names: Names,
    errors: &mut Errors,
) -> Option<LitStr> {
    let (attribute, thing, example) = names;
    match first {
        Some(Expr::Lit(syn::ExprLit {
            lit: Lit::Str(name),
            ..
        })) => Some(name),
        Some(other) => {
            errors.push(syn::Error::new_spanned(
                other,
                format!("the {thing}'s name comes first, as a string literal: `{example}`"),
            ));
            None
        }
        None => {
            errors.push(syn::Error::new_spanned(
                attr,
                format!("`#[{attribute}]` needs the {thing}'s name: `{example}`"),
            ));
            None
        }
    }
}

/// `#[on("event")]` or `#[on("event", unchecked)]`. `None` when an argument is refused: the
/// handler is then not checked further, so that its one mistake is its one error.
fn on_arguments(attr: &Attribute, errors: &mut Errors) -> Option<(LitStr, bool)> {
    let before = errors.len();
    let mut arguments = arguments(attr, ON, errors)?.into_iter();
    let event = name(attr, arguments.next(), ON, errors)?;
    let mut unchecked = false;
    for argument in arguments {
        match argument {
            Expr::Path(path) if path.path.is_ident("unchecked") => {
                if unchecked {
                    errors.push(syn::Error::new_spanned(path, "`unchecked` is given twice"));
                }
                unchecked = true;
            }
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(name),
                ..
            }) => errors.push(syn::Error::new(
                name.span(),
                "a handler handles one event: write another method for this one",
            )),
            other => errors.push(syn::Error::new_spanned(
                other,
                "unknown argument: `#[on]` takes the event's name, then optionally `unchecked` \
                 for an event outside the catalog",
            )),
        }
    }
    (errors.len() == before).then_some((event, unchecked))
}

/// `#[hook("hook", [unchecked,] otherwise = allow | deny)]`; `None` when an argument is
/// refused, as for `#[on]`.
fn hook_arguments(attr: &Attribute, errors: &mut Errors) -> Option<Kind> {
    let before = errors.len();
    let mut arguments = arguments(attr, HOOK, errors)?.into_iter();
    let hook = name(attr, arguments.next(), HOOK, errors)?;
    let mut unchecked = false;
    let mut otherwise = None;
    for argument in arguments {
        match argument {
            Expr::Path(path) if path.path.is_ident("unchecked") => {
                if unchecked {
                    errors.push(syn::Error::new_spanned(path, "`unchecked` is given twice"));
                }
                unchecked = true;
            }
            Expr::Assign(assign) if matches!(&*assign.left, Expr::Path(p) if p.path.is_ident("otherwise")) => {
                match &*assign.right {
                    Expr::Path(p) if p.path.is_ident("allow") || p.path.is_ident("deny") => {
                        if otherwise.is_some() {
                            errors.push(syn::Error::new_spanned(
                                &assign,
                                "`otherwise` is given twice: the host answers Desk one way",
                            ));
                        }
                        otherwise = p.path.get_ident().cloned();
                    }
                    other => errors.push(syn::Error::new_spanned(
                        other,
                        "`otherwise` is `allow` or `deny`: what the host answers Desk when the \
                         handler fails or has not answered in time",
                    )),
                }
            }
            other => errors.push(syn::Error::new_spanned(
                other,
                format!(
                    "unknown argument: `#[hook]` takes the hook's name, optionally `unchecked`, \
                     and `otherwise = allow | deny`: `{HOOK_EXAMPLE}`"
                ),
            )),
        }
    }
    (errors.len() == before).then_some(Kind::Hook {
        hook,
        unchecked,
        otherwise,
    })
}

/// `#[on_click("name")]`.
fn click_arguments(attr: &Attribute, errors: &mut Errors) -> Option<LitStr> {
    let mut arguments = arguments(attr, CLICK, errors)?.into_iter();
    let name = name(attr, arguments.next(), CLICK, errors)?;
    for extra in arguments {
        errors.push(syn::Error::new_spanned(
            extra,
            "`#[on_click]` takes the button's name only",
        ));
    }
    Some(name)
}

/// `#[on_message]` and `#[on_open]` take no arguments: the handler's parameter type says all.
fn no_arguments(attr: &Attribute, errors: &mut Errors) -> bool {
    if matches!(attr.meta, Meta::Path(_)) {
        return true;
    }
    errors.push(syn::Error::new_spanned(
        attr,
        "this attribute takes no arguments: the handler's parameter type is what it receives",
    ));
    false
}
