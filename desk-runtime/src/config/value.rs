//! The types a configuration parameter can hold, and how each is read from
//! `extension.config` and written back.
//!
//! Decision: no source says how Desk stores each type's value, so reading is lenient where it
//! costs nothing: a number or a switch may come as JSON or as a string holding it, a
//! multiselect as a list of choices or one choice alone. Values are read from their JSON text
//! ([`Raw`]), each by its own type's decoder.

use super::{ConfigError, Secret};
use crate::extension::ConfigType;
use crate::json::Raw;
use serde_json::Value;

/// A type a configuration parameter can hold.
#[diagnostic::on_unimplemented(
    message = "a configuration parameter cannot hold `{Self}`",
    note = "the platform's types: `String` (text), a number type (number), `bool` (switch), an enum with `#[derive(ConfigChoice)]` (picklist), a `Vec` of one (multiselect), `Secret` (a secure text), each optional as an `Option`"
)]
pub trait ParamValue: Sized {
    /// The manifest's `type`.
    const KIND: ConfigType;
    /// Whether the parameter is `mandatory`: all but an `Option`.
    const MANDATORY: bool = true;
    /// Whether it is `secure`: a [`Secret`].
    const SECURE: bool = false;
    /// What [`Desk::set_config`](crate::Desk::set_config) takes for it.
    type Set;

    /// The value `value` of the parameter `name` (`None` when it has none).
    ///
    /// # Errors
    ///
    /// [`ConfigError::Missing`] or [`ConfigError::Mistyped`].
    fn read(name: &'static str, value: Option<&Raw>) -> Result<Self, ConfigError>;

    /// A new value, as `ZOHODESK.set("extension.config", ...)` sends it (once
    /// [`ParamValue::unwritable`] has said it can be).
    fn write(value: Self::Set) -> Value;

    /// The value as Rust writes it (`NaN`, `inf`, `-inf`) when JSON cannot hold it: a number
    /// that is not finite, which [`ParamValue::write`] (`serde_json`) would write as `null`,
    /// no value. `None` (the default) for any other.
    fn unwritable(value: &Self::Set) -> Option<&'static str> {
        let _ = value;
        None
    }
}

/// A fieldless enum whose variants are a picklist's (or radio buttons') choices:
/// `#[derive(ConfigChoice)]` implements it. Decision: no source gives the manifest's key for a
/// parameter's choices, so they are not written there; the variants' names are the values read
/// back.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an enum of choices",
    note = "a picklist, radio buttons or a multiselect hold an enum with `#[derive(ConfigChoice)]`"
)]
pub trait Choice: Sized {
    /// The variants' names, in declaration order.
    const CHOICES: &'static [&'static str];
    /// The variant named `name`.
    fn choose(name: &str) -> Option<Self>;
    /// This variant's name.
    fn choice(&self) -> &'static str;
}

/// An optional choice: radio buttons the admin may leave unset.
#[diagnostic::do_not_recommend]
impl<T: Choice> Choice for Option<T> {
    const CHOICES: &'static [&'static str] = T::CHOICES;

    fn choose(name: &str) -> Option<Self> {
        T::choose(name).map(Some)
    }

    fn choice(&self) -> &'static str {
        self.as_ref().map_or("", T::choice)
    }
}

/// A value shown as a switch or a checkbox: `bool`.
#[diagnostic::on_unimplemented(
    message = "`#[config(checkbox)]` is for a `bool`, not `{Self}`",
    note = "a checkbox holds `bool` (or `Option<bool>`)"
)]
pub trait Toggle {}

impl Toggle for bool {}
impl Toggle for Option<bool> {}

/// What [`Desk::set_config`](crate::Desk::set_config) takes for a [`Secret`]: nothing, as no
/// value of it exists. The widget never holds a secure value, so it cannot set one; the admin
/// does, at install.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsettable {}

fn mistyped(name: &'static str, expected: ConfigType, found: &Raw) -> ConfigError {
    let mut found = found.get().trim().to_owned();
    if let Some((end, _)) = found.char_indices().nth(100) {
        found.truncate(end);
        found.push_str("...");
    }
    ConfigError::Mistyped {
        name,
        expected,
        found,
    }
}

fn present<'a>(name: &'static str, value: Option<&'a Raw>) -> Result<&'a Raw, ConfigError> {
    value.ok_or(ConfigError::Missing { name })
}

/// The text of a value that is a JSON string, or the JSON text of any other.
fn text(value: &Raw) -> String {
    value
        .decode::<String>()
        .unwrap_or_else(|_| value.get().trim().to_owned())
}

impl ParamValue for String {
    const KIND: ConfigType = ConfigType::Text;
    type Set = String;

    fn read(name: &'static str, value: Option<&Raw>) -> Result<Self, ConfigError> {
        let value = present(name, value)?;
        value
            .decode::<String>()
            .map_err(|_| mistyped(name, Self::KIND, value))
    }

    fn write(value: String) -> Value {
        Value::String(value)
    }
}

impl ParamValue for bool {
    const KIND: ConfigType = ConfigType::Switch;
    type Set = bool;

    fn read(name: &'static str, value: Option<&Raw>) -> Result<Self, ConfigError> {
        let value = present(name, value)?;
        match text(value).as_str() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(mistyped(name, Self::KIND, value)),
        }
    }

    fn write(value: bool) -> Value {
        Value::Bool(value)
    }
}

/// A number's value JSON cannot hold: a float that is not finite.
trait Finite {
    /// `NaN`, `inf` or `-inf` (as Rust writes them) for a value that is not finite.
    fn not_finite(&self) -> Option<&'static str>;
}

macro_rules! integers {
    ($($integer:ty),*) => {$(
        impl Finite for $integer {
            fn not_finite(&self) -> Option<&'static str> {
                None
            }
        }
    )*};
}

integers!(u8, u16, u32, u64, i8, i16, i32, i64);

macro_rules! floats {
    ($($float:ty),*) => {$(
        impl Finite for $float {
            // Compared, not formatted: no float formatting in a page's module.
            fn not_finite(&self) -> Option<&'static str> {
                if self.is_nan() {
                    Some("NaN")
                } else if self.is_infinite() {
                    Some(if *self > 0.0 { "inf" } else { "-inf" })
                } else {
                    None
                }
            }
        }
    )*};
}

floats!(f32, f64);

// Decision: a number that is not finite is no number of the platform's (JSON has none), read or
// written: `"NaN"`, `"inf"` or `"1e999"` (which parses to infinity) is mistyped, and writing
// one is refused ([`ConfigError::NotFinite`], by [`ParamValue::unwritable`]) rather than sent
// as `null`, which would erase the value.
macro_rules! numbers {
    ($($number:ty),*) => {$(
        impl ParamValue for $number {
            const KIND: ConfigType = ConfigType::Number;
            type Set = $number;

            fn read(name: &'static str, value: Option<&Raw>) -> Result<Self, ConfigError> {
                let value = present(name, value)?;
                text(value)
                    .trim()
                    .parse::<$number>()
                    .ok()
                    .filter(|number| number.not_finite().is_none())
                    .ok_or_else(|| mistyped(name, Self::KIND, value))
            }

            fn write(value: $number) -> Value {
                serde_json::json!(value)
            }

            fn unwritable(value: &$number) -> Option<&'static str> {
                value.not_finite()
            }
        }
    )*};
}

numbers!(u8, u16, u32, u64, i8, i16, i32, i64, f32, f64);

impl ParamValue for Secret {
    const KIND: ConfigType = ConfigType::Text;
    const SECURE: bool = true;
    type Set = Unsettable;

    /// The secret of `name`, whatever Desk answered: its value is not readable on the client
    /// (the guide: "kept on Desk's server side").
    fn read(name: &'static str, _: Option<&Raw>) -> Result<Self, ConfigError> {
        Ok(Secret::named(name))
    }

    fn write(value: Unsettable) -> Value {
        match value {}
    }
}

#[diagnostic::do_not_recommend]
impl<T: ParamValue> ParamValue for Option<T> {
    const KIND: ConfigType = T::KIND;
    const MANDATORY: bool = false;
    const SECURE: bool = T::SECURE;
    type Set = Option<T::Set>;

    fn read(name: &'static str, value: Option<&Raw>) -> Result<Self, ConfigError> {
        // A secure value is never answered: its `Secret` is there all the same.
        if value.is_some() || T::SECURE {
            T::read(name, value).map(Some)
        } else {
            Ok(None)
        }
    }

    fn write(value: Option<T::Set>) -> Value {
        value.map_or(Value::Null, T::write)
    }

    fn unwritable(value: &Option<T::Set>) -> Option<&'static str> {
        value.as_ref().and_then(T::unwritable)
    }
}

/// A picklist: the choice named by the value (called by `#[derive(ConfigChoice)]`).
#[doc(hidden)]
pub fn read_choice<T: Choice>(name: &'static str, value: Option<&Raw>) -> Result<T, ConfigError> {
    let value = present(name, value)?;
    value
        .decode::<String>()
        .ok()
        .and_then(|choice| T::choose(&choice))
        .ok_or_else(|| mistyped(name, ConfigType::Picklist, value))
}

#[diagnostic::do_not_recommend]
impl<T: Choice> ParamValue for Vec<T> {
    const KIND: ConfigType = ConfigType::Multiselect;
    type Set = Vec<T>;

    fn read(name: &'static str, value: Option<&Raw>) -> Result<Self, ConfigError> {
        let value = present(name, value)?;
        let names = value
            .decode::<Vec<String>>()
            .or_else(|_| value.decode::<String>().map(|one| vec![one]));
        names
            .ok()
            .and_then(|names| names.iter().map(|name| T::choose(name)).collect())
            .ok_or_else(|| mistyped(name, Self::KIND, value))
    }

    fn write(value: Vec<T>) -> Value {
        value
            .iter()
            .map(|choice| Value::from(choice.choice()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(json: &str) -> Raw {
        crate::json::from_str(json).unwrap()
    }

    /// What parses to a float that is not finite is mistyped, as JSON or as a string; finite
    /// values as they were.
    #[test]
    fn a_number_that_is_not_finite_is_mistyped() {
        for json in [
            r#""NaN""#,
            r#""nan""#,
            r#""inf""#,
            r#""-infinity""#,
            r#""1e999""#,
            "1e999",
            "-1e999",
        ] {
            let value = raw(json);
            assert_eq!(
                f64::read("ratio", Some(&value)),
                Err(ConfigError::Mistyped {
                    name: "ratio",
                    expected: ConfigType::Number,
                    found: json.to_owned()
                }),
                "{json}"
            );
            assert!(f32::read("ratio", Some(&value)).is_err(), "{json}");
            assert!(
                Option::<f64>::read("ratio", Some(&value)).is_err(),
                "{json}"
            );
        }
        // Finite in an `f64`, infinite in an `f32`.
        assert_eq!(f64::read("ratio", Some(&raw("1e39"))), Ok(1e39));
        assert!(f32::read("ratio", Some(&raw("1e39"))).is_err());
        for (json, number) in [("1.5", 1.5), (r#"" -2e3 ""#, -2000.0), ("1e308", 1e308)] {
            assert_eq!(f64::read("ratio", Some(&raw(json))), Ok(number), "{json}");
        }
        assert_eq!(u8::read("n", Some(&raw(r#""+5""#))), Ok(5));
    }

    /// A number that is not finite is unwritable, with the value as Rust writes it: never the
    /// `null` that `serde_json` writes for it.
    #[test]
    fn a_number_that_is_not_finite_is_unwritable() {
        assert_eq!(f64::unwritable(&f64::NAN), Some("NaN"));
        assert_eq!(f64::unwritable(&f64::INFINITY), Some("inf"));
        assert_eq!(f32::unwritable(&f32::NEG_INFINITY), Some("-inf"));
        assert_eq!(Option::<f64>::unwritable(&Some(f64::NAN)), Some("NaN"));
        for ratio in [1.5, -0.0, f64::MAX, f64::MIN_POSITIVE] {
            assert_eq!(f64::unwritable(&ratio), None);
            assert_eq!(f64::write(ratio), serde_json::json!(ratio));
        }
        assert_eq!(Option::<f64>::unwritable(&None), None);
        assert_eq!(u64::unwritable(&u64::MAX), None);
        assert_eq!(String::unwritable(&"NaN".to_owned()), None);
    }
}
