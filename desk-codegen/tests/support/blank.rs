//! Method bodies emptied, to compare expansions without them: the macro carries bodies through
//! unread, so a widget expands as the same widget with empty bodies. Shared by the property
//! tests (`tests/robustness.rs`) and the fuzz target (`fuzz/fuzz_targets/expand.rs`), which
//! include this file.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};

/// `tokens` with the brace groups directly inside its top-level brace groups emptied: an impl
/// block's method bodies (and the braces of its other items).
pub fn blank(tokens: &TokenStream) -> TokenStream {
    let empty = |tree: TokenTree| match tree {
        TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
            TokenTree::Group(Group::new(Delimiter::Brace, TokenStream::new()))
        }
        other => other,
    };
    tokens
        .clone()
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                TokenTree::Group(Group::new(
                    Delimiter::Brace,
                    group.stream().into_iter().map(empty).collect(),
                ))
            }
            other => other,
        })
        .collect()
}
