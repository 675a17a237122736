//! An extension as one declaration: its widgets (type, name, page) and the settings of its
//! manifest. [`extension!`](crate::extension!) writes it as the static `EXTENSION`; the
//! packager writes the manifest and one page per widget from it, and the WebAssembly module
//! exports one entry per widget from the same list, so that a page without an entry or an
//! entry without a page cannot build.
//!
//! ```
//! use desk_runtime::prelude::*;
//!
//! #[derive(Default)]
//! pub struct Board;
//!
//! #[desk_widget(location = "desk.ticket.detail.subtab")]
//! impl Board {}
//!
//! impl Page for Board {
//!     fn render(&self) -> String { "<p>ready</p>".to_owned() }
//! }
//!
//! desk_runtime::extension! {
//!     name: "Ticket Tools",
//!     storage: true,
//!     whitelisted_domains: ["https://crm.example.com"],
//!     widgets: { "Status Board": Board },
//! }
//!
//! let board = &EXTENSION.widgets[0];
//! assert_eq!((board.name, board.location), ("Status Board", "desk.ticket.detail.subtab"));
//! assert_eq!(board.entry, "mount_status_board");
//! assert!(EXTENSION.check_request("https://crm.example.com/v1/contacts?phone=1").is_ok());
//! assert!(EXTENSION.check_request("https://evil.example.com/").is_err());
//! ```

use crate::modal::Modal;
use crate::page::Page;
use std::fmt;

/// An extension: what its manifest says, and its widgets. Written by
/// [`extension!`](crate::extension!), which checks every value the platform constrains.
#[derive(Debug, Clone, Copy)]
pub struct Extension {
    /// The extension's name (its translations' `extension.name`).
    pub name: &'static str,
    /// Its widgets, in declaration order: one manifest entry, one page and one module entry
    /// each.
    pub widgets: &'static [WidgetEntry],
    /// Its modals: one page and one module entry each, no manifest entry (no source gives one:
    /// `App.instance.modal({url})` opens a page of the package).
    pub modals: &'static [WidgetEntry],
    /// The manifest's `storage`: whether the widgets may use the extension's database.
    pub storage: bool,
    /// The manifest's `whiteListedDomains`: the origins `ZOHODESK.request` may call.
    pub whitelisted_domains: &'static [&'static str],
    /// The manifest's `cspDomains.connect-src`: origins the pages may connect to directly.
    pub connect_src: &'static [&'static str],
    /// The manifest's `connectors`.
    pub connectors: &'static [Connector],
    /// The manifest's `config`: the extension's configuration parameters.
    pub config: &'static [ConfigParam],
    /// The manifest's `locale`, with each locale's translations, the first the fallback; none
    /// when the extension declares no `locales` (the package then ships `en` with the
    /// extension's name alone).
    pub locales: &'static [crate::i18n::Locale],
}

/// One widget of an extension: its manifest entry, its page, and the module's export that
/// mounts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WidgetEntry {
    /// The widget's name in the manifest (the toolkit's form `^[a-zA-Z][a-zA-Z0-9-_ ]*$`).
    pub name: &'static str,
    /// The widget type's [`Widget::LOCATION`](crate::Widget::LOCATION).
    pub location: &'static str,
    /// Its subscriptions, [`Widget::SUBSCRIPTIONS`](crate::Widget::SUBSCRIPTIONS).
    pub subscriptions: &'static [&'static str],
    /// Its page's body, [`Page::BODY`].
    pub body: &'static str,
    /// The file name of its page, without `.html`: the name in lower case, `-` for the rest.
    pub page: &'static str,
    /// The WebAssembly module's export that mounts it: `mount_` and the name in snake case.
    pub entry: &'static str,
}

impl WidgetEntry {
    /// The entry of widget type `W`; [`extension!`](crate::extension!) derives `page` and
    /// `entry` from `name`.
    pub const fn of<W: Page>(name: &'static str, page: &'static str, entry: &'static str) -> Self {
        WidgetEntry {
            name,
            location: W::LOCATION,
            subscriptions: W::SUBSCRIPTIONS,
            body: W::BODY,
            page,
            entry,
        }
    }

    /// The entry of the modal type `M`, as [`WidgetEntry::of`].
    pub const fn of_modal<M: Page + Modal>(
        name: &'static str,
        page: &'static str,
        entry: &'static str,
    ) -> Self {
        Self::of::<M>(name, page, entry)
    }
}

/// A widget of an extension: what its manifest allows is known to its calls.
/// [`extension!`](crate::extension!) implements it for each of its widgets.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a widget of an extension",
    note = "declare it in the crate's `desk_runtime::extension! {{ ... widgets: {{ \"Name\": {Self} }} }}`: the manifest says which domains it may call"
)]
pub trait Member {
    /// The extension it belongs to.
    const EXTENSION: &'static Extension;
    /// Its name in the extension (and in the manifest, for a widget).
    const NAME: &'static str;
}

/// A widget of an extension declared with `storage: true`: only these may use
/// [`Desk::storage`](crate::Desk::storage).
#[diagnostic::on_unimplemented(
    message = "storage is not enabled for `{Self}`",
    note = "add `storage: true` to the `desk_runtime::extension!` that declares `{Self}`"
)]
pub trait StorageEnabled: Member {}

/// A connector of the manifest: a connection to another service that
/// `ZOHODESK.request` can use by its `connection_link_name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connector {
    /// `connectionLinkName`: what a request names to use it.
    pub connection_link_name: &'static str,
    /// `connectionName`, unique in the extension.
    pub connection_name: &'static str,
    /// `serviceName`, unique in the extension.
    pub service_name: &'static str,
    /// `userAccess`, when declared.
    pub user_access: Option<bool>,
    /// `isUserDefinedService`, when declared.
    pub is_user_defined_service: Option<bool>,
    /// `scope`: the OAuth scopes the connection asks for.
    pub scope: &'static [&'static str],
}

/// A configuration parameter of the manifest (`config`), set when the extension is installed
/// and read with `ZOHODESK.get("extension.config")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfigParam {
    /// `name`, unique in the extension.
    pub name: &'static str,
    /// `displayName` (at most 255 characters).
    pub display_name: Option<&'static str>,
    /// `description` (at most 255 characters).
    pub description: Option<&'static str>,
    /// `type`.
    pub kind: Option<ConfigType>,
    /// `secure`: the value is a secret.
    pub secure: Option<bool>,
    /// `mandatory`.
    pub mandatory: Option<bool>,
    /// `userdefined`: each user sets it (the toolkit then requires `type`, `mandatory` and
    /// `secure`).
    pub user_defined: Option<bool>,
}

/// The `type` of a configuration parameter: the toolkit's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigType {
    /// `text`
    Text,
    /// `number`
    Number,
    /// `radio`
    Radio,
    /// `switch`
    Switch,
    /// `picklist`
    Picklist,
    /// `multiselect`
    Multiselect,
    /// `checkbox`
    Checkbox,
}

impl ConfigType {
    /// Every type, as the manifest spells it.
    pub const ALL: [(ConfigType, &'static str); 7] = [
        (ConfigType::Text, "text"),
        (ConfigType::Number, "number"),
        (ConfigType::Radio, "radio"),
        (ConfigType::Switch, "switch"),
        (ConfigType::Picklist, "picklist"),
        (ConfigType::Multiselect, "multiselect"),
        (ConfigType::Checkbox, "checkbox"),
    ];

    /// The type as the manifest spells it.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(kind, _)| *kind == self)
            .map_or("text", |(_, name)| name)
    }
}

/// A call the extension's manifest does not allow, refused before it reaches Desk.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotAllowed {
    /// Storage is used, but the manifest has `"storage": false`.
    StorageDisabled {
        /// The extension's name.
        extension: &'static str,
    },
    /// A request to an origin that is not in `whiteListedDomains`.
    DomainNotWhitelisted {
        /// The request's URL.
        url: String,
        /// The extension's whitelisted origins.
        whitelisted: &'static [&'static str],
    },
}

impl fmt::Display for NotAllowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotAllowed::StorageDisabled { extension } => write!(
                f,
                "storage is not enabled in the extension `{extension}`: add `storage: true` to \
                 its `extension!`"
            ),
            NotAllowed::DomainNotWhitelisted { url, whitelisted } => {
                write!(f, "`{url}` is not on a whitelisted domain")?;
                if whitelisted.is_empty() {
                    f.write_str(" (the extension whitelists none)")?;
                } else {
                    write!(f, " (whitelisted: {})", whitelisted.join(", "))?;
                }
                f.write_str(": add its origin to `whitelisted_domains` in `extension!`")
            }
        }
    }
}

impl std::error::Error for NotAllowed {}

impl Extension {
    /// Whether the widgets may use storage.
    ///
    /// # Errors
    ///
    /// [`NotAllowed::StorageDisabled`] when the manifest has `"storage": false`, as Desk
    /// answers "Storage not enabled in plugin-manifest.json.".
    pub fn check_storage(&self) -> Result<(), NotAllowed> {
        if self.storage {
            Ok(())
        } else {
            Err(NotAllowed::StorageDisabled {
                extension: self.name,
            })
        }
    }

    /// Whether `ZOHODESK.request` may call `url`: its origin (scheme, host and port) must be
    /// one of `whiteListedDomains`. Decision: origins are compared exactly (no wildcard form
    /// is documented), scheme and host without regard to case.
    ///
    /// # Errors
    ///
    /// [`NotAllowed::DomainNotWhitelisted`] otherwise.
    pub fn check_request(&self, url: &str) -> Result<(), NotAllowed> {
        let allowed = origin(url).is_some_and(|wanted| {
            self.whitelisted_domains
                .iter()
                .filter_map(|domain| origin(domain))
                .any(|domain| domain == wanted)
        });
        if allowed {
            Ok(())
        } else {
            Err(NotAllowed::DomainNotWhitelisted {
                url: url.to_owned(),
                whitelisted: self.whitelisted_domains,
            })
        }
    }

    /// Every page of the extension: its widgets', then its modals', in declaration order.
    pub fn pages(&self) -> impl Iterator<Item = &'static WidgetEntry> + use<> {
        self.widgets.iter().chain(self.modals)
    }

    /// The widget called `name`, if the extension has one.
    pub fn widget(&self, name: &str) -> Option<&'static WidgetEntry> {
        self.widgets.iter().find(|widget| widget.name == name)
    }

    /// The modal called `name`, if the extension has one.
    pub fn modal(&self, name: &str) -> Option<&'static WidgetEntry> {
        self.modals.iter().find(|modal| modal.name == name)
    }
}

/// `scheme://host[:port]` of an absolute URL, lower-cased; `None` for anything else.
pub(crate) fn origin(url: &str) -> Option<String> {
    // Positions, then `get`: `split_once("://")` links core's substring searcher (1.1 KB of
    // the call bar's module), and indexing a slicing panic's message.
    let at = url
        .as_bytes()
        .windows(3)
        .position(|window| window == b"://")?;
    let (scheme, rest) = (url.get(..at)?, url.get(at + 3..)?);
    let authority = rest.get(..rest.find(['/', '?', '#']).unwrap_or(rest.len()))?;
    // No user information: `https://trusted.com@evil.com/` is evil.com.
    let host = authority.get(authority.rfind('@').map_or(0, |at| at + 1)..)?;
    let valid = !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !host.is_empty();
    valid.then(|| format!("{scheme}://{host}").to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::origin;

    #[test]
    fn origins_are_scheme_host_and_port() {
        assert_eq!(
            origin("https://API.example.com/v1?x=1").as_deref(),
            Some("https://api.example.com")
        );
        assert_eq!(
            origin("https://example.com:8443").as_deref(),
            Some("https://example.com:8443")
        );
        assert_eq!(
            origin("https://trusted.com@evil.com/").as_deref(),
            Some("https://evil.com")
        );
        assert_eq!(origin("example.com/path"), None);
        assert_eq!(origin("https:///path"), None);
    }
}
