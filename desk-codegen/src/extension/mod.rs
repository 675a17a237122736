//! `extension!`: an extension's widgets and manifest settings, declared once. Parse
//! (`parse.rs`), check (`validate.rs`), generate (`expand.rs`), as for `#[desk_widget]`.

mod expand;
mod parse;
mod validate;

use crate::errors::Errors;
use proc_macro2::TokenStream;
use quote::quote;
use std::path::Path;

/// Expands `extension! { ... }`. Never panics: mistakes become `compile_error!`s at their
/// tokens, next to an `EXTENSION` made of what was valid, so that code using it still compiles.
pub fn extension(input: TokenStream) -> TokenStream {
    extension_in(input, None)
}

/// Expands `extension! { ... }` declared in the file `source`: a `translations` folder is
/// relative to it, as `include_str!` resolves paths.
pub fn extension_in(input: TokenStream, source: Option<&Path>) -> TokenStream {
    let mut errors = Errors::default();
    let output = match syn::parse2::<parse::Declaration>(input) {
        Ok(declaration) => {
            let extension = validate::extension(&declaration.0, source, &mut errors);
            expand::extension(&extension)
        }
        Err(error) => {
            errors.push(error);
            expand::extension(&validate::Extension::default())
        }
    };
    let errors = errors.into_compile_errors();
    quote!(#errors #output)
}
