//! The events of the platform's "Ticket Events" and "Call Events" reference, with the
//! locations each one is delivered at.
//!
//! Each entry is transcribed from `docs/reference/zoho-desk-ticket-and-call-events.txt`, in the
//! reference's order, location lists in its order too. The test `tests/catalog.rs` parses that
//! text independently and compares every (event, location) pair with this table.

/// One event a widget can subscribe to with `App.instance.on(name, ...)`. The catalog's
/// entries are read, never built, outside this crate: it may gain fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Event {
    /// The event's name, exactly as the platform spells it (case-sensitive).
    pub name: &'static str,
    /// The name of the type in `desk_runtime::events` that its payload decodes into.
    pub payload: &'static str,
    /// Where a widget receives it.
    pub available: Availability,
    /// The event that replaces this one, when the reference says it will be replaced.
    pub replaced_by: Option<&'static str>,
    /// The reference's heading for it, e.g. "On receiving a call".
    pub summary: &'static str,
}

/// Where an event is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// At exactly these locations, as the reference lists them.
    At(&'static [&'static str]),
    /// The reference gives no list. Decision (desk-platform.md): every `desk.*` location,
    /// custom-module subtabs included, and no `helpcenter.*` location.
    EveryDeskLocation,
}

/// The `${module}Form_${fieldName}.changed` pattern: one event per field of the ticket, contact
/// and account forms, e.g. `ticketForm_email.changed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormFieldPattern {
    /// The pattern as the reference writes it.
    pub pattern: &'static str,
    /// The name of the payload type in `desk_runtime::events`.
    pub payload: &'static str,
    /// The reference's heading for it.
    pub summary: &'static str,
    /// The name the reference's sample is given for.
    pub sample_event: &'static str,
}

/// The form-field event pattern. The reference lists the three form panels for the pattern as a
/// whole; decision (desk-platform.md): a form only sends events for its own module's fields, so
/// `ticketForm_*` is available at `desk.ticket.form.rightpanel` only, and so on
/// ([`crate::FormModule::form_location`]).
pub static FORM_FIELD_CHANGED: FormFieldPattern = FormFieldPattern {
    pattern: "${module}Form_${fieldName}.changed",
    payload: "FormFieldChanged",
    summary: "On changing the value in a field",
    sample_event: "ticketForm_email.changed",
};

const fn event(
    name: &'static str,
    payload: &'static str,
    summary: &'static str,
    at: &'static [&'static str],
) -> Event {
    Event {
        name,
        payload,
        available: Availability::At(at),
        replaced_by: None,
        summary,
    }
}

/// Every named event of the reference, in its order. The form-field pattern, the reference's
/// 25th event, is [`FORM_FIELD_CHANGED`].
pub static EVENTS: &[Event] = &[
    event(
        "ticket_comment.add",
        "TicketCommentAdd",
        "On adding a comment",
        TICKET_EDITOR_LOCATIONS,
    ),
    event(
        "ticket_replyEditor.opened",
        "TicketReplyEditorOpened",
        "On opening the ticket replyeditor",
        TICKET_EDITOR_LOCATIONS,
    ),
    event(
        "ticket_customFields.changed",
        "TicketCustomFieldsChanged",
        "On changing the values in custom fields",
        TICKET_FIELD_LOCATIONS,
    ),
    event(
        "task_Completed",
        "TaskCompleted",
        "On marking a task as completed",
        PRODUCT_LOCATIONS,
    ),
    event(
        "community.topic.loaded",
        "CommunityTopicLoaded",
        "On opening a topic in the user community",
        PRODUCT_LOCATIONS,
    ),
    event(
        "ticket_assignee.changed",
        "TicketAssigneeChanged",
        "On changing the assignee of ticket",
        TICKET_FIELD_LOCATIONS,
    ),
    // "The ticket_owner.changed event will be replaced with ticket_assignee.changed [...] As of
    // now, both events are supported": it compiles, with a deprecation warning.
    Event {
        replaced_by: Some("ticket_assignee.changed"),
        ..event(
            "ticket_owner.changed",
            "TicketOwnerChanged",
            "On changing the owner of ticket",
            TICKET_FIELD_LOCATIONS,
        )
    },
    event(
        "pageChange",
        "PageChange",
        "On moving to a different page",
        PRODUCT_LOCATIONS,
    ),
    event(
        "ticket_replyEditor_template.loaded",
        "TicketReplyEditorTemplateLoaded",
        "On changing or applying a response template in the ticket reply editor",
        TICKET_EDITOR_LOCATIONS,
    ),
    event(
        "ticket_Shift",
        "TicketShift",
        "On moving from one ticket to another",
        &[
            "desk.background",
            "desk.bottomband",
            "desk.extension.telephony",
            "desk.ticket.detail.rightpanel",
            "desk.ticket.detail.lefttab",
            "desk.ticket.detail.subtab",
            "desk.ticket.detail.moreaction",
            "desk.ticket.thread.moreaction",
        ],
    ),
    event(
        "ticket_dueDate.changed",
        "TicketDueDateChanged",
        "On changing the due date of a ticket",
        TICKET_FIELD_LOCATIONS,
    ),
    event(
        "ticket_priority.changed",
        "TicketPriorityChanged",
        "On changing the priority of a ticket",
        TICKET_FIELD_LOCATIONS,
    ),
    event(
        "ticket_classification.changed",
        "TicketClassificationChanged",
        "On changing the classification of a ticket",
        TICKET_FIELD_LOCATIONS,
    ),
    event(
        "ticket_productName.changed",
        "TicketProductNameChanged",
        "On changing the product associated with a ticket",
        TICKET_FIELD_LOCATIONS,
    ),
    event(
        "ticket_phone.changed",
        "TicketPhoneChanged",
        "On changing the phone number of a ticket",
        TICKET_FIELD_LOCATIONS,
    ),
    event(
        "ticket_status.changed",
        "TicketStatusChanged",
        "On changing the status of a ticket",
        TICKET_FIELD_LOCATIONS,
    ),
    event(
        "ticket_isSpam.changed",
        "TicketIsSpamChanged",
        "On changing the spam status of a ticket",
        &[
            "desk.background",
            "desk.bottomband",
            "desk.extension.telephony",
            "desk.ticket.detail.rightpanel",
            "desk.ticket.detail.subtab",
        ],
    ),
    event(
        "ticket_assist.click",
        "TicketAssistClick",
        "On opening remote assist",
        &[
            "desk.background",
            "desk.bottomband",
            "desk.extension.telephony",
            "desk.ticket.detail.rightpanel",
            "desk.ticket.detail.subtab",
            "desk.ticket.detail.lefttab",
            "desk.ticket.detail.moreaction",
            "desk.ticket.thread.moreaction",
        ],
    ),
    // No location list in the reference: see `Availability::EveryDeskLocation`.
    Event {
        available: Availability::EveryDeskLocation,
        ..event("modal.closed", "ModalClosed", "On closing a modal box", &[])
    },
    Event {
        available: Availability::EveryDeskLocation,
        ..event(
            "user_preference.changed",
            "UserPreferenceChanged",
            "On changing the user preference",
            &[],
        )
    },
    event(
        "call.ringing",
        "CallRinging",
        "On receiving a call",
        CALL_LOCATIONS,
    ),
    event(
        "call.answered",
        "CallAnswered",
        "On answering a call",
        CALL_LOCATIONS,
    ),
    event(
        "call.completed",
        "CallCompleted",
        "On completing a call",
        CALL_LOCATIONS,
    ),
    event(
        "click2Call",
        "Click2Call",
        "On making a call",
        CALL_LOCATIONS,
    ),
];

/// The reference repeats a few location lists word for word; each is written once here.
/// The three product-level locations that every listed event reaches.
const PRODUCT_LOCATIONS: &[&str] = &[
    "desk.background",
    "desk.bottomband",
    "desk.extension.telephony",
];

/// The list of the events about a ticket's fields (status, priority, assignee...).
const TICKET_FIELD_LOCATIONS: &[&str] = &[
    "desk.background",
    "desk.bottomband",
    "desk.extension.telephony",
    "desk.ticket.detail.rightpanel",
    "desk.ticket.detail.subtab",
    "desk.ticket.detail.moreaction",
    "desk.ticket.thread.moreaction",
];

/// The list of the events about the reply editor and comments (lefttab instead of subtab).
pub(crate) const TICKET_EDITOR_LOCATIONS: &[&str] = &[
    "desk.background",
    "desk.bottomband",
    "desk.extension.telephony",
    "desk.ticket.detail.rightpanel",
    "desk.ticket.detail.lefttab",
    "desk.ticket.detail.moreaction",
    "desk.ticket.thread.moreaction",
];

/// The list of the four call events.
const CALL_LOCATIONS: &[&str] = &[
    "desk.background",
    "desk.bottomband",
    "desk.extension.telephony",
    "desk.ticket.detail.rightpanel",
    "desk.ticket.detail.subtab",
    "desk.ticket.detail.lefttab",
    "desk.ticket.detail.moreaction",
    "desk.ticket.thread.moreaction",
    "desk.contact.detail.rightpanel",
    "desk.contact.detail.subtab",
    "desk.contact.detail.lefttab",
    "desk.contact.detail.moreaction",
    "desk.account.detail.rightpanel",
    "desk.account.detail.subtab",
    "desk.account.detail.lefttab",
    "desk.account.detail.moreaction",
];
