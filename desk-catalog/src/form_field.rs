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
            module: module.to_owned(),
            suggestion: suggest(module, FormModule::ALL.map(FormModule::name))
                .and_then(FormModule::from_name),
        }),
        Some(module) if field.is_empty() => Err(EventError::EmptyFieldName { module }),
        Some(_) if !is_api_name(field) => Err(EventError::MalformedFieldName {
            field: field.to_owned(),
        }),
        Some(module) => Ok(FormField { module, field }),
    })
}
