//! Why a JSON text did not decode, and where: kept as parts and worded only when displayed.
//!
//! serde builds its messages with `format_args!` when an error is made, and `serde_json` quotes
//! the offending value with `Debug` and prints floats: about 10 KB of every WebAssembly module.
//! Here every constructor of `serde::de::Error` keeps its parts, the offending value is quoted
//! as the text had it (from the decoder, which knows where it was), and the path to it is
//! added key by key as the error leaves each object and array.

use crate::bounded;
use serde::de::{self, Expected, Unexpected};
use std::fmt::{self, Display};

/// Why a JSON text did not decode into the type asked for, and the path of the value at fault.
///
/// Its `Display` is serde's message (`invalid type: string "x", expected u32`), without a
/// position; [`Error::path`] says where.
pub struct Error(Box<Parts>);

struct Parts {
    /// The wire path, e.g. `ticket.owner.agent.id`, `items[2]`; empty for the whole text.
    path: String,
    what: What,
}

enum What {
    /// Not JSON: what was expected where it stopped.
    Syntax(&'static str),
    /// A value of the wrong type (`type_`) or out of its type's range.
    Invalid {
        type_: bool,
        found: &'static str,
        /// The value as the text had it, when it is a scalar; filled in by the decoder.
        quoted: Option<String>,
        expected: String,
    },
    Length {
        length: usize,
        expected: String,
    },
    /// An unknown variant, or field (`variant`), with the names expected.
    Unknown {
        variant: bool,
        name: String,
        expected: &'static [&'static str],
    },
    /// A field missing (`missing`) or given twice.
    Field {
        missing: bool,
        name: Box<str>,
    },
    Custom(String),
}

/// The longest quotation of an offending value, in bytes (then `...`).
const QUOTE_LIMIT: usize = 100;

impl Error {
    fn new(what: What) -> Self {
        Error(Box::new(Parts {
            path: String::new(),
            what,
        }))
    }

    /// A value of the wrong type (`type_`) or out of its type's range, not quoted yet.
    fn invalid(type_: bool, unexpected: &Unexpected<'_>, expected: &dyn Expected) -> Self {
        Error::new(What::Invalid {
            type_,
            found: found(unexpected),
            quoted: None,
            expected: expected.to_string(),
        })
    }

    /// A struct's field given twice, refused at its second occurrence. (Not only serde's
    /// `duplicate_field`: `json::members` looks for names that are not `'static`.)
    #[cold]
    #[inline(never)]
    pub(super) fn duplicate(name: &str) -> Self {
        Error::new(What::Field {
            missing: false,
            name: name.into(),
        })
    }

    /// A struct's required field missing from its object (whose path is the error's).
    #[cold]
    #[inline(never)]
    pub(super) fn missing(name: &str) -> Self {
        Error::new(What::Field {
            missing: true,
            name: name.into(),
        })
    }

    /// The text is not JSON.
    pub(super) fn syntax(expected: &'static str) -> Self {
        Error::new(What::Syntax(expected))
    }

    /// The wire path of the value at fault (`ticket.owner.agent.id`, `items[2]`), empty for
    /// the text as a whole. A missing field's path is the object's that lacks it.
    ///
    /// ```
    /// #[derive(serde::Deserialize, Debug)]
    /// struct Ticket { id: u64 }
    ///
    /// let error = desk_runtime::json::from_str::<Vec<Ticket>>(r#"[{"id": 1}, {"id": "2"}]"#)
    ///     .unwrap_err();
    /// assert_eq!(error.path(), "[1].id");
    /// assert_eq!(error.to_string(), r#"invalid type: string "2", expected u64"#);
    /// ```
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// Whether the text itself is not JSON, rather than JSON of another shape.
    pub fn is_syntax(&self) -> bool {
        matches!(self.0.what, What::Syntax(_))
    }

    /// The error, with `text` (the offending value as written) quoted if it is about a scalar
    /// that is not quoted yet.
    #[cold]
    pub(super) fn quoting(mut self, text: &str) -> Self {
        if let What::Invalid {
            found,
            quoted: quoted @ None,
            ..
        } = &mut self.0.what
            && !matches!(*found, "map" | "sequence")
        {
            let cut = text.floor_char_boundary(QUOTE_LIMIT);
            let mut quote = text.get(..cut).unwrap_or_default().to_owned();
            if cut < text.len() {
                quote.push_str("...");
            }
            *quoted = Some(quote);
        }
        self
    }

    /// The error, one level further out: in the value under `key`.
    #[cold]
    pub(super) fn in_key(mut self, key: &str) -> Self {
        let path = &mut self.0.path;
        if !path.is_empty() && !path.starts_with('[') {
            path.insert(0, '.');
        }
        path.insert_str(0, key);
        self
    }

    /// The error, one level further out: in the array's element `index`.
    #[cold]
    pub(super) fn in_element(mut self, index: usize) -> Self {
        let path = &mut self.0.path;
        if !path.is_empty() && !path.starts_with('[') {
            path.insert(0, '.');
        }
        path.insert_str(0, &format!("[{index}]"));
        self
    }
}

/// What serde's `Unexpected` names, in its words (`null` for the unit, as in JSON).
fn found(unexpected: &Unexpected<'_>) -> &'static str {
    match unexpected {
        Unexpected::Bool(_) => "boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) => "integer",
        Unexpected::Float(_) => "floating point",
        Unexpected::Char(_) => "character",
        Unexpected::Str(_) => "string",
        Unexpected::Bytes(_) => "byte array",
        Unexpected::Unit => "null",
        Unexpected::Option => "option",
        Unexpected::NewtypeStruct => "newtype struct",
        Unexpected::Seq => "sequence",
        Unexpected::Map => "map",
        Unexpected::Enum => "enum",
        Unexpected::UnitVariant => "unit variant",
        Unexpected::NewtypeVariant => "newtype variant",
        Unexpected::TupleVariant => "tuple variant",
        Unexpected::StructVariant => "struct variant",
        Unexpected::Other(_) => "value",
    }
}

impl de::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Error::new(What::Custom(message.to_string()))
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Error::invalid(true, &unexpected, expected)
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Error::invalid(false, &unexpected, expected)
    }

    fn invalid_length(length: usize, expected: &dyn Expected) -> Self {
        Error::new(What::Length {
            length,
            expected: expected.to_string(),
        })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(What::Unknown {
            variant: true,
            name: variant.to_owned(),
            expected,
        })
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(What::Unknown {
            variant: false,
            name: field.to_owned(),
            expected,
        })
    }

    fn missing_field(field: &'static str) -> Self {
        Error::missing(field)
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error::duplicate(field)
    }
}

/// At most 300 bytes (the message may be a sender's, e.g. a custom one).
impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bounded::write(f, |out| match &self.0.what {
            What::Syntax(message) => out.write_str(message),
            What::Custom(message) => out.write_str(message),
            What::Invalid {
                type_,
                found,
                quoted,
                expected,
            } => {
                out.write_str(if *type_ {
                    "invalid type: "
                } else {
                    "invalid value: "
                })?;
                out.write_str(found)?;
                match quoted.as_deref() {
                    Some(quoted) if quoted.starts_with('"') => {
                        out.write_char(' ')?;
                        out.write_str(quoted)?;
                    }
                    Some(quoted) if *found != "null" => {
                        out.write_str(" `")?;
                        out.write_str(quoted)?;
                        out.write_char('`')?;
                    }
                    _ => {}
                }
                out.write_str(", expected ")?;
                out.write_str(expected)
            }
            What::Length { length, expected } => {
                write!(out, "invalid length {length}, expected {expected}")
            }
            What::Unknown {
                variant,
                name,
                expected,
            } => {
                let kind = if *variant { "variant" } else { "field" };
                write!(out, "unknown {kind} `")?;
                // An unknown name is the sender's: bounded, as a quoted value is.
                out.write_str(
                    name.get(..name.floor_char_boundary(QUOTE_LIMIT))
                        .unwrap_or(name),
                )?;
                out.write_str("`, ")?;
                match expected {
                    [] => write!(out, "there are no {kind}s"),
                    [only] => write!(out, "expected `{only}`"),
                    [first, rest @ ..] => {
                        write!(out, "expected one of `{first}`")?;
                        rest.iter().try_for_each(|name| write!(out, ", `{name}`"))
                    }
                }
            }
            What::Field { missing, name } => {
                let kind = if *missing { "missing" } else { "duplicate" };
                write!(out, "{kind} field `{name}`")
            }
        })
    }
}

/// As its `Display`, with the path, at most 300 bytes: deriving `Debug` would link `Debug`'s
/// string escaping.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.path.is_empty() {
            Display::fmt(self, f)
        } else {
            bounded::write(f, |out| write!(out, "{self} at `{}`", self.0.path))
        }
    }
}

impl std::error::Error for Error {}
