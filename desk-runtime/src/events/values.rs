//! The values the reference enumerates, as enums that keep any value it does not list.

use serde::de::{Deserializer, Error, Unexpected, Visitor};
use std::fmt;

/// An enum of the wire strings the reference lists, plus `Other` for the rest: the platform may
/// send values its reference does not name, and a widget must not fail on them.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal $(| $alias:literal)*, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value the reference does not list, as sent.
            Other(String),
        }

        impl $name {
            /// The value as the platform spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Other(value) => value,
                }
            }

            fn from_wire(value: &str) -> Self {
                match value {
                    $( $wire $(| $alias)* => $name::$variant, )*
                    other => $name::Other(other.to_owned()),
                }
            }

            /// [`Self::from_wire`], keeping the string it was given for `Other`.
            fn from_wire_owned(value: String) -> Self {
                match value.as_str() {
                    $( $wire $(| $alias)* => $name::$variant, )*
                    _ => $name::Other(value),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::json::Decode for $name {
            /// Read as a `String` is, then matched: one reader of strings for every such enum
            /// rather than one inlined per enum (the serde path below reads the same text to
            /// the same value or error).
            fn decode(de: &mut $crate::json::Decoder<'_>) -> Result<Self, $crate::json::Error> {
                let value = <String as $crate::json::Decode>::decode(de)?;
                Ok($name::from_wire_owned(value))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(StrVisitor($name::from_wire))
            }
        }
    };
}

/// Builds a value from a string without copying it unless it must be kept.
struct StrVisitor<T>(fn(&str) -> T);

impl<T> Visitor<'_> for StrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
        Ok((self.0)(value))
    }
}

string_enum! {
    /// The direction of a call (`callType`).
    pub enum CallType {
        /// `inbound`
        Inbound = "inbound",
        /// `outbound`
        Outbound = "outbound",
    }
}

string_enum! {
    /// The state of a call (`callState`).
    pub enum CallState {
        /// `ringing`
        Ringing = "ringing",
        /// `proceedanswer`: answered and in progress.
        ProceedAnswer = "proceedanswer",
        /// `completed`
        Completed = "completed",
    }
}

string_enum! {
    /// Where a call was made from (`click2Call`'s `context`).
    ///
    /// The reference's table lists `ticket/contact/activity .detail.view`, `dial.pad` and
    /// `reminder.popUp`, while its sample sends `ticket.detail.page`. Decision: the sample wins
    /// and the table's spelling is accepted too, as the same variant.
    pub enum CallContext {
        /// A ticket's detail page (`ticket.detail.page`, or `ticket.detail.view`).
        TicketDetail = "ticket.detail.page" | "ticket.detail.view",
        /// A contact's detail page (`contact.detail.page`, or `contact.detail.view`).
        ContactDetail = "contact.detail.page" | "contact.detail.view",
        /// An account's detail page (`account.detail.page`, or `account.detail.view`).
        AccountDetail = "account.detail.page" | "account.detail.view",
        /// An activity's detail page (`activity.detail.page`, or `activity.detail.view`).
        ActivityDetail = "activity.detail.page" | "activity.detail.view",
        /// The dial pad (`dial.pad`).
        DialPad = "dial.pad",
        /// The call reminder pop-up (`reminder.popUp`).
        ReminderPopUp = "reminder.popUp",
    }
}

string_enum! {
    /// Who a ticket belongs to (`ticket.owner.type`).
    pub enum OwnerType {
        /// `Unassigned`
        Unassigned = "Unassigned",
        /// `agent`: an individual agent.
        Agent = "agent",
        /// `team`: a team as a whole.
        Team = "team",
        /// `teamAgent`: an agent of a team.
        TeamAgent = "teamAgent",
    }
}

string_enum! {
    /// The reply editor's mode.
    pub enum ReplyMode {
        /// `reply`
        Reply = "reply",
        /// `replyAll`
        ReplyAll = "replyAll",
    }
}

string_enum! {
    /// The module a Desk page belongs to (`pageChange`).
    pub enum PageModule {
        /// `ticket`
        Ticket = "ticket",
        /// `contact`
        Contact = "contact",
        /// `account`
        Account = "account",
        /// `kb`
        Kb = "kb",
        /// `dashboard`
        Dashboard = "dashboard",
        /// `social`
        Social = "social",
        /// `chat`
        Chat = "chat",
        /// `extension`
        Extension = "extension",
        /// `setup`
        Setup = "setup",
        /// `community`
        Community = "community",
        /// `report`
        Report = "report",
        /// `task`
        Task = "task",
        /// `activity`
        Activity = "activity",
        /// `call`
        Call = "call",
        /// `event`
        Event = "event",
        /// `teamFeed`
        TeamFeed = "teamFeed",
    }
}

string_enum! {
    /// The kind of a Desk page (`pageChange`).
    pub enum PageType {
        /// `addForm`
        AddForm = "addForm",
        /// `detail`
        Detail = "detail",
        /// `editForm`
        EditForm = "editForm",
        /// `list`
        List = "list",
        /// `dashboard`
        Dashboard = "dashboard",
        /// `postDetail`
        PostDetail = "postDetail",
        /// `forum`
        Forum = "forum",
        /// `manage`
        Manage = "manage",
    }
}

/// `ticket.isSpam`: the reference types it as a string and its sample sends `"true"`.
/// Decision: the widget gets a `bool`, read from `"true"`/`"false"` or from a JSON boolean.
pub(crate) fn bool_or_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    struct BoolVisitor;

    impl Visitor<'_> for BoolVisitor {
        type Value = bool;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a boolean or \"true\" or \"false\"")
        }

        fn visit_bool<E: Error>(self, value: bool) -> Result<bool, E> {
            Ok(value)
        }

        fn visit_str<E: Error>(self, value: &str) -> Result<bool, E> {
            match value {
                "true" => Ok(true),
                "false" => Ok(false),
                other => Err(E::invalid_value(Unexpected::Str(other), &self)),
            }
        }
    }

    deserializer.deserialize_any(BoolVisitor)
}
