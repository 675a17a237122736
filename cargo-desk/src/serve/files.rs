//! The package's files, by URL: percent-decoded a segment at a time, and never a file outside
//! the package, whether a `..` (plain or `%2e%2e`), an encoded separator (`%2f`, `%5c`) or a
//! symbolic link leads there.

use percent_encoding::percent_decode_str;
use std::path::{Path, PathBuf};

/// The file of the package a URL path names (`/app/module/w.js`, its query already removed):
/// its canonical path, inside the package's. `None` when a segment is empty, `.` or `..` once
/// decoded, holds a separator or NUL or is not UTF-8; when the file does not exist; or when
/// it (or a folder it passes through) is a link to somewhere outside the package.
pub fn resolve(package: &Path, url: &str) -> Option<PathBuf> {
    let mut path = package.to_path_buf();
    for segment in url.strip_prefix('/')?.split('/') {
        path.push(segment_name(segment)?);
    }
    // The file as the system resolves it, every link followed: it must still be the
    // package's, and it is what is read, so a link's target is checked, not its name.
    let file = path.canonicalize().ok()?;
    let root = package.canonicalize().ok()?;
    (file.starts_with(&root) && file.is_file()).then_some(file)
}

/// A URL segment as a file name, when it is one.
fn segment_name(segment: &str) -> Option<String> {
    let name = percent_decode_str(segment).decode_utf8().ok()?;
    let refused =
        name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\', '\0']);
    (!refused).then(|| name.into_owned())
}

/// The content type of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}
