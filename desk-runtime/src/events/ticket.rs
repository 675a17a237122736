//! Payloads of the reference's "Ticket Events".
//!
//! Field names follow the reference's tables in Rust naming; `serde` renames map them to the
//! wire keys, dotted ones such as `ticket.status` included. Where a table and its sample
//! disagree, the sample wins, and the decision is written next to the field.

use super::values::{OwnerType, PageModule, PageType, ReplyMode, bool_or_string};
use crate::html::UntrustedHtml;
use crate::json::{self, Decode, Decoder};
use serde::Deserialize;

/// `ticket_comment.add`: a user added a comment to a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketCommentAdd {
    /// ID of the comment.
    pub comment_id: String,
    /// Whether the comment is public.
    pub is_public_comment: bool,
    /// When it was added, as Desk displays it (`09 Jun 2021 06:34 PM`).
    pub display_time: String,
    /// Name of the user who added it.
    pub display_name: String,
    /// The comment's content: HTML written by a user, e.g. `<div>Hello</div>`.
    pub comment: UntrustedHtml,
}

/// `ticket_replyEditor.opened`: a user opened a ticket's reply editor.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketReplyEditorOpened {
    /// `reply` or `replyAll`.
    pub mode: ReplyMode,
    /// ID of the thread opened.
    pub thread_id: String,
    /// ID of the ticket.
    pub ticket_id: String,
}

/// `ticket_customFields.changed`: a custom field changed on the ticket detail page.
///
/// The reference has no table for it; its sample maps each changed field's API name to its
/// value. Decision: keep the values as JSON, since custom fields are not only text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketCustomFieldsChanged {
    /// The changed custom fields by API name (`ticket.customFields`).
    #[serde(rename = "ticket.customFields")]
    pub custom_fields: serde_json::Map<String, serde_json::Value>,
}

/// `task_Completed`: a user marked a task as completed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TaskCompleted {
    /// Whether the task is completed (`task_Completed`).
    #[serde(rename = "task_Completed")]
    pub task_completed: bool,
}

/// `community.topic.loaded`: a user opened a forum topic of the community.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommunityTopicLoaded {
    /// ID of the topic.
    pub topic_id: String,
}

/// `ticket_assignee.changed`: a ticket's assignee changed.
///
/// The reference's table lists `type`, `agent` and `team`; its sample nests them under
/// `ticket.owner`, which is what is decoded.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketAssigneeChanged {
    /// The new assignee (`ticket.owner`).
    #[serde(rename = "ticket.owner")]
    pub owner: TicketOwner,
}

/// `ticket_owner.changed` (deprecated: the platform replaces it with `ticket_assignee.changed`,
/// whose payload is the same).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketOwnerChanged {
    /// The new owner (`ticket.owner`).
    #[serde(rename = "ticket.owner")]
    pub owner: TicketOwner,
}

/// Who a ticket is assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketOwner {
    /// `Unassigned`, `agent`, `team` or `teamAgent` (`type`).
    #[serde(rename = "type")]
    pub kind: OwnerType,
    /// The agent, for `agent` and `teamAgent` owners.
    pub agent: Option<Agent>,
    /// The team, for `team` and `teamAgent` owners.
    pub team: Option<Team>,
}

/// An agent (the reference's `AGENT_OBJECT`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    /// ID of the agent.
    pub id: String,
    /// First name.
    pub first_name: String,
    /// Last name (may be empty).
    pub last_name: String,
    /// Full name.
    pub full_name: String,
    /// Email address.
    pub email: String,
}

/// A team (the reference's `TEAM_OBJECT`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Team {
    /// ID of the team.
    pub id: String,
    /// Name of the team.
    pub name: String,
    /// Description of the team.
    pub description: String,
    /// ID of the team's department.
    pub department_id: String,
}

/// `pageChange`: the user moved to another page of Desk.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageChange {
    /// The page left.
    pub previous_view: View,
    /// The page now shown.
    pub current_view: View,
}

/// A page of Desk, in `pageChange`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct View {
    /// The module the page belongs to.
    pub module: PageModule,
    /// The kind of page.
    pub page: PageType,
}

/// `ticket_replyEditor_template.loaded`: a response template was applied in the reply editor.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketReplyEditorTemplateLoaded {
    /// The template's HTML content, written by a user.
    pub content: UntrustedHtml,
    /// ID of the template. The table says Object, the sample sends a string: the sample wins.
    pub id: String,
}

/// `ticket_Shift`: the user clicked another ticket in the ticket detail page's left panel.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketShift {
    /// Whether the ticket was loaded from the left panel.
    pub ticket_shifted: bool,
}

/// `ticket_dueDate.changed`: a ticket's due date changed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketDueDateChanged {
    /// The new due date as Desk displays it (`08/15/2022 12:00 PM`). The table says Boolean,
    /// the sample sends this string: the sample wins.
    #[serde(rename = "ticket.dueDate")]
    pub due_date: String,
}

/// `ticket_priority.changed`: a ticket's priority was changed and saved.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketPriorityChanged {
    /// The new priority, e.g. `Low` (`ticket.priority`).
    #[serde(rename = "ticket.priority")]
    pub priority: String,
}

/// `ticket_classification.changed`: a ticket's classification was changed and saved.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketClassificationChanged {
    /// The new classification, e.g. `Feature` (`ticket.classification`).
    #[serde(rename = "ticket.classification")]
    pub classification: String,
}

/// `ticket_productName.changed`: the product of a ticket was changed and saved.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketProductNameChanged {
    /// Name of the newly associated product (`ticket.productName`).
    #[serde(rename = "ticket.productName")]
    pub product_name: String,
}

/// `ticket_phone.changed`: a ticket's phone number was changed and saved.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketPhoneChanged {
    /// The new phone number (`ticket.phone`).
    #[serde(rename = "ticket.phone")]
    pub phone: String,
}

/// `ticket_status.changed`: a ticket's status changed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketStatusChanged {
    /// The new status, e.g. `Open` (`ticket.status`). Portals define their own statuses, so it
    /// is kept as text.
    #[serde(rename = "ticket.status")]
    pub status: String,
}

/// `ticket_isSpam.changed`: a ticket was marked as spam or not spam.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TicketIsSpamChanged {
    /// Whether the ticket is now spam (`ticket.isSpam`, sent as the string `"true"` or
    /// `"false"`).
    #[serde(rename = "ticket.isSpam", deserialize_with = "bool_or_string")]
    pub is_spam: bool,
}

/// `ticket_assist.click`: a Remote Assist session was started from the ticket detail view.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketAssistClick {
    /// Status of the ticket.
    pub status: String,
    /// The assigned agent's name, the team's name, or `Unassigned`.
    pub owner: String,
    /// The due date, or `No Due Date set`.
    pub due_date: String,
    /// ID of the ticket.
    pub ticket_id: String,
}

/// `modal.closed`: a modal box was closed. It carries nothing: an absent payload, `null` and
/// any object (`{}`) are all accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ModalClosed;

/// `user_preference.changed`: the user changed the Desk UI's theme, font or appearance.
///
/// The reference's sample carries only `theme`: each field is there only when it changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserPreferenceChanged {
    /// The Desk UI's theme, e.g. `yellow`.
    pub theme: Option<String>,
    /// The Desk UI's font family.
    pub font_family: Option<String>,
    /// The Desk UI's appearance.
    pub appearance: Option<String>,
}

// The page path's decoders: each type's table (`json::table!`), read as its derived
// `Deserialize` reads it (the differential test in `events/tests.rs`), without linking it.

json::table! {
    TicketCommentAdd as "struct TicketCommentAdd",
    required {
        comment_id: "commentId",
        is_public_comment: "isPublicComment",
        display_time: "displayTime",
        display_name: "displayName",
        comment: "comment",
    },
    default {},
}

json::table! {
    TicketReplyEditorOpened as "struct TicketReplyEditorOpened",
    required { mode: "mode", thread_id: "threadId", ticket_id: "ticketId" },
    default {},
}

json::table! {
    TicketCustomFieldsChanged as "struct TicketCustomFieldsChanged",
    required { custom_fields: "ticket.customFields" },
    default {},
}

json::table! {
    TaskCompleted as "struct TaskCompleted",
    required { task_completed: "task_Completed" },
    default {},
}

json::table! {
    CommunityTopicLoaded as "struct CommunityTopicLoaded",
    required { topic_id: "topicId" },
    default {},
}

json::table! {
    TicketAssigneeChanged as "struct TicketAssigneeChanged",
    required { owner: "ticket.owner" },
    default {},
}

json::table! {
    TicketOwnerChanged as "struct TicketOwnerChanged",
    required { owner: "ticket.owner" },
    default {},
}

json::table! {
    TicketOwner as "struct TicketOwner",
    required { kind: "type" },
    default { agent: "agent", team: "team" },
}

json::table! {
    Agent as "struct Agent",
    required {
        id: "id",
        first_name: "firstName",
        last_name: "lastName",
        full_name: "fullName",
        email: "email",
    },
    default {},
}

json::table! {
    Team as "struct Team",
    required {
        id: "id",
        name: "name",
        description: "description",
        department_id: "departmentId",
    },
    default {},
}

json::table! {
    PageChange as "struct PageChange",
    required { previous_view: "previousView", current_view: "currentView" },
    default {},
}

json::table! {
    View as "struct View",
    required { module: "module", page: "page" },
    default {},
}

json::table! {
    TicketReplyEditorTemplateLoaded as "struct TicketReplyEditorTemplateLoaded",
    required { content: "content", id: "id" },
    default {},
}

json::table! {
    TicketShift as "struct TicketShift",
    required { ticket_shifted: "ticket_shifted" },
    default {},
}

json::table! {
    TicketDueDateChanged as "struct TicketDueDateChanged",
    required { due_date: "ticket.dueDate" },
    default {},
}

json::table! {
    TicketPriorityChanged as "struct TicketPriorityChanged",
    required { priority: "ticket.priority" },
    default {},
}

json::table! {
    TicketClassificationChanged as "struct TicketClassificationChanged",
    required { classification: "ticket.classification" },
    default {},
}

json::table! {
    TicketProductNameChanged as "struct TicketProductNameChanged",
    required { product_name: "ticket.productName" },
    default {},
}

json::table! {
    TicketPhoneChanged as "struct TicketPhoneChanged",
    required { phone: "ticket.phone" },
    default {},
}

json::table! {
    TicketStatusChanged as "struct TicketStatusChanged",
    required { status: "ticket.status" },
    default {},
}

json::table! {
    TicketAssistClick as "struct TicketAssistClick",
    required { status: "status", owner: "owner", due_date: "dueDate", ticket_id: "ticketId" },
    default {},
}

json::table! {
    UserPreferenceChanged as "struct UserPreferenceChanged",
    required {},
    default { theme: "theme", font_family: "fontFamily", appearance: "appearance" },
}

/// `ticket.isSpam`'s slot: a `bool` read by [`bool_or_string`], as the derive's
/// `deserialize_with` reads it.
struct IsSpam(bool);

impl<'de> Deserialize<'de> for IsSpam {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        bool_or_string(deserializer).map(IsSpam)
    }
}

json::by_serde!(IsSpam);

impl Decode for TicketIsSpamChanged {
    fn decode(de: &mut Decoder<'_>) -> Result<Self, json::Error> {
        const TABLE: json::Table<'static> = json::Table {
            expecting: "struct TicketIsSpamChanged",
            names: &["ticket.isSpam"],
            required: 1,
        };
        let mut is_spam: Option<IsSpam> = None;
        json::object(de, &TABLE, &mut [&mut is_spam])?;
        let Some(IsSpam(is_spam)) = is_spam else {
            return Err(json::unread());
        };
        Ok(TicketIsSpamChanged { is_spam })
    }
}
