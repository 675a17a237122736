//! The code behind `desk-macros`' `#[desk_widget]` and `#[on]`, as an ordinary library so that
//! tests and fuzzers can call it on `proc_macro2` tokens.
//!
//! Three steps, three modules: `parse` reads the attribute and the impl block,
//! `validate` checks them against the `desk-catalog` and the handler rules, `expand` writes the
//! `Widget` implementation. Errors are gathered along the way and all reported together, each
//! at the token it is about, and the user's impl block is always emitted, so that one mistake
//! gives one error.
//!
//! ```
//! use quote::quote;
//!
//! let output = desk_codegen::desk_widget(
//!     quote!(location = "desk.bottomband"),
//!     quote!(impl Panel { #[on("call.ringing")] fn ringing(&mut self) {} }),
//! );
//! assert!(output.to_string().contains("impl :: desk_runtime :: Widget for Panel"));
//! ```

mod config;
mod errors;
mod expand;
mod extension;
mod message;
mod names;
mod parse;
mod raw;
mod translations;
mod validate;

pub use config::{config_choice, desk_config};
pub use extension::{extension, extension_in};
pub use message::message;

use errors::Errors;
use proc_macro2::{Span, TokenStream};
use quote::quote;

/// Expands `#[desk_widget(args)] item`. Never panics: malformed input yields
/// `compile_error!`s next to the user's item.
pub fn desk_widget(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let args = parse::args(args, &mut errors);
    let output = match parse::widget_impl(item, &mut errors) {
        Ok(parsed) => {
            let widget = validate::widget(&args, &parsed, &mut errors);
            expand::widget(parsed.item, parsed.raw, &widget)
        }
        Err(item) => item,
    };
    let errors = errors.into_compile_errors();
    quote!(#errors #output)
}

/// Expands `#[on(args)] item` outside a `#[desk_widget]` impl block, where it is an error:
/// inside one, `#[desk_widget]` consumes the `#[on]` markers before they expand.
pub fn on(args: TokenStream, item: TokenStream) -> TokenStream {
    stray("on", args, item)
}

/// Expands a handler attribute (`on`, `hook`, `on_message`, `on_open`, `on_click`) outside a
/// `#[desk_widget]` impl block, where it is an error.
pub fn stray(attribute: &str, args: TokenStream, item: TokenStream) -> TokenStream {
    let span = args
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |token| token.span());
    let mut output = syn::Error::new(
        span,
        format!(
            "`#[{attribute}]` marks a handler inside the widget's impl block marked \
             `#[desk_widget(location = \"...\")]`: move the method into that block, or add \
             the attribute to this one if the type has none (a type has one such block, and \
             it sees the handlers written in it, not those a macro or `cfg_attr` writes)"
        ),
    )
    .into_compile_error();
    output.extend(item);
    output
}
