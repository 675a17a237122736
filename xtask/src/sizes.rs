//! `cargo xtask sizes`: the example widget's WebAssembly module against the same widget
//! written by hand (`bench/wasm-hand`), both through the steps `cargo xtask package` takes.
//!
//! The DSL's module is the telephony extension's call assistant page's (the crate built for
//! that page's entry alone, as `cargo desk build` builds every page), like for like with two
//! baselines: the hand-written widget with its own `impl Widget` on `desk_runtime`'s browser
//! host (what `#[desk_widget]` and `extension!` add: the target), and the same widget on
//! wasm-bindgen alone (what the whole library adds). The extension's other pages show what
//! each widget's features cost, and the module of every entry at once what a page loaded
//! before each page had its own. Each is built on its own (`cargo rustc --profile wasm`, so the
//! features of one do not leak into another's dependencies), then wasm-bindgen `--target web`
//! and `wasm-opt -Oz` with `package`'s flags, then `gzip -9`. Prints a markdown table
//! (BENCHMARKS.md, sections 4 and 5.6).

use crate::build::{self, Sizes};
use crate::tools::target_dir;

/// The hand-written baseline's crate.
const HAND: &str = "desk-wasm-hand";

/// The target for the shipped module (after wasm-opt), DSL over hand-written.
const TARGET: f64 = 1.10;

/// One module's sizes, with the size between wasm-bindgen and wasm-opt.
struct Row {
    label: String,
    bindgen: u64,
    sizes: Sizes,
}

fn measure(
    label: &str,
    package: &str,
    features: &[&str],
    page: Option<&str>,
) -> Result<Row, String> {
    let wasm = build::build_page(package, features, page)?;
    let out = target_dir()
        .join("desk-bindgen/sizes")
        .join(build::module_name(package))
        .join(features.join("+"))
        .join(page.unwrap_or("all"));
    let module = build::bindgen(&wasm, &out)?;
    let bindgen = build::file_size(&module)?;
    build::optimize(&module, &module)?;
    Ok(Row {
        label: match (features, page) {
            ([], None) => format!("{label} (`{package}`)"),
            ([], Some(entry)) => format!("{label} (`{package}`, `{entry}`)"),
            _ => format!("{label} (`{package}`, `--features {}`)", features.join(",")),
        },
        bindgen,
        sizes: Sizes::measure(&wasm, &module)?,
    })
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: u64, b: u64) -> f64 {
    a as f64 / b as f64
}

pub fn sizes() -> Result<(), String> {
    let extension = &telephony_widget::EXTENSION;
    let mut pages = Vec::new();
    for widget in extension.pages() {
        let label = format!("DSL, the page of {}", widget.name);
        pages.push(measure(&label, build::CRATE, &[], Some(widget.entry))?);
    }
    let dsl = &pages[0];
    let every = measure(
        "DSL, one module of every entry (as pages shared before)",
        build::CRATE,
        &[],
        None,
    )?;
    let host = measure(
        "hand-written `impl Widget` on `desk_runtime::browser`",
        HAND,
        &["host"],
        None,
    )?;
    let bare = measure("hand-written on wasm-bindgen alone", HAND, &[], None)?;
    println!();
    println!("| module | compiled | after wasm-bindgen | after wasm-opt -Oz | gzip -9 |");
    println!("|---|---:|---:|---:|---:|");
    for row in pages.iter().chain([&every, &host, &bare]) {
        println!(
            "| {} | {} | {} | {} | {} |",
            row.label, row.sizes.compiled, row.bindgen, row.sizes.optimized, row.sizes.gzipped
        );
    }
    for (name, baseline) in [
        ("DSL / hand on the host", &host),
        ("DSL / wasm-bindgen alone", &bare),
    ] {
        // Like for like: one widget on each side.
        println!(
            "| {name} | {:.2} | {:.2} | **{:.2}** | **{:.2}** |",
            ratio(dsl.sizes.compiled, baseline.sizes.compiled),
            ratio(dsl.bindgen, baseline.bindgen),
            ratio(dsl.sizes.optimized, baseline.sizes.optimized),
            ratio(dsl.sizes.gzipped, baseline.sizes.gzipped),
        );
    }
    let shipped = ratio(dsl.sizes.optimized, host.sizes.optimized);
    println!();
    println!(
        "Bytes (compiled: the `wasm` profile's output, name section included). Target: DSL / \
         hand-written on the same host <= {TARGET:.2} after wasm-opt: {} ({shipped:.2}).",
        if shipped <= TARGET { "met" } else { "missed" }
    );
    Ok(())
}
