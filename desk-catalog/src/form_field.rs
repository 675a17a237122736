//! The `${module}Form_${fieldName}.changed` event pattern.

use crate::{EventError, is_api_name, suggest};

/// One event of the form-field pattern, e.g. `ticketForm_email.changed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormField<'a> {
    /// The form the field is on.
    pub module: FormModule,
    /// The field's API name, e.g. `email` or `cf_region`.
    pub field: &'a str,
}

impl FormField<'_> {
    /// The payload's key: `${module}Form.${fieldName}`, e.g. `ticketForm.email`.
    pub fn payload_key(&self) -> String {
        format!("{}Form.{}", self.module.name(), self.field)
    }
}

/// A module whose add form sends form-field events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormModule {
    /// The add-ticket form.
    Ticket,
    /// The add-contact form.
    Contact,
    /// The add-account form.
    Account,
}

impl FormModule {
    /// All three, in the reference's order.
    pub const ALL: [FormModule; 3] = [FormModule::Ticket, FormModule::Contact, FormModule::Account];

    /// The module as event names spell it: `ticket`, `contact`, `account`.
    pub fn name(self) -> &'static str {
        match self {
            FormModule::Ticket => "ticket",
            FormModule::Contact => "contact",
            FormModule::Account => "account",
        }
    }

    /// The only location that receives this form's field events.
    pub fn form_location(self) -> &'static str {
        match self {
            FormModule::Ticket => "desk.ticket.form.rightpanel",
            FormModule::Contact => "desk.contact.form.rightpanel",
            FormModule::Account => "desk.account.form.rightpanel",
        }
    }

    fn from_name(name: &str) -> Option<FormModule> {
        FormModule::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// `None` when `name` is not of the pattern at all (no `Form_`, or no `.changed`); otherwise
/// the field event, or why it is malformed.
pub(crate) fn parse(name: &str) -> Option<Result<FormField<'_>, EventError>> {
    let (module, field) = name.strip_suffix(".changed")?.split_once("Form_")?;
    Some(match FormModule::from_name(module) {
        None => Err(EventError::UnknownFormModule {
            name: name.to_owned(),
            module: module.to_owned(),
            suggestion: suggest(module, FormModule::ALL.map(FormModule::name))
                .and_then(FormModule::from_name),
        }),
        Some(module) if field.is_empty() => Err(EventError::EmptyFieldName {
            name: name.to_owned(),
            module,
        }),
        Some(_) if !is_api_name(field) => Err(EventError::MalformedFieldName {
            name: name.to_owned(),
            field: field.to_owned(),
        }),
        Some(module) => Ok(FormField { module, field }),
    })
}

/// The forms as event names spell them, for suggestions.
const FORMS: [&str; 3] = ["ticketForm", "contactForm", "accountForm"];

/// The form-field event that `name`, which [`parse`] does not take, most likely misspells.
///
/// Decision: a name is taken as a misspelt form-field event when it reads `<form>_<field>.<end>`
/// (`<form>` before the first `_`, `<end>` after the last `.`) with `<field>` an API name, and
/// [`suggest`] takes `<form>` for one of the three forms and `<end>` for `changed`, each
/// within its own budget: `ticketFrom_email.changed`, `ticketform_email.changed`,
/// `ticketForm_email.chnaged`, `tiketForm_email.change`. Suggesting for the parts rather than
/// the whole name keeps the field out of the comparison (it can be any API name, so no known
/// name contains it) and keeps the comparison cheap for long names. A named event cannot be
/// caught by it: no event's first word is within one edit of a form (`ticket` is four edits
/// from `ticketForm`). A mistake in the field as well (`ticketFrom_e-mail.changed`) is two
/// mistakes: no suggestion, so the name stays unknown.
pub(crate) fn near_miss(name: &str) -> Option<String> {
    let (form, rest) = name.split_once('_')?;
    let (field, end) = rest.rsplit_once('.')?;
    if !is_api_name(field) {
        return None;
    }
    let form = suggest(form, FORMS)?;
    suggest(end, ["changed"])?;
    Some(format!("{form}_{field}.changed"))
}
