//! The extension's configuration parameters as a Rust type: `#[derive(DeskConfig)]` on a
//! struct, named in [`extension!`](crate::extension!) (`config: Settings`), writes the
//! manifest's `config` entries from its fields, and [`Desk::config`](crate::Desk::config)
//! reads the values back typed.
//!
//! Each field is one parameter: its `name` is the field's (lower case, no spaces: the guide's
//! rule, checked at compile time), its `displayName` the doc comment's first paragraph, its
//! `description` the rest (`[text](url)` links kept), its `type` the field's type, `mandatory`
//! unless it is an `Option`, `secure` for a [`Secret`]. `#[config(...)]` overrides:
//! `name = "..."`, `display_name = "..."`, `description = "..."`, `userdefined = false` (the
//! extension sets it at run time with [`Desk::set_config`](crate::Desk::set_config); by
//! default the admin sets it at install), `radio` (an enum shown as radio buttons), `checkbox`
//! (a `bool` shown as a checkbox).
//!
//! ```
//! use desk_runtime::config::{ConfigChoice, DeskConfig, Secret};
//! use desk_runtime::extension::ConfigType;
//!
//! #[derive(ConfigChoice, Debug, PartialEq)]
//! pub enum Region { Us, Eu }
//!
//! #[derive(DeskConfig, Debug)]
//! pub struct Settings {
//!     /// CRM address
//!     ///
//!     /// Your CRM's [API address](https://crm.example.com/docs).
//!     crm_url: String,
//!     /// API key
//!     crm_key: Secret,
//!     /// Region
//!     #[config(radio)]
//!     region: Region,
//!     /// Calls logged
//!     #[config(userdefined = false)]
//!     calls_logged: Option<u32>,
//! }
//!
//! let [url, key, region, logged] = Settings::PARAMS else { unreachable!() };
//! assert_eq!((url.name, url.display_name), ("crm_url", Some("CRM address")));
//! assert_eq!(url.description, Some("Your CRM's [API address](https://crm.example.com/docs)."));
//! assert_eq!((key.secure, key.kind), (Some(true), Some(ConfigType::Text)));
//! assert_eq!(region.kind, Some(ConfigType::Radio));
//! assert_eq!((logged.mandatory, logged.user_defined), (Some(false), Some(false)));
//! ```

mod secret;
mod value;

pub(crate) use secret::placeholders;
pub use secret::{RequestText, Secret};
#[doc(hidden)]
pub use value::read_choice;
pub use value::{Choice, ParamValue, Toggle, Unsettable};

/// `#[derive(ConfigChoice)]`: a fieldless enum as a picklist's (or radio's) choices.
pub use desk_macros::ConfigChoice;
/// `#[derive(DeskConfig)]`: the struct's fields as the manifest's `config` entries.
pub use desk_macros::DeskConfig;

use crate::errors::HostError;
use crate::extension::{ConfigParam, ConfigType, Member};
use crate::json::Raw;
use crate::json::members::{members, present};
use crate::json::write::Object;
use serde::Deserialize;
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

/// A struct whose fields are the extension's configuration parameters:
/// `#[derive(DeskConfig)]` implements it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a configuration type",
    note = "add `#[derive(desk_runtime::config::DeskConfig)]` to `{Self}`: its fields are the parameters"
)]
pub trait DeskConfig: Sized {
    /// The manifest's `config` entries, one per field, in declaration order.
    const PARAMS: &'static [ConfigParam];

    /// The values `ZOHODESK.get("extension.config")` answered, typed.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] naming the first parameter that is missing (and mandatory) or of
    /// another type.
    fn from_values(values: &Values) -> Result<Self, ConfigError>;
}

/// A widget of an extension that declares its configuration type (`config: Settings` in
/// [`extension!`](crate::extension!)): only these read and set it.
#[diagnostic::on_unimplemented(
    message = "the extension of `{Self}` declares no configuration type",
    note = "add `config: Settings` to the `desk_runtime::extension!` that declares `{Self}`, `Settings` with `#[derive(DeskConfig)]`"
)]
pub trait Configured: Member {
    /// The extension's configuration type (a [`DeskConfig`]; the bound is on the calls, so
    /// that a type that is not one is reported once, at `extension!`'s `config`).
    type Config;
}

/// One parameter's new value, for [`Desk::set_config`](crate::Desk::set_config): made by the
/// `set_<field>` functions `#[derive(DeskConfig)]` writes for the fields with
/// `userdefined = false`, and only for them (the platform lets an extension set those alone).
///
/// Decision: a value JSON cannot hold (a float that is not finite, `NaN` or infinite, which
/// `serde_json` writes as `null`, erasing the value) is not sent: the setter still makes the
/// update, and [`Desk::set_config`](crate::Desk::set_config) refuses it before any call with
/// [`ConfigError::NotFinite`].
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigUpdate<C> {
    name: &'static str,
    /// The value as JSON, or why it cannot be.
    value: Result<Value, ConfigError>,
    config: PhantomData<fn() -> C>,
}

impl<C: DeskConfig> ConfigUpdate<C> {
    /// The parameter `name` set to `value` (called by the derived `set_<field>` functions).
    #[doc(hidden)]
    pub fn new<T: ParamValue>(name: &'static str, value: T::Set) -> Self {
        ConfigUpdate {
            name,
            value: match T::unwritable(&value) {
                Some(value) => Err(ConfigError::NotFinite { name, value }),
                None => Ok(T::write(value)),
            },
            config: PhantomData,
        }
    }

    /// The parameter's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The value as `ZOHODESK.set("extension.config", {name, value})` sends it.
    ///
    /// # Errors
    ///
    /// [`ConfigError::NotFinite`]: the value is a number JSON cannot hold, and is not sent.
    pub fn value(&self) -> Result<&Value, &ConfigError> {
        self.value.as_ref()
    }

    /// `{name, value}`, as `ZOHODESK.set("extension.config", ...)` takes it; the value's
    /// refusal when it cannot be written.
    pub(crate) fn into_json(self) -> Result<String, ConfigError> {
        let value = serde_json::to_string(&self.value?).unwrap_or_default();
        Ok(Object::new()
            .string("name", self.name)
            .raw("value", &value)
            .finish())
    }
}

/// Why the configuration could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// The SDK failed or refused `get("extension.config")`.
    Host(HostError),
    /// A mandatory parameter has no value.
    Missing {
        /// The parameter's name.
        name: &'static str,
    },
    /// A parameter's value is not of its declared type.
    Mistyped {
        /// The parameter's name.
        name: &'static str,
        /// Its type, as the manifest says it.
        expected: ConfigType,
        /// The value found, as JSON (cut at 100 characters).
        found: String,
    },
    /// A value [`Desk::set_config`](crate::Desk::set_config) refused before any call: a number
    /// that is not finite, which JSON cannot hold (`serde_json` would send `null`, erasing the
    /// parameter's value).
    NotFinite {
        /// The parameter's name.
        name: &'static str,
        /// The value: `NaN`, `inf` or `-inf`.
        value: &'static str,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::bounded::write(f, |f| match self {
            ConfigError::Host(error) => write!(f, "{error}"),
            ConfigError::Missing { name } => write!(
                f,
                "the configuration parameter `{name}` has no value, and it is mandatory"
            ),
            ConfigError::Mistyped {
                name,
                expected,
                found,
            } => write!(
                f,
                "the configuration parameter `{name}` is of type `{}`, but its value is {found}",
                expected.name()
            ),
            ConfigError::NotFinite { name, value } => write!(
                f,
                "the configuration parameter `{name}` cannot be set to {value}: JSON holds \
                 finite numbers only"
            ),
        })
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::Host(error) => Some(error),
            _ => None,
        }
    }
}

impl From<HostError> for ConfigError {
    fn from(error: HostError) -> Self {
        ConfigError::Host(error)
    }
}

/// The values `ZOHODESK.get("extension.config")` answered: `[{name, value}]`, each value kept
/// as its JSON text and decoded by its field's type alone (no `serde_json::Value`, whose
/// decoder a widget's module would otherwise link).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct Values(Vec<Item>);

#[derive(Debug, Clone)]
struct Item {
    name: String,
    value: Option<Raw>,
}

/// `{name, value}`, read by the host's one reader of objects rather than a derived visitor
/// (`json::members`); a value that is `null` or missing is none.
///
/// An error inside the item is the deserializer's `custom` error (its type is the caller's),
/// which the decoder places at the item (`[2]`): where in the item it failed (`name`) is then
/// said before its message, so that it is not lost.
impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let item = Raw::deserialize(deserializer)?;
        let mut found = [None, None];
        members(item.get(), &["name", "value"], &mut found)
            .map_err(|error| D::Error::custom(in_item(&error, "")))?;
        let [name, value] = found;
        let name = name.ok_or_else(|| D::Error::missing_field("name"))?;
        Ok(Item {
            name: name
                .decode()
                .map_err(|error| D::Error::custom(in_item(&error, "name")))?,
            value: present(value),
        })
    }
}

/// The message of `error`, an error of the item's `member` (`""`: of the item itself), led by
/// its path inside the item when it has one: `` `name`: invalid type: integer `5`, expected a
/// string ``. At most 300 bytes, as every message ([`bounded`](crate::bounded)).
fn in_item(error: &crate::json::Error, member: &str) -> String {
    let inner = error.path();
    let separator = if member.is_empty() || inner.is_empty() || inner.starts_with('[') {
        ""
    } else {
        "."
    };
    if member.is_empty() && inner.is_empty() {
        return error.to_string();
    }
    // The path cut first: its keys are the sender's, and the message must follow it.
    let inner = crate::bounded::cut(inner, 80);
    crate::bounded::string(format_args!("`{member}{separator}{inner}`: {error}"))
}

impl Values {
    /// The value of the parameter `name`, if it has one (called by the derived `from_values`).
    /// Decision: `null`, an empty string and an empty list are no value, as a form leaves an
    /// empty field (a text, a multiselect with nothing chosen): a mandatory parameter's is
    /// [`ConfigError::Missing`], an optional one's `None`.
    #[doc(hidden)]
    pub fn get(&self, name: &str) -> Option<&Raw> {
        self.0
            .iter()
            .find(|item| item.name == name)
            .and_then(|item| item.value.as_ref())
            .filter(|value| !empty(value.get()))
    }
}

/// Whether the JSON text `json` is `null`, `""` or `[]` (spaces allowed inside the brackets).
fn empty(json: &str) -> bool {
    let json = json.trim();
    matches!(json, "null" | "\"\"")
        || json
            .strip_prefix('[')
            .and_then(|list| list.strip_suffix(']'))
            .is_some_and(|inside| inside.trim().is_empty())
}

/// `kind`, for a field marked `#[config(radio)]`: only an enum's choices show as radio buttons.
#[doc(hidden)]
pub const fn radio<T: Choice>() -> ConfigType {
    ConfigType::Radio
}

/// `kind`, for a field marked `#[config(checkbox)]`: only a `bool` shows as a checkbox.
#[doc(hidden)]
pub const fn checkbox<T: Toggle>() -> ConfigType {
    ConfigType::Checkbox
}
