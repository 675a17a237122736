//! `cargo desk new` from a checkout of desk-widgets: the new crate starts with the checkout's
//! `Cargo.lock`, so that cargo resolves it to the versions the repository is tested with (not
//! the newest compatible ones) and drops what the crate does not use.

use cargo_desk::new::{Source, Template, create};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The checkout this test runs in: the one `cargo desk new` points the path dependencies at.
fn checkout() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The packages of a `Cargo.lock`: name, version, and whether they come from a registry (a
/// path package has no `source`).
fn packages(lock: &str) -> BTreeSet<(String, String, bool)> {
    let value = |entry: &str, key: &str| {
        entry.lines().find_map(|line| {
            let rest = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(rest.trim().trim_matches('"').to_owned())
        })
    };
    lock.split("[[package]]")
        .skip(1)
        .map(|entry| {
            (
                value(entry, "name").unwrap(),
                value(entry, "version").unwrap(),
                value(entry, "source").is_some(),
            )
        })
        .collect()
}

/// `cargo metadata` of the crate at `dir`, offline (the checkout's versions are in cargo's
/// cache: the checkout was built with them); `--locked` to check the lock needs no change.
fn metadata(dir: &Path, locked: bool) -> std::process::Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .args(["metadata", "--offline", "--format-version", "1"])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .current_dir(dir);
    if locked {
        command.arg("--locked");
    }
    command.output().unwrap()
}

#[test]
fn a_new_crate_resolves_to_the_versions_of_the_checkout() {
    let root = checkout();
    let Ok(ours) = std::fs::read_to_string(root.join("Cargo.lock")) else {
        // A packaged cargo-desk has no workspace lock file: nothing to seed from.
        return;
    };
    let ours_packages = packages(&ours);
    let version_of = |name: &str| {
        ours_packages
            .iter()
            .find(|(n, _, registry)| n == name && *registry)
            .map(|(_, version, _)| version.clone())
    };
    let temp = tempfile::TempDir::with_prefix("cargo-desk-new-lock-").unwrap();
    for (name, template) in [
        ("call-panel", Template::Widget),
        ("portal-check", Template::Conformance),
    ] {
        let dir = temp.path().join(name);
        let written = create(&dir, template, None, &Source::Checkout(root.clone())).unwrap();
        assert!(
            written.contains(&PathBuf::from("Cargo.lock")),
            "{written:?}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("Cargo.lock")).unwrap(),
            ours
        );

        let output = metadata(&dir, false);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let lock = std::fs::read_to_string(dir.join("Cargo.lock")).unwrap();
        let theirs = packages(&lock);
        // Every registry package at the checkout's version; the checkout's own crates that the
        // new crate does not use are gone.
        for package in theirs.iter().filter(|(_, _, registry)| *registry) {
            assert!(
                ours_packages.contains(package),
                "{name}: {package:?} is not the checkout's version"
            );
        }
        for (crate_name, version, _) in &theirs {
            if *crate_name == "url" || *crate_name == "serde" {
                assert_eq!(Some(version.clone()), version_of(crate_name), "{name}");
            }
        }
        assert!(theirs.iter().any(|(n, _, _)| n == "url"), "{name}: {lock}");
        assert!(
            !theirs
                .iter()
                .any(|(n, _, _)| n == "telephony-widget" || n == "xtask"),
            "{name}: {lock}"
        );
        assert!(theirs.iter().any(|(n, _, _)| n == name), "{name}: {lock}");
        // Resolved once, the lock is the crate's: `--locked` builds take it as it is.
        let output = metadata(&dir, true);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Names that once made crates that did not compile: `string` (the widget type `String` hid the
/// prelude's, which the template uses) and `ticket-status-changed` (the type clashed with the
/// payload type the template imports). Each crate is checked offline (the checkout's versions
/// are in cargo's cache) in one target directory kept between runs, so that the second and
/// later checks build only the new crate.
#[test]
fn new_crates_of_tricky_names_compile() {
    let root = checkout();
    if !root.join("Cargo.lock").is_file() {
        return;
    }
    let temp = tempfile::TempDir::with_prefix("cargo-desk-new-names-").unwrap();
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("new-crates");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for name in ["string", "ticket-status-changed"] {
        let dir = temp.path().join(name);
        create(
            &dir,
            Template::Widget,
            None,
            &Source::Checkout(root.clone()),
        )
        .unwrap();
        let output = Command::new(&cargo)
            .args(["check", "--offline", "--tests", "--quiet"])
            .arg("--manifest-path")
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{name}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
