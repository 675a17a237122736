//! The head of an HTTP/1.1 request (its request line and headers), read within limits: what
//! the server holds of a request is bounded whatever a client sends, and a request over a
//! limit gets its status (414, 431) rather than the server's memory.

use std::io::{self, BufRead};
use std::time::Duration;

/// How much of a request the server reads, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The request line's bytes, its line end included (longer: 414).
    pub request_line: usize,
    /// The headers' bytes, with their line ends and the blank line (more: 431).
    pub header_bytes: usize,
    /// How many headers (more: 431).
    pub headers: usize,
    /// From the connection's opening to the head's end, TLS handshake included: a client that
    /// sends slowly (slow loris) gets 408 when it is over.
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

/// A request's head, as far as the server needs it (headers are read and dropped: no answer
/// depends on them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`, ...
    pub method: String,
    /// The request target, an absolute path with its query (`/app/w.html?x=1`).
    pub target: String,
}

/// Why a request's head was not read.
#[derive(Debug)]
pub enum RequestError {
    /// The request line is over [`Limits::request_line`].
    UriTooLong,
    /// The headers are over [`Limits::header_bytes`] or [`Limits::headers`].
    HeadersTooLarge,
    /// Not `METHOD /path HTTP/1.x`.
    Malformed,
    /// The deadline passed before the head's end.
    TimedOut,
    /// The connection closed or failed before the head's end.
    Io(io::Error),
}

impl RequestError {
    /// The status to answer with; none when the connection is gone.
    pub fn status(&self) -> Option<&'static str> {
        match self {
            RequestError::UriTooLong => Some("414 URI Too Long"),
            RequestError::HeadersTooLarge => Some("431 Request Header Fields Too Large"),
            RequestError::Malformed => Some("400 Bad Request"),
            RequestError::TimedOut => Some("408 Request Timeout"),
            RequestError::Io(_) => None,
        }
    }
}

impl From<io::Error> for RequestError {
    fn from(error: io::Error) -> Self {
        match error.kind() {
            // A socket's read timeout is `WouldBlock` on Unix, `TimedOut` on Windows.
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => RequestError::TimedOut,
            _ => RequestError::Io(error),
        }
    }
}

/// Reads a request's head from `reader`, taking at most the limits' bytes from it (plus what
/// `reader` itself buffers).
///
/// # Errors
///
/// A limit is passed, the request line is malformed, or the connection ends first.
pub fn read(reader: &mut impl BufRead, limits: &Limits) -> Result<Request, RequestError> {
    let mut line = Vec::with_capacity(limits.request_line);
    let mut request_line = |line: &mut Vec<u8>| {
        line.clear();
        read_line(reader, limits.request_line, Some(line))?.ok_or(RequestError::UriTooLong)
    };
    // A blank line before the request line is allowed (RFC 9112, 2.2).
    if request_line(&mut line)? <= 2 {
        request_line(&mut line)?;
    }
    let request = parse_request_line(&line).ok_or(RequestError::Malformed)?;
    let mut budget = limits.header_bytes;
    for _ in 0..=limits.headers {
        let length = read_line(reader, budget, None)?.ok_or(RequestError::HeadersTooLarge)?;
        // The blank line (`\r\n`, or `\n`): no header is as short.
        if length <= 2 {
            return Ok(request);
        }
        budget -= length;
    }
    Err(RequestError::HeadersTooLarge)
}

/// `METHOD /target HTTP/1.x`, its line end included.
fn parse_request_line(line: &[u8]) -> Option<Request> {
    let line = std::str::from_utf8(line).ok()?;
    let line = line.strip_suffix('\n')?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut parts = line.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    let token = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphabetic());
    let visible = |s: &str| s.bytes().all(|b| b.is_ascii_graphic());
    let valid = parts.next().is_none()
        && token(method)
        && target.starts_with('/')
        && visible(target)
        && version.starts_with("HTTP/1.");
    valid.then(|| Request {
        method: method.to_owned(),
        target: target.to_owned(),
    })
}

/// Reads one line, through its `\n`, of at most `max` bytes: its length, appending it to
/// `keep` when given, or `None` when it is longer (then no more of it is read than `max`
/// and `reader`'s buffer).
fn read_line(
    reader: &mut impl BufRead,
    max: usize,
    mut keep: Option<&mut Vec<u8>>,
) -> io::Result<Option<usize>> {
    let mut length = 0;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let end = available.iter().position(|&b| b == b'\n');
        let chunk = &available[..end.map_or(available.len(), |i| i + 1)];
        if length + chunk.len() > max {
            return Ok(None);
        }
        if let Some(keep) = keep.as_deref_mut() {
            keep.extend_from_slice(chunk);
        }
        length += chunk.len();
        let used = chunk.len();
        reader.consume(used);
        if end.is_some() {
            return Ok(Some(length));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Read};

    fn head(text: &[u8]) -> Result<Request, RequestError> {
        read(&mut BufReader::new(text), &Limits::DEFAULT)
    }

    /// A reader that counts what is taken from it.
    struct Counted<R>(R, usize);

    impl<R: Read> Read for Counted<R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.read(buf)?;
            self.1 += n;
            Ok(n)
        }
    }

    #[test]
    fn a_request_line_and_its_headers() {
        let request = head(b"\r\nGET /app/w.html?x=1 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n");
        assert_eq!(
            request.unwrap(),
            Request {
                method: "GET".to_owned(),
                target: "/app/w.html?x=1".to_owned()
            }
        );
    }

    #[test]
    fn malformed_request_lines_are_refused() {
        for line in [
            &b"GET\r\n\r\n"[..],
            b"GET /a\r\n\r\n",
            b"GET  /a HTTP/1.1\r\n\r\n",
            b"GET http://x/a HTTP/1.1\r\n\r\n",
            b"GET /a HTTP/2\r\n\r\n",
            b"GET /a b HTTP/1.1\r\n\r\n",
            b"G\xc3\xa9T /a HTTP/1.1\r\n\r\n",
            b"GET /\xff HTTP/1.1\r\n\r\n",
        ] {
            assert!(
                matches!(head(line), Err(RequestError::Malformed)),
                "{}",
                String::from_utf8_lossy(line)
            );
        }
        assert!(matches!(
            head(b"GET / HTTP/1.1\r\n"),
            Err(RequestError::Io(_))
        ));
    }

    #[test]
    fn an_endless_request_line_is_read_no_further_than_the_limit() {
        let mut endless = Counted(io::repeat(b'a'), 0);
        let error = read(&mut BufReader::new(&mut endless), &Limits::DEFAULT);
        assert!(matches!(error, Err(RequestError::UriTooLong)));
        let buffer = 8 * 1024; // BufReader's.
        assert!(
            endless.1 <= Limits::DEFAULT.request_line + buffer,
            "{}",
            endless.1
        );
        let line = [&b"GET /"[..], &[b'a'; 8 * 1024 - 16], b" HTTP/1.1\r\n\r\n"].concat();
        assert!(head(&line).is_ok(), "a request line of the limit is read");
    }

    #[test]
    fn endless_headers_are_read_no_further_than_the_limit() {
        let line = b"GET / HTTP/1.1\r\nX: ".chain(io::repeat(b'a'));
        let mut endless = Counted(line, 0);
        let error = read(&mut BufReader::new(&mut endless), &Limits::DEFAULT);
        assert!(matches!(error, Err(RequestError::HeadersTooLarge)));
        let bound = 16 + Limits::DEFAULT.header_bytes + 8 * 1024;
        assert!(endless.1 <= bound, "{}", endless.1);
    }

    #[test]
    fn too_many_headers_are_refused() {
        let request = |headers: usize| {
            let mut text = b"GET / HTTP/1.1\r\n".to_vec();
            for i in 0..headers {
                text.extend_from_slice(format!("X-{i}: a\r\n").as_bytes());
            }
            text.extend_from_slice(b"\r\n");
            head(&text)
        };
        assert!(request(100).is_ok());
        assert!(matches!(request(101), Err(RequestError::HeadersTooLarge)));
    }
}
