//! `#[derive(DeskConfig)]` and `#[derive(ConfigChoice)]`: a struct's fields as the extension's
//! configuration parameters, an enum's variants as a parameter's choices. Names, lengths and
//! repeated names are checked here, at the field; a type a parameter cannot hold is refused by
//! the `ParamValue` bound, spanned at the field's type.

use crate::errors::Errors;
use proc_macro2::{Delimiter, Group, TokenStream};
use quote::{ToTokens, TokenStreamExt, format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, Fields, Item, ItemStruct, LitBool, LitStr, Type};

const ATTRIBUTE: &str = "`#[config(name = \"...\", display_name = \"...\", description = \"...\", \
     userdefined = false, radio, checkbox)]`";

/// One field, checked: what its manifest entry and its reading need.
struct Param {
    field: syn::Ident,
    ty: Type,
    name: LitStr,
    display_name: Option<String>,
    description: Option<String>,
    user_defined: bool,
    shown_as: Option<syn::Ident>,
}

/// Expands `#[derive(DeskConfig)]` on a struct with named fields.
pub fn desk_config(input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<Item>(input) {
        Ok(Item::Struct(input)) => input,
        Ok(other) => {
            return syn::Error::new_spanned(
                other,
                "a configuration type is a struct, one field per parameter",
            )
            .into_compile_error();
        }
        Err(error) => return error.into_compile_error(),
    };
    let fields: Vec<&syn::Field> = match &input.fields {
        Fields::Named(fields) => fields.named.iter().collect(),
        _ => {
            return syn::Error::new(
                input.ident.span(),
                "a configuration type has named fields, one per parameter",
            )
            .into_compile_error();
        }
    };
    let mut errors = Errors::default();
    if !input.generics.params.is_empty() {
        errors.push(syn::Error::new(
            input.generics.span(),
            format!(
                "a configuration type has no generic parameters: remove `{}`",
                generics_text(&input.generics)
            ),
        ));
    }
    let params: Vec<Param> = fields
        .iter()
        .filter_map(|field| param(field, &mut errors))
        .collect();
    let mut seen: Vec<String> = Vec::new();
    for param in &params {
        if seen.contains(&param.name.value()) {
            errors.push(syn::Error::new(
                param.name.span(),
                format!(
                    "two configuration parameters are named `{}`",
                    param.name.value()
                ),
            ));
        }
        seen.push(param.name.value());
    }
    let errors = errors.into_compile_errors();
    // A generic type gets no impl: one written without its parameters would be a second
    // error (rustc's E0107), and none can be written with them.
    let output = input
        .generics
        .params
        .is_empty()
        .then(|| implementation(&input, &params));
    quote!(#errors #output)
}

fn implementation(input: &ItemStruct, params: &[Param]) -> TokenStream {
    let (ident, vis) = (&input.ident, &input.vis);
    let entries = params.iter().map(entry);
    let reads = params.iter().map(
        |Param {
             field, ty, name, ..
         }| {
            // The same bound as the manifest entry's, at the same span: rustc reports a type that is
            // no parameter's once.
            quote_spanned! {ty.span()=>
                #field: <#ty as ::desk_runtime::config::ParamValue>::read(
                    #name,
                    values.get(#name),
                )?
            }
        },
    );
    let setters = params.iter().filter(|p| !p.user_defined).map(|param| {
        let Param {
            field, ty, name, ..
        } = param;
        let setter = format_ident!("set_{}", field.unraw());
        let doc = format!(
            "Sets `{}` (`userdefined = false`): for `Desk::set_config`.",
            name.value()
        );
        quote_spanned! {ty.span()=>
            #[doc = #doc]
            #vis fn #setter(
                value: <#ty as ::desk_runtime::config::ParamValue>::Set,
            ) -> ::desk_runtime::config::ConfigUpdate<Self> {
                ::desk_runtime::config::ConfigUpdate::new::<#ty>(#name, value)
            }
        }
    });
    // A secure parameter is set by the admin who installs the extension, never by the widget
    // (it never holds its value): `userdefined = false` on one is refused, by the compiler, as
    // only the field's type says it is a `Secret`.
    let secure_set = params.iter().filter(|p| !p.user_defined).map(|param| {
        let ty = &param.ty;
        let message = format!(
            "`{}` is secure: only the admin who installs the extension sets it, not the widget; \
             remove `userdefined = false`",
            param.name.value()
        );
        quote_spanned! {ty.span()=>
            const _: () = ::core::assert!(
                !<#ty as ::desk_runtime::config::ParamValue>::SECURE,
                #message
            );
        }
    });
    quote! {
        #(#secure_set)*

        impl ::desk_runtime::config::DeskConfig for #ident {
            const PARAMS: &'static [::desk_runtime::extension::ConfigParam] = &[#(#entries),*];

            fn from_values(
                values: &::desk_runtime::config::Values,
            ) -> ::core::result::Result<Self, ::desk_runtime::config::ConfigError> {
                ::core::result::Result::Ok(#ident { #(#reads),* })
            }
        }

        impl #ident {
            #(#setters)*
        }
    }
}

fn entry(param: &Param) -> TokenStream {
    let Param {
        ty,
        name,
        user_defined,
        ..
    } = param;
    let value = quote!(<#ty as ::desk_runtime::config::ParamValue>);
    let kind = param.shown_as.as_ref().map_or_else(
        || quote_spanned!(ty.span()=> #value::KIND),
        |how| quote_spanned!(how.span()=> ::desk_runtime::config::#how::<#ty>()),
    );
    let some = |text: &Option<String>| {
        text.as_ref().map_or_else(
            || quote!(::core::option::Option::None),
            |text| quote!(::core::option::Option::Some(#text)),
        )
    };
    let (display_name, description) = (some(&param.display_name), some(&param.description));
    quote_spanned! {ty.span()=>
        ::desk_runtime::extension::ConfigParam {
            name: #name,
            display_name: #display_name,
            description: #description,
            kind: ::core::option::Option::Some(#kind),
            secure: ::core::option::Option::Some(#value::SECURE),
            mandatory: ::core::option::Option::Some(#value::MANDATORY),
            user_defined: ::core::option::Option::Some(#user_defined),
        }
    }
}

/// A field as a parameter, its attribute and doc comment read and checked.
fn param(field: &syn::Field, errors: &mut Errors) -> Option<Param> {
    let ident = field.ident.clone()?;
    let (display_from_doc, description_from_doc) = doc(&field.attrs);
    let mut param = Param {
        name: LitStr::new(&ident.unraw().to_string(), ident.span()),
        field: ident,
        ty: field.ty.clone(),
        display_name: display_from_doc,
        description: description_from_doc,
        user_defined: true,
        shown_as: None,
    };
    let mut given = field.attrs.iter().filter(|a| a.path().is_ident("config"));
    if let Some(attr) = given.next() {
        settings(attr, &mut param, errors);
    }
    // A second attribute is reported, not read: one place says how a field is shown.
    for again in given {
        errors.push(syn::Error::new_spanned(
            again,
            "`#[config]` is given twice on this field: put every setting in one `#[config(...)]`",
        ));
    }
    let name = param.name.value();
    if !platform_name(&name) {
        errors.push(syn::Error::new(
            param.name.span(),
            format!(
                "configuration parameter name `{name}`: a lower-case letter, then lower-case \
                 letters, digits, `_` and `-` (the guide: lower case, no spaces; it is the \
                 placeholder `{{{{{name}}}}}`); rename the field or give \
                 `#[config(name = \"...\")]`"
            ),
        ));
    }
    for (key, text) in [
        ("display_name", &param.display_name),
        ("description", &param.description),
    ] {
        // The toolkit's 255 is JavaScript's `length`: UTF-16 code units (an emoji counts 2).
        if text
            .as_ref()
            .is_some_and(|text| text.encode_utf16().count() > 255)
        {
            errors.push(syn::Error::new(
                param.field.span(),
                format!(
                    "the parameter's `{key}` has at most 255 characters (the toolkit's rule, \
                     counted as JavaScript counts them: in UTF-16 code units, an emoji 2)"
                ),
            ));
        }
    }
    Some(param)
}

/// Reads `#[config(...)]` into `param`. A setting given twice, or both `radio` and
/// `checkbox`, is reported at the second and the first kept; an unknown one stops the reading.
fn settings(attr: &Attribute, param: &mut Param, errors: &mut Errors) {
    let mut seen: Vec<String> = Vec::new();
    let parsed = attr.parse_nested_meta(|meta| {
        let key = meta.path.get_ident().map(ToString::to_string);
        let key = key.as_deref().unwrap_or_default();
        let again = seen.iter().any(|s| s == key);
        match key {
            "name" => {
                let name: LitStr = meta.value()?.parse()?;
                if !again {
                    param.name = name;
                }
            }
            "display_name" => {
                let lit = meta.value()?.parse::<LitStr>()?;
                let text = lit.value();
                if text.chars().any(char::is_control) {
                    return Err(syn::Error::new(
                        lit.span(),
                        "a `displayName` is one line: no line breaks or other control characters",
                    ));
                }
                if !again {
                    param.display_name = Some(text);
                }
            }
            "description" => {
                let text = meta.value()?.parse::<LitStr>()?.value();
                if !again {
                    param.description = Some(text);
                }
            }
            "userdefined" => {
                let value = meta.value()?.parse::<LitBool>()?.value;
                if !again {
                    param.user_defined = value;
                }
            }
            how @ ("radio" | "checkbox") => {
                if let Some(shown) = param.shown_as.as_ref().filter(|shown| *shown != how) {
                    errors.push(syn::Error::new(
                        meta.path.span(),
                        format!(
                            "`{shown}` and `{how}` are both given: a parameter is shown one \
                             way, give `radio` or `checkbox`"
                        ),
                    ));
                    return Ok(());
                }
                if !again {
                    param.shown_as = Some(syn::Ident::new(how, meta.path.span()));
                }
            }
            _ => return Err(meta.error(format!("unknown setting: {ATTRIBUTE}"))),
        }
        if again {
            errors.push(syn::Error::new(
                meta.path.span(),
                format!("`{key}` is given twice: keep one"),
            ));
        } else {
            seen.push(key.to_owned());
        }
        Ok(())
    });
    if let Err(error) = parsed {
        errors.push(error);
    }
}

/// The guide's rule for a parameter's name: "lower case, no spaces". Decision: the toolkit
/// takes `^[a-zA-Z][a-zA-Z0-9-_ ]*$`; the name must pass both, so upper case and spaces are
/// refused.
fn platform_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-'))
}

/// The doc comment's first paragraph (the `displayName`) and the rest (the `description`),
/// each paragraph's lines joined with spaces; links `[text](url)` are kept as written.
fn doc(attrs: &[Attribute]) -> (Option<String>, Option<String>) {
    // A `///` comment is an attribute a line; a `/** ... */` one is one attribute of lines.
    let texts = attrs.iter().filter_map(|attr| match &attr.meta {
        syn::Meta::NameValue(pair) if pair.path.is_ident("doc") => match &pair.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => Some(text.value()),
            _ => None,
        },
        _ => None,
    });
    let lines = texts.flat_map(|text| {
        let block = text.contains('\n');
        // `split`, not `lines`: an empty `///` line is an empty text, which `lines` reads as no
        // line at all, and it is the paragraph break.
        text.split('\n')
            .map(|line| {
                let line = line.trim();
                // A block comment's lines may start with ` * `.
                let line = if block {
                    line.trim_start_matches('*').trim_start()
                } else {
                    line
                };
                line.to_owned()
            })
            .collect::<Vec<_>>()
    });
    let mut paragraphs: Vec<String> = vec![String::new()];
    for line in lines {
        match paragraphs.last_mut() {
            _ if line.is_empty() => paragraphs.push(String::new()),
            Some(last) if last.is_empty() => last.push_str(&line),
            Some(last) => {
                last.push(' ');
                last.push_str(&line);
            }
            None => {}
        }
    }
    paragraphs.retain(|paragraph| !paragraph.is_empty());
    let mut paragraphs = paragraphs.into_iter();
    let display = paragraphs.next();
    let rest: Vec<String> = paragraphs.collect();
    (display, (!rest.is_empty()).then(|| rest.join(" ")))
}

/// Expands `#[derive(ConfigChoice)]` on a fieldless enum: its variants, by name, are a
/// picklist's choices.
pub fn config_choice(input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<Item>(input) {
        Ok(Item::Enum(input)) => input,
        Ok(other) => {
            return syn::Error::new_spanned(other, "choices are an enum's variants")
                .into_compile_error();
        }
        Err(error) => return error.into_compile_error(),
    };
    let data = &input;
    let mut errors = Errors::default();
    let variants: Vec<&syn::Ident> = data
        .variants
        .iter()
        .filter_map(|variant| {
            if matches!(variant.fields, Fields::Unit) {
                Some(&variant.ident)
            } else {
                errors.push(syn::Error::new(
                    variant.ident.span(),
                    "a choice is a variant without fields",
                ));
                None
            }
        })
        .collect();
    if data.variants.is_empty() {
        // At `C {}`: the name and the empty braces.
        let mut empty = input.ident.to_token_stream();
        let mut braces = Group::new(Delimiter::Brace, TokenStream::new());
        braces.set_span(input.brace_token.span.join());
        empty.append(braces);
        errors.push(syn::Error::new_spanned(
            empty,
            format!(
                "a picklist needs at least one choice: `enum {} {{ Daily, Weekly }}`",
                input.ident
            ),
        ));
    }
    let generic = !input.generics.params.is_empty();
    // rustc refuses a type or lifetime parameter no field uses (E0392), and a variant with
    // fields is refused above: only an unused const parameter is left to report here.
    let reported = generic
        && (variants.len() < data.variants.len()
            || input
                .generics
                .params
                .iter()
                .any(|p| !matches!(p, syn::GenericParam::Const(_))));
    if generic && !reported {
        errors.push(syn::Error::new(
            input.generics.span(),
            format!(
                "a picklist's enum has no generic parameters: remove `{}`",
                generics_text(&input.generics)
            ),
        ));
    }
    let errors = errors.into_compile_errors();
    if generic {
        // No impl: one written without the parameters would be a second error (E0107).
        return errors;
    }
    let ident = &input.ident;
    let names: Vec<String> = variants.iter().map(|v| v.unraw().to_string()).collect();
    quote! {
        #errors
        impl ::desk_runtime::config::Choice for #ident {
            const CHOICES: &'static [&'static str] = &[#(#names),*];
            fn choose(name: &str) -> ::core::option::Option<Self> {
                match name {
                    #(#names => ::core::option::Option::Some(#ident::#variants),)*
                    _ => ::core::option::Option::None,
                }
            }
            fn choice(&self) -> &'static str {
                match self {
                    #(#ident::#variants => #names,)*
                    #[allow(unreachable_patterns)]
                    _ => "",
                }
            }
        }
        impl ::desk_runtime::config::ParamValue for #ident {
            const KIND: ::desk_runtime::extension::ConfigType =
                ::desk_runtime::extension::ConfigType::Picklist;
            type Set = Self;
            fn read(
                name: &'static str,
                value: ::core::option::Option<&::desk_runtime::json::Raw>,
            ) -> ::core::result::Result<Self, ::desk_runtime::config::ConfigError> {
                ::desk_runtime::config::read_choice(name, value)
            }
            fn write(value: Self) -> ::desk_runtime::json::Value {
                ::desk_runtime::json::Value::from(::desk_runtime::config::Choice::choice(&value))
            }
        }
    }
}

/// `<T>` as written, for a message.
fn generics_text(generics: &syn::Generics) -> String {
    let params = &generics.params;
    format!("<{}>", params.to_token_stream())
        .replace(" ,", ",")
        .replace(" :", ":")
}
