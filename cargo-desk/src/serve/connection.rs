//! One HTTPS connection: one request, one answer, then closed. What the server takes from a
//! client is bounded in bytes ([`Limits`]) and in time (a deadline for the handshake and the
//! request's head, a timeout for every write), and so are the connections served at once.

use super::request::{self, Limits};
use super::{Response, State};
use std::io::{self, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Connections served at once; more are closed as they come (Desk loads a page, its scripts
/// and the manifest: a few at a time).
pub const MAX_CONNECTIONS: usize = 64;

/// The buffer a request's head is read through: what the server holds of a request is at most
/// this and [`Limits`]' bytes (beside rustls' own bounded buffers).
pub const BUFFER: usize = 8 * 1024;

/// How long a write may wait for a client to read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// After an error, what of a request's rest is read and dropped before closing, so that the
/// client reads the answer rather than a reset: at most this many bytes...
const DRAIN_BYTES: u64 = 1024 * 1024;
/// ... for at most this long.
const DRAIN_TIME: Duration = Duration::from_secs(1);

/// What a connection came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The status answered (`200 OK`, `414 URI Too Long`, ...); `None` when the client left
    /// first.
    pub status: Option<&'static str>,
    /// How many bytes of the request (decrypted) the server read.
    pub read: usize,
}

/// Serves every connection `listener` accepts, each on its own thread, at most
/// [`MAX_CONNECTIONS`] at once; runs while the listener does.
pub fn accept(
    listener: &TcpListener,
    config: &Arc<rustls::ServerConfig>,
    state: &Arc<RwLock<State>>,
    limits: Limits,
) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            continue;
        }
        let slot = Slot(Arc::clone(&open));
        let (config, state) = (Arc::clone(config), Arc::clone(state));
        std::thread::spawn(move || {
            let _ = answer(stream, config, &state, &limits);
            drop(slot);
        });
    }
}

/// A connection's place among those served at once, given back when its thread ends, however
/// it ends.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Answers one connection: reads its request's head within `limits`, answers it from the
/// state (or with the error's status) and closes it.
///
/// # Errors
///
/// The TLS session or the connection failed.
pub fn answer(
    stream: TcpStream,
    config: Arc<rustls::ServerConfig>,
    state: &RwLock<State>,
    limits: &Limits,
) -> io::Result<Served> {
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let connection = rustls::ServerConnection::new(config).map_err(io::Error::other)?;
    let deadline = Instant::now() + limits.deadline;
    let mut tls = rustls::StreamOwned::new(connection, Deadline { stream, deadline });
    let mut counted = Counted {
        inner: &mut tls,
        read: 0,
    };
    let head = request::read(&mut BufReader::with_capacity(BUFFER, &mut counted), limits);
    let read = counted.read;
    let state = state
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let (method, response, refused) = match head {
        Ok(request) => {
            let path = request.target.split(['?', '#']).next().unwrap_or("/");
            (request.method, super::respond(&state, path), false)
        }
        Err(error) => match error.status() {
            Some(status) if !tls.conn.is_handshaking() => ("GET".to_owned(), refusal(status), true),
            // Nobody to answer: the client left, or never finished the handshake.
            _ => return Ok(Served { status: None, read }),
        },
    };
    send(&mut tls, &method, &response, &state)?;
    if refused {
        drain(&mut tls.sock)?;
    }
    Ok(Served {
        status: Some(response.status),
        read,
    })
}

/// Writes the answer, with `zet run`'s headers, and ends the TLS session.
fn send(
    tls: &mut rustls::StreamOwned<rustls::ServerConnection, Deadline>,
    method: &str,
    response: &Response,
    state: &State,
) -> io::Result<()> {
    let csp = state.package.as_ref().map_or_else(
        || super::csp(Path::new("")),
        |dir| super::csp(&dir.join("plugin-manifest.json")),
    );
    // A page holding the local configuration's values (secure ones too) is no other origin's
    // to read: Desk loads it in a frame, which needs no CORS.
    let cors = if state.local_config.is_some() && response.content_type.starts_with("text/html") {
        ""
    } else {
        "Access-Control-Allow-Origin: *\r\n"
    };
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         {cors}Content-Security-Policy: {csp}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    if let Some(location) = response.location {
        head = head + "Location: " + location + "\r\n";
    }
    head.push_str("\r\n");
    tls.write_all(head.as_bytes())?;
    if method != "HEAD" {
        tls.write_all(&response.body)?;
    }
    tls.conn.send_close_notify();
    tls.flush()
}

/// The answer to a request refused before it was read whole.
fn refusal(status: &'static str) -> Response {
    Response {
        status,
        content_type: "text/plain; charset=utf-8",
        body: format!("{status}\n").into_bytes(),
        location: None,
    }
}

/// Ends the sending side and reads the rest of what the client sends, dropped, a bounded
/// while: closing a socket with unread input sends a reset, which can reach the client before
/// it has read the answer.
fn drain(socket: &mut Deadline) -> io::Result<()> {
    socket.stream.shutdown(Shutdown::Write)?;
    socket.deadline = Instant::now() + DRAIN_TIME;
    let mut rest = socket.take(DRAIN_BYTES);
    let _ = io::copy(&mut rest, &mut io::sink());
    Ok(())
}

/// The connection, each read waiting no later than the deadline.
struct Deadline {
    stream: TcpStream,
    deadline: Instant,
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

impl Write for Deadline {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

/// A reader that counts the bytes taken from it.
struct Counted<R> {
    inner: R,
    read: usize,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n;
        Ok(n)
    }
}
