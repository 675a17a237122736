//! The simulated Desk's configuration: the values the admin would have typed in at install,
//! secure ones kept on Desk's side as the platform keeps them, and what a service received once
//! Desk's proxy wrote them into a request.
//!
//! ```
//! use desk_runtime::config::{DeskConfig, Secret};
//! use desk_runtime::desk::Request;
//! use desk_runtime::prelude::*;
//! use serde_json::json;
//!
//! #[derive(DeskConfig)]
//! pub struct Settings {
//!     /// CRM address
//!     crm_url: String,
//!     /// API key
//!     crm_key: Secret,
//! }
//!
//! #[derive(Default)]
//! pub struct Lookup;
//!
//! #[desk_widget(location = "desk.extension.telephony")]
//! impl Lookup {
//!     #[on("call.ringing")]
//!     async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
//!         let settings = desk.config::<Settings>().await?;
//!         let request = Request::get(settings.crm_url + "/contacts")
//!             .header("Authorization", "Bearer " + &settings.crm_key);
//!         desk.request(request).await?;
//!         Ok(())
//!     }
//! }
//! # impl Page for Lookup { fn render(&self) -> String { String::new() } }
//! # desk_runtime::extension! {
//! #     name: "Lookup",
//! #     whitelisted_domains: ["https://crm.example.com"],
//! #     config: Settings,
//! #     widgets: { "Lookup": Lookup },
//! # }
//!
//! let mut desk = desk_runtime::sim::SimulatedDesk::mount(Lookup);
//! desk.set_config("crm_url", json!("https://crm.example.com"));
//! desk.set_secret("crm_key", "k-123");
//! desk.answer_request("GET", "https://crm.example.com/contacts", 200, json!([]));
//! desk.fire_sample("call.ringing").unwrap();
//! // The service received the key; the widget only ever wrote its placeholder.
//! let received = desk.received_requests();
//! assert_eq!(received[0]["headers"]["Authorization"], "Bearer k-123");
//! assert!(!format!("{:?}", desk.calls()).contains("k-123"));
//! ```

use super::SimulatedDesk;
use super::answers::State;
use crate::errors::HostError;
use crate::widget::Widget;
use serde_json::{Value, json};

impl<W: Widget + 'static> SimulatedDesk<W> {
    /// Sets a configuration parameter's value, as the admin would at install: what
    /// `get("extension.config")` answers (`{name, value}`), and what a request's `{{name}}`
    /// becomes.
    pub fn set_config(&self, name: &str, value: Value) {
        self.state.borrow_mut().set_config(name, value);
    }

    /// Sets a secure parameter's value: kept on the simulated Desk's side as the platform keeps
    /// it, never in `get("extension.config")`'s answer; only written into the requests that
    /// say `{{name}}`, on their way to the service ([`SimulatedDesk::received_requests`]).
    pub fn set_secret(&self, name: &str, value: &str) {
        self.state.borrow_mut().set_secret(name, value);
    }

    /// Every request that reached a service, as the service received it: the proxy's options
    /// (`url`, `type`, `headers`, `data`, `postBody`) with each `{{name}}` replaced by its value.
    /// [`SimulatedDesk::calls`] has them as the widget sent them.
    pub fn received_requests(&self) -> Vec<Value> {
        self.state.borrow().received.clone()
    }
}

impl State {
    /// Sets `name` in `extension.config`'s answer, replacing its earlier value.
    pub(crate) fn set_config(&mut self, name: &str, value: Value) {
        let mut entry = serde_json::Map::new();
        entry.insert("name".to_owned(), name.into());
        entry.insert("value".to_owned(), value);
        let entry = Value::Object(entry);
        let values = self
            .data
            .entry("extension.config".to_owned())
            .or_insert_with(|| json!([]));
        if let Value::Array(values) = values {
            values.retain(|value| value["name"] != name);
            values.push(entry);
        }
    }

    /// Sets the secure parameter `name`, replacing its earlier value.
    pub(crate) fn set_secret(&mut self, name: &str, value: &str) {
        self.secrets.retain(|(n, _)| n != name);
        self.secrets.push((name.to_owned(), value.to_owned()));
    }

    /// The widget's `set("extension.config", {name, value})`, kept for the next read.
    pub(crate) fn write_config(&mut self, update: Option<&Value>) {
        if let Some(name) = update.and_then(|update| update["name"].as_str()) {
            let value = update.map_or(Value::Null, |update| update["value"].clone());
            self.set_config(name, value);
        }
    }

    /// The request's options as Desk's proxy sends them on: each `{{name}}` in a string
    /// replaced by the parameter's value, secure or not.
    ///
    /// # Errors
    ///
    /// [`HostError::Sdk`] for a placeholder of a parameter the simulated Desk has no value of.
    pub(crate) fn substitute(&self, value: &Value) -> Result<Value, HostError> {
        Ok(match value {
            Value::String(text) => Value::String(self.fill(text)?),
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| self.substitute(item))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(key, item)| Ok((key.clone(), self.substitute(item)?)))
                    .collect::<Result<_, HostError>>()?,
            ),
            other => other.clone(),
        })
    }

    fn fill(&self, text: &str) -> Result<String, HostError> {
        let mut filled = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            let Some(length) = rest[start + 2..].find("}}") else {
                break;
            };
            let name = &rest[start + 2..start + 2 + length];
            filled.push_str(&rest[..start]);
            filled.push_str(&self.value_of(name)?);
            rest = &rest[start + 4 + length..];
        }
        filled.push_str(rest);
        Ok(filled)
    }

    fn value_of(&self, name: &str) -> Result<String, HostError> {
        if let Some((_, secret)) = self.secrets.iter().find(|(n, _)| n == name) {
            return Ok(secret.clone());
        }
        let configured = self.data.get("extension.config").and_then(|values| {
            values
                .as_array()?
                .iter()
                .find(|value| value["name"] == name)
                .map(|value| value["value"].clone())
        });
        match configured {
            Some(Value::String(text)) => Ok(text),
            Some(other) => Ok(other.to_string()),
            None => Err(HostError::Sdk(format!(
                "the request says `{{{{{name}}}}}`, but the simulated Desk has no value for \
                 `{name}`: `set_secret(\"{name}\", ...)` or `set_config(\"{name}\", ...)`"
            ))),
        }
    }
}
