//! One error for widget code: what a handler returns when it makes calls of several kinds.
//!
//! Each call keeps its own error type ([`HostError`] for the SDK's calls, [`RequestError`] for
//! `desk.request` and its answer) for code that matches on it; both convert into [`Error`], so
//! `?` works on any mix of calls in a handler that returns `Result<_, desk_runtime::Error>`:
//!
//! ```
//! use desk_runtime::prelude::*;
//! use desk_runtime::desk::property::UserFullName;
//! use desk_runtime::desk::Request;
//! use desk_runtime::events::CallRinging;
//!
//! #[derive(Default)]
//! pub struct Caller { line: String }
//!
//! #[desk_widget(location = "desk.extension.telephony")]
//! impl Caller {
//!     #[on("call.ringing")]
//!     async fn ringing(&mut self, call: CallRinging, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
//!         let agent = desk.get::<UserFullName>().await?; // a `HostError`
//!         let request = Request::get("https://crm.example.com/contacts").query("phone", &call.number);
//!         let body = desk.request(request).await?.body; // a `RequestError`
//!         self.line = format!("{agent}: {body}");
//!         Ok(())
//!     }
//! }
//! # desk_runtime::extension! {
//! #     name: "Caller",
//! #     whitelisted_domains: ["https://crm.example.com"],
//! #     widgets: { "Caller": Caller },
//! # }
//! # impl Page for Caller { fn render(&self) -> String { String::new() } }
//!
//! // Both kinds of failure reach the error hooks through the one error type.
//! let mut desk = desk_runtime::sim::SimulatedDesk::new(Caller::default());
//! desk.load().unwrap();
//! let error = desk.fire_sample("call.ringing").unwrap_err().to_string();
//! assert!(error.contains("user.fullName"), "{error}");
//! desk.set_data("user.fullName", serde_json::json!("Ada"));
//! desk.answer_request("GET", "https://crm.example.com/contacts", 503, serde_json::json!("down"));
//! let error = desk.fire_sample("call.ringing").unwrap_err().to_string();
//! assert!(error.contains("the service answered 503: down"), "{error}");
//! ```

use crate::config::ConfigError;
use crate::desk::RequestError;
use crate::errors::HostError;
use std::fmt;

/// Any error of a call to Desk, or one the widget reports itself ([`Error::other`]).
///
/// Every call's own error converts into it with `?`; match on it to get that error back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A call through the SDK failed or was refused ([`Desk::get`](crate::Desk::get),
    /// `set`, storage, messages, modals, ...).
    Host(HostError),
    /// A request to another service failed, or its answer is not of the type asked for.
    Request(RequestError),
    /// The extension's configuration could not be read ([`Desk::config`](crate::Desk::config)).
    Config(ConfigError),
    /// The widget's own error, with its message.
    Other(String),
}

impl Error {
    /// The widget's own error: a handler that returns it reports `message` to the error hooks.
    ///
    /// ```
    /// let error = desk_runtime::Error::other("no caller on the line");
    /// assert_eq!(error.to_string(), "no caller on the line");
    /// ```
    pub fn other(message: impl fmt::Display) -> Error {
        Error::Other(message.to_string())
    }
}

impl From<HostError> for Error {
    fn from(error: HostError) -> Error {
        Error::Host(error)
    }
}

impl From<RequestError> for Error {
    /// A request that the SDK itself failed is a [`Error::Host`], as every other such call.
    fn from(error: RequestError) -> Error {
        match error {
            RequestError::Host(error) => Error::Host(error),
            error => Error::Request(error),
        }
    }
}

impl From<ConfigError> for Error {
    /// A configuration that the SDK itself failed to read is a [`Error::Host`], as every other
    /// such call.
    fn from(error: ConfigError) -> Error {
        match error {
            ConfigError::Host(error) => Error::Host(error),
            error => Error::Config(error),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Host(error) => error.fmt(f),
            Error::Request(error) => error.fmt(f),
            Error::Config(error) => error.fmt(f),
            Error::Other(message) => crate::bounded::write(f, |out| out.write_str(message)),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Host(error) => Some(error),
            Error::Request(error) => Some(error),
            Error::Config(error) => Some(error),
            Error::Other(_) => None,
        }
    }
}
