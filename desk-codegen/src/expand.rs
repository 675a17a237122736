//! Step three: the user's impl block, untouched but for the `#[on]` markers, and the `Widget`
//! implementation. It generates one match arm per handler and nothing else, since this code
//! is compiled in every widget crate.

use crate::validate::{Delivered, Subscription, Widget, Wire};
use crate::{names, raw};
use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ImplItem, ItemImpl, Stmt, parse_quote};

/// The user's block (printed back from its own tokens when `raw` has them) and the widget's
/// implementations.
pub(crate) fn widget(mut item: ItemImpl, raw: Option<raw::Impl>, widget: &Widget) -> TokenStream {
    let printed = if let Some(raw) = raw {
        print_raw(raw, widget)
    } else {
        annotate_handlers(&mut item, widget);
        quote!(#item)
    };
    let self_ty = &item.self_ty;
    let (impl_generics, _, where_clause) = item.generics.split_for_impl();
    let location = &widget.location;
    let marker = location_type(location);
    let subscribed = widget.subscriptions.iter().filter_map(subscribed);
    let hooks = widget.subscriptions.iter().filter_map(|s| {
        let otherwise = s.otherwise.as_ref()?;
        let name = &s.name;
        Some(quote! {
            ::desk_runtime::hook::HookPolicy {
                name: #name,
                otherwise: ::desk_runtime::hook::Otherwise::#otherwise,
            }
        })
    });
    let clicks = widget.subscriptions.iter().filter_map(|s| match &s.wire {
        Wire::Click(lit) => Some(lit),
        _ => None,
    });
    let handles = widget.subscriptions.iter().filter_map(|s| match &s.wire {
        Wire::Message(ty) => Some(quote_spanned! {ty.span()=>
            impl #impl_generics ::desk_runtime::Handles<#ty> for #self_ty #where_clause {}
        }),
        _ => None,
    });
    let modal = widget.modal.as_ref().map(|(input, output)| {
        quote! {
            impl #impl_generics ::desk_runtime::Modal for #self_ty #where_clause {
                type Input = #input;
                type Output = #output;
            }
        }
    });
    let is_modal = modal.is_some();
    let arms = widget.subscriptions.iter().map(arm);
    let used = |yes: bool, name: &str| {
        if yes {
            format_ident!("{name}")
        } else {
            format_ident!("_{name}")
        }
    };
    let payload = used(
        widget.subscriptions.iter().any(|s| s.payload.is_some()),
        "payload",
    );
    let desk = used(
        widget.subscriptions.iter().any(|s| s.desk.is_some()),
        "desk",
    );
    let talks_back = widget
        .subscriptions
        .iter()
        .any(|s| s.is_async || s.desk.is_some());
    let is_async = widget.subscriptions.iter().any(|s| s.is_async);
    let (name_checks, generic_name_checks) = names::checks(&widget.subscriptions, &item.generics);
    quote! {
        #printed

        impl #impl_generics ::desk_runtime::Widget for #self_ty #where_clause {
            const LOCATION: &'static str = #location;
            type Location = ::desk_runtime::location::#marker;
            const SUBSCRIPTIONS: &'static [&'static str] = &[#(#subscribed),*];
            const TALKS_BACK: bool = #talks_back;
            const ASYNC: bool = #is_async;
            const HOOKS: &'static [::desk_runtime::hook::HookPolicy] = &[#(#hooks),*];
            const CLICKS: &'static [&'static str] = &[#(#clicks),*];
            const MODAL: bool = #is_modal;

            fn dispatch<'__desk>(
                &'__desk mut self,
                event: &'__desk str,
                #payload: &'__desk str,
                #desk: &'__desk ::desk_runtime::Desk<Self>,
            ) -> ::desk_runtime::Dispatch<'__desk> {
                use ::desk_runtime::__private as __desk;
                #generic_name_checks
                __desk::dispatch(move || match event {
                    #(#arms)*
                    _ => __desk::not_subscribed(event),
                })
            }
        }

        #(#handles)*
        #modal
        #name_checks
    }
}

/// Marks the user's handlers: a deprecated event's warning, and leave to take the payload by
/// value.
fn annotate_handlers(item: &mut ItemImpl, widget: &Widget) {
    let allow = allow_by_value();
    let allow_by_value: Attribute = parse_quote!(#allow);
    for subscription in &widget.subscriptions {
        let Some(ImplItem::Fn(method)) = item.items.get_mut(subscription.index) else {
            continue;
        };
        if let Some(warning) = warning(subscription) {
            method
                .block
                .stmts
                .insert(0, Stmt::Expr(Expr::Verbatim(warning), None));
        }
        if subscription.payload.is_some() {
            method.attrs.push(allow_by_value.clone());
        }
    }
}

/// The block as it came, its handlers marked as [`annotate_handlers`] marks them.
fn print_raw(raw: raw::Impl, widget: &Widget) -> TokenStream {
    let mut handlers: Vec<Option<&Subscription>> = vec![None; raw.methods.len()];
    for subscription in &widget.subscriptions {
        if let Some(slot) = handlers.get_mut(subscription.index) {
            *slot = Some(subscription);
        }
    }
    let allow = allow_by_value();
    let mut methods = TokenStream::new();
    for (method, subscription) in raw.methods.into_iter().zip(handlers) {
        methods.extend(method.attrs);
        let mut body = method.body;
        if let Some(subscription) = subscription {
            if subscription.payload.is_some() {
                methods.extend(allow.clone());
            }
            if let Some(warning) = warning(subscription) {
                body = first_statement(&body, warning);
            }
        }
        methods.extend(method.signature);
        methods.extend([TokenTree::Group(body)]);
    }
    let mut block = Group::new(Delimiter::Brace, methods);
    block.set_span(raw.body.span());
    let mut printed = raw.header;
    printed.extend([TokenTree::Group(block)]);
    printed
}

/// `body` with `statement` first, after the inner attributes (`#![allow(...)]`) that must stay
/// first.
fn first_statement(body: &Group, statement: TokenStream) -> Group {
    let trees: Vec<TokenTree> = body.stream().into_iter().collect();
    // Each inner attribute is `#`, `!`, `[...]`.
    let inner = trees
        .chunks(3)
        .take_while(|tree| {
            matches!(tree, [TokenTree::Punct(hash), TokenTree::Punct(bang), TokenTree::Group(_)]
                if hash.as_char() == '#' && bang.as_char() == '!')
        })
        .count();
    let mut trees = trees.into_iter();
    let mut stream: TokenStream = trees.by_ref().take(3 * inner).collect();
    stream.extend(statement);
    stream.extend(trees);
    let mut block = Group::new(Delimiter::Brace, stream);
    block.set_span(body.span());
    block
}

/// Handlers take their payload by value (dispatch moves it in), which clippy's pedantic
/// `needless_pass_by_value` would flag in every widget.
fn allow_by_value() -> TokenStream {
    quote!(#[allow(clippy::needless_pass_by_value)])
}

/// The statement a deprecated event's handler starts with.
fn warning(subscription: &Subscription) -> Option<TokenStream> {
    match (subscription.replaced_by, &subscription.wire) {
        (Some(replacement), Wire::Name(event)) => {
            Some(deprecation(event, &subscription.name, replacement))
        }
        _ => None,
    }
}

/// The name a subscription is registered under with `App.instance.on`; clicks are not.
fn subscribed(subscription: &Subscription) -> Option<TokenStream> {
    match &subscription.wire {
        Wire::Name(lit) => Some(quote!(#lit)),
        // Spanned at the type: one that is not a `Message` is reported there.
        Wire::Message(ty) => {
            Some(quote_spanned!(ty.span()=> <#ty as ::desk_runtime::Message>::NAME))
        }
        Wire::Open => Some(quote!(::desk_runtime::modal::MODAL_INPUT)),
        Wire::Click(_) => None,
    }
}

/// The type of `location` in `desk_runtime::location`: its name with `_` for `.`.
fn location_type(location: &str) -> Ident {
    if location == crate::validate::MODAL {
        return Ident::new("modal", Span::call_site());
    }
    let name = match desk_catalog::location(location) {
        Ok(desk_catalog::LocationRef::Fixed(fixed)) => fixed.name.replace('.', "_"),
        Ok(desk_catalog::LocationRef::CustomModuleSubtab { .. }) => {
            "desk_custom_module_detail_subtab".to_owned()
        }
        // Already reported by `validate`.
        Err(_) => "__unknown".to_owned(),
    };
    Ident::new(&name, Span::call_site())
}

/// `"call.ringing" => handler call`, the payload decoded into the handler's parameter type: a
/// result for a handler, a future for an `async` one. One call per arm, in `dispatch`'s closure
/// that returns `__private::Arm`: a payload that does not decode leaves with `?`. Its paths go
/// through `__desk`, `dispatch`'s name for `::desk_runtime::__private`.
fn arm(subscription: &Subscription) -> TokenStream {
    let event = match &subscription.wire {
        Wire::Name(lit) => quote!(#lit),
        Wire::Click(lit) => {
            let name = syn::LitStr::new(&subscription.name, lit.span());
            quote!(#name)
        }
        Wire::Message(ty) => quote!(name if name == <#ty as __desk::Message>::NAME),
        Wire::Open => quote!(name if name == __desk::modal::MODAL_INPUT),
    };
    let method = &subscription.method;
    let decoded = subscription.payload.as_ref().map(|param| {
        let declared = &param.declared;
        let delivered = match param.delivered {
            Delivered::Typed(name) => {
                let name = Ident::new(name, Span::call_site());
                quote!(__desk::events::#name)
            }
            Delivered::Hook(name) => {
                let name = Ident::new(name, Span::call_site());
                quote!(__desk::hook::#name)
            }
            Delivered::Json => quote!(__desk::json::Value),
            Delivered::App => quote!(__desk::App),
            Delivered::Serde => return quote!(__desk::serde::<#declared>(event, payload)?),
        };
        quote!(__desk::payload::<#declared, #delivered>(event, payload)?)
    });
    // An `async` handler's payload is decoded before its future starts: a payload that does
    // not decode fails at once.
    let (before, decoded) = match (subscription.is_async, decoded) {
        (true, Some(decoded)) => (Some(quote!(let decoded = #decoded;)), Some(quote!(decoded))),
        (_, decoded) => (None, decoded),
    };
    let arguments = match (decoded, subscription.desk) {
        (Some(decoded), Some(desk)) if desk.first => quote!(desk, #decoded),
        (Some(decoded), Some(_)) => quote!(#decoded, desk),
        (Some(decoded), None) => decoded,
        (None, Some(_)) => quote!(desk),
        (None, None) => TokenStream::new(),
    };
    let awaited = subscription.is_async.then(|| quote!(.await));
    let call = quote!(self.#method(#arguments) #awaited);
    // Spanned at the return type, so that a type that is neither `()` nor
    // `Result<(), E: Display>` (a `Verdict` for a hook) is reported there.
    let span = subscription.output.unwrap_or_else(Span::call_site);
    let report = match (subscription.is_async, subscription.otherwise.is_some()) {
        (false, false) => quote_spanned!(span=> __desk::done_output),
        (false, true) => quote_spanned!(span=> __desk::done_verdict),
        (true, false) => quote_spanned!(span=> __desk::output),
        (true, true) => quote_spanned!(span=> __desk::verdict),
    };
    let report = match subscription.output {
        None => quote!(#report(event, #call)),
        Some(span) => {
            let report = quote_spanned!(span=> #report(event, output));
            quote!({ let output = #call; #report })
        }
    };
    if subscription.is_async {
        quote! {
            #event => { #before __desk::pending(async move { #report }) }
        }
    } else {
        quote! { #event => #report, }
    }
}

/// A statement that makes rustc warn, at the event's literal, that the event is deprecated: a
/// real `deprecated` warning, silenced the usual way with `#[allow(deprecated)]`.
fn deprecation(event: &syn::LitStr, name: &str, replacement: &str) -> TokenStream {
    // Named after the event, for the warning's sake: "use of deprecated constant
    // `Widget::handler::ticket_owner_changed`".
    let marker = syn::parse_str::<Ident>(&name.replace('.', "_"))
        .unwrap_or_else(|_| format_ident!("deprecated_event"));
    let used = Ident::new(&marker.to_string(), event.span());
    let note = format!(
        "the platform replaces `{name}` with `{replacement}`, which delivers the same payload: \
         subscribe to `{replacement}` instead"
    );
    quote! {{
        #[deprecated(note = #note)]
        #[allow(non_upper_case_globals)]
        const #marker: () = ();
        #used
    };}
}
