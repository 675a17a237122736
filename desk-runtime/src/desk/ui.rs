//! Actions on the widget's frame, routes, notifications and popups.

use super::{HostError, Limit};
use crate::json::write::{Object, array, string};

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
    /// `ZOHODESK.invoke`'s arguments, as a JSON array's text.
    pub(crate) fn into_arguments(self) -> String {
        let name = match &self {
            Action::Show => "SHOW",
            Action::Hide => "HIDE",
            Action::Minimize => "MINIMIZE",
            Action::Maximize => "MAXIMIZE",
            Action::Resize { .. } => "RESIZE",
        };
        match self {
            Action::Resize { width, height } => {
                let size = Object::new()
                    .string("height", &height)
                    .string("width", &width)
                    .finish();
                array(&[&string(name), &size])
            }
            _ => array(&[&string(name)]),
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
    /// The route as JSON text.
    pub(crate) fn into_json(self) -> String {
        match self {
            Route::Page(page) => string(&page),
            Route::Record {
                entity,
                id,
                page,
                new_tab,
            } => Object::new()
                .string("entity", &entity)
                .string("id", &id)
                .string("page", &page)
                .optional("target", new_tab.then_some("_blank"))
                .finish(),
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
    /// The notification as JSON text; a title over 255 characters is refused.
    pub(crate) fn json(&self) -> Result<String, HostError> {
        if let Some(title) = &self.title {
            let characters = title.chars().count();
            if characters > 255 {
                return Err(HostError::Limit(Limit::NotificationTitle { characters }));
            }
        }
        let icon = match self.icon {
            Icon::Success => "success",
            Icon::Failure => "failure",
        };
        Ok(Object::new()
            .string("content", &self.content)
            .string("icon", icon)
            .optional("title", self.title.as_deref())
            .finish())
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
    /// The popup as JSON text.
    pub(crate) fn json(&self) -> String {
        Object::new()
            .optional("cancelText", self.cancel_text.as_deref())
            .string("content", &self.content)
            .optional("okText", self.ok_text.as_deref())
            .string("title", &self.title)
            .string("type", "confirmation")
            .finish()
    }
}
