//! Actions on the widget's frame, routes, notifications and popups.

use super::{HostError, Limit};
use serde_json::{Value, json};

/// An action `ZOHODESK.invoke` performs on the widget's frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `SHOW`
    Show,
    /// `HIDE`
    Hide,
    /// `MINIMIZE`
    Minimize,
    /// `MAXIMIZE`
    Maximize,
    /// `RESIZE` to CSS sizes in `px`, `%`, `vh` or `vw`, e.g. `"300px"`.
    Resize {
        /// The new width.
        width: String,
        /// The new height.
        height: String,
    },
}

impl Action {
    pub(crate) fn into_call(self) -> (&'static str, Vec<Value>) {
        match self {
            Action::Show => ("SHOW", vec![]),
            Action::Hide => ("HIDE", vec![]),
            Action::Minimize => ("MINIMIZE", vec![]),
            Action::Maximize => ("MAXIMIZE", vec![]),
            Action::Resize { width, height } => {
                ("RESIZE", vec![json!({ "width": width, "height": height })])
            }
        }
    }
}

/// Where `ROUTE_TO` goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// A page by name: `ticket.addForm`, `contact.addForm`, `account.addForm`,
    /// `task.addForm`, `topic.addForm`, `event.addForm`, `solution.addForm`.
    Page(String),
    /// A record: `{entity, id, page: add | edit | dv, target}`.
    Record {
        /// The entity, e.g. `ticket`.
        entity: String,
        /// The record's id.
        id: String,
        /// `add`, `edit` or `dv` (its detail view).
        page: String,
        /// Opens it in a new tab (`target: "_blank"`).
        new_tab: bool,
    },
}

impl Route {
    pub(crate) fn into_value(self) -> Value {
        match self {
            Route::Page(page) => json!(page),
            Route::Record {
                entity,
                id,
                page,
                new_tab,
            } => {
                let mut route = json!({ "entity": entity, "id": id, "page": page });
                if new_tab {
                    route["target"] = json!("_blank");
                }
                route
            }
        }
    }
}

/// The icon of a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Icon {
    /// `success`
    Success,
    /// `failure` (the platform's default)
    #[default]
    Failure,
}

/// A notification (`ZOHODESK.notify`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Notification {
    /// Its title, at most 255 characters; by default the widget's name.
    pub title: Option<String>,
    /// Its text.
    pub content: String,
    /// Its icon.
    pub icon: Icon,
}

impl Notification {
    pub(crate) fn into_value(self) -> Result<Value, HostError> {
        let mut value = json!({
            "content": self.content,
            "icon": match self.icon { Icon::Success => "success", Icon::Failure => "failure" },
        });
        if let Some(title) = self.title {
            let characters = title.chars().count();
            if characters > 255 {
                return Err(HostError::Limit(Limit::NotificationTitle { characters }));
            }
            value["title"] = json!(title);
        }
        Ok(value)
    }
}

/// A confirmation popup (`ZOHODESK.showpopup` with `type: "confirmation"`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Popup {
    /// Its title.
    pub title: String,
    /// Its text.
    pub content: String,
    /// The confirming button's text, if not the platform's.
    pub ok_text: Option<String>,
    /// The cancelling button's text, if not the platform's.
    pub cancel_text: Option<String>,
}

impl Popup {
    pub(crate) fn into_value(self) -> Value {
        let mut value = json!({
            "title": self.title,
            "content": self.content,
            "type": "confirmation",
        });
        if let Some(ok) = self.ok_text {
            value["okText"] = json!(ok);
        }
        if let Some(cancel) = self.cancel_text {
            value["cancelText"] = json!(cancel);
        }
        value
    }
}
