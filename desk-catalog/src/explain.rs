//! Sentences about availability, shared by the compile-time checks and the simulated Desk so
//! that both say the same thing the same way.

use crate::{Availability, EventRef, events_at};

/// Why `event` cannot be subscribed to at `location`, and where it can: for example
/// "`ticket_status.changed` is not delivered at `desk.contact.detail.rightpanel`; it is
/// delivered at desk.background, ... (7 locations)".
pub fn not_available(event: &EventRef<'_>, event_name: &str, location: &str) -> String {
    let delivered = match event {
        EventRef::Named(named) => match named.available {
            Availability::At(locations) => format!(
                "it is delivered at {} ({} location{})",
                compact(locations),
                locations.len(),
                if locations.len() == 1 { "" } else { "s" }
            ),
            Availability::EveryDeskLocation => {
                "it is delivered at every `desk.*` location, and at no `helpcenter.*` one"
                    .to_owned()
            }
        },
        EventRef::FormField(field) => format!(
            "a form sends events for its own fields only: `{}Form_*` events are delivered at `{}` \
             alone",
            field.module.name(),
            field.module.form_location()
        ),
    };
    let message = format!("`{event_name}` is not delivered at `{location}`; {delivered}");
    match received_at(location) {
        Some(received) => format!("{message}. Widgets at `{location}` receive {received}"),
        None => message,
    }
}

/// What a location receives, when the list is short enough to be worth reading (at most six).
fn received_at(location: &str) -> Option<String> {
    let mut names: Vec<String> = events_at(location)
        .map(|e| format!("`{}`", e.name))
        .collect();
    if let Some(form) = crate::FormModule::ALL
        .into_iter()
        .find(|m| m.form_location() == location)
    {
        names.insert(0, format!("`{}Form_<fieldName>.changed`", form.name()));
    }
    match names.len() {
        0 => Some("none of the catalog's events".to_owned()),
        1..=6 => Some(join(&names)),
        _ => None,
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A list of locations, neighbours that differ only in their last part written once:
/// `desk.ticket.detail.{rightpanel,subtab,lefttab}`.
pub fn compact(locations: &[&str]) -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for location in locations {
        let (stem, leaf) = location.rsplit_once('.').unwrap_or(("", location));
        match groups.last_mut() {
            Some((last_stem, leaves)) if *last_stem == stem => leaves.push(leaf),
            _ => groups.push((stem, vec![leaf])),
        }
    }
    groups
        .into_iter()
        .map(|(stem, leaves)| match leaves.as_slice() {
            [leaf] if stem.is_empty() => (*leaf).to_owned(),
            [leaf] => format!("{stem}.{leaf}"),
            _ => format!("{stem}.{{{}}}", leaves.join(",")),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
