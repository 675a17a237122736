//! A call the extension's manifest does not allow.

use crate::bounded;
use desk_catalog::origin::OriginError;
use std::fmt;

/// A call the extension's manifest does not allow, refused before it reaches Desk: what was
/// refused ([`NotAllowed::refusal`]), and its message.
///
/// The message is written when the call is refused, not when it is displayed: its texts (the
/// reasons a URL is refused among them) are then in the WebAssembly module of a widget that
/// makes such calls only, not in every module that displays an error (BENCHMARKS.md section
/// 5.6).
#[derive(Clone, PartialEq, Eq)]
pub struct NotAllowed {
    refusal: Refusal,
    message: String,
}

/// What the manifest refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// Storage is used, but the manifest has `"storage": false`.
    StorageDisabled {
        /// The extension's name.
        extension: &'static str,
    },
    /// A request to an origin that is not in `whiteListedDomains`.
    DomainNotWhitelisted {
        /// The request's URL: at most its first [`QUOTED_URL_BYTES`] bytes, `...` marking a
        /// cut.
        url: String,
        /// The extension's whitelisted origins.
        whitelisted: &'static [&'static str],
    },
    /// A request to a URL whose origin cannot be read safely: the parser rejects it, or
    /// another reader (Desk's proxy) could take its host otherwise.
    InvalidUrl {
        /// The request's URL: at most its first [`QUOTED_URL_BYTES`] bytes, `...` marking a
        /// cut.
        url: String,
        /// Why.
        reason: OriginError,
    },
    /// Text of a request that holds `{{` without a `Secret` having written it: Desk's proxy
    /// would fill a configuration parameter's value in there.
    PlainPlaceholder {
        /// The text, cut at [`QUOTED_URL_BYTES`] bytes.
        text: String,
    },
}

// Built here, where the URL is quoted: an error never holds more of it than that.
impl NotAllowed {
    /// What was refused.
    pub fn refusal(&self) -> &Refusal {
        &self.refusal
    }

    pub(crate) fn storage_disabled(extension: &'static str) -> Self {
        NotAllowed::new(Refusal::StorageDisabled { extension })
    }

    pub(crate) fn plain_placeholder(text: &str) -> Self {
        NotAllowed::new(Refusal::PlainPlaceholder { text: quote(text) })
    }

    pub(crate) fn invalid_url(url: &str, reason: OriginError) -> Self {
        NotAllowed::new(Refusal::InvalidUrl {
            url: quote(url),
            reason,
        })
    }

    pub(crate) fn domain_not_whitelisted(url: &str, whitelisted: &'static [&'static str]) -> Self {
        NotAllowed::new(Refusal::DomainNotWhitelisted {
            url: quote(url),
            whitelisted,
        })
    }

    fn new(refusal: Refusal) -> Self {
        let message = bounded::string(format_args!("{refusal}"));
        NotAllowed { refusal, message }
    }
}

/// How much of a refused URL an error quotes: an error may be logged or shown, a URL may be
/// long (the whole message is at most 300 bytes besides).
pub const QUOTED_URL_BYTES: usize = 100;

/// As its refusal: the message says nothing more.
impl fmt::Debug for NotAllowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.refusal.fmt(f)
    }
}

/// At most 300 bytes: the message written when the call was refused.
impl fmt::Display for NotAllowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bounded::write(f, |out| match self {
            Refusal::StorageDisabled { extension } => write!(
                out,
                "storage is not enabled in the extension `{extension}`: add `storage: true` to \
                 its `extension!`"
            ),
            Refusal::DomainNotWhitelisted { url, whitelisted } => {
                write!(out, "`{url}` is not on a whitelisted domain")?;
                if whitelisted.is_empty() {
                    out.write_str(" (the extension whitelists none)")?;
                } else {
                    // Each written in turn: `join` would build a text to copy once.
                    let mut separator = " (whitelisted: ";
                    for domain in *whitelisted {
                        out.write_str(separator)?;
                        out.write_str(domain)?;
                        separator = ", ";
                    }
                    out.write_str(")")?;
                }
                out.write_str(": add its origin to `whitelisted_domains` in `extension!`")
            }
            Refusal::InvalidUrl { url, reason } => {
                write!(out, "`{url}` is refused: {reason}")
            }
            Refusal::PlainPlaceholder { text } => write!(
                out,
                "`{text}` holds `{{{{` that no `Secret` wrote: Desk's proxy would fill a \
                 parameter's value in"
            ),
        })
    }
}

impl std::error::Error for NotAllowed {}

/// The first [`QUOTED_URL_BYTES`] bytes of `url` (cut at a character boundary, `...` marking
/// the cut), control characters replaced: what an error may quote of it.
fn quote(url: &str) -> String {
    bounded::cut(url, QUOTED_URL_BYTES)
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{NotAllowed, QUOTED_URL_BYTES, quote};

    #[test]
    fn a_url_is_quoted_to_its_100th_byte_at_a_character_boundary() {
        let at = |length: usize, tail: &str| format!("{}{tail}", "a".repeat(length));
        let full = at(QUOTED_URL_BYTES, "");
        assert_eq!(quote(&full), full);
        assert_eq!(quote(&at(QUOTED_URL_BYTES, "b")), format!("{full}..."));
        // `é` is two bytes: from the 100th, it is cut whole.
        let before = at(QUOTED_URL_BYTES - 1, "");
        assert_eq!(
            quote(&at(QUOTED_URL_BYTES - 1, "é")),
            format!("{before}...")
        );
        assert_eq!(quote("a\r\nb\u{85}"), "a\u{fffd}\u{fffd}b\u{fffd}");
    }

    #[test]
    fn a_refusal_lists_the_whitelisted_domains() {
        let refused = |whitelisted| {
            NotAllowed::domain_not_whitelisted("https://b.example/", whitelisted).to_string()
        };
        let advice = ": add its origin to `whitelisted_domains` in `extension!`";
        assert_eq!(
            refused(&[]),
            format!(
                "`https://b.example/` is not on a whitelisted domain (the extension whitelists \
                 none){advice}"
            )
        );
        assert_eq!(
            refused(&["https://a.example"]),
            format!(
                "`https://b.example/` is not on a whitelisted domain (whitelisted: \
                 https://a.example){advice}"
            )
        );
        assert_eq!(
            refused(&["https://a.example", "wss://c.example:8443"]),
            format!(
                "`https://b.example/` is not on a whitelisted domain (whitelisted: \
                 https://a.example, wss://c.example:8443){advice}"
            )
        );
    }
}
