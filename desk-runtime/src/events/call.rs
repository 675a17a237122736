//! Payloads of the reference's "Call Events".

use super::values::{CallContext, CallState, CallType};
use crate::json::{self, Decode, Decoder};
use serde::Deserialize;

/// The three call-progress events carry the same fields; `call.answered` and `call.completed`
/// add the call's activity.
///
/// Decision on optional fields: the reference says the contact ID "is included if the contact
/// already exists", and a call need not be associated with a ticket (`isCallAssociated`), so
/// `contactId`, `caseId` and `caseNumber` may be absent; the rest are required.
///
/// The three decode through one decoder, [`CallProgress`], rather than one each: a module of a
/// widget that handles the three holds it once (BENCHMARKS.md section 5.6). An `activityId` in a
/// `call.ringing` payload is ignored, as any field the type does not have.
macro_rules! call_progress {
    ($(#[$doc:meta])* $name:ident { $($activity:ident)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
        #[serde(from = "CallProgress")]
        pub struct $name {
            /// ID of the ticket the call is associated with.
            pub case_id: Option<String>,
            $(
            /// ID of the call's activity.
            pub $activity: Option<String>,
            )?
            /// ID of the contact, when the contact exists in the portal.
            pub contact_id: Option<String>,
            /// `inbound` or `outbound`.
            pub call_type: CallType,
            /// The contact's phone number (may be empty).
            pub number: String,
            /// Name of the entity (contact) called.
            pub entity_name: String,
            /// `ringing`, `proceedanswer` or `completed`.
            pub call_state: CallState,
            /// CTI number of the contact (may be empty) (`ctinumber`).
            pub cti_number: String,
            /// Number of the ticket the call is associated with.
            pub case_number: Option<String>,
            /// Whether the call is associated with a ticket.
            pub is_call_associated: bool,
            /// ZTI ID of the call.
            pub zti_call_id: String,
        }

        impl Decode for $name {
            fn decode(de: &mut Decoder<'_>) -> Result<Self, json::Error> {
                CallProgress::decode(de).map($name::from)
            }
        }

        impl From<CallProgress> for $name {
            fn from(call: CallProgress) -> Self {
                $name {
                    case_id: call.case_id,
                    $( $activity: call.activity_id, )?
                    contact_id: call.contact_id,
                    call_type: call.call_type,
                    number: call.number,
                    entity_name: call.entity_name,
                    call_state: call.call_state,
                    cti_number: call.cti_number,
                    case_number: call.case_number,
                    is_call_associated: call.is_call_associated,
                    zti_call_id: call.zti_call_id,
                }
            }
        }
    };
}

/// A call-progress payload as Desk sends it: what [`CallRinging`], [`CallAnswered`] and
/// [`CallCompleted`] decode through.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a call event's payload")]
#[doc(hidden)]
pub struct CallProgress {
    case_id: Option<String>,
    activity_id: Option<String>,
    contact_id: Option<String>,
    call_type: CallType,
    number: String,
    entity_name: String,
    call_state: CallState,
    #[serde(rename = "ctinumber")]
    cti_number: String,
    case_number: Option<String>,
    is_call_associated: bool,
    zti_call_id: String,
}

json::table! {
    CallProgress as "a call event's payload",
    required {
        call_type: "callType",
        number: "number",
        entity_name: "entityName",
        call_state: "callState",
        cti_number: "ctinumber",
        is_call_associated: "isCallAssociated",
        zti_call_id: "ztiCallId",
    },
    default {
        case_id: "caseId",
        activity_id: "activityId",
        contact_id: "contactId",
        case_number: "caseNumber",
    },
}

call_progress! {
    /// `call.ringing`: an agent receives a call.
    CallRinging {}
}

call_progress! {
    /// `call.answered`: an agent answered a call.
    CallAnswered { activity_id }
}

call_progress! {
    /// `call.completed`: an agent ended a call. (The reference's sample repeats
    /// `call.answered`'s, `callState: "proceedanswer"` included; it decodes as sent.)
    CallCompleted { activity_id }
}

/// `click2Call`: a user made a call from a detail view, the dial pad or a reminder.
///
/// Which IDs are sent depends on where the call was made, so each may be absent.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Click2Call {
    /// Where the call was made from.
    pub context: CallContext,
    /// ID of the ticket.
    pub case_id: Option<String>,
    /// ID of the contact.
    pub contact_id: Option<String>,
    /// ID of the activity.
    pub activity_id: Option<String>,
}

json::table! {
    Click2Call as "struct Click2Call",
    required { context: "context" },
    default { case_id: "caseId", contact_id: "contactId", activity_id: "activityId" },
}
