//! One type per event of the catalog, the [`Event`] enum of them all, and [`decode`].
//!
//! Type names follow the event names (`call.ringing` -> [`CallRinging`],
//! `ticket_status.changed` -> [`TicketStatusChanged`], `ticket_Shift` -> [`TicketShift`]); the
//! form-field pattern has one type, [`FormFieldChanged`].
//!
//! ```
//! use desk_runtime::events::{decode, Event};
//!
//! let event = decode("ticket_status.changed", r#"{"ticket.status": "Open"}"#).unwrap();
//! let Event::TicketStatusChanged(change) = event else { unreachable!() };
//! assert_eq!(change.status, "Open");
//!
//! let error = decode("ticket_assignee.changed", r#"{"ticket.owner": {"type": 5}}"#).unwrap_err();
//! assert!(error.to_string().contains("at `ticket.owner.type`"));
//! ```

mod call;
mod decode;
mod form;
mod ticket;
mod values;

pub use crate::errors::DecodeError;
pub use crate::html::UntrustedHtml;
pub use call::{CallAnswered, CallCompleted, CallRinging, Click2Call};
pub use decode::Payload;
pub(crate) use decode::{from_json, from_table};
pub use desk_catalog::FormModule;
pub use form::FormFieldChanged;
pub use ticket::{
    Agent, CommunityTopicLoaded, ModalClosed, PageChange, TaskCompleted, Team,
    TicketAssigneeChanged, TicketAssistClick, TicketClassificationChanged, TicketCommentAdd,
    TicketCustomFieldsChanged, TicketDueDateChanged, TicketIsSpamChanged, TicketOwner,
    TicketOwnerChanged, TicketPhoneChanged, TicketPriorityChanged, TicketProductNameChanged,
    TicketReplyEditorOpened, TicketReplyEditorTemplateLoaded, TicketShift, TicketStatusChanged,
    UserPreferenceChanged, View,
};
pub use values::{CallContext, CallState, CallType, OwnerType, PageModule, PageType, ReplyMode};

use crate::errors::DispatchError;
use desk_catalog::{EventError, EventRef};
use std::borrow::Cow;

/// Declares every named event with its payload type: the [`Event`] enum, [`decode`], and the
/// sample fixtures. A test checks this list against `desk_catalog::EVENTS`.
macro_rules! events {
    ($($name:literal => $payload:ident,)*) => {
        /// Any event of the catalog, decoded. The catalog grows: match with a `_` arm.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Event {
            $(
                #[doc = concat!("`", $name, "`")]
                $payload($payload),
            )*
            /// `${module}Form_${fieldName}.changed`
            FormFieldChanged(FormFieldChanged),
        }

        impl Event {
            /// The event's name as the platform sends it.
            pub fn name(&self) -> Cow<'static, str> {
                match self {
                    $( Event::$payload(_) => Cow::Borrowed($name), )*
                    Event::FormFieldChanged(change) => {
                        Cow::Owned(format!("{}Form_{}.changed", change.module.name(), change.field))
                    }
                }
            }
        }

        /// Decodes the JSON payload of the event called `name` into its typed [`Event`].
        ///
        /// This is the by-name path, for any event: it finds the payload type at run time and
        /// returns the whole [`Event`] enum. When the type is known, [`Payload::decode`] skips
        /// both (it is what `#[desk_widget]`'s dispatch calls): `TicketStatusChanged::decode(name,
        /// json)`.
        ///
        /// # Errors
        ///
        /// [`DecodeError::UnknownEvent`] for a name outside the catalog,
        /// [`DecodeError::Payload`] naming the field that failed otherwise. It never panics.
        pub fn decode(name: &str, json: &str) -> Result<Event, DecodeError> {
            match name {
                $( $name => $payload::decode(name, json).map(Event::$payload), )*
                _ => match desk_catalog::event(name) {
                    Ok(EventRef::FormField(_)) => {
                        FormFieldChanged::decode(name, json).map(Event::FormFieldChanged)
                    }
                    // Every named event is matched above (a test holds the two lists equal).
                    Ok(EventRef::Named(_)) => Err(DecodeError::UnknownEvent(EventError::Unknown {
                        name: name.to_owned(),
                        suggestion: None,
                    })),
                    Err(error) => Err(DecodeError::UnknownEvent(error)),
                }
            }
        }

        /// Each named event with the name of its payload type, in declaration order.
        #[doc(hidden)]
        pub const PAYLOAD_TYPES: &[(&str, &str)] = &[$( ($name, stringify!($payload)), )*];

        /// The reference's sample payload of a named event.
        pub(crate) fn named_sample(name: &str) -> Option<&'static str> {
            match name {
                $( $name => Some(include_str!(concat!("../../samples/", $name, ".json"))), )*
                _ => None,
            }
        }
    };
}

events! {
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
    "modal.closed" => ModalClosed,
    "user_preference.changed" => UserPreferenceChanged,
    "call.ringing" => CallRinging,
    "call.answered" => CallAnswered,
    "call.completed" => CallCompleted,
    "click2Call" => Click2Call,
}

/// The payloads that are plain structs, decoded by their table (`json::table!`) rather than
/// their derived `Deserialize`, which stays for authors and is not linked into a page;
/// `modal.closed` and the form-field events have hand-written decoders.
macro_rules! table_payloads {
    ($($payload:ident),* $(,)?) => {
        $(impl Payload for $payload {
            // Inlined into the widget's dispatch, as a hand-written `json::from_str` would
            // be: the error path stays out of line (`decode::refused`).
            #[inline]
            fn decode(event: &str, json: &str) -> Result<Self, DecodeError> {
                decode::from_table(event, json)
            }

            #[inline]
            fn decode_for_dispatch(event: &str, json: &str) -> Result<Self, DispatchError> {
                decode::from_table(event, json)
            }
        })*

        /// Each payload read by its table, by its type's name, with the check of the table
        /// against the derive that `tests.rs` runs on it.
        #[cfg(test)]
        const TABLE_PAYLOADS: &[(&str, tests::Check)] =
            &[$((stringify!($payload), tests::same::<$payload>),)*];
    };
}

table_payloads!(
    TicketCommentAdd,
    TicketReplyEditorOpened,
    TicketCustomFieldsChanged,
    TaskCompleted,
    CommunityTopicLoaded,
    TicketAssigneeChanged,
    TicketOwnerChanged,
    PageChange,
    TicketReplyEditorTemplateLoaded,
    TicketShift,
    TicketDueDateChanged,
    TicketPriorityChanged,
    TicketClassificationChanged,
    TicketProductNameChanged,
    TicketPhoneChanged,
    TicketStatusChanged,
    TicketIsSpamChanged,
    TicketAssistClick,
    UserPreferenceChanged,
    CallRinging,
    CallAnswered,
    CallCompleted,
    Click2Call,
);

#[cfg(test)]
mod tests;
