//! Every mistake in a widget, gathered so that one compile reports them all.

use proc_macro2::TokenStream;

/// The errors found so far, each at the token it is about.
#[derive(Default)]
pub(crate) struct Errors(Option<syn::Error>);

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(errors) => errors.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// How many errors have been found so far.
    pub(crate) fn len(&self) -> usize {
        self.0
            .as_ref()
            .map_or(0, |errors| errors.into_iter().count())
    }

    /// One `compile_error!` per error (nothing when there are none).
    pub(crate) fn into_compile_errors(self) -> TokenStream {
        self.0
            .map(syn::Error::into_compile_error)
            .unwrap_or_default()
    }
}
