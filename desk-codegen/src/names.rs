//! One name, one handler: the wire names a widget's handlers are delivered under must differ,
//! or the host would subscribe to a name twice and every delivery would reach one handler
//! twice. `validate` refuses the names it can read; a message's name lives on its type's
//! `#[derive(Message)]`, out of the macro's sight, so the widget's expansion has the compiler
//! compare it instead, in constants that fail to evaluate at the colliding handler, with the
//! names that can be it: the derive (the only way to implement `Message`) refuses the
//! catalog's events and hooks, `extension.onload` and the host's own names (a click's, a
//! modal's input), which leaves another message's and an `unchecked` event's or hook's.

use crate::validate::{Subscription, Wire};
use proc_macro2::{TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{GenericParam, Generics, Ident, LitStr};

/// The prefixes of the names the host delivers its own events under: a modal's handshake
/// (`desk-runtime:modal.input`) and clicks (`click:log`).
const HOST_PREFIXES: [&str; 2] = ["desk-runtime:", "click:"];

/// Why a name with one of [`HOST_PREFIXES`] is refused.
pub(crate) const HOSTS: &str = "names starting `desk-runtime:` or `click:` are the host's own";

/// Whether `name` is in the host's namespace.
pub(crate) fn is_hosts(name: &str) -> bool {
    HOST_PREFIXES.iter().any(|prefix| name.starts_with(prefix))
}

/// The compile-time comparisons of each message's name with every other handler's: constant
/// items, and inline constants for `dispatch` where a message's type names a generic parameter
/// of the impl (a constant item cannot), which the compiler evaluates once the widget is used.
pub(crate) fn checks(
    subscriptions: &[Subscription],
    generics: &Generics,
) -> (TokenStream, TokenStream) {
    let mut items = TokenStream::new();
    let mut inline = TokenStream::new();
    if !subscriptions.iter().any(|s| unchecked_name(s).is_some()) {
        return (items, inline);
    }
    // Each handler's name and description once, not once per pair: the macro runs on every
    // build (BENCHMARKS.md, 2).
    let names: Vec<TokenStream> = subscriptions.iter().map(wire_name).collect();
    let handled: Vec<String> = subscriptions.iter().map(handled).collect();
    for (index, later) in subscriptions.iter().enumerate() {
        for (earlier_index, earlier) in subscriptions[..index].iter().enumerate() {
            if !may_collide(earlier, later) {
                continue;
            }
            let (a, b) = (&names[earlier_index], &names[index]);
            let message = collision(earlier, &handled[earlier_index], later, &handled[index])
                .replace('{', "{{")
                .replace('}', "}}");
            let span = match &later.wire {
                Wire::Name(lit) | Wire::Click(lit) => lit.span(),
                Wire::Message(ty) => ty.span(),
                Wire::Open => later.method.span(),
            };
            let check = quote_spanned! {span=>
                ::core::assert!(!::desk_runtime::__private::same_name(#a, #b), #message)
            };
            if [earlier, later].iter().any(|s| is_generic(s, generics)) {
                inline.extend(quote_spanned!(span=> const { #check };));
            } else {
                items.extend(quote_spanned!(span=> const _: () = #check;));
            }
        }
    }
    (items, inline)
}

/// `Some(true)` for a message, `Some(false)` for an `unchecked` event or hook: the names the
/// macro cannot tell apart from a message's.
fn unchecked_name(subscription: &Subscription) -> Option<bool> {
    match subscription.wire {
        Wire::Message(_) => Some(true),
        Wire::Name(_) if subscription.unchecked => Some(false),
        _ => None,
    }
}

/// Whether the two handlers' names may be the same for all the macro knows: a message's and
/// another message's or an `unchecked` name.
fn may_collide(a: &Subscription, b: &Subscription) -> bool {
    matches!(
        (unchecked_name(a), unchecked_name(b)),
        (Some(true), Some(_)) | (Some(_), Some(true))
    )
}

/// The name `subscription` is delivered under, as a constant expression.
fn wire_name(subscription: &Subscription) -> TokenStream {
    match &subscription.wire {
        Wire::Name(lit) => quote!(#lit),
        Wire::Click(lit) => {
            let name = LitStr::new(&subscription.name, lit.span());
            quote!(#name)
        }
        Wire::Message(ty) => quote!(<#ty as ::desk_runtime::Message>::NAME),
        Wire::Open => quote!(::desk_runtime::modal::MODAL_INPUT),
    }
}

/// What the compiler says when the two handlers' names are the same, given what each handles.
fn collision(earlier: &Subscription, was: &str, later: &Subscription, is: &str) -> String {
    let renamed =
        if matches!(earlier.wire, Wire::Message(_)) && matches!(later.wire, Wire::Message(_)) {
            "one of the messages"
        } else {
            "the message"
        };
    format!(
        "{is} has the wire name of {was}: a widget handles each name once, so give {renamed} a \
         name of its own, `#[message(name = \"...\")]`"
    )
}

/// What a handler handles, for messages: "the message `CallerFound` (taken by `found`)".
fn handled(subscription: &Subscription) -> String {
    let (name, method) = (&subscription.name, &subscription.method);
    match &subscription.wire {
        Wire::Message(_) => format!("the message `{name}` (taken by `{method}`)"),
        Wire::Name(_) if subscription.otherwise.is_some() => {
            format!("the hook `{name}` (handled by `{method}`)")
        }
        Wire::Name(_) => format!("the event `{name}` (handled by `{method}`)"),
        Wire::Click(_) => format!("the click `{name}` (handled by `{method}`)"),
        Wire::Open => format!("the modal's input (taken by `{method}`)"),
    }
}

/// Whether a message handler's type names a generic parameter of the impl.
fn is_generic(subscription: &Subscription, generics: &Generics) -> bool {
    let Wire::Message(ty) = &subscription.wire else {
        return false;
    };
    let params: Vec<&Ident> = generics
        .params
        .iter()
        .filter_map(|param| match param {
            GenericParam::Type(param) => Some(&param.ident),
            GenericParam::Const(param) => Some(&param.ident),
            GenericParam::Lifetime(_) => None,
        })
        .collect();
    !params.is_empty() && mentions(quote!(#ty), &params)
}

fn mentions(tokens: TokenStream, params: &[&Ident]) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => params.iter().any(|param| ident == **param),
        TokenTree::Group(group) => mentions(group.stream(), params),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}
