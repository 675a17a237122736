//! Every Rust example of the README and the guide (`docs/guide/`) is what a widget author
//! pastes into the `src/lib.rs` of a crate `cargo desk new` wrote: this test does exactly that,
//! one crate per example, and runs its `cargo test`. A `rust,ignore` block is a file shown as it
//! is elsewhere (`tests/readme.rs` checks those); `text`, `sh` and `toml` blocks are not Rust.
//!
//! The crates are written under `target/guide-examples/` and built there, offline, with this
//! repository's `Cargo.lock`. `GUIDE_EXAMPLE=<file>:<line>` runs one example.

use cargo_desk::new::{Source, files};
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../build/guide_blocks.rs"]
mod guide_blocks;

/// A Rust example: where it is, and its text.
struct Example {
    place: String,
    code: String,
}

/// The ```` ```rust ```` blocks of `markdown`, with where each is.
fn examples(file: &str, markdown: &str) -> Vec<Example> {
    guide_blocks::rust_blocks(markdown)
        .into_iter()
        .map(|(line, code)| Example {
            place: format!("{file}:{line}"),
            code,
        })
        .collect()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files a document declares for its examples' crates: each fenced block whose info string
/// is `<language> file=<path>` (a chapter's translations, say), as `(path, text)`.
fn declared_files(markdown: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in markdown.lines() {
        match &mut open {
            None => {
                let info = line.trim().strip_prefix("```").unwrap_or_default();
                if let Some((_, path)) = info.split_once(" file=") {
                    open = Some((path.trim().to_owned(), String::new()));
                }
            }
            Some((path, text)) if line.trim() == "```" => {
                files.push((std::mem::take(path), std::mem::take(text)));
                open = None;
            }
            Some((_, text)) => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    files
}

/// The README and the guide's chapters, in order.
fn documents() -> Vec<PathBuf> {
    let mut chapters: Vec<PathBuf> = std::fs::read_dir(root().join("docs/guide"))
        .expect("docs/guide is readable")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    chapters.sort();
    std::iter::once(root().join("README.md"))
        .chain(chapters)
        .collect()
}

/// Writes `example` as the `src/lib.rs` of a crate as `cargo desk new` writes it, in `dir`,
/// with the files its document declares.
fn write_crate(dir: &Path, name: &str, example: &Example, declared: &[(String, String)]) {
    let source = Source::Checkout(root());
    let new = files(name, "desk.ticket.detail.rightpanel", &source).unwrap();
    let declared = declared
        .iter()
        .map(|(path, text)| (PathBuf::from(path), text.clone()));
    for (path, text) in new.into_iter().chain(declared) {
        let text = if path == Path::new("src/lib.rs") {
            format!("// {}\n{}", example.place, example.code)
        } else {
            text
        };
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // Unchanged files keep their time stamps: cargo rebuilds only what changed.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).unwrap();
        }
    }
    // The versions this repository is tested with, so that the build needs no network.
    let lock = std::fs::read(root().join("Cargo.lock")).unwrap();
    if std::fs::read(dir.join("Cargo.lock")).ok().as_deref() != Some(&lock[..]) {
        std::fs::write(dir.join("Cargo.lock"), lock).unwrap();
    }
}

/// The ```` ```text ```` blocks of `markdown` that quote rustc (they begin with `error` or
/// `warning`).
fn quoted_diagnostics(markdown: &str) -> Vec<String> {
    let mut quotes = Vec::new();
    let mut open: Option<String> = None;
    for line in markdown.lines() {
        match &mut open {
            None if line.trim() == "```text" => open = Some(String::new()),
            None => {}
            Some(quote) if line.trim() == "```" => {
                if quote.starts_with("error") || quote.starts_with("warning") {
                    quotes.push(std::mem::take(quote));
                }
                open = None;
            }
            Some(quote) => {
                quote.push_str(line);
                quote.push('\n');
            }
        }
    }
    quotes
}

/// What the docs quote of rustc is what rustc prints: each quote is part of a trybuild
/// `.stderr` file of `tests/ui/`, which the `ui` test holds equal to rustc's output.
#[test]
fn every_quoted_diagnostic_is_rustcs_output() {
    let stderr: Vec<String> = std::fs::read_dir(root().join("tests/ui"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "stderr"))
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    let mut quotes = 0;
    for document in documents() {
        for quote in quoted_diagnostics(&std::fs::read_to_string(&document).unwrap()) {
            assert!(
                stderr.iter().any(|file| file.contains(&quote)),
                "{} quotes a diagnostic no tests/ui/*.stderr has:\n{quote}",
                document.display()
            );
            quotes += 1;
        }
    }
    assert!(quotes > 0);
}

#[test]
fn every_example_builds_and_passes_its_tests_in_a_new_crate() {
    let only = std::env::var("GUIDE_EXAMPLE").ok();
    let work = root().join("target/guide-examples");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut ran = 0;
    let mut failed = Vec::new();
    for document in documents() {
        let text = std::fs::read_to_string(&document).unwrap();
        let file = document.strip_prefix(root()).unwrap().display().to_string();
        let declared = declared_files(&text);
        for (index, example) in examples(&file, &text).iter().enumerate() {
            if only.as_ref().is_some_and(|only| *only != example.place) {
                continue;
            }
            // `example-readme-0`, `example-guide-10-3`: short, as a widget's page name must be
            // (the crate's name is its widget's in the template).
            let stem = file.trim_end_matches(".md").to_lowercase();
            let stem = match stem.strip_prefix("docs/guide/") {
                Some(chapter) => format!("guide-{}", chapter.split('-').next().unwrap_or(chapter)),
                None => stem.replace(['/', '.'], "-"),
            };
            let name = format!("example-{stem}-{index}");
            let dir = work.join(&name);
            write_crate(&dir, &name, example, &declared);
            let output = Command::new(&cargo)
                .args(["test", "--offline", "--quiet"])
                .current_dir(&dir)
                .env("CARGO_TARGET_DIR", work.join("target"))
                .env_remove("RUSTFLAGS")
                .output()
                .expect("cargo runs");
            ran += 1;
            if !output.status.success() {
                failed.push(format!(
                    "{} (in {}):\n{}{}",
                    example.place,
                    dir.display(),
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
    assert!(ran > 0 || only.is_some(), "no example found");
    if let Some(only) = only {
        assert_eq!(ran, 1, "no example at {only}");
    }
}
