//! Step one: `key: value, ...` into a tree of literals, lists, objects and types, reporting
//! malformed syntax. Nothing here knows which keys exist.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Ident, LitBool, LitStr, Token, Type, braced, bracketed, token};

/// One `key: value` entry of an object, or of the declaration itself.
pub(crate) struct Field {
    pub key: Key,
    pub value: Value,
}

/// An object's key: a name (`storage`), or a string (a widget's name in `widgets`).
pub(crate) enum Key {
    Name(Ident),
    Str(LitStr),
}

/// A value: what the manifest holds, or a widget type.
pub(crate) enum Value {
    Str(LitStr),
    Bool(LitBool),
    List(Span, Vec<Value>),
    Object(Span, Vec<Field>),
    Type(Box<Type>),
}

/// The declaration: the fields of the outermost object, without its braces.
pub(crate) struct Declaration(pub Vec<Field>);

impl Parse for Declaration {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        fields(input).map(Declaration)
    }
}

fn fields(input: ParseStream) -> syn::Result<Vec<Field>> {
    Ok(Punctuated::<Field, Token![,]>::parse_terminated(input)?
        .into_iter()
        .collect())
}

impl Parse for Field {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let key = if input.peek(LitStr) {
            Key::Str(input.parse()?)
        } else {
            // `type` is a keyword, and a manifest key.
            Key::Name(Ident::parse_any(input)?)
        };
        input.parse::<Token![:]>()?;
        Ok(Field {
            key,
            value: input.parse()?,
        })
    }
}

impl Parse for Value {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            return input.parse().map(Value::Str);
        }
        if input.peek(LitBool) {
            return input.parse().map(Value::Bool);
        }
        if input.peek(token::Bracket) {
            let content;
            let bracket = bracketed!(content in input);
            let items = Punctuated::<Value, Token![,]>::parse_terminated(&content)?;
            return Ok(Value::List(
                bracket.span.join(),
                items.into_iter().collect(),
            ));
        }
        if input.peek(token::Brace) {
            let content;
            let brace = braced!(content in input);
            return Ok(Value::Object(brace.span.join(), fields(&content)?));
        }
        input.parse().map(|ty| Value::Type(Box::new(ty)))
    }
}

impl Key {
    pub fn text(&self) -> String {
        match self {
            Key::Name(ident) => ident.unraw().to_string(),
            Key::Str(lit) => lit.value(),
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Key::Name(ident) => ident.span(),
            Key::Str(lit) => lit.span(),
        }
    }
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Str(lit) => lit.span(),
            Value::Bool(lit) => lit.span,
            Value::List(span, _) | Value::Object(span, _) => *span,
            Value::Type(ty) => ty.span(),
        }
    }
}
