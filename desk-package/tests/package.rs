//! The extension package: its layout, its manifest from the widgets' declarations, and what it
//! refuses before anything is written.

use desk_package::{Extension, PackageError, WidgetPage};
use desk_runtime::prelude::*;
use std::path::{Path, PathBuf};

#[derive(Default)]
struct Calls;

#[desk_widget(location = "desk.extension.telephony")]
impl Calls {}

#[derive(Default)]
struct Status;

#[desk_widget(location = "desk.ticket.detail.subtab")]
impl Status {}

/// A scratch directory of this test, with a fake wasm-bindgen output in `bindgen/`.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("desk-package-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("bindgen/snippets/x")).unwrap();
    std::fs::write(
        dir.join("bindgen/calls.js"),
        "export default function init() {}",
    )
    .unwrap();
    std::fs::write(dir.join("bindgen/calls_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.join("bindgen/snippets/x/inline0.js"), "").unwrap();
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_package_has_the_toolkit_layout_and_the_declared_locations() {
    let dir = scratch("layout");
    let out = dir.join("extension");
    Extension::new("Call Tools")
        .widget(WidgetPage::of::<Calls>("Calls", dir.join("bindgen")))
        .widget(WidgetPage::of::<Status>(
            "Ticket status",
            dir.join("bindgen"),
        ))
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
        "app/calls/calls.js",
        "app/calls/calls_bg.wasm.js",
        "app/calls/snippets/x/inline0.js",
        "app/ticket-status/calls.js",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let page = read(&out.join("app/calls.html"));
    let sdk = page
        .find(desk_package::SDK_SCRIPT)
        .expect("the page loads the SDK");
    let module = page
        .find("import init from \"./calls/calls.js\"")
        .expect("and the module");
    assert!(sdk < module, "the SDK comes first: {page}");
    assert!(
        page.contains("import wasm from \"./calls/calls_bg.wasm.js\""),
        "{page}"
    );
    // The platform does not pack `.wasm` files: the module ships as JavaScript.
    let wrapper = read(&out.join("app/calls/calls_bg.wasm.js"));
    assert!(
        wrapper.contains("const base64 = \"AGFzbQ==\";"),
        "{wrapper}"
    );
    let wasm_files = walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "wasm"));
    assert_eq!(wasm_files.count(), 0);
    assert!(page.contains("<main id=\"app\"></main>"));
}

#[test]
fn unknown_locations_bad_and_duplicate_names_are_refused_before_writing() {
    let dir = scratch("refused");
    let bindgen = dir.join("bindgen");
    let cases = [
        (
            WidgetPage::at("A", "desk.ticket.detail.rightpanle", &bindgen),
            "did you mean `desk.ticket.detail.rightpanel`",
        ),
        (
            WidgetPage::at("1st", "desk.bottomband", &bindgen),
            "widget name `1st`",
        ),
        (
            WidgetPage::at("", "desk.bottomband", &bindgen),
            "widget name ``",
        ),
    ];
    for (page, message) in cases {
        let error = Extension::new("X")
            .widget(page)
            .write(dir.join("out"))
            .unwrap_err();
        assert!(error.to_string().contains(message), "{error}");
        assert!(!dir.join("out").exists());
    }
    let twice = Extension::new("X")
        .widget(WidgetPage::of::<Calls>("Calls", &bindgen))
        .widget(WidgetPage::of::<Status>("Calls", &bindgen));
    assert!(matches!(twice.check(), Err(PackageError::DuplicateName(name)) if name == "Calls"));
    assert!(matches!(
        Extension::new("X").check(),
        Err(PackageError::NoWidget)
    ));
    let no_module =
        Extension::new("X").widget(WidgetPage::of::<Calls>("Calls", dir.join("nothing")));
    assert!(no_module.write(dir.join("out2")).is_err());
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
