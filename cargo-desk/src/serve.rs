//! `cargo desk serve`: what `zet run` gives authors, in its layout. HTTPS on
//! `127.0.0.1:5000` with a self-signed certificate (generated once, kept in
//! `target/desk/serve/`), `GET /plugin-manifest.json` (its `name` set to the crate folder's
//! name), `/resources.json` (or `{}`), `/app/...`; every answer with the CSP `zet run` sends,
//! and with `Access-Control-Allow-Origin: *` but for the pages (HTML) while the crate has a
//! `desk-config.local.json`: pages then get its local configuration's values
//! ([`crate::local_config`]), secure ones too, which no other origin may read. Nor may it read a
//! failed build's answer, the compiler's output. The site is
//! built into `target/desk/<crate>/serve/`, apart from what `pack` writes, and rebuilt when a
//! source changes (watched with `notify`); while a build fails, its error is shown in the
//! terminal and served in place of the widget's pages and module, never a stale widget.
//!
//! Pages that `serve` writes (never a package) reload themselves after a successful rebuild
//! ([`inject`]), and with `--record FILE` report what happens in them to the server, which
//! appends it to FILE ([`record`], `docs/recording.md`).
//!
//! Hostile input gets a status, not the server's memory or threads: a request's head is read
//! within [`connection::Limits`] (431, 414, or the connection closed at the deadline), a
//! recording's body within [`record::MAX_BODY`] (413), connections are bounded
//! ([`connection::MAX_CONNECTIONS`]), and a URL never names a file outside the package, through
//! `..`, its percent-encodings or a symbolic link (404). The private key is its owner's alone.

mod certificate;
pub mod connection;
mod files;
pub mod inject;
pub mod record;
mod watch;

pub use certificate::{certificate, tls_config};

use crate::build::Optimizer;
use crate::project::Project;
use crate::{Error, Modules, output};
use serde_json::Value;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

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
    /// Each page's widget (or modal) and location, by URL path (`/app/call-bar.html`): what
    /// the recorder names on each line.
    pub pages: Vec<inject::PageName>,
}

/// The server's shared state: the last build, its number for live reload, and the recording.
#[derive(Debug)]
pub struct Site {
    /// The last build's outcome.
    pub state: RwLock<State>,
    /// The number of the last successful build (0 before the first): pages reload when it
    /// changes.
    pub build: tokio::sync::watch::Sender<u64>,
    /// Where `--record` appends what pages report, if it was given.
    pub recording: Option<record::Recording>,
}

impl Site {
    /// A site serving `state`, recording to `recording` if given.
    pub fn new(state: State, recording: Option<record::Recording>) -> Arc<Site> {
        Arc::new(Site {
            state: RwLock::new(state),
            build: tokio::sync::watch::Sender::new(0),
            recording,
        })
    }

    /// The state as it is now.
    pub fn snapshot(&self) -> State {
        self.state
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    /// The address to listen on (`127.0.0.1:5000`; port 0 for any).
    pub address: String,
    /// The file `--record` appends the pages' reports to.
    pub record: Option<PathBuf>,
}

/// A server listening, its site built once: [`Server::run`] serves it and rebuilds on change.
pub struct Server {
    project: Project,
    optimizer: Optimizer,
    site: Arc<Site>,
    address: SocketAddr,
    changes: watch::Changes,
}

impl Server {
    /// Listens on the options' address, starts the recording if asked, builds the crate once
    /// and starts answering.
    ///
    /// # Errors
    ///
    /// The address is taken, the certificate cannot be made, the recording cannot be written,
    /// or the crate's files cannot be watched.
    pub fn start(
        project: &Project,
        options: &Options,
        optimizer: Optimizer,
    ) -> Result<Server, Error> {
        let serve_dir = project.target_dir.join("desk").join("serve");
        let (cert, key) = certificate(&serve_dir)?;
        let config = tls_config(&cert, &key)?;
        let listener = TcpListener::bind(&options.address).map_err(|e| {
            Error::new(format!(
                "cannot listen on {}: {e} (is `zet run` or another cargo desk serve running? \
                 `--port` takes another port)",
                options.address
            ))
        })?;
        let address = listener
            .local_addr()
            .map_err(|e| Error::new(format!("{}: {e}", options.address)))?;
        let name = project
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let recording = match &options.record {
            Some(file) => Some(record::Recording::create(file, &name)?),
            None => None,
        };
        let site = Site::new(
            State {
                name,
                ..State::default()
            },
            recording,
        );
        let changes = watch::Changes::watch(project, options.record.as_deref())?;
        rebuild(project, &optimizer, &site);
        {
            let site = Arc::clone(&site);
            std::thread::spawn(move || {
                connection::accept(listener, &config, &site, connection::Limits::DEFAULT);
            });
        }
        output::status(
            "Serving",
            format!("https://{address}/ (press Ctrl-C to stop)"),
        );
        output::note(format!(
            "the certificate is self-signed: open https://{address}/plugin-manifest.json once \
             and accept it (Advanced > Proceed), or trust {} in your browser; then in Desk, \
             Setup > Developer Space > Build Extensions > Enable Developer Mode loads the \
             extension from https://{address}",
            cert.display()
        ));
        if let Some(file) = &options.record {
            output::note(format!(
                "recording what the pages do to {} ({})",
                file.display(),
                recording_format(project)
            ));
        }
        Ok(Server {
            project: project.clone(),
            optimizer,
            site,
            address,
            changes,
        })
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// What it serves: the last build, its number.
    pub fn site(&self) -> Arc<Site> {
        Arc::clone(&self.site)
    }

    /// Rebuilds the crate whenever its sources change; runs until the process ends.
    pub fn run(self) {
        loop {
            self.changes.next();
            output::status("Rebuilding", "after a change to the crate's files");
            rebuild(&self.project, &self.optimizer, &self.site);
        }
    }
}

/// Serves the crate as `options` say, rebuilding it on every change; runs until interrupted.
///
/// # Errors
///
/// As [`Server::start`].
pub fn serve(project: &Project, options: &Options, optimizer: Optimizer) -> Result<(), Error> {
    Server::start(project, options, optimizer)?.run();
    Ok(())
}

/// Where the recording's format is described: `docs/recording.md` of the desk-widgets checkout
/// the crate depends on, as a path that opens; from the registry the crate has no such file,
/// so the repository is named instead of a path that is not there.
fn recording_format(project: &Project) -> String {
    project
        .desk_runtime_dir
        .as_deref()
        .and_then(Path::parent)
        .map(|checkout| checkout.join("docs/recording.md"))
        .filter(|doc| doc.is_file())
        .map_or_else(
            || "its format: docs/recording.md in the desk-widgets repository".to_owned(),
            |doc| format!("its format: {}", doc.display()),
        )
}

fn rebuild(project: &Project, optimizer: &Optimizer, site: &Site) {
    // One module for every page: a build per change rather than one per page.
    match crate::build_package(project, optimizer, Modules::OneForAll) {
        Ok(built) => {
            // The extension's own parameters: the manifest's `config` is written from them.
            let (script, problems) =
                crate::local_config::read(&project.dir, built.extension.config);
            for problem in problems {
                output::warn(problem);
            }
            {
                let mut state = site
                    .state
                    .write()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                state.local_config = script;
                state.pages = inject::PageName::of(built.extension);
                state.package = Some(built.package_dir);
                state.error = None;
            }
            site.build.send_modify(|build| *build += 1);
            output::status("Ready", "the widget is served; its pages reload themselves");
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
            site.state
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .error = Some(text);
        }
    }
}

/// `zet run`'s CSP: Desk's static hosts and the manifest's `cspDomains.connect-src`; and the
/// server's own `/__desk/` endpoints (live reload, the recording), which only its pages use.
fn csp(manifest: &Path, server: &[String]) -> String {
    let extra = std::fs::read_to_string(manifest)
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .and_then(|m| m["cspDomains"]["connect-src"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(Value::as_str)
        .fold(String::new(), |all, d| all + " " + d);
    let own = server.iter().fold(String::new(), |all, origin| {
        all + " " + origin + inject::PREFIX
    });
    format!("connect-src https://*.zohostatic.com https://*.sigmausercontent.com{extra}{own}")
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

impl Response {
    /// A plain-text answer.
    pub fn text(status: &'static str, body: impl Into<String>) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.into().into_bytes(),
            location: None,
        }
    }
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
    Response::text("404 Not Found", "not found")
}

/// The answer to `GET path`, pages as the package has them: [`inject::page`] adds what `serve`
/// adds to them.
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
        _ if path.starts_with("/app/") => file(package, path).unwrap_or_else(not_found),
        _ => not_found(),
    }
}

/// While a build fails: its error, as a page for pages, as text for the rest.
fn failed(path: &str, error: &str) -> Response {
    let escaped = desk_runtime::html::escape(error);
    let (content_type, body) = if is_page(path) {
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

/// Whether a URL path is a page's (`.html`, or a folder of `/app`).
fn is_page(path: &str) -> bool {
    Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html"))
        || path.starts_with("/app") && !path.contains('.')
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
    fn the_recording_note_names_a_format_document_that_is_there() {
        let (_temp, mut project) = Project::scratch("recording-format");
        // From the registry: no checkout, so no path, which would be the author's crate's.
        assert_eq!(
            recording_format(&project),
            "its format: docs/recording.md in the desk-widgets repository"
        );
        // A checkout's desk-runtime: the document in that checkout.
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        project.desk_runtime_dir = Some(checkout.join("desk-runtime"));
        assert_eq!(
            recording_format(&project),
            format!(
                "its format: {}",
                checkout.join("docs/recording.md").display()
            )
        );
    }

    #[test]
    fn pages_get_the_local_configuration_and_nothing_else_does() {
        let temp = tempfile::TempDir::with_prefix("cargo-desk-serve-local-config-").unwrap();
        let package = temp.path().to_path_buf();
        std::fs::create_dir_all(package.join("app")).unwrap();
        let page = format!("<script src=\"{}\"></script>", desk_package::SDK_SCRIPT);
        std::fs::write(package.join("app/w.html"), &page).unwrap();
        std::fs::write(package.join("app/w.js"), "let x;").unwrap();
        let state = State {
            package: Some(package),
            local_config: Some("<script>local</script>".to_owned()),
            ..State::default()
        };
        let raw = String::from_utf8(respond(&state, "/app/w.html").body).unwrap();
        let served = inject::page(&raw, &state, "/app/w.html", 1, false);
        assert!(
            served.starts_with(&format!("{page}\n<script>local</script>")),
            "{served}"
        );
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

    #[test]
    fn the_csp_lets_pages_reach_the_servers_endpoints_only() {
        let csp = csp(
            Path::new("/nonexistent"),
            &["https://127.0.0.1:5000".to_owned()],
        );
        assert_eq!(
            csp,
            "connect-src https://*.zohostatic.com https://*.sigmausercontent.com \
             https://127.0.0.1:5000/__desk/"
        );
    }
}
