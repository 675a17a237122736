//! `ZOHODESK.request`: the platform's proxy to other services.
//!
//! The platform answers with a JSON string whose `response` is itself a JSON string (its own
//! sample does `JSON.parse(JSON.parse(res).response)`), holding `status` (the string `"true"`
//! on success) and `statusMessage` (the service's answer); another sample reads `statusCode`
//! from the outer layer. Decision: both layers are read here, the outer `statusCode` is the
//! service's HTTP status when present, a `status` other than `"true"` or a `statusCode` of 400
//! and more is the service's error, with `statusMessage` as its message.

use super::{HostError, answer, encode};
use crate::bounded;
use crate::config::RequestText;
use crate::config::placeholders;
use crate::errors::NotAllowed;
use crate::json::Raw;
use crate::json::members::{members, present};
use crate::json::write::{Object, Strings};
use crate::link::Json;
use desk_catalog::origin::read_u16;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::fmt;

/// An HTTP method the proxy takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`: sent as `POST` with the header `header-override: PATCH`, as widget authors
    /// report the proxy needs.
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// As the proxy's `type` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// A call to another service: `Request::get(url).query("phone", number)`.
///
/// Its URL, headers, query parameters and body fields are [`RequestText`]: a string, or a
/// secure configuration parameter ([`Secret`](crate::config::Secret)) written as `{{name}}`,
/// which Desk's proxy replaces with the value it keeps. Decision: the guide says to use the
/// placeholder "in the request method" without saying where; it is allowed in all four.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    method: Method,
    url: String,
    headers: Strings,
    /// The body set whole, as JSON text, or why it could not be written.
    body: Option<Result<Json, HostError>>,
    /// Fields set one by one, added to the body.
    fields: Strings,
    query: Strings,
    connection: Option<String>,
    /// Plain text holding `{{`: the request is refused.
    plain_placeholder: Option<String>,
}

impl Request {
    fn text(&mut self, text: RequestText) -> String {
        text.into_string().unwrap_or_else(|text| {
            self.plain_placeholder.get_or_insert_with(|| text.clone());
            text
        })
    }

    /// A header's, parameter's or field's name: plain text, so a `{{` in it is refused too.
    fn name(&mut self, name: String) -> String {
        if placeholders(&name).next().is_some() {
            self.plain_placeholder.get_or_insert_with(|| name.clone());
        }
        name
    }

    /// The text of a `{{` that did not come from a `Secret`, if the request holds one.
    pub(crate) fn plain_placeholder(&self) -> Option<&str> {
        self.plain_placeholder.as_deref()
    }

    /// A request with `method` to `url`.
    pub fn new(method: Method, url: impl Into<RequestText>) -> Self {
        let mut request = Request {
            method,
            url: String::new(),
            headers: Strings::default(),
            body: None,
            fields: Strings::default(),
            query: Strings::default(),
            connection: None,
            plain_placeholder: None,
        };
        request.url = request.text(url.into());
        request
    }

    /// `GET url`.
    pub fn get(url: impl Into<RequestText>) -> Self {
        Request::new(Method::Get, url)
    }

    /// `POST url` with a JSON body: [`Request::body`].
    pub fn post(url: impl Into<RequestText>, body: impl Serialize) -> Self {
        Request::new(Method::Post, url).body(body)
    }

    /// Adds a header.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<RequestText>) -> Self {
        let value = self.text(value.into());
        let name = self.name(name.into());
        self.headers.insert(name, value);
        self
    }

    /// Adds a query parameter (the proxy's `data`).
    #[must_use]
    pub fn query(mut self, name: impl Into<String>, value: impl Into<RequestText>) -> Self {
        let value = self.text(value.into());
        let name = self.name(name.into());
        self.query.insert(name, value);
        self
    }

    /// Sets a field of the JSON body to text that may hold a secure parameter: added to the
    /// object [`Request::body`] set, if it set one (the field wins over a member of the same
    /// name, as the proxy reads JSON), and otherwise the body is an object of these fields.
    #[must_use]
    pub fn body_field(mut self, name: impl Into<String>, value: impl Into<RequestText>) -> Self {
        let value = self.text(value.into());
        let name = self.name(name.into());
        self.fields.insert(name, value);
        self
    }

    /// Sets the JSON body (the proxy's `postBody`): any `Serialize` value, such as a
    /// `serde_json::json!` object; fields set before are dropped. A value that cannot be
    /// written as JSON (a map whose keys are not strings) fails the call, before it is made.
    #[must_use]
    pub fn body(mut self, body: impl Serialize) -> Self {
        let body = encode(&body);
        if let Ok(text) = &body
            && let Some(at) = json_placeholder(text)
        {
            // Quoted from the braces: the message's bound would cut them off a long body.
            let quoted = text.get(at..).unwrap_or(text);
            self.plain_placeholder
                .get_or_insert_with(|| quoted.to_owned());
        }
        self.body = Some(body);
        self.fields = Strings::default();
        self
    }

    /// Goes through a connector of the extension, by its `connection_link_name`.
    #[must_use]
    pub fn connection(mut self, link_name: impl Into<String>) -> Self {
        self.connection = Some(link_name.into());
        self
    }

    /// The URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The proxy's options object, as JSON text (its keys sorted, as `serde_json` wrote them
    /// before); the body's failure to be written, if it failed.
    pub(crate) fn into_options(mut self) -> Result<Json, HostError> {
        let method = if self.method == Method::Patch {
            self.headers
                .insert("header-override".to_owned(), "PATCH".to_owned());
            "POST"
        } else {
            self.method.name()
        };
        let body = match (self.body.transpose()?, self.fields.is_empty()) {
            (Some(body), true) => body,
            // The fields after the object's members: the proxy's `JSON.parse` keeps the last.
            // A raw body keeps its spaces: `{ }` is empty too, and `}` may be followed by one.
            (Some(body), false) if !empty_object(&body) && body.trim_start().starts_with('{') => {
                let fields = self.fields.json();
                let members = body.trim_end().strip_suffix('}').unwrap_or_default();
                let fields = fields.strip_prefix('{').unwrap_or_default();
                // Pushed, not `format!`: no formatting for two texts.
                let mut spliced = String::with_capacity(members.len() + 1 + fields.len());
                spliced.push_str(members);
                spliced.push(',');
                spliced.push_str(fields);
                spliced
            }
            // `{}` for a GET, as the platform's samples send it.
            _ => self.fields.json(),
        };
        Ok(Object::new()
            .optional("connectionLinkName", self.connection.as_deref())
            .raw("data", &self.query.json())
            .raw("headers", &self.headers.json())
            .raw("postBody", &body)
            .string("type", method)
            .string("url", &self.url)
            .finish())
    }
}

/// Where JSON text holds `{{` once its strings are read (a string or a key of the body Desk
/// parses, whose `{{name}}` the proxy fills in): the byte the first brace is written at.
///
/// Not a search of the text for `{{`: a brace may be written `\u007b` (or `\u007B`), which a
/// [`Raw`] body (or `serde_json`'s `RawValue`) keeps as it was written, to be read as `{` by
/// Desk. Each escape is read as one character (`\\u007b` is a backslash, then `u007b`), so
/// two braces are found however each is written; outside strings, valid JSON never writes a `{`
/// next to another. Only the opening braces are looked for: a placeholder starts with `{{`, and
/// without one the proxy has nothing to fill in, however its `}}` is written.
fn json_placeholder(json: &str) -> Option<usize> {
    let bytes = json.as_bytes();
    // Where the character read before is a brace.
    let mut brace: Option<usize> = None;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (is_brace, next) = match byte {
            b'{' => (true, at + 1),
            b'\\' => match bytes.get(at + 1) {
                Some(b'u') => (
                    matches!(bytes.get(at + 2..at + 6), Some(b"007b" | b"007B")),
                    at + 6,
                ),
                // Not JSON's escape of a brace, but read as one: nothing hides a brace.
                escaped => (escaped == Some(&b'{'), at + 2),
            },
            _ => (false, at + 1),
        };
        if is_brace {
            if let Some(first) = brace {
                return Some(first);
            }
            brace = Some(at);
        } else {
            brace = None;
        }
        at = next;
    }
    None
}

/// Whether the JSON text `json` is an object without members, spaced or not (`{ }`).
fn empty_object(json: &str) -> bool {
    json.trim()
        .strip_prefix('{')
        .is_some_and(|inside| inside.trim_start() == "}")
}

/// What the service answered, unwrapped from the proxy's two layers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The service's HTTP status, when the proxy says it.
    pub status: Option<u16>,
    /// The service's answer as JSON text, as the proxy passed it on: a JSON value, or a JSON
    /// string when the service answered text. [`Response::json`] decodes it.
    pub body: String,
}

impl Response {
    /// The body decoded into `T` (a body that is a string holding JSON is read as that JSON).
    ///
    /// # Errors
    ///
    /// [`RequestError::Decode`] when it is not a `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, RequestError> {
        unquote(&self.body)
            .and_then(|body| answer::decode(&body))
            .map_err(RequestError::Decode)
    }

    /// The proxy's answer, read without `serde_json::Value` (BENCHMARKS.md section 5.6).
    pub(crate) fn from_answer(answer: &str) -> Result<Response, RequestError> {
        // The answer is quoted, up to the message's bound: it may be megabytes of anything.
        let malformed =
            |what: &str| RequestError::Malformed(bounded::string(format_args!("{what}: {answer}")));
        let [status_code, response] =
            layer(answer, ["statusCode", "response"]).ok_or_else(|| malformed("not JSON"))?;
        let status = status_code.and_then(|code| read_u16(&unquote(code.get()).ok()?));
        let inner = response.ok_or_else(|| malformed("no `response`"))?;
        // `status` is `"true"` on success, `statusMessage` the service's answer.
        let [succeeded, message] = layer(inner.get(), ["status", "statusMessage"])
            .ok_or_else(|| malformed("`response` is not JSON"))?;
        let succeeded =
            succeeded.is_some_and(|status| matches!(status.get(), r#""true""# | "true"));
        let message = message.as_ref().map_or("null", Raw::get);
        if !succeeded || status.is_some_and(|code| code >= 400) {
            let message = unquote(message).map_or_else(|_| message.to_owned(), Cow::into_owned);
            return Err(RequestError::Service { status, message });
        }
        Ok(Response {
            status,
            body: message.to_owned(),
        })
    }
}

/// The members `names` of a layer of the proxy's answer (a JSON string holding an object, or,
/// leniently, the object itself), each if it is there and not `null`.
fn layer(json: &str, names: [&str; 2]) -> Option<[Option<Raw>; 2]> {
    let text = unquote(json).ok()?;
    let mut found = [None, None];
    members(&text, &names, &mut found).ok()?;
    Some(found.map(present))
}

/// JSON text that is a JSON string, as the text it holds; any other, as it is.
fn unquote(json: &str) -> Result<Cow<'_, str>, String> {
    if json.trim_start().starts_with('"') {
        answer::decode::<String>(json).map(Cow::Owned)
    } else {
        Ok(Cow::Borrowed(json))
    }
}

/// Why a request did not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// Refused before any call: the URL is not on a whitelisted domain, or cannot be read
    /// safely.
    NotAllowed(NotAllowed),
    /// The SDK failed or refused the call.
    Host(HostError),
    /// The service answered with an error.
    Service {
        /// Its HTTP status, when the proxy says it.
        status: Option<u16>,
        /// Its message.
        message: String,
    },
    /// The answer is not the proxy's doubly encoded JSON: what was wrong, quoting the answer
    /// cut at 300 bytes.
    Malformed(String),
    /// The body is not of the type asked for.
    Decode(String),
}

/// At most 300 bytes: the service's message and the proxy's answer are quoted.
impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bounded::write(f, |out| match self {
            RequestError::NotAllowed(refused) => write!(out, "{refused}"),
            RequestError::Host(error) => write!(out, "{error}"),
            RequestError::Service {
                status: Some(status),
                message,
            } => {
                // As a `u32`: a page formats those already, and would carry a `u16` writer for
                // this alone.
                let status = u32::from(*status);
                write!(out, "the service answered {status}: {message}")
            }
            RequestError::Service {
                status: None,
                message,
            } => write!(out, "the service failed: {message}"),
            RequestError::Malformed(message) => {
                write!(out, "the proxy's answer is malformed: {message}")
            }
            RequestError::Decode(message) => write!(out, "unexpected answer: {message}"),
        })
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RequestError::NotAllowed(refused) => Some(refused),
            RequestError::Host(error) => Some(error),
            _ => None,
        }
    }
}

/// A handler that returns [`RequestError`] may `?` the SDK's other calls too.
impl From<HostError> for RequestError {
    fn from(error: HostError) -> RequestError {
        RequestError::Host(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// The proxy's answer: a JSON string holding `{statusCode, response}`, `response` a JSON
    /// string holding `{status, statusMessage}`.
    fn proxied(status_code: &Value, status: &Value, message: &Value) -> String {
        let inner = json!({ "status": status, "statusMessage": message }).to_string();
        let outer = json!({ "statusCode": status_code, "response": inner }).to_string();
        serde_json::to_string(&outer).unwrap()
    }

    /// The options are what `serde_json` wrote of the same `Value` before they were written
    /// as text; a field set after a body is added to it, and wins over its member.
    #[test]
    fn the_options_are_the_proxy_s_object() {
        let request = Request::new(Method::Patch, "https://crm.example.com/a?b")
            .header("X-Key", "k\"1")
            .header("Accept", "application/json")
            .query("phone", "+33 1")
            .body(json!({ "note": "n", "to": ["a", 1] }))
            .body_field("note", "m")
            .connection("crm");
        let expected = json!({
            "connectionLinkName": "crm",
            "data": { "phone": "+33 1" },
            "headers": { "Accept": "application/json", "X-Key": "k\"1", "header-override": "PATCH" },
            "postBody": { "note": "m", "to": ["a", 1] },
            "type": "POST",
            "url": "https://crm.example.com/a?b",
        });
        let options = request.into_options().unwrap();
        assert_eq!(serde_json::from_str::<Value>(&options).unwrap(), expected);
        assert!(options.ends_with(r#""postBody":{"note":"n","to":["a",1],"note":"m"},"type":"POST","url":"https://crm.example.com/a?b"}"#));
        // Without the splice, byte for byte what serde_json writes.
        let get = Request::get("https://crm.example.com").query("q", "1");
        let expected = json!({ "data": { "q": "1" }, "headers": {}, "postBody": {}, "type": "GET", "url": "https://crm.example.com" });
        assert_eq!(get.into_options().unwrap(), expected.to_string());
        let fields = Request::post("https://crm.example.com", "text").body_field("a", "1");
        let options: Value = serde_json::from_str(&fields.into_options().unwrap()).unwrap();
        assert_eq!(options["postBody"], json!({ "a": "1" }));
        // A raw body keeps its spaces: the fields are still spliced into valid JSON.
        for (raw, expected) in [
            ("{ }", json!({ "a": "1" })),
            ("{\n}", json!({ "a": "1" })),
            (r#"{"b": 2 }"#, json!({ "b": 2, "a": "1" })),
        ] {
            let raw: Raw = crate::json::from_str(raw).unwrap();
            let options = Request::post("https://crm.example.com", raw)
                .body_field("a", "1")
                .into_options()
                .unwrap();
            let options: Value = serde_json::from_str(&options).unwrap();
            assert_eq!(options["postBody"], expected);
        }
        // A body that cannot be JSON fails the call, before it is made.
        let keys = std::collections::BTreeMap::from([((1, 2), 3)]);
        assert!(
            Request::post("https://crm.example.com", keys)
                .into_options()
                .is_err()
        );
    }

    /// Whether a string or a key of `json`, read, holds `{{`: what Desk's proxy would see.
    fn decoded_placeholder(value: &Value) -> bool {
        match value {
            Value::String(text) => text.contains("{{"),
            Value::Array(items) => items.iter().any(decoded_placeholder),
            Value::Object(members) => members
                .iter()
                .any(|(key, item)| key.contains("{{") || decoded_placeholder(item)),
            _ => false,
        }
    }

    /// A raw body's escaped braces are read as Desk reads them: `\u007b\u007bcrm_key}}` is
    /// `{{crm_key}}` once parsed, and refused; a backslash then `u007b` is not a brace.
    #[test]
    fn a_placeholder_written_with_escapes_is_refused() {
        for (text, refused_from) in [
            (r#"{"note":"\u007b\u007bcrm_key}}"}"#, Some(9)),
            (r#"{"note":"{\u007Bcrm_key}}"}"#, Some(9)),
            (r#"{"note":"a\u007b{crm_key\u007d\u007d"}"#, Some(10)),
            (r#"{"\u007b{crm_key}}":1}"#, Some(2)),
            (r#"[{"a":{"b":"{{"}}]"#, Some(12)),
            (r#"{"note":"\\u007b\\u007bcrm_key}}"}"#, None),
            (r#"{"note":"{\\{crm_key}}"}"#, None),
            (r#"{"note":"{ {crm_key}}"}"#, None),
            (r#"{"note":"\u007bx\u007b"}"#, None),
            (r#"{ "a": {"b": [{}, { }]} }"#, None),
        ] {
            let raw: Raw = crate::json::from_str(text).unwrap();
            let request = Request::post("https://crm.example.com", raw);
            let expected = refused_from.map(|at| &text[at..]);
            assert_eq!(request.plain_placeholder(), expected, "{text}");
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                decoded_placeholder(&value),
                refused_from.is_some(),
                "{text}"
            );
        }
    }

    /// Against `serde_json`'s reading, over every string of up to four pieces among braces
    /// written plainly and escaped, backslashes and quotes, as a value and as a key.
    #[test]
    fn the_check_finds_what_desk_reads() {
        const PIECES: [&str; 9] = [
            "{", r"\u007b", r"\u007B", r"\\", r"\\u007b", "}", r"\u007d", r#"\""#, "a",
        ];
        let mut level = vec![String::new()];
        let mut strings = level.clone();
        for _ in 0..4 {
            level = level
                .iter()
                .flat_map(|text| PIECES.iter().map(move |piece| format!("{text}{piece}")))
                .collect();
            strings.extend(level.iter().cloned());
        }
        assert_eq!(strings.len(), 1 + 9 + 81 + 729 + 6561);
        for text in &strings {
            for json in [
                format!(r#"{{"k":"{text}"}}"#),
                format!(r#"{{"{text}":[1]}}"#),
            ] {
                let value: Value = serde_json::from_str(&json).unwrap();
                assert_eq!(
                    json_placeholder(&json).is_some(),
                    decoded_placeholder(&value),
                    "{json}"
                );
            }
        }
    }

    #[test]
    fn both_layers_are_unwrapped_and_the_body_decodes() {
        let answer = proxied(&json!("200"), &json!("true"), &json!({ "name": "Ada" }));
        let response = Response::from_answer(&answer).unwrap();
        assert_eq!(response.status, Some(200));
        assert_eq!(response.json::<Value>().unwrap(), json!({ "name": "Ada" }));
        // A service that answered text holding JSON, and a status as a number.
        let answer = proxied(&json!(201), &json!(true), &json!("{\"n\": 1}"));
        let response = Response::from_answer(&answer).unwrap();
        assert_eq!(response.status, Some(201));
        assert_eq!(response.body, r#""{\"n\": 1}""#);
        assert_eq!(response.json::<Value>().unwrap(), json!({ "n": 1 }));
        assert!(matches!(
            response.json::<u32>(),
            Err(RequestError::Decode(message)) if message.starts_with("invalid type: map")
        ));
    }

    #[test]
    fn a_failed_service_keeps_its_status_and_message() {
        let answer = proxied(&json!(404), &json!("false"), &json!("no such number"));
        assert_eq!(
            Response::from_answer(&answer),
            Err(RequestError::Service {
                status: Some(404),
                message: "no such number".to_owned()
            })
        );
        let answer = proxied(&json!(500), &json!("true"), &json!({ "e": 1 }));
        assert_eq!(
            Response::from_answer(&answer),
            Err(RequestError::Service {
                status: Some(500),
                message: r#"{"e":1}"#.to_owned()
            })
        );
    }
}
