//! Packages WebAssembly widgets as a Zoho Desk extension, in the layout of the official toolkit
//! (`zet validate`, `zet pack`):
//!
//! ```text
//! plugin-manifest.json        modules.widgets from the widgets' own #[desk_widget] declarations
//! resources.json
//! app/<widget>.html           one page per widget: the SDK script, then the wasm glue
//! app/<widget>/...            the wasm-bindgen output (--target web), the module as a .js file
//! app/translations/en.json
//! app/img/logo.png, icon.png
//! ```
//!
//! The platform packs only some file types (`.js`, `.html`, `.json`, images, ...), not `.wasm`:
//! `zet validate` lists a `.wasm` file as "not allowed" (and still says it passed). So the
//! WebAssembly module ships inside a JavaScript module, base64-encoded, and the page hands its
//! bytes to wasm-bindgen's `init`.
//!
//! The Rust code is the single source of truth for locations: a [`WidgetPage`] takes its
//! location from the widget type's `Widget::LOCATION`, and [`Extension::write`] refuses any
//! location the platform does not have (the toolkit's validator does not check them).
//!
//! ```no_run
//! # use desk_runtime::prelude::*;
//! # #[derive(Default)] struct CallAssistant;
//! # #[desk_widget(location = "desk.ticket.detail.rightpanel")] impl CallAssistant {}
//! use desk_package::{Extension, WidgetPage};
//!
//! let extension = Extension::new("Call Assistant")
//!     .widget(WidgetPage::of::<CallAssistant>("Call Assistant", "target/bindgen/telephony"));
//! extension.write("target/desk-extension/call-assistant").unwrap();
//! ```

use desk_runtime::Widget;
use serde_json::json;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The Desk client SDK script every widget page loads first.
pub const SDK_SCRIPT: &str =
    "https://js.zohostatic.com/support/developer_sdk/v1/js/ZohoDeskClientSDK.min.js";

/// The element ids a widget page provides: `app` for the widget, `errors` for its failures.
pub const PAGE_BODY: &str = "<main id=\"app\"></main>\n<ul id=\"errors\"></ul>";

const LOGO: &[u8] = include_bytes!("../assets/logo.png");
const ICON: &[u8] = include_bytes!("../assets/icon.png");

/// An extension: a name and its widgets.
#[derive(Debug, Clone)]
pub struct Extension {
    name: String,
    widgets: Vec<WidgetPage>,
    logo: Vec<u8>,
    icon: Vec<u8>,
}

/// One widget of an extension: its page, and the wasm-bindgen output the page loads.
#[derive(Debug, Clone)]
pub struct WidgetPage {
    name: String,
    location: String,
    bindgen_dir: PathBuf,
    body: String,
}

/// Why an extension cannot be packaged.
#[derive(Debug)]
#[non_exhaustive]
pub enum PackageError {
    /// A widget's location is not one of the platform's.
    UnknownLocation(desk_catalog::UnknownLocation),
    /// A widget's name is empty, or not of the toolkit's form `^[a-zA-Z][a-zA-Z0-9-_ ]*$`.
    BadName(String),
    /// Two widgets have the same name.
    DuplicateName(String),
    /// The extension has no widget.
    NoWidget,
    /// A wasm-bindgen output directory holds no `.js` glue module or no `.wasm` module.
    NoModule(PathBuf),
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
            PackageError::DuplicateName(name) => write!(f, "two widgets are named `{name}`"),
            PackageError::NoWidget => f.write_str("an extension needs at least one widget"),
            PackageError::NoModule(dir) => {
                write!(
                    f,
                    "no wasm-bindgen output (`.js` and `.wasm`) in `{}`",
                    dir.display()
                )
            }
            PackageError::Io(path, error) => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for PackageError {}

impl WidgetPage {
    /// The page of widget type `W`, at `W::LOCATION`, loading the wasm-bindgen output
    /// (`--target web`) in `bindgen_dir`.
    pub fn of<W: Widget>(name: impl Into<String>, bindgen_dir: impl Into<PathBuf>) -> Self {
        WidgetPage::at(name, W::LOCATION, bindgen_dir)
    }

    /// A page at an explicit location (checked when the extension is written).
    pub fn at(
        name: impl Into<String>,
        location: impl Into<String>,
        bindgen_dir: impl Into<PathBuf>,
    ) -> Self {
        WidgetPage {
            name: name.into(),
            location: location.into(),
            bindgen_dir: bindgen_dir.into(),
            body: PAGE_BODY.to_owned(),
        }
    }

    /// Replaces the page's body (by default [`PAGE_BODY`]).
    #[must_use]
    pub fn body(mut self, html: impl Into<String>) -> Self {
        self.body = html.into();
        self
    }

    /// The file and folder name of the page: the name in lower case, `-` for the rest.
    fn slug(&self) -> String {
        self.name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect()
    }
}

impl Extension {
    /// An extension with placeholder logo and icon.
    pub fn new(name: impl Into<String>) -> Self {
        Extension {
            name: name.into(),
            widgets: Vec::new(),
            logo: LOGO.to_vec(),
            icon: ICON.to_vec(),
        }
    }

    /// Adds a widget.
    #[must_use]
    pub fn widget(mut self, page: WidgetPage) -> Self {
        self.widgets.push(page);
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
        let widgets: Vec<serde_json::Value> = self
            .widgets
            .iter()
            .map(|widget| {
                json!({
                    "location": widget.location,
                    "url": format!("/app/{}.html", widget.slug()),
                    "name": widget.name,
                    "logo": "/app/img/logo.png",
                    "icon": "/app/img/icon.png",
                })
            })
            .collect();
        json!({
            "locale": ["en"],
            "service": "DESK",
            "storage": false,
            "type": "personal",
            "whiteListedDomains": [],
            "modules": { "widgets": widgets },
            "cspDomains": { "connect-src": [] },
            "zohoAuthorisation": {},
            "connectors": [],
            "config": [],
            "moduleSupport": false,
        })
    }

    /// Checks the extension: known locations, valid and unique names, at least one widget.
    ///
    /// # Errors
    ///
    /// The first problem found.
    pub fn check(&self) -> Result<(), PackageError> {
        if self.widgets.is_empty() {
            return Err(PackageError::NoWidget);
        }
        for (index, widget) in self.widgets.iter().enumerate() {
            desk_catalog::location(&widget.location).map_err(PackageError::UnknownLocation)?;
            if !valid_name(&widget.name) {
                return Err(PackageError::BadName(widget.name.clone()));
            }
            if self.widgets[..index]
                .iter()
                .any(|w| w.name == widget.name || w.slug() == widget.slug())
            {
                return Err(PackageError::DuplicateName(widget.name.clone()));
            }
        }
        Ok(())
    }

    /// Checks the extension and writes it into `dir` (emptied first).
    ///
    /// # Errors
    ///
    /// [`Extension::check`]'s, a widget without a wasm-bindgen module, or a file that cannot be
    /// read or written.
    pub fn write(&self, dir: impl AsRef<Path>) -> Result<(), PackageError> {
        self.check()?;
        let dir = dir.as_ref();
        if dir.exists() {
            fs::remove_dir_all(dir).map_err(|e| PackageError::Io(dir.to_owned(), e))?;
        }
        let manifest = serde_json::to_string_pretty(&self.manifest()).unwrap_or_default();
        let translations = json!({ "extension.name": self.name });
        write(&dir.join("plugin-manifest.json"), manifest.as_bytes())?;
        write(&dir.join("resources.json"), b"{}\n")?;
        write(
            &dir.join("app/translations/en.json"),
            serde_json::to_string_pretty(&translations)
                .unwrap_or_default()
                .as_bytes(),
        )?;
        write(&dir.join("app/img/logo.png"), &self.logo)?;
        write(&dir.join("app/img/icon.png"), &self.icon)?;
        for widget in &self.widgets {
            let slug = widget.slug();
            let module = copy_bindgen_output(&widget.bindgen_dir, &dir.join("app").join(&slug))?;
            write(
                &dir.join(format!("app/{slug}.html")),
                page(widget, &slug, &module).as_bytes(),
            )?;
        }
        Ok(())
    }
}

/// The toolkit's rule for widget names.
fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' '))
}

/// A widget's page: the SDK first, then the module, which mounts the widget when it starts.
fn page(widget: &WidgetPage, slug: &str, output: &BindgenOutput) -> String {
    let title = desk_runtime::html::escape(&widget.name);
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>{title}</title>\n\
         </head>\n<body>\n{body}\n<script src=\"{SDK_SCRIPT}\"></script>\n\
         <script type=\"module\">\nimport init from \"./{slug}/{module}\";\n\
         import wasm from \"./{slug}/{wasm}\";\ninit({{ module_or_path: wasm }});\n</script>\n\
         </body>\n</html>\n",
        body = widget.body,
        module = output.module,
        wasm = output.wasm,
    )
}

/// The names of the glue module and of the WebAssembly module (as its `.js` wrapper).
struct BindgenOutput {
    module: String,
    wasm: String,
}

/// Copies wasm-bindgen's output (glue module, `snippets/`), each `.wasm` file as a JavaScript
/// module whose default export is its bytes.
fn copy_bindgen_output(from: &Path, to: &Path) -> Result<BindgenOutput, PackageError> {
    copy_dir(from, to)?;
    let names = |extension: &str| -> Result<Vec<String>, PackageError> {
        let entries = fs::read_dir(from).map_err(|e| PackageError::Io(from.to_owned(), e))?;
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == extension))
            .filter_map(|path| Some(path.file_name()?.to_string_lossy().into_owned()))
            .collect();
        names.sort();
        Ok(names)
    };
    let module = names("js")?.into_iter().next();
    let wasm = names("wasm")?.into_iter().next();
    let (Some(module), Some(wasm)) = (module, wasm) else {
        return Err(PackageError::NoModule(from.to_owned()));
    };
    let bytes = fs::read(to.join(&wasm)).map_err(|e| PackageError::Io(to.join(&wasm), e))?;
    fs::remove_file(to.join(&wasm)).map_err(|e| PackageError::Io(to.join(&wasm), e))?;
    let wrapper = format!("{wasm}.js");
    let source = format!(
        "// {wasm}, base64-encoded: Desk extensions cannot ship .wasm files.\n\
         const base64 = \"{}\";\n\
         export default Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));\n",
        base64(&bytes)
    );
    write(&to.join(&wrapper), source.as_bytes())?;
    Ok(BindgenOutput {
        module,
        wasm: wrapper,
    })
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), PackageError> {
    fs::create_dir_all(to).map_err(|e| PackageError::Io(to.to_owned(), e))?;
    let entries = fs::read_dir(from).map_err(|e| PackageError::Io(from.to_owned(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| PackageError::Io(from.to_owned(), e))?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(|e| PackageError::Io(target.clone(), e))?;
        }
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), PackageError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| PackageError::Io(parent.to_owned(), e))?;
    }
    fs::write(path, bytes).map_err(|e| PackageError::Io(path.to_owned(), e))
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_the_rfc_4648_test_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, encoded) in vectors {
            assert_eq!(super::base64(input.as_bytes()), encoded);
        }
        assert_eq!(super::base64(&[0xFF, 0xFE, 0x00]), "//4A");
    }
}
