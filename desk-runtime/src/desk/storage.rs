//! The extension's storage (`database`), with the platform's limits refused before any call.

use super::{Desk, HostError, Limit};
use crate::bounded;
use crate::widget::Widget;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

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
        let mut options = query_options(query)?;
        if let Some(from) = from {
            options["from"] = json!(from);
        }
        if let Some(limit) = limit {
            options["limit"] = json!(limit);
        }
        let answer = self
            .desk
            .call("get", vec![json!("database"), options])
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
            let bytes = super::text(&entry.value).len();
            if bytes > 1024 {
                return Err(HostError::Limit(Limit::StorageValue {
                    key: entry.key.clone(),
                    bytes,
                }));
            }
        }
        let value = match entries {
            [one] => json!(one),
            many => json!(many),
        };
        self.desk
            .call("set", vec![json!("database"), value])
            .await
            .map(drop)
    }

    /// Deletes the entries `query` finds.
    ///
    /// # Errors
    ///
    /// As [`Storage::get`].
    pub async fn delete(&self, query: &Query) -> Result<(), HostError> {
        let options = query_options(query)?;
        self.desk
            .call("delete", vec![json!("database"), options])
            .await
            .map(drop)
    }
}

fn query_options(query: &Query) -> Result<Value, HostError> {
    Ok(match query {
        Query::Key(key) => {
            check_key("key", key)?;
            json!({ "key": key })
        }
        Query::Queriable(value) => {
            check_key("queriableValue", value)?;
            json!({ "queriableValue": value })
        }
    })
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
