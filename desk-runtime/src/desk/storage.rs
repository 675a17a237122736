//! The extension's storage (`database`), with the platform's limits refused before any call.

use super::{Desk, HostError, Limit, encode};
use crate::bounded;
use crate::json::write::{self, Object, array, string};
use crate::link::Json;
use crate::widget::Widget;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What `database.get` answers: `{"data": [entries]}`.
#[derive(Deserialize)]
struct Found {
    data: Option<Vec<Entry>>,
}

/// One stored entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Its key: at most 50 characters, letters, digits, `,`, `_` and `:`.
    pub key: String,
    /// Its value: at most 1 KB of JSON.
    pub value: Value,
    /// A value to find it by, with the key's limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queriable_value: Option<String>,
}

/// Which entries to read or delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// The entry with this key.
    Key(String),
    /// The entries stored with this `queriable_value`.
    Queriable(String),
}

/// The extension's storage, from [`Desk::storage`].
#[derive(Debug)]
pub struct Storage<'a, W> {
    desk: &'a Desk<W>,
}

impl<'a, W: Widget> Storage<'a, W> {
    pub(crate) fn new(desk: &'a Desk<W>) -> Self {
        Storage { desk }
    }

    /// The entries `query` finds, `limit` at most from the `from`th.
    ///
    /// # Errors
    ///
    /// [`HostError::Limit`] for a key over the platform's limits, before any call; otherwise
    /// the SDK's failure, or an answer without `database.get`'s entries.
    pub async fn get(
        &self,
        query: &Query,
        from: Option<u32>,
        limit: Option<u32>,
    ) -> Result<Vec<Entry>, HostError> {
        let options = query_options(query, from, limit)?;
        let answer = self
            .desk
            .call_json("get", array(&[&string("database"), &options]))
            .await?;
        // The answer's key is the literal `database.get`.
        match super::answer::field::<Found>(&answer, "database.get") {
            Ok(Some(Found { data: Some(data) })) => Ok(data),
            Ok(_) => Err(HostError::Response(bounded::string(format_args!(
                "no `database.get` data in {answer}"
            )))),
            Err(error) => Err(HostError::Response(format!("`database.get`: {error}"))),
        }
    }

    /// Stores entries, at most 10 at once.
    ///
    /// # Errors
    ///
    /// [`HostError::Limit`] for more than 10 entries, a key or queriable value over the
    /// platform's limits or a value over 1 KB, before any call; otherwise the SDK's failure.
    pub async fn set(&self, entries: &[Entry]) -> Result<(), HostError> {
        if entries.len() > 10 {
            return Err(HostError::Limit(Limit::StorageBatch {
                entries: entries.len(),
            }));
        }
        for entry in entries {
            check_key("key", &entry.key)?;
            if let Some(queriable) = &entry.queriable_value {
                check_key("queriableValue", queriable)?;
            }
            let bytes = write::value(&entry.value).len();
            if bytes > 1024 {
                return Err(HostError::Limit(Limit::StorageValue {
                    key: entry.key.clone(),
                    bytes,
                }));
            }
        }
        let value = match entries {
            [one] => encode(one)?,
            many => encode(many)?,
        };
        self.desk
            .call_json("set", array(&[&string("database"), &value]))
            .await
            .map(drop)
    }

    /// Deletes the entries `query` finds.
    ///
    /// # Errors
    ///
    /// As [`Storage::get`].
    pub async fn delete(&self, query: &Query) -> Result<(), HostError> {
        let options = query_options(query, None, None)?;
        self.desk
            .call_json("delete", array(&[&string("database"), &options]))
            .await
            .map(drop)
    }
}

/// The options of `database.get` and `database.delete`, as JSON text.
fn query_options(query: &Query, from: Option<u32>, limit: Option<u32>) -> Result<Json, HostError> {
    let (key, queriable) = match query {
        Query::Key(key) => {
            check_key("key", key)?;
            (Some(key.as_str()), None)
        }
        Query::Queriable(value) => {
            check_key("queriableValue", value)?;
            (None, Some(value.as_str()))
        }
    };
    let number = |number: Option<u32>| number.map(|number| number.to_string());
    Ok(Object::new()
        .optional_raw("from", number(from).as_deref())
        .optional("key", key)
        .optional_raw("limit", number(limit).as_deref())
        .optional("queriableValue", queriable)
        .finish())
}

/// The platform's rule for keys and queriable values: at most 50 characters, the special ones
/// `,`, `_` and `:` only.
pub(crate) fn check_key(field: &'static str, value: &str) -> Result<(), HostError> {
    let valid = !value.is_empty()
        && value.chars().count() <= 50
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ',' | '_' | ':'));
    if valid {
        Ok(())
    } else {
        Err(HostError::Limit(Limit::StorageKey {
            field,
            value: value.to_owned(),
        }))
    }
}
