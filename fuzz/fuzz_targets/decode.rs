//! Fuzzes `desk_runtime::json`, the decoder of every payload, against `serde_json`: the bytes
//! (lossy UTF-8, as the decoder takes `&str`) are decoded by both into a `Value`, and into each
//! event's payload (`desk_runtime::events::decode` for every event of the catalog, against
//! `serde_json` into the same type). Both must accept or both refuse, and give equal values;
//! neither may panic. The only difference allowed is the one the README lists as a decision:
//! a struct is read from an object only, which the reference applies to `serde_json`
//! (`objects_only.rs`).
//!
//! Run: `cargo +nightly fuzz run decode corpus/decode ../desk-runtime/samples` from `fuzz/`
//! (the reference's sample payloads as seeds).

#![no_main]

mod objects_only;

use desk_runtime::events::{self, Event, FormFieldChanged, ModalClosed, PAYLOAD_TYPES};
use desk_runtime::json::Value;
use libfuzzer_sys::fuzz_target;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::fmt::Debug;

fuzz_target!(init: check_names(), |data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    same(
        "a JSON value",
        &text,
        &desk_runtime::json::from_str::<Value>(&text),
        &serde_json::from_str::<Value>(&text),
    );
    for &name in NAMES {
        same(name, &text, &events::decode(name, &text), &reference(name, &text));
    }
    same(
        FORM_FIELD,
        &text,
        &events::decode(FORM_FIELD, &text),
        &form_field(&text).map(Event::FormFieldChanged),
    );
});

/// Both accept and agree, or both refuse.
fn same<T: PartialEq + Debug>(
    what: &str,
    text: &str,
    ours: &Result<T, impl Debug>,
    theirs: &Result<T, impl Debug>,
) {
    match (ours, theirs) {
        (Ok(ours), Ok(theirs)) if ours == theirs => {}
        (Err(_), Err(_)) => {}
        _ => panic!("{what}: {text:?}\n  desk_runtime::json: {ours:?}\n  serde_json: {theirs:?}"),
    }
}

/// `text` read by `serde_json` as a `T`, with the decision.
fn serde_json_read<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = objects_only::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Every named event and its payload type, written out here a second time; checked against
/// `PAYLOAD_TYPES` when the fuzzer starts, so that an event added to the catalog is not left
/// out.
macro_rules! payloads {
    ($($name:literal => $payload:ident $(by $reader:ident)?,)*) => {
        const NAMES: &[&str] = &[$($name),*];

        fn check_names() {
            let declared = PAYLOAD_TYPES.iter().map(|&(name, payload)| (name, payload));
            assert!(
                declared.eq([$(($name, stringify!($payload))),*]),
                "the fuzz target's events are not PAYLOAD_TYPES"
            );
        }

        /// The reference: `serde_json` into the event's payload type.
        fn reference(name: &str, text: &str) -> Result<Event, serde_json::Error> {
            match name {
                $($name => reader!($payload $(, $reader)?)(text).map(Event::$payload),)*
                _ => unreachable!("{name}"),
            }
        }
    };
}

/// A payload's reader: `serde_json` into its type, unless another is named.
macro_rules! reader {
    ($payload:ident) => {
        serde_json_read::<events::$payload>
    };
    ($payload:ident, $reader:ident) => {
        $reader
    };
}

payloads! {
    "ticket_comment.add" => TicketCommentAdd,
    "ticket_replyEditor.opened" => TicketReplyEditorOpened,
    "ticket_customFields.changed" => TicketCustomFieldsChanged,
    "task_Completed" => TaskCompleted,
    "community.topic.loaded" => CommunityTopicLoaded,
    "ticket_assignee.changed" => TicketAssigneeChanged,
    "ticket_owner.changed" => TicketOwnerChanged,
    "pageChange" => PageChange,
    "ticket_replyEditor_template.loaded" => TicketReplyEditorTemplateLoaded,
    "ticket_Shift" => TicketShift,
    "ticket_dueDate.changed" => TicketDueDateChanged,
    "ticket_priority.changed" => TicketPriorityChanged,
    "ticket_classification.changed" => TicketClassificationChanged,
    "ticket_productName.changed" => TicketProductNameChanged,
    "ticket_phone.changed" => TicketPhoneChanged,
    "ticket_status.changed" => TicketStatusChanged,
    "ticket_isSpam.changed" => TicketIsSpamChanged,
    "ticket_assist.click" => TicketAssistClick,
    "modal.closed" => ModalClosed by modal_closed,
    "user_preference.changed" => UserPreferenceChanged,
    "call.ringing" => CallRinging,
    "call.answered" => CallAnswered,
    "call.completed" => CallCompleted,
    "click2Call" => Click2Call,
}

/// `modal.closed` carries nothing: no text at all, `null`, or any object (README).
fn modal_closed(text: &str) -> Result<ModalClosed, serde_json::Error> {
    if text.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
        return Ok(ModalClosed);
    }
    // The type the runtime reads it as.
    #[allow(clippy::zero_sized_map_values)]
    serde_json_read::<Option<BTreeMap<String, IgnoredAny>>>(text).map(|_| ModalClosed)
}

/// One form-field event: its payload is `{"ticketForm.email": {"oldValue": .., "newValue": ..}}`.
const FORM_FIELD: &str = "ticketForm_email.changed";

/// The form-field payload's entry, as the wire has it.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Values {
    old_value: String,
    new_value: String,
}

/// The payload's entries kept as their text (`RawValue`), as the decoder keeps them; the
/// field's then read into its values.
fn form_field(text: &str) -> Result<FormFieldChanged, serde_json::Error> {
    let mut fields = serde_json_read::<BTreeMap<String, Box<RawValue>>>(text)?;
    let values = fields
        .remove("ticketForm.email")
        .ok_or_else(|| serde::de::Error::missing_field("ticketForm.email"))?;
    let values: Values = serde_json_read(values.get())?;
    Ok(FormFieldChanged {
        module: desk_runtime::events::FormModule::Ticket,
        field: "email".to_owned(),
        old_value: values.old_value,
        new_value: values.new_value,
    })
}
