//! From a widget crate to the module a page loads: `cargo rustc` to `wasm32-unknown-unknown`
//! (a `cdylib`, profile `wasm`), wasm-bindgen's glue (`--target web`, with
//! `wasm-bindgen-cli-support` as a library, the exact version the widgets link), then
//! `wasm-opt -Oz` (binaryen linked in with the `wasm-opt` feature, else a recent enough
//! `wasm-opt` on `PATH`, else none, said once with what it costs).

use crate::output::{self, Step};
use crate::project::cargo;
use crate::short_imports;
use crate::{Error, strip_ansi};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The wasm-bindgen this cargo desk links (`wasm-bindgen-cli-support`): a widget must link
/// exactly this version, since the glue is generated from the macro's encoded schema.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// The WebAssembly target.
pub const TARGET: &str = "wasm32-unknown-unknown";

/// The oldest binaryen whose `wasm-opt` keeps wasm-bindgen's output working (Debian's 108
/// breaks it; 116, the `wasm-opt` crate's, and npm's 132 pass the browser test).
pub const MIN_BINARYEN: u32 = 116;

/// The `[profile.wasm]` widgets are built with, for a workspace that does not define it.
pub const WASM_PROFILE: [(&str, &str); 5] = [
    ("inherits", "\"release\""),
    ("opt-level", "\"z\""),
    ("lto", "true"),
    ("codegen-units", "1"),
    ("panic", "\"abort\""),
];

/// The `--config` that has rustc write the module's paths (its panics' locations) without the
/// author's directories: the home directory as `~`, a crate of cargo's registry by its folder
/// (`js-sys-0.3.107/src/...`), the workspace's files relative to it. For the compiled module
/// only (`--remap-path-scope=object`): compiler messages keep the paths an editor opens.
///
/// `None` where the author gives rustflags of their own (in `RUSTFLAGS`,
/// `CARGO_ENCODED_RUSTFLAGS`, `CARGO_BUILD_RUSTFLAGS`, `CARGO_TARGET_<TRIPLE>_RUSTFLAGS`, or
/// `rustflags` in a cargo configuration this build reads), which these would replace: cargo
/// takes the target's rustflags instead of `build.rustflags`, not beside them.
fn remapping(workspace_root: &Path) -> Option<String> {
    let own = [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_BUILD_RUSTFLAGS",
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
    ];
    if own.iter().any(|name| std::env::var_os(name).is_some()) {
        return None;
    }
    let home = std::env::home_dir().filter(|home| home.is_absolute());
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| Some(home.as_ref()?.join(".cargo")));
    let configs = std::env::current_dir()
        .into_iter()
        .chain([workspace_root.to_owned()])
        .flat_map(|dir| dir.ancestors().map(Path::to_owned).collect::<Vec<_>>())
        .map(|dir| dir.join(".cargo"))
        .chain(cargo_home.clone())
        .flat_map(|dir| [dir.join("config.toml"), dir.join("config")]);
    for config in configs {
        if std::fs::read_to_string(config).is_ok_and(|text| text.contains("rustflags")) {
            return None;
        }
    }
    // Sorted: the same flags on every build, or cargo builds every dependency again.
    let mut registries: Vec<PathBuf> = cargo_home
        .and_then(|cargo_home| std::fs::read_dir(cargo_home.join("registry/src")).ok())
        .into_iter()
        .flatten()
        .filter_map(|entry| Some(entry.ok()?.path()))
        .collect();
    registries.sort();
    Some(remap_flags(home.as_deref(), registries, workspace_root))
}

/// The `--config` of [`remapping`]: rustc applies the last of the prefixes that match, so the
/// home directory first, the registries' sources (inside it, usually) next, the workspace last.
fn remap_flags(
    home: Option<&Path>,
    registries: impl IntoIterator<Item = PathBuf>,
    workspace_root: &Path,
) -> String {
    let mut flags = Vec::new();
    let mut remap = |from: &Path, to: &str| {
        let flag = format!("--remap-path-prefix={}={to}", from.display());
        // A TOML basic string: JSON's escapes are TOML's.
        flags.push(serde_json::Value::from(flag).to_string());
    };
    if let Some(home) = home {
        remap(home, "~");
    }
    // With their separator: `js-sys-0.3.107/src/...`, `src/lib.rs`.
    for registry in registries {
        remap(&registry.join(""), "");
    }
    remap(&workspace_root.join(""), "");
    flags.push("\"--remap-path-scope=object\"".to_owned());
    format!("target.{TARGET}.rustflags=[{}]", flags.join(", "))
}

/// Checks that the crate links the wasm-bindgen version this tool generates glue for.
///
/// # Errors
///
/// Another version, with what to do.
pub fn check_wasm_bindgen(linked: &[String]) -> Result<(), Error> {
    match linked {
        [] => Err(Error::new(
            "the crate does not link wasm-bindgen on wasm32: depend on desk-runtime with its \
             `browser` feature there (`[target.'cfg(target_arch = \"wasm32\")'.dependencies]`)",
        )),
        [version] if version == WASM_BINDGEN_VERSION => Ok(()),
        versions => Err(Error::new(format!(
            "the crate links wasm-bindgen {}, this cargo desk generates glue for {WASM_BINDGEN_VERSION}: \
             pin `wasm-bindgen = \"={WASM_BINDGEN_VERSION}\"` (desk-runtime does), or install the \
             cargo desk of the desk-widgets checkout the crate depends on",
            versions.join(", ")
        ))),
    }
}

/// Makes sure the standard library for `wasm32-unknown-unknown` is installed for the
/// toolchain used in `dir`: installs it with rustup, or says the command.
///
/// # Errors
///
/// The target is missing and rustup cannot install it.
pub fn ensure_target(dir: &Path) -> Result<(), Error> {
    let libdir = Command::new("rustc")
        .current_dir(dir)
        .args(["--print", "target-libdir", "--target", TARGET])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    let installed = libdir.as_ref().is_some_and(|dir| {
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.file_name().to_string_lossy().starts_with("libcore-"))
        })
    });
    if installed {
        return Ok(());
    }
    let command = format!("rustup target add {TARGET}");
    let step = Step::start("Installing", format!("the {TARGET} target (`{command}`)"));
    let status = Command::new("rustup")
        .current_dir(dir)
        .args(["target", "add", TARGET])
        .output();
    step.finish();
    match status {
        Ok(output) if output.status.success() => Ok(()),
        Ok(output) => Err(Error::new(format!(
            "the {TARGET} target is not installed and `{command}` failed:\n{}",
            String::from_utf8_lossy(&output.stderr).trim_end()
        ))),
        Err(_) => Err(Error::new(format!(
            "the {TARGET} target is not installed for this toolchain, and rustup is not on PATH: \
             install the target (with rustup: `{command}`)"
        ))),
    }
}

/// What to compile: one package of a workspace, to a `cdylib` for `wasm32-unknown-unknown`.
#[derive(Debug, Clone, Default)]
pub struct Compile {
    /// The package's (or workspace's) `Cargo.toml`; the current directory's when `None`.
    pub manifest_path: Option<PathBuf>,
    /// `--package`, when the manifest is a workspace's.
    pub package: Option<String>,
    /// `--features`.
    pub features: Vec<String>,
    /// Cargo's target directory (where the `.wasm` file lands).
    pub target_dir: PathBuf,
    /// The workspace's root: `[profile.wasm]` is defined on the command line when its
    /// `Cargo.toml` lacks it.
    pub workspace_root: PathBuf,
    /// The library's name (`-` as `_`): the `.wasm` file's stem.
    pub lib_name: String,
    /// The entry of the page whose module to build (`mount_call_bar`): the crate is compiled
    /// with `--cfg desk_page --cfg desk_page="<entry>"`, so that `extension!` exports that
    /// entry alone and link-time optimisation leaves the other widgets out. `None`: every
    /// entry.
    pub page: Option<String>,
}

impl Compile {
    /// The `cargo rustc` command that builds the module, in the target directory given, with
    /// cargo's `options` (`--color never`, `--quiet`: before the page's cfg, which is the
    /// compiler's).
    pub fn command(&self, options: &[&str]) -> Command {
        let mut command = cargo();
        // `--crate-type cdylib` here rather than in the widget's Cargo.toml: a library that is
        // also an `rlib` is not optimized as one program (its module came out 35% bigger).
        command.args([
            "rustc",
            "--lib",
            "--crate-type",
            "cdylib",
            "--profile",
            "wasm",
        ]);
        command.args(["--target", TARGET]);
        if let Some(path) = &self.manifest_path {
            command.arg("--manifest-path").arg(path);
        }
        if let Some(package) = &self.package {
            command.args(["--package", package]);
        }
        for feature in &self.features {
            command.args(["--features", feature]);
        }
        let root_manifest =
            std::fs::read_to_string(self.workspace_root.join("Cargo.toml")).unwrap_or_default();
        if !root_manifest.contains("[profile.wasm]") {
            for (key, value) in WASM_PROFILE {
                command.args(["--config", &format!("profile.wasm.{key}={value}")]);
            }
        }
        if let Some(flags) = remapping(&self.workspace_root) {
            command.args(["--config", &flags]);
        }
        command.args(options);
        if let Some(entry) = &self.page {
            // For the widget crate alone: its dependencies are built once for every page.
            command.args(["--", "--cfg", "desk_page", "--cfg"]);
            command.arg(format!("desk_page=\"{entry}\""));
        }
        command.env("CARGO_TARGET_DIR", &self.target_dir);
        command
    }

    /// The `.wasm` file the command writes.
    pub fn wasm_path(&self) -> PathBuf {
        self.target_dir
            .join(TARGET)
            .join("wasm")
            .join(format!("{}.wasm", self.lib_name))
    }

    /// Runs `cargo rustc --lib --crate-type cdylib --profile wasm --target wasm32-unknown-unknown`;
    /// returns the `.wasm` file. Cargo's output is captured and shown on failure (warnings on
    /// success); a spinner shows meanwhile. `what` says in the messages what the module is
    /// for (``widget `Call Bar` ``, `every page`): a build of several pages compiles the
    /// same `.wasm` file once for each.
    ///
    /// # Errors
    ///
    /// [`Error::build`] with cargo's output when the crate does not compile.
    pub fn run(&self, what: &str) -> Result<PathBuf, Error> {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let mut command = self.command(&["--color", if color { "always" } else { "never" }]);
        let step = Step::start(
            "Compiling",
            match &self.page {
                Some(entry) => format!(
                    "{} to WebAssembly (profile `wasm`) for {what}, exporting `{entry}`",
                    self.lib_name
                ),
                None => format!(
                    "{} to WebAssembly (profile `wasm`) for {what}",
                    self.lib_name
                ),
            },
        );
        let output = command
            .output()
            .map_err(|e| Error::new(format!("cannot run cargo: {e}")))?;
        let elapsed = step.finish();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if !output.status.success() {
            return Err(Error::build(
                format!("`{}` does not compile to WebAssembly", self.lib_name),
                stderr,
            ));
        }
        if strip_ansi(&stderr).contains("warning") {
            eprint!("{stderr}");
        }
        let wasm = self.wasm_path();
        output::status(
            "Compiled",
            compiled(&wasm, what, file_size(&wasm)?, elapsed),
        );
        Ok(wasm)
    }
}

/// The `Compiled` line: the module rustc wrote, for what, its size. The size is said to be the
/// compiler's, as the module that ships (wasm-bindgen's output, optimised) is another file of
/// another size, which the `Optimized` and `Packaged` lines give.
fn compiled(wasm: &Path, what: &str, bytes: u64, elapsed: std::time::Duration) -> String {
    format!(
        "{} for {what} ({} as compiled, before wasm-bindgen and wasm-opt) in {}",
        wasm.display(),
        output::bytes(bytes),
        output::duration(elapsed)
    )
}

/// wasm-bindgen (`--target web --no-typescript`, as the CLI does it) of `wasm` into `out`,
/// emptied first, the functions the module imports from its glue renamed short in both
/// (`short_imports`); returns the module it wrote (`out/<stem>_bg.wasm`).
///
/// # Errors
///
/// wasm-bindgen's error (a module built with another wasm-bindgen, for one), or a file that
/// cannot be written.
pub fn bindgen(wasm: &Path, out: &Path) -> Result<PathBuf, Error> {
    let step = Step::start(
        "Generating",
        format!("wasm-bindgen {WASM_BINDGEN_VERSION} glue"),
    );
    let failed = |e: &dyn std::fmt::Display| {
        Error::new(format!("wasm-bindgen on {}: {e:#}", wasm.display()))
    };
    let file_stem = wasm
        .file_stem()
        .and_then(|stem| stem.to_str())
        .ok_or_else(|| Error::new(format!("{} has no file name", wasm.display())))?;
    let _ = std::fs::remove_dir_all(out);
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    let mut output = bindgen
        .input_path(wasm)
        .web(true)
        .and_then(|b| {
            b.typescript(false)
                .omit_default_module_path(false)
                .generate_output()
        })
        .map_err(|e| failed(&e))?;
    let renamed = short_imports::shorten(&mut output, &format!("./{file_stem}_bg.js"));
    output.emit(out).map_err(|e| failed(&e))?;
    let glue_path = out.join(format!("{file_stem}.js"));
    let io = |e: std::io::Error| Error::new(format!("{}: {e}", glue_path.display()));
    let glue = std::fs::read_to_string(&glue_path).map_err(io)?;
    let glue = short_imports::rename(&glue, &renamed).ok_or_else(|| {
        Error::new(format!(
            "{}: wasm-bindgen wrote a glue other than it generated",
            glue_path.display()
        ))
    })?;
    std::fs::write(&glue_path, glue).map_err(io)?;
    step.finish();
    Ok(out.join(format!("{file_stem}_bg.wasm")))
}

/// How the module is optimised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Optimizer {
    /// binaryen linked into cargo desk (the `wasm-opt` crate, feature `wasm-opt`).
    Builtin,
    /// A `wasm-opt` program, of a binaryen version known to work.
    Program(PathBuf),
    /// None: why.
    None(String),
}

impl Optimizer {
    /// The built-in optimiser if there is one, else `$WASM_OPT`, else a recent enough
    /// `wasm-opt` on `PATH` or in `extra_dirs`.
    pub fn find(extra_dirs: &[PathBuf]) -> Optimizer {
        if cfg!(feature = "wasm-opt") {
            return Optimizer::Builtin;
        }
        if let Some(path) = std::env::var_os("WASM_OPT") {
            return Optimizer::Program(PathBuf::from(path));
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        let dirs: Vec<PathBuf> = std::env::split_paths(&path)
            .chain(extra_dirs.iter().cloned())
            .collect();
        Optimizer::choose(&dirs)
    }

    /// The first `wasm-opt` in `dirs` of binaryen [`MIN_BINARYEN`] or newer; else none, with
    /// each refused and its version, or that there is none.
    fn choose(dirs: &[PathBuf]) -> Optimizer {
        let mut refused = Vec::new();
        let candidates = dirs
            .iter()
            .map(|dir| dir.join("wasm-opt"))
            .filter(|path| path.is_file());
        for candidate in candidates {
            match binaryen_version(&candidate) {
                Some(version) if version >= MIN_BINARYEN => {
                    return Optimizer::Program(candidate);
                }
                version => refused.push(format!(
                    "{} is binaryen {}, older than {MIN_BINARYEN} (it breaks wasm-bindgen's output)",
                    candidate.display(),
                    version.map_or_else(|| "of unknown version".to_owned(), |v| v.to_string())
                )),
            }
        }
        Optimizer::None(if refused.is_empty() {
            "this cargo desk was installed without `--features wasm-opt` and no `wasm-opt` is on \
             PATH"
                .to_owned()
        } else {
            refused.join("; ")
        })
    }

    /// Optimises `module` in place (`-Oz`, with the features rustc's output uses); returns
    /// whether it did.
    ///
    /// # Errors
    ///
    /// The optimiser failed.
    pub fn run(&self, module: &Path) -> Result<bool, Error> {
        let before = file_size(module)?;
        let step = match self {
            Optimizer::None(_) => return Ok(false),
            Optimizer::Builtin => Step::start("Optimizing", "with binaryen (wasm-opt -Oz)"),
            Optimizer::Program(path) => {
                Step::start("Optimizing", format!("with {} -Oz", path.display()))
            }
        };
        match self {
            Optimizer::Builtin => builtin_optimize(module)?,
            Optimizer::Program(path) => {
                let output = Command::new(path)
                    .args(WASM_OPT_ARGS)
                    .args(WASM_OPT_STRIP)
                    .arg("-o")
                    .arg(module)
                    .arg(module)
                    .output()
                    .map_err(|e| Error::new(format!("cannot run {}: {e}", path.display())))?;
                if !output.status.success() {
                    return Err(Error::new(format!(
                        "{} failed:\n{}",
                        path.display(),
                        String::from_utf8_lossy(&output.stderr)
                    )));
                }
            }
            Optimizer::None(_) => {}
        }
        let elapsed = step.finish();
        output::status(
            "Optimized",
            format!(
                "{} to {} in {}",
                output::bytes(before),
                output::bytes(file_size(module)?),
                output::duration(elapsed)
            ),
        );
        Ok(true)
    }
}

/// `wasm-opt`'s arguments: size first, and the features rustc enables by default (the others
/// it uses, `wasm-opt` reads from the module's `target_features` section).
pub const WASM_OPT_ARGS: [&str; 5] = [
    "-Oz",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
];

/// And for the module that ships: without the sections no browser reads, which name the
/// toolchain (`producers`) and list its features (`target_features`), 260 bytes of every
/// module. Last, as no `wasm-opt` reads the module right after (it would not know its
/// features).
pub const WASM_OPT_STRIP: [&str; 2] = ["--strip-producers", "--strip-target-features"];

#[cfg(feature = "wasm-opt")]
fn builtin_optimize(module: &Path) -> Result<(), Error> {
    use wasm_opt::{Feature, OptimizationOptions, Pass};
    OptimizationOptions::new_optimize_for_size_aggressively()
        .enable_feature(Feature::BulkMemory)
        .enable_feature(Feature::TruncSat)
        .enable_feature(Feature::SignExt)
        .enable_feature(Feature::MutableGlobals)
        // As `WASM_OPT_STRIP`; the crate spells the second pass so.
        .add_pass(Pass::StripProducers)
        .add_pass(Pass::StripTargetFeatuers)
        .run(module, module)
        .map_err(|e| Error::new(format!("wasm-opt on {}: {e}", module.display())))
}

#[cfg(not(feature = "wasm-opt"))]
fn builtin_optimize(_module: &Path) -> Result<(), Error> {
    Err(Error::new("this cargo desk has no built-in optimiser"))
}

/// `wasm-opt --version` -> 132 for `wasm-opt version 132 (version_132)`.
fn binaryen_version(program: &Path) -> Option<u32> {
    let output = Command::new(program).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.split_whitespace()
        .skip_while(|word| *word != "version")
        .nth(1)?
        .parse()
        .ok()
}

/// A file's size in bytes.
///
/// # Errors
///
/// The file cannot be read.
pub fn file_size(path: &Path) -> Result<u64, Error> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| Error::io(path, &e))
}

/// The size of a file gzipped at the best level, in bytes.
///
/// # Errors
///
/// The file cannot be read.
pub fn gzipped_size(path: &Path) -> Result<u64, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(&bytes)
        .and_then(|()| encoder.finish())
        .map(|gz| gz.len() as u64)
        .map_err(|e| Error::io(path, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_remapped_home_first_and_the_workspace_last() {
        let flags = remap_flags(
            Some(Path::new("/home/ada")),
            [PathBuf::from(
                "/home/ada/.cargo/registry/src/index.crates.io-1",
            )],
            Path::new("/home/ada/my \"widget\""),
        );
        assert_eq!(
            flags,
            "target.wasm32-unknown-unknown.rustflags=[\
             \"--remap-path-prefix=/home/ada=~\", \
             \"--remap-path-prefix=/home/ada/.cargo/registry/src/index.crates.io-1/=\", \
             \"--remap-path-prefix=/home/ada/my \\\"widget\\\"/=\", \
             \"--remap-path-scope=object\"]"
        );
    }

    #[test]
    fn the_linked_wasm_bindgen_is_the_workspace_s() {
        // desk-runtime's `=` requirement and this crate's cli-support must agree (checked in
        // the repository; a packaged crate has no workspace lock file).
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.lock");
        let Ok(lock) = std::fs::read_to_string(path) else {
            return;
        };
        for name in ["wasm-bindgen", "wasm-bindgen-cli-support"] {
            let entry = format!("name = \"{name}\"\nversion = \"{WASM_BINDGEN_VERSION}\"");
            assert!(
                lock.contains(&entry),
                "{name} {WASM_BINDGEN_VERSION} in Cargo.lock"
            );
        }
    }

    #[test]
    fn the_compiled_line_names_the_page_and_says_whose_size_it_is() {
        let line = compiled(
            Path::new("target/x.wasm"),
            "widget `Bar`",
            610_860,
            std::time::Duration::from_millis(1500),
        );
        assert_eq!(
            line,
            "target/x.wasm for widget `Bar` (610,860 bytes as compiled, before wasm-bindgen and \
             wasm-opt) in 1.50s"
        );
    }

    /// A fake `wasm-opt` in a directory of its own, printing `version` for `--version`.
    #[cfg(unix)]
    fn fake_wasm_opt(root: &Path, name: &str, version: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let program = dir.join("wasm-opt");
        std::fs::write(&program, format!("#!/bin/sh\necho '{version}'\n")).unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        dir
    }

    /// Debian's binaryen 108 breaks wasm-bindgen's output: its `wasm-opt` is refused, saying
    /// why, and a newer one later on the path is taken instead.
    #[cfg(unix)]
    #[test]
    fn an_old_binaryen_is_refused_and_a_recent_one_taken() {
        let temp = tempfile::TempDir::with_prefix("cargo-desk-wasm-opt-").unwrap();
        let root = temp.path();
        let debian = fake_wasm_opt(root, "debian", "wasm-opt version 108");
        let npm = fake_wasm_opt(root, "npm", "wasm-opt version 132 (version_132)");
        let odd = fake_wasm_opt(root, "odd", "wasm-opt, a build of its own");
        assert_eq!(binaryen_version(&debian.join("wasm-opt")), Some(108));
        assert_eq!(binaryen_version(&npm.join("wasm-opt")), Some(132));
        assert_eq!(binaryen_version(&odd.join("wasm-opt")), None);

        let Optimizer::None(why) = Optimizer::choose(&[debian.clone(), odd.clone()]) else {
            panic!("binaryen 108 taken");
        };
        assert!(
            why.contains("is binaryen 108, older than 116 (it breaks wasm-bindgen's output)"),
            "{why}"
        );
        assert!(why.contains("is binaryen of unknown version"), "{why}");
        assert_eq!(
            Optimizer::choose(&[debian, root.join("none"), npm.clone()]),
            Optimizer::Program(npm.join("wasm-opt"))
        );
        let Optimizer::None(why) = Optimizer::choose(&[]) else {
            panic!("an optimiser out of nothing");
        };
        assert!(why.contains("no `wasm-opt` is on PATH"), "{why}");
    }

    #[test]
    fn another_wasm_bindgen_is_refused_with_what_to_do() {
        assert!(check_wasm_bindgen(&[WASM_BINDGEN_VERSION.to_owned()]).is_ok());
        let error = check_wasm_bindgen(&["0.2.99".to_owned()]).unwrap_err();
        assert!(error.to_string().contains("=0.2.130"), "{error}");
        assert!(check_wasm_bindgen(&[]).is_err());
    }
}
