//! serde's `Deserializer` on the [`Reader`]: values handed to serde's visitors, errors given
//! their path on the way out.

use super::fields::{MAX_FIELDS, Slot, Table};
use super::read::{Number, Reader, Text};
use super::{Error, RAW};
use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Expected, Unexpected, Visitor};

/// How deeply arrays and objects may nest: 127 levels, as `serde_json`, which keeps an
/// untrusted text from exhausting the stack.
const DEPTH: u8 = 127;

pub(crate) struct Deserializer<'de> {
    read: Reader<'de>,
    /// How many more arrays and objects may nest.
    depth: u8,
}

impl<'de> Deserializer<'de> {
    pub(super) fn new(text: &'de str) -> Self {
        Deserializer {
            read: Reader::new(text),
            depth: DEPTH,
        }
    }

    /// Nothing but whitespace may follow the value.
    pub(super) fn end(&mut self) -> Result<(), Error> {
        match self.read.peek() {
            None => Ok(()),
            Some(_) => Err(Error::syntax("trailing characters")),
        }
    }

    /// Reads the `[` or `{` that comes next: one level deeper.
    fn enter(&mut self) -> Result<(), Error> {
        self.depth = self
            .depth
            .checked_sub(1)
            .ok_or_else(|| Error::syntax("recursion limit exceeded"))?;
        self.read.pos += 1;
        Ok(())
    }

    /// Reads the `]` or `}` that closes what [`Deserializer::enter`] entered.
    fn leave(&mut self, close: u8) -> Result<(), Error> {
        self.depth += 1;
        let expected = if close == b']' {
            "expected `,` or `]`"
        } else {
            "expected `,` or `}`"
        };
        self.read.expect(close, expected)
    }

    /// The object that comes next, to `visitor`.
    fn object<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        let value = visitor.visit_map(Entries {
            de: self,
            first: true,
            key: 0,
        })?;
        self.leave(b'}')?;
        Ok(value)
    }

    /// The error for a value that is not what `expected` takes, read whole to be quoted. Not
    /// generic, so that a visitor refusing a JSON type costs no copy of this per visitor (and a
    /// struct's visitor is never given an array, which would link its `visit_seq`).
    #[cold]
    #[inline(never)]
    fn unexpected(&mut self, expected: &dyn Expected) -> Error {
        let Some(byte) = self.read.peek() else {
            return Error::syntax("EOF while parsing a value");
        };
        let start = self.read.pos;
        if let Err(error) = self.read.skip() {
            return error;
        }
        let text = self.read.since(start);
        let found = match byte {
            b'"' => Unexpected::Str(""),
            b'[' => Unexpected::Seq,
            b'{' => Unexpected::Map,
            b'n' => Unexpected::Unit,
            b't' | b'f' => Unexpected::Bool(true),
            _ if text.contains(['.', 'e', 'E']) => Unexpected::Float(0.0),
            _ => Unexpected::Unsigned(0),
        };
        <Error as de::Error>::invalid_type(found, expected).quoting(text)
    }

    /// Reads a `null` if one comes next: how an `Option` is read (anything else is its value).
    pub(super) fn null(&mut self) -> Result<bool, Error> {
        if self.read.peek() == Some(b'n') {
            self.read.literal("null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// The object that comes next, read into `slots`, one per name of `table` (a struct's
    /// fields by wire name), as serde's derived visitor of a struct reads it: each member's
    /// value decoded into its field's slot as soon as it is read, so that errors come in the
    /// text's order with the member's name in their path; a field named twice refused at its
    /// second occurrence; members the table does not name skipped. Returns which fields were
    /// read (bit `i` for `table.names[i]`): which are required is [`super::object`]'s to check,
    /// after this walk.
    ///
    /// One copy for every struct: what is per struct is its table, its slots and the value's
    /// assembly.
    pub(super) fn fields(
        &mut self,
        table: &Table<'_>,
        slots: &mut [&mut dyn Slot],
    ) -> Result<u64, Error> {
        if self.read.next_byte()? != b'{' {
            return Err(self.unexpected(&table.expecting));
        }
        self.enter()?;
        let mut entries = Entries {
            de: self,
            first: true,
            key: 0,
        };
        let mut read = 0;
        // The name looked at first: the one after the last found. Desk sends the members in
        // the reference's order, which is the table's but for the optional fields (listed
        // last): most are then found at the first comparison (call.ringing: 8,812 -> 8,646
        // instructions per dispatch, bench/examples/instructions.rs).
        let mut next = 0;
        while entries.next_key()? {
            let key = entries.de.read.string()?;
            let key = key.as_str();
            let index = match table.names.get(next) {
                Some(name) if *name == key => Some(next),
                _ => table.names.iter().position(|name| *name == key),
            };
            match index.and_then(|index| Some((index, slots.get_mut(index)?))) {
                Some((index, slot)) => {
                    // A table has at most 64 fields (`MAX_FIELDS`, asserted where it is built).
                    let bit = 1 << (index % MAX_FIELDS);
                    if read & bit != 0 {
                        return Err(Error::duplicate(key));
                    }
                    read |= bit;
                    next = index + 1;
                    entries.value(|de| slot.fill(de))?;
                }
                None => entries.value(|de| de.read.skip())?,
            }
        }
        self.leave(b'}')?;
        Ok(read)
    }

    /// The integer that comes next, for `i128` and `u128`, and where it starts; the error for
    /// `expected` when another value comes.
    fn integer(&mut self, expected: &dyn Expected) -> Result<(usize, &'de str), Error> {
        self.read.peek();
        let start = self.read.pos;
        match self.read.integer()? {
            Some(text) => Ok((start, text)),
            None => Err(self.unexpected(expected)),
        }
    }
}

impl<'de> Text<'de> {
    /// The string to `visitor`: borrowed from the text when it can be.
    fn visit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Text::Borrowed(text) => visitor.visit_borrowed_str(text),
            Text::Owned(text) => visitor.visit_string(text),
        }
    }

    /// The string to `visitor` as the name of a unit variant.
    fn visit_variant<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Text::Borrowed(name) => visitor.visit_enum(BorrowedStrDeserializer::new(name)),
            Text::Owned(name) => visitor.visit_enum(StringDeserializer::new(name)),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(text) => text,
            Text::Owned(text) => text,
        }
    }
}

/// Gives the visitor's error the value's text, from `start` to where reading stopped.
macro_rules! quoting {
    ($de:expr, $start:expr, $visit:expr) => {
        match $visit {
            Ok(value) => Ok(value),
            Err(error) => Err(Error::quoting(error, $de.read.since($start))),
        }
    };
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let byte = self.read.next_byte()?;
        let start = self.read.pos;
        match byte {
            b'n' => {
                self.read.literal("null")?;
                quoting!(self, start, visitor.visit_unit())
            }
            b't' | b'f' => {
                let value = byte == b't';
                self.read.literal(if value { "true" } else { "false" })?;
                quoting!(self, start, visitor.visit_bool(value))
            }
            b'"' => self.deserialize_str(visitor),
            b'-' | b'0'..=b'9' => {
                let visited = match self.read.number()? {
                    Number::Unsigned(value) => visitor.visit_u64(value),
                    Number::Signed(value) => visitor.visit_i64(value),
                    Number::Float(value) => visitor.visit_f64(value),
                };
                quoting!(self, start, visited)
            }
            b'[' => {
                self.enter()?;
                let value = visitor.visit_seq(Elements { de: self, index: 0 })?;
                self.leave(b']')?;
                Ok(value)
            }
            b'{' => self.object(visitor),
            _ => Err(Error::syntax("expected value")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.read.next_byte()? != b'"' {
            return Err(self.unexpected(&visitor));
        }
        let start = self.read.pos;
        let visited = self.read.string()?.visit(visitor);
        quoting!(self, start, visited)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    /// An integer of any length, read to `i128`'s range as `serde_json` reads it (for any other
    /// type, an integer beyond 64 bits is a float, as there).
    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let (start, text) = self.integer(&visitor)?;
        let Ok(value) = text.parse() else {
            return Err(Error::syntax("number out of range"));
        };
        quoting!(self, start, visitor.visit_i128(value))
    }

    /// A non-negative integer of any length, read to `u128`'s range as `serde_json` reads it;
    /// `-0` is refused, as there.
    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let (start, text) = self.integer(&visitor)?;
        if text.starts_with('-') {
            let error = <Error as de::Error>::invalid_value(Unexpected::Signed(-1), &visitor);
            return Err(error.quoting(text));
        }
        let Ok(value) = text.parse() else {
            return Err(Error::syntax("number out of range"));
        };
        quoting!(self, start, visitor.visit_u128(value))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.null()? {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    /// An object only: a struct sent as an array (which `serde_json` reads too) is refused, and
    /// each struct's `visit_seq` is not linked.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if self.read.next_byte()? == b'{' {
            self.object(visitor)
        } else {
            Err(self.unexpected(&visitor))
        }
    }

    /// A unit variant as its name (`"Low"`), any other as an object of one entry
    /// (`{"Custom": ...}`): serde's externally tagged enums, as `serde_json` writes them.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.read.next_byte()? {
            b'"' => self.read.string()?.visit_variant(visitor),
            b'{' => {
                self.enter()?;
                let key = self.read.pos;
                let value = visitor.visit_enum(Variant { de: self, key })?;
                self.leave(b'}')?;
                Ok(value)
            }
            _ => Err(self.unexpected(&visitor)),
        }
    }

    /// [`super::Raw`]'s text, or a newtype's inner value.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == RAW {
            self.read.next_byte()?;
            let start = self.read.pos;
            self.read.skip()?;
            visitor.visit_borrowed_str(self.read.since(start))
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.read.skip()?;
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 u8 u16 u32 u64 f32 f64 char bytes byte_buf unit unit_struct seq
        tuple tuple_struct map identifier
    }
}

/// An array's elements, counted for the path of an error.
struct Elements<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.de.read.peek() == Some(b']') {
            return Ok(None);
        }
        if self.index > 0 {
            self.de.read.expect(b',', "expected `,` or `]`")?;
        }
        let index = self.index;
        self.index += 1;
        match seed.deserialize(&mut *self.de) {
            Ok(value) => Ok(Some(value)),
            Err(error) => Err(error.in_element(index)),
        }
    }
}

/// An object's entries; `key` is where the current key starts, to name it in an error.
struct Entries<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    first: bool,
    key: usize,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if !self.next_key()? {
            return Ok(None);
        }
        seed.deserialize(Key { de: &mut *self.de }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        self.value(|de| seed.deserialize(de))
    }
}

impl<'de> Entries<'_, 'de> {
    /// Whether another entry comes, its key then next (and where it starts kept).
    fn next_key(&mut self) -> Result<bool, Error> {
        let read = &mut self.de.read;
        if read.peek() == Some(b'}') {
            return Ok(false);
        }
        if !self.first {
            read.expect(b',', "expected `,` or `}`")?;
        }
        self.first = false;
        read.key_next()?;
        self.key = read.pos;
        Ok(true)
    }

    /// The entry's value, read by `read` after the `:`; its error given the key's path.
    fn value<T>(
        &mut self,
        read: impl FnOnce(&mut Deserializer<'de>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.de.read.expect(b':', "expected `:`")?;
        match read(&mut *self.de) {
            Ok(value) => Ok(value),
            Err(error) => Err(in_key(self.de, self.key, error)),
        }
    }
}

/// `error`, in the value of the key that starts at `key`: the key is read again, only now.
#[cold]
#[inline(never)]
fn in_key(de: &Deserializer<'_>, key: usize, error: Error) -> Error {
    let mut read = de.read.clone();
    read.pos = key;
    match read.string() {
        Ok(key) => error.in_key(key.as_str()),
        Err(_) => error,
    }
}

/// An object's key: a string, which a map with number or boolean keys reads as the number or
/// boolean it spells, unescaped (as `serde_json` writes and reads such maps).
struct Key<'a, 'de> {
    de: &'a mut Deserializer<'de>,
}

impl<'de> Key<'_, 'de> {
    /// The key, to a visitor of numbers or booleans: as the JSON number or boolean its text
    /// spells, written without escapes (the number read by `number`, as the value would be);
    /// as the string it is otherwise (which such a visitor refuses).
    fn scalar<V, F>(self, visitor: V, number: F) -> Result<V::Value, Error>
    where
        V: Visitor<'de>,
        F: FnOnce(&mut Deserializer<'de>, V) -> Result<V::Value, Error>,
    {
        let start = self.de.read.pos;
        let text = self.de.read.string()?;
        let raw = self.de.read.since(start);
        let spelt = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
        let mut read = Reader::new(spelt);
        // A number, and nothing else (no whitespace around it).
        let is_number = spelt.starts_with(|c: char| c == '-' || c.is_ascii_digit())
            && read.number().is_ok()
            && read.pos == spelt.len();
        let visited = match spelt {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ if is_number => number(&mut Deserializer::new(spelt), visitor),
            _ => text.visit(visitor),
        };
        quoting!(self.de, start, visited)
    }
}

macro_rules! scalar_keys {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.scalar(visitor, |key, visitor| de::Deserializer::$method(key, visitor))
        })*
    };
}

impl<'de> de::Deserializer<'de> for Key<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.de.read.string()?.visit(visitor)
    }

    scalar_keys! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.de.read.string()?.visit_variant(visitor)
    }

    serde::forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

/// An enum's variant written as an object of one entry, `{"name": value}`; `key` is where
/// the name starts, to name it in an error.
struct Variant<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    key: usize,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(mut self, seed: S) -> Result<(S::Value, Self), Error> {
        self.de.read.key_next()?;
        self.key = self.de.read.pos;
        let name = seed.deserialize(Key { de: &mut *self.de })?;
        self.de.read.expect(b':', "expected `:`")?;
        Ok((name, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        let value = de::Deserialize::deserialize(&mut *self.de);
        value.map_err(|error| in_key(self.de, self.key, error))
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        let value = seed.deserialize(&mut *self.de);
        value.map_err(|error| in_key(self.de, self.key, error))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        let value = de::Deserializer::deserialize_seq(&mut *self.de, visitor);
        value.map_err(|error| in_key(self.de, self.key, error))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let value = de::Deserializer::deserialize_struct(&mut *self.de, "", fields, visitor);
        value.map_err(|error| in_key(self.de, self.key, error))
    }
}
