//! `cargo xtask package`: the example extensions, from Rust to validated Desk packages; and
//! the steps every WebAssembly module goes through (`cargo xtask sizes` reuses them).

use crate::tools::{find, locked_version, output, root, run, target_dir};
use cargo_desk::build::Optimizer;
use desk_package::Package;
use desk_runtime::Extension;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The example telephony extension's crate.
pub const CRATE: &str = "telephony-widget";

/// An extension of this repository: its crate and its declaration.
pub struct Example {
    pub krate: &'static str,
    pub extension: &'static Extension,
}

/// The extensions `cargo xtask package` builds: three widgets, and the guide's two.
pub const EXAMPLES: [Example; 2] = [
    Example {
        krate: CRATE,
        extension: &telephony_widget::EXTENSION,
    },
    Example {
        krate: "status-board",
        extension: &status_board::EXTENSION,
    },
];

/// Builds, packages and validates every example; returns their packages' directories.
pub fn package() -> Result<Vec<PathBuf>, String> {
    EXAMPLES.iter().map(package_one).collect()
}

/// Builds, packages and validates one extension; returns the package's directory.
pub fn package_one(example: &Example) -> Result<PathBuf, String> {
    let bindgen = target_dir().join("desk-bindgen").join(example.krate);
    let modules = build_pages(example.krate, example.extension, &bindgen)?;
    let out = target_dir().join("desk-extension").join(example.krate);
    let written = Package::new(example.extension, &bindgen)
        .write(&out)
        .map_err(|error| error.to_string())?;
    println!("{written}");
    // Each page's module holds its own widget: it exports no other page's entry.
    let pages = || example.extension.pages();
    for (widget, page) in pages().zip(&written.pages) {
        if let Some(other) =
            pages().find(|w| w.entry != widget.entry && page.module.exports(w.entry))
        {
            return Err(format!(
                "the module of {} exports `{}`, the entry of {}",
                widget.name, other.entry, other.name
            ));
        }
    }
    // The runtime's snippet is inlined in every page: a page fetches nothing of its own.
    if let Some(page) = written
        .pages
        .iter()
        .find(|page| !page.module.files.is_empty())
    {
        return Err(format!(
            "{} ships snippets its page could not inline: {:?}",
            page.name, page.module.files
        ));
    }
    desk_validate(&out)?;
    validate(&out)?;
    // What an agent's browser downloads for a page is the page, its module inlined as base64,
    // not the module itself.
    for (page, sizes) in written.pages.iter().zip(modules) {
        println!(
            "{}: its module {} bytes compiled, {} after wasm-bindgen and wasm-opt -Oz ({} \
             gzipped); ships in its page of {} bytes ({} gzipped) with {} bytes of glue",
            page.name,
            sizes.compiled,
            sizes.optimized,
            sizes.gzipped,
            page.bytes,
            gzipped_size(&page.path)?,
            page.module.glue_bytes,
        );
    }
    Ok(out)
}

/// Builds each page's module of `extension` (declared in `package`) as `cargo desk build`
/// does: the crate compiled for the page's entry alone, wasm-bindgen into `bindgen/<page>/`,
/// wasm-opt; returns their sizes, in the order of the pages.
pub fn build_pages(
    package: &str,
    extension: &Extension,
    bindgen: &Path,
) -> Result<Vec<Sizes>, String> {
    let _ = std::fs::remove_dir_all(bindgen);
    let mut sizes = Vec::new();
    for widget in extension.pages() {
        let wasm = build_page(package, &[], Some(widget.entry))?;
        let shipped = bindgen_and_optimize(&wasm, &bindgen.join(widget.page))?;
        sizes.push(Sizes::measure(&wasm, &shipped)?);
    }
    Ok(sizes)
}

/// The module's name: the crate's, `-` as `_` (as rustc names the `.wasm` file).
pub fn module_name(package: &str) -> String {
    package.replace('-', "_")
}

/// Builds `package`'s `cdylib` for `wasm32-unknown-unknown` with the workspace's `wasm`
/// profile, every entry exported; returns the `.wasm` file. The command is `cargo desk
/// build`'s; cargo's output is shown as it runs.
pub fn build_wasm(package: &str, features: &[&str]) -> Result<PathBuf, String> {
    build_page(package, features, None)
}

/// [`build_wasm`], exporting the entry `page` alone if given (as `cargo desk build` builds a
/// page's module).
pub fn build_page(package: &str, features: &[&str], page: Option<&str>) -> Result<PathBuf, String> {
    let compile = cargo_desk::build::Compile {
        manifest_path: Some(root().join("Cargo.toml")),
        package: Some(package.to_owned()),
        features: features.iter().map(|f| (*f).to_owned()).collect(),
        target_dir: target_dir(),
        workspace_root: root(),
        lib_name: module_name(package),
        page: page.map(ToOwned::to_owned),
    };
    run(compile.command(&["--quiet"]).current_dir(root()))?;
    Ok(compile.wasm_path())
}

/// wasm-bindgen (`--target web`) into `out`, then wasm-opt `-Oz` on its output, in place;
/// returns the module wasm-bindgen wrote (`out/<module>_bg.wasm`).
pub fn bindgen_and_optimize(wasm: &Path, out: &Path) -> Result<PathBuf, String> {
    let module = bindgen(wasm, out)?;
    optimize(&module, &module)?;
    Ok(module)
}

/// wasm-bindgen (`--target web`) into `out`, with cargo desk's `wasm-bindgen-cli-support`
/// (the version in Cargo.lock: checked); returns the module it wrote.
pub fn bindgen(wasm: &Path, out: &Path) -> Result<PathBuf, String> {
    let locked = locked_version("wasm-bindgen")?;
    if locked != cargo_desk::build::WASM_BINDGEN_VERSION {
        return Err(format!(
            "Cargo.lock has wasm-bindgen {locked}, cargo-desk links wasm-bindgen-cli-support {}: \
             make them the same version",
            cargo_desk::build::WASM_BINDGEN_VERSION
        ));
    }
    cargo_desk::build::bindgen(wasm, out).map_err(message)
}

/// wasm-opt `-Oz` of `module` into `optimized` (the same path: in place), with cargo desk's
/// optimiser: binaryen linked in (its `wasm-opt` feature), else `$WASM_OPT`, else a `wasm-opt`
/// of binaryen 116 or later on `PATH` or in `.tools/node_modules/.bin` (see .ci/run).
pub fn optimize(module: &Path, optimized: &Path) -> Result<(), String> {
    let wasm_opt = Optimizer::find(&[root().join(".tools/node_modules/.bin")]);
    if let Optimizer::None(why) = &wasm_opt {
        return Err(format!("no wasm-opt: {why}; see .ci/run"));
    }
    if module != optimized {
        std::fs::copy(module, optimized).map_err(|e| format!("{}: {e}", optimized.display()))?;
    }
    wasm_opt.run(optimized).map(|_| ()).map_err(message)
}

/// A cargo desk error as xtask reports errors: the compiler's output first.
fn message(error: cargo_desk::Error) -> String {
    match error.output {
        Some(output) => format!("{output}{}", error.message),
        None => error.message,
    }
}

/// cargo desk's own validation (the toolkit's rules and the locations, names and packed
/// files they miss): it must agree with `zet validate`.
fn desk_validate(package: &Path) -> Result<(), String> {
    cargo_desk::check(package).map_err(message)
}

/// The official toolkit's validator must accept the package.
pub(crate) fn validate(package: &Path) -> Result<(), String> {
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

/// A module's size at each step, in bytes.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// As compiled (`cargo build --profile wasm`).
    pub compiled: u64,
    /// After wasm-bindgen and `wasm-opt -Oz`: what ships.
    pub optimized: u64,
    /// What ships, `gzip -9`.
    pub gzipped: u64,
}

impl Sizes {
    /// Measures the compiled module and the one that ships.
    pub fn measure(compiled: &Path, shipped: &Path) -> Result<Self, String> {
        Ok(Sizes {
            compiled: file_size(compiled)?,
            optimized: file_size(shipped)?,
            gzipped: gzipped_size(shipped)?,
        })
    }
}

/// A file's size in bytes.
pub fn file_size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The size of `gzip -9` of a file, in bytes.
pub fn gzipped_size(path: &Path) -> Result<u64, String> {
    let gzipped = output(
        Command::new("sh")
            .arg("-c")
            .arg(format!("gzip -9 -n -c '{}' | wc -c", path.display())),
    )?;
    gzipped
        .trim()
        .parse()
        .map_err(|error| format!("gzip -9 of {}: `{gzipped}`: {error}", path.display()))
}
