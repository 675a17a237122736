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
//! assert!(EXTENSION.check_request("https://CRM.example.com:443/v1").is_ok());
//! assert!(EXTENSION.check_request("https://evil.example.com/").is_err());
//! // WHATWG parsers (browsers, most proxies) read this one's host as `evil.example.net`.
//! assert!(EXTENSION.check_request("https://evil.example.net\\@crm.example.com/").is_err());
//! ```

pub use crate::errors::{NotAllowed, QUOTED_URL_BYTES, Refusal};
use crate::modal::Modal;
use crate::page::Page;
pub use desk_catalog::origin::{Origin, OriginError};

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

impl Extension {
    /// Whether the widgets may use storage.
    ///
    /// # Errors
    ///
    /// [`NotAllowed`] ([`Refusal::StorageDisabled`]) when the manifest has `"storage": false`, as Desk
    /// answers "Storage not enabled in plugin-manifest.json.".
    pub fn check_storage(&self) -> Result<(), NotAllowed> {
        if self.storage {
            Ok(())
        } else {
            Err(NotAllowed::storage_disabled(self.name))
        }
    }

    /// Whether `ZOHODESK.request` may call `url`: its origin (scheme, host and port, read as
    /// the URL Standard reads them, scheme and host without regard to ASCII case, a default
    /// port written or not) must be one of `whiteListedDomains`. Decision: origins are
    /// compared exactly (no wildcard form is documented); a URL with user information, a
    /// control character, a space or a `\`, or whose host or port the parser rewrites, is
    /// refused ([`Origin::of_request`]).
    ///
    /// # Errors
    ///
    /// [`NotAllowed`]: [`Refusal::InvalidUrl`] or
    /// [`Refusal::DomainNotWhitelisted`].
    pub fn check_request(&self, url: &str) -> Result<(), NotAllowed> {
        let wanted = Origin::of_request_with(url, crate::whatwg::parse)
            .map_err(|reason| NotAllowed::invalid_url(url, reason))?;
        // Compared as text, as strictly as reading them: `extension!` read them when it
        // compiled, a page need not parse them again.
        if self
            .whitelisted_domains
            .iter()
            .any(|domain| wanted.is_whitelisted_as(domain))
        {
            Ok(())
        } else {
            Err(NotAllowed::domain_not_whitelisted(
                url,
                self.whitelisted_domains,
            ))
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
