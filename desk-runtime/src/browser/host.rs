//! Talking back to Desk: `ZOHODESK.get`, `set` and `invoke`, typed for the properties and
//! actions the platform documents.

use super::json::{message, parse, stringify};
use super::sdk;
use crate::extension::NotAllowed;
use crate::location::RouteTo;
use crate::widget::Widget;
use js_sys::{Array, Promise};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::fmt;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// A property `ZOHODESK.get` reads.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Property<'a> {
    /// `ticket`: the ticket on screen.
    Ticket,
    /// `ticket.email`
    TicketEmail,
    /// `user`: the agent using Desk.
    User,
    /// `portal`
    Portal,
    /// `portal.id`
    PortalId,
    /// `extension.config`: the extension's configuration values.
    ExtensionConfig,
    /// `contact.lastName`
    ContactLastName,
    /// `database`: the extension's storage, queried by key or by queriable value.
    Database {
        /// The entry's key.
        key: Option<&'a str>,
        /// The value the entry was stored with as `queriableValue`.
        queriable_value: Option<&'a str>,
        /// The first result (paging).
        from: Option<u32>,
        /// How many results at most.
        limit: Option<u32>,
    },
}

impl Property<'_> {
    /// The property's name as the SDK spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Property::Ticket => "ticket",
            Property::TicketEmail => "ticket.email",
            Property::User => "user",
            Property::Portal => "portal",
            Property::PortalId => "portal.id",
            Property::ExtensionConfig => "extension.config",
            Property::ContactLastName => "contact.lastName",
            Property::Database { .. } => "database",
        }
    }

    fn options(&self) -> Option<Value> {
        let Property::Database {
            key,
            queriable_value,
            from,
            limit,
        } = self
        else {
            return None;
        };
        let mut options = serde_json::Map::new();
        let entries = [
            ("key", key.map(Value::from)),
            ("queriableValue", queriable_value.map(Value::from)),
            ("from", from.map(Value::from)),
            ("limit", limit.map(Value::from)),
        ];
        for (name, value) in entries {
            if let Some(value) = value {
                options.insert(name.to_owned(), value);
            }
        }
        Some(Value::Object(options))
    }
}

/// A value `ZOHODESK.set` writes.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Update<'a> {
    /// `ticket.comment`: adds a comment to the ticket on screen.
    TicketComment(&'a str),
    /// `ticket.phone`
    TicketPhone(&'a str),
    /// `ticketForm.phone`: the phone field of the add-ticket form.
    TicketFormPhone(&'a str),
    /// `contactForm.phone`: the phone field of the add-contact form.
    ContactFormPhone(&'a str),
    /// `database`: stores `value` under `key` in the extension's storage.
    Database {
        /// The entry's key.
        key: &'a str,
        /// What to store.
        value: &'a Value,
        /// A value to query the entry by later.
        queriable_value: Option<&'a str>,
    },
}

impl Update<'_> {
    fn property_and_value(&self) -> (&'static str, Value) {
        match self {
            Update::TicketComment(content) => ("ticket.comment", json!({ "content": content })),
            Update::TicketPhone(phone) => ("ticket.phone", json!(phone)),
            Update::TicketFormPhone(phone) => ("ticketForm.phone", json!(phone)),
            Update::ContactFormPhone(phone) => ("contactForm.phone", json!(phone)),
            Update::Database {
                key,
                value,
                queriable_value,
            } => {
                let mut entry = json!({ "key": key, "value": value });
                if let Some(queriable) = queriable_value {
                    entry["queriableValue"] = json!(queriable);
                }
                ("database", entry)
            }
        }
    }
}

/// An action `ZOHODESK.invoke` performs. `ROUTE_TO` is [`route_to`], checked at compile time.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Action<'a> {
    /// `SHOW` the widget.
    Show,
    /// `HIDE` the widget.
    Hide,
    /// `MINIMIZE` the widget.
    Minimize,
    /// `MAXIMIZE` the widget.
    Maximize,
    /// `RESIZE` the widget to the given CSS sizes (e.g. `"300px"`).
    Resize {
        /// The new width.
        width: &'a str,
        /// The new height.
        height: &'a str,
    },
    /// `MODAL_CLOSE`: closes the modal this widget opened.
    ModalClose,
    /// `INSERT` content into the ticket's reply editor.
    InsertIntoReplyEditor(&'a str),
}

impl Action<'_> {
    fn name_and_arguments(&self) -> (&'static str, Vec<Value>) {
        match self {
            Action::Show => ("SHOW", vec![]),
            Action::Hide => ("HIDE", vec![]),
            Action::Minimize => ("MINIMIZE", vec![]),
            Action::Maximize => ("MAXIMIZE", vec![]),
            Action::Resize { width, height } => {
                ("RESIZE", vec![json!({ "width": width, "height": height })])
            }
            Action::ModalClose => ("MODAL_CLOSE", vec![]),
            Action::InsertIntoReplyEditor(content) => (
                "INSERT",
                vec![json!("ticket.replyEditor"), json!({ "value": content })],
            ),
        }
    }
}

/// What went wrong talking to Desk.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HostError {
    /// The SDK threw or rejected, with its message (also when `ZOHODESK` is missing).
    Sdk(String),
    /// Desk answered with a `status` other than `"success"`.
    Failed {
        /// The call, e.g. `set("ticket.comment")`.
        call: String,
        /// Desk's answer, as JSON.
        answer: String,
    },
    /// The SDK answered, but not in the shape expected.
    Response(String),
    /// Refused before any call: the extension's manifest does not allow it.
    NotAllowed(NotAllowed),
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostError::Sdk(message) => write!(f, "the Desk SDK failed: {message}"),
            HostError::Failed { call, answer } => write!(f, "Desk refused `{call}`: {answer}"),
            HostError::Response(message) => write!(f, "unexpected answer from Desk: {message}"),
            HostError::NotAllowed(refused) => refused.fmt(f),
        }
    }
}

impl std::error::Error for HostError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HostError::NotAllowed(refused) => Some(refused),
            _ => None,
        }
    }
}

/// Storage calls need `storage: true` in the extension's manifest: refused here, before Desk
/// answers "Storage not enabled in plugin-manifest.json.".
fn check_storage(property: &str) -> Result<(), HostError> {
    match super::extension() {
        Some(extension) if property == "database" => {
            extension.check_storage().map_err(HostError::NotAllowed)
        }
        _ => Ok(()),
    }
}

/// Reads a property. The SDK answers `{"ticket.email": ..., "status": "success"}`; this
/// returns the value under the property's own name.
///
/// # Errors
///
/// [`HostError`] when the SDK fails or the answer has no value under the property's name.
pub async fn get(property: Property<'_>) -> Result<Value, HostError> {
    let name = property.name();
    check_storage(name)?;
    let options: Array = property.options().iter().map(parse).collect();
    let answer = call(sdk::get(name, &options)).await?;
    succeeded(&format!("get(\"{name}\")"), &answer)?;
    unwrap_answer(name, &answer)
}

/// Reads a property into a type: `get_as::<String>(Property::TicketEmail)`.
///
/// # Errors
///
/// As [`get`], and [`HostError::Response`] when the value is not a `T`.
pub async fn get_as<T: DeserializeOwned>(property: Property<'_>) -> Result<T, HostError> {
    let value = get(property).await?;
    serde_json::from_value(value).map_err(|error| HostError::Response(error.to_string()))
}

/// Writes a value.
///
/// # Errors
///
/// [`HostError::Sdk`] when the SDK fails, [`HostError::Failed`] when Desk answers with a
/// status other than `"success"`, [`HostError::NotAllowed`] for storage in an extension
/// without it.
pub async fn set(update: Update<'_>) -> Result<Value, HostError> {
    let (property, value) = update.property_and_value();
    check_storage(property)?;
    let answer = call(sdk::set(property, &parse(&value))).await?;
    succeeded(&format!("set(\"{property}\")"), &answer)?;
    Ok(answer)
}

/// Performs an action.
///
/// # Errors
///
/// [`HostError::Sdk`] when the SDK fails, [`HostError::Failed`] when Desk answers with a
/// status other than `"success"`.
pub async fn invoke(action: Action<'_>) -> Result<Value, HostError> {
    let (name, arguments) = action.name_and_arguments();
    let arguments: Array = arguments.iter().map(parse).collect();
    let answer = call(sdk::invoke(name, &arguments)).await?;
    succeeded(&format!("invoke(\"{name}\")"), &answer)?;
    Ok(answer)
}

/// `ROUTE_TO`: opens a Desk page (`target`, e.g. `"ticket.detail"` with `{"id": ...}`). It
/// only works at `desk.topband`, `desk.ticket.detail.subtab`, `desk.ticket.detail.lefttab`,
/// `desk.bottomband` and `desk.extension.telephony`: for a widget `W` elsewhere, calling it is
/// a compile error.
///
/// ```no_run
/// use desk_runtime::prelude::*;
///
/// struct Dialer;
///
/// #[desk_widget(location = "desk.extension.telephony")]
/// impl Dialer {}
///
/// # async fn open() {
/// let ticket = serde_json::json!({ "id": "1234" });
/// desk_runtime::browser::route_to::<Dialer>("ticket.detail", &ticket).await.unwrap();
/// # }
/// ```
///
/// ```compile_fail,E0277
/// use desk_runtime::prelude::*;
///
/// struct Panel;
///
/// #[desk_widget(location = "desk.ticket.detail.rightpanel")]
/// impl Panel {}
///
/// # async fn open() {
/// let ticket = serde_json::json!({ "id": "1234" });
/// // error[E0277]: `ROUTE_TO` does not work at `desk_ticket_detail_rightpanel`
/// desk_runtime::browser::route_to::<Panel>("ticket.detail", &ticket).await.unwrap();
/// # }
/// # fn main() { let _ = open(); }
/// ```
///
/// # Errors
///
/// [`HostError::Sdk`] when the SDK fails, [`HostError::Failed`] when Desk answers with a
/// status other than `"success"`.
pub async fn route_to<W>(target: &str, options: &Value) -> Result<Value, HostError>
where
    W: Widget,
    W::Location: RouteTo,
{
    let arguments: Array = [json!(target), options.clone()].iter().map(parse).collect();
    let answer = call(sdk::invoke("ROUTE_TO", &arguments)).await?;
    succeeded("invoke(\"ROUTE_TO\")", &answer)?;
    Ok(answer)
}

/// Awaits an SDK call's Promise and reads its answer as JSON.
async fn call(promise: Result<Promise, JsValue>) -> Result<Value, HostError> {
    let promise = promise.map_err(|error| HostError::Sdk(message(&error)))?;
    let answer = JsFuture::from(promise)
        .await
        .map_err(|error| HostError::Sdk(message(&error)))?;
    serde_json::from_str(&stringify(&answer))
        .map_err(|error| HostError::Response(error.to_string()))
}

/// Reads an answer's `status`. Decision: `"success"` and an answer without a status (the
/// sources show a status on every answer, but do not say that UI actions always have one)
/// are success; any other status is Desk's refusal, reported with the whole answer.
fn succeeded(call: &str, answer: &Value) -> Result<(), HostError> {
    match answer.get("status") {
        None => Ok(()),
        Some(status) if status == "success" => Ok(()),
        Some(_) => Err(HostError::Failed {
            call: call.to_owned(),
            answer: answer.to_string(),
        }),
    }
}

/// The value under `property` in a `get` answer.
fn unwrap_answer(property: &str, answer: &Value) -> Result<Value, HostError> {
    answer.get(property).cloned().ok_or_else(|| {
        HostError::Response(format!("no `{property}` in the answer to `get`: {answer}"))
    })
}
