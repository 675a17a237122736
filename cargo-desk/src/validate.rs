//! `cargo desk validate`: the official toolkit's rules (`zet validate` 1.0.24: its
//! `FileCheckRule` and `DESK.PluginManifestRule`), reimplemented on a package directory, and
//! what they miss:
//!
//! - every widget's `location` is one the platform has (the toolkit carries a list and never
//!   consults it), with the same did-you-mean as `#[desk_widget]`;
//! - widget names are unique without regard to case (Desk shows them as titles);
//! - the package ships only files the platform packs: `zet pack` silently leaves out other
//!   types, `.wasm` among them, and `zet validate` lists them yet says it passed;
//! - every script a page imports from the package is in it.
//!
//! `cargo xtask validate-corpus` (in this repository) runs both on broken packages and fails on
//! a disagreement that is not a decision written down there.
//!
//! Not reimplemented: `resources.json`'s optional sections (channel, permissions, webhook,
//! custom actions, targets), `deskOauth`, `TPAOauth` and `callbackListener`, which widgets
//! built with desk-runtime do not write.

use serde_json::Value;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file types the toolkit packs (`ALLOWED_EXTNS` for DESK); anything else is left out.
pub const PACKED_EXTENSIONS: [&str; 20] = [
    "jpg", "jpeg", "png", "gif", "svg", "css", "woff", "woff2", "ttf", "eot", "webm", "js", "mp3",
    "mp4", "json", "txt", "md", "xml", "dre", "html",
];
const IMAGE_EXTENSIONS: [&str; 5] = ["jpg", "jpeg", "png", "gif", "svg"];
const LOCALES: [&str; 22] = [
    "en", "ja", "zh", "tw", "es", "de", "fr", "tr", "ru", "pt", "it", "nl", "da", "pl", "sv", "id",
    "hi", "ro", "ta", "te", "he", "ar",
];
const REQUIRED_KEYS: [&str; 7] = [
    "locale",
    "storage",
    "service",
    "modules",
    "connectors",
    "config",
    "whiteListedDomains",
];
const CONFIG_TYPES: [&str; 7] = [
    "text",
    "number",
    "radio",
    "switch",
    "picklist",
    "multiselect",
    "checkbox",
];
/// The toolkit's limits.
const MAX_FILES: usize = 250;
const MAX_FILE_BYTES: u64 = 5_000_000;
const MAX_FILE_NAME: usize = 50;

/// Who reports a problem: the toolkit would too, or only cargo desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// One of `zet validate`'s rules.
    Toolkit,
    /// A check the toolkit lacks.
    Desk,
}

/// One problem of a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Whose rule it is.
    pub rule: Rule,
    /// What is wrong, and what to do.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if self.rule == Rule::Desk {
            f.write_str(" (zet validate does not check this)")?;
        }
        Ok(())
    }
}

struct Problems(Vec<Problem>);

impl Problems {
    fn toolkit(&mut self, message: impl Into<String>) {
        self.0.push(Problem {
            rule: Rule::Toolkit,
            message: message.into(),
        });
    }
    fn desk(&mut self, message: impl Into<String>) {
        self.0.push(Problem {
            rule: Rule::Desk,
            message: message.into(),
        });
    }
}

/// The toolkit's name rule: a letter, then letters, digits, `-`, `_` and spaces.
pub fn allowed_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' '))
}

/// The toolkit's URL rule: `new URL(url)` parses it, with the protocol http, https or wss. The
/// `url` crate implements the same standard (WHATWG's) as Node's `URL`.
pub fn valid_url(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|url| matches!(url.scheme(), "http" | "https" | "wss"))
}

/// A string's length as JavaScript's `length` counts it, and so the toolkit's limits: in UTF-16
/// code units (a character outside the Basic Multilingual Plane, an emoji, counts 2).
pub fn js_length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Validates the package in `dir`; returns every problem found (none: valid).
pub fn validate(dir: &Path) -> Vec<Problem> {
    let mut problems = Problems(Vec::new());
    if let Some(not_a_directory) = not_a_directory(dir) {
        problems.toolkit(not_a_directory);
        return problems.0;
    }
    let files = match list_files(dir, Path::new("app")) {
        Ok(files) if !files.is_empty() => files,
        Ok(_) => {
            problems.toolkit("the `app` folder is empty");
            return problems.0;
        }
        Err(_) => {
            problems.toolkit(format!("no `app` folder in {}", dir.display()));
            return problems.0;
        }
    };
    check_files(dir, &files, &mut problems);
    match std::fs::read_to_string(dir.join("plugin-manifest.json")) {
        Err(_) => problems.toolkit("no plugin-manifest.json"),
        Ok(text) => match json(&text) {
            Err(e) => problems.toolkit(format!("plugin-manifest.json is not JSON: {e}")),
            Ok(manifest) => check_manifest(dir, &manifest, &mut problems),
        },
    }
    check_pages(dir, &files, &mut problems);
    problems.0
}

/// Why `path` is not a package directory, when it is not one: a zip (by its first bytes, a
/// local file header, or its extension), another file, or nothing.
fn not_a_directory(path: &Path) -> Option<String> {
    if path.is_dir() {
        return None;
    }
    let shown = path.display();
    if !path.exists() {
        return Some(format!("{shown} does not exist: give a package directory"));
    }
    let mut magic = [0; 4];
    let zip = std::fs::File::open(path)
        .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut magic))
        .is_ok_and(|()| magic == *b"PK\x03\x04")
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    Some(if zip {
        format!(
            "{shown} is a zip: `cargo desk validate` takes a package directory, as `zet \
             validate` does (unzip it and give its directory; `cargo desk pack` validates the \
             package before zipping it)"
        )
    } else {
        format!("{shown} is a file, not a package directory")
    })
}

/// A JSON file's text parsed as the toolkit reads it (Node's `require`): a leading byte-order
/// mark, which editors may write, is skipped.
fn json(text: &str) -> serde_json::Result<Value> {
    serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Every file below `dir/relative`, as paths relative to `dir`; folder names checked as the
/// toolkit does.
pub(crate) fn list_files(dir: &Path, relative: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir.join(relative))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = relative.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            files.push(path.join(""));
            files.extend(list_files(dir, &path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

/// A file's extension as the toolkit compares it (Node's `path.extname`): as written, so
/// `.PNG` is not `.png`.
fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether the platform packs this file of `app/` (by its type).
pub fn packed(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !name.starts_with('.') && PACKED_EXTENSIONS.contains(&extension(path).as_str())
}

fn check_files(dir: &Path, files: &[PathBuf], problems: &mut Problems) {
    let mut count = 0;
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.to_string_lossy().ends_with('/') {
            if !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '-'))
            {
                problems.toolkit(format!(
                    "folder `{}`: only letters, digits, `_`, `-` and `$`",
                    path.display()
                ));
            }
            continue;
        }
        if !packed(path) {
            problems.desk(format!(
                "`{}` is not packed by the platform (only {} files are): ship it as one of those \
                 (a WebAssembly module as base64 in its page, as cargo desk build does)",
                path.display(),
                PACKED_EXTENSIONS.join(", ")
            ));
            continue;
        }
        // The toolkit counts a translation file twice (among its files, then again among its
        // translations): 250 files, `en.json` one of them, are over its limit.
        count += if translation(path) { 2 } else { 1 };
        if name.rfind('.') == Some(0) {
            problems.toolkit(format!(
                "`{}`: a file name needs a name before its extension",
                path.display()
            ));
        }
        if std::fs::metadata(dir.join(path)).is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
            problems.toolkit(format!("`{}` is over 5 MB", path.display()));
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '$' | '-'))
        {
            problems.toolkit(format!(
                "file name `{name}`: only letters, digits, `_`, `.`, `-` and `$`"
            ));
        }
        if name.len() > MAX_FILE_NAME {
            problems.toolkit(format!(
                "file name `{name}` is longer than {MAX_FILE_NAME} characters"
            ));
        }
    }
    if count > MAX_FILES {
        problems.toolkit(format!(
            "{count} files, translation files counted twice as the toolkit counts them: the \
             platform takes at most {MAX_FILES}"
        ));
    }
}

/// A translation file, as the toolkit sorts files: a `.json` file below `app/translations`.
fn translation(path: &Path) -> bool {
    path.starts_with("app/translations") && extension(path) == "json"
}

#[allow(clippy::too_many_lines)]
fn check_manifest(dir: &Path, manifest: &Value, problems: &mut Problems) {
    let Some(object) = manifest.as_object() else {
        problems.toolkit("plugin-manifest.json is not an object");
        return;
    };
    let missing: Vec<&str> = REQUIRED_KEYS
        .iter()
        .copied()
        .filter(|key| !object.contains_key(*key))
        .collect();
    if !missing.is_empty() {
        for key in missing {
            problems.toolkit(format!("plugin-manifest.json: `{key}` is missing"));
        }
        return;
    }
    if manifest["service"] != "DESK" {
        problems.desk("plugin-manifest.json: `service` must be \"DESK\" for a Desk extension");
    }
    match manifest["locale"].as_array() {
        None => problems.toolkit("plugin-manifest.json: `locale` must be an array"),
        Some(locales) => {
            for locale in locales {
                let locale = locale.as_str().unwrap_or_default();
                if !LOCALES.contains(&locale) {
                    problems.toolkit(format!(
                        "plugin-manifest.json: invalid locale code `{locale}` (valid: {})",
                        LOCALES.join(", ")
                    ));
                } else if !dir
                    .join(format!("app/translations/{locale}.json"))
                    .is_file()
                {
                    problems.toolkit(format!(
                        "locale `{locale}` has no app/translations/{locale}.json"
                    ));
                }
            }
            if !locales.iter().any(|l| l == "en") {
                problems.toolkit("plugin-manifest.json: `locale` must hold \"en\"");
            }
        }
    }
    if !manifest["storage"].is_boolean() {
        problems.toolkit("plugin-manifest.json: `storage` must be true or false");
    }
    if let Some(kind) = object.get("type")
        && kind != "personal"
        && kind != "org"
    {
        problems.toolkit("plugin-manifest.json: `type` must be \"personal\" or \"org\"");
    }
    match manifest["modules"]["widgets"].as_array() {
        _ if !manifest["modules"].is_object() => {
            problems.toolkit("plugin-manifest.json: `modules` must be an object");
        }
        None => problems.toolkit("plugin-manifest.json: `modules.widgets` must be an array"),
        Some(widgets) if widgets.is_empty() => {
            problems.toolkit("plugin-manifest.json: `modules.widgets` is empty");
        }
        Some(widgets) => check_widgets(dir, widgets, problems),
    }
    match manifest["whiteListedDomains"].as_array() {
        Some(domains) => {
            for domain in domains {
                if !domain.as_str().is_some_and(valid_url) {
                    problems.toolkit(format!(
                        "plugin-manifest.json: whitelisted domain {domain} is not an http(s) or \
                         wss URL"
                    ));
                }
            }
        }
        None if manifest["whiteListedDomains"].is_null() => {}
        None => problems.toolkit("plugin-manifest.json: `whiteListedDomains` must be an array"),
    }
    match manifest["connectors"].as_array() {
        Some(connectors) => check_connectors(connectors, problems),
        // `null` too: the toolkit skips only a missing key (checked above).
        None => problems.toolkit("plugin-manifest.json: `connectors` must be an array"),
    }
    match manifest["config"].as_array() {
        Some(config) if config.len() > 20 => {
            problems.toolkit("plugin-manifest.json: at most 20 `config` parameters");
        }
        Some(config) => check_config(config, problems),
        None => problems.toolkit("plugin-manifest.json: `config` must be an array"),
    }
    if let Some(authorisation) = object.get("zohoAuthorisation") {
        match authorisation.as_object() {
            None => problems.toolkit("plugin-manifest.json: `zohoAuthorisation` must be an object"),
            Some(auth) if !auth.is_empty() => {
                if !auth.contains_key("type") {
                    problems.toolkit("plugin-manifest.json: `zohoAuthorisation.type` is missing");
                }
                if auth
                    .get("serviceName")
                    .is_some_and(|name| name != "zlabs_integration")
                {
                    problems.toolkit(
                        "plugin-manifest.json: `zohoAuthorisation.serviceName` must be \
                         \"zlabs_integration\"",
                    );
                }
            }
            Some(_) => {}
        }
    }
    if let Some(csp) = object.get("cspDomains").filter(|csp| !csp.is_null()) {
        check_csp(csp, problems);
    }
    match std::fs::read_to_string(dir.join("resources.json")) {
        Err(_) => problems.toolkit("no resources.json (`{}` will do)"),
        Ok(text) => {
            if !json(&text).is_ok_and(|v| v.is_object()) {
                problems.toolkit("resources.json is not a JSON object");
            }
        }
    }
}

fn check_widgets(dir: &Path, widgets: &[Value], problems: &mut Problems) {
    let mut names: Vec<String> = Vec::new();
    for widget in widgets {
        let name = widget["name"].as_str();
        let shown = name.unwrap_or("?");
        match name {
            None if widget["name"].is_null() => problems.toolkit("a widget has no `name`"),
            None => problems.toolkit(format!("widget name {}: not a string", widget["name"])),
            Some(name) if !allowed_name(name) => problems.toolkit(format!(
                "widget name `{name}`: a letter, then letters, digits, `-`, `_` and spaces"
            )),
            Some(name) => {
                let trimmed = name.trim().to_owned();
                if names.contains(&trimmed) {
                    problems.toolkit(format!("two widgets are named `{trimmed}`"));
                } else if names.iter().any(|n| n.eq_ignore_ascii_case(&trimmed)) {
                    problems.desk(format!(
                        "two widgets are named `{trimmed}` but for case: Desk shows both the same"
                    ));
                }
                names.push(trimmed);
            }
        }
        match widget["location"].as_str() {
            None => problems.desk(format!("widget `{shown}` has no `location`")),
            Some(location) => {
                if let Err(unknown) = desk_catalog::location(location) {
                    problems.desk(format!("widget `{shown}`: {unknown}"));
                }
            }
        }
        match &widget["url"] {
            Value::Null => problems.toolkit(format!("widget `{shown}` has no `url`")),
            Value::String(url) if valid_url(url) => {}
            Value::String(url) if url.starts_with('/') => {
                if !dir.join(url.trim_start_matches('/')).is_file() {
                    problems.toolkit(format!(
                        "widget `{shown}`: its url `{url}` is not a file of the package"
                    ));
                }
            }
            Value::String(url) if url.starts_with('{') => {}
            Value::String(url) => {
                problems.toolkit(format!("widget `{shown}`: invalid url `{url}`"));
            }
            other => problems.toolkit(format!("widget `{shown}`: url {other} is not a string")),
        }
        for key in ["logo", "icon"] {
            // Only a missing key is skipped: the toolkit's `isUndefined` is false for `null`,
            // which is then not a string.
            match widget.get(key) {
                None => {}
                Some(Value::String(image)) => {
                    if !IMAGE_EXTENSIONS.contains(&extension(Path::new(image)).as_str()) {
                        problems.toolkit(format!(
                            "widget `{shown}`: its {key} `{image}` is not an image (.png, .jpg, \
                             .jpeg, .gif, .svg)"
                        ));
                    }
                    if !image.starts_with('/') {
                        problems.toolkit(format!(
                            "widget `{shown}`: its {key} `{image}` must start with `/`"
                        ));
                    } else if !dir.join(image.trim_start_matches('/')).is_file() {
                        problems.toolkit(format!(
                            "widget `{shown}`: its {key} `{image}` is not a file of the package"
                        ));
                    }
                }
                Some(other) => {
                    problems.toolkit(format!("widget `{shown}`: {key} {other} is not a string"));
                }
            }
        }
    }
}

fn check_connectors(connectors: &[Value], problems: &mut Problems) {
    let (mut names, mut services): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for connector in connectors {
        let Some(object) = connector.as_object() else {
            problems.toolkit("a connector is not an object");
            continue;
        };
        if object.is_empty() {
            problems.toolkit("a connector is empty");
            continue;
        }
        let Some(name) = connector["connectionName"]
            .as_str()
            .filter(|n| !n.trim().is_empty())
        else {
            problems.toolkit("a connector has no `connectionName`");
            continue;
        };
        if !allowed_name(name) {
            problems.toolkit(format!(
                "connector `{name}`: a letter, then letters, digits, `-`, `_` and spaces"
            ));
        } else if names.contains(&name.trim().to_owned()) {
            problems.toolkit(format!("two connectors are named `{name}`"));
        }
        names.push(name.trim().to_owned());
        match connector["serviceName"].as_str() {
            None => problems.toolkit(format!("connector `{name}` has no `serviceName`")),
            Some("zlabs_integration") => problems.toolkit(format!(
                "connector `{name}`: `serviceName` cannot be zlabs_integration"
            )),
            Some(service) if service.trim().is_empty() => {
                problems.toolkit(format!("connector `{name}`: empty `serviceName`"));
            }
            Some(service) => {
                if services.contains(&service.trim().to_owned()) {
                    problems.toolkit(format!(
                        "connector `{name}`: another connector has the service `{service}`"
                    ));
                }
                services.push(service.trim().to_owned());
            }
        }
        if !connector["connectionLinkName"].is_string() {
            problems.toolkit(format!("connector `{name}` has no `connectionLinkName`"));
        }
        // A present `null` is not an array: the toolkit skips only a missing `scope`.
        match connector.get("scope") {
            Some(Value::Array(scopes))
                if scopes
                    .iter()
                    .any(|s| s.as_str().is_none_or(|s| s.trim().is_empty())) =>
            {
                problems.toolkit(format!(
                    "connector `{name}`: every scope must be a non-empty string"
                ));
            }
            None | Some(Value::Array(_)) => {}
            Some(_) => problems.toolkit(format!("connector `{name}`: `scope` must be an array")),
        }
    }
}

fn check_config(config: &[Value], problems: &mut Problems) {
    let mut names: Vec<String> = Vec::new();
    for param in config {
        let Some(object) = param.as_object() else {
            problems.toolkit("a config parameter is not an object");
            continue;
        };
        if object.is_empty() {
            problems.toolkit("a config parameter is empty");
            continue;
        }
        let name = param["name"].as_str().unwrap_or_default();
        if param["name"].is_null() {
            problems.toolkit("a config parameter has no `name`");
        } else if !allowed_name(name) {
            problems.toolkit(format!(
                "config `{name}`: a letter, then letters, digits, `-`, `_` and spaces"
            ));
        } else if names.contains(&name.trim().to_owned()) {
            problems.toolkit(format!("two config parameters are named `{name}`"));
        } else {
            names.push(name.trim().to_owned());
        }
        // As the toolkit reads them: a missing key is skipped, a present `null` is of the wrong
        // type, and a string's length is JavaScript's, in UTF-16 code units.
        for key in ["displayName", "description"] {
            match object.get(key) {
                Some(Value::String(text)) if js_length(text) > 255 => {
                    problems.toolkit(format!(
                        "config `{name}`: `{key}` is longer than 255 characters (counted as \
                         JavaScript counts them, in UTF-16 code units: {} here)",
                        js_length(text)
                    ));
                }
                None | Some(Value::String(_)) => {}
                Some(_) => problems.toolkit(format!("config `{name}`: `{key}` must be a string")),
            }
        }
        match object.get("userdefined") {
            None | Some(Value::Bool(false)) => {}
            Some(Value::Bool(true)) => {
                match param["type"].as_str() {
                    None => problems.toolkit(format!(
                        "config `{name}`: a user-defined parameter needs a `type`"
                    )),
                    Some(kind) if !CONFIG_TYPES.contains(&kind) => problems.toolkit(format!(
                        "config `{name}`: type `{kind}` is not one of {}",
                        CONFIG_TYPES.join(", ")
                    )),
                    Some(_) => {}
                }
                for key in ["mandatory", "secure"] {
                    if !param[key].is_boolean() {
                        problems.toolkit(format!(
                            "config `{name}`: a user-defined parameter needs `{key}` (true or false)"
                        ));
                    }
                }
            }
            Some(_) => problems.toolkit(format!(
                "config `{name}`: `userdefined` must be true or false"
            )),
        }
    }
}

fn check_csp(csp: &Value, problems: &mut Problems) {
    let Some(object) = csp.as_object() else {
        problems.toolkit("plugin-manifest.json: `cspDomains` must be an object");
        return;
    };
    let Some(connect) = object.get("connect-src").and_then(Value::as_array) else {
        problems.toolkit("plugin-manifest.json: `cspDomains.connect-src` must be an array");
        return;
    };
    if connect.len() > 10 {
        problems.toolkit("plugin-manifest.json: at most 10 `connect-src` domains");
    }
    let domains: Vec<&str> = connect
        .iter()
        .filter_map(Value::as_str)
        .map(str::trim)
        .collect();
    if (1..domains.len()).any(|i| domains[..i].contains(&domains[i])) {
        problems.toolkit("plugin-manifest.json: a `connect-src` domain is listed twice");
    }
    if domains.len() != connect.len()
        || domains
            .iter()
            .flat_map(|d| d.split(' '))
            .any(|d| !(valid_url(d) || d == "blob:"))
    {
        problems.toolkit("plugin-manifest.json: every `connect-src` domain must be a URL");
    }
}

/// Every `./...` script a page imports, loads (`src`) or preloads (`href`) must be in the
/// package.
fn check_pages(dir: &Path, files: &[PathBuf], problems: &mut Problems) {
    for page in files.iter().filter(|f| extension(f) == "html") {
        let Ok(html) = std::fs::read_to_string(dir.join(page)) else {
            continue;
        };
        let base = page.parent().unwrap_or(Path::new("app"));
        let references = ["from \"./", "src=\"./", "href=\"./"]
            .into_iter()
            .flat_map(|marker| html.split(marker).skip(1));
        for import in references {
            let Some(target) = import.split('"').next() else {
                continue;
            };
            if !dir.join(base).join(target).is_file() {
                problems.desk(format!(
                    "`{}` imports `./{target}`, which is not in the package",
                    page.display()
                ));
            } else if !packed(Path::new(target)) {
                problems.desk(format!(
                    "`{}` imports `./{target}`, which the platform does not pack",
                    page.display()
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use tempfile::TempDir;

    /// A package as cargo desk writes it, in a fresh directory (removed when dropped).
    fn package(name: &str, manifest: &Value) -> TempDir {
        let dir = TempDir::with_prefix(format!("cargo-desk-validate-{name}-")).unwrap();
        for (path, text) in [
            ("plugin-manifest.json", manifest.to_string()),
            ("resources.json", "{}".to_owned()),
            ("app/translations/en.json", "{}".to_owned()),
            ("app/img/logo.png", String::new()),
            ("app/img/icon.png", String::new()),
            (
                "app/notes.html",
                "<script type=\"module\">import init from \"./module/notes.js\";\n\
                 import wasm from \"./module/notes_bg.wasm.js\";</script>"
                    .to_owned(),
            ),
            ("app/module/notes.js", String::new()),
            ("app/module/notes_bg.wasm.js", String::new()),
        ] {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn widget(name: &str, location: &str) -> Value {
        json!({
            "name": name, "location": location, "url": "/app/notes.html",
            "logo": "/app/img/logo.png", "icon": "/app/img/icon.png",
        })
    }

    fn manifest(widgets: &[Value]) -> Value {
        json!({
            "locale": ["en"], "service": "DESK", "storage": false, "type": "personal",
            "whiteListedDomains": [], "modules": { "widgets": widgets },
            "cspDomains": { "connect-src": [] }, "zohoAuthorisation": {},
            "connectors": [], "config": [], "moduleSupport": false,
        })
    }

    fn messages(dir: &Path) -> Vec<String> {
        validate(dir).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_package_as_cargo_desk_writes_it_is_valid() {
        let temp = package(
            "valid",
            &manifest(&[widget("Notes", "desk.ticket.detail.subtab")]),
        );
        let dir = temp.path();
        assert_eq!(messages(dir), Vec::<String>::new());
    }

    #[test]
    fn a_misspelt_location_is_refused_with_the_suggestion() {
        let temp = package(
            "location",
            &manifest(&[widget("Notes", "desk.ticket.detail.subtba")]),
        );
        let dir = temp.path();
        let problems = validate(dir);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].rule, Rule::Desk);
        assert!(
            problems[0]
                .message
                .contains("did you mean `desk.ticket.detail.subtab`?"),
            "{problems:?}"
        );
    }

    #[test]
    fn widget_names_follow_the_toolkit_and_are_unique() {
        let widgets = [
            widget("Notes", "desk.ticket.detail.subtab"),
            widget("Notes", "desk.ticket.detail.rightpanel"),
            widget("notes", "desk.bottomband"),
            widget("1 Notes", "desk.bottomband"),
        ];
        let found = messages(package("names", &manifest(&widgets)).path());
        assert!(
            found
                .iter()
                .any(|m| m.contains("two widgets are named `Notes`")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|m| m.contains("but for case")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|m| m.contains("widget name `1 Notes`")),
            "{found:?}"
        );
    }

    #[test]
    fn a_wasm_file_is_refused_as_the_platform_would_not_pack_it() {
        let temp = package(
            "wasm",
            &manifest(&[widget("Notes", "desk.ticket.detail.subtab")]),
        );
        let dir = temp.path();
        std::fs::write(dir.join("app/module/notes_bg.wasm"), b"\0asm").unwrap();
        std::fs::remove_file(dir.join("app/module/notes_bg.wasm.js")).unwrap();
        let found = messages(dir);
        assert!(
            found
                .iter()
                .any(|m| m.contains("`app/module/notes_bg.wasm` is not packed")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|m| m.contains("imports `./module/notes_bg.wasm.js`")),
            "{found:?}"
        );
    }

    #[test]
    fn the_toolkit_s_manifest_rules() {
        let mut bad = manifest(&[json!({ "name": "Notes", "location": "desk.bottomband",
            "url": "/app/missing.html", "logo": "img/logo.gif" })]);
        bad["locale"] = json!(["en", "xx"]);
        bad["storage"] = json!("yes");
        bad["type"] = json!("team");
        bad["whiteListedDomains"] = json!(["crm.example.com"]);
        bad["cspDomains"] = json!({ "connect-src": ["https://a.example", "https://a.example"] });
        bad["connectors"] = json!([
            { "connectionName": "crm", "serviceName": "svc", "connectionLinkName": "crm" },
            { "connectionName": "crm", "serviceName": "svc" },
        ]);
        bad["config"] = json!([{ "name": "key", "userdefined": true }]);
        let found = messages(package("manifest", &bad).path());
        for expected in [
            "invalid locale code `xx`",
            "`storage` must be true or false",
            "`type` must be",
            "not an http(s) or wss URL",
            "listed twice",
            "two connectors are named `crm`",
            "another connector has the service `svc`",
            "has no `connectionLinkName`",
            "needs a `type`",
            "needs `mandatory`",
            "its url `/app/missing.html` is not a file",
            "its logo `img/logo.gif` must start with `/`",
        ] {
            assert!(
                found.iter().any(|m| m.contains(expected)),
                "{expected}: {found:#?}"
            );
        }
        assert!(
            found.iter().all(|m| !m.contains("zet validate does not")),
            "{found:#?}"
        );
    }

    #[test]
    fn missing_keys_translations_and_resources() {
        let mut bad = manifest(&[widget("Notes", "desk.ticket.detail.subtab")]);
        bad.as_object_mut().unwrap().remove("connectors");
        let found = messages(package("keys", &bad).path());
        assert_eq!(found, ["plugin-manifest.json: `connectors` is missing"]);
        let mut de = manifest(&[widget("Notes", "desk.ticket.detail.subtab")]);
        de["locale"] = json!(["de"]);
        let temp = package("locale", &de);
        let dir = temp.path();
        std::fs::remove_file(dir.join("resources.json")).unwrap();
        let found = messages(dir);
        assert!(
            found.iter().any(|m| m.contains("app/translations/de.json")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|m| m.contains("must hold \"en\"")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|m| m.contains("no resources.json")),
            "{found:?}"
        );
    }

    #[test]
    fn extensions_are_compared_as_written_as_the_toolkit_does() {
        let mut upper = widget("Notes", "desk.ticket.detail.subtab");
        upper["logo"] = json!("/app/img/logo.PNG");
        let temp = package("extension", &manifest(&[upper]));
        let dir = temp.path();
        std::fs::rename(dir.join("app/img/logo.png"), dir.join("app/img/logo.PNG")).unwrap();
        let found = messages(dir);
        assert!(
            found
                .iter()
                .any(|m| m.contains("its logo `/app/img/logo.PNG` is not an image")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|m| m.contains("`app/img/logo.PNG` is not packed")),
            "{found:?}"
        );
    }

    #[test]
    fn null_connectors_and_config_are_refused_as_the_toolkit_does() {
        let mut bad = manifest(&[widget("Notes", "desk.ticket.detail.subtab")]);
        bad["connectors"] = Value::Null;
        bad["config"] = Value::Null;
        let found = messages(package("null", &bad).path());
        assert_eq!(
            found,
            [
                "plugin-manifest.json: `connectors` must be an array",
                "plugin-manifest.json: `config` must be an array"
            ]
        );
    }

    #[test]
    fn a_present_null_is_of_the_wrong_type_where_the_toolkit_says_so() {
        let mut widget = widget("Notes", "desk.ticket.detail.subtab");
        widget["logo"] = Value::Null;
        widget["icon"] = Value::Null;
        let mut bad = manifest(&[widget]);
        bad["connectors"] = json!([{ "connectionName": "crm", "serviceName": "svc",
            "connectionLinkName": "crm", "scope": null }]);
        bad["config"] = json!([
            { "name": "a", "displayName": null },
            { "name": "b", "description": null },
            { "name": "c", "userdefined": null },
        ]);
        let found = messages(package("present-null", &bad).path());
        assert_eq!(
            found,
            [
                "widget `Notes`: logo null is not a string",
                "widget `Notes`: icon null is not a string",
                "connector `crm`: `scope` must be an array",
                "config `a`: `displayName` must be a string",
                "config `b`: `description` must be a string",
                "config `c`: `userdefined` must be true or false",
            ]
        );
        // Missing, each is fine.
        let mut widget = widget_without(&["logo", "icon"]);
        widget["name"] = json!("Notes");
        let mut good = manifest(&[widget]);
        good["connectors"] = json!([{ "connectionName": "crm", "serviceName": "svc",
            "connectionLinkName": "crm" }]);
        good["config"] = json!([{ "name": "a" }]);
        assert_eq!(
            messages(package("absent", &good).path()),
            Vec::<String>::new()
        );
    }

    fn widget_without(keys: &[&str]) -> Value {
        let mut widget = widget("Notes", "desk.ticket.detail.subtab");
        for key in keys {
            widget.as_object_mut().unwrap().remove(*key);
        }
        widget
    }

    #[test]
    fn a_text_s_255_characters_are_javascript_s_utf_16_units() {
        let config = |text: String| {
            let mut m = manifest(&[widget("Notes", "desk.ticket.detail.subtab")]);
            m["config"] = json!([{ "name": "key", "displayName": text.clone(),
                "description": text }]);
            m
        };
        // 200 emoji: 200 characters, 400 UTF-16 units, as zet validate counts them.
        let found = messages(package("emoji", &config("\u{1F600}".repeat(200))).path());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("`displayName` is longer than 255 characters")
                && found[0].contains("400 here"),
            "{found:?}"
        );
        // 255 units pass: 127 emoji and one letter.
        let text = format!("{}x", "\u{1F600}".repeat(127));
        assert_eq!(js_length(&text), 255);
        assert_eq!(
            messages(package("emoji-255", &config(text)).path()),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_zip_or_a_file_is_not_a_package_directory() {
        let temp = package("zip", &manifest(&[widget("Notes", "desk.bottomband")]));
        let dir = temp.path();
        let zip = dir.join("notes.zip");
        crate::pack::zip(dir, &zip).unwrap();
        // By its content, whatever its name.
        let renamed = dir.join("notes.bin");
        std::fs::copy(&zip, &renamed).unwrap();
        for path in [&zip, &renamed] {
            let found = messages(path);
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(
                found[0].contains("is a zip: `cargo desk validate` takes a package directory"),
                "{found:?}"
            );
        }
        let found = messages(&dir.join("resources.json"));
        assert!(
            found[0].ends_with("is a file, not a package directory"),
            "{found:?}"
        );
        let found = messages(&dir.join("missing"));
        assert!(
            found[0].ends_with("does not exist: give a package directory"),
            "{found:?}"
        );
    }

    #[test]
    fn json_files_may_start_with_a_byte_order_mark_as_the_toolkit_reads_them() {
        let good = manifest(&[widget("Notes", "desk.ticket.detail.subtab")]);
        let temp = package("bom", &good);
        let dir = temp.path();
        for file in ["plugin-manifest.json", "resources.json"] {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            std::fs::write(dir.join(file), format!("\u{feff}{text}")).unwrap();
        }
        assert_eq!(messages(dir), Vec::<String>::new());
    }

    #[test]
    fn files_are_counted_as_the_toolkit_counts_them() {
        let temp = package(
            "count",
            &manifest(&[widget("Notes", "desk.ticket.detail.subtab")]),
        );
        let dir = temp.path();
        // The package's 6 files and 244 more: 250, which the toolkit counts as 251 (en.json
        // twice).
        for n in 0..244 {
            std::fs::write(dir.join(format!("app/img/{n}.png")), "").unwrap();
        }
        let found = messages(dir);
        assert!(
            found.iter().any(|m| m.starts_with("251 files")),
            "{found:?}"
        );
        std::fs::remove_file(dir.join("app/img/0.png")).unwrap();
        assert_eq!(messages(dir), Vec::<String>::new());
    }

    #[test]
    fn urls_as_the_toolkit_reads_them() {
        assert!(valid_url("https://crm.example.com"));
        assert!(valid_url("wss://socket.example.com/x"));
        assert!(!valid_url("ftp://example.com"));
        assert!(!valid_url("crm.example.com"));
        assert!(!valid_url("https://"));
        // Parsed as Node's `new URL` parses them (the WHATWG URL standard).
        assert!(!valid_url("https://crm.example.com:99999"));
        assert!(!valid_url("https://user@"));
        assert!(!valid_url("https://crm%example.com"));
        assert!(!valid_url("https://1.2.3.256"));
        assert!(valid_url("https:crm.example.com"));
        assert!(valid_url("https://crm.example.com/a b"));
    }
}
