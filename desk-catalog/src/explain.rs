//! Sentences about availability, shared by the compile-time checks and the simulated Desk so
//! that both say the same thing the same way.

use crate::{Availability, EventRef, LOCATIONS, events_at};

/// Why `event` cannot be subscribed to at `location`, and where it can: a one-line headline,
/// then the details on the lines below, every location written in full so that it can be
/// pasted into `#[desk_widget(location = "...")]`:
///
/// ```text
/// `ticket_status.changed` is not delivered at `desk.contact.detail.rightpanel`
/// it is delivered at 7 locations:
///   `desk.background`, `desk.bottomband`, `desk.extension.telephony`
///   `desk.ticket.detail.rightpanel`, `desk.ticket.detail.subtab`, `desk.ticket.detail.moreaction`
///   `desk.ticket.thread.moreaction`
/// widgets at `desk.contact.detail.rightpanel` receive `modal.closed`, ...
/// ```
///
/// The first line is the whole complaint: a reader with room for one line only (a log) can
/// take `lines().next()`.
///
/// ```
/// use desk_catalog::{event, explain::not_available};
///
/// let message = not_available(&event("pageChange").unwrap(), "pageChange", "desk.topband");
/// assert_eq!(
///     message,
///     "`pageChange` is not delivered at `desk.topband`\n\
///      it is delivered at 3 locations:\n  \
///        `desk.background`, `desk.bottomband`, `desk.extension.telephony`\n\
///      widgets at `desk.topband` receive `modal.closed` and `user_preference.changed`"
/// );
/// ```
pub fn not_available(event: &EventRef<'_>, event_name: &str, location: &str) -> String {
    let mut lines = vec![format!("`{event_name}` is not delivered at `{location}`")];
    match event {
        EventRef::Named(named) => match named.available {
            Availability::At([only]) => lines.push(format!("it is delivered at `{only}` only")),
            Availability::At(locations) => {
                lines.push(format!("it is delivered at {} locations:", locations.len()));
                lines.extend(location_lines(locations).iter().map(|l| format!("  {l}")));
            }
            Availability::EveryDeskLocation => lines.push(
                "it is delivered at every `desk.*` location, and at no `helpcenter.*` one"
                    .to_owned(),
            ),
        },
        EventRef::FormField(field) => lines.push(format!(
            "a form sends events for its own fields only: `{}Form_*` events are delivered at \
             `{}` alone",
            field.module.name(),
            field.module.form_location()
        )),
    }
    if let Some(received) = received_at(location) {
        lines.push(format!("widgets at `{location}` receive {received}"));
    }
    lines.join("\n")
}

/// The longest line of locations [`location_lines`] makes, unless one name is longer.
const LINE_WIDTH: usize = 100;

/// `locations` quoted in full and comma-separated, one line per part of Desk (ticket detail,
/// contact detail, ...; [`crate::Location::group`]), a part's line wrapped at [`LINE_WIDTH`].
fn location_lines(locations: &[&str]) -> Vec<String> {
    let group = |name: &str| LOCATIONS.iter().find(|l| l.name == name).map(|l| l.group);
    let mut lines: Vec<String> = Vec::new();
    let mut last_group = None;
    for &location in locations {
        let quoted = format!("`{location}`");
        let this_group = group(location);
        match lines.last_mut() {
            Some(line)
                if this_group == last_group
                    && line.len() + ", ".len() + quoted.len() <= LINE_WIDTH =>
            {
                line.push_str(", ");
                line.push_str(&quoted);
            }
            _ => lines.push(quoted),
        }
        last_group = this_group;
    }
    lines
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
