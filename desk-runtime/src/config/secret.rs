//! Secure parameters: Desk keeps their values on its server and writes them into a request
//! where it says `{{name}}`, so the widget never holds one. A [`Secret`] is that name and
//! nothing else: it cannot be displayed, serialized, stored, notified or sent in a message
//! (none of those take it), only placed into a [`Request`](crate::desk::Request) through
//! [`RequestText`].
//!
//! ```compile_fail,E0277
//! let key = desk_runtime::config::Secret::named("crm_key");
//! let shown = format!("{key}"); // error[E0277]: `Secret` doesn't implement `std::fmt::Display`
//! ```

use std::fmt;
use std::ops::Add;

/// A secure configuration parameter (`secure: true`): its name, never its value.
///
/// Place it into a request (`Request::get("https://crm.example.com/v1")
/// .header("Authorization", "Bearer " + &key)`): Desk's proxy fills in the value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Secret {
    name: &'static str,
}

impl Secret {
    /// The secure parameter `name` (`#[derive(DeskConfig)]` makes one per `Secret` field).
    pub const fn named(name: &'static str) -> Self {
        Secret { name }
    }

    /// The parameter's name.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

/// Its name only: the value is never in the widget.
impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Secret").field(&self.name).finish()
    }
}

/// Text of a request (its URL, a header's or a query parameter's value, a body field) that may
/// hold secure parameters, written as the platform's placeholder `{{name}}`. Made from a
/// string, a [`Secret`], or both joined with `+`: `"Bearer " + &key`. It has no `Display` and
/// no way back to a `String`: only a [`Request`](crate::desk::Request) takes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequestText {
    text: String,
    /// Where a `Secret` wrote `{{name}}`: the only `{{` the text may hold.
    secrets: Vec<usize>,
}

impl RequestText {
    fn plain(text: String) -> Self {
        RequestText {
            text,
            secrets: Vec::new(),
        }
    }

    /// The text, placeholders included, for the request's options; `Err` (the text) when a
    /// `{{` came from plain text, which Desk's proxy would fill in with a parameter's value.
    pub(crate) fn into_string(self) -> Result<String, String> {
        let secrets = &self.secrets;
        if placeholders(&self.text).all(|at| secrets.contains(&at)) {
            Ok(self.text)
        } else {
            Err(self.text)
        }
    }
}

/// Where `{{` starts in `text`, overlapping (`{{{` twice): a plain `{` next to a secret's
/// placeholder is refused too. By bytes rather than `str::match_indices`, whose searcher is a
/// kilobyte of a module.
pub(crate) fn placeholders(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.as_bytes()
        .windows(2)
        .enumerate()
        .filter_map(|(at, pair)| (pair == b"{{").then_some(at))
}

impl From<&str> for RequestText {
    fn from(text: &str) -> Self {
        RequestText::plain(text.to_owned())
    }
}

impl From<String> for RequestText {
    fn from(text: String) -> Self {
        RequestText::plain(text)
    }
}

impl From<&String> for RequestText {
    fn from(text: &String) -> Self {
        RequestText::plain(text.clone())
    }
}

impl From<&Secret> for RequestText {
    fn from(secret: &Secret) -> Self {
        RequestText {
            text: placeholder(secret),
            secrets: vec![0],
        }
    }
}

impl From<Secret> for RequestText {
    fn from(secret: Secret) -> Self {
        RequestText {
            text: placeholder(&secret),
            secrets: vec![0],
        }
    }
}

/// `{{name}}`: "enclose the configuration parameter name within double curly braces" (the
/// guide's page on configuration parameters).
fn placeholder(secret: &Secret) -> String {
    format!("{{{{{}}}}}", secret.name)
}

impl<T: Into<RequestText>> Add<T> for RequestText {
    type Output = RequestText;

    fn add(mut self, more: T) -> RequestText {
        let more = more.into();
        let shift = self.text.len();
        self.secrets
            .extend(more.secrets.iter().map(|at| at + shift));
        self.text.push_str(&more.text);
        self
    }
}

impl Add<&Secret> for &str {
    type Output = RequestText;

    fn add(self, secret: &Secret) -> RequestText {
        RequestText::from(self) + secret
    }
}

// Not `impl Add<&Secret> for String`: a second `Add` of `String` would stop `string + &other`
// from coercing `&String` to `&str` in every crate that uses this one.

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_written_as_its_placeholder_and_debugs_as_its_name() {
        let key = Secret::named("crm_key");
        let text = "Bearer " + &key + "; v=1";
        assert_eq!(text.into_string(), Ok("Bearer {{crm_key}}; v=1".to_owned()));
        assert_eq!(format!("{key:?}"), r#"Secret("crm_key")"#);
    }

    /// A `{` written next to a secret makes `{{{`, which the proxy could read either way:
    /// refused, as is any `{{` of plain text.
    #[test]
    fn a_brace_next_to_a_secret_is_refused() {
        let key = Secret::named("crm_key");
        assert_eq!(("{" + &key).into_string(), Err("{{{crm_key}}".to_owned()));
        assert_eq!(
            ("a{{" + &key).into_string(),
            Err("a{{{{crm_key}}".to_owned())
        );
        assert_eq!(placeholders("{{{ {{").collect::<Vec<_>>(), [0, 1, 4]);
    }
}
