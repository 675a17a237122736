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
//! (BENCHMARKS.md, sections 4 and 5.6), then where the bytes go: the 20 largest functions of
//! the call assistant's, the call bar's and the modal's modules (`wasm-opt -Oz -g`, then `--func-metrics`);
//! then every page of both example extensions against `cargo desk build`'s default budget.

use crate::build::{self, Sizes};
use crate::figures::Report;
use crate::tools::{find, target_dir};
use cargo_desk::budget::{Budget, Weight};
use cargo_desk::build::WASM_OPT_ARGS;
use desk_package::Package;
use std::path::Path;
use std::process::Command;

/// The hand-written baseline's crate.
const HAND: &str = "desk-wasm-hand";

/// The target for the shipped module (after wasm-opt), DSL over hand-written.
const TARGET: f64 = 1.10;

/// One module's sizes, with the size between wasm-bindgen and wasm-opt.
struct Row {
    label: String,
    bindgen: u64,
    sizes: Sizes,
    /// The 20 largest functions after `wasm-opt -Oz -g`, with the code's total.
    largest: Option<Largest>,
}

/// The largest functions of a module (bytes, name) and all its functions' bytes.
struct Largest {
    functions: Vec<(u64, String)>,
    code: u64,
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
    let largest = match page {
        Some("mount_call_assistant" | "mount_call_bar" | "mount_confirm_call_log") => {
            Some(largest(&module)?)
        }
        _ => None,
    };
    build::optimize(&module, &module)?;
    Ok(Row {
        label: match (features, page) {
            ([], None) => format!("{label} (`{package}`)"),
            ([], Some(entry)) => format!("{label} (`{package}`, `{entry}`)"),
            _ => format!("{label} (`{package}`, `--features {}`)", features.join(",")),
        },
        bindgen,
        sizes: Sizes::measure(&wasm, &module)?,
        largest,
    })
}

/// The 20 largest functions of wasm-bindgen's output `module` once optimised as shipped, its
/// names kept (`-g`), by `wasm-opt --func-metrics`.
fn largest(module: &Path) -> Result<Largest, String> {
    let wasm_opt = find("wasm-opt", "WASM_OPT")?;
    let named = module.with_extension("named.wasm");
    let run = |command: &mut Command| -> Result<String, String> {
        let output = command.output().map_err(|e| format!("wasm-opt: {e}"))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        }
    };
    run(Command::new(&wasm_opt)
        .args(WASM_OPT_ARGS)
        .arg("-g")
        .arg(module)
        .arg("-o")
        .arg(&named))?;
    let metrics = run(Command::new(&wasm_opt)
        .args(&WASM_OPT_ARGS[1..])
        .arg("--func-metrics")
        .arg(&named))?;
    // `func: <name>`, then its metrics, `[binary-bytes]` among them.
    let mut functions = Vec::new();
    let mut name = None;
    for line in metrics.lines() {
        if let Some(function) = line.strip_prefix("func: ") {
            name = Some(function);
        } else if let (Some(function), Some(bytes)) = (name, line.split("[binary-bytes]").nth(1)) {
            let bytes = bytes.trim().trim_start_matches(':').trim();
            let bytes = bytes
                .parse()
                .map_err(|_| format!("wasm-opt --func-metrics: `{line}`"))?;
            functions.push((bytes, readable(function)));
            name = None;
        }
    }
    let code = functions.iter().map(|(bytes, _)| bytes).sum();
    functions.sort_by_key(|(bytes, _)| std::cmp::Reverse(*bytes));
    functions.truncate(20);
    Ok(Largest { functions, code })
}

/// A function's name without its hash and crate disambiguators (`::h<16 hex>`, `[<hex>]`).
fn readable(name: &str) -> String {
    let hex = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_hexdigit());
    let name = name
        .rsplit_once("::h")
        .filter(|(_, hash)| hash.len() == 16 && hex(hash))
        .map_or(name, |(path, _)| path);
    let mut out = String::with_capacity(name.len());
    for (index, part) in name.split('[').enumerate() {
        match part.split_once(']') {
            Some((hash, rest)) if index > 0 && hex(hash) => out += rest,
            _ => {
                if index > 0 {
                    out.push('[');
                }
                out += part;
            }
        }
    }
    out.replace('|', "\\|")
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
    let mut report = Report::default();
    report.line("");
    report.line("| module | compiled | after wasm-bindgen | after wasm-opt -Oz | gzip -9 |");
    report.line("|---|---:|---:|---:|---:|");
    for row in pages.iter().chain([&every, &host, &bare]) {
        report.line(format!(
            "| {} | {} | {} | {} | {} |",
            row.label, row.sizes.compiled, row.bindgen, row.sizes.optimized, row.sizes.gzipped
        ));
    }
    for (name, baseline) in [
        ("DSL / hand on the host", &host),
        ("DSL / wasm-bindgen alone", &bare),
    ] {
        // Like for like: one widget on each side.
        report.line(format!(
            "| {name} | {:.2} | {:.2} | **{:.2}** | **{:.2}** |",
            ratio(dsl.sizes.compiled, baseline.sizes.compiled),
            ratio(dsl.bindgen, baseline.bindgen),
            ratio(dsl.sizes.optimized, baseline.sizes.optimized),
            ratio(dsl.sizes.gzipped, baseline.sizes.gzipped),
        ));
    }
    let shipped = ratio(dsl.sizes.optimized, host.sizes.optimized);
    report.line("");
    report.line(format!(
        "Bytes (compiled: the `wasm` profile's output, name section included). Target: DSL / \
         hand-written on the same host <= {TARGET:.2} after wasm-opt: {} ({shipped:.2}).",
        if shipped <= TARGET { "met" } else { "missed" }
    ));
    for row in &pages {
        if let Some(largest) = &row.largest {
            report.line(format!(
                "\nThe 20 largest functions of {} (`wasm-opt -Oz -g`, `--func-metrics`; {} bytes \
                 of code in all):\n",
                row.label, largest.code
            ));
            report.line("| bytes | of the code | function |");
            report.line("|---:|---:|---|");
            for (bytes, name) in &largest.functions {
                report.line(format!(
                    "| {bytes} | {:.1}% | `{name}` |",
                    100.0 * ratio(*bytes, largest.code)
                ));
            }
        }
    }
    budget(&mut report)?;
    report.save("sizes", "cargo xtask sizes")
}

/// Every page of the example extensions against `cargo desk build`'s default budget (issue
/// #27's goals), each built and packed as `cargo xtask package` does: its module as it ships,
/// gzipped, and its page (the module inlined) gzipped, what an agent downloads.
fn budget(report: &mut Report) -> Result<(), String> {
    let budget = Budget::default();
    report.line(format!(
        "\nEvery page of the example extensions against the budget of `cargo desk build` \
         (module {} bytes, {} gzipped; page {} gzipped):\n",
        budget.module, budget.module_gzipped, budget.page_gzipped
    ));
    report.line("| extension | page | module | module gzipped | page gzipped | within |");
    report.line("|---|---|---:|---:|---:|---|");
    for example in &build::EXAMPLES {
        let bindgen = target_dir().join("desk-bindgen/budget").join(example.krate);
        let modules = build::build_pages(example.krate, example.extension, &bindgen)?;
        let out = target_dir()
            .join("desk-extension/budget")
            .join(example.krate);
        let written = Package::new(example.extension, &bindgen)
            .write(&out)
            .map_err(|error| error.to_string())?;
        for (sizes, page) in modules.iter().zip(&written.pages) {
            let weight = Weight {
                page: page.name.clone(),
                module: sizes.optimized,
                module_gzipped: sizes.gzipped,
                page_gzipped: build::gzipped_size(&page.path)?,
            };
            let over = weight.over(&budget);
            report.line(format!(
                "| {} | {} | {} | {} | {} | {} |",
                example.extension.name,
                weight.page,
                weight.module,
                weight.module_gzipped,
                weight.page_gzipped,
                if over.is_empty() {
                    "yes".to_owned()
                } else {
                    format!("**no**: {}", over.join(", "))
                }
            ));
        }
    }
    Ok(())
}
