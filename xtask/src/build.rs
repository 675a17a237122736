//! `cargo xtask package`: the example widget, from Rust to a validated Desk extension.

use crate::tools::{find, locked_version, output, root, run, target_dir};
use desk_package::{Extension, WidgetPage};
use std::path::{Path, PathBuf};
use std::process::Command;
use telephony_widget::CallAssistant;

/// The crate built, and the extension it becomes.
const CRATE: &str = "telephony-widget";
const MODULE: &str = "telephony_widget";
const EXTENSION: &str = "telephony";

/// Builds, packages and validates; returns the package's directory.
pub fn package() -> Result<PathBuf, String> {
    let wasm = build_wasm()?;
    let bindgen = target_dir().join("desk-bindgen").join(EXTENSION);
    bindgen_and_optimize(&wasm, &bindgen)?;
    let out = target_dir().join("desk-extension").join(EXTENSION);
    Extension::new("Call Assistant")
        .widget(WidgetPage::of::<CallAssistant>("Call Assistant", &bindgen))
        .write(&out)
        .map_err(|error| error.to_string())?;
    println!("packaged {}", out.display());
    validate(&out)?;
    report_sizes(&wasm, &bindgen.join(format!("{MODULE}_bg.wasm")))?;
    Ok(out)
}

fn build_wasm() -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run(Command::new(cargo)
        .current_dir(root())
        .args(["build", "--quiet", "--package", CRATE])
        .args(["--target", "wasm32-unknown-unknown", "--profile", "wasm"]))?;
    Ok(target_dir().join(format!("wasm32-unknown-unknown/wasm/{MODULE}.wasm")))
}

/// wasm-bindgen (`--target web`), then wasm-opt `-Oz` on its output, in place.
fn bindgen_and_optimize(wasm: &Path, out: &Path) -> Result<(), String> {
    let bindgen = find("wasm-bindgen", "WASM_BINDGEN")?;
    let version = output(Command::new(&bindgen).arg("--version"))?;
    let locked = locked_version("wasm-bindgen")?;
    if version.split_whitespace().nth(1) != Some(locked.as_str()) {
        return Err(format!(
            "{} is `{}`, Cargo.lock has wasm-bindgen {locked}: \
             `cargo install wasm-bindgen-cli --version {locked}`",
            bindgen.display(),
            version.trim()
        ));
    }
    let _ = std::fs::remove_dir_all(out);
    run(Command::new(bindgen)
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(out)
        .arg(wasm))?;
    let module = out.join(format!("{MODULE}_bg.wasm"));
    // Debian's binaryen (108) silently breaks wasm-bindgen's output; npm's (132) works.
    run(Command::new(find("wasm-opt", "WASM_OPT")?)
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
        ])
        .args(["--enable-sign-ext", "--enable-mutable-globals", "-o"])
        .arg(&module)
        .arg(&module))
}

/// The official toolkit's validator must accept the package.
fn validate(package: &Path) -> Result<(), String> {
    let zet = find("zet", "ZET")?;
    let said = output(Command::new(zet).arg("validate").current_dir(package))?;
    // The validator leaves its log in the package: not something to ship.
    let _ = std::fs::remove_file(package.join("ZET-debug.log"));
    // It says "passed" even after listing files the platform will not pack (with a ✖).
    if said.contains("Validation Rules passed successfully.") && !said.contains('✖') {
        println!("zet validate: Validation Rules passed successfully.");
        Ok(())
    } else {
        Err(format!("zet validate did not pass:\n{said}"))
    }
}

/// The module's size at each step: as compiled, after wasm-bindgen and wasm-opt, gzipped.
fn report_sizes(compiled: &Path, shipped: &Path) -> Result<(), String> {
    let size = |path: &Path| {
        std::fs::metadata(path)
            .map(|m| m.len())
            .map_err(|e| e.to_string())
    };
    let gzipped = output(
        Command::new("sh")
            .arg("-c")
            .arg(format!("gzip -9 -c '{}' | wc -c", shipped.display())),
    )?;
    println!(
        "{MODULE}.wasm: {} bytes compiled, {} bytes after wasm-bindgen and wasm-opt -Oz, {} bytes gzipped",
        size(compiled)?,
        size(shipped)?,
        gzipped.trim()
    );
    Ok(())
}
