//! The Zoho Desk event catalog: every event a widget can subscribe to, every location a widget
//! can be placed at, and which events are delivered where.
//!
//! This crate is the single source of truth that the rest of the project reads: the
//! `#[desk_widget]` macro checks subscriptions against it at compile time, the runtime's
//! simulated Desk refuses what it refuses, and the guide's event x location table is
//! generated from it. It is plain data plus lookups, with no dependency beyond `strsim`, and
//! `url` for the platform's rules on origins ([`origin`]).
//!
//! ```
//! use desk_catalog::{event, is_available};
//!
//! let ringing = event("call.ringing").unwrap();
//! assert!(is_available(&ringing, "desk.ticket.detail.rightpanel"));
//! assert!(!is_available(&ringing, "desk.ticket.form.rightpanel"));
//! ```

mod events;
pub mod explain;
mod form_field;
mod hooks;
mod locations;
pub mod origin;
mod suggest;

pub use events::{Availability, EVENTS, Event, FORM_FIELD_CHANGED, FormFieldPattern};
pub use form_field::{FormField, FormModule};
pub use hooks::{HOOK_TIMEOUT_MS, HOOKS, Hook, UnknownHook, hook, is_hook};
pub use locations::{
    CONTACT_FORM_LOCATIONS, CUSTOM_MODULE_SUBTAB, LOCATIONS, Location, LocationRef,
    ROUTE_TO_LOCATIONS, TICKET_DATA_LOCATIONS, TICKET_FORM_LOCATIONS, UnknownLocation, const_eq,
    location, route_to_allowed,
};
pub use suggest::{related, suggest};

use std::fmt;

/// An event name that the catalog knows: a named event, or one of the form-field pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventRef<'a> {
    /// One of [`EVENTS`].
    Named(&'static Event),
    /// `${module}Form_${fieldName}.changed`.
    FormField(FormField<'a>),
}

impl EventRef<'_> {
    /// The name of the payload type in `desk_runtime::events`.
    pub fn payload(&self) -> &'static str {
        match self {
            EventRef::Named(event) => event.payload,
            EventRef::FormField(_) => FORM_FIELD_CHANGED.payload,
        }
    }

    /// The event that replaces this one, if it is deprecated.
    pub fn replaced_by(&self) -> Option<&'static str> {
        match self {
            EventRef::Named(event) => event.replaced_by,
            EventRef::FormField(_) => None,
        }
    }
}

/// Why an event name is not one the catalog knows. Every variant keeps the name as given, and
/// its message quotes it in full. Match with a `_` arm: the catalog's rules may grow.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventError {
    /// Neither a named event nor of the form-field pattern.
    Unknown {
        /// The name as given.
        name: String,
        /// The known event it most likely means.
        suggestion: Option<&'static str>,
    },
    /// Not of the form-field pattern, but one typo away from it in its form, its `.changed`
    /// or both: `ticketFrom_email.changed`, `ticketForm_email.chnaged`.
    MisspeltFormField {
        /// The name as given.
        name: String,
        /// The form-field event it most likely means, e.g. `ticketForm_email.changed`.
        suggestion: String,
    },
    /// Of the form-field pattern, but `module` is not `ticket`, `contact` or `account`.
    UnknownFormModule {
        /// The name as given.
        name: String,
        /// The module as given.
        module: String,
        /// The form module it most likely means.
        suggestion: Option<FormModule>,
    },
    /// Of the form-field pattern with nothing between `Form_` and `.changed`.
    EmptyFieldName {
        /// The name as given.
        name: String,
        /// The form's module.
        module: FormModule,
    },
    /// Of the form-field pattern, but the field is not an API name (`email`, `cf_region`).
    MalformedFieldName {
        /// The name as given.
        name: String,
        /// The field as given.
        field: String,
    },
}

impl EventError {
    /// The event name as given.
    pub fn name(&self) -> &str {
        match self {
            EventError::Unknown { name, .. }
            | EventError::MisspeltFormField { name, .. }
            | EventError::UnknownFormModule { name, .. }
            | EventError::EmptyFieldName { name, .. }
            | EventError::MalformedFieldName { name, .. } => name,
        }
    }

    /// The whole event name to write instead, when one is close enough to be sure:
    /// `tiketForm_email.changed` -> `ticketForm_email.changed`.
    ///
    /// ```
    /// use desk_catalog::event;
    ///
    /// let suggestion = |name| event(name).unwrap_err().suggestion();
    /// assert_eq!(suggestion("call.ringin").as_deref(), Some("call.ringing"));
    /// assert_eq!(suggestion("tiketForm_email.changed").as_deref(), Some("ticketForm_email.changed"));
    /// assert_eq!(suggestion("ticketFrom_email.changed").as_deref(), Some("ticketForm_email.changed"));
    /// assert_eq!(suggestion("leadForm_email.changed"), None);
    /// ```
    pub fn suggestion(&self) -> Option<String> {
        match self {
            EventError::Unknown { suggestion, .. } => suggestion.map(str::to_owned),
            EventError::MisspeltFormField { suggestion, .. } => Some(suggestion.clone()),
            EventError::UnknownFormModule {
                name,
                module,
                suggestion,
            } => {
                let rest = name.strip_prefix(module.as_str())?;
                suggestion.map(|known| format!("{}{rest}", known.name()))
            }
            EventError::EmptyFieldName { .. } | EventError::MalformedFieldName { .. } => None,
        }
    }
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventError::Unknown { name, .. } | EventError::MisspeltFormField { name, .. } => {
                write!(f, "unknown event `{name}`")?;
            }
            EventError::UnknownFormModule { name, module, .. } => write!(
                f,
                "unknown form `{module}Form` in `{name}`: forms are `ticketForm`, `contactForm` \
                 and `accountForm`"
            )?,
            EventError::EmptyFieldName { name, module } => write!(
                f,
                "`{name}` has no field name: write `{}Form_<fieldApiName>.changed`, e.g. \
                 `{}Form_email.changed`",
                module.name(),
                module.name()
            )?,
            EventError::MalformedFieldName { name, field } => write!(
                f,
                "`{field}` in `{name}` is not a field API name: it starts with a letter and has \
                 only letters, digits and `_` (e.g. `email`, `cf_region`)"
            )?,
        }
        match self.suggestion() {
            Some(suggestion) => write!(f, "; did you mean `{suggestion}`?"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for EventError {}

/// Looks up an event by its exact (case-sensitive) name.
///
/// ```
/// use desk_catalog::{event, EventError, EventRef, FormModule};
///
/// assert!(matches!(event("ticket_Shift"), Ok(EventRef::Named(_))));
/// let Ok(EventRef::FormField(field)) = event("contactForm_phone.changed") else { panic!() };
/// assert_eq!((field.module, field.field), (FormModule::Contact, "phone"));
/// assert_eq!(
///     event("ticket_shift"),
///     Err(EventError::Unknown { name: "ticket_shift".into(), suggestion: Some("ticket_Shift") })
/// );
/// ```
///
/// # Errors
///
/// [`EventError`] says why the name is not an event, with a suggestion where one is close.
pub fn event(name: &str) -> Result<EventRef<'_>, EventError> {
    if let Some(named) = EVENTS.iter().find(|e| e.name == name) {
        return Ok(EventRef::Named(named));
    }
    if let Some(field) = form_field::parse(name) {
        return field.map(EventRef::FormField);
    }
    let suggestion = suggest(name, EVENTS.iter().map(|e| e.name));
    if suggestion.is_none()
        && let Some(suggestion) = form_field::near_miss(name)
    {
        return Err(EventError::MisspeltFormField {
            name: name.to_owned(),
            suggestion,
        });
    }
    Err(EventError::Unknown {
        name: name.to_owned(),
        suggestion,
    })
}

/// Whether `event` is delivered to widgets at `location` (a name [`location`] accepts).
///
/// ```
/// use desk_catalog::{event, is_available};
///
/// let email = event("ticketForm_email.changed").unwrap();
/// assert!(is_available(&email, "desk.ticket.form.rightpanel"));
/// assert!(!is_available(&email, "desk.contact.form.rightpanel"));
/// ```
pub fn is_available(event: &EventRef<'_>, location: &str) -> bool {
    match event {
        EventRef::Named(event) => match event.available {
            Availability::At(locations) => locations.contains(&location),
            Availability::EveryDeskLocation => location.starts_with("desk."),
        },
        EventRef::FormField(field) => field.module.form_location() == location,
    }
}

/// The named events delivered at `location`, in catalog order.
pub fn events_at(location: &str) -> impl Iterator<Item = &'static Event> + '_ {
    EVENTS
        .iter()
        .filter(move |event| is_available(&EventRef::Named(event), location))
}

/// Whether `name` is an API name: a letter, then letters, digits and `_`.
fn is_api_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
