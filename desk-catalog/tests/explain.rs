//! The availability message: a headline that says what is wrong, then where the event is
//! delivered in full location names (to paste into `location = "..."`) and what the location
//! receives.

use desk_catalog::explain::not_available;
use desk_catalog::{EVENTS, LOCATIONS, event, is_available};

fn message(name: &str, location: &str) -> String {
    not_available(&event(name).unwrap(), name, location)
}

#[test]
fn an_event_delivered_at_a_few_locations() {
    assert_eq!(
        message("ticket_status.changed", "desk.contact.detail.rightpanel"),
        "`ticket_status.changed` is not delivered at `desk.contact.detail.rightpanel`
it is delivered at 7 locations:
  `desk.background`, `desk.bottomband`, `desk.extension.telephony`
  `desk.ticket.detail.rightpanel`, `desk.ticket.detail.subtab`, `desk.ticket.detail.moreaction`
  `desk.ticket.thread.moreaction`
widgets at `desk.contact.detail.rightpanel` receive `modal.closed`, `user_preference.changed`, \
`call.ringing`, `call.answered`, `call.completed` and `click2Call`"
    );
}

#[test]
fn an_event_delivered_everywhere_but_the_help_center() {
    assert_eq!(
        message("modal.closed", "helpcenter.kb.homepage"),
        "`modal.closed` is not delivered at `helpcenter.kb.homepage`
it is delivered at every `desk.*` location, and at no `helpcenter.*` one
widgets at `helpcenter.kb.homepage` receive none of the catalog's events"
    );
}

#[test]
fn a_form_field_event_at_another_form() {
    assert_eq!(
        message("contactForm_phone.changed", "desk.ticket.form.rightpanel"),
        "`contactForm_phone.changed` is not delivered at `desk.ticket.form.rightpanel`
a form sends events for its own fields only: `contactForm_*` events are delivered at \
`desk.contact.form.rightpanel` alone
widgets at `desk.ticket.form.rightpanel` receive `ticketForm_<fieldName>.changed`, \
`modal.closed` and `user_preference.changed`"
    );
}

/// For every refused (location, event) pair: the headline is one line, every location the
/// event is delivered at is written in full (no `desk.{a,b}` to unfold by hand), and no line
/// of locations is wider than 100 characters.
#[test]
fn every_refusal_has_a_headline_and_full_location_names() {
    for location in LOCATIONS.iter().map(|l| l.name) {
        for known in EVENTS {
            let named = event(known.name).unwrap();
            if is_available(&named, location) {
                continue;
            }
            let message = message(known.name, location);
            let mut lines = message.lines();
            assert_eq!(
                lines.next(),
                Some(format!("`{}` is not delivered at `{location}`", known.name).as_str())
            );
            assert!(!message.contains('{'), "{message}");
            if let desk_catalog::Availability::At(at) = known.available {
                for delivered in at {
                    assert!(message.contains(&format!("`{delivered}`")), "{message}");
                }
            }
            for line in lines.filter(|l| l.starts_with("  ")) {
                assert!(line.len() <= 2 + 100, "{line}");
            }
        }
    }
}
