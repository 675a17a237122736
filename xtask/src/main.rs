//! This repository's tasks.
//!
//! - `cargo xtask package`: builds both example extensions, `telephony-widget` and
//!   `status-board`, to WebAssembly (wasm-bindgen, wasm-opt) and packages each as a Desk
//!   extension in `target/desk-extension/<crate>/`, then runs `cargo desk validate`'s checks and
//!   the official toolkit's `zet validate` on each and reports each page's module's sizes.
//! - `cargo xtask browser-test`: packages, serves the package on 127.0.0.1 with a stand-in of
//!   the Desk SDK, loads the widget's page in headless Chromium and checks what it did against
//!   the same events on the simulated Desk.
//! - `cargo xtask conformance`: the extension `cargo desk new --template conformance` writes,
//!   generated, tested on the simulated Desk, packed, validated by `zet validate`, and each
//!   page loaded in headless Chromium on the SDK stand-in, where every row of its table must
//!   pass.
//! - `cargo xtask validate-corpus`: broken packages, each the status board's with one small
//!   edit, on which `cargo desk validate` and the official `zet validate` must both refuse (or
//!   differ as a table in `corpus.rs` decides, with the reason).
//! - `cargo xtask sizes`: the example widget's module against the same widget written by hand
//!   on wasm-bindgen (`bench/wasm-hand`): sizes compiled, after wasm-bindgen, after wasm-opt
//!   and gzipped, as a markdown table (BENCHMARKS.md, section 4).
//! - `cargo xtask startup`: the example widget's start-up in headless Chromium against the same
//!   widget in plain JavaScript and on wasm-bindgen alone, with the time broken down and the
//!   ways of loading the module compared, on the local server and over a throttled link
//!   (Chromium's network emulation), as markdown tables (BENCHMARKS.md, section 5).
//! - `cargo xtask differential [--seed N] [--scripts N]`: scripts run on the simulated Desk
//!   natively and on the browser host in headless Chromium, compared after every step.
//! - `cargo xtask record [FILE]`: `cargo desk serve --record` on the telephony extension, its
//!   pages in headless Chromium on the SDK stand-in, the recording checked and kept in FILE.
//! - `cargo xtask reload`: live reload measured: an edit of the telephony extension's source
//!   to its page reloaded in headless Chromium (a report, no timing asserted).
//!
//! `sizes`, `startup` and `reload` write what they measured into their sections of
//! `docs/figures.md`, the one place the project's figures are written.
//!
//! Tools are looked up on `PATH`, then in `.tools/node_modules/.bin` (where `.ci/run` installs
//! the npm ones): `wasm-bindgen` (the version in Cargo.lock), `wasm-opt`, `zet`, `chromium`.

mod browser;
mod build;
mod cdp;
mod conformance;
mod corpus;
mod differential;
mod figures;
mod record;
mod reload;
mod serve;
mod sizes;
mod standin;
mod startup;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "package" => build::package().map(|_| ()),
        "browser-test" => browser::test(),
        "conformance" => conformance::run_all(),
        "validate-corpus" => corpus::run(),
        "sizes" => sizes::sizes(),
        "startup" => startup::startup(),
        "differential" => differential::differential(),
        "record" => record::record(std::env::args_os().nth(2).map(Into::into)),
        "reload" => reload::reload(),
        _ => Err(
            "usage: cargo xtask <package | browser-test | conformance | validate-corpus | sizes | \
             startup | differential | record [FILE] | reload>"
                .to_owned(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {task}: {message}");
            ExitCode::FAILURE
        }
    }
}
