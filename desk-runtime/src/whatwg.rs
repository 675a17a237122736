//! URLs read with a WHATWG parser, for the whitelist's check (`Extension::check_request`):
//! natively the `url` crate, in a page the browser's own `URL`, the URL Standard as the page
//! itself reads it, so that a page carries no second parser (decision 0009: 40 KB of the call
//! bar's module). The same table of spellings holds on both (`tests/whitelist.rs`, in Chromium
//! `tests/browser.rs`).

#[cfg(not(all(target_arch = "wasm32", feature = "browser")))]
pub(crate) use desk_catalog::origin::url_crate as parse;
#[cfg(all(target_arch = "wasm32", feature = "browser"))]
pub(crate) use page::parse;

#[cfg(all(target_arch = "wasm32", feature = "browser"))]
mod page {
    use desk_catalog::origin::{OriginError, Parts};
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(inline_js = "
export function read_url(text) {
  let url;
  try { url = new URL(text); } catch (error) { return null; }
  const userinfo = url.username !== '' || url.password !== '' ? '1' : '';
  return [url.protocol.slice(0, -1), userinfo, url.hostname, url.port].join('\\n');
}")]
    extern "C" {
        /// `new URL(text)`'s scheme, whether it has user information, host and port, one a
        /// line; `null` when the parser throws.
        fn read_url(text: &str) -> Option<String>;
    }

    /// The browser's reading of `text`.
    pub(crate) fn parse(text: &str) -> Result<Parts, OriginError> {
        let Some(read) = read_url(text) else {
            return Err(if has_scheme(text) {
                OriginError::Invalid("the URL Standard's parser refuses it".to_owned())
            } else {
                OriginError::NoAuthority
            });
        };
        // Split by bytes: a `char` searcher is most of a kilobyte of a page.
        let mut rest = read.as_str();
        let mut next = || {
            let end = rest.bytes().position(|b| b == b'\n').unwrap_or(rest.len());
            let part = rest.get(..end).unwrap_or_default();
            rest = rest.get(end + 1..).unwrap_or_default();
            part
        };
        let (scheme, userinfo, host, port) = (next(), next(), next(), next());
        Ok(Parts {
            scheme: scheme.to_owned(),
            userinfo: !userinfo.is_empty(),
            host: (!host.is_empty()).then(|| host.to_owned()),
            port: desk_catalog::origin::read_u16(port),
        })
    }

    /// Whether `text` starts with a scheme (a letter, then letters, digits, `+`, `-`, `.`, and
    /// `:`): without one the parser wanted a base URL, as the `url` crate says.
    fn has_scheme(text: &str) -> bool {
        let Some(scheme) = text
            .bytes()
            .position(|b| b == b':')
            .and_then(|colon| text.get(..colon))
        else {
            return false;
        };
        scheme
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    }
}
