//! A page's WebAssembly module in the package: wasm-bindgen's output (`--target web`), copied
//! into `app/module/<page>/`, with the `.wasm` file shipped as JavaScript.
//!
//! The platform packs only some file types (`.js`, `.html`, `.json`, images, ...), not `.wasm`:
//! `zet validate` lists a `.wasm` file as "not allowed" (and still says it passed). So the
//! module ships inside a JavaScript module, base64-encoded, whose default export is the
//! module's compilation: it decodes with `Uint8Array.fromBase64` where the browser has it (0.2
//! ms for the telephony module, against 19-62 ms for `Uint8Array.from` with a callback per
//! byte), else `atob` and a loop (6 ms), and starts `WebAssembly.compile` at once, off the main
//! thread, which wasm-bindgen's `init` then awaits (BENCHMARKS.md section 5).

use crate::{PackageError, io_error};
use std::fs;
use std::path::{Path, PathBuf};

/// A page's module as written into the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// Its directory in `app/module/`: the page's name.
    pub dir: String,
    /// wasm-bindgen's glue, which the page imports its entry from (`app/module/<page>/...`).
    pub glue: String,
    /// The `.wasm` file as a JavaScript module (`<name>_bg.wasm.js`).
    pub wrapper: String,
    /// The WebAssembly module's size, in bytes.
    pub wasm_bytes: u64,
    /// The size of what ships instead: the JavaScript wrapper, in bytes.
    pub wrapper_bytes: u64,
    /// The glue's size, in bytes.
    pub glue_bytes: u64,
    /// The glue's snippets (`snippets/.../inline0.js`), relative to the module's directory: the
    /// page preloads them, as the browser finds them only once the glue is parsed.
    pub snippets: Vec<String>,
    glue_source: String,
}

impl Module {
    /// Whether the glue exports a function called `entry`.
    pub fn exports(&self, entry: &str) -> bool {
        self.glue_source
            .contains(&format!("export function {entry}("))
    }
}

/// Copies wasm-bindgen's output from `from` into `modules/<dir>`, the `.wasm` file as a
/// JavaScript module.
pub(crate) fn copy(from: &Path, modules: &Path, dir: &str) -> Result<Module, PackageError> {
    let to = &modules.join(dir);
    let files = |extension: &str| -> Result<Vec<PathBuf>, PackageError> {
        let entries = fs::read_dir(from).map_err(io_error(from))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == extension))
            .collect();
        files.sort();
        Ok(files)
    };
    let (Some(glue), Some(wasm)) = (
        files("js")?.into_iter().next(),
        files("wasm")?.into_iter().next(),
    ) else {
        return Err(PackageError::NoModule(from.to_owned()));
    };
    copy_dir(from, to)?;
    let name = |path: &Path| path.file_name().map(|n| n.to_string_lossy().into_owned());
    let (glue_name, wasm_name) = (
        name(&glue).unwrap_or_default(),
        name(&wasm).unwrap_or_default(),
    );
    let bytes = fs::read(&wasm).map_err(io_error(&wasm))?;
    let copied = to.join(&wasm_name);
    fs::remove_file(&copied).map_err(io_error(&copied))?;
    let wrapper = format!("{wasm_name}.js");
    let source = wrapper_source(&wasm_name, &bytes);
    crate::write(&to.join(&wrapper), source.as_bytes())?;
    let glue_source = fs::read_to_string(&glue).map_err(io_error(&glue))?;
    let mut snippets = Vec::new();
    scripts(&from.join("snippets"), "snippets", &mut snippets)?;
    snippets.sort();
    Ok(Module {
        dir: dir.to_owned(),
        glue: glue_name,
        wrapper,
        wasm_bytes: bytes.len() as u64,
        wrapper_bytes: source.len() as u64,
        glue_bytes: glue_source.len() as u64,
        snippets,
        glue_source,
    })
}

/// The module `wasm_name` (its `bytes`) as a JavaScript module whose default export is the
/// promise of its compilation.
pub fn wrapper_source(wasm_name: &str, bytes: &[u8]) -> String {
    format!(
        "// {wasm_name}, base64-encoded: Desk extensions cannot ship .wasm files.\n\
         const base64 = \"{}\";\n\
         // Uint8Array.fromBase64 where the browser has it, else atob and a loop: not\n\
         // Uint8Array.from with a callback per byte (BENCHMARKS.md section 5).\n\
         let bytes;\n\
         if (typeof Uint8Array.fromBase64 === \"function\") {{\n\
         \x20 bytes = Uint8Array.fromBase64(base64);\n\
         }} else {{\n\
         \x20 const text = atob(base64);\n\
         \x20 bytes = new Uint8Array(text.length);\n\
         \x20 for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n\
         }}\n\
         // Compiled off the main thread as soon as this module runs; wasm-bindgen's init awaits it.\n\
         export default WebAssembly.compile(bytes);\n",
        base64(bytes)
    )
}

/// The `.js` files under `dir`, as `prefix/...` paths.
fn scripts(dir: &Path, prefix: &str, found: &mut Vec<String>) -> Result<(), PackageError> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry.map_err(io_error(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{prefix}/{name}");
        if entry.path().is_dir() {
            scripts(&entry.path(), &path, found)?;
        } else if entry.path().extension().is_some_and(|ext| ext == "js") {
            found.push(path);
        }
    }
    Ok(())
}

/// Standard base64 with padding: how the module ships (benchmarks write it the same way).
pub fn base64(bytes: &[u8]) -> String {
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
    fs::create_dir_all(to).map_err(io_error(to))?;
    for entry in fs::read_dir(from).map_err(io_error(from))? {
        let entry = entry.map_err(io_error(from))?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(io_error(&target))?;
        }
    }
    Ok(())
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
