//! `cargo desk serve` under hostile input: a real TLS client on a real socket sends what no
//! browser would (an endless request line, endless headers, a request a byte at a time, more
//! connections than the server takes), and URL paths try to leave the package (`..`, its
//! percent-encodings, encoded separators, symbolic links). The private key is its owner's.
//! Its own endpoints: the recording takes lines from the served origin only, bounded; live
//! reload answers once a build is done; nothing of either reaches a packed zip.

use cargo_desk::serve::connection::{self, Limits, MAX_CONNECTIONS, SLACK, Served};
use cargo_desk::serve::record::{MAX_BODY, Recording};
use cargo_desk::serve::{Site, State, certificate, respond, tls_config};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tempfile::TempDir;

/// A fresh directory for one test, removed when dropped.
fn scratch(name: &str) -> TempDir {
    TempDir::with_prefix(format!("cargo-desk-serve-{name}-")).unwrap()
}

/// A package with a page, and a secret next to it, outside.
fn package(dir: &Path) -> PathBuf {
    let package = dir.join("package");
    std::fs::create_dir_all(package.join("app")).unwrap();
    std::fs::write(package.join("app/w.html"), "<p>widget</p>").unwrap();
    std::fs::write(package.join("plugin-manifest.json"), "{}").unwrap();
    std::fs::create_dir_all(dir.join("outside")).unwrap();
    std::fs::write(dir.join("outside/secret.txt"), "secret").unwrap();
    package
}

fn served(package: &Path) -> State {
    State {
        package: Some(package.to_path_buf()),
        name: "w".to_owned(),
        ..State::default()
    }
}

/// A TLS client of the server's certificate, done by hand over the socket so that it can keep
/// reading the answer after the server has stopped reading (and writing fails).
struct Client {
    tls: rustls::ClientConnection,
    socket: TcpStream,
}

impl Client {
    fn connect(address: SocketAddr, cert: &Path) -> Client {
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(CertificateDer::from_pem_file(cert).unwrap())
            .unwrap();
        let config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
        let name = ServerName::try_from("127.0.0.1").unwrap();
        let mut tls = rustls::ClientConnection::new(Arc::new(config), name).unwrap();
        let mut socket = TcpStream::connect(address).unwrap();
        // A server that never answers fails the test rather than hanging it.
        socket
            .set_read_timeout(Some(Duration::from_secs(15)))
            .unwrap();
        while tls.is_handshaking() {
            tls.complete_io(&mut socket).unwrap();
        }
        Client { tls, socket }
    }

    /// Sends `bytes`; false once the server no longer takes them.
    fn send(&mut self, bytes: &[u8]) -> bool {
        self.tls.writer().write_all(bytes).unwrap();
        while self.tls.wants_write() {
            if self.tls.write_tls(&mut self.socket).is_err() {
                return false;
            }
        }
        true
    }

    /// Everything the server answered, until it closed.
    fn answer(mut self) -> String {
        let mut answer = Vec::new();
        while let Ok(n) = self.tls.read_tls(&mut self.socket) {
            if n == 0 || self.tls.process_new_packets().is_err() {
                break;
            }
            let _ = self.tls.reader().read_to_end(&mut answer);
        }
        String::from_utf8_lossy(&answer).into_owned()
    }
}

/// The server answers one connection with `limits` while `client` plays its part; what the
/// server came to, and what the client read.
fn exchange(
    name: &str,
    limits: Limits,
    client: impl FnOnce(SocketAddr, &Path) -> String + Send + 'static,
) -> (Served, String) {
    let temp = scratch(name);
    let dir = temp.path();
    let (cert, key) = certificate(&dir.join("tls")).unwrap();
    let config = tls_config(&cert, &key).unwrap();
    let site = Site::new(served(&package(dir)), None);
    exchange_with(&site, limits, &cert, config, client)
}

/// The server answers one connection for `site` while `client` plays its part.
fn exchange_with(
    site: &Arc<Site>,
    limits: Limits,
    cert: &Path,
    config: Arc<rustls::ServerConfig>,
    client: impl FnOnce(SocketAddr, &Path) -> String + Send + 'static,
) -> (Served, String) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let cert = cert.to_path_buf();
    let client = std::thread::spawn(move || client(address, &cert));
    let (stream, _) = listener.accept().unwrap();
    let served = connection::answer(stream, config, site, &limits).unwrap();
    (served, client.join().unwrap())
}

/// A client that sends `request` whole, then reads the answer.
fn request(request: String) -> impl FnOnce(SocketAddr, &Path) -> String + Send {
    move |address, cert| {
        let mut client = Client::connect(address, cert);
        client.send(request.as_bytes());
        client.answer()
    }
}

/// Sends `head` then an endless stream of `filler` (32 MiB of it at most) until the server stops
/// taking it, then reads the answer.
fn endless(head: &'static [u8], filler: u8) -> impl FnOnce(SocketAddr, &Path) -> String + Send {
    move |address, cert| {
        let mut client = Client::connect(address, cert);
        let chunk = [filler; 16 * 1024];
        if client.send(head) {
            for _ in 0..2048 {
                if !client.send(&chunk) {
                    break;
                }
            }
        }
        client.answer()
    }
}

/// The most the server may read of a refused request: its limits and [`SLACK`].
fn bound(limits: &Limits) -> usize {
    limits.request_line + limits.header_bytes + SLACK
}

#[test]
fn an_endless_request_line_gets_431_and_no_more_than_the_limit_is_read() {
    let (served, answer) = exchange("line", Limits::DEFAULT, endless(b"GET /", b'a'));
    assert!(
        answer.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
        "{answer}"
    );
    let bound = bound(&Limits::DEFAULT);
    assert!(served.read <= bound, "read {} bytes", served.read);
}

#[test]
fn a_request_line_over_its_limit_gets_414() {
    let long = format!("GET /app/{} HTTP/1.1\r\n\r\n", "a".repeat(8 * 1024));
    let (_, answer) = exchange("uri", Limits::DEFAULT, request(long));
    assert!(
        answer.starts_with("HTTP/1.1 414 URI Too Long\r\n"),
        "{answer}"
    );
    let limit = format!("GET /app/{} HTTP/1.1\r\n\r\n", "a".repeat(8 * 1024 - 16));
    let (_, answer) = exchange("uri-limit", Limits::DEFAULT, request(limit));
    assert!(answer.starts_with("HTTP/1.1 404 "), "{answer}");
}

#[test]
fn endless_headers_get_431_and_no_more_than_the_limit_is_read() {
    let head = b"GET /app/w.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: ";
    let (served, answer) = exchange("header", Limits::DEFAULT, endless(head, b'a'));
    assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
    let bound = bound(&Limits::DEFAULT);
    assert!(served.read <= bound, "read {} bytes", served.read);
}

#[test]
fn more_headers_than_the_limit_get_431() {
    let many = |address, cert: &Path| {
        let mut client = Client::connect(address, cert);
        let mut head = b"GET /app/w.html HTTP/1.1\r\n".to_vec();
        for i in 0..=Limits::DEFAULT.headers {
            head.extend_from_slice(format!("X-{i}: a\r\n").as_bytes());
        }
        head.extend_from_slice(b"\r\n");
        client.send(&head);
        client.answer()
    };
    let (_, answer) = exchange("headers", Limits::DEFAULT, many);
    assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
}

#[test]
fn a_request_sent_a_byte_at_a_time_is_cut_off_at_the_deadline() {
    let limits = Limits {
        deadline: Duration::from_millis(500),
        ..Limits::DEFAULT
    };
    let slow = |address, cert: &Path| {
        let mut client = Client::connect(address, cert);
        client.send(b"GET /app/w.html HTTP/1.1\r\n");
        // A header a byte every 50 ms, for 10 s: the server stops it long before.
        let mut cut_off = false;
        for _ in 0..200 {
            if !client.send(b"a") {
                cut_off = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(
            cut_off,
            "the server took a header a byte at a time for 10 s"
        );
        client.answer()
    };
    let started = std::time::Instant::now();
    let (_, answer) = exchange("slow", limits, slow);
    assert!(!answer.contains("200 OK"), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_request_is_answered_with_zet_runs_headers() {
    let get = |address, cert: &Path| {
        let mut client = Client::connect(address, cert);
        client.send(b"GET /app/w.html?x=1 HTTP/1.1\r\nHost: 127.0.0.1:5000\r\n\r\n");
        client.answer()
    };
    let (_, answer) = exchange("get", Limits::DEFAULT, get);
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(
        answer.contains("\r\nAccess-Control-Allow-Origin: *\r\n"),
        "{answer}"
    );
    assert!(
        answer.contains("\r\nContent-Security-Policy: connect-src https://*.zohostatic.com "),
        "{answer}"
    );
    assert!(answer.ends_with("\r\n\r\n<p>widget</p>"), "{answer}");
}

#[test]
fn a_client_holding_every_connection_does_not_lock_others_out() {
    let temp = scratch("connections");
    let dir = temp.path();
    let (cert, key) = certificate(&dir.join("tls")).unwrap();
    let config = tls_config(&cert, &key).unwrap();
    let site = Site::new(served(&package(dir)), None);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    // Held connections would last until this deadline, longer than the test waits.
    let limits = Limits {
        deadline: Duration::from_mins(1),
        ..Limits::DEFAULT
    };
    std::thread::spawn(move || connection::accept(listener, &config, &site, limits));
    // One client takes every connection and sends nothing.
    let held: Vec<TcpStream> = (0..MAX_CONNECTIONS)
        .map(|_| TcpStream::connect(address).unwrap())
        .collect();
    // Another still gets its page...
    let answer = request("GET /app/w.html HTTP/1.1\r\n\r\n".to_owned())(address, &cert);
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    // ... and the oldest held connection was closed for it (at once: end of stream or a reset,
    // not the read's timeout), the next one not.
    let ended = |mut stream: &TcpStream, wait: u64| {
        stream
            .set_read_timeout(Some(Duration::from_millis(wait)))
            .unwrap();
        match stream.read(&mut [0; 1]) {
            Ok(0) => true,
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset => true,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                false
            }
            other => panic!("{other:?}"),
        }
    };
    assert!(ended(&held[0], 4000), "the oldest connection is still open");
    assert!(
        !ended(&held[1], 300),
        "a second connection was closed for one newcomer"
    );
}

#[test]
fn urls_that_leave_the_package_are_refused() {
    let temp = scratch("paths");
    let dir = temp.path();
    let package = package(dir);
    let state = served(&package);
    assert_eq!(respond(&state, "/app/w.html").status, "200 OK");
    assert_eq!(respond(&state, "/app/%77.html").status, "200 OK", "decoded");
    for url in [
        "/app/../outside/secret.txt",
        "/app/../../outside/secret.txt",
        "/app/%2e%2e/%2e%2e/outside/secret.txt",
        "/app/%2E%2E/%2E%2E/outside/secret.txt",
        "/app/.%2e/.%2e/outside/secret.txt",
        "/app/..%2f..%2foutside%2fsecret.txt",
        "/app/%2e%2e%2f%2e%2e%2foutside%2fsecret.txt",
        "/app/..%5c..%5coutside%5csecret.txt",
        "/app/w.html%00.png",
        "/app/./w.html",
        "/app//w.html",
        "/app/%ff.html",
    ] {
        assert_eq!(respond(&state, url).status, "404 Not Found", "{url}");
    }
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_package_are_not_followed() {
    use std::os::unix::fs::symlink;
    let temp = scratch("links");
    let dir = temp.path();
    let package = package(dir);
    let app = package.join("app");
    symlink(dir.join("outside/secret.txt"), app.join("secret.txt")).unwrap();
    symlink(dir.join("outside"), app.join("outside")).unwrap();
    // A link inside the package to a file of it stays the package's.
    symlink(app.join("w.html"), app.join("alias.html")).unwrap();
    let state = served(&package);
    for url in [
        "/app/secret.txt",
        "/app/outside/secret.txt",
        "/app/outside%2fsecret.txt",
    ] {
        assert_eq!(respond(&state, url).status, "404 Not Found", "{url}");
    }
    let alias = respond(&state, "/app/alias.html");
    assert_eq!(alias.status, "200 OK");
    assert_eq!(alias.body, b"<p>widget</p>");
}

#[cfg(unix)]
#[test]
fn the_private_key_is_readable_by_its_owner_alone() {
    use std::os::unix::fs::PermissionsExt;
    let temp = scratch("key");
    let dir = temp.path();
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let (_, key) = certificate(dir).unwrap();
    assert_eq!(mode(&key), 0o600);
    // A key an older version left readable by others is made the owner's again.
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (_, again) = certificate(dir).unwrap();
    assert_eq!(again, key);
    assert_eq!(mode(&key), 0o600);
}

/// A page holding the local configuration (secure values too, for the placeholders) is not
/// readable by another origin: Desk loads it in a frame, which needs no CORS, while any site the
/// author visits could `fetch` it with `Access-Control-Allow-Origin: *`.
#[test]
fn a_page_with_the_local_configuration_is_not_shared_with_other_origins() {
    let temp = scratch("local-secret");
    let dir = temp.path();
    let (cert, key) = certificate(&dir.join("tls")).unwrap();
    let config = tls_config(&cert, &key).unwrap();
    let package = dir.join("package");
    std::fs::create_dir_all(package.join("app")).unwrap();
    std::fs::write(
        package.join("app/w.html"),
        format!("<script src=\"{}\"></script>", desk_package::SDK_SCRIPT),
    )
    .unwrap();
    let crate_dir = dir.join("crate");
    std::fs::create_dir_all(&crate_dir).unwrap();
    std::fs::write(
        crate_dir.join("desk-config.local.json"),
        r#"{"crm_url": "https://crm.example.com", "crm_key": "k-REAL-API-KEY"}"#,
    )
    .unwrap();
    let extension = cargo_desk::extension::from_json(&serde_json::json!({"config": [
        {"name": "crm_url", "mandatory": true, "secure": false},
        {"name": "crm_key", "mandatory": true, "secure": true}
    ]}));
    let (script, _) = cargo_desk::local_config::read(&crate_dir, extension.config);
    let mut state = served(&package);
    state.local_config = script;
    let site = Site::new(state, None);
    let get = request(
        "GET /app/w.html HTTP/1.1\r\nHost: 127.0.0.1:5000\r\nOrigin: https://evil.example\r\n\r\n"
            .to_owned(),
    );
    let (_, answer) = exchange_with(&site, Limits::DEFAULT, &cert, config, get);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.contains("k-REAL-API-KEY"),
        "the page fills placeholders locally"
    );
    assert!(
        !answer
            .to_ascii_lowercase()
            .contains("access-control-allow-origin"),
        "{answer}"
    );
}

/// A failed build's answer (the compiler's output: the author's source and paths) is not
/// readable by another origin either, page or not.
#[test]
fn a_failed_build_is_not_shared_with_other_origins() {
    let temp = scratch("failed");
    let dir = temp.path();
    let (cert, key) = certificate(&dir.join("tls")).unwrap();
    let mut state = served(&package(dir));
    state.error = Some("error[E0425]: cannot find value `secret_plan` in /home/author/src".into());
    let site = Site::new(state, None);
    for path in ["/app/w.html", "/app/w.js"] {
        let config = tls_config(&cert, &key).unwrap();
        let get = request(format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:5000\r\nOrigin: https://evil.example\r\n\r\n"
        ));
        let (_, answer) = exchange_with(&site, Limits::DEFAULT, &cert, config, get);
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        assert!(answer.contains("secret_plan"), "{answer}");
        assert!(
            !answer
                .to_ascii_lowercase()
                .contains("access-control-allow-origin"),
            "{path}: {answer}"
        );
    }
}

/// A site recording to a fresh file in `dir`, its certificate and TLS configuration.
fn recording_site(dir: &Path) -> (Arc<Site>, PathBuf, PathBuf, Arc<rustls::ServerConfig>) {
    let (cert, key) = certificate(&dir.join("tls")).unwrap();
    let config = tls_config(&cert, &key).unwrap();
    let file = dir.join("session.jsonl");
    let recording = Recording::create(&file, "w").unwrap();
    let site = Site::new(served(&package(dir)), Some(recording));
    (site, file, cert, config)
}

/// A POST of `body` to the recording, from `origin` (`None`: the server's own).
fn post(origin: Option<&'static str>, body: String) -> impl FnOnce(SocketAddr, &Path) -> String {
    move |address, cert| {
        let origin = origin.map_or_else(|| format!("https://{address}"), str::to_owned);
        let head = format!(
            "POST /__desk/record HTTP/1.1\r\nHost: {address}\r\nOrigin: {origin}\r\n\
             Content-Type: application/x-ndjson\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        let mut client = Client::connect(address, cert);
        client.send(head.as_bytes());
        for chunk in body.as_bytes().chunks(64 * 1024) {
            if !client.send(chunk) {
                break;
            }
        }
        client.answer()
    }
}

const LINE: &str = r#"{"kind":"call","widget":"Call Bar","location":"desk.bottomband","load":"5f0c","t":1,"id":1,"call":"get","args":["user.fullName"]}"#;

#[test]
fn the_recording_takes_lines_from_the_served_origin_only() {
    let temp = scratch("record");
    let (site, file, cert, config) = recording_site(temp.path());
    let lines = |file: &Path| std::fs::read_to_string(file).unwrap().lines().count();
    let body = format!("{LINE}\n{LINE}\n");
    let (_, answer) = exchange_with(
        &site,
        Limits::DEFAULT,
        &cert,
        config.clone(),
        post(None, body),
    );
    assert!(answer.starts_with("HTTP/1.1 204 "), "{answer}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text,
        format!(
            "{{\"recording\":\"desk-widgets\",\"version\":2,\"extension\":\"w\"}}\n{LINE}\n{LINE}\n"
        )
    );
    // Another origin (any site the author visits), a line that is not a recording's, a body
    // over the limit: refused, nothing appended.
    let evil = post(Some("https://evil.example"), format!("{LINE}\n"));
    let (_, answer) = exchange_with(&site, Limits::DEFAULT, &cert, config.clone(), evil);
    assert!(answer.starts_with("HTTP/1.1 403 "), "{answer}");
    let bad = post(None, format!("{LINE}\n{{\"kind\":\"nope\"}}\n"));
    let (_, answer) = exchange_with(&site, Limits::DEFAULT, &cert, config.clone(), bad);
    assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
    assert!(answer.contains("line 2: `kind` is not one of"), "{answer}");
    let big = post(None, format!("{LINE}\n").repeat(MAX_BODY / LINE.len() + 1));
    let (served, answer) = exchange_with(&site, Limits::DEFAULT, &cert, config.clone(), big);
    assert!(answer.starts_with("HTTP/1.1 413 "), "{answer}");
    assert!(
        served.read <= MAX_BODY + SLACK + 64 * 1024,
        "read {}",
        served.read
    );
    let get = request("GET /__desk/record HTTP/1.1\r\n\r\n".to_owned());
    let (_, answer) = exchange_with(&site, Limits::DEFAULT, &cert, config, get);
    assert!(answer.starts_with("HTTP/1.1 405 "), "{answer}");
    assert_eq!(lines(&file), 3);
}

#[test]
fn without_record_the_endpoint_is_not_there() {
    let temp = scratch("no-record");
    let dir = temp.path();
    let (cert, key) = certificate(&dir.join("tls")).unwrap();
    let config = tls_config(&cert, &key).unwrap();
    let site = Site::new(served(&package(dir)), None);
    let (_, answer) = exchange_with(
        &site,
        Limits::DEFAULT,
        &cert,
        config,
        post(None, LINE.to_owned()),
    );
    assert!(answer.starts_with("HTTP/1.1 404 "), "{answer}");
}

/// A page with the SDK's script, as the packager writes them.
fn sdk_page(package: &Path) {
    std::fs::write(
        package.join("app/w.html"),
        format!(
            "<!DOCTYPE html><html><body><script src=\"{}\"></script></body></html>",
            desk_package::SDK_SCRIPT
        ),
    )
    .unwrap();
}

#[test]
fn pages_get_the_recorder_and_live_reload_and_a_packed_zip_neither() {
    let temp = scratch("inject");
    let (site, _, cert, config) = recording_site(temp.path());
    let package = site.snapshot().package.unwrap();
    sdk_page(&package);
    let get = request("GET /app/w.html HTTP/1.1\r\n\r\n".to_owned());
    let (_, page) = exchange_with(&site, Limits::DEFAULT, &cert, config, get);
    assert!(page.starts_with("HTTP/1.1 200 "), "{page}");
    for trace in ["/__desk/record", "/__desk/build", "cargo desk serve"] {
        assert!(page.contains(trace), "{trace} not in {page}");
    }
    // The CSP lets the page reach the server's endpoints, and no other path of its origin.
    let csp = page
        .lines()
        .find(|line| line.starts_with("Content-Security-Policy: "))
        .unwrap();
    assert!(csp.contains(" https://127.0.0.1:"), "{csp}");
    assert!(csp.trim_end().ends_with("/__desk/"), "{csp}");
    // The package the server served, zipped as `cargo desk pack` zips: no trace of either.
    let zip = package.parent().unwrap().join("w.zip");
    cargo_desk::pack::zip(&package, &zip).unwrap();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = Vec::new();
        file.read_to_end(&mut text).unwrap();
        let text = String::from_utf8_lossy(&text);
        for trace in ["__desk", "cargo desk serve", "ZOHODESK"] {
            assert!(!text.contains(trace), "{trace} in {:?}", file.name());
        }
    }
}

#[test]
fn a_page_waiting_for_a_build_hears_of_it_at_once() {
    let temp = scratch("reload");
    let dir = temp.path();
    let (cert, key) = certificate(&dir.join("tls")).unwrap();
    let config = tls_config(&cert, &key).unwrap();
    let site = Site::new(served(&package(dir)), None);
    site.build.send_replace(3);
    // A page of an older build is told at once.
    let old = request("GET /__desk/build?since=2 HTTP/1.1\r\n\r\n".to_owned());
    let (_, answer) = exchange_with(&site, Limits::DEFAULT, &cert, config.clone(), old);
    assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
    assert!(answer.ends_with("\r\n\r\n3"), "{answer}");
    // A page of the last build waits until the next one.
    let builder = Arc::clone(&site);
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        builder.build.send_replace(4);
    });
    let started = std::time::Instant::now();
    let current = request("GET /__desk/build?since=3 HTTP/1.1\r\n\r\n".to_owned());
    let (_, answer) = exchange_with(&site, Limits::DEFAULT, &cert, config, current);
    assert!(answer.ends_with("\r\n\r\n4"), "{answer}");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(250) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
}

#[test]
fn a_head_request_gets_the_headers_alone() {
    let head = request("HEAD /app/w.html HTTP/1.1\r\n\r\n".to_owned());
    let (_, answer) = exchange("head", Limits::DEFAULT, head);
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.contains("\r\nContent-Length: 13\r\n"), "{answer}");
    assert!(answer.ends_with("\r\n\r\n"), "{answer}");
}
