//! A static file server on 127.0.0.1 for the browser test, just enough HTTP/1.1 for Chromium.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// Files served besides the package: `(url path, content type, body)`.
pub type Extra = (&'static str, &'static str, String);

/// Serves `root` and `extras` from a background thread; HTML pages pass through `rewrite`.
/// Returns the address. The thread ends with the process.
pub fn start(
    root: PathBuf,
    extras: Vec<Extra>,
    rewrite: fn(&str) -> String,
) -> Result<SocketAddr, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = respond(stream, &root, &extras, rewrite);
        }
    });
    Ok(address)
}

fn respond(
    mut stream: TcpStream,
    root: &Path,
    extras: &[Extra],
    rewrite: fn(&str) -> String,
) -> std::io::Result<()> {
    let mut request_line = String::new();
    let mut reader = BufReader::new(stream.try_clone()?);
    reader.read_line(&mut request_line)?;
    // Skip the headers: nothing in them matters here.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split('?').next().unwrap_or(path);
    let (status, content_type, body) = match extras.iter().find(|(url, _, _)| *url == path) {
        Some((_, content_type, body)) => ("200 OK", *content_type, body.clone().into_bytes()),
        None => match file(root, path) {
            Some((content_type, bytes)) if content_type.starts_with("text/html") => {
                let page = rewrite(&String::from_utf8_lossy(&bytes));
                ("200 OK", content_type, page.into_bytes())
            }
            Some((content_type, bytes)) => ("200 OK", content_type, bytes),
            None => ("404 Not Found", "text/plain", b"not found".to_vec()),
        },
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

/// A file below `root`, never outside it, with its content type.
fn file(root: &Path, url: &str) -> Option<(&'static str, Vec<u8>)> {
    let relative = Path::new(url.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let path = root.join(relative);
    let content_type = match path.extension()?.to_str()? {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "png" => "image/png",
        _ => "application/octet-stream",
    };
    Some((content_type, std::fs::read(path).ok()?))
}
