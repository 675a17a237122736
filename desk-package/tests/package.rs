//! The extension package: its layout and manifest from the extension's declaration, and what
//! it refuses before anything is written.

use desk_package::{Package, PackageError};
use desk_runtime::Extension;
use desk_runtime::extension::WidgetEntry;
use desk_runtime::prelude::*;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

#[derive(Default)]
struct Calls;

#[desk_widget(location = "desk.extension.telephony")]
impl Calls {}

impl Page for Calls {
    fn render(&self) -> String {
        String::new()
    }
}

#[derive(Default)]
struct Status;

#[desk_widget(location = "desk.ticket.detail.subtab")]
impl Status {}

impl Page for Status {
    const BODY: &'static str = "<main id=\"app\"></main>";

    fn render(&self) -> String {
        String::new()
    }
}

#[derive(Default)]
struct Confirm;

#[desk_widget(modal, output = bool)]
impl Confirm {}

impl Page for Confirm {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Call Tools",
    storage: true,
    whitelisted_domains: ["https://crm.example.com"],
    csp_connect_src: ["wss://push.example.com"],
    connectors: [{
        connection_link_name: "crm",
        connection_name: "crm",
        service_name: "crm_service",
        user_access: true,
        scope: ["crm.contacts.READ"],
    }],
    config: [{
        name: "apiKey",
        display_name: "API key",
        type: "text",
        secure: true,
        mandatory: true,
        user_defined: false,
    }],
    widgets: { "Calls": Calls, "Ticket status": Status },
    modals: { "Confirm Log": Confirm },
}

/// The pages of `EXTENSION` and their entries.
const PAGES: [(&str, &str); 3] = [
    ("calls", "mount_calls"),
    ("ticket-status", "mount_ticket_status"),
    ("confirm-log", "mount_confirm_log"),
];

/// A fake wasm-bindgen glue, as `--target web` writes it: a snippet of functions (which the
/// page inlines), a snippet of another form (which ships as a file), the entries `exported`.
fn glue(exported: &[&str]) -> String {
    let mut glue = "import { show, after as later } from './snippets/x/inline0.js';\n\
                    import * as import1 from \"./snippets/y/module.js\"\n"
        .to_owned();
    for entry in exported {
        glue += "export function ";
        glue += entry;
        glue += "() { show(); later(); }\n";
    }
    // Text that reads like an import after the imports (a module linked as a string): left
    // as it is.
    glue += "const linked = `\nimport { x } from './snippets/z.js';\n`;\n";
    // Then wasm-bindgen's own end, with its loaders, which the page does without.
    glue + include_str!("fixtures/glue-end.js")
}

/// Writes the snippets `glue` imports into wasm-bindgen's output `dir`.
fn snippets(dir: &Path) {
    std::fs::create_dir_all(dir.join("snippets/x")).unwrap();
    std::fs::create_dir_all(dir.join("snippets/y")).unwrap();
    std::fs::write(
        dir.join("snippets/x/inline0.js"),
        "export function show() {}\nexport function after() {}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("snippets/y/module.js"),
        "export const answer = 42;\n",
    )
    .unwrap();
}

/// A scratch directory of this test, removed when dropped, with a fake wasm-bindgen output in
/// `bindgen/<page>/` for each page of `EXTENSION`, its glue exporting its entry if `exported`
/// has it.
fn scratch(test: &str, exported: &[&str]) -> TempDir {
    let dir = TempDir::with_prefix(format!("desk-package-{test}-")).unwrap();
    for (page, entry) in PAGES {
        let bindgen = dir.path().join("bindgen").join(page);
        snippets(&bindgen);
        let own: Vec<&str> = exported.iter().copied().filter(|e| *e == entry).collect();
        std::fs::write(bindgen.join("calls.js"), glue(&own)).unwrap();
        // Each page's module its own bytes: the page's name.
        std::fs::write(bindgen.join("calls_bg.wasm"), page).unwrap();
    }
    dir
}

/// A page of the package: one file, the SDK preloaded, its own module's bytes compiling before
/// the SDK's script, then the glue with its snippets, and its own widget mounted.
fn check_page(out: &Path, page: &str, entry: &str, wasm: &[u8], body: &str) {
    let html = read(&out.join(format!("app/{page}.html")));
    let head = &html[..html.find("</head>").expect("a head")];
    let sdk = desk_package::SDK_SCRIPT;
    assert!(
        head.contains(&format!(
            "<link rel=\"preload\" href=\"{sdk}\" as=\"script\">"
        )),
        "{html}"
    );
    let bytes = html
        .find("const base64 = \"")
        .expect("the page's module's bytes");
    assert_eq!(module_of(&html), wasm, "the page's own module");
    let sdk = html
        .find(&format!("<script src=\"{sdk}\"></script>"))
        .expect("the SDK");
    let script = html
        .find("<script type=\"module\">")
        .expect("the module script");
    assert!(bytes < sdk && sdk < script, "{html}");
    assert!(
        html[bytes..sdk].contains("WebAssembly.compileStreaming("),
        "{html}"
    );
    // The glue, its function snippet inlined under the names it imports, the other one
    // imported from the page's own directory (and preloaded).
    let module = &html[script..];
    for expected in [
        "const __desk_snippet0 = (() => {\nfunction show() {}\nfunction after() {}\n",
        "const { show, after: later } = __desk_snippet0;\n",
        &format!("import * as import1 from \"./module/{page}/snippets/y/module.js\";\n"),
        &format!("export function {entry}() {{ show(); later(); }}\n"),
        "const linked = `\nimport { x } from './snippets/z.js';\n`;\n",
        &format!(
            "const __desk_compiled = await __desk_module;\n__wbg_finalize_init(await \
             WebAssembly.instantiate(__desk_compiled, __wbg_get_imports()), __desk_compiled);\n\
             {entry}();\n</script>"
        ),
    ] {
        assert!(module.contains(expected), "{expected}\n{html}");
    }
    // wasm-bindgen's loaders are not in the page.
    for loader in ["__wbg_load", "initSync", "__wbg_init("] {
        assert!(!module.contains(loader), "{loader}\n{html}");
    }
    // No import of the inlined snippet is left (the linked string's text aside).
    assert!(!module.contains("from './snippets/x/"), "{html}");
    assert!(
        head.contains(&format!(
            "<link rel=\"modulepreload\" href=\"./module/{page}/snippets/y/module.js\">"
        )),
        "{html}"
    );
    assert!(
        out.join(format!("app/module/{page}/snippets/y/module.js"))
            .is_file()
    );
    assert!(!out.join(format!("app/module/{page}/snippets/x")).exists());
    assert!(html.contains(body), "{html}");
    for (other_page, other) in PAGES {
        assert!(
            other == entry || !html.contains(other) && !html.contains(&format!("/{other_page}/")),
            "a page mounts its own widget only, from its own module: {html}"
        );
    }
}

/// The module a page inlines: its base64 decoded, then gunzipped, as the page's script does.
fn module_of(html: &str) -> Vec<u8> {
    use base64::Engine as _;
    use std::io::Read as _;
    let base64 = html
        .split_once("const base64 = \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .expect("the module's bytes")
        .0;
    let gzip = base64::engine::general_purpose::STANDARD
        .decode(base64)
        .expect("base64");
    let mut wasm = Vec::new();
    flate2::read::GzDecoder::new(gzip.as_slice())
        .read_to_end(&mut wasm)
        .expect("gzip");
    wasm
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A glue with no text over several lines (wasm-bindgen's, and the runtime's snippets) ships
/// without its comments and indentation; the one with a template literal above is left whole.
#[test]
fn a_glue_that_allows_it_ships_without_comments_and_indentation() {
    let temp = scratch(
        "compact",
        &["mount_calls", "mount_ticket_status", "mount_confirm_log"],
    );
    let dir = temp.path();
    let bindgen = dir.join("bindgen/calls");
    let glue = read(&bindgen.join("calls.js"));
    let without_template = glue.replace(
        "const linked = `\nimport { x } from './snippets/z.js';\n`;\n",
        "",
    );
    assert_ne!(glue, without_template);
    std::fs::write(
        bindgen.join("calls.js"),
        without_template + "// a comment, `quoted`\n",
    )
    .unwrap();
    let out = dir.join("extension");
    Package::new(&EXTENSION, dir.join("bindgen"))
        .write(&out)
        .unwrap();
    let html = read(&out.join("app/calls.html"));
    let script = &html[html
        .find("<script type=\"module\">")
        .expect("the module script")..];
    assert!(
        script
            .lines()
            .all(|line| !line.starts_with(' ') && !line.starts_with("//")),
        "{script}"
    );
    // The code is all there: the snippet inlined, the entry, wasm-bindgen's end.
    for expected in [
        "const __desk_snippet0 = (() => {\nfunction show() {}\n",
        "export function mount_calls() { show(); later(); }\n",
        "function __wbg_finalize_init(",
    ] {
        assert!(script.contains(expected), "{expected}\n{script}");
    }
    // The page with the template literal kept its glue's lines as they were.
    let other = read(&out.join("app/ticket-status.html"));
    assert!(
        other.contains("\n// ./snippets/x/inline0.js, inlined\n"),
        "{other}"
    );
}

#[test]
fn the_package_has_the_toolkit_layout_and_one_page_per_widget_calling_its_own_entry() {
    let temp = scratch(
        "layout",
        &["mount_calls", "mount_ticket_status", "mount_confirm_log"],
    );
    let dir = temp.path();
    let out = dir.join("extension");
    Package::new(&EXTENSION, dir.join("bindgen"))
        .write(&out)
        .unwrap();

    let manifest: serde_json::Value =
        serde_json::from_str(&read(&out.join("plugin-manifest.json"))).unwrap();
    assert_eq!(manifest["service"], "DESK");
    assert_eq!(manifest["locale"], serde_json::json!(["en"]));
    let widgets = manifest["modules"]["widgets"].as_array().unwrap();
    let declared: Vec<(&str, &str, &str)> = widgets
        .iter()
        .map(|w| {
            (
                w["name"].as_str().unwrap(),
                w["location"].as_str().unwrap(),
                w["url"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        declared,
        [
            ("Calls", "desk.extension.telephony", "/app/calls.html"),
            (
                "Ticket status",
                "desk.ticket.detail.subtab",
                "/app/ticket-status.html"
            ),
        ]
    );
    for file in [
        "resources.json",
        "app/translations/en.json",
        "app/img/logo.png",
        "app/img/icon.png",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    assert_eq!(dirs(&out.join("app")), ["img", "module", "translations"]);
    assert_eq!(
        dirs(&out.join("app/module")),
        ["calls", "confirm-log", "ticket-status"]
    );
    // A modal has its page, opened by URL, and no manifest entry.
    assert!(!widgets.iter().any(|w| w["name"] == "Confirm Log"));
    for (page, entry, body) in [
        ("confirm-log", "mount_confirm_log", desk_runtime::PAGE_BODY),
        ("calls", "mount_calls", desk_runtime::PAGE_BODY),
        (
            "ticket-status",
            "mount_ticket_status",
            "<main id=\"app\"></main>",
        ),
    ] {
        check_page(&out, page, entry, page.as_bytes(), body);
    }
    assert!(
        walk(&out)
            .iter()
            .all(|p| p.extension().is_none_or(|e| e != "wasm"))
    );
}

#[test]
fn each_page_inlines_its_own_module() {
    let temp = scratch(
        "modules",
        &["mount_calls", "mount_ticket_status", "mount_confirm_log"],
    );
    let dir = temp.path();
    let out = dir.join("extension");
    let written = Package::new(&EXTENSION, dir.join("bindgen"))
        .write(&out)
        .unwrap();
    // What ships of each module besides its page: the snippet that is not inlined.
    for (page, _) in PAGES {
        let shipped: Vec<PathBuf> = walk(&out.join("app/module").join(page));
        assert_eq!(
            shipped,
            [out.join(format!("app/module/{page}/snippets/y/module.js"))]
        );
    }
    // What was written, to say so.
    let pages: Vec<(&str, u64)> = written
        .pages
        .iter()
        .map(|page| (page.name.as_str(), page.module.wasm_bytes))
        .collect();
    assert_eq!(
        pages,
        [("Calls", 5), ("Ticket status", 13), ("Confirm Log", 11)]
    );
    for page in &written.pages {
        assert_eq!(page.bytes, std::fs::metadata(&page.path).unwrap().len());
        assert_eq!(
            page.module.files,
            [format!(
                "module/{}/snippets/y/module.js",
                page.path.file_stem().unwrap().to_string_lossy()
            )]
        );
    }
    let said = written.to_string();
    assert!(said.contains("Ticket status: "), "{said}");
    assert!(said.contains("ticket-status.html ("), "{said}");
    assert!(
        said.contains("the 13-byte WebAssembly module gzip-compressed as base64"),
        "{said}"
    );
    assert!(
        said.contains("app/module/ticket-status/snippets/y/module.js"),
        "{said}"
    );
}

#[test]
fn a_glue_the_page_cannot_inline_is_refused() {
    for (test, glue, why) in [
        (
            "bare",
            "import { x } from 'lodash';\nexport function mount_calls() {}\n\
             export { initSync, __wbg_init as default };\n",
            "an import this page cannot load: `import { x } from 'lodash';`",
        ),
        (
            "end",
            "export function mount_calls() { return '</SCRIPT>'; }\n\
             export { initSync, __wbg_init as default };\n",
            "`</script` cannot be inside an HTML page's script",
        ),
        (
            "target",
            "export function mount_calls() {}\nexport default function init() {}\n",
            "not wasm-bindgen's `--target web` output",
        ),
    ] {
        let temp = scratch(
            test,
            &["mount_calls", "mount_ticket_status", "mount_confirm_log"],
        );
        let dir = temp.path();
        std::fs::write(dir.join("bindgen/calls/calls.js"), glue).unwrap();
        let out = dir.join("extension");
        let error = Package::new(&EXTENSION, dir.join("bindgen"))
            .write(&out)
            .unwrap_err();
        assert!(matches!(error, PackageError::Glue(..)), "{error}");
        let said = error.to_string();
        assert!(
            said.contains("calls.js` cannot be inlined in a page: "),
            "{said}"
        );
        assert!(said.contains(why), "{said}");
        assert!(!out.exists());
    }
}

#[test]
fn one_module_of_every_entry_can_serve_every_page() {
    // `cargo desk serve`'s build: one wasm-bindgen output, in `bindgen/` itself.
    let temp = scratch("shared", &[]);
    let dir = temp.path();
    snippets(&dir.join("shared"));
    std::fs::write(
        dir.join("shared/calls.js"),
        glue(&PAGES.map(|(_, entry)| entry)),
    )
    .unwrap();
    std::fs::write(dir.join("shared/calls_bg.wasm"), "every entry").unwrap();
    let out = dir.join("extension");
    let written = Package::new(&EXTENSION, dir.join("shared"))
        .one_module_for_every_page()
        .write(&out)
        .unwrap();
    // The layout that ships: each page its copy, and its own entry.
    assert!(
        written
            .pages
            .iter()
            .all(|page| page.module.wasm_bytes == 11)
    );
    for (page, entry) in PAGES {
        let html = read(&out.join(format!("app/{page}.html")));
        assert!(html.contains(&format!("\n{entry}();\n</script>")), "{html}");
        assert_eq!(module_of(&html), b"every entry");
    }
    // Without the mode, the same directory is no page's module.
    let error = Package::new(&EXTENSION, dir.join("shared"))
        .write(&out)
        .unwrap_err();
    assert!(matches!(error, PackageError::Io(..)), "{error}");
}

#[test]
fn the_manifest_carries_the_declared_settings() {
    let temp = scratch("manifest", &[]);
    let dir = temp.path();
    let manifest = Package::new(&EXTENSION, dir.join("bindgen")).manifest();
    assert_eq!(manifest["storage"], true);
    assert_eq!(
        manifest["whiteListedDomains"],
        serde_json::json!(["https://crm.example.com"])
    );
    assert_eq!(
        manifest["cspDomains"],
        serde_json::json!({ "connect-src": ["wss://push.example.com"] })
    );
    assert_eq!(
        manifest["connectors"],
        serde_json::json!([{
            "connectionLinkName": "crm",
            "connectionName": "crm",
            "serviceName": "crm_service",
            "userAccess": true,
            "scope": ["crm.contacts.READ"],
        }])
    );
    assert_eq!(
        manifest["config"],
        serde_json::json!([{
            "name": "apiKey",
            "displayName": "API key",
            "type": "text",
            "secure": true,
            "mandatory": true,
            "userdefined": false,
        }])
    );
}

#[test]
fn a_failed_write_leaves_the_previous_package_as_it_was() {
    let temp = scratch(
        "atomic",
        &["mount_calls", "mount_ticket_status", "mount_confirm_log"],
    );
    let dir = temp.path();
    let out = dir.join("extension");
    Package::new(&EXTENSION, dir.join("bindgen"))
        .write(&out)
        .unwrap();
    let before = read(&out.join("app/calls.html"));

    // A module that lacks an entry: refused, with the widget and the entry named.
    let stale = scratch("atomic-stale", &["mount_calls"]);
    let error = Package::new(&EXTENSION, stale.path().join("bindgen"))
        .write(&out)
        .unwrap_err();
    assert!(
        matches!(&error, PackageError::NoEntry { widget, entry, .. }
            if widget == "Ticket status" && entry == "mount_ticket_status"),
        "{error}"
    );
    assert_eq!(read(&out.join("app/calls.html")), before);
    // No half-written package is left next to it.
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // And a successful write replaces it whole.
    std::fs::write(out.join("stray.txt"), "old").unwrap();
    Package::new(&EXTENSION, dir.join("bindgen"))
        .write(&out)
        .unwrap();
    assert!(!out.join("stray.txt").exists());
}

#[test]
fn a_directory_without_a_module_is_no_module() {
    let temp = scratch(
        "no-module",
        &["mount_calls", "mount_ticket_status", "mount_confirm_log"],
    );
    let dir = temp.path();
    std::fs::remove_file(dir.join("bindgen/ticket-status/calls_bg.wasm")).unwrap();
    let error = Package::new(&EXTENSION, dir.join("bindgen"))
        .write(dir.join("out"))
        .unwrap_err();
    assert!(
        matches!(&error, PackageError::NoModule(path) if path == &dir.join("bindgen/ticket-status")),
        "{error}"
    );
    assert!(!dir.join("out").exists());
    // A directory that does not exist is an I/O error that names it.
    let error = Package::new(&EXTENSION, dir.join("nothing"))
        .write(dir.join("out"))
        .unwrap_err();
    assert!(
        matches!(&error, PackageError::Io(path, _) if path == &dir.join("nothing/calls")),
        "{error}"
    );
    assert!(std::error::Error::source(&error).is_some());
}

/// An extension written by hand, without `extension!`'s compile-time checks.
fn by_hand(widgets: &'static [WidgetEntry]) -> &'static Extension {
    Box::leak(Box::new(Extension {
        widgets,
        ..EXTENSION
    }))
}

#[test]
fn unknown_locations_bad_and_duplicate_names_are_refused_before_writing() {
    let temp = scratch("refused", &[]);
    let dir = temp.path();
    let entry = |name: &'static str, location: &'static str, page: &'static str| WidgetEntry {
        name,
        location,
        page,
        entry: "mount_x",
        subscriptions: &[],
        body: "",
    };
    let cases: [(Vec<WidgetEntry>, &str); 4] = [
        (
            vec![entry("A", "desk.ticket.detail.rightpanle", "a")],
            "did you mean `desk.ticket.detail.rightpanel`",
        ),
        (
            vec![entry("1st", "desk.bottomband", "1st")],
            "widget name `1st`",
        ),
        (vec![entry("", "desk.bottomband", "")], "widget name ``"),
        (
            vec![
                entry("Calls", "desk.bottomband", "calls"),
                entry("Calls", "desk.topband", "calls-2"),
            ],
            "two widgets are named `Calls`",
        ),
    ];
    for (widgets, message) in cases {
        let extension = by_hand(Vec::leak(widgets));
        let package = Package::new(extension, dir.join("bindgen"));
        let error = package.write(dir.join("out")).unwrap_err();
        assert!(error.to_string().contains(message), "{error}");
        assert!(!dir.join("out").exists());
    }
    let error = Package::new(by_hand(&[]), dir.join("bindgen"))
        .check()
        .unwrap_err();
    assert!(matches!(error, PackageError::NoWidget));
}

/// The directories in `dir`, sorted.
fn dirs(dir: &Path) -> Vec<String> {
    let mut dirs: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    dirs
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.path().is_dir() {
            files.extend(walk(&entry.path()));
        } else {
            files.push(entry.path());
        }
    }
    files
}

/// The declared locales: listed in the manifest, each file shipped as the crate has it.
#[test]
fn each_declared_locale_is_listed_and_shipped() {
    use desk_runtime::i18n::Locale;
    static LOCALES: [Locale; 2] = [
        Locale {
            code: "en",
            json: "{\"calls.none\": \"No calls\"}",
        },
        Locale {
            code: "fr",
            json: "{\"calls.none\": \"Aucun appel\"}",
        },
    ];
    let extension: &'static Extension = Box::leak(Box::new(Extension {
        locales: &LOCALES,
        ..EXTENSION
    }));
    let temp = scratch(
        "locales",
        &["mount_calls", "mount_ticket_status", "mount_confirm_log"],
    );
    let dir = temp.path();
    let out = dir.join("extension");
    Package::new(extension, dir.join("bindgen"))
        .write(&out)
        .unwrap();
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&out.join("plugin-manifest.json"))).unwrap();
    assert_eq!(manifest["locale"], serde_json::json!(["en", "fr"]));
    for locale in &LOCALES {
        let path = out.join(format!("app/translations/{}.json", locale.code));
        assert_eq!(read(&path), locale.json);
    }
}
