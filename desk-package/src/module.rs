//! A page's WebAssembly module: wasm-bindgen's output (`--target web`) made into the scripts its
//! page inlines.
//!
//! A page is one file (and the SDK): with the module's wrapper, wasm-bindgen's glue and its
//! snippet as files of their own, the SDK's script arrived behind them and the widget was
//! ready 1.22-1.29x as late as the same widget in plain JavaScript; inlined, 0.82-1.03x
//! (BENCHMARKS.md section 5). So:
//!
//! - the `.wasm` file, which the platform does not pack (`zet validate` lists it as "not
//!   allowed", and still says it passed), is gzip-compressed and base64 in a classic script
//!   that starts compiling it before the SDK's script: [`Module::bytes_script`];
//! - the glue becomes the page's module script, with each snippet it imports inlined: a
//!   snippet made of `export function`s only (the runtime's is), which inlining cannot change
//!   ([`inlinable`]), is wrapped in a function whose result the import's names are read from.
//!   Any other snippet ships as a file in `app/module/<page>/`, which the glue then imports
//!   from there;
//! - wasm-bindgen's loaders, which fetch, compile or instantiate the module for its other uses,
//!   are cut from the glue ([`without_loaders`]): the page instantiates the compiled module
//!   itself and hands it to the glue;
//! - the result loses its comments and indentation where that cannot change its meaning
//!   ([`compact`]).

use crate::compact::compact;
use crate::{PackageError, io_error};
use std::fs;
use std::path::{Path, PathBuf};

/// A page's module, as its page inlines it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// The `.wasm` file's name.
    pub wasm_name: String,
    /// The WebAssembly module's size, in bytes.
    pub wasm_bytes: u64,
    /// The glue's size as wasm-bindgen wrote it, in bytes.
    pub glue_bytes: u64,
    /// The snippets that ship as files, as the page names them (`module/<page>/snippets/...`,
    /// relative to `app/`): those a page cannot inline.
    pub files: Vec<String>,
    /// wasm-bindgen's output directory, which `files` are copied from, and its glue.
    from: PathBuf,
    pub(crate) glue_path: PathBuf,
    wasm: Vec<u8>,
    /// The glue, its snippets inlined or imported from `files`, without wasm-bindgen's loaders
    /// when they could be cut ([`without_loaders`]).
    glue: String,
    /// Whether the loaders were cut: the module script then instantiates the module itself.
    loaders_cut: bool,
    /// Compressed at once rather than smallest ([`gzip_quickly`]): a page `cargo desk serve`
    /// builds again on every change, for the browser on this machine.
    pub(crate) quick: bool,
}

/// The name of the compilation's promise, which the bytes' script declares and the module
/// script awaits.
const COMPILED: &str = "__desk_module";

impl Module {
    /// Reads wasm-bindgen's output in `from` for the page `page` (its snippets that ship as
    /// files go to `app/module/<page>/`).
    ///
    /// # Errors
    ///
    /// [`PackageError::NoModule`] without a glue or a `.wasm` file,
    /// [`PackageError::Glue`] for a glue this page cannot inline, or an unreadable file.
    pub fn read(from: &Path, page: &str) -> Result<Module, PackageError> {
        let (Some(glue_path), Some(wasm_path)) = (file(from, "js")?, file(from, "wasm")?) else {
            return Err(PackageError::NoModule(from.to_owned()));
        };
        let source = fs::read_to_string(&glue_path).map_err(io_error(&glue_path))?;
        let wasm = fs::read(&wasm_path).map_err(io_error(&wasm_path))?;
        let unexpected = |what: String| PackageError::Glue(glue_path.clone(), what);
        if !source.contains("__wbg_init as default") {
            return Err(unexpected(
                "no `__wbg_init`: not wasm-bindgen's `--target web` output".to_owned(),
            ));
        }
        if let Some(tag) = html_in(&source) {
            return Err(unexpected(format!(
                "`{tag}` cannot be inside an HTML page's script"
            )));
        }
        // wasm-bindgen writes its imports first; what follows is left as it is (it may hold
        // text that reads like an import, in a string).
        let body_at = source
            .lines()
            .take_while(|line| line.starts_with("import ") || line.trim().is_empty())
            .map(|line| line.len() + 1)
            .sum::<usize>()
            .min(source.len());
        let (imports, body) = source.split_at(body_at);
        let mut taken = top_level_names(body);
        let mut parsed = Vec::new();
        for line in imports.lines().filter(|line| !line.trim().is_empty()) {
            let import = line.strip_prefix("import ").and_then(parse_import);
            let Some((what, specifier)) = import else {
                return Err(unexpected(format!(
                    "an import this page cannot load: `{line}`"
                )));
            };
            taken.extend(bound_names(what));
            parsed.push((line, what, specifier));
        }
        let mut snippets = Snippets {
            dir: from.join("snippets"),
            page,
            taken,
            inlined: Vec::new(),
            files: Vec::new(),
        };
        let mut glue = String::with_capacity(source.len());
        for (line, what, specifier) in parsed {
            glue += &snippets
                .import(what, specifier)?
                .ok_or_else(|| unexpected(format!("an import this page cannot load: `{line}`")))?;
        }
        let cut = without_loaders(body);
        let loaders_cut = cut.is_some();
        glue += cut.as_deref().unwrap_or(body);
        let glue = compact(&glue).unwrap_or(glue);
        let files = snippets.files;
        Ok(Module {
            wasm_name: name(&wasm_path),
            wasm_bytes: wasm.len() as u64,
            glue_bytes: source.len() as u64,
            files,
            from: from.to_owned(),
            glue_path,
            wasm,
            glue,
            loaders_cut,
            quick: false,
        })
    }

    /// Whether the glue exports a function called `entry`.
    pub fn exports(&self, entry: &str) -> bool {
        self.glue.contains(&format!("export function {entry}("))
    }

    /// The classic script that decodes the module and starts compiling it, off the main thread,
    /// as soon as the parser reaches it: before the SDK's script, so that compiling overlaps
    /// the SDK's load. The module ships gzip-compressed (decision 0011): its page is then
    /// two thirds of what base64 of the module itself weighs gzipped, and the browser
    /// decompresses it into its streaming compiler (`DecompressionStream`,
    /// `WebAssembly.compileStreaming`). `Uint8Array.fromBase64` where the browser has it, else
    /// `atob` and a loop: not `Uint8Array.from` with a callback per byte (19-62 ms).
    ///
    /// The module is `self.wasm_name`, which Desk extensions cannot ship as a file. Any failure
    /// (no WebAssembly in this browser) rejects the promise the module script awaits, which then
    /// reports it. The script is written without comments or indentation, as the module script
    /// is compacted.
    pub fn bytes_script(&self) -> String {
        format!(
            "<script>\n\
             const {COMPILED} = (() => {{\n\
             try {{\n\
             const base64 = \"{base64}\";\n\
             let bytes;\n\
             if (typeof Uint8Array.fromBase64 === \"function\") {{\n\
             bytes = Uint8Array.fromBase64(base64);\n\
             }} else {{\n\
             const text = atob(base64);\n\
             bytes = new Uint8Array(text.length);\n\
             for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n\
             }}\n\
             const wasm = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(\"gzip\"));\n\
             return WebAssembly.compileStreaming(\n\
             new Response(wasm, {{ headers: {{ \"Content-Type\": \"application/wasm\" }} }}),\n\
             );\n\
             }} catch (error) {{\n\
             return Promise.reject(error);\n\
             }}\n\
             }})();\n\
             </script>\n",
            base64 = base64(&if self.quick {
                gzip_quickly(&self.wasm)
            } else {
                gzip(&self.wasm)
            }),
        )
    }

    /// The module script that instantiates the module compiled by [`Module::bytes_script`]
    /// and calls `entry`, if any: wasm-bindgen's glue, then the module instantiated with the
    /// glue's imports and handed to it (`__wbg_finalize_init`), or, where the glue's loaders
    /// could not be cut, its `init`.
    pub fn module_script(&self, entry: Option<&str>) -> String {
        let call = entry.map_or_else(String::new, |entry| format!("{entry}();\n"));
        let init = if self.loaders_cut {
            format!(
                "const __desk_compiled = await {COMPILED};\n\
                 __wbg_finalize_init(await WebAssembly.instantiate(__desk_compiled, \
                 __wbg_get_imports()), __desk_compiled);\n"
            )
        } else {
            format!("await __wbg_init({{ module_or_path: {COMPILED} }});\n")
        };
        format!(
            "<script type=\"module\">\n{glue}{init}{call}</script>\n",
            glue = self.glue,
        )
    }

    /// Copies the snippets that ship as files into the package's `app` directory.
    pub(crate) fn copy_files(&self, app: &Path) -> Result<(), PackageError> {
        for shipped in &self.files {
            let relative = shipped
                .split_once("/snippets/")
                .map_or("", |(_, rest)| rest);
            let from = self.from.join("snippets").join(relative);
            let to = app.join(shipped);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(io_error(parent))?;
            }
            fs::copy(&from, &to).map_err(io_error(&to))?;
        }
        Ok(())
    }
}

/// The snippets a glue imports, as its page loads them.
struct Snippets<'a> {
    /// wasm-bindgen's `snippets/` directory.
    dir: PathBuf,
    page: &'a str,
    /// The names the page's module script binds: the glue's top-level ones, the imports'.
    taken: Vec<&'a str>,
    /// The specifiers of the snippets inlined so far: the `n`th is `__desk_snippet<n>`.
    inlined: Vec<String>,
    /// The snippets that ship as files, as the page names them.
    files: Vec<String>,
}

impl Snippets<'_> {
    /// What replaces the glue's `import {what} from "{specifier}"`: the snippet inlined (the
    /// first time) and the imported names read from it, or the import from the file shipped
    /// in the page's directory. `None` if it imports anything but a snippet.
    fn import(&mut self, what: &str, specifier: &str) -> Result<Option<String>, PackageError> {
        let Some(relative) = specifier.strip_prefix("./snippets/") else {
            return Ok(None);
        };
        let path = self.dir.join(relative);
        let snippet = fs::read_to_string(&path).map_err(io_error(&path))?;
        let Some(names) = inlinable(&snippet, &self.taken) else {
            let shipped = format!("module/{}/snippets/{relative}", self.page);
            let line = format!("import {what} from \"./{shipped}\";\n");
            if !self.files.contains(&shipped) {
                self.files.push(shipped);
            }
            return Ok(Some(line));
        };
        let mut lines = String::new();
        let index = self.inlined.iter().position(|done| done == specifier);
        let index = index.unwrap_or_else(|| {
            lines += &inline(specifier, &snippet, &names, self.inlined.len());
            self.inlined.push(specifier.to_owned());
            self.inlined.len() - 1
        });
        lines += &binding(what, index);
        Ok(Some(lines))
    }
}

/// The functions of wasm-bindgen's glue (`--target web`) that fetch, compile or instantiate
/// its module, each as its first line starts: a page runs none of them, as it compiles the
/// module in its bytes' script and instantiates it in its module script. 2.6 KB of every page
/// (about 700 bytes gzipped).
const LOADERS: [&str; 4] = [
    "async function __wbg_load(",
    "function initSync(",
    "async function __wbg_init(",
    "async function __wbg_init_once(",
];

/// The glue's lines that only its loaders need.
const LOADER_LINES: [&str; 2] = [
    "let __wbg_init_promise;",
    "export { initSync, __wbg_init as default };",
];

/// The glue's `body` without its [`LOADERS`], each cut from its first line to the first line
/// that is `}` alone (wasm-bindgen writes its functions so), and without the [`LOADER_LINES`]:
/// `None`, and the glue kept whole, unless each is there exactly once, what is left has the
/// functions the page calls instead (`__wbg_get_imports`, `__wbg_finalize_init`), and no word
/// of it names what was cut.
fn without_loaders(body: &str) -> Option<String> {
    let mut kept = String::with_capacity(body.len());
    let mut cut = [0; LOADERS.len() + LOADER_LINES.len()];
    let mut in_loader = false;
    for line in body.lines() {
        if in_loader {
            in_loader = line != "}";
            continue;
        }
        if let Some(index) = LOADERS.iter().position(|loader| line.starts_with(loader)) {
            cut[index] += 1;
            in_loader = line != "}" && !line.ends_with('}');
            continue;
        }
        if let Some(index) = LOADER_LINES.iter().position(|loader| line == *loader) {
            cut[LOADERS.len() + index] += 1;
            continue;
        }
        kept += line;
        kept += "\n";
    }
    let cut_names = ["__wbg_load", "initSync", "__wbg_init", "__wbg_init_once"];
    let calls = [
        "function __wbg_get_imports(",
        "function __wbg_finalize_init(",
    ];
    let whole = cut.iter().all(|&count| count == 1)
        && !in_loader
        && calls.iter().all(|call| kept.matches(call).count() == 1)
        && !identifiers(&kept).any(|word| cut_names.contains(&word));
    whole.then_some(kept)
}

/// The first file in `dir` with this extension, by name.
fn file(dir: &Path, extension: &str) -> Result<Option<PathBuf>, PackageError> {
    let entries = fs::read_dir(dir).map_err(io_error(dir))?;
    Ok(entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == extension))
        .min())
}

fn name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
}

/// What ends or changes an inline script in HTML, if the text has it (any case).
fn html_in(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    ["</script", "<script", "<!--"]
        .into_iter()
        .find(|tag| lower.contains(tag))
}

/// The imported names (`{ a, b as c }` or `* as x`) and the specifier of the rest of an
/// `import` line as wasm-bindgen writes them.
fn parse_import(import: &str) -> Option<(&str, &str)> {
    let (what, from) = import.split_once(" from ")?;
    let what = what.trim();
    let specifier = from.trim().trim_end_matches(';');
    let quote = specifier
        .chars()
        .next()
        .filter(|c| matches!(c, '\'' | '"'))?;
    let specifier = specifier.strip_prefix(quote)?.strip_suffix(quote)?;
    let names = what.starts_with('{') && what.ends_with('}');
    let namespace = what
        .strip_prefix("* as ")
        .is_some_and(|name| !name.trim().is_empty());
    (names || namespace).then_some((what, specifier))
}

/// The names of a snippet that can be inlined, read line by line: only `export function
/// name(`s at the start of a line, no other `export` or `import`, no `await` (which would need
/// the wrapping function to be async), nothing that would end the page's script, nothing that
/// reading line by line cannot see through (a template literal, a block comment, a string
/// continued on the next line, a hashbang), and no name that the page's module script binds
/// (`taken`), which the snippet's own names would then resolve to. `None` for any other
/// snippet, which then ships as a file: a snippet is inlined only when that cannot change what
/// it does.
fn inlinable<'s>(snippet: &'s str, taken: &[&str]) -> Option<Vec<&'s str>> {
    let opaque = snippet.contains('`')
        || snippet.contains("/*")
        || snippet.starts_with("#!")
        || snippet.lines().any(|line| line.ends_with('\\'));
    if opaque || html_in(snippet).is_some() {
        return None;
    }
    let mut names = Vec::new();
    let mut rest = String::with_capacity(snippet.len());
    for line in snippet.lines() {
        match line.strip_prefix("export function ") {
            Some(function) => {
                let name = function.split('(').next()?.trim();
                if !is_identifier(name) {
                    return None;
                }
                names.push(name);
                rest += function;
            }
            None => rest += line,
        }
        rest += "\n";
    }
    let keywords = ["export", "import", "await"];
    let shadowed = identifiers(&rest)
        .any(|word| word.starts_with("__desk_") || !names.contains(&word) && taken.contains(&word));
    (!shadowed && !keywords.iter().any(|word| rest.contains(word))).then_some(names)
}

/// The names declared at the top level of a glue's `body` (a line that starts with `let`,
/// `const`, `var`, `function` or `class`, `export` or `async` before them): every identifier
/// before the declaration's `=` or `(` but the keywords, which at worst makes the check of
/// [`inlinable`] stricter.
fn top_level_names(body: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for line in body.lines() {
        let declaration = line.strip_prefix("export ").unwrap_or(line);
        let declaration = declaration.strip_prefix("async ").unwrap_or(declaration);
        let declares = [
            "let ",
            "const ",
            "var ",
            "function ",
            "function* ",
            "class ",
        ]
        .iter()
        .any(|keyword| declaration.starts_with(keyword));
        if declares {
            let head = declaration.split(['=', '(']).next().unwrap_or("");
            let keywords = ["let", "const", "var", "function", "class"];
            names.extend(identifiers(head).filter(|word| !keywords.contains(word)));
        }
    }
    names
}

/// The local names an import binds: `{ a, b as c }` binds `a` and `c`, `* as x` binds `x`.
fn bound_names(what: &str) -> Vec<&str> {
    let names = what.trim_start_matches('{').trim_end_matches('}');
    names
        .split(',')
        .filter_map(|name| name.rsplit(" as ").next())
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect()
}

/// The words of a text that could be identifiers.
fn identifiers(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .filter(|word| word.chars().next().is_some_and(|c| !c.is_ascii_digit()))
}

fn is_identifier(name: &str) -> bool {
    identifiers(name).next() == Some(name)
}

/// The snippet `specifier`, inlined as the object of its `names`: its functions in a scope of
/// their own, as they were in their module.
fn inline(specifier: &str, snippet: &str, names: &[&str], index: usize) -> String {
    let mut source = format!("// {specifier}, inlined\nconst __desk_snippet{index} = (() => {{\n");
    for line in snippet.lines() {
        source += line.strip_prefix("export ").unwrap_or(line);
        source += "\n";
    }
    source += "return { __proto__: null, ";
    source += &names.join(", ");
    source += " };\n})();\n";
    source
}

/// The import `what` (`{ a, b as c }` or `* as x`) read from the inlined snippet `index`.
fn binding(what: &str, index: usize) -> String {
    match what.strip_prefix("* as ") {
        Some(namespace) => format!("const {} = __desk_snippet{index};\n", namespace.trim()),
        None => format!(
            "const {} = __desk_snippet{index};\n",
            what.replace(" as ", ": ")
        ),
    }
}

/// Standard base64 with padding: how the module ships (benchmarks write it the same way).
pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `bytes` as a gzip stream compressed by Zopfli, with no file name and no time in its header:
/// the same module makes the same page. Zopfli searches for the shortest deflate stream that
/// any inflater reads (`DecompressionStream` included): 5% smaller than `gzip -9`, for 0.3-1 s
/// a page (decision 0011).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gzip = Vec::new();
    // Reading a slice and writing into a `Vec` do not fail.
    let _ = zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut gzip,
    );
    gzip
}

/// `bytes` as a gzip stream at `flate2`'s fastest level: a page for this machine's browser,
/// written in milliseconds where Zopfli takes a second.
fn gzip_quickly(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing into a `Vec` does not fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(base64(input.as_bytes()), encoded);
        }
        assert_eq!(base64(&[0xFF, 0xFE, 0x00]), "//4A");
    }

    /// wasm-bindgen's loaders are cut from its glue as it writes them, and only then.
    #[test]
    fn the_glue_s_loaders_are_cut_whole_or_not_at_all() {
        let glue = include_str!("../tests/fixtures/glue-end.js");
        let cut = without_loaders(glue).expect("the loaders of wasm-bindgen 0.2.130's glue");
        for gone in LOADERS.iter().chain(&LOADER_LINES) {
            assert!(glue.contains(gone) && !cut.contains(gone), "{gone}");
        }
        assert!(cut.len() < glue.len() / 2, "{cut}");
        // What the page calls instead, whole.
        let finalize = "function __wbg_finalize_init(instance, module) {\n";
        assert!(cut.contains(finalize) && cut.contains("wasm.__wbindgen_start();\n"));
        assert!(cut.trim_end().ends_with("    return wasm;\n}"), "{cut}");
        // Any other shape is left whole.
        for changed in [
            glue.replace("let __wbg_init_promise;\n", ""),
            glue.replace("function initSync(", "function initSyncNow("),
            glue.replace("async function __wbg_load(", "function __wbg_load("),
            glue.replacen("\n}\n", "\n", 3),
            format!("{glue}async function __wbg_init(x) {{}}\n"),
            format!("{glue}// __wbg_init_once\n"),
            glue.replace("function __wbg_finalize_init(", "function finalize("),
            format!("{glue}function __wbg_get_imports() {{}}\n"),
        ] {
            assert_eq!(without_loaders(&changed), None, "{changed}");
        }
    }

    #[test]
    fn imports_are_read_as_wasm_bindgen_writes_them() {
        assert_eq!(
            parse_import("{ a, b as c } from './snippets/x/inline0.js';"),
            Some(("{ a, b as c }", "./snippets/x/inline0.js"))
        );
        assert_eq!(
            parse_import("* as import1 from \"./snippets/x/inline0.js\""),
            Some(("* as import1", "./snippets/x/inline0.js"))
        );
        for other in [
            "x from './y.js';",
            "'./y.js';",
            "{ a } from ./y.js",
            "{ a } from 'y.js\"",
        ] {
            assert_eq!(parse_import(other), None, "{other}");
        }
    }

    #[test]
    fn only_snippets_of_exported_functions_are_inlined() {
        let functions = "export function show(id, html) { x(id).innerHTML = html; }\n\
                         function x(id) { return document.getElementById(id); } // `x`\n\
                         export function after(ms, f) { setTimeout(f, ms); }\n";
        assert_eq!(inlinable(functions, &["wasm"]), None, "a template literal");
        let functions = functions.replace('`', "'");
        assert_eq!(
            inlinable(&functions, &["wasm", "show"]),
            Some(vec!["show", "after"])
        );
        for other in [
            "export const a = 1;\n",
            "export { a };\nfunction a() {}\n",
            "import { b } from './b.js';\nexport function a() { return b; }\n",
            "export async function a() { await 1; }\n",
            "export function a() { return import.meta.url; }\n",
            "export function a() { return '</script>'; }\n",
            "export default function a() {}\n",
            // What reading line by line cannot see through.
            "export function a() { return `\nexport function b() {}\n`; }\n",
            "/*\nexport function old() {}\n*/\nexport function a() {}\n",
            "export function a() { return 'a\\\nexport function b() {}'; }\n",
            "#!/usr/bin/env node\nexport function a() {}\n",
            // A name the page's module script binds, which the snippet's own would resolve to.
            "export function a() { return wasm; }\n",
            "export function a() { return __desk_module; }\n",
        ] {
            assert_eq!(inlinable(other, &["wasm"]), None, "{other}");
        }
    }

    #[test]
    fn the_names_a_glue_binds_are_read_from_its_declarations_and_imports() {
        let body = "let wasm;\nexport function mount_calls() {\n    let inner = 1;\n}\n\
                    const { a, b } = x;\nasync function __wbg_init(module) {}\n\
                    class Handle {}\nexport { initSync, __wbg_init as default };\n";
        assert_eq!(
            top_level_names(body),
            ["wasm", "mount_calls", "a", "b", "__wbg_init", "Handle"]
        );
        assert_eq!(bound_names("{ a, b as c }"), ["a", "c"]);
        assert_eq!(bound_names("* as import1"), ["import1"]);
    }

    #[test]
    fn an_inlined_snippet_binds_the_names_the_glue_imports() {
        let snippet = "export function a() { return 1; }\nexport function b() { return 2; }\n";
        let names = inlinable(snippet, &[]).unwrap();
        assert_eq!(
            inline("./snippets/x/inline0.js", snippet, &names, 0),
            "// ./snippets/x/inline0.js, inlined\nconst __desk_snippet0 = (() => {\n\
             function a() { return 1; }\nfunction b() { return 2; }\n\
             return { __proto__: null, a, b };\n})();\n"
        );
        assert_eq!(
            binding("{ a, b as c }", 0),
            "const { a, b: c } = __desk_snippet0;\n"
        );
        assert_eq!(
            binding("* as import1", 2),
            "const import1 = __desk_snippet2;\n"
        );
    }
}
