//! JSON text written without `serde_json::Value`: the SDK calls' arguments. `Value`, the
//! `json!` macro and the B-tree map under `Value`'s objects were 8 KB of the call bar's module
//! (BENCHMARKS.md section 5.6); the texts here are what `serde_json::to_string` writes of the
//! same `Value`, byte for byte (`tests.rs`: `written_as_serde_json_writes`), keys in the
//! order its map keeps them: sorted.

/// `text` as a JSON string, escaped as `serde_json` escapes it.
pub(crate) fn string(text: &str) -> String {
    let mut json = String::with_capacity(text.len() + 2);
    push_string(&mut json, text);
    json
}

/// Appends `text` to `json` as a JSON string: `"` and `\` escaped, the control characters as
/// `\b`, `\t`, `\n`, `\f`, `\r` or `\u00xx`, everything else as it is.
pub(crate) fn push_string(json: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    json.reserve(text.len() + 2);
    json.push('"');
    // Character by character, not by slices: a slice's panic path links `char`'s `Debug` and
    // Unicode's printable tables (4 KB of a module).
    for c in text.chars() {
        match c {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            '\u{8}' => json.push_str("\\b"),
            '\t' => json.push_str("\\t"),
            '\n' => json.push_str("\\n"),
            '\u{c}' => json.push_str("\\f"),
            '\r' => json.push_str("\\r"),
            c if c < ' ' => {
                let byte = c as usize;
                json.push_str("\\u00");
                json.push(char::from(HEX[byte >> 4]));
                json.push(char::from(HEX[byte & 0xf]));
            }
            c => json.push(c),
        }
    }
    json.push('"');
}

/// A `Value`'s compact text: what its `Display` writes, without the pretty printer `Display`
/// links too (1 KB of a module).
pub(crate) fn value(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A JSON array of values already written as JSON text.
pub(crate) fn array(items: &[&str]) -> String {
    let mut json = String::from("[");
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            json.push(',');
        }
        json.push_str(item);
    }
    json.push(']');
    json
}

/// A JSON object, written member by member; the caller adds them in the order of their keys.
pub(crate) struct Object(String);

impl Object {
    pub(crate) fn new() -> Self {
        Object(String::from("{"))
    }

    /// Adds `key` with `value`, already JSON text.
    #[must_use]
    pub(crate) fn raw(mut self, key: &str, value: &str) -> Self {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        push_string(&mut self.0, key);
        self.0.push(':');
        self.0.push_str(value);
        self
    }

    /// Adds `key` with the string `value`.
    #[must_use]
    pub(crate) fn string(self, key: &str, value: &str) -> Self {
        self.raw(key, &string(value))
    }

    /// Adds `key` with the string `value`, if there is one.
    #[must_use]
    pub(crate) fn optional(self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.string(key, value),
            None => self,
        }
    }

    /// Adds `key` with `value`, already JSON text, if there is one.
    #[must_use]
    pub(crate) fn optional_raw(self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.raw(key, value),
            None => self,
        }
    }

    /// The object's text.
    pub(crate) fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// Names and string values, kept sorted by name, a name once (a later value replaces an
/// earlier): an object of strings as `serde_json`'s map writes it. A request's headers and
/// query parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Strings(Vec<(String, String)>);

impl Strings {
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn insert(&mut self, name: String, value: String) {
        match self.0.binary_search_by(|(key, _)| key.as_str().cmp(&name)) {
            Ok(at) => self.0[at].1 = value,
            Err(at) => self.0.insert(at, (name, value)),
        }
    }

    /// The object's text.
    pub(crate) fn json(&self) -> String {
        self.0
            .iter()
            .fold(Object::new(), |object, (name, value)| {
                object.string(name, value)
            })
            .finish()
    }
}
