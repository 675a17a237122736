//! Finding and running the external tools.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace's root (this crate's parent).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Cargo's target directory.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// A tool: `$ENV_NAME` if set, else on `PATH`, else in `.tools/node_modules/.bin`.
pub fn find(name: &str, env: &str) -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os(env) {
        return Ok(PathBuf::from(path));
    }
    let local = root().join(".tools/node_modules/.bin").join(name);
    let on_path = std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file());
    on_path
        .or_else(|| local.is_file().then_some(local))
        .ok_or_else(|| format!("`{name}` not found (on PATH, in .tools/, or ${env}): see .ci/run"))
}

/// Runs a command to completion, its output shown; an error names it if it fails.
pub fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|error| format!("cannot run {command:?}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed ({status})"))
    }
}

/// Runs a command and returns its standard output.
pub fn output(command: &mut Command) -> Result<String, String> {
    let output = command
        .output()
        .map_err(|error| format!("cannot run {command:?}: {error}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if output.status.success() {
        Ok(stdout)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(format!(
            "{command:?} failed ({}):\n{stdout}{stderr}",
            output.status
        ))
    }
}

/// The version of a package in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| e.to_string())?;
    let entry = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&entry)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))?
        + entry.len();
    lock[start..]
        .split('"')
        .next()
        .map(str::to_owned)
        .ok_or_else(|| format!("{package} has no version in Cargo.lock"))
}
