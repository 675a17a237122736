//! `cargo desk new NAME [--location LOCATION | --template conformance]`: a widget crate that
//! builds, tests and packages as it is. Everything is checked before anything is written: a
//! refused `new` creates nothing.

use crate::Error;
use crate::extension::toml_string;
use std::path::{Path, PathBuf};

/// The location a new widget is placed at unless told otherwise.
pub const DEFAULT_LOCATION: &str = "desk.ticket.detail.rightpanel";

/// The desk-widgets checkout this cargo desk was built from, when it was built from one (then
/// new crates depend on it by path; the crates are not published yet).
pub fn recorded_checkout() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).parent()?;
    dir.join("desk-runtime/Cargo.toml")
        .is_file()
        .then(|| dir.to_path_buf())
}

/// What `cargo desk new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// One widget at a location of the author's choice (`--location`): the default.
    Widget,
    /// The conformance extension: widgets at a ticket's right panel, the bottom band and the
    /// telephony bar, and a modal, which check in Desk every assumption the library makes of
    /// the SDK, each page a table of them.
    Conformance,
}

impl Template {
    /// The templates, by the names `--template` takes.
    pub const ALL: [(&'static str, Template); 2] = [
        ("widget", Template::Widget),
        ("conformance", Template::Conformance),
    ];

    /// The template named `name`.
    ///
    /// # Errors
    ///
    /// An unknown name, with the known ones.
    pub fn named(name: &str) -> Result<Template, Error> {
        Template::ALL
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, template)| *template)
            .ok_or_else(|| {
                Error::new(format!(
                    "no template `{}`: `--template` takes `widget` (the default) or `conformance`",
                    name.chars().take(50).collect::<String>()
                ))
            })
    }
}

/// The conformance extension's source files, as `cargo desk new --template conformance` writes
/// them (`__TITLE__` becomes the extension's name).
const CONFORMANCE: [(&str, &str); 11] = [
    (
        "src/lib.rs",
        include_str!("../templates/conformance/src/lib.rs"),
    ),
    (
        "src/report.rs",
        include_str!("../templates/conformance/src/report.rs"),
    ),
    (
        "src/properties.rs",
        include_str!("../templates/conformance/src/properties.rs"),
    ),
    (
        "src/panel.rs",
        include_str!("../templates/conformance/src/panel.rs"),
    ),
    (
        "src/band.rs",
        include_str!("../templates/conformance/src/band.rs"),
    ),
    (
        "src/phone.rs",
        include_str!("../templates/conformance/src/phone.rs"),
    ),
    (
        "src/handshake.rs",
        include_str!("../templates/conformance/src/handshake.rs"),
    ),
    (
        "src/service.rs",
        include_str!("../templates/conformance/src/service.rs"),
    ),
    (
        "src/storage.rs",
        include_str!("../templates/conformance/src/storage.rs"),
    ),
    (
        "src/tests.rs",
        include_str!("../templates/conformance/src/tests.rs"),
    ),
    (
        "README.md",
        include_str!("../templates/conformance/README.md"),
    ),
];

/// Where the new crate's `desk-runtime` comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A checkout of desk-widgets (its root directory).
    Checkout(PathBuf),
    /// The registry, at this crate's version.
    Registry,
}

impl Source {
    /// `--desk-path`, else `$DESK_WIDGETS_PATH`, else the recorded checkout, else the registry.
    ///
    /// # Errors
    ///
    /// A given path that is not a checkout.
    pub fn choose(flag: Option<PathBuf>) -> Result<Source, Error> {
        let given = flag.or_else(|| std::env::var_os("DESK_WIDGETS_PATH").map(PathBuf::from));
        match given {
            Some(path) => {
                if !path.join("desk-runtime/Cargo.toml").is_file() {
                    return Err(Error::new(format!(
                        "{} is not a checkout of desk-widgets (no desk-runtime/Cargo.toml in it)",
                        path.display()
                    )));
                }
                Ok(Source::Checkout(
                    std::fs::canonicalize(&path).unwrap_or(path),
                ))
            }
            None => Ok(recorded_checkout().map_or(Source::Registry, Source::Checkout)),
        }
    }

    fn dependency(&self, features: &str) -> String {
        match self {
            Source::Checkout(root) => format!(
                "{{ path = {}{features} }}",
                toml_string(&root.join("desk-runtime").to_string_lossy())
            ),
            Source::Registry => format!(
                "{{ version = \"{}\"{features} }}",
                env!("CARGO_PKG_VERSION")
            ),
        }
    }
}

/// Names a new crate cannot take, compared as cargo compares crate names (`-` and `_` alike,
/// case aside): desk-widgets' own crates, a new crate's dependency by path among them (a
/// namesake of the checkout's is a "package collision in the lockfile"), and what a new crate
/// depends on by name. `names_taken_by_the_workspace_are_refused` checks that every member of
/// the workspace is here.
pub const TAKEN_NAMES: [&str; 15] = [
    "desk-widgets",
    "desk-runtime",
    "desk-macros",
    "desk-codegen",
    "desk-catalog",
    "desk-package",
    "desk-bench",
    "desk-wasm-hand",
    "desk-startup-minimal",
    "cargo-desk",
    "status-board",
    "telephony-widget",
    "xtask",
    "serde",
    "serde_json",
];

/// The longest widget name whose page, `app/<name>.html`, the toolkit takes (a file name of at
/// most 50 characters, as `extension!` checks).
const MAX_TITLE: usize = 50 - ".html".len();

/// A crate name cargo accepts and whose widget name the toolkit accepts: a letter, then ASCII
/// letters, digits, `-` and `_`; neither a name Rust reserves nor one of [`TAKEN_NAMES`]; its
/// widget's page name within the toolkit's 50 characters.
///
/// # Errors
///
/// What is wrong with it.
pub fn check_name(name: &str) -> Result<(), Error> {
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(Error::new(format!(
            "`{name}` cannot be a widget crate's name: a letter, then letters, digits, `-` and \
             `_` (the crate's name is also the widget's, which Desk requires to start with a \
             letter)"
        )));
    }
    if [
        "test",
        "core",
        "std",
        "alloc",
        "proc_macro",
        "self",
        "super",
        "crate",
    ]
    .contains(&name)
    {
        return Err(Error::new(format!(
            "`{name}` is reserved by Rust: choose another name"
        )));
    }
    let normal = |name: &str| name.to_ascii_lowercase().replace('_', "-");
    if let Some(taken) = TAKEN_NAMES.iter().find(|t| normal(t) == normal(name)) {
        return Err(Error::new(format!(
            "`{name}` is the name of `{taken}`, a crate a widget crate is built with or of \
             desk-widgets itself: cargo would confuse the two; choose another name"
        )));
    }
    let title = title(name);
    if title.len() > MAX_TITLE {
        return Err(Error::new(format!(
            "`{}...` is too long: the widget's name, `{}...`, makes its page's file name, which \
             the platform's toolkit takes of at most 50 characters (a name of at most \
             {MAX_TITLE} characters will do)",
            name.chars().take(20).collect::<String>(),
            title.chars().take(20).collect::<String>()
        )));
    }
    Ok(())
}

/// The Rust prelude's types, traits and derives, and `Self`: a widget type of one of these
/// names would hide the prelude's from the template's code (`Vec<String>`) and the widget's.
/// (Its variants, `Some`, `Ok`..., are values: a braced struct does not hide them.)
const RUST_PRELUDE: [&str; 42] = [
    "Self",
    "Box",
    "String",
    "Vec",
    "Option",
    "Result",
    "Copy",
    "Send",
    "Sized",
    "Sync",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsyncFn",
    "AsyncFnMut",
    "AsyncFnOnce",
    "AsMut",
    "AsRef",
    "From",
    "Into",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "IntoIterator",
    "Iterator",
    "Clone",
    "Default",
    "Eq",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "Future",
    "IntoFuture",
    "Debug",
    "Hash",
];

/// `desk_runtime`'s prelude (which the template imports whole) and the types the template and
/// the macros name (`Translations` is the type `extension!` writes for translations).
const DESK_NAMES: [&str; 9] = [
    "App",
    "Desk",
    "Message",
    "Page",
    "Widget",
    "Verdict",
    "Extension",
    "SimulatedDesk",
    "Translations",
];

/// Whether a widget type named `ty` would clash with a name the template's code uses or a
/// widget's code commonly does: [`RUST_PRELUDE`], [`DESK_NAMES`], and every event payload type
/// of `desk_runtime::events` (the template imports one).
fn clashes(ty: &str) -> bool {
    RUST_PRELUDE.contains(&ty)
        || DESK_NAMES.contains(&ty)
        || desk_catalog::EVENTS.iter().any(|e| e.payload == ty)
}

/// `status-board` -> `Status Board`.
pub fn title(name: &str) -> String {
    words(name)
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `status-board` -> `StatusBoard`; a name the template's code uses, or the preludes' (`vec`,
/// `page`, `ticket-status-changed`: see `RUST_PRELUDE`), gets `Widget` appended, so that
/// every name [`check_name`] accepts makes a crate that compiles.
pub fn type_name(name: &str) -> String {
    let joined = title(name).replace(' ', "");
    if clashes(&joined) {
        joined + "Widget"
    } else {
        joined
    }
}

fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split(['-', '_']).filter(|w| !w.is_empty())
}

/// A typed payload the template shows: its type, the field shown, the sample's value of it.
type Typed = (&'static str, &'static str, &'static str);

/// The event the template's widget handles at `location`, its payload type and the field it
/// shows, with the sample's value of that field; `None` where no event is delivered.
fn template_event(location: &str) -> Option<(&'static str, Option<Typed>)> {
    let events: Vec<&desk_catalog::Event> = desk_catalog::events_at(location)
        .filter(|e| e.replaced_by.is_none())
        .collect();
    let typed = [
        (
            "ticket_status.changed",
            "TicketStatusChanged",
            "status",
            "Open",
        ),
        ("call.ringing", "CallRinging", "number", "9837650000"),
    ];
    for (event, payload, field, sample) in typed {
        if events.iter().any(|e| e.name == event) {
            return Some((event, Some((payload, field, sample))));
        }
    }
    events.first().map(|e| (e.name, None))
}

/// The files of a new crate of the default template, relative to its directory.
///
/// # Errors
///
/// An invalid name, or a location the platform does not have (with the closest one).
pub fn files(name: &str, location: &str, source: &Source) -> Result<Vec<(PathBuf, String)>, Error> {
    check_name(name)?;
    desk_catalog::location(location).map_err(|unknown| {
        Error::new(format!(
            "{unknown}\n  (`--location` takes one of the platform's widget locations; the \
             default is `{DEFAULT_LOCATION}`)"
        ))
    })?;
    let lib = lib_rs(&title(name), &type_name(name), location);
    Ok(with_crate_files(
        name,
        source,
        "",
        vec![(PathBuf::from("src/lib.rs"), lib)],
    ))
}

/// The files of a new crate of the conformance template, relative to its directory.
///
/// # Errors
///
/// An invalid name.
pub fn conformance_files(name: &str, source: &Source) -> Result<Vec<(PathBuf, String)>, Error> {
    check_name(name)?;
    let title = title(name);
    let sources = CONFORMANCE
        .iter()
        .map(|(path, text)| (PathBuf::from(path), text.replace("__TITLE__", &title)))
        .collect();
    Ok(with_crate_files(name, source, CONFORMANCE_BUDGET, sources))
}

/// The conformance extension's budget: it runs in developer mode only, never for agents, and
/// links the decoder of every property and the formatting of every answer it shows.
const CONFORMANCE_BUDGET: &str = "# The checks run in Desk's developer mode only, never for agents: a larger budget than\n\
     # a widget's (`cargo desk build` weighs each page against it).\n\
     [package.metadata.desk.budget]\nmodule = 327680\nmodule-gzipped = 131072\n\
     page-gzipped = 196608\n\n";

/// `sources` with what every new crate has: its manifest (with `metadata`, manifest sections,
/// before its `[workspace]`), `.gitignore`, and, when it depends on a checkout, the checkout's
/// toolchain and its `Cargo.lock` (when it has one).
fn with_crate_files(
    name: &str,
    source: &Source,
    metadata: &str,
    sources: Vec<(PathBuf, String)>,
) -> Vec<(PathBuf, String)> {
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ndesk-runtime = {native}\n\
         # Messages, modals' values and services' answers are serde types; tests script Desk's\n\
         # answers with `serde_json::json!` (desk-runtime depends on both already).\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n\n\
         # In Desk (WebAssembly): the host on the platform's client SDK.\n\
         [target.'cfg(target_arch = \"wasm32\")'.dependencies]\ndesk-runtime = {browser}\n\n\
         # The module Desk loads (`cargo desk build`): small over fast.\n\
         [profile.wasm]\ninherits = \"release\"\nopt-level = \"z\"\nlto = true\n\
         codegen-units = 1\npanic = \"abort\"\n\n\
         {metadata}# A crate of its own, not a member of an enclosing workspace.\n[workspace]\n",
        native = source.dependency(""),
        browser = source.dependency(", features = [\"browser\"]"),
    );
    let mut files = vec![(PathBuf::from("Cargo.toml"), manifest)];
    files.extend(sources);
    files.push(
        // The local configuration's values (`cargo desk serve`) may hold an API key.
        (
            PathBuf::from(".gitignore"),
            format!("/target\n/{}\n", crate::local_config::FILE),
        ),
    );
    if let Source::Checkout(root) = source
        && let Ok(toolchain) = std::fs::read_to_string(root.join("rust-toolchain.toml"))
        && let Some(channel) = toolchain
            .lines()
            .find(|l| l.trim_start().starts_with("channel"))
    {
        files.push((
            PathBuf::from("rust-toolchain.toml"),
            format!(
                "# The toolchain desk-widgets is built and tested with.\n[toolchain]\n{}\n\
                 targets = [\"wasm32-unknown-unknown\"]\n",
                channel.trim()
            ),
        ));
    }
    if let Source::Checkout(root) = source
        && let Ok(lock) = std::fs::read_to_string(root.join("Cargo.lock"))
    {
        // The versions desk-widgets is built and tested with: without it, the crate's first
        // build resolves the newest compatible version of every dependency instead. Cargo
        // keeps the locked versions of what the crate uses and drops the rest of the lock
        // (the checkout's own crates, their dependencies) when it first resolves the crate.
        files.push((PathBuf::from("Cargo.lock"), lock));
    }
    files
}

fn lib_rs(title: &str, type_name: &str, location: &str) -> String {
    let event = template_event(location);
    let (import, handler, test_fire, item) = match event {
        Some((event, Some((payload, field, sample)))) => (
            format!("use desk_runtime::events::{payload};\n"),
            format!(
                "    #[on(\"{event}\")]\n    fn {handler}(&mut self, payload: {payload}) {{\n        \
                 self.seen.push(payload.{field});\n    }}\n",
                handler = handler_name(event)
            ),
            format!("        desk.fire_sample(\"{event}\").unwrap();\n"),
            sample.to_owned(),
        ),
        Some((event, None)) => (
            String::new(),
            format!(
                "    // The payload parameter may be left out: it is then not decoded.\n    \
                 #[on(\"{event}\")]\n    fn {handler}(&mut self) {{\n        \
                 self.seen.push(\"{event}\".to_owned());\n    }}\n",
                handler = handler_name(event)
            ),
            format!("        desk.fire_sample(\"{event}\").unwrap();\n"),
            event.to_owned(),
        ),
        None => (
            String::new(),
            format!("    // No event is delivered at `{location}`.\n"),
            String::new(),
            String::new(),
        ),
    };
    let expected = if item.is_empty() {
        "<ul></ul>".to_owned()
    } else {
        format!("<ul><li>{item}</li></ul>")
    };
    format!(
        r#"//! {title}: a Zoho Desk widget at `{location}`.
//!
//! `cargo test` runs it on a simulated Desk; `cargo desk serve` serves it to Desk's developer
//! mode; `cargo desk pack` makes the zip to upload.

{import}use desk_runtime::html::escape;
use desk_runtime::prelude::*;

/// The widget's state.
#[derive(Default)]
pub struct {type_name} {{
    seen: Vec<String>,
}}

// The location and every event are checked by the compiler: a misspelt name, or an event
// Desk never delivers here, does not compile.
#[desk_widget(location = "{location}")]
impl {type_name} {{
{handler}}}

impl Page for {type_name} {{
    /// The widget's page, after every event. Escape everything that comes from Desk.
    fn render(&self) -> String {{
        let items: String = self
            .seen
            .iter()
            .map(|item| format!("<li>{{}}</li>", escape(item)))
            .collect();
        format!("<ul>{{items}}</ul>")
    }}
}}

// The extension: its manifest, pages and module entries all come from this declaration.
desk_runtime::extension! {{
    name: "{title}",
    widgets: {{
        "{title}": {type_name},
    }},
}}

#[cfg(test)]
mod tests {{
    use super::*;
    use desk_runtime::sim::SimulatedDesk;

    #[test]
    fn shows_what_desk_sends() {{
        let mut desk = SimulatedDesk::mount({type_name}::default());
{test_fire}        assert_eq!(desk.page(), "{expected}");
    }}
}}
"#
    )
}

/// `ticket_status.changed` -> `ticket_status_changed`.
fn handler_name(event: &str) -> String {
    let mut name: String = event
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

/// Creates the crate at `dir` (which must not exist) from `template`: for
/// [`Template::Widget`], its widget at `location` ([`DEFAULT_LOCATION`] if `None`); the
/// conformance extension places its widgets itself. Returns the files written.
///
/// # Errors
///
/// Everything [`files`] refuses, a location given to the conformance template, an existing
/// `dir`, or a file that cannot be written (then what was written is removed).
pub fn create(
    dir: &Path,
    template: Template,
    location: Option<&str>,
    source: &Source,
) -> Result<Vec<PathBuf>, Error> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let files = match (template, location) {
        (Template::Widget, location) => files(&name, location.unwrap_or(DEFAULT_LOCATION), source)?,
        (Template::Conformance, None) => conformance_files(&name, source)?,
        (Template::Conformance, Some(_)) => {
            return Err(Error::new(
                "the conformance template places its widgets itself: leave `--location` out",
            ));
        }
    };
    if dir.exists() {
        return Err(Error::new(format!(
            "`{}` already exists: choose another name, or remove it",
            dir.display()
        )));
    }
    let written = files.iter().try_for_each(|(path, text)| {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, &e))
    });
    if let Err(error) = written {
        let _ = std::fs::remove_dir_all(dir);
        return Err(error);
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `name` in a fresh temporary directory, and the directory's guard (which removes it when
    /// dropped).
    fn temp(name: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::TempDir::with_prefix("cargo-desk-new-").unwrap();
        let path = dir.path().join(name);
        (dir, path)
    }

    #[test]
    fn a_misspelt_location_is_refused_with_the_suggestion_and_nothing_is_created() {
        let (_temp, dir) = temp("call-panel");
        let error = create(
            &dir,
            Template::Widget,
            Some("desk.ticket.detail.rightpanle"),
            &Source::Registry,
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("did you mean `desk.ticket.detail.rightpanel`?"),
            "{error}"
        );
        assert!(!dir.exists());
        let error = create(
            &dir,
            Template::Widget,
            Some("desk.ticket.rightpanel"),
            &Source::Registry,
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`desk.ticket.detail.rightpanel`, `desk.ticket.form.rightpanel`"),
            "{error}"
        );
        assert!(!dir.exists());
    }

    #[test]
    fn bad_names_and_existing_directories_are_refused() {
        for name in ["1widget", "my widget", "", "-x", "test"] {
            assert!(check_name(name).is_err(), "{name}");
        }
        let (_temp, dir) = temp("exists");
        std::fs::create_dir_all(&dir).unwrap();
        let error = create(&dir, Template::Widget, None, &Source::Registry).unwrap_err();
        assert!(error.to_string().contains("already exists"), "{error}");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    }

    /// The workspace's members, read from its manifests: each is refused as a new crate's
    /// name, however written.
    #[test]
    fn names_taken_by_the_workspace_are_refused() {
        let Some(root) = recorded_checkout() else {
            return;
        };
        let read = |path: PathBuf| std::fs::read_to_string(path).unwrap();
        let name_of = |manifest: &str| {
            manifest.lines().find_map(|line| {
                let rest = line.strip_prefix("name")?.trim_start().strip_prefix('=')?;
                Some(rest.trim().trim_matches('"').to_owned())
            })
        };
        let workspace = read(root.join("Cargo.toml"));
        let members = workspace
            .lines()
            .find_map(|line| line.strip_prefix("members = ["))
            .unwrap();
        let mut names = vec![name_of(&workspace).unwrap()];
        for member in members.trim_end_matches(']').split(',') {
            let member = member.trim().trim_matches('"');
            if !member.is_empty() {
                names.push(name_of(&read(root.join(member).join("Cargo.toml"))).unwrap());
            }
        }
        assert!(names.len() > 5, "{names:?}");
        for name in names
            .iter()
            .map(String::as_str)
            .chain(["desk_runtime", "Desk-Runtime"])
        {
            let Err(error) = check_name(name) else {
                panic!("`{name}` is accepted");
            };
            assert!(error.to_string().contains("cargo would confuse"), "{error}");
        }
        assert!(check_name("serde-json").is_err());
        assert!(check_name("desk-runtime-panel").is_ok());
    }

    #[test]
    fn a_name_too_long_for_its_page_is_refused() {
        assert!(check_name(&"a".repeat(45)).is_ok());
        let error = check_name(&"a".repeat(80)).unwrap_err().to_string();
        assert!(error.contains("at most 45 characters"), "{error}");
        assert!(error.len() < 400, "{error}");
        assert!(check_name(&format!("{}-b", "a".repeat(44))).is_err());
    }

    /// The upper-case identifiers of `source`'s code (comments and strings left out): the
    /// types, traits and constants it names.
    fn type_identifiers(source: &str) -> Vec<&str> {
        source
            .lines()
            .map(|line| line.split("//").next().unwrap_or_default())
            .flat_map(|code| code.split('"').step_by(2))
            .flat_map(|code| code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
            .filter(|word| word.starts_with(|c: char| c.is_ascii_uppercase()))
            .collect()
    }

    /// `TicketStatusChanged` -> `ticket-status-changed`.
    fn kebab(identifier: &str) -> String {
        let mut name = String::new();
        for c in identifier.chars() {
            if c.is_ascii_uppercase() && !name.is_empty() {
                name.push('-');
            }
            name.push(c.to_ascii_lowercase());
        }
        name
    }

    /// No name makes a type that clashes with one the template names, at any location: the
    /// names of every type the template's code names are tried, and the preludes'.
    #[test]
    fn no_name_makes_a_type_the_template_uses() {
        let mut tried = vec![
            "vec".to_owned(),
            "string".to_owned(),
            "self_".to_owned(),
            "option".to_owned(),
            "simulated-desk".to_owned(),
            "translations".to_owned(),
            "call_ringing".to_owned(),
        ];
        tried.extend(RUST_PRELUDE.iter().chain(&DESK_NAMES).map(|t| kebab(t)));
        for location in desk_catalog::LOCATIONS {
            // The template's code, its title (in text only) and type left out.
            let template = lib_rs("Title", "Zq", location.name);
            let used: Vec<&str> = type_identifiers(&template)
                .into_iter()
                .filter(|t| !["Zq", "Title"].contains(t))
                .collect();
            if location.name == DEFAULT_LOCATION {
                for expected in ["Vec", "String", "Default", "Page", "SimulatedDesk"] {
                    assert!(used.contains(&expected), "{expected}: {used:?}");
                }
                assert!(used.contains(&"TicketStatusChanged"), "{used:?}");
            }
            tried.extend(used.iter().map(|t| kebab(t)));
            for name in &tried {
                let ty = type_name(name);
                assert!(
                    !used.contains(&ty.as_str()),
                    "`{name}` at {}: its type `{ty}` is a name the template uses",
                    location.name
                );
                assert!(!clashes(&ty), "{name}: {ty}");
            }
        }
        assert_eq!(type_name("vec"), "VecWidget");
        assert_eq!(
            type_name("ticket-status-changed"),
            "TicketStatusChangedWidget"
        );
        assert_eq!(type_name("self_"), "SelfWidget");
        assert_eq!(type_name("status-board"), "StatusBoard");
    }

    #[test]
    fn a_checkouts_lock_file_is_the_new_crates_and_without_one_there_is_none() {
        let temp = tempfile::TempDir::with_prefix("cargo-desk-new-checkout-").unwrap();
        let root = temp.path().to_path_buf();
        std::fs::create_dir_all(root.join("desk-runtime")).unwrap();
        std::fs::write(root.join("desk-runtime/Cargo.toml"), "").unwrap();
        let source = Source::Checkout(root.clone());
        let lock_of = |files: &[(PathBuf, String)]| {
            files
                .iter()
                .find(|(path, _)| path == Path::new("Cargo.lock"))
                .map(|(_, text)| text.clone())
        };
        assert_eq!(
            lock_of(&files("a", DEFAULT_LOCATION, &source).unwrap()),
            None
        );
        assert_eq!(lock_of(&conformance_files("a", &source).unwrap()), None);
        std::fs::write(root.join("Cargo.lock"), "version = 4\n").unwrap();
        let locked = Some("version = 4\n".to_owned());
        assert_eq!(
            lock_of(&files("a", DEFAULT_LOCATION, &source).unwrap()),
            locked
        );
        assert_eq!(lock_of(&conformance_files("a", &source).unwrap()), locked);
        // From the registry there is no checkout to take versions from.
        let registry = files("a", DEFAULT_LOCATION, &Source::Registry).unwrap();
        assert_eq!(lock_of(&registry), None);
    }

    #[test]
    fn names_become_titles_and_types() {
        assert_eq!(title("status-board"), "Status Board");
        assert_eq!(type_name("call_log"), "CallLog");
        assert_eq!(type_name("page"), "PageWidget");
        assert_eq!(
            handler_name("ticket_status.changed"),
            "ticket_status_changed"
        );
    }

    #[test]
    fn the_template_uses_an_event_of_the_location() {
        let lib = lib_rs("Call Panel", "CallPanel", DEFAULT_LOCATION);
        assert!(lib.contains("#[on(\"ticket_status.changed\")]"), "{lib}");
        let lib = lib_rs("Phone", "Phone", "desk.extension.telephony");
        assert!(lib.contains("#[on(\"ticket_status.changed\")]") || lib.contains("call.ringing"));
        let lib = lib_rs("Contact", "Contact", "desk.contact.detail.rightpanel");
        assert!(lib.contains("#[on(\"call.ringing\")]"), "{lib}");
        let lib = lib_rs("Portal", "Portal", "helpcenter.homepage");
        assert!(lib.contains("No event is delivered"), "{lib}");
        let files = files("call-panel", DEFAULT_LOCATION, &Source::Registry).unwrap();
        assert!(
            files[0]
                .1
                .contains("desk-runtime = { version = \"0.1.0\" }")
        );
        assert!(files[0].1.contains("features = [\"browser\"]"));
        // What the README's examples use beside desk-runtime.
        assert!(
            files[0]
                .1
                .contains("serde = { version = \"1\", features = [\"derive\"] }")
        );
        assert!(files[0].1.contains("serde_json = \"1\""));
        let ignored = files.iter().find(|(path, _)| path.ends_with(".gitignore"));
        assert_eq!(
            ignored.map(|(_, text)| text.as_str()),
            Some("/target\n/desk-config.local.json\n")
        );
    }

    #[test]
    fn the_conformance_template_writes_the_whole_extension() {
        assert_eq!(Template::named("widget").unwrap(), Template::Widget);
        assert_eq!(
            Template::named("conformance").unwrap(),
            Template::Conformance
        );
        let error = Template::named("conformanse").unwrap_err().to_string();
        assert!(
            error.contains("`widget` (the default) or `conformance`"),
            "{error}"
        );

        let files = conformance_files("portal-check", &Source::Registry).unwrap();
        let file = |name: &str| {
            files
                .iter()
                .find(|(path, _)| path == Path::new(name))
                .map_or_else(|| panic!("no {name}"), |(_, text)| text.as_str())
        };
        let lib = file("src/lib.rs");
        assert!(lib.contains("name: \"Portal Check\","), "{lib}");
        assert!(files.iter().all(|(_, text)| !text.contains("__TITLE__")));
        // Every module the extension declares is written.
        for module in lib.lines().filter_map(|line| {
            let line = line.trim_start_matches("pub ");
            line.strip_prefix("mod ")?.strip_suffix(';')
        }) {
            file(&format!("src/{module}.rs"));
        }
        // Its budget is a section of the package, not of `[workspace]`.
        let manifest = file("Cargo.toml");
        let budget = manifest.find("[package.metadata.desk.budget]").unwrap();
        assert!(budget < manifest.find("[workspace]").unwrap(), "{manifest}");
        assert_eq!(files[0].1.matches("desk-runtime = ").count(), 2);

        // Its widgets' places are its own: a location is refused, and nothing is created.
        let (_temp, dir) = temp("portal-check");
        let error = create(
            &dir,
            Template::Conformance,
            Some(DEFAULT_LOCATION),
            &Source::Registry,
        )
        .unwrap_err();
        assert!(
            error.to_string().contains("leave `--location` out"),
            "{error}"
        );
        assert!(!dir.exists());
    }
}
