//! Origins: what the manifest's `whiteListedDomains` and `cspDomains.connect-src` hold, and
//! what `ZOHODESK.request` compares a URL's origin with.
//!
//! URLs are read with the WHATWG URL Standard (the `url` crate; in a page, the browser's own
//! `URL`, passed in as a [`Parse`]: decision 0009), as browsers and most proxies read them,
//! never split by hand: `https://evil.example.net\@crm.example.com/` is on
//! `evil.example.net`. On top of the parser, a URL is refused when another reader could take
//! its origin otherwise: an `@` before the path (user information), a control character, a
//! space or a `\` anywhere (the parser drops or rewrites them), and a host or port that the
//! parser rewrites beyond ASCII case and a default port (percent-encoding, Unicode hosts,
//! whose IDNA mapping differs between IDNA 2003 and UTS 46, shortened IPv4 addresses, ports
//! with leading zeros). A manifest value must moreover be a bare origin whose host is letters,
//! digits, `-` and `.`: it is copied into HTTP headers, where `;`, `,`, quotes and spaces end
//! a value.
//!
//! The parser's IDNA back end is chosen by the version of `idna_adapter`: this crate depends on
//! it as `~1.0`, so that every crate depending on this one, widget crates included, resolves
//! 1.0, which has no Unicode data and rejects non-ASCII hosts. Nothing is lost, since a host
//! that IDNA would change (a Unicode one among them) is refused with any back end, and the
//! module is smallest (decision 0008 has the sizes under each back end).
//!
//! ```
//! use desk_catalog::origin::{Origin, OriginError};
//!
//! let crm = Origin::whitelisted("https://crm.example.com").unwrap();
//! assert_eq!(Origin::of_request("https://CRM.example.com:443/v1?q=1"), Ok(crm.clone()));
//! assert_ne!(Origin::of_request("https://crm.example.com.evil.net/"), Ok(crm));
//! assert_eq!(
//!     Origin::of_request("https://evil.example.net\\@crm.example.com/"),
//!     Err(OriginError::Unsafe('\\'))
//! );
//! assert_eq!(
//!     Origin::csp_source("https://b.example.com;script-src"),
//!     Err(OriginError::Host)
//! );
//! ```

use std::fmt::{self, Write as _};
use url::Url;

/// What a WHATWG URL parser reads from a URL, of what the checks compare: the `url` crate's
/// reading ([`url_crate`]), or, in a page, the browser's own `URL` (which `desk-runtime` passes
/// in there, so that a page does not carry a second parser).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// The scheme, in lower case (`https`).
    pub scheme: String,
    /// Whether it has user information (a user name or a password).
    pub userinfo: bool,
    /// The host as the parser serialises it (`[::1]` for an IPv6 address); `None` for none.
    pub host: Option<String>,
    /// The port as written, `None` when none or the scheme's default.
    pub port: Option<u16>,
}

/// Reads a URL with a WHATWG parser: its [`Parts`], or why it is not a URL.
pub type Parse = fn(&str) -> Result<Parts, OriginError>;

/// The `url` crate's reading of `text`.
///
/// # Errors
///
/// [`OriginError::NoAuthority`] for a relative URL, [`OriginError::Invalid`] for any other the
/// parser refuses.
pub fn url_crate(text: &str) -> Result<Parts, OriginError> {
    let url = Url::parse(text).map_err(|error| match error {
        url::ParseError::RelativeUrlWithoutBase => OriginError::NoAuthority,
        error => OriginError::Invalid(error.to_string()),
    })?;
    Ok(Parts {
        scheme: url.scheme().to_owned(),
        userinfo: !url.username().is_empty() || url.password().is_some(),
        host: url.host_str().map(str::to_owned),
        port: url.port(),
    })
}

/// A number from 0 to 65,535 read as `str::parse::<u16>` reads it (an optional `+`, then ASCII
/// digits), without its generic code, which is a page's only use of it: a port, an HTTP status.
pub fn read_u16(text: &str) -> Option<u16> {
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0_u16, |number, b| {
        let digit = b.checked_sub(b'0').filter(|digit| *digit < 10)?;
        number.checked_mul(10)?.checked_add(u16::from(digit))
    })
}

/// The default port of the schemes a request may use.
fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        _ => None,
    }
}

/// An origin: scheme, host and port, as the URL Standard reads them (scheme and host in lower
/// case, the port given even when it is the scheme's default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

/// Why a text is not an origin the toolkit sends or writes into a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OriginError {
    /// A control character, a space or a `\`: the parser drops or rewrites them, other
    /// readers do not.
    Unsafe(char),
    /// Not a URL (the parser's reason).
    Invalid(String),
    /// Not `scheme://host...` (`crm.example.com`, `https:crm.example.com`).
    NoAuthority,
    /// An `@` before the path: user information (`user@`, `user:password@`, `@`), or to some
    /// readers the start of another host (`https://crm.example.com#@evil.example.net`).
    Userinfo,
    /// The parser reads the host or the port otherwise than written: percent-encoding, a
    /// Unicode host (write its `xn--` form), a shortened IPv4 address, an empty port or one
    /// with leading zeros.
    Rewritten,
    /// A scheme other than `https`, `http` and `wss`: the toolkit's rule for the manifest, so
    /// the only schemes a request can be allowed.
    Scheme,
    /// A manifest value with a path, a query or a fragment: an origin is scheme, host and port.
    NotBare,
    /// A manifest value whose host has characters other than letters, digits, `-` and `.`.
    Host,
    /// A `*` in a whitelisted domain: Desk documents no wildcard for `whiteListedDomains`.
    Wildcard,
    /// A configuration parameter's placeholder (`{{name}}`) before the path: Desk's proxy
    /// fills it in after this check, and to a reader that ends the host only at a `/`, a value
    /// holding `@` would start another host there.
    Placeholder,
}

impl fmt::Display for OriginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Written piece by piece: no text is built for it (it is in every page that
            // makes requests).
            OriginError::Unsafe(c) => {
                f.write_str("it holds ")?;
                match c {
                    ' ' => f.write_str("a space")?,
                    '\\' => f.write_str("a `\\`")?,
                    c => {
                        f.write_str("the character U+")?;
                        // `{:04X}` by hand: a page has no other use for hexadecimal.
                        let code = u32::from(*c);
                        for shift in [20, 16, 12, 8, 4, 0] {
                            if shift < 16 || code >> shift != 0 {
                                let digit = char::from_digit(code >> shift & 0xF, 16);
                                f.write_char(digit.unwrap_or('0').to_ascii_uppercase())?;
                            }
                        }
                    }
                }
                f.write_str(", which URL parsers drop or read differently")
            }
            OriginError::Invalid(error) => write!(f, "it is not a URL ({error})"),
            OriginError::NoAuthority => f.write_str("it does not start with `scheme://host`"),
            OriginError::Userinfo => f.write_str(
                "it has an `@` before its path: user information, or to some readers another host",
            ),
            OriginError::Rewritten => f.write_str(
                "its host or port is not written as URL parsers read it (percent-encoding, a \
                 Unicode host: write its `xn--` form, a shortened IPv4 address, a port with \
                 leading zeros or none after `:`)",
            ),
            OriginError::Scheme => f.write_str("its scheme is not `https`, `http` or `wss`"),
            OriginError::NotBare => f.write_str(
                "it has a path, a query or a fragment: write the origin alone (`scheme://host` \
                 and an optional `:port`)",
            ),
            OriginError::Host => {
                f.write_str("its host has characters other than letters, digits, `-` and `.`")
            }
            OriginError::Wildcard => {
                f.write_str("Desk documents no wildcard for whitelisted domains: list each origin")
            }
            OriginError::Placeholder => f.write_str(
                "a placeholder `{{...}}` stands before its path, where the value Desk's proxy \
                 fills in could change the host: put a `/` after the host",
            ),
        }
    }
}

impl std::error::Error for OriginError {}

impl Origin {
    /// The origin of a URL given to `ZOHODESK.request`.
    ///
    /// # Errors
    ///
    /// [`OriginError`] when the parser rejects `url`, or another reader could take its origin
    /// otherwise (see the module's documentation).
    pub fn of_request(url: &str) -> Result<Origin, OriginError> {
        Self::of_request_with(url, url_crate)
    }

    /// [`Origin::of_request`], read with `parse`.
    ///
    /// # Errors
    ///
    /// As [`Origin::of_request`].
    pub fn of_request_with(url: &str, parse: Parse) -> Result<Origin, OriginError> {
        read(url, parse).map(|(origin, _)| origin)
    }

    /// A domain of the manifest's `whiteListedDomains`: a bare origin (`https`, `http` or
    /// `wss`; host of letters, digits, `-` and `.`; optional port).
    ///
    /// # Errors
    ///
    /// [`OriginError`] otherwise; [`OriginError::Wildcard`] for a `*`.
    pub fn whitelisted(domain: &str) -> Result<Origin, OriginError> {
        Self::whitelisted_with(domain, url_crate)
    }

    /// [`Origin::whitelisted`], read with `parse`.
    ///
    /// # Errors
    ///
    /// As [`Origin::whitelisted`].
    pub fn whitelisted_with(domain: &str, parse: Parse) -> Result<Origin, OriginError> {
        let origin = manifest_origin(domain, parse)?;
        if origin.host.contains('*') {
            return Err(OriginError::Wildcard);
        }
        origin.plain_host()
    }

    /// A source of the manifest's `cspDomains.connect-src`, as a CSP host source: a bare
    /// origin as [`Origin::whitelisted`], whose host may start with `*.` (any subdomain).
    ///
    /// # Errors
    ///
    /// [`OriginError`] otherwise.
    pub fn csp_source(source: &str) -> Result<Origin, OriginError> {
        let origin = manifest_origin(source, url_crate)?;
        match origin.host.strip_prefix("*.") {
            Some(rest) if !rest.contains('*') => {
                check_host(rest)?;
                Ok(origin)
            }
            _ => origin.plain_host(),
        }
    }

    /// The scheme, in lower case.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The host, in lower case (a domain in its ASCII form, or an IP address).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port, the scheme's default when none is written.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Whether `domain`, a value of `whiteListedDomains`, is this origin: exactly when
    /// [`Origin::whitelisted`] reads it as this origin, compared as text, without a parser.
    /// A page need not parse its extension's domains again (`extension!` checked them when it
    /// compiled) but the comparison is as strict: a domain is read only if its host and port are
    /// written as parsers write them, up to ASCII case, so this origin's domain is
    /// `scheme://host`, with `:port` when the port is not the scheme's default and optionally
    /// when it is; its host must be letters, digits, `-` and `.` as for
    /// [`Origin::whitelisted`].
    pub fn is_whitelisted_as(&self, domain: &str) -> bool {
        let Some(port_written) = strip_prefix_ignore_case(domain, &self.scheme)
            .and_then(|rest| rest.strip_prefix("://"))
            .and_then(|written| after_host(written, &self.host, self.port))
        else {
            return false;
        };
        // The scheme is one a manifest allows: an `Origin` is read by `read` alone.
        check_host(&self.host).is_ok()
            && (port_written || default_port(&self.scheme) == Some(self.port))
    }

    fn plain_host(self) -> Result<Origin, OriginError> {
        check_host(&self.host)?;
        Ok(self)
    }
}

/// A manifest value: a bare origin.
fn manifest_origin(text: &str, parse: Parse) -> Result<Origin, OriginError> {
    let (origin, rest) = read(text, parse)?;
    if !rest.is_empty() {
        return Err(OriginError::NotBare);
    }
    Ok(origin)
}

/// Letters, digits, `-` and `.` (a CSP host's characters, and nothing that ends a header's
/// value).
fn check_host(host: &str) -> Result<(), OriginError> {
    if !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'))
    {
        Ok(())
    } else {
        Err(OriginError::Host)
    }
}

/// `text` without `prefix`, which it starts with up to ASCII case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.get(..prefix.len())
        .filter(|start| start.eq_ignore_ascii_case(prefix))
        .and(text.get(prefix.len()..))
}

/// What `authority` writes after `host`, which it starts with up to ASCII case: nothing
/// (`Some(false)`), or `:` and `port` as URL parsers write a port, in decimal without a sign
/// or leading zeros (`Some(true)`); `None` for anything else.
fn after_host(authority: &str, host: &str, port: u16) -> Option<bool> {
    let rest = strip_prefix_ignore_case(authority, host)?;
    if rest.is_empty() {
        return Some(false);
    }
    let digits = rest.strip_prefix(':')?;
    // Not `format!(":{port}")`: a page would carry integer formatting for this alone.
    let unsigned = digits == "0"
        || digits
            .as_bytes()
            .first()
            .is_some_and(|b| matches!(b, b'1'..=b'9'));
    (unsigned && read_u16(digits) == Some(port)).then_some(true)
}

/// The origin of `text`, and what follows its authority (path, query, fragment).
fn read(text: &str, parse: Parse) -> Result<(Origin, &str), OriginError> {
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return Err(OriginError::Unsafe(c));
    }
    let url = parse(text)?;
    let scheme = url.scheme.as_str();
    if !matches!(scheme, "https" | "http" | "wss") {
        return Err(OriginError::Scheme);
    }
    let written = strip_prefix_ignore_case(text, scheme)
        .and_then(|rest| rest.strip_prefix("://"))
        .ok_or(OriginError::NoAuthority)?;
    // Searched by bytes (ASCII all): a `char` searcher is most of a kilobyte of a page.
    let end = written
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(written.len());
    let (Some(authority), Some(rest)) = (written.get(..end), written.get(end..)) else {
        return Err(OriginError::NoAuthority);
    };
    let path = written.bytes().position(|b| b == b'/');
    let before_path = written.get(..path.unwrap_or(written.len()));
    if before_path.is_none_or(|before| before.bytes().any(|b| b == b'@')) || url.userinfo {
        return Err(OriginError::Userinfo);
    }
    // By bytes: `str::contains`'s searcher is a kilobyte of a widget's module.
    if before_path.is_none_or(|before| before.as_bytes().windows(2).any(|pair| pair == b"{{")) {
        return Err(OriginError::Placeholder);
    }
    let (Some(host), Some(port)) = (url.host.as_deref(), url.port.or(default_port(scheme))) else {
        return Err(OriginError::NoAuthority);
    };
    if after_host(authority, host, port).is_none() {
        return Err(OriginError::Rewritten);
    }
    Ok((
        Origin {
            scheme: scheme.to_owned(),
            host: host.to_ascii_lowercase(),
            port,
        },
        rest,
    ))
}

#[cfg(test)]
mod tests {
    use super::{Origin, OriginError};

    #[test]
    fn a_request_is_refused_for_what_another_reader_could_take_otherwise() {
        for (url, expected) in [
            ("https://a.example\\@b.example/", OriginError::Unsafe('\\')),
            ("https://b.ex\tample/", OriginError::Unsafe('\t')),
            ("https://a.example@b.example/", OriginError::Userinfo),
            ("https://b.example#@a.example", OriginError::Userinfo),
            ("https://b%2Eexample/", OriginError::Rewritten),
            ("http://127.1/", OriginError::Rewritten),
            ("https://b.example:0443/", OriginError::Rewritten),
            ("https://b.example:/", OriginError::Rewritten),
            ("https:///b.example/", OriginError::Rewritten),
            ("https:b.example/", OriginError::NoAuthority),
            ("ftp://b.example/", OriginError::Scheme),
            ("b.example/", OriginError::NoAuthority),
            (
                "https://b.example?key={{crm_key}}",
                OriginError::Placeholder,
            ),
            ("https://b.example#{{crm_key}}", OriginError::Placeholder),
            (
                "https://b.example:99999/",
                OriginError::Invalid(url::ParseError::InvalidPort.to_string()),
            ),
        ] {
            assert_eq!(Origin::of_request(url), Err(expected), "{url}");
        }
        // IDNA: with no Unicode back end the parser rejects a Unicode host, with one it
        // rewrites it to its `xn--` form; refused either way.
        assert!(Origin::of_request("https://b\u{fc}cher.example/").is_err());
        // After the path, a placeholder cannot reach the host, whatever fills it.
        assert!(Origin::of_request("https://b.example/?key={{crm_key}}").is_ok());
    }

    #[test]
    fn an_origin_is_scheme_lower_case_host_and_port() {
        let origin = Origin::of_request("HTTPS://B.Example:443/x?y#z").unwrap();
        assert_eq!(
            (origin.scheme(), origin.host(), origin.port()),
            ("https", "b.example", 443)
        );
        assert_eq!(
            Origin::of_request("http://[::1]:8080/").unwrap().host(),
            "[::1]"
        );
        assert_eq!(
            Origin::of_request("https://xn--bcher-kva.example/")
                .unwrap()
                .host(),
            "xn--bcher-kva.example"
        );
    }

    #[test]
    fn an_unsafe_character_is_named() {
        for (c, named) in [
            (' ', "a space"),
            ('\\', "a `\\`"),
            ('\t', "the character U+0009"),
            ('\u{2028}', "the character U+2028"),
            ('\u{85}', "the character U+0085"),
            ('\u{feff}', "the character U+FEFF"),
            ('\u{1abcd}', "the character U+1ABCD"),
            ('\u{10ffff}', "the character U+10FFFF"),
        ] {
            assert_eq!(
                OriginError::Unsafe(c).to_string(),
                format!("it holds {named}, which URL parsers drop or read differently")
            );
        }
    }

    #[test]
    fn a_u16_is_read_as_str_parse_reads_it() {
        for text in [
            "", "+", "-", "-0", "0", "+0", "00", "7", "+443", "0443", "65535", "65536", "99999",
            "100000", "1:", "1/", "1a", "a1", " 1", "1 ", "++1", "\u{663}", "4\u{663}", "1.0",
        ] {
            assert_eq!(super::read_u16(text), text.parse().ok(), "{text:?}");
        }
    }

    /// The comparison a page makes without parsing its domains agrees with reading each
    /// domain: every domain of the table against the origin of every URL of it.
    #[test]
    fn a_domain_is_compared_as_text_exactly_as_it_reads() {
        let domains = [
            "https://crm.example.com",
            "HTTPS://CRM.Example.com",
            "https://crm.example.com:443",
            "https://crm.example.com:0443",
            "https://crm.example.com:+443",
            "https://crm.example.com:",
            "https://crm.example.com:8443",
            "http://crm.example.com",
            "http://crm.example.com:443",
            "wss://crm.example.com",
            "ws://crm.example.com",
            "ftp://crm.example.com",
            "https://crm.example.com/",
            "https://crm.example.com.",
            "https://crm.example.co",
            "https://rm.example.com",
            "https://user@crm.example.com",
            "https://*.example.com",
            "https://*",
            "https://[::1]",
            "http://127.0.0.1:5000",
            "http://127.1:5000",
            "http://2130706433:5000",
            "https://xn--bcher-kva.example",
            "https://crm.example.com\t",
            "https:crm.example.com",
            "https://",
            "",
        ];
        let urls = [
            "https://crm.example.com/",
            "https://CRM.example.com:443/v1",
            "https://crm.example.com:8443/",
            "http://crm.example.com/",
            "http://crm.example.com:443/",
            "wss://crm.example.com/",
            "https://crm.example.com./",
            "https://*.example.com/",
            "https://*/",
            "https://[::1]/",
            "http://127.0.0.1:5000/",
            "https://xn--bcher-kva.example/",
        ];
        let mut matched = 0;
        for url in urls {
            let origin = Origin::of_request(url).unwrap();
            for domain in domains {
                let read = Origin::whitelisted(domain).as_ref() == Ok(&origin);
                assert_eq!(origin.is_whitelisted_as(domain), read, "{url} {domain}");
                matched += usize::from(read);
            }
        }
        assert_eq!(matched, 13);
    }

    #[test]
    fn a_manifest_value_is_a_bare_origin_that_cannot_end_a_header_value() {
        for (value, expected) in [
            ("https://b.example/", OriginError::NotBare),
            ("https://b.example?x", OriginError::NotBare),
            ("https://b.example;script-src", OriginError::Host),
            ("https://b.example,c.example", OriginError::Host),
            (
                "https://b.example,https://c.example",
                OriginError::Rewritten,
            ),
            ("https://b\"example", OriginError::Host),
            ("https://[::1]", OriginError::Host),
            (
                "https://b.example\r\nSet-Cookie: x",
                OriginError::Unsafe('\r'),
            ),
            (
                "https://b.example 'unsafe-inline'",
                OriginError::Unsafe(' '),
            ),
            ("https://*.b.example", OriginError::Wildcard),
            ("blob:", OriginError::Scheme),
        ] {
            assert_eq!(Origin::whitelisted(value), Err(expected), "{value}");
        }
        assert!(Origin::whitelisted("wss://push.b.example:8443").is_ok());
        assert!(Origin::whitelisted("http://127.0.0.1:5000").is_ok());
        assert!(Origin::csp_source("https://*.b.example").is_ok());
        for value in ["https://*", "https://*.*.b.example", "https://b.*.example"] {
            assert_eq!(Origin::csp_source(value), Err(OriginError::Host), "{value}");
        }
    }
}
