//! Packages an extension declared with `desk_runtime::extension!` in the layout of the official
//! toolkit (`zet validate`, `zet pack`):
//!
//! ```text
//! plugin-manifest.json        from the declaration: widgets, storage, domains, connectors, config
//! resources.json
//! app/<page>.html             one page per widget and per modal: its module inlined (the
//!                             .wasm file gzip-compressed as base64, wasm-bindgen's glue),
//!                             the SDK, its entry
//! app/module/<page>/...       the glue's snippets that cannot be inlined, if any
//! app/translations/en.json
//! app/img/logo.png, icon.png
//! ```
//!
//! Everything comes from the one declaration the module's entries come from: a page for every
//! widget, and each page calls its own widget's entry in its own module (`cargo desk build`
//! compiles the crate once per page, so that a page loads its widget's code alone). Writing
//! refuses a module that does not export its page's entry (built without `desk_runtime`'s
//! `browser` feature, or from another crate), a location the platform does not have, and names
//! the toolkit would refuse.
//!
//! ```no_run
//! # use desk_runtime::prelude::*;
//! # #[derive(Default)] struct CallPanel;
//! # #[desk_widget(location = "desk.ticket.detail.rightpanel")] impl CallPanel {}
//! # impl Page for CallPanel { fn render(&self) -> String { String::new() } }
//! # desk_runtime::extension! { name: "Call Tools", widgets: { "Call Panel": CallPanel } }
//! use desk_package::Package;
//!
//! let written = Package::new(&EXTENSION, "target/bindgen").write("target/extension").unwrap();
//! println!("{written}");
//! ```

mod compact;
mod manifest;
mod module;
mod page;

pub use module::{Module, base64, gzip};
pub use page::{SDK_SCRIPT, page};

use desk_runtime::Extension;
use serde_json::json;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

const LOGO: &[u8] = include_bytes!("../assets/logo.png");
const ICON: &[u8] = include_bytes!("../assets/icon.png");

/// An extension to package: its declaration, and the wasm-bindgen output of each page's module.
#[derive(Debug, Clone)]
pub struct Package<'a> {
    extension: &'a Extension,
    bindgen_dir: PathBuf,
    /// Whether `bindgen_dir` itself is every page's module (`cargo desk serve`'s).
    shared: bool,
    logo: Vec<u8>,
    icon: Vec<u8>,
}

/// Why an extension cannot be packaged.
#[derive(Debug)]
#[non_exhaustive]
pub enum PackageError {
    /// A widget's location is not one of the platform's.
    UnknownLocation(desk_catalog::UnknownLocation),
    /// A widget's name is empty, or not of the toolkit's form `^[a-zA-Z][a-zA-Z0-9-_ ]*$`.
    BadName(String),
    /// Two widgets have the same name or the same page.
    DuplicateName(String),
    /// The extension has no widget.
    NoWidget,
    /// A page's wasm-bindgen output directory holds no `.js` glue module or no `.wasm` module.
    NoModule(PathBuf),
    /// A page's wasm-bindgen glue cannot be inlined in its page: not `--target web`'s output,
    /// an import of something other than a snippet, or text that would end the page's script.
    Glue(PathBuf, String),
    /// A page's module does not export its widget's entry.
    NoEntry {
        /// The widget's name.
        widget: String,
        /// The export its page calls.
        entry: String,
        /// The glue module that lacks it.
        glue: PathBuf,
    },
    /// Reading or writing a file failed.
    Io(PathBuf, io::Error),
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackageError::UnknownLocation(error) => error.fmt(f),
            PackageError::BadName(name) => write!(
                f,
                "widget name `{name}`: a letter, then letters, digits, `-`, `_` and spaces"
            ),
            PackageError::DuplicateName(name) => {
                write!(f, "two widgets are named `{name}` (or share its page)")
            }
            PackageError::NoWidget => f.write_str("an extension needs at least one widget"),
            PackageError::NoModule(dir) => write!(
                f,
                "no wasm-bindgen output (`.js` and `.wasm`) in `{}`",
                dir.display()
            ),
            PackageError::Glue(glue, what) => {
                write!(
                    f,
                    "`{}` cannot be inlined in a page: {what}",
                    glue.display()
                )
            }
            PackageError::NoEntry {
                widget,
                entry,
                glue,
            } => write!(
                f,
                "`{}` does not export `{entry}`, the entry of the widget `{widget}`: build the \
                 module from the crate that declares the extension, with desk-runtime's \
                 `browser` feature",
                glue.display()
            ),
            PackageError::Io(path, error) => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for PackageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PackageError::UnknownLocation(error) => Some(error),
            PackageError::Io(_, error) => Some(error),
            _ => None,
        }
    }
}

/// What [`Package::write`] wrote, to report it.
#[derive(Debug, Clone)]
pub struct Written {
    /// The package's directory.
    pub dir: PathBuf,
    /// Each widget's and modal's page, in declaration order.
    pub pages: Vec<WrittenPage>,
}

/// A page of the package, and the module it loads.
#[derive(Debug, Clone)]
pub struct WrittenPage {
    /// The widget's (or modal's) name.
    pub name: String,
    /// The page's file.
    pub path: PathBuf,
    /// The page's size in bytes: what an agent's browser downloads for it, besides the SDK.
    pub bytes: u64,
    /// The page's module, inlined in it.
    pub module: Module,
}

impl fmt::Display for Written {
    /// What a person wants to know after packaging: where, which pages, what ships.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Packaged {}", self.dir.display())?;
        for page in &self.pages {
            let module = &page.module;
            write!(
                f,
                "\n  {}: {} ({} bytes: the {}-byte WebAssembly module gzip-compressed as base64, {} bytes of \
                 glue)",
                page.name,
                page.path.display(),
                page.bytes,
                module.wasm_bytes,
                module.glue_bytes
            )?;
            for file in &module.files {
                write!(f, ", app/{file}")?;
            }
        }
        Ok(())
    }
}

impl<'a> Package<'a> {
    /// The package of `extension`, with the wasm-bindgen output (`--target web`) of each page's
    /// module in `bindgen_dir/<page>/` (as `cargo desk build` writes it: the crate compiled
    /// with `--cfg desk_page --cfg desk_page="<entry>"`), and placeholder logo and icon.
    pub fn new(extension: &'a Extension, bindgen_dir: impl Into<PathBuf>) -> Self {
        Package {
            extension,
            bindgen_dir: bindgen_dir.into(),
            shared: false,
            logo: LOGO.to_vec(),
            icon: ICON.to_vec(),
        }
    }

    /// Takes the wasm-bindgen output in `bindgen_dir` itself, a module of every entry (the
    /// crate compiled without the page's cfg), as every page's module: what `cargo desk serve`
    /// builds, once per change rather than once per page. Each page still inlines its copy, so
    /// the package has the layout that ships, compressed at once rather than smallest (the page
    /// is for the browser on this machine).
    #[must_use]
    pub fn one_module_for_every_page(mut self) -> Self {
        self.shared = true;
        self
    }

    /// Replaces the placeholder logo and icon (PNG files).
    #[must_use]
    pub fn images(mut self, logo: Vec<u8>, icon: Vec<u8>) -> Self {
        self.logo = logo;
        self.icon = icon;
        self
    }

    /// `plugin-manifest.json`, its widgets in declaration order.
    pub fn manifest(&self) -> serde_json::Value {
        manifest::manifest(self.extension)
    }

    /// Checks the extension: at least one widget, known locations, valid and unique names.
    /// (`extension!` checks names at compile time; this also covers an `Extension` written by
    /// hand.)
    ///
    /// # Errors
    ///
    /// The first problem found.
    pub fn check(&self) -> Result<(), PackageError> {
        let widgets = self.extension.widgets;
        if widgets.is_empty() {
            return Err(PackageError::NoWidget);
        }
        for (index, widget) in widgets.iter().enumerate() {
            desk_catalog::location(widget.location).map_err(PackageError::UnknownLocation)?;
            if !valid_name(widget.name) {
                return Err(PackageError::BadName(widget.name.to_owned()));
            }
            if widgets[..index]
                .iter()
                .any(|w| w.name == widget.name || w.page == widget.page || w.entry == widget.entry)
            {
                return Err(PackageError::DuplicateName(widget.name.to_owned()));
            }
        }
        Ok(())
    }

    /// Checks the extension and writes it into `dir`. The package is written next to `dir`
    /// first and takes its place only once complete: a failure leaves the previous package as
    /// it was.
    ///
    /// # Errors
    ///
    /// [`Package::check`]'s, a page without a module or whose module lacks its widget's entry,
    /// or a file that cannot be read or written.
    pub fn write(&self, dir: impl AsRef<Path>) -> Result<Written, PackageError> {
        self.check()?;
        let dir = dir.as_ref();
        let name = dir.file_name().map_or_else(
            || "package".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let partial = dir.with_file_name(format!(".{name}.partial-{}", std::process::id()));
        let _ = fs::remove_dir_all(&partial);
        let written = self.write_into(&partial).and_then(|written| {
            if dir.exists() {
                fs::remove_dir_all(dir).map_err(io_error(dir))?;
            }
            fs::rename(&partial, dir).map_err(io_error(dir))?;
            Ok(written)
        });
        if written.is_err() {
            let _ = fs::remove_dir_all(&partial);
        }
        let mut written = written?;
        for page in &mut written.pages {
            page.path = dir.join(&page.path);
        }
        dir.clone_into(&mut written.dir);
        Ok(written)
    }

    /// Writes the package into `dir`; its pages relative to it.
    fn write_into(&self, dir: &Path) -> Result<Written, PackageError> {
        let manifest = serde_json::to_string_pretty(&self.manifest()).unwrap_or_default();
        write(&dir.join("plugin-manifest.json"), manifest.as_bytes())?;
        write(&dir.join("resources.json"), b"{}\n")?;
        // The declared locales' files, as the crate has them (`extension!` checked them);
        // without any, `en` with the extension's name.
        if self.extension.locales.is_empty() {
            let translations = json!({ "extension.name": self.extension.name });
            let translations = serde_json::to_string_pretty(&translations).unwrap_or_default();
            write(
                &dir.join("app/translations/en.json"),
                translations.as_bytes(),
            )?;
        }
        for locale in self.extension.locales {
            let path = dir.join(format!("app/translations/{}.json", locale.code));
            write(&path, locale.json.as_bytes())?;
        }
        write(&dir.join("app/img/logo.png"), &self.logo)?;
        write(&dir.join("app/img/icon.png"), &self.icon)?;
        // Every widget's page and every modal's (which `App.instance.modal({url})` opens; no
        // manifest entry, as no source gives one), each with its own module.
        let mut pages = Vec::new();
        for widget in self.extension.pages() {
            let bindgen = if self.shared {
                self.bindgen_dir.clone()
            } else {
                self.bindgen_dir.join(widget.page)
            };
            let mut module = Module::read(&bindgen, widget.page)?;
            module.quick = self.shared;
            if !module.exports(widget.entry) {
                return Err(PackageError::NoEntry {
                    widget: widget.name.to_owned(),
                    entry: widget.entry.to_owned(),
                    glue: module.glue_path,
                });
            }
            module.copy_files(&dir.join("app"))?;
            let path = PathBuf::from(format!("app/{}.html", widget.page));
            let html = page::html(widget, &module);
            write(&dir.join(&path), html.as_bytes())?;
            pages.push(WrittenPage {
                name: widget.name.to_owned(),
                path,
                bytes: html.len() as u64,
                module,
            });
        }
        Ok(Written {
            dir: dir.to_owned(),
            pages,
        })
    }
}

/// The toolkit's rule for widget names.
fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' '))
}

/// The `map_err` for an I/O failure at `path`.
fn io_error(path: &Path) -> impl FnOnce(io::Error) -> PackageError + '_ {
    move |error| PackageError::Io(path.to_owned(), error)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), PackageError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    fs::write(path, bytes).map_err(io_error(path))
}
