//! An impl block of methods, split at each method's body without reading it: `syn` reads each
//! method's attributes and signature only, and the expansion prints the block back from its
//! own tokens, less the handler attributes. The macro runs again on every build (rustc does
//! not cache proc-macro output, BENCHMARKS.md, 2): reading and printing only what it must is
//! what keeps an edit's rebuild close to the hand-written widget's.

use crate::parse::{ATTRIBUTES, is_handler};
use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Block, FnModifiers, ImplItem, ImplItemFn, token};

/// The impl block as it came.
pub(crate) struct Impl {
    /// `#[attrs] impl<T> Panel<T> where ...`: everything before the body.
    pub header: TokenStream,
    /// The body, for its span.
    pub body: Group,
    /// Its methods, in order.
    pub methods: Vec<Method>,
}

/// A method as it came, its handler attribute taken out.
pub(crate) struct Method {
    /// Its other attributes.
    pub attrs: TokenStream,
    /// `pub async fn name(...) -> T`.
    pub signature: TokenStream,
    /// `{ ... }`.
    pub body: Group,
}

/// The block's methods as `syn` reads them (each body kept as verbatim tokens) and as they
/// came, when every item of `body` is a method with a body. `None` for anything else (inner
/// attributes, constants, types, macros, methods without a body), which the caller reads with
/// `syn`.
pub(crate) fn split(header: TokenStream, body: Group) -> Option<(Vec<ImplItem>, Impl)> {
    let mut items = Vec::new();
    let mut methods = Vec::new();
    let mut tokens = Vec::new();
    for tree in body.stream() {
        match tree {
            TokenTree::Group(block) if block.delimiter() == Delimiter::Brace => {
                let (item, method) = method(std::mem::take(&mut tokens), block)?;
                items.push(item);
                methods.push(method);
            }
            TokenTree::Punct(ref punct) if punct.as_char() == ';' => return None,
            tree => tokens.push(tree),
        }
    }
    tokens.is_empty().then_some((
        items,
        Impl {
            header,
            body,
            methods,
        },
    ))
}

/// The method whose tokens before its body are `tokens`, if it is one. `syn` reads a copy of a
/// handler's attributes and signature, and nothing of another method (an empty
/// `ImplItem::Verbatim` holds its place); no body is read or copied (only the block as it came
/// is printed, `ImplItemFn::block` is left empty).
fn method(mut tokens: Vec<TokenTree>, body: Group) -> Option<(ImplItem, Method)> {
    let is_fn = tokens
        .iter()
        .any(|tree| matches!(tree, TokenTree::Ident(ident) if ident == "fn"));
    if !is_fn {
        return None;
    }
    // A method that handles nothing is printed back as it came, unread.
    if !tokens.iter().any(names_a_handler) {
        let method = Method {
            attrs: TokenStream::new(),
            signature: tokens.into_iter().collect(),
            body,
        };
        return Some((ImplItem::Verbatim(TokenStream::new()), method));
    }
    let item = header.parse2(tokens.iter().cloned().collect()).ok()?;
    // Each outer attribute is two trees, `#` and `[...]`, in the order `syn` read them.
    let signature: TokenStream = tokens.drain(2 * item.attrs.len()..).collect();
    let mut attrs = TokenStream::new();
    let mut pairs = tokens.into_iter();
    for attr in &item.attrs {
        let (hash, group) = (pairs.next()?, pairs.next()?);
        if !matches!(&hash, TokenTree::Punct(hash) if hash.as_char() == '#') {
            return None;
        }
        if !is_handler(attr) {
            attrs.extend([hash, group]);
        }
    }
    let method = Method {
        attrs,
        signature,
        body,
    };
    Some((ImplItem::Fn(item), method))
}

/// Whether `tree` is an attribute's `[...]` whose path ends with a handler attribute's name
/// (`[on("...")]`, `[desk_runtime::hook(...)]`), as [`is_handler`] reads a parsed attribute.
pub(crate) fn names_a_handler(tree: &TokenTree) -> bool {
    let TokenTree::Group(group) = tree else {
        return false;
    };
    if group.delimiter() != Delimiter::Bracket {
        return false;
    }
    let mut last = None;
    for tree in group.stream() {
        match tree {
            TokenTree::Ident(ident) => last = Some(ident),
            TokenTree::Punct(colon) if colon.as_char() == ':' => {}
            _ => break,
        }
    }
    last.is_some_and(|ident| ATTRIBUTES.iter().any(|name| ident.unraw() == name))
}

/// `#[attrs] vis fn name(...) -> T`: a method's header, its body left to the caller.
fn header(input: ParseStream) -> syn::Result<ImplItemFn> {
    Ok(ImplItemFn {
        attrs: input.call(Attribute::parse_outer)?,
        vis: input.parse()?,
        modifiers: FnModifiers::default(),
        sig: input.parse()?,
        block: Block {
            brace_token: token::Brace::default(),
            stmts: Vec::new(),
        },
    })
}
