//! The simulated Desk's side of the SDK: data the test sets up, answers it scripts, storage in
//! memory, and every call the widget made. Answers have the SDK's own shapes (the property's
//! name as the key, `status`, the proxy's doubly encoded JSON), so that the widget's calls are
//! unwrapped by the same code as in the browser.

use crate::desk::Entry;
use crate::errors::HostError;
use crate::json::write::value as text;
use crate::link::{Json, Outbound};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::rc::Rc;

/// One call a widget made: `ZOHODESK.<function>(...arguments)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdkCall {
    /// `get`, `set`, `delete`, `invoke`, `request`, `notify` or `showpopup`.
    pub function: String,
    /// Its arguments, as JSON.
    pub arguments: Vec<Value>,
}

impl fmt::Display for SdkCall {
    /// `set("ticket.comment", {"content":"Called back"})`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let arguments: Vec<String> = self.arguments.iter().map(Value::to_string).collect();
        write!(f, "{}({})", self.function, arguments.join(", "))
    }
}

/// What a scripted service answers a request.
#[derive(Debug, Clone)]
enum Scripted {
    /// The service's status and body, wrapped as the proxy wraps them.
    Service { status: u16, body: Value },
    /// The proxy's answer itself, as given.
    Raw(Value),
}

/// A message a widget emitted, for the simulated extension to deliver.
#[derive(Debug, Clone)]
pub(crate) struct Emitted {
    /// The sender's `widgetID`.
    pub(crate) from: String,
    /// The receiver's, or `None` for the sender's own instance (a modal's result).
    pub(crate) to: Option<String>,
    pub(crate) name: &'static str,
    pub(crate) data: Value,
}

/// Where a modal's opener waits: `None` until the modal closes, then its result (`null` when
/// dismissed) or why it could not open.
pub(crate) type ModalSlot = Rc<RefCell<Option<Result<Value, HostError>>>>;

/// A modal a widget asked to open.
#[derive(Debug)]
pub(crate) struct ModalRequest {
    pub(crate) url: String,
    pub(crate) input: Value,
    pub(crate) slot: ModalSlot,
}

/// The simulated Desk's data and what happened to it. Borrowed only for the time of a call.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// What `getWidgets()` answers: the extension's open widgets.
    pub(crate) widgets: Vec<Value>,
    pub(crate) outbox: Vec<Emitted>,
    pub(crate) modal_requests: Vec<ModalRequest>,
    pub(crate) data: BTreeMap<String, Value>,
    pub(crate) storage: Vec<Entry>,
    requests: Vec<(String, String, Scripted)>,
    pub(crate) popups: VecDeque<bool>,
    pub(crate) calls: Vec<SdkCall>,
    pub(crate) held: bool,
    pub(crate) clock_ms: f64,
    /// Secure configuration values, by name (`sim/config.rs`).
    pub(crate) secrets: Vec<(String, String)>,
    /// Requests as the services received them, placeholders filled in.
    pub(crate) received: Vec<Value>,
}

impl State {
    pub(crate) fn set_data(&mut self, property: &str, value: Value) {
        self.data.insert(property.to_owned(), value);
    }

    pub(crate) fn script_request(&mut self, method: &str, url: &str, status: u16, body: Value) {
        self.script(method, url, Scripted::Service { status, body });
    }

    pub(crate) fn script_raw_request(&mut self, method: &str, url: &str, answer: Value) {
        self.script(method, url, Scripted::Raw(answer));
    }

    fn script(&mut self, method: &str, url: &str, scripted: Scripted) {
        self.requests.retain(|(m, u, _)| !(m == method && u == url));
        self.requests
            .push((method.to_owned(), url.to_owned(), scripted));
    }

    fn answer(&mut self, function: &str, arguments: &[Value]) -> Result<Value, HostError> {
        let first = arguments
            .first()
            .and_then(Value::as_str)
            .unwrap_or_default();
        let success = || json!({ "status": "success" });
        match (function, first) {
            ("get", "database") => Ok(json!({
                "database.get": { "data": self.query(arguments.get(1)) },
                "status": "success",
            })),
            // An extension nobody configured yet has no values (decision: Desk's answer then is
            // not documented; an empty list reads as every parameter missing).
            ("get", "extension.config") if !self.data.contains_key("extension.config") => {
                Ok(json!({ "extension.config": [], "status": "success" }))
            }
            ("get", property) => Ok(match self.data.get(property) {
                Some(value) => json!({ property: value, "status": "success" }),
                None => json!({
                    "status": "failure",
                    "message": format!(
                        "`{property}` is not set on the simulated Desk: `set_data(\"{property}\", ...)`"
                    ),
                }),
            }),
            ("set", "database") => {
                let entries = match arguments.get(1) {
                    Some(Value::Array(entries)) => entries.clone(),
                    Some(entry) => vec![entry.clone()],
                    None => Vec::new(),
                };
                for entry in entries {
                    let entry: Entry = serde_json::from_value(entry)
                        .map_err(|error| HostError::Sdk(error.to_string()))?;
                    self.storage.retain(|e| e.key != entry.key);
                    self.storage.push(entry);
                }
                Ok(success())
            }
            ("delete", "database") => {
                let found: Vec<String> = self
                    .query(arguments.get(1))
                    .iter()
                    .map(|e| e.key.clone())
                    .collect();
                self.storage.retain(|e| !found.contains(&e.key));
                Ok(success())
            }
            ("set", "extension.config") => {
                self.write_config(arguments.get(1));
                Ok(success())
            }
            ("request", _) => {
                // What the service receives: Desk's proxy fills the placeholders in.
                let sent = self.substitute(arguments.first().unwrap_or(&Value::Null))?;
                let answer = self.request(&sent);
                self.received.push(sent);
                answer
            }
            ("showpopup", _) => match self.popups.pop_front() {
                Some(confirmed) => Ok(json!({ "result": confirmed })),
                None => Err(HostError::Sdk(
                    "no popup answer scripted on the simulated Desk: `answer_popup(true)`".into(),
                )),
            },
            _ => Ok(success()),
        }
    }

    /// The stored entries an options object `{key | queriableValue, from, limit}` finds.
    fn query(&self, options: Option<&Value>) -> Vec<Entry> {
        let options = options.cloned().unwrap_or(Value::Null);
        let from = options["from"].as_u64().unwrap_or(0);
        let limit = options["limit"].as_u64().unwrap_or(u64::MAX);
        self.storage
            .iter()
            .filter(|e| match (&options["key"], &options["queriableValue"]) {
                (Value::String(key), _) => &e.key == key,
                (_, Value::String(value)) => e.queriable_value.as_ref() == Some(value),
                _ => true,
            })
            .skip(usize::try_from(from).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .cloned()
            .collect()
    }

    /// The proxy's answer: a JSON string whose `response` is a JSON string, as the platform
    /// gives it.
    fn request(&self, options: &Value) -> Result<Value, HostError> {
        let method = options["type"].as_str().unwrap_or("GET");
        let method = match options["headers"]["header-override"].as_str() {
            Some(overridden) => overridden,
            None => method,
        };
        let url = options["url"].as_str().unwrap_or_default();
        let Some((_, _, scripted)) = self
            .requests
            .iter()
            .find(|(m, u, _)| m == method && u == url)
        else {
            return Err(HostError::Sdk(format!(
                "no answer scripted for `{method} {url}` on the simulated Desk: \
                 `answer_request(\"{method}\", \"{url}\", 200, ...)`"
            )));
        };
        let (status, body) = match scripted {
            Scripted::Service { status, body } => (status, body),
            Scripted::Raw(answer) => return Ok(answer.clone()),
        };
        let inner = json!({
            "status": if *status < 400 { "true" } else { "false" },
            "statusMessage": body,
        });
        let outer = json!({ "response": inner.to_string(), "statusCode": status });
        Ok(Value::String(outer.to_string()))
    }
}

/// What the simulated Desk does with a call: answers it, or opens a modal that answers it when
/// it closes.
pub(crate) enum Carried {
    Answer(Result<Json, HostError>),
    Modal(ModalSlot),
}

impl State {
    /// Carries out a call of the widget `from`, recorded in [`State::calls`]. Alone (not on a
    /// simulated extension), a widget has no modal page to open: its modal is dismissed at once.
    pub(crate) fn carry(&mut self, from: &str, request: Outbound, alone: bool) -> Carried {
        let answer = match request {
            Outbound::Sdk {
                function,
                arguments,
            } => {
                let arguments: Vec<Value> = serde_json::from_str(&arguments).unwrap_or_default();
                let answer = self.answer(function, &arguments);
                self.record(function, arguments);
                answer
            }
            Outbound::Widgets => {
                self.record("getWidgets", vec![]);
                Ok(Value::Array(self.widgets.clone()))
            }
            Outbound::Emit { to, name, data } => {
                let data = value_of(&data);
                self.record("emit", vec![json!(to), json!(name), data.clone()]);
                self.outbox.push(Emitted {
                    from: from.to_owned(),
                    to,
                    name,
                    data,
                });
                Ok(json!({}))
            }
            Outbound::OpenModal { url, title, input } => {
                let input = value_of(&input);
                self.record(
                    "modal",
                    vec![json!({ "url": url, "title": title }), input.clone()],
                );
                if alone {
                    Ok(Value::Null)
                } else {
                    let slot = ModalSlot::default();
                    self.modal_requests.push(ModalRequest {
                        url,
                        input,
                        slot: Rc::clone(&slot),
                    });
                    return Carried::Modal(slot);
                }
            }
        };
        // As the SDK's answer arrives: JSON text.
        Carried::Answer(answer.map(|value| text(&value)))
    }

    fn record(&mut self, function: &str, arguments: Vec<Value>) {
        self.calls.push(SdkCall {
            function: function.to_owned(),
            arguments,
        });
    }
}

/// JSON text the widget's handle wrote (always valid), as the value the test inspects.
fn value_of(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or_default()
}
