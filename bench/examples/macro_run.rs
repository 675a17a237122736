//! The proc macro's own work, outside rustc: runs `desk_codegen::desk_widget` (the function
//! behind `#[desk_widget]`) on every `#[desk_widget(...)]` impl block of a crate's `lib.rs`,
//! `ROUNDS` times, and prints the time per run over all of them.
//!
//! `cargo run -p desk-bench --example macro_run -- target/compile-bench/macro-widgets/src/lib.rs`
//! after `bench/compile-time.sh` (or `gen_compile_bench`) wrote that crate. Built as cargo
//! builds proc macros (the dev profile, unoptimised), it is what to profile:
//! `valgrind --tool=callgrind target/debug/examples/macro_run <lib.rs>` with `ROUNDS=1`.
//! `proc_macro2` runs on its own token types here rather than on rustc's, so the compiler's
//! side of the token bridge is not in these figures: `-Ztime-passes`' `macro_expand_crate` of
//! `bench/compile-time.sh` is the macro's whole cost in rustc.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::time::Instant;

/// Each `(arguments, impl block)` of the source's `#[desk_widget(arguments)] impl ... { ... }`.
fn widgets(source: &TokenStream) -> Vec<(TokenStream, TokenStream)> {
    let trees: Vec<TokenTree> = source.clone().into_iter().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < trees.len() {
        let arguments = match (&trees[i], &trees[i + 1]) {
            (TokenTree::Punct(hash), TokenTree::Group(attribute))
                if hash.as_char() == '#' && attribute.delimiter() == Delimiter::Bracket =>
            {
                let mut inside = attribute.stream().into_iter();
                match (inside.next(), inside.next()) {
                    (Some(TokenTree::Ident(name)), Some(TokenTree::Group(arguments)))
                        if name == "desk_widget" =>
                    {
                        Some(arguments.stream())
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        i += 1;
        let Some(arguments) = arguments else { continue };
        // The item: every token up to its body, the body included.
        let mut item = TokenStream::new();
        for tree in &trees[i + 1..] {
            i += 1;
            let body = matches!(tree, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace);
            item.extend([tree.clone()]);
            if body {
                break;
            }
        }
        found.push((arguments, item));
    }
    found
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/compile-bench/macro-widgets/src/lib.rs".into());
    let rounds: u32 = std::env::var("ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(20);
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let source: TokenStream = source
        .parse()
        .unwrap_or_else(|e| panic!("{path} does not lex: {e}"));
    let widgets = widgets(&source);
    assert!(
        !widgets.is_empty(),
        "no #[desk_widget] impl block in {path}"
    );
    let mut times = Vec::new();
    for _ in 0..rounds {
        let started = Instant::now();
        for (arguments, item) in &widgets {
            std::hint::black_box(desk_codegen::desk_widget(arguments.clone(), item.clone()));
        }
        times.push(started.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{} impl blocks, {rounds} runs: median {:.2} ms, fastest {:.2} ms",
        widgets.len(),
        times[times.len() / 2],
        times[0],
    );
}
