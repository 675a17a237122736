//! The widget crate's `EXTENSION` (declared with `desk_runtime::extension!`), read by running
//! native code that links the crate.
//!
//! Design: cargo desk writes a tiny helper crate into `target/desk/<crate>/extension-helper/`
//! whose only dependency is the widget crate itself (by path) and whose `main` prints
//! `EXTENSION` as JSON, field by field. It runs with the widget's `Cargo.lock` copied in and the
//! widget's target directory, so it links exactly the widget's dependency versions and reuses
//! what `cargo test` compiled; it names no type of `desk-runtime`, so it cannot pick another
//! version of it. The widget crate needs no extra file, binary or dependency for it.

use crate::Error;
use crate::output;
use crate::project::{Project, cargo};
use desk_runtime::Extension;
use desk_runtime::extension::{ConfigParam, ConfigType, Connector, WidgetEntry};
use desk_runtime::i18n::Locale;
use serde_json::Value;
use std::path::PathBuf;

const HELPER_MAIN: &str = r#"//! Written by cargo desk: prints the widget crate's `EXTENSION` as JSON.
fn s(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}
fn list(out: &mut String, items: &[&str]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 { out.push(','); }
        s(out, item);
    }
    out.push(']');
}
fn opt_s(out: &mut String, value: Option<&str>) {
    match value { Some(v) => s(out, v), None => out.push_str("null") }
}
fn opt_b(out: &mut String, value: Option<bool>) {
    out.push_str(match value { Some(true) => "true", Some(false) => "false", None => "null" });
}
fn main() {
    let e = &widget::EXTENSION;
    let mut o = String::new();
    o.push_str("{\"name\":"); s(&mut o, e.name);
    o.push_str(",\"storage\":"); o.push_str(if e.storage { "true" } else { "false" });
    o.push_str(",\"whitelisted_domains\":"); list(&mut o, e.whitelisted_domains);
    o.push_str(",\"connect_src\":"); list(&mut o, e.connect_src);
    for (key, entries) in [("widgets", e.widgets), ("modals", e.modals)] {
    o.push_str(",\""); o.push_str(key); o.push_str("\":[");
    for (i, w) in entries.iter().enumerate() {
        if i > 0 { o.push(','); }
        o.push_str("{\"name\":"); s(&mut o, w.name);
        o.push_str(",\"location\":"); s(&mut o, w.location);
        o.push_str(",\"subscriptions\":"); list(&mut o, w.subscriptions);
        o.push_str(",\"body\":"); s(&mut o, w.body);
        o.push_str(",\"page\":"); s(&mut o, w.page);
        o.push_str(",\"entry\":"); s(&mut o, w.entry);
        o.push('}');
    }
    o.push(']');
    }
    o.push_str(",\"connectors\":[");
    for (i, c) in e.connectors.iter().enumerate() {
        if i > 0 { o.push(','); }
        o.push_str("{\"connection_link_name\":"); s(&mut o, c.connection_link_name);
        o.push_str(",\"connection_name\":"); s(&mut o, c.connection_name);
        o.push_str(",\"service_name\":"); s(&mut o, c.service_name);
        o.push_str(",\"user_access\":"); opt_b(&mut o, c.user_access);
        o.push_str(",\"is_user_defined_service\":"); opt_b(&mut o, c.is_user_defined_service);
        o.push_str(",\"scope\":"); list(&mut o, c.scope);
        o.push('}');
    }
    o.push_str("],\"config\":[");
    for (i, c) in e.config.iter().enumerate() {
        if i > 0 { o.push(','); }
        o.push_str("{\"name\":"); s(&mut o, c.name);
        o.push_str(",\"display_name\":"); opt_s(&mut o, c.display_name);
        o.push_str(",\"description\":"); opt_s(&mut o, c.description);
        o.push_str(",\"kind\":"); opt_s(&mut o, c.kind.map(|k| k.name()));
        o.push_str(",\"secure\":"); opt_b(&mut o, c.secure);
        o.push_str(",\"mandatory\":"); opt_b(&mut o, c.mandatory);
        o.push_str(",\"user_defined\":"); opt_b(&mut o, c.user_defined);
        o.push('}');
    }
    o.push_str("],\"locales\":[");
    for (i, l) in e.locales.iter().enumerate() {
        if i > 0 { o.push(','); }
        o.push_str("{\"code\":"); s(&mut o, l.code);
        o.push_str(",\"json\":"); s(&mut o, l.json);
        o.push('}');
    }
    o.push_str("]}");
    println!("{o}");
}
"#;

/// Reads the widget crate's `EXTENSION` by compiling and running the helper.
///
/// # Errors
///
/// The crate does not compile natively, declares no extension, or the helper's output is not
/// what this version of cargo desk expects.
pub fn read(project: &Project) -> Result<&'static Extension, Error> {
    let helper = project.desk_dir().join("extension-helper");
    let manifest = format!(
        "# Written by cargo desk: reads the widget crate's EXTENSION. Not for editing.\n\
         [package]\nname = \"desk-extension-helper\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\nwidget = {{ package = \"{}\", path = {} }}\n\n\
         [workspace]\n",
        project.name,
        toml_string(&project.dir.to_string_lossy())
    );
    write_if_changed(&helper.join("Cargo.toml"), &manifest)?;
    write_if_changed(&helper.join("src/main.rs"), HELPER_MAIN)?;
    // The widget's versions, so that the helper links what the widget links.
    let lock = project.workspace_root.join("Cargo.lock");
    if let Ok(text) = std::fs::read_to_string(&lock) {
        let ours = helper.join("Cargo.lock");
        // Rewritten each time (the helper adds its own entry): versions follow the widget's.
        let _ = std::fs::write(ours, text);
    }
    let output = cargo()
        .args(["run", "--quiet", "--manifest-path"])
        .arg(helper.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &project.target_dir)
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .map_err(|e| Error::new(format!("cannot run cargo: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("EXTENSION") && stderr.contains("cannot find") {
            return Err(Error::new(format!(
                "`{}` declares no extension: add `desk_runtime::extension! {{ name: \"...\", \
                 widgets: {{ \"Widget Name\": WidgetType }} }}` to its src/lib.rs",
                project.name
            )));
        }
        return Err(Error::build(
            format!("`{}` does not compile natively", project.name),
            stderr.into_owned(),
        ));
    }
    let json: Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        Error::new(format!(
            "the extension helper's output is not JSON ({e}); is desk-runtime the version this \
             cargo desk was built with?"
        ))
    })?;
    let extension = from_json(&json);
    output::status("Read", summary(extension));
    Ok(extension)
}

/// The `Read` line: the extension's name, its widgets with their locations, then its modals
/// (a page each, built as a widget's is: the build's lines name them).
fn summary(extension: &Extension) -> String {
    let widgets = extension
        .widgets
        .iter()
        .map(|w| format!("`{}` at {}", w.name, w.location))
        .collect::<Vec<_>>()
        .join(", ");
    let modals = extension
        .modals
        .iter()
        .map(|m| format!("`{}`", m.name))
        .collect::<Vec<_>>()
        .join(", ");
    match extension.modals.len() {
        0 => format!("extension `{}`: {widgets}", extension.name),
        1 => format!("extension `{}`: {widgets}; modal {modals}", extension.name),
        _ => format!("extension `{}`: {widgets}; modals {modals}", extension.name),
    }
}

/// A TOML basic string.
pub(crate) fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn write_if_changed(path: &PathBuf, text: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
    }
    std::fs::write(path, text).map_err(|e| Error::io(path, &e))
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

fn leak_str(value: &Value) -> &'static str {
    leak(value.as_str().unwrap_or_default())
}

fn leak_list(value: &Value) -> &'static [&'static str] {
    let items: Vec<&'static str> = value
        .as_array()
        .into_iter()
        .flatten()
        .map(leak_str)
        .collect();
    Box::leak(items.into_boxed_slice())
}

fn leak_opt(value: &Value) -> Option<&'static str> {
    value.as_str().map(leak)
}

/// The extension from the helper's JSON; strings leaked, as the packager takes `'static` data
/// (the process is short-lived, and `serve` re-reads it only when a build succeeds).
pub fn from_json(json: &Value) -> &'static Extension {
    let items = |key: &str| json[key].as_array().cloned().unwrap_or_default();
    let entries = |key: &str| -> &'static [WidgetEntry] {
        let entries: Vec<WidgetEntry> = items(key)
            .iter()
            .map(|w| WidgetEntry {
                name: leak_str(&w["name"]),
                location: leak_str(&w["location"]),
                subscriptions: leak_list(&w["subscriptions"]),
                body: leak_str(&w["body"]),
                page: leak_str(&w["page"]),
                entry: leak_str(&w["entry"]),
            })
            .collect();
        Box::leak(entries.into_boxed_slice())
    };
    let connectors: Vec<Connector> = items("connectors")
        .iter()
        .map(|c| Connector {
            connection_link_name: leak_str(&c["connection_link_name"]),
            connection_name: leak_str(&c["connection_name"]),
            service_name: leak_str(&c["service_name"]),
            user_access: c["user_access"].as_bool(),
            is_user_defined_service: c["is_user_defined_service"].as_bool(),
            scope: leak_list(&c["scope"]),
        })
        .collect();
    let config: Vec<ConfigParam> = items("config")
        .iter()
        .map(|c| ConfigParam {
            name: leak_str(&c["name"]),
            display_name: leak_opt(&c["display_name"]),
            description: leak_opt(&c["description"]),
            kind: c["kind"].as_str().and_then(|kind| {
                ConfigType::ALL
                    .iter()
                    .find(|(_, name)| *name == kind)
                    .map(|(kind, _)| *kind)
            }),
            secure: c["secure"].as_bool(),
            mandatory: c["mandatory"].as_bool(),
            user_defined: c["user_defined"].as_bool(),
        })
        .collect();
    let locales: Vec<Locale> = items("locales")
        .iter()
        .map(|l| Locale {
            code: leak_str(&l["code"]),
            json: leak_str(&l["json"]),
        })
        .collect();
    Box::leak(Box::new(Extension {
        name: leak_str(&json["name"]),
        widgets: entries("widgets"),
        modals: entries("modals"),
        storage: json["storage"].as_bool().unwrap_or(false),
        whitelisted_domains: leak_list(&json["whitelisted_domains"]),
        connect_src: leak_list(&json["connect_src"]),
        connectors: Box::leak(connectors.into_boxed_slice()),
        config: Box::leak(config.into_boxed_slice()),
        locales: Box::leak(locales.into_boxed_slice()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_read_line_lists_the_modals_too() {
        let mut json = serde_json::json!({
            "name": "Call Tools",
            "widgets": [
                { "name": "Bar", "location": "desk.extension.telephony" },
                { "name": "Panel", "location": "desk.ticket.detail.rightpanel" },
            ],
            "modals": [{ "name": "Confirm" }],
        });
        assert_eq!(
            summary(from_json(&json)),
            "extension `Call Tools`: `Bar` at desk.extension.telephony, `Panel` at \
             desk.ticket.detail.rightpanel; modal `Confirm`"
        );
        json["modals"] = serde_json::json!([{ "name": "Confirm" }, { "name": "Pick" }]);
        assert!(
            summary(from_json(&json)).ends_with("; modals `Confirm`, `Pick`"),
            "{}",
            summary(from_json(&json))
        );
        json["modals"] = serde_json::json!([]);
        assert!(summary(from_json(&json)).ends_with("rightpanel"));
    }
}
