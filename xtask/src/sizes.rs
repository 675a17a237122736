//! `cargo xtask sizes`: the example widget's WebAssembly module against the same widget
//! written by hand (`bench/wasm-hand`), both through the steps `cargo xtask package` takes.
//!
//! The DSL's module is the telephony extension with the call assistant alone (feature
//! `assistant-only`), like for like with two baselines: the hand-written widget with its own
//! `impl Widget` on `desk_runtime`'s browser host (what `#[desk_widget]` and `extension!` add:
//! the target), and the same widget on wasm-bindgen alone (what the whole library adds). The
//! extension's module with its three widgets shows what each more widget costs the module that
//! every page of the extension shares. Each is built on its own (`cargo build --profile wasm`,
//! so the features of one do not leak into another's dependencies), then wasm-bindgen
//! `--target web` and `wasm-opt -Oz` with `package`'s flags, then `gzip -9`. Prints a markdown
//! table (BENCHMARKS.md, section 4).

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

fn measure(label: &str, package: &str, features: &[&str]) -> Result<Row, String> {
    let wasm = build::build_wasm(package, features)?;
    let out = target_dir()
        .join("desk-bindgen/sizes")
        .join(build::module_name(package))
        .join(features.join("+"));
    let module = build::bindgen(&wasm, &out)?;
    let bindgen = build::file_size(&module)?;
    build::optimize(&module, &module)?;
    Ok(Row {
        label: match features {
            [] => format!("{label} (`{package}`)"),
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
    let dsl = measure(
        "DSL, the call assistant alone",
        build::CRATE,
        &["assistant-only"],
    )?;
    let extension = measure("DSL, the extension's three widgets", build::CRATE, &[])?;
    let host = measure(
        "hand-written `impl Widget` on `desk_runtime::browser`",
        HAND,
        &["host"],
    )?;
    let bare = measure("hand-written on wasm-bindgen alone", HAND, &[])?;
    println!();
    println!("| module | compiled | after wasm-bindgen | after wasm-opt -Oz | gzip -9 |");
    println!("|---|---:|---:|---:|---:|");
    for row in [&extension, &dsl, &host, &bare] {
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
