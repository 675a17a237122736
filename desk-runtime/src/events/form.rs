//! The `${module}Form_${fieldName}.changed` events and `modal.closed`, whose payloads depend on
//! more than a fixed struct.

use super::ModalClosed;
use super::decode::{Payload, from_json};
use crate::errors::DecodeError;
use crate::json::Raw;
use desk_catalog::{EventRef, FormModule};
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::BTreeMap;

/// `${module}Form_${fieldName}.changed`: a field of the add ticket, contact or account form
/// changed (sent on every keystroke).
///
/// On the wire the payload is `{"ticketForm.email": {"oldValue": ..., "newValue": ...}}`; the
/// module and field come from the event's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormFieldChanged {
    /// The form the field is on.
    pub module: FormModule,
    /// The field's API name, e.g. `email`.
    pub field: String,
    /// The value before the change.
    pub old_value: String,
    /// The value after the change.
    pub new_value: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a field's old and new values")]
struct Values {
    old_value: String,
    new_value: String,
}

impl Payload for FormFieldChanged {
    fn decode(event: &str, json: &str) -> Result<Self, DecodeError> {
        let Ok(EventRef::FormField(form)) = desk_catalog::event(event) else {
            return Err(DecodeError::payload(
                event,
                String::new(),
                "not a form-field event (`${module}Form_${fieldName}.changed`)",
            ));
        };
        let key = form.payload_key();
        // Each entry kept as its text, and the field's then read by the decoder of every
        // payload: its values from an object only, errors with their path, the other entries
        // skipped as unknown fields are.
        let mut fields: BTreeMap<String, Raw> = from_json::<_, DecodeError>(event, json)?;
        let values = fields.remove(&key).ok_or_else(|| {
            DecodeError::payload(event, String::new(), format_args!("missing field `{key}`"))
        })?;
        let values: Values = values.decode().map_err(|error| {
            let path = match error.path() {
                "" => key.clone(),
                field => format!("{key}.{field}"),
            };
            DecodeError::payload(event, path, error)
        })?;
        Ok(FormFieldChanged {
            module: form.module,
            field: form.field.to_owned(),
            old_value: values.old_value,
            new_value: values.new_value,
        })
    }
}

impl Payload for ModalClosed {
    fn decode(event: &str, json: &str) -> Result<Self, DecodeError> {
        if json
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            return Ok(ModalClosed);
        }
        from_json::<Option<BTreeMap<String, IgnoredAny>>, DecodeError>(event, json)
            .map(|_| ModalClosed)
    }
}
