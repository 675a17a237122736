//! The server's connections: TLS (tokio-rustls), then HTTP/1.1 (hyper), one request each. What
//! the server takes from a client is bounded in bytes ([`Limits`]; a request's head over them
//! gets 431 from hyper, a target over [`Limits::request_line`] 414, a recording's body over
//! [`super::record::MAX_BODY`] 413) and in time (a deadline for the handshake and the request's
//! head, after which the connection is closed; [`CONNECTION_TIME`] for the whole exchange), and
//! so are the connections served at once ([`MAX_CONNECTIONS`]): one more closes the oldest, so
//! that a client holding every connection open cannot lock the others out.

use super::inject::{BUILD, RECORD};
use super::{Response, Site, State, record};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::io::{self, Read};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Connections served at once (Desk loads a page, its scripts and the manifest: a few at a
/// time; each open page waits on one for live reload). One more closes the oldest: a client
/// that opens connections and holds them (sending nothing, or a byte at a time) has its own
/// closed as others come, where refusing newcomers would let it lock every page out. A page
/// whose live-reload poll is closed so asks again a second later.
pub const MAX_CONNECTIONS: usize = 64;

/// Beyond [`Limits`]' bytes, what the server may read of a request before it refuses it: TLS
/// records (16 KiB each) read ahead of the HTTP parser and their framing.
pub const SLACK: usize = 64 * 1024;

/// The longest a connection lasts, whatever the client does (a slow reader, a body sent a byte
/// at a time): longer than a live-reload poll ([`LONG_POLL`]).
pub const CONNECTION_TIME: Duration = Duration::from_mins(1);

/// How long a live-reload poll waits for a build before answering the same number.
pub const LONG_POLL: Duration = Duration::from_secs(25);

/// After hyper refused a request, what of its rest is read and dropped before closing, so that
/// the client reads the answer rather than a reset: at most this many bytes...
const DRAIN_BYTES: u64 = 1024 * 1024;
/// ... for at most this long.
const DRAIN_TIME: Duration = Duration::from_secs(1);

/// How much of a request's head the server reads, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The request target's bytes (longer: 414).
    pub request_line: usize,
    /// The head's bytes beyond the request line (more: 431).
    pub header_bytes: usize,
    /// How many headers (more: 431).
    pub headers: usize,
    /// From the connection's opening to the head's end, TLS handshake included: a client that
    /// sends slowly (slow loris) is cut off when it is over.
    pub deadline: Duration,
}

impl Limits {
    /// 8 KiB of request line, 64 KiB and 100 headers, 10 seconds.
    pub const DEFAULT: Limits = Limits {
        request_line: 8 * 1024,
        header_bytes: 64 * 1024,
        headers: 100,
        deadline: Duration::from_secs(10),
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// What a connection came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// How many bytes the server read from the socket (TLS records included).
    pub read: usize,
}

/// Serves every connection `listener` accepts, at most [`MAX_CONNECTIONS`] at once, the oldest
/// closed for a newcomer over that; runs while the listener does, on a runtime of its own (one
/// thread).
pub fn accept(
    listener: TcpListener,
    config: &Arc<rustls::ServerConfig>,
    site: &Arc<Site>,
    limits: Limits,
) {
    let Ok(runtime) = runtime() else { return };
    runtime.block_on(async {
        let Ok(listener) = listener
            .set_nonblocking(true)
            .and_then(|()| tokio::net::TcpListener::from_std(listener))
        else {
            return;
        };
        // The connections being served, oldest first.
        let mut open = std::collections::VecDeque::with_capacity(MAX_CONNECTIONS);
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                // Out of file descriptors, say: a moment for connections to close.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            };
            open.retain(|served: &tokio::task::JoinHandle<()>| !served.is_finished());
            if open.len() >= MAX_CONNECTIONS
                && let Some(oldest) = open.pop_front()
            {
                // Dropping its task closes its socket.
                oldest.abort();
            }
            let (config, site) = (Arc::clone(config), Arc::clone(site));
            open.push_back(tokio::spawn(async move {
                if let Ok(stream) = stream.into_std() {
                    let _ = connection(stream, config, site, limits).await;
                }
            }));
        }
    });
}

/// Answers one connection and closes it: its TLS handshake and its request's head within
/// `limits`, its request answered from the site.
///
/// # Errors
///
/// The connection failed before it was served.
pub fn answer(
    stream: TcpStream,
    config: Arc<rustls::ServerConfig>,
    site: &Arc<Site>,
    limits: &Limits,
) -> io::Result<Served> {
    runtime()?.block_on(connection(stream, config, Arc::clone(site), *limits))
}

fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

async fn connection(
    stream: TcpStream,
    config: Arc<rustls::ServerConfig>,
    site: Arc<Site>,
    limits: Limits,
) -> io::Result<Served> {
    let opened = Instant::now();
    let origins = origins(&stream);
    // A second handle on the socket, to drain it once hyper has dropped its own (`drain`).
    let spare = stream.try_clone()?;
    stream.set_nonblocking(true)?;
    let read = Arc::new(AtomicUsize::new(0));
    let counted = Counted {
        stream: tokio::net::TcpStream::from_std(stream)?,
        read: Arc::clone(&read),
    };
    let served = || Served {
        read: read.load(Ordering::Relaxed),
    };
    let acceptor = tokio_rustls::TlsAcceptor::from(config);
    let Ok(Ok(tls)) = tokio::time::timeout(limits.deadline, acceptor.accept(counted)).await else {
        // Nobody to answer: the client left, or never finished the handshake in time.
        return Ok(served());
    };
    let service = hyper::service::service_fn(move |request| {
        let (site, origins) = (Arc::clone(&site), origins.clone());
        async move { Ok::<_, std::convert::Infallible>(handle(request, &site, &origins, &limits).await) }
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.deadline.saturating_sub(opened.elapsed()))
        .max_buf_size((limits.request_line + limits.header_bytes).max(8192))
        .max_headers(limits.headers)
        .keep_alive(false)
        .title_case_headers(true);
    let exchange = http.serve_connection(TokioIo::new(tls), service);
    // Refused (431, 400) or cut off: the client may still be sending.
    if let Ok(Err(_)) = tokio::time::timeout(CONNECTION_TIME, exchange).await {
        let _ = tokio::task::spawn_blocking(move || drain(&spare)).await;
    }
    Ok(served())
}

/// The origins the server answers as: `https://127.0.0.1:<port>` and `https://localhost:<port>`.
fn origins(stream: &TcpStream) -> Vec<String> {
    let Ok(address) = stream.local_addr() else {
        return Vec::new();
    };
    vec![
        format!("https://{address}"),
        format!("https://localhost:{}", address.port()),
    ]
}

/// Ends the sending side and reads the rest of what the client sends, dropped, a bounded
/// while: closing a socket with unread input sends a reset, which can reach the client before
/// it has read the answer.
fn drain(socket: &TcpStream) -> io::Result<()> {
    socket.set_nonblocking(false)?;
    socket.shutdown(Shutdown::Write)?;
    let deadline = Instant::now() + DRAIN_TIME;
    let mut rest = socket.take(DRAIN_BYTES);
    let mut buffer = [0; 16 * 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(());
        }
        rest.get_ref().set_read_timeout(Some(left))?;
        if rest.read(&mut buffer)? == 0 {
            return Ok(());
        }
    }
}

/// The answer to one request.
async fn handle(
    request: Request<Incoming>,
    site: &Site,
    origins: &[String],
    limits: &Limits,
) -> hyper::Response<Full<Bytes>> {
    let state = site.snapshot();
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |target| target.as_str().len());
    let path = request.uri().path().to_owned();
    let head = request.method() == Method::HEAD;
    let response = if target > limits.request_line {
        Response::text("414 URI Too Long", "414 URI Too Long\n")
    } else if path == RECORD {
        recorded(request, site, origins).await
    } else if !matches!(*request.method(), Method::GET | Method::HEAD) {
        Response::text("405 Method Not Allowed", "405 Method Not Allowed\n")
    } else if path == BUILD {
        let since = request.uri().query().and_then(|query| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix("since="))
                .and_then(|n| n.parse().ok())
        });
        build(site, since).await
    } else {
        let mut response = super::respond(&state, &path);
        if response.content_type.starts_with("text/html") && path.starts_with("/app") {
            let page = String::from_utf8_lossy(&response.body);
            let build = *site.build.borrow();
            let recording = site.recording.is_some();
            response.body =
                super::inject::page(&page, &state, &path, build, recording).into_bytes();
        }
        response
    };
    reply(&response, &state, origins, head)
}

/// The number of the last successful build, once it is not `since` (or after [`LONG_POLL`]).
async fn build(site: &Site, since: Option<u64>) -> Response {
    let mut builds = site.build.subscribe();
    if since == Some(*builds.borrow()) {
        let _ = tokio::time::timeout(LONG_POLL, builds.changed()).await;
    }
    let now = *builds.borrow();
    Response::text("200 OK", now.to_string())
}

/// `POST /__desk/record`: lines of the recording, from the served origin only, bounded.
async fn recorded(request: Request<Incoming>, site: &Site, origins: &[String]) -> Response {
    let Some(recording) = &site.recording else {
        return Response::text(
            "404 Not Found",
            "not recording: cargo desk serve --record FILE records\n",
        );
    };
    if request.method() != Method::POST {
        return Response::text("405 Method Not Allowed", "POST lines of the recording\n");
    }
    let origin = request.headers().get(header::ORIGIN);
    if !origin.is_some_and(|origin| origins.iter().any(|own| origin == own.as_str())) {
        return Response::text(
            "403 Forbidden",
            "only the pages this server serves may record (same origin)\n",
        );
    }
    let body = match Limited::new(request.into_body(), record::MAX_BODY)
        .collect()
        .await
    {
        Ok(body) => body.to_bytes(),
        Err(_) => {
            return Response::text(
                "413 Content Too Large",
                format!("at most {} bytes at a time\n", record::MAX_BODY),
            );
        }
    };
    match recording.append(&body) {
        Ok(_) => Response::text("204 No Content", ""),
        Err(refused) => Response::text(refused.status, refused.reason + "\n"),
    }
}

/// The HTTP answer, with `zet run`'s headers.
fn reply(
    response: &Response,
    state: &State,
    origins: &[String],
    head: bool,
) -> hyper::Response<Full<Bytes>> {
    let csp = state.package.as_ref().map_or_else(
        || super::csp(Path::new(""), origins),
        |dir| super::csp(&dir.join("plugin-manifest.json"), origins),
    );
    let status = response
        .status
        .split(' ')
        .next()
        .and_then(|code| code.parse().ok())
        .and_then(|code| StatusCode::from_u16(code).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = if head {
        Bytes::new()
    } else {
        Bytes::from(response.body.clone())
    };
    let mut answer = hyper::Response::new(Full::new(body));
    *answer.status_mut() = status;
    let headers = answer.headers_mut();
    let value = |text: &str| {
        HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static("invalid"))
    };
    headers.insert(header::CONTENT_TYPE, value(response.content_type));
    // A page holding the local configuration's values (secure ones too) is no other origin's
    // to read: Desk loads it in a frame, which needs no CORS. Nor is a failed build's answer,
    // the compiler's output with the author's source and paths.
    let private = (state.local_config.is_some() && response.content_type.starts_with("text/html"))
        || status.is_server_error();
    if !private {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    headers.insert(header::CONTENT_SECURITY_POLICY, value(&csp));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(location) = response.location {
        headers.insert(header::LOCATION, value(location));
    }
    if head {
        headers.insert(
            header::CONTENT_LENGTH,
            value(&response.body.len().to_string()),
        );
    }
    answer
}

/// The socket, counting the bytes read from it.
struct Counted {
    stream: tokio::net::TcpStream,
    read: Arc<AtomicUsize>,
}

impl AsyncRead for Counted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        let read = buf.filled().len() - before;
        self.read.fetch_add(read, Ordering::Relaxed);
        polled
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
