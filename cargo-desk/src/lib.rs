//! `cargo desk`: from a new widget to a package Zoho Desk accepts, with no Node, npm or wasm
//! tool CLI. The binary is a thin shell over this library, which `cargo xtask` reuses for its
//! builds.
//!
//! - [`new`]: a widget crate from a template, its location checked against the catalog;
//! - [`build`]: the WebAssembly module, wasm-bindgen's glue (`wasm-bindgen-cli-support`, the
//!   version the widgets link) and the optimised module;
//! - [`extension`]: the crate's `EXTENSION`, read by a generated native helper;
//! - [`validate`]: the toolkit's rules, reimplemented, and what they miss;
//! - [`pack`]: the zip, in the toolkit's layout;
//! - [`serve`]: what `zet run` gives authors, rebuilt on every change.

pub mod budget;
pub mod build;
pub mod extension;
pub mod local_config;
pub mod new;
pub mod output;
pub mod pack;
pub mod project;
pub mod serve;
mod short_imports;
pub mod validate;

use build::{Compile, Optimizer};
use desk_package::{Package, Written};
use project::Project;
use std::fmt;
use std::path::{Path, PathBuf};

/// A failure, with what to do about it; a build's compiler output apart.
#[derive(Debug, Clone)]
pub struct Error {
    /// What went wrong, and what to do.
    pub message: String,
    /// The compiler's output, when a build failed.
    pub output: Option<String>,
}

impl Error {
    /// An error with a message.
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
            output: None,
        }
    }

    /// A failed build: the message and the compiler's output.
    pub fn build(message: impl Into<String>, output: String) -> Error {
        Error {
            message: message.into(),
            output: Some(output),
        }
    }

    /// An I/O failure at `path`.
    pub fn io(path: &Path, error: &std::io::Error) -> Error {
        Error::new(format!("{}: {error}", path.display()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// `text` without ANSI color sequences.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A widget crate built and packaged.
#[derive(Debug)]
pub struct Built {
    /// The package directory, in the toolkit's layout.
    pub package_dir: PathBuf,
    /// What the packager wrote.
    pub written: Written,
    /// Each page's module, in the order of the package's pages.
    pub modules: Vec<BuiltModule>,
    /// Whether the modules were optimised.
    pub optimized: bool,
    /// The extension the crate declares.
    pub extension: &'static desk_runtime::Extension,
}

/// A page's module, built.
#[derive(Debug)]
pub struct BuiltModule {
    /// The widget's (or modal's) name.
    pub name: String,
    /// The module's size as compiled, in bytes.
    pub compiled_bytes: u64,
    /// The module that ships (after wasm-bindgen and the optimiser).
    pub shipped: PathBuf,
}

/// How many modules a build makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modules {
    /// A module per page, exporting its own widget's entry alone: what ships (the crate
    /// compiled with `--cfg desk_page --cfg desk_page="<entry>"` for each page: its
    /// dependencies once, the crate itself for every page).
    PerPage,
    /// One module of every entry, copied for every page: a build per change, for `cargo desk
    /// serve`, where a page's size matters less than the wait.
    OneForAll,
}

impl Modules {
    /// Where a build of this kind writes its modules and package: `target/desk/<crate>/` for
    /// what ships, `target/desk/<crate>/serve/` for `cargo desk serve`, so that a `pack` while
    /// the server runs neither overwrites the served site nor reads its half-written files.
    pub fn dir(self, project: &Project) -> PathBuf {
        match self {
            Modules::PerPage => project.desk_dir(),
            Modules::OneForAll => project.desk_dir().join("serve"),
        }
    }
}

/// Builds the crate's modules and packages them into its package directory: wasm-bindgen's
/// version checked, the target installed if missing, the extension read, the module of each
/// page compiled as `modules` says, its glue generated, optimised with `optimizer`; packaged
/// and validated.
///
/// # Errors
///
/// The first step that fails, with what to do.
pub fn build_package(
    project: &Project,
    optimizer: &Optimizer,
    modules: Modules,
) -> Result<Built, Error> {
    build::check_wasm_bindgen(&project.wasm_bindgen)?;
    build::ensure_target(&project.dir)?;
    // Held until the package is written: cargo's `.wasm` and the extension's helper are one
    // per crate, whatever the build's kind.
    let _building = exclusive(project)?;
    let extension = extension::read(project)?;
    let bindgen_dir = modules.dir(project).join("bindgen");
    let _ = std::fs::remove_dir_all(&bindgen_dir);
    let compile = |page: Option<&str>, what: &str| {
        Compile {
            manifest_path: Some(project.manifest_path.clone()),
            package: None,
            features: Vec::new(),
            target_dir: project.target_dir.clone(),
            workspace_root: project.workspace_root.clone(),
            lib_name: project.lib_name.clone(),
            page: page.map(str::to_owned),
        }
        .run(what)
    };
    let mut built = Vec::new();
    let mut was_optimized = false;
    let package = match modules {
        Modules::PerPage => {
            for (index, widget) in extension.pages().enumerate() {
                // `pages()` lists the widgets, then the modals.
                let kind = if index < extension.widgets.len() {
                    "widget"
                } else {
                    "modal"
                };
                let what = format!("{kind} `{}`", widget.name);
                let compiled = compile(Some(widget.entry), &what)?;
                let shipped = build::bindgen(&compiled, &bindgen_dir.join(widget.page))?;
                was_optimized = optimizer.run(&shipped)?;
                built.push(BuiltModule {
                    name: widget.name.to_owned(),
                    compiled_bytes: build::file_size(&compiled)?,
                    shipped,
                });
            }
            Package::new(extension, &bindgen_dir)
        }
        Modules::OneForAll => {
            let compiled = compile(None, "every page")?;
            let shipped = build::bindgen(&compiled, &bindgen_dir)?;
            was_optimized = optimizer.run(&shipped)?;
            let compiled_bytes = build::file_size(&compiled)?;
            for widget in extension.pages() {
                built.push(BuiltModule {
                    name: widget.name.to_owned(),
                    compiled_bytes,
                    shipped: shipped.clone(),
                });
            }
            Package::new(extension, &bindgen_dir).one_module_for_every_page()
        }
    };
    let package_dir = modules.dir(project).join("package");
    let written = package
        .write(&package_dir)
        .map_err(|e| Error::new(e.to_string()))?;
    let sizes: Vec<(&str, u64)> = written
        .pages
        .iter()
        .map(|page| (page.name.as_str(), page.module.wasm_bytes))
        .collect();
    output::status(
        "Packaged",
        packaged(&package_dir, extension, &sizes, modules, was_optimized),
    );
    check(&package_dir)?;
    Ok(Built {
        package_dir,
        written,
        modules: built,
        optimized: was_optimized,
        extension,
    })
}

/// The crate's build lock (`target/desk/<crate>/build.lock`), taken, waiting for another
/// cargo desk (a `pack` while `serve` builds) to release it: two builds of one crate write the
/// same `.wasm` file in cargo's target directory, and one must not read the other's.
///
/// # Errors
///
/// The lock file cannot be made or locked.
pub fn exclusive(project: &Project) -> Result<std::fs::File, Error> {
    let dir = project.desk_dir();
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, &e))?;
    let path = dir.join("build.lock");
    let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, &e))?;
    if file.try_lock().is_err() {
        output::note(format!(
            "waiting for another cargo desk building this crate ({})",
            path.display()
        ));
        file.lock().map_err(|e| Error::io(&path, &e))?;
    }
    Ok(file)
}

/// Validates a package directory, printing the verdict.
///
/// # Errors
///
/// Every problem found, one a line.
pub fn check(package_dir: &Path) -> Result<(), Error> {
    let problems = validate::validate(package_dir);
    if problems.is_empty() {
        output::status(
            "Validated",
            "the toolkit's rules, locations, names, what the platform packs",
        );
        Ok(())
    } else {
        Err(Error::new(format!(
            "the package in {} is not valid:\n{}",
            package_dir.display(),
            problems
                .iter()
                .map(|p| format!("  - {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        )))
    }
}

/// The `Packaged` line: where, which pages, and the size of each module as it ships (`sizes`,
/// a page's name and its module's bytes, in the package's order). The sizes are said to be
/// after wasm-bindgen (and wasm-opt), as the `Compiled` lines before gave the compiler's, of
/// another file; with several modules, each is named by its page.
fn packaged(
    dir: &Path,
    extension: &desk_runtime::Extension,
    sizes: &[(&str, u64)],
    modules: Modules,
    optimized: bool,
) -> String {
    let shipped = if optimized {
        "after wasm-bindgen and wasm-opt"
    } else {
        "after wasm-bindgen, not optimised"
    };
    let modules = match (modules, sizes) {
        (Modules::OneForAll, [(_, bytes), ..]) => format!(
            "one module of every entry for every page, {} {shipped}, inlined in each page as \
             base64",
            output::bytes(*bytes)
        ),
        (Modules::PerPage, [(_, bytes)]) => format!(
            "its module {} {shipped}, inlined in its page as base64",
            output::bytes(*bytes)
        ),
        (_, sizes) => format!(
            "each with its own module, {shipped}: {}; inlined in its page as base64",
            sizes
                .iter()
                .map(|(name, bytes)| format!("`{name}` {}", output::bytes(*bytes)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!(
        "{} ({}, {modules})",
        dir.display(),
        pages(extension.widgets.len(), extension.modals.len()),
    )
}

/// "2 widgets and 1 modal": what a package's pages are.
fn pages(widgets: usize, modals: usize) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    match modals {
        0 => count(widgets, "widget"),
        _ => format!(
            "{} and {}",
            count(widgets, "widget"),
            count(modals, "modal")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "A `pack` during a rebuild waits for it": a second holder of a crate's build lock waits
    /// until the first lets it go.
    #[test]
    fn a_second_build_of_a_crate_waits_for_the_first() {
        let (_temp, project) = Project::scratch("locked");
        let first = exclusive(&project).unwrap();
        let (taken, waited) = std::sync::mpsc::channel();
        let second = {
            let project = project.clone();
            std::thread::spawn(move || {
                let lock = exclusive(&project).unwrap();
                taken.send(()).unwrap();
                drop(lock);
            })
        };
        // Held: the second waits (a quarter second is long for a lock free to take).
        assert!(
            waited
                .recv_timeout(std::time::Duration::from_millis(250))
                .is_err()
        );
        drop(first);
        waited
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("taken once released");
        second.join().unwrap();
    }

    #[test]
    fn serve_builds_apart_from_pack() {
        let (_temp, project) = Project::scratch("apart");
        let (shipped, served) = (
            Modules::PerPage.dir(&project),
            Modules::OneForAll.dir(&project),
        );
        assert_eq!(shipped, project.target_dir.join("desk").join("apart"));
        // Neither writes into the other's `package/` or `bindgen/`.
        for folder in ["package", "bindgen"] {
            assert!(!served.join(folder).starts_with(shipped.join(folder)));
            assert!(!shipped.join(folder).starts_with(served.join(folder)));
        }
        assert_ne!(served, shipped);
    }

    #[test]
    fn the_packaged_line_names_each_module_and_says_whose_size_it_is() {
        let extension = extension::from_json(&serde_json::json!({
            "name": "Call Tools",
            "widgets": [{ "name": "Bar" }, { "name": "Panel" }],
            "modals": [{ "name": "Confirm" }],
        }));
        let dir = Path::new("package");
        let sizes = [("Bar", 125_696), ("Panel", 98_304), ("Confirm", 40_960)];
        assert_eq!(
            packaged(dir, extension, &sizes, Modules::PerPage, true),
            "package (2 widgets and 1 modal, each with its own module, after wasm-bindgen and \
             wasm-opt: `Bar` 125,696 bytes, `Panel` 98,304 bytes, `Confirm` 40,960 bytes; \
             inlined in its page as base64)"
        );
        assert_eq!(
            packaged(dir, extension, &sizes, Modules::OneForAll, false),
            "package (2 widgets and 1 modal, one module of every entry for every page, 125,696 \
             bytes after wasm-bindgen, not optimised, inlined in each page as base64)"
        );
        let one = extension::from_json(&serde_json::json!({
            "name": "Calls",
            "widgets": [{ "name": "Bar" }],
        }));
        assert_eq!(
            packaged(dir, one, &sizes[..1], Modules::PerPage, true),
            "package (1 widget, its module 125,696 bytes after wasm-bindgen and wasm-opt, \
             inlined in its page as base64)"
        );
    }

    #[test]
    fn one_build_of_a_crate_at_a_time() {
        let (_temp, project) = Project::scratch("exclusive");
        let building = exclusive(&project).unwrap();
        let (sender, taken) = std::sync::mpsc::channel();
        let waiting = project.clone();
        std::thread::spawn(move || {
            let lock = exclusive(&waiting);
            let _ = sender.send(lock.is_ok());
        });
        let wait = std::time::Duration::from_millis(300);
        assert!(taken.recv_timeout(wait).is_err(), "taken while held");
        drop(building);
        assert_eq!(taken.recv_timeout(wait * 10), Ok(true));
    }
}
