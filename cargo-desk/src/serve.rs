//! `cargo desk serve`: what `zet run` gives authors, in its layout. HTTPS on
//! `127.0.0.1:5000` with a self-signed certificate (generated once, kept in
//! `target/desk/serve/`), `GET /plugin-manifest.json` (its `name` set to the crate folder's
//! name), `/resources.json` (or `{}`), `/app/...`; every answer with
//! `Access-Control-Allow-Origin: *` and the CSP `zet run` sends. Pages get the local
//! configuration's values of `desk-config.local.json`, if the crate has one
//! ([`crate::local_config`]). The crate is rebuilt when a
//! source changes; while a build fails, its error is shown in the terminal and served in place
//! of the widget's pages and module, never a stale widget.
//!
//! Hostile input gets a status, not the server's memory or threads: a request's head is read
//! within [`request::Limits`] (414, 431, 408), connections are bounded
//! ([`connection::MAX_CONNECTIONS`]), and a URL never names a file outside the package, through
//! `..`, its percent-encodings or a symbolic link (404). The private key is its owner's alone.

mod certificate;
pub mod connection;
mod files;
pub mod request;

pub use certificate::{certificate, tls_config};

use crate::build::Optimizer;
use crate::project::Project;
use crate::{Error, output};
use serde_json::Value;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

/// What the server serves: the last build's outcome.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// The package directory, once a build succeeded.
    pub package: Option<PathBuf>,
    /// The last build's error, while it stands.
    pub error: Option<String>,
    /// The manifest's `name`: the crate folder's name, as `zet run` does it.
    pub name: String,
    /// The script with the local configuration's values, added to each page
    /// ([`crate::local_config`]).
    pub local_config: Option<String>,
}

/// Serves the crate on `address`, rebuilding it on every change; runs until interrupted.
///
/// # Errors
///
/// The address is taken, or the certificate cannot be made.
pub fn serve(project: &Project, address: &str, optimizer: &Optimizer) -> Result<(), Error> {
    let serve_dir = project.target_dir.join("desk").join("serve");
    let (cert, key) = certificate(&serve_dir)?;
    let config = tls_config(&cert, &key)?;
    let listener = TcpListener::bind(address).map_err(|e| {
        Error::new(format!(
            "cannot listen on {address}: {e} (is `zet run` or another cargo desk serve running? \
             `--port` takes another port)"
        ))
    })?;
    let name = project
        .dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let state = Arc::new(RwLock::new(State {
        name,
        ..State::default()
    }));
    rebuild(project, optimizer, &state);
    {
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            connection::accept(&listener, &config, &state, request::Limits::DEFAULT);
        });
    }
    output::status(
        "Serving",
        format!("https://{address}/ (press Ctrl-C to stop)"),
    );
    output::note(format!(
        "the certificate is self-signed: open https://{address}/plugin-manifest.json once and \
         accept it (Advanced > Proceed), or trust {} in your browser; then in Desk, Setup > \
         Developer Space > Build Extensions > Enable Developer Mode loads the extension from \
         https://{address}",
        cert.display()
    ));
    let mut seen = fingerprint(project);
    loop {
        std::thread::sleep(Duration::from_millis(400));
        let now = fingerprint(project);
        if now != seen {
            // Let an editor finish writing.
            std::thread::sleep(Duration::from_millis(150));
            seen = fingerprint(project);
            output::status("Changed", "sources changed, rebuilding");
            rebuild(project, optimizer, &state);
        }
    }
}

fn rebuild(project: &Project, optimizer: &Optimizer, state: &RwLock<State>) {
    // One module for every page: a build per change rather than one per page.
    match crate::build_package(project, optimizer, crate::Modules::OneForAll) {
        Ok(built) => {
            let mut state = state
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let manifest = std::fs::read_to_string(built.package_dir.join("plugin-manifest.json"))
                .ok()
                .and_then(|text| serde_json::from_str(&text).ok())
                .unwrap_or(Value::Null);
            let (script, problems) = crate::local_config::read(&project.dir, &manifest);
            for problem in problems {
                output::warn(problem);
            }
            state.local_config = script;
            state.package = Some(built.package_dir);
            state.error = None;
            output::status("Ready", "the widget is served; reload it in Desk");
        }
        Err(error) => {
            let mut text = String::new();
            if let Some(compiler) = &error.output {
                eprint!("{compiler}");
                text.push_str(&crate::strip_ansi(compiler));
                text.push('\n');
            }
            output::error(&error);
            text.push_str(&error.message);
            output::warn("serving the build error in place of the widget until it builds");
            state
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .error = Some(text);
        }
    }
}

/// What changes when a source does: every file of the crate but `target/` and hidden ones, with
/// its modification time and size, and the workspace's lock file.
fn fingerprint(project: &Project) -> Vec<(PathBuf, Option<SystemTime>, u64)> {
    let mut files = Vec::new();
    walk(&project.dir, &project.target_dir, &mut files);
    let lock = project.workspace_root.join("Cargo.lock");
    if let Ok(meta) = std::fs::metadata(&lock) {
        files.push((lock, meta.modified().ok(), meta.len()));
    }
    files.sort();
    files
}

fn walk(dir: &Path, target: &Path, files: &mut Vec<(PathBuf, Option<SystemTime>, u64)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden || path == target || entry.file_name() == "target" {
            continue;
        }
        match entry.metadata() {
            Ok(meta) if meta.is_dir() => walk(&path, target, files),
            Ok(meta) => files.push((path, meta.modified().ok(), meta.len())),
            Err(_) => {}
        }
    }
}

/// `zet run`'s CSP: Desk's static hosts and the manifest's `cspDomains.connect-src`.
fn csp(manifest: &Path) -> String {
    let extra = std::fs::read_to_string(manifest)
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .and_then(|m| m["cspDomains"]["connect-src"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(Value::as_str)
        .fold(String::new(), |all, d| all + " " + d);
    format!("connect-src https://*.zohostatic.com https://*.sigmausercontent.com{extra}")
}

/// An answer.
#[derive(Debug)]
pub struct Response {
    /// `200 OK`, ...
    pub status: &'static str,
    /// Its content type.
    pub content_type: &'static str,
    /// Its body.
    pub body: Vec<u8>,
    /// `Location`, for a redirect.
    pub location: Option<&'static str>,
}

fn ok(content_type: &'static str, body: Vec<u8>) -> Response {
    Response {
        status: "200 OK",
        content_type,
        body,
        location: None,
    }
}

fn not_found() -> Response {
    Response {
        status: "404 Not Found",
        content_type: "text/plain; charset=utf-8",
        body: b"not found".to_vec(),
        location: None,
    }
}

/// The answer to `GET path`.
pub fn respond(state: &State, path: &str) -> Response {
    if path == "/" {
        return Response {
            status: "302 Found",
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
            location: Some("/app"),
        };
    }
    if let Some(error) = &state.error {
        return failed(path, error);
    }
    let Some(package) = &state.package else {
        return failed(path, "the first build has not finished yet");
    };
    match path {
        "/plugin-manifest.json" => {
            let text =
                std::fs::read_to_string(package.join("plugin-manifest.json")).unwrap_or_default();
            let mut manifest: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            if let Some(object) = manifest.as_object_mut() {
                object.insert("name".to_owned(), Value::String(state.name.clone()));
            }
            ok(
                "application/json; charset=utf-8",
                serde_json::to_vec_pretty(&manifest).unwrap_or_default(),
            )
        }
        "/resources.json" => ok(
            "application/json; charset=utf-8",
            std::fs::read(package.join("resources.json")).unwrap_or_else(|_| b"{}".to_vec()),
        ),
        "/app" | "/app/" => ok("text/html; charset=utf-8", index(package).into_bytes()),
        _ if path.starts_with("/app/") => {
            let mut response = file(package, path).unwrap_or_else(not_found);
            if let Some(script) = &state.local_config
                && response.content_type.starts_with("text/html")
            {
                let page = String::from_utf8_lossy(&response.body);
                response.body = crate::local_config::inject(&page, script).into_bytes();
            }
            response
        }
        _ => not_found(),
    }
}

/// While a build fails: its error, as a page for pages, as text for the rest.
fn failed(path: &str, error: &str) -> Response {
    let escaped = desk_runtime::html::escape(error);
    let (content_type, body) = if Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html"))
        || path.starts_with("/app") && !path.contains('.')
    {
        (
            "text/html; charset=utf-8",
            format!(
                "<!DOCTYPE html>\n<html>\n<head><meta charset=\"UTF-8\"><title>Build failed</title></head>\n\
                 <body style=\"font-family: sans-serif\">\n<h1 style=\"color: #b00\">cargo desk: the widget does not build</h1>\n\
                 <pre style=\"white-space: pre-wrap\">{escaped}</pre>\n<p>Fix it and save: the widget is rebuilt and served again.</p>\n</body>\n</html>\n"
            ),
        )
    } else {
        (
            "text/plain; charset=utf-8",
            format!("cargo desk: the widget does not build\n\n{error}\n"),
        )
    };
    Response {
        status: "503 Service Unavailable",
        content_type,
        body: body.into_bytes(),
        location: None,
    }
}

fn index(package: &Path) -> String {
    // The package's files, as validation lists them (folders end with `/`: not linked).
    let files: Vec<String> = crate::validate::list_files(package, Path::new("app"))
        .unwrap_or_default()
        .iter()
        .map(|path| path.to_string_lossy().replace('\\', "/"))
        .filter(|path| !path.ends_with('/'))
        .collect();
    let items = files.iter().fold(String::new(), |all, f| {
        let f = desk_runtime::html::escape(f);
        all + "<li><a href=\"/" + &f + "\">" + &f + "</a></li>\n"
    });
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>app</title></head><body><ul>\n{items}</ul></body></html>\n"
    )
}

/// A file below the package, never outside it, with its content type.
fn file(package: &Path, url: &str) -> Option<Response> {
    let path = files::resolve(package, url)?;
    Some(ok(files::content_type(&path), std::fs::read(path).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_the_local_configuration_and_nothing_else_does() {
        let package = std::env::temp_dir().join("cargo-desk-serve-local-config");
        std::fs::create_dir_all(package.join("app")).unwrap();
        let page = format!("<script src=\"{}\"></script>", desk_package::SDK_SCRIPT);
        std::fs::write(package.join("app/w.html"), &page).unwrap();
        std::fs::write(package.join("app/w.js"), "let x;").unwrap();
        let state = State {
            package: Some(package),
            local_config: Some("<script>local</script>".to_owned()),
            ..State::default()
        };
        let served = String::from_utf8(respond(&state, "/app/w.html").body).unwrap();
        assert_eq!(served, format!("{page}\n<script>local</script>"));
        assert_eq!(respond(&state, "/app/w.js").body, b"let x;");
    }

    #[test]
    fn a_failed_build_is_served_instead_of_the_widget() {
        let state = State {
            package: Some(PathBuf::from("/nonexistent")),
            error: Some("error[E0425]: cannot find value `x` <here>".to_owned()),
            name: "w".to_owned(),
            ..State::default()
        };
        let page = respond(&state, "/app/w.html");
        assert_eq!(page.status, "503 Service Unavailable");
        let body = String::from_utf8(page.body).unwrap();
        assert!(
            body.contains("cannot find value `x` &lt;here&gt;"),
            "{body}"
        );
        let module = respond(&state, "/app/module/w.js");
        assert!(module.content_type.starts_with("text/plain"));
        assert_eq!(respond(&state, "/").location, Some("/app"));
    }

    #[test]
    fn files_outside_the_package_are_not_served() {
        assert!(file(Path::new("/"), "/app/../etc/passwd").is_none());
    }
}
