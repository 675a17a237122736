//! The layers of desk-runtime (ARCHITECTURE.md): a module uses only modules of the layers
//! below its own, and of its own layer those listed before it. Checked on the sources, so that
//! an import that climbs a layer, or closes a circle, fails `cargo test` and names the line.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// From the bottom up; within a layer, each module may use those listed before it.
const LAYERS: &[(&str, &[&str])] = &[
    ("utilities", &["bounded", "json", "html", "whatwg"]),
    (
        "errors and wire types",
        &[
            "errors", "events", "samples", "app", "i18n", "message", "hook", "modal", "location",
            "link",
        ],
    ),
    (
        "the widget trait and dispatch",
        &["widget", "page", "extension", "config"],
    ),
    ("the Desk handle", &["desk", "error"]),
    ("the host core", &["host"]),
    ("the transports", &["sim", "browser"]),
];

/// Where a name `lib.rs` re-exports comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Root {
    /// A module of `LAYERS`.
    Layered(String),
    /// Another crate (`catalog`, the macros).
    Foreign,
}

/// Where a module stands: its layer, and its place in the whole order.
fn rank(module: &str) -> Option<(usize, usize)> {
    let place = LAYERS
        .iter()
        .flat_map(|(_, modules)| modules.iter())
        .position(|m| *m == module)?;
    let layer = LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))?;
    Some((layer, place))
}

fn sources(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The names `lib.rs` re-exports at the crate's root, by what they come from; statements may
/// span lines.
fn root_names(lib: &str) -> BTreeMap<String, Root> {
    let mut names = BTreeMap::new();
    for statement in code_of(lib).split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let path: String = path.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some((_, alias)) = path.split_once(" as ") {
            names.insert(alias.to_owned(), Root::Foreign);
            continue;
        }
        let Some((module, items)) = path.split_once("::") else {
            continue;
        };
        let from = if rank(module).is_some() {
            Root::Layered(module.to_owned())
        } else {
            Root::Foreign
        };
        let items = items.trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',').filter(|item| !item.trim().is_empty()) {
            let name = item.trim().rsplit("::").next().unwrap_or_default();
            // A name re-exported from a crate and from a module (the derive `Message` and the
            // trait) is the module's.
            if from == Root::Foreign && names.contains_key(name) {
                continue;
            }
            names.insert(name.to_owned(), from.clone());
        }
    }
    names
}

/// `text` without its comments (lines kept, so that numbers stay right): a doc link is not an
/// import.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.trim_start().starts_with("//") {
                "\n".to_owned()
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

/// The first segment of every path from the crate's root in `code`, with the byte where the
/// path starts: `crate::a::b`, `crate::{a, b::c}` (giving `a` and `b`), and `super::`s that
/// climb `depth` modules, out of the file's top-level module (`depth` is how deep the file's
/// module is: 1 for `widget.rs` or `desk/mod.rs`, 2 for `desk/request.rs`).
fn crate_paths(code: &str, depth: usize) -> Vec<(usize, String)> {
    let mut used = Vec::new();
    let mut at = 0;
    while at < code.len() {
        let rest = &code[at..];
        let path_start = at;
        // Not the end of a longer name (`my_crate::`), nor a `super::` after another.
        let starts = !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':');
        let after = if !starts {
            None
        } else if let Some(after) = rest.strip_prefix("crate::") {
            Some(after)
        } else if rest.starts_with("super::") {
            let mut after = rest;
            let mut climbed = 0;
            while let Some(next) = after.strip_prefix("super::") {
                after = next;
                climbed += 1;
            }
            (climbed >= depth).then_some(after)
        } else {
            None
        };
        let Some(after) = after else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        at = code.len() - after.len();
        used.extend(heads(after).into_iter().map(|head| (path_start, head)));
    }
    used.retain(|(_, name)| !name.is_empty());
    used
}

/// The first segments of the path (or group of paths) `rest` starts with.
fn heads(rest: &str) -> Vec<String> {
    let Some(group) = rest.strip_prefix('{') else {
        return vec![head(rest)];
    };
    // Split at the group's own commas; each item's first segment is a module.
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut item = String::new();
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                heads.push(head(&item));
                item.clear();
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    heads.push(head(&item));
    heads
}

/// The identifier `path` starts with.
fn head(path: &str) -> String {
    path.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn no_module_uses_a_layer_above_it_and_no_import_closes_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let root = root_names(&fs::read_to_string(src.join("lib.rs")).unwrap());
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut climbing = Vec::new();
    for file in files {
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let segments: Vec<&str> = relative.trim_end_matches(".rs").split('/').collect();
        let module = segments[0];
        // The crate's root, and the macros' support module, which nothing in the crate uses;
        // a module's tests (`#[cfg(test)] mod tests;`) may use anything.
        if module == "lib" || module == "private" || segments.last() == Some(&"tests") {
            continue;
        }
        let (layer, place) = rank(module).unwrap_or_else(|| {
            panic!("`{module}` is in no layer: add it to LAYERS and ARCHITECTURE.md")
        });
        let depth = segments.len() - usize::from(segments.last() == Some(&"mod"));
        let text = fs::read_to_string(&file).unwrap();
        // A module's own tests may use anything.
        let text = text.split("#[cfg(test)]\nmod tests").next().unwrap();
        let code = code_of(text);
        for (at, used) in crate_paths(&code, depth) {
            let line = code[..at].matches('\n').count() + 1;
            let used = match root.get(&used) {
                Some(Root::Layered(module)) => module.clone(),
                Some(Root::Foreign) => continue,
                None if rank(&used).is_some() => used,
                // The root's own items (`prelude`, `__private`): above every layer, since they
                // gather from all of them.
                None => {
                    climbing.push(format!(
                        "src/{relative}:{line}: `{module}` uses `{used}`, of the crate's root"
                    ));
                    continue;
                }
            };
            if used == module {
                continue;
            }
            let (their_layer, their_place) = rank(&used).unwrap();
            if their_layer > layer || their_place > place {
                climbing.push(format!(
                    "src/{relative}:{line}: `{module}` ({}) uses `{used}` ({})",
                    LAYERS[layer].0, LAYERS[their_layer].0
                ));
            }
        }
    }
    assert!(
        climbing.is_empty(),
        "imports that climb:\n{}",
        climbing.join("\n")
    );
}

#[test]
fn every_layered_module_exists() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (layer, modules) in LAYERS {
        for module in *modules {
            assert!(
                src.join(format!("{module}.rs")).is_file() || src.join(module).is_dir(),
                "`{module}` ({layer}) is in LAYERS but not in src/"
            );
        }
    }
}

#[test]
fn paths_are_read_with_their_groups_and_supers() {
    let names = |code, depth| -> Vec<String> {
        crate_paths(code, depth)
            .into_iter()
            .map(|(_, n)| n)
            .collect()
    };
    assert_eq!(
        names(
            "use crate::{\n    bounded,\n    desk::{Desk, Link},\n    host::Effect,\n};",
            1
        ),
        ["bounded", "desk", "host"]
    );
    assert_eq!(names("crate::json::from_str(x)", 1), ["json"]);
    // From `desk/request.rs`: `super::` is `desk`, `super::super::` the crate's root.
    assert_eq!(names("use super::HostError;", 2), Vec::<String>::new());
    assert_eq!(
        names("use super::super::{host, widget::W};", 2),
        ["host", "widget"]
    );
    assert_eq!(names("$crate::browser::mount()", 1), ["browser"]);
    assert_eq!(
        names("my_crate::json::x(); self::super::y()", 1),
        Vec::<String>::new()
    );
}

#[test]
fn root_names_are_read_across_lines() {
    let lib = "pub use a::{B,\n    C};\npub use desk_macros::{Message, on};\n\
               pub use message::Message;\npub use desk_catalog as catalog;\n// pub use x::Y;\n";
    let root = root_names(lib);
    assert_eq!(root.get("on"), Some(&Root::Foreign));
    assert_eq!(root.get("catalog"), Some(&Root::Foreign));
    assert_eq!(root.get("Message"), Some(&Root::Layered("message".into())));
    assert_eq!(root.get("Y"), None);
}
