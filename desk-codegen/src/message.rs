//! `#[derive(Message)]`: a message type's wire name, checked once where it is declared.

use crate::errors::Errors;
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{Attribute, Generics, Ident, Item, LitStr};

const EXAMPLE: &str = "#[message(name = \"caller.found\")]";

/// Expands `#[derive(Message)]` on a struct or enum: `impl desk_runtime::Message`.
pub fn message(input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let (ident, generics, attrs) = match syn::parse2::<Item>(input) {
        Ok(Item::Struct(item)) => (item.ident, item.generics, item.attrs),
        Ok(Item::Enum(item)) => (item.ident, item.generics, item.attrs),
        Ok(other) => {
            return syn::Error::new_spanned(other, "a message is a struct or an enum")
                .into_compile_error();
        }
        Err(error) => return error.into_compile_error(),
    };
    let name = wire_name(&ident, &attrs, &mut errors);
    let output = name.map(|name| implementation(&ident, &generics, &name));
    let errors = errors.into_compile_errors();
    quote!(#errors #output)
}

fn implementation(ident: &Ident, generics: &Generics, name: &LitStr) -> TokenStream {
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    quote! {
        impl #impl_generics ::desk_runtime::Message for #ident #type_generics #where_clause {
            const NAME: &'static str = #name;
        }
        impl #impl_generics ::desk_runtime::__private::DerivedMessage
            for #ident #type_generics #where_clause {}
    }
}

/// The `name` of `#[message(name = "...")]`, checked.
fn wire_name(ident: &Ident, attrs: &[Attribute], errors: &mut Errors) -> Option<LitStr> {
    let mut given = attrs.iter().filter(|attr| attr.path().is_ident("message"));
    let Some(attr) = given.next() else {
        errors.push(syn::Error::new(
            ident.span(),
            format!("a message needs its wire name: `{EXAMPLE}`"),
        ));
        return None;
    };
    // A second attribute is reported, not read: the first one's name still makes the impl, so
    // that code using the message reports nothing more.
    for again in given {
        errors.push(syn::Error::new_spanned(
            again,
            format!("`#[message]` is given twice: keep one, `{EXAMPLE}`"),
        ));
    }
    let mut name: Option<LitStr> = None;
    let parsed = attr.parse_nested_meta(|meta| {
        if !meta.path.is_ident("name") {
            return Err(meta.error(format!(
                "`#[message]` takes the wire name only: `{EXAMPLE}`"
            )));
        }
        let value = meta.value()?.parse::<LitStr>()?;
        if name.is_some() {
            // Reported, and the first name kept: the impl is still made.
            errors.push(syn::Error::new(
                meta.path.span(),
                "`name` is given twice: a message has one wire name, `#[message(name = \"...\")]`",
            ));
        } else {
            name = Some(value);
        }
        Ok(())
    });
    if let Err(error) = parsed {
        errors.push(error);
        return None;
    }
    let Some(name) = name else {
        errors.push(syn::Error::new_spanned(attr, format!("`{EXAMPLE}`")));
        return None;
    };
    match refusal(&name.value()) {
        Some(message) => {
            errors.push(syn::Error::new(name.span(), message));
            None
        }
        None => Some(name),
    }
}

/// Why a wire name cannot be a message's: it would be taken for something Desk sends.
fn refusal(name: &str) -> Option<String> {
    if name.is_empty() || name.chars().any(char::is_whitespace) {
        return Some("a message's name is not empty and has no spaces".to_owned());
    }
    if desk_catalog::event(name).is_ok() || name == "extension.onload" {
        return Some(format!(
            "`{name}` is a Desk event: a message needs a name of its own, e.g. `myapp.{name}`"
        ));
    }
    if desk_catalog::is_hook(name) {
        return Some(format!(
            "`{name}` is a Desk hook: a message needs a name of its own"
        ));
    }
    if names::is_hosts(name) {
        return Some(names::HOSTS.to_owned());
    }
    None
}
