//! The reference's sample payload of every event, as JSON (`desk-runtime/samples/*.json`).
//!
//! The reference writes its samples as JavaScript object literals; the fixtures are their
//! careful conversion to JSON, one file per event, named after it.

use desk_catalog::EventRef;
use std::borrow::Cow;

/// The reference's one sample of the form-field pattern, given for `ticketForm_email.changed`.
const FORM_FIELD_SAMPLE: &str = include_str!("../samples/ticketForm_email.changed.json");

/// The reference's sample payload for `event`.
///
/// Form-field events all share the reference's one sample (`ticketForm_email.changed`), with
/// the payload key made to match the event: `contactForm_phone.changed` gets
/// `{"contactForm.phone": {...}}`. `modal.closed` has no sample in the reference: `{}`.
///
/// ```
/// let sample = desk_runtime::samples::sample("ticket_status.changed").unwrap();
/// assert_eq!(sample, "{\n  \"ticket.status\": \"Open\"\n}\n");
/// assert!(desk_runtime::samples::sample("contactForm_phone.changed").unwrap().contains("contactForm.phone"));
/// assert!(desk_runtime::samples::sample("no.such.event").is_none());
/// ```
pub fn sample(event: &str) -> Option<Cow<'static, str>> {
    if let Some(sample) = crate::events::named_sample(event) {
        return Some(Cow::Borrowed(sample));
    }
    let Ok(EventRef::FormField(field)) = desk_catalog::event(event) else {
        return None;
    };
    Some(Cow::Owned(FORM_FIELD_SAMPLE.replacen(
        "\"ticketForm.email\"",
        &format!("\"{}\"", field.payload_key()),
        1,
    )))
}
