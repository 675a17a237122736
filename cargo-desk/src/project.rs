//! The widget crate being built: found with `cargo metadata` from the current directory or
//! `--manifest-path`.

use crate::Error;
use crate::budget::Budget;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Cargo, as the subcommand was run (`$CARGO`), so that the toolchain is the caller's.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// A widget crate.
#[derive(Debug, Clone)]
pub struct Project {
    /// The package's name.
    pub name: String,
    /// Its library's name (`-` as `_`): the `.wasm` file's stem.
    pub lib_name: String,
    /// Its `Cargo.toml`.
    pub manifest_path: PathBuf,
    /// Its directory.
    pub dir: PathBuf,
    /// Its workspace's root directory (where `[profile.wasm]` must be).
    pub workspace_root: PathBuf,
    /// Cargo's target directory.
    pub target_dir: PathBuf,
    /// The versions of `wasm-bindgen` the crate links on `wasm32-unknown-unknown`.
    pub wasm_bindgen: Vec<String>,
    /// What each page may weigh (`[package.metadata.desk.budget]`).
    pub budget: Budget,
    /// The directory of the `desk-runtime` the crate depends on, when by path: a checkout of
    /// desk-widgets (`<checkout>/desk-runtime`), whose documents cargo desk can then point to.
    pub desk_runtime_dir: Option<PathBuf>,
}

impl Project {
    /// The crate at `manifest_path`, or else the one whose directory holds the current
    /// directory.
    ///
    /// # Errors
    ///
    /// No `Cargo.toml`, `cargo metadata` failing, or a workspace without a package here.
    pub fn find(manifest_path: Option<&Path>) -> Result<Project, Error> {
        let mut command = cargo();
        command.args([
            "metadata",
            "--format-version",
            "1",
            "--filter-platform",
            "wasm32-unknown-unknown",
        ]);
        if let Some(path) = manifest_path {
            command.arg("--manifest-path").arg(path);
        }
        let output = command
            .output()
            .map_err(|e| Error::new(format!("cannot run cargo: {e}")))?;
        if !output.status.success() {
            return Err(Error::new(format!(
                "`cargo metadata` failed: is this a widget crate (run `cargo desk new NAME` to \
                 make one)?\n{}",
                String::from_utf8_lossy(&output.stderr).trim_end()
            )));
        }
        let metadata: Value = serde_json::from_slice(&output.stdout)
            .map_err(|e| Error::new(format!("cargo metadata's output: {e}")))?;
        Self::from_metadata(&metadata, manifest_path)
    }

    fn from_metadata(metadata: &Value, manifest_path: Option<&Path>) -> Result<Project, Error> {
        let str_of = |value: &Value, key: &str| value[key].as_str().unwrap_or_default().to_owned();
        let members: Vec<&Value> = metadata["workspace_members"]
            .as_array()
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| {
                        metadata["packages"]
                            .as_array()?
                            .iter()
                            .find(|p| p["id"] == *id)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let wanted = match manifest_path {
            Some(path) => Some(
                std::fs::canonicalize(path)
                    .map_err(|e| Error::new(format!("{}: {e}", path.display())))?,
            ),
            None => None,
        };
        let cwd = std::env::current_dir().unwrap_or_default();
        let package = members
            .iter()
            .filter(|p| {
                let manifest = PathBuf::from(str_of(p, "manifest_path"));
                match &wanted {
                    Some(wanted) => manifest == *wanted,
                    None => manifest.parent().is_some_and(|dir| cwd.starts_with(dir)),
                }
            })
            .max_by_key(|p| str_of(p, "manifest_path").len())
            .or_else(|| (members.len() == 1).then(|| &members[0]))
            .ok_or_else(|| {
                Error::new(
                    "this is a workspace: run cargo desk in the widget crate's directory, or \
                     give `--manifest-path path/to/widget/Cargo.toml`",
                )
            })?;
        let lib = package["targets"]
            .as_array()
            .and_then(|targets| {
                targets.iter().find(|t| {
                    t["kind"]
                        .as_array()
                        .is_some_and(|kinds| kinds.iter().any(|k| k == "lib"))
                })
            })
            .ok_or_else(|| {
                Error::new(format!(
                    "`{}` has no library: a widget crate is a library (`src/lib.rs`)",
                    str_of(package, "name")
                ))
            })?;
        let manifest_path = PathBuf::from(str_of(package, "manifest_path"));
        let mut wasm_bindgen: Vec<String> = metadata["packages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["name"] == "wasm-bindgen")
            .map(|p| str_of(p, "version"))
            .collect();
        wasm_bindgen.sort();
        wasm_bindgen.dedup();
        // A path dependency has no `source`; a registry's `desk-runtime` has no docs/ to name.
        let desk_runtime_dir = metadata["packages"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["name"] == "desk-runtime" && p["source"].is_null())
            .and_then(|p| {
                Some(
                    PathBuf::from(p["manifest_path"].as_str()?)
                        .parent()?
                        .to_owned(),
                )
            });
        let budget = Budget::from_metadata(package)?;
        Ok(Project {
            name: str_of(package, "name"),
            lib_name: str_of(lib, "name").replace('-', "_"),
            dir: manifest_path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            manifest_path,
            workspace_root: PathBuf::from(str_of(metadata, "workspace_root")),
            target_dir: PathBuf::from(str_of(metadata, "target_directory")),
            wasm_bindgen,
            budget,
            desk_runtime_dir,
        })
    }

    /// Where cargo desk writes its own files: `target/desk/<crate>/`.
    pub fn desk_dir(&self) -> PathBuf {
        self.target_dir.join("desk").join(&self.name)
    }

    /// The package directory in the toolkit's layout.
    pub fn package_dir(&self) -> PathBuf {
        self.desk_dir().join("package")
    }

    /// A crate in a fresh temporary directory (`src/`, a `target/` and a `.git/` in it), as
    /// `cargo desk new` makes them, with the directory's guard (which removes it when dropped):
    /// for tests.
    #[cfg(test)]
    pub(crate) fn scratch(name: &str) -> (tempfile::TempDir, Project) {
        let temp = tempfile::TempDir::with_prefix(format!("cargo-desk-{name}-"))
            .expect("a temporary directory");
        let dir = temp.path().to_path_buf();
        for folder in ["src", "target/debug", ".git"] {
            std::fs::create_dir_all(dir.join(folder)).expect("a temporary directory");
        }
        let project = Project {
            name: name.to_owned(),
            lib_name: name.to_owned(),
            manifest_path: dir.join("Cargo.toml"),
            workspace_root: dir.clone(),
            target_dir: dir.join("target"),
            dir,
            wasm_bindgen: Vec::new(),
            budget: Budget::default(),
            desk_runtime_dir: None,
        };
        (temp, project)
    }

    /// The zip `cargo desk pack` writes.
    pub fn zip_path(&self) -> PathBuf {
        self.target_dir
            .join("desk")
            .join(format!("{}.zip", self.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_desk_runtime_by_path_is_a_checkouts() {
        let metadata = |source: Value| {
            json!({
                "workspace_members": ["w"],
                "workspace_root": "/crate",
                "target_directory": "/crate/target",
                "packages": [
                    {
                        "id": "w", "name": "w", "manifest_path": "/crate/Cargo.toml",
                        "targets": [{ "kind": ["lib"], "name": "w" }], "metadata": null,
                    },
                    {
                        "id": "r", "name": "desk-runtime", "source": source,
                        "manifest_path": "/checkout/desk-runtime/Cargo.toml", "targets": [],
                    },
                ],
            })
        };
        // The workspace's one member is the crate, wherever the test runs.
        let project = |source| Project::from_metadata(&metadata(source), None).unwrap();
        assert_eq!(
            project(Value::Null).desk_runtime_dir,
            Some(PathBuf::from("/checkout/desk-runtime"))
        );
        let registry = json!("registry+https://github.com/rust-lang/crates.io-index");
        assert_eq!(project(registry).desk_runtime_dir, None);
    }
}
