//! The `App` that `ZOHODESK.extension.onload()` resolves to, typed, and as a widget's host
//! holds it.

use crate::json::members::{members, or_default};
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

/// The mount handler's payload, decoded as every payload is.
impl App {
    /// The `App` in `json`, as its `Deserialize` reads it (every member optional, a member of
    /// the wrong type an error), by the host's one reader of objects rather than serde's
    /// derived visitors of its three structs (`json::members`; BENCHMARKS.md section 5.6).
    pub(crate) fn read(json: &str) -> Result<App, crate::json::Error> {
        let mut found = [None, None, None, None, None, None];
        let names = [
            "uniqueID",
            "extensionID",
            "location",
            "locale",
            "localeResources",
            "meta",
        ];
        members(json, &names, &mut found)?;
        let [
            unique_id,
            extension_id,
            location,
            locale,
            locale_resources,
            meta,
        ] = found;
        Ok(App {
            unique_id: or_default(unique_id)?,
            extension_id: or_default(extension_id)?,
            location: or_default(location)?,
            locale: or_default(locale)?,
            locale_resources: or_default(locale_resources)?,
            meta: meta.map_or_else(|| Ok(Meta::default()), |meta| Meta::read(meta.get()))?,
        })
    }
}

impl Meta {
    fn read(json: &str) -> Result<Meta, crate::json::Error> {
        let mut found = [None, None, None, None];
        let names = ["dcType", "userPreferences", "threadId", "deskDomainUrl"];
        members(json, &names, &mut found)?;
        let [dc_type, preferences, thread_id, desk_domain_url] = found;
        let mut preferences_found = [None, None, None];
        if let Some(preferences) = preferences {
            let names = ["appearance", "theme", "fontFamily"];
            members(preferences.get(), &names, &mut preferences_found)?;
        }
        let [appearance, theme, font_family] = preferences_found;
        Ok(Meta {
            dc_type: or_default(dc_type)?,
            user_preferences: UserPreferences {
                appearance: or_default(appearance)?,
                theme: or_default(theme)?,
                font_family: or_default(font_family)?,
            },
            thread_id: or_default(thread_id)?,
            desk_domain_url: or_default(desk_domain_url)?,
        })
    }
}

impl crate::events::Payload for App {
    fn decode(event: &str, json: &str) -> Result<Self, crate::events::DecodeError> {
        crate::events::from_json(event, json)
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

#[cfg(test)]
mod tests {
    use super::App;
    use serde_json::json;

    /// `App::read` is the derived `Deserialize` read by `json::from_str`: the same `App` from
    /// the same text, and an error where it errs, on a whole `App` and on every member of it
    /// missing, `null`, or of each other JSON type, and on texts that are no `App`.
    #[test]
    fn read_as_the_derive_reads() {
        let whole = json!({
            "uniqueID": "1", "extensionID": "2", "location": "desk.extension.telephony",
            "locale": "fr", "localeResources": { "bar.title": "Barre" },
            "meta": {
                "dcType": "us", "threadId": "t", "deskDomainUrl": "https://desk.zoho.com",
                "userPreferences": { "appearance": "pureDark", "theme": "blue", "fontFamily": "Lato" }
            },
            "other": [1]
        });
        let mut texts = vec![whole.to_string()];
        let others = [
            json!(null),
            json!(5),
            json!("x"),
            json!(true),
            json!({}),
            json!([]),
        ];
        let paths: [&[&str]; 13] = [
            &["uniqueID"],
            &["extensionID"],
            &["location"],
            &["locale"],
            &["localeResources"],
            &["meta"],
            &["meta", "dcType"],
            &["meta", "threadId"],
            &["meta", "deskDomainUrl"],
            &["meta", "userPreferences"],
            &["meta", "userPreferences", "appearance"],
            &["meta", "userPreferences", "theme"],
            &["meta", "userPreferences", "fontFamily"],
        ];
        for path in paths {
            let (last, parents) = path.split_last().unwrap();
            let mut missing = whole.clone();
            let parent = parents
                .iter()
                .fold(&mut missing, |value, key| &mut value[*key]);
            parent.as_object_mut().unwrap().remove(*last);
            texts.push(missing.to_string());
            for other in &others {
                let mut edited = whole.clone();
                let parent = parents
                    .iter()
                    .fold(&mut edited, |value, key| &mut value[*key]);
                parent[*last] = other.clone();
                texts.push(edited.to_string());
            }
        }
        texts.extend(
            [
                "{}",
                "[]",
                "null",
                "\"app\"",
                "{",
                r#"{"locale":"en","locale":"fr"}"#,
            ]
            .map(str::to_owned),
        );
        texts.push(r#"{"meta":{"userPreferences":{"theme":"a","theme":"b"}}}"#.to_owned());
        for text in &texts {
            let derived = crate::json::from_str::<App>(text);
            let read = App::read(text);
            match (&derived, &read) {
                (Ok(derived), Ok(read)) => assert_eq!(
                    serde_json::to_value(derived).unwrap(),
                    serde_json::to_value(read).unwrap(),
                    "{text}"
                ),
                (Err(_), Err(_)) => {}
                _ => panic!("{text}: derived {derived:?}, read {read:?}"),
            }
        }
    }
}
