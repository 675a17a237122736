//! What [`Desk::get`](super::Desk::get) reads and [`Desk::set`](super::Desk::set) writes, each
//! a type with its SDK name, its value's type, and where it works.
//!
//! Where it works (`docs/reference/desk-sdk.md`): the ticket's properties at the ticket detail
//! page's `rightpanel`, `subtab` and `lefttab`, and from the product-level locations (`topband`,
//! `bottomband`, `background`, `extension.telephony`, `extension.preference`) while a ticket detail
//! page is open, where they compile and fail when none is
//! ([`TicketData`](crate::location::TicketData)); the user, portal, department and the extension's
//! own properties anywhere. Properties whose values no source describes are [`serde_json::Value`]s.

use crate::html::UntrustedHtml;
use crate::json::write::{Object, string};
use crate::location::{ContactForm, Location, TicketForm, with_ticket_data_locations};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A property `ZOHODESK.get` reads, where the widget's location `L` allows it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read at `{L}`",
    label = "`get::<{Self}>` called by a widget at `{L}`",
    note = "the ticket's properties are read at `desk.ticket.detail.rightpanel`, `.subtab` and `.lefttab`, and at the product-level locations while a ticket is open (see `desk_runtime::desk::property`)"
)]
pub trait Property<L> {
    /// The property as the SDK names it, e.g. `ticket.email`.
    const NAME: &'static str;
    /// Its value.
    type Value: DeserializeOwned;
}

/// A value `ZOHODESK.set` writes, where the widget's location `L` allows it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be set at `{L}`",
    label = "`set({Self})` called by a widget at `{L}`",
    note = "the ticket's comment and phone are set where a ticket's data is (`desk.ticket.detail.rightpanel`, `.subtab` and `.lefttab`, and the product-level locations while a ticket is open), `ticketForm.phone` and `contactForm.phone` at their form's panels; the extension's own configuration is set with `desk.set_config` (`desk_runtime::config`)"
)]
pub trait Update<L> {
    /// The property as the SDK names it, e.g. `ticket.comment`.
    const NAME: &'static str;
    /// The value `ZOHODESK.set` takes, as JSON text.
    fn json(self) -> String;
}

/// Declares each property: readable anywhere, or at the locations where a ticket's data is.
/// Those are implemented location by location (not for every `L: TicketData`), so that a read
/// elsewhere is reported by `Property`'s own message, naming the property.
macro_rules! properties {
    ($($(#[$doc:meta])* $property:ident = $name:literal => $value:ty, $scope:ident;)*) => {$(
        $(#[$doc])*
        #[doc = concat!("\n\n`", $name, "`")]
        #[derive(Debug, Clone, Copy)]
        pub enum $property {}

        properties!(@impl $scope, $property, $name, $value);
    )*};
    (@impl Location, $property:ident, $name:literal, $value:ty) => {
        #[diagnostic::do_not_recommend]
        impl<L: Location> Property<L> for $property {
            const NAME: &'static str = $name;
            type Value = $value;
        }
    };
    (@impl TicketData, $property:ident, $name:literal, $value:ty) => {
        with_ticket_data_locations! { properties!(@at $property, $name, $value,) }
    };
    (@at $property:ident, $name:literal, $value:ty, [$($location:ident)*]) => {$(
        // Not listed in a refusal's message: the trait's note says where, once.
        #[diagnostic::do_not_recommend]
        impl Property<crate::location::$location> for $property {
            const NAME: &'static str = $name;
            type Value = $value;
        }
    )*};
}

/// Implements an update location by location where a ticket's data is, as the properties.
macro_rules! ticket_update {
    ($update:ident, $name:literal, |$this:ident| $value:expr) => {
        with_ticket_data_locations! { ticket_update!(@at $update, $name, |$this| $value,) }
    };
    (@at $update:ident, $name:literal, |$this:ident| $value:expr, [$($location:ident)*]) => {$(
        #[diagnostic::do_not_recommend]
        impl Update<crate::location::$location> for $update {
            const NAME: &'static str = $name;
            fn json(self) -> String {
                let $this = self;
                $value
            }
        }
    )*};
}

properties! {
    /// The ticket on screen, whole.
    Ticket = "ticket" => Value, TicketData;
    /// The ticket's department.
    TicketDepartmentId = "ticket.departmentId" => String, TicketData;
    /// The ticket's contact email.
    TicketEmail = "ticket.email" => String, TicketData;
    /// The ticket's subject.
    TicketSubject = "ticket.subject" => String, TicketData;
    /// The ticket's description: HTML written by its contact.
    TicketDescription = "ticket.description" => UntrustedHtml, TicketData;
    /// The ticket's status.
    TicketStatus = "ticket.status" => String, TicketData;
    /// The ticket's due date, if it has one.
    TicketDueDate = "ticket.dueDate" => Option<String>, TicketData;
    /// The number of threads (its type is not documented).
    TicketThreadCount = "ticket.threadCount" => Value, TicketData;
    /// Whether the ticket is spam (its type is not documented: events send `"true"`).
    TicketIsSpam = "ticket.isSpam" => Value, TicketData;
    /// The ticket's contact.
    TicketContactId = "ticket.contactId" => String, TicketData;
    /// The agent using Desk, whole.
    User = "user" => Value, Location;
    /// The agent's id.
    UserId = "user.id" => String, Location;
    /// The agent's full name.
    UserFullName = "user.fullName" => String, Location;
    /// The agent's email.
    UserEmail = "user.email" => String, Location;
    /// The agent's time zone.
    UserTimeZone = "user.timeZone" => String, Location;
    /// The agent's time zone offset (its type is not documented).
    UserTzOffset = "user.tzoffset" => Value, Location;
    /// The agent's portals (their shape is not documented).
    UserPortals = "user.portals" => Value, Location;
    /// The portal, whole.
    Portal = "portal" => Value, Location;
    /// The portal's id.
    PortalId = "portal.id" => String, Location;
    /// The current department's id.
    DepartmentId = "department.id" => String, Location;
    /// The extension's configuration values.
    ExtensionConfig = "extension.config" => Vec<ConfigValue>, Location;
    /// The departments the extension is enabled in.
    ExtensionDepartments = "extension.departments" => Vec<NamedId>, Location;
    /// The profiles the extension is enabled for.
    ExtensionProfiles = "extension.profiles" => Vec<NamedId>, Location;
}

/// One configuration value of the extension.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigValue {
    /// The parameter's name, as declared in `extension!`'s `config`.
    pub name: String,
    /// Its value (the platform stores strings, numbers or lists).
    pub value: Value,
}

/// A department or a profile.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NamedId {
    /// Its name.
    pub name: String,
    /// Its id (a string or a number on the wire).
    pub id: Value,
}

/// `ticket.comment`: adds a comment to the ticket on screen. Decision: the comment goes in
/// `content`, as the toolkit's template writes it (a community sample writes `comment`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketComment(pub String);

ticket_update!(TicketComment, "ticket.comment", |comment| Object::new()
    .string("content", &comment.0)
    .finish());

/// `ticket.phone`: the ticket's phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketPhone(pub String);

ticket_update!(TicketPhone, "ticket.phone", |phone| string(&phone.0));

/// `ticketForm.phone`: the phone field of the add-ticket form, from its panels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFormPhone(pub String);

#[diagnostic::do_not_recommend]
impl<L: TicketForm> Update<L> for TicketFormPhone {
    const NAME: &'static str = "ticketForm.phone";
    fn json(self) -> String {
        string(&self.0)
    }
}

/// `contactForm.phone`: the phone field of the add-contact form, from its panels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFormPhone(pub String);

#[diagnostic::do_not_recommend]
impl<L: ContactForm> Update<L> for ContactFormPhone {
    const NAME: &'static str = "contactForm.phone";
    fn json(self) -> String {
        string(&self.0)
    }
}
