//! The `App` that `ZOHODESK.extension.onload()` resolves to, typed, and as a widget's host
//! holds it.

use crate::json;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;

/// What Desk says about the widget when it loads: a mount handler's payload
/// (`#[on("extension.onload")]`) and [`Desk::app`](crate::Desk::app). Every field may be absent
/// (the sources describe them, they do not promise them), so each has a default.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct App {
    /// This widget's id (`uniqueID`).
    #[serde(rename = "uniqueID")]
    pub unique_id: String,
    /// The extension's id (`extensionID`).
    #[serde(rename = "extensionID")]
    pub extension_id: String,
    /// The widget's location.
    pub location: String,
    /// The agent's locale, e.g. `en`.
    pub locale: String,
    /// The extension's translations for that locale (`localeResources`), as the extension
    /// ships them in `app/translations/`: JSON text, to decode into the widget's own type
    /// ([`Raw::decode`](crate::json::Raw::decode)), so that a widget that does not read them
    /// links no decoder.
    pub locale_resources: Option<crate::json::Raw>,
    /// The data centre, preferences and, at `desk.ticket.thread.moreaction`, the thread.
    pub meta: Meta,
}

/// `App.meta`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Meta {
    /// The data centre: `US`, `AU`, `CN`, `JP`, `EU`, `IN`.
    pub dc_type: Option<String>,
    /// The agent's display preferences.
    pub user_preferences: UserPreferences,
    /// The thread a `desk.ticket.thread.moreaction` widget was opened on.
    pub thread_id: Option<String>,
    /// The Desk portal's address.
    pub desk_domain_url: Option<String>,
}

/// `App.meta.userPreferences`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserPreferences {
    /// Light or dark.
    pub appearance: Option<Appearance>,
    /// The colour theme's name.
    pub theme: Option<String>,
    /// The font's name.
    pub font_family: Option<String>,
}

/// `appearance`: `light`, `dark`, `pureDark` or `auto`; another value is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Appearance {
    /// `light`
    Light,
    /// `dark`
    Dark,
    /// `pureDark`
    PureDark,
    /// `auto`
    Auto,
    /// A value the sources do not list.
    Other(String),
}

// Read as a string and matched, rather than with serde's `untagged`, which buffers the value
// and links a decoder of every JSON type.
impl From<String> for Appearance {
    fn from(value: String) -> Self {
        match value.as_str() {
            "light" => Appearance::Light,
            "dark" => Appearance::Dark,
            "pureDark" => Appearance::PureDark,
            "auto" => Appearance::Auto,
            _ => Appearance::Other(value),
        }
    }
}

impl From<Appearance> for String {
    fn from(appearance: Appearance) -> Self {
        match appearance {
            Appearance::Light => "light".to_owned(),
            Appearance::Dark => "dark".to_owned(),
            Appearance::PureDark => "pureDark".to_owned(),
            Appearance::Auto => "auto".to_owned(),
            Appearance::Other(value) => value,
        }
    }
}

impl App {
    /// The `App` in `json`, as its `Deserialize` reads it (every member optional, a member of
    /// the wrong type an error), by the host's one reader of objects rather than serde's
    /// derived visitors of its three structs (`json::object`; BENCHMARKS.md section 5.6).
    pub(crate) fn read(json: &str) -> Result<App, crate::json::Error> {
        json::decode(json)
    }
}

json::table! {
    App as "struct App",
    required {},
    default {
        unique_id: "uniqueID",
        extension_id: "extensionID",
        location: "location",
        locale: "locale",
        locale_resources: "localeResources",
        meta: "meta",
    },
}

json::table! {
    Meta as "struct Meta",
    required {},
    default {
        dc_type: "dcType",
        user_preferences: "userPreferences",
        thread_id: "threadId",
        desk_domain_url: "deskDomainUrl",
    },
}

json::table! {
    UserPreferences as "struct UserPreferences",
    required {},
    default { appearance: "appearance", theme: "theme", font_family: "fontFamily" },
}

json::by_serde!(Appearance);

impl crate::events::Payload for App {
    fn decode(event: &str, json: &str) -> Result<Self, crate::events::DecodeError> {
        crate::events::from_table(event, json)
    }
}

/// The `App` as the SDK handed it over (`JSON.stringify`), and once decoded.
#[derive(Debug, Default)]
pub(crate) struct LoadedApp {
    pub(crate) json: String,
    pub(crate) typed: OnceCell<App>,
}

impl LoadedApp {
    /// The SDK's `App`, as JSON: decoded when a handler first asks.
    #[cfg_attr(not(feature = "browser"), allow(dead_code))]
    pub(crate) fn json(json: String) -> Self {
        LoadedApp {
            json,
            typed: OnceCell::new(),
        }
    }

    /// An `App` already typed (the simulated Desk's).
    pub(crate) fn typed(app: App) -> Self {
        LoadedApp {
            json: String::new(),
            typed: OnceCell::from(app),
        }
    }
}

/// The `App` of a detached handle, and of a widget that never talks back.
pub(crate) static NO_APP: App = App {
    unique_id: String::new(),
    extension_id: String::new(),
    location: String::new(),
    locale: String::new(),
    locale_resources: None,
    meta: Meta {
        dc_type: None,
        user_preferences: UserPreferences {
            appearance: None,
            theme: None,
            font_family: None,
        },
        thread_id: None,
        desk_domain_url: None,
    },
};
