//! The event catalog checked against the platform's reference, transcribed a second time.
//!
//! `desk-catalog` holds a hand transcription of the platform's "Ticket Events" and "Call
//! Events" page, `docs/reference/zoho-desk-ticket-and-call-events.txt`. This test makes a
//! second, independent transcription by parsing that text at test time and compares the two
//! event by event and location by location: a typo in one transcription is caught by the
//! other. Expectations come only from the reference text and from the availability rules of
//! `docs/reference/desk-platform.md`, never from the catalog's own tables; the catalog is only
//! ever the side under test.

use desk_catalog::{
    EVENTS, FORM_FIELD_CHANGED, LOCATIONS, LocationRef, event, events_at, is_available, location,
};

/// The platform's event reference, as the catalog was transcribed from it.
const REFERENCE: &str = include_str!("../docs/reference/zoho-desk-ticket-and-call-events.txt");

/// A custom module's detail subtab (`desk.{moduleApiName}.detail.subtab`): a location that is
/// no entry of `LOCATIONS` but that events without a list in the reference reach.
const CUSTOM_MODULE_SUBTAB: &str = "desk.cm_projects.detail.subtab";

/// How every "Sample Request" of the reference subscribes to its event.
const SUBSCRIBE: &str = "App.instance.on(";

/// The words with which a section introduces its bullet list of locations.
const LIST_INTRO: &str = "following widget locations";

/// The mark of a bullet line, `  • desk.background`.
const BULLET: char = '•';

/// The modules whose add forms send `${module}Form_${fieldName}.changed` (desk-platform.md).
const FORM_MODULES: [&str; 3] = ["ticket", "contact", "account"];

/// Field API names to instantiate the form-field pattern with.
const FORM_FIELDS: [&str; 3] = ["email", "phone", "cf_region"];

/// One event section of the reference.
#[derive(Debug)]
struct ReferenceEvent {
    /// The event's name or, for the form-field section, the pattern the section's text names.
    name: String,
    /// The name the section's "Sample Request" subscribes to (the same as `name` but for the
    /// form-field pattern, whose sample is `ticketForm_email.changed`).
    sample: String,
    /// Whether `name` is a `${...}` pattern rather than one event.
    is_pattern: bool,
    /// Whether the section says it lists "the following widget locations".
    announces_list: bool,
    /// The section's bullet list, in the reference's order; `None` when it has no bullets.
    locations: Option<Vec<String>>,
}

/// Parses the reference into its events, in its order.
///
/// Each section ends with its "Sample Request" line, so a section is everything after the
/// previous sample request up to and including this one; its bullets are its locations.
fn reference_events() -> Vec<ReferenceEvent> {
    let mut events = Vec::new();
    let mut section: Vec<&str> = Vec::new();
    for line in REFERENCE.lines() {
        match subscribed_name(line) {
            Some(sample) => {
                events.push(section_event(sample, &section));
                section.clear();
            }
            None => section.push(line),
        }
    }
    events
}

/// The event name of a sample request line, `App.instance.on("NAME", ...` or with `'NAME'`.
fn subscribed_name(line: &str) -> Option<&str> {
    let (_, call) = line.split_once(SUBSCRIBE)?;
    let quote = call.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let (name, _) = call[1..].split_once(quote)?;
    Some(name)
}

/// The event of the section made of `lines`, whose sample request subscribes to `sample`.
fn section_event(sample: &str, lines: &[&str]) -> ReferenceEvent {
    let bullets: Vec<String> = lines
        .iter()
        .filter_map(|line| line.trim().strip_prefix(BULLET))
        .map(|bullet| bullet.trim().to_owned())
        .collect();
    let pattern = is_form_field_sample(sample).then(|| form_field_pattern(sample, lines));
    ReferenceEvent {
        is_pattern: pattern.is_some(),
        name: pattern.unwrap_or_else(|| sample.to_owned()),
        sample: sample.to_owned(),
        announces_list: lines.iter().any(|line| line.contains(LIST_INTRO)),
        locations: (!bullets.is_empty()).then_some(bullets),
    }
}

/// Whether a sample event is one of a form's field events, `<module>Form_<field>.changed`.
fn is_form_field_sample(sample: &str) -> bool {
    sample
        .strip_suffix(".changed")
        .is_some_and(|stem| stem.contains("Form_"))
}

/// The pattern that the form-field section's text names (the word with `${` that ends in
/// `.changed`), checked to produce the section's own sample.
fn form_field_pattern(sample: &str, lines: &[&str]) -> String {
    let pattern = lines
        .iter()
        .flat_map(|line| line.split_whitespace())
        .find(|word| word.contains("${") && word.ends_with(".changed"))
        .unwrap_or_else(|| panic!("the section of `{sample}` names no `${{...}}.changed` pattern"));
    let (module, field) = sample
        .strip_suffix(".changed")
        .and_then(|stem| stem.split_once("Form_"))
        .expect("a form-field sample is `<module>Form_<field>.changed`");
    assert_eq!(
        instantiate(pattern, module, field),
        sample,
        "the pattern `{pattern}` does not name its own sample"
    );
    pattern.to_owned()
}

/// The form-field event of `pattern` for one module and field.
fn instantiate(pattern: &str, module: &str, field: &str) -> String {
    pattern
        .replace("${module}", module)
        .replace("${fieldName}", field)
}

/// The reference's named events, that is all but the form-field pattern.
fn named_events(events: &[ReferenceEvent]) -> impl Iterator<Item = &ReferenceEvent> {
    events.iter().filter(|event| !event.is_pattern)
}

/// The reference's form-field pattern event.
fn pattern_event(events: &[ReferenceEvent]) -> &ReferenceEvent {
    events
        .iter()
        .find(|event| event.is_pattern)
        .expect("the reference has a form-field pattern section")
}

/// Every location that some bullet list of the reference names, without repeats, in order of
/// first appearance.
fn reference_locations(events: &[ReferenceEvent]) -> Vec<&str> {
    let mut distinct: Vec<&str> = Vec::new();
    for listed in events.iter().filter_map(|event| event.locations.as_ref()) {
        for name in listed {
            if !distinct.contains(&name.as_str()) {
                distinct.push(name);
            }
        }
    }
    distinct
}

/// The locations to check each event at: the catalog's, the reference's (in case the catalog
/// misses one) and a custom module's subtab.
fn locations_to_check(events: &[ReferenceEvent]) -> Vec<&str> {
    let mut all: Vec<&str> = LOCATIONS.iter().map(|location| location.name).collect();
    for name in reference_locations(events) {
        if !all.contains(&name) {
            all.push(name);
        }
    }
    all.push(CUSTOM_MODULE_SUBTAB);
    all
}

/// Whether the reference and desk-platform.md's rules say `event` reaches `location`: a listed
/// event exactly its list; an event without a list every `desk.*` location (custom-module
/// subtabs included) and no `helpcenter.*` one.
fn expected_available(event: &ReferenceEvent, location: &str) -> bool {
    match &event.locations {
        Some(listed) => listed.iter().any(|name| name == location),
        None => location.starts_with("desk."),
    }
}

/// What "available" reads as in a mismatch report.
fn availability(available: bool) -> &'static str {
    if available {
        "available"
    } else {
        "not available"
    }
}

/// Fails with every mismatch found, one a line, when there is any.
fn assert_no_mismatches(what: &str, mismatches: &[String]) {
    assert!(
        mismatches.is_empty(),
        "{} mismatch(es) between the reference and the catalog ({what}):\n  {}",
        mismatches.len(),
        mismatches.join("\n  ")
    );
}

/// Position-by-position differences between two lists of names.
fn list_differences(reference: &[&str], catalog: &[&str]) -> Vec<String> {
    let longest = reference.len().max(catalog.len());
    (0..longest)
        .filter_map(|i| {
            let (expected, actual) = (reference.get(i), catalog.get(i));
            (expected != actual)
                .then(|| format!("position {i}: reference {expected:?}, catalog {actual:?}"))
        })
        .collect()
}

#[test]
fn reference_parses_into_24_named_events_and_the_form_field_pattern() {
    let events = reference_events();
    let names: Vec<&str> = events.iter().map(|event| event.name.as_str()).collect();
    assert_eq!(events.len(), 25, "the reference's events: {names:?}");

    let patterns: Vec<&str> = names_where(&events, |event| event.is_pattern);
    assert_eq!(patterns, ["${module}Form_${fieldName}.changed"]);
    assert_eq!(pattern_event(&events).sample, "ticketForm_email.changed");
    assert_eq!(named_events(&events).count(), 24);

    for event in &events {
        assert_eq!(
            event.announces_list,
            event.locations.is_some(),
            "the section of `{}` {} a location list but the parser found {:?}",
            event.name,
            if event.announces_list {
                "announces"
            } else {
                "announces no"
            },
            event.locations
        );
    }
    let unlisted = names_where(&events, |event| event.locations.is_none());
    assert_eq!(
        unlisted,
        ["modal.closed", "user_preference.changed"],
        "desk-platform.md's rule for events without a list names exactly these two"
    );
}

/// The names of the reference events that satisfy `keep`.
fn names_where(events: &[ReferenceEvent], keep: impl Fn(&ReferenceEvent) -> bool) -> Vec<&str> {
    events
        .iter()
        .filter(|event| keep(event))
        .map(|event| event.name.as_str())
        .collect()
}

#[test]
fn catalog_has_the_reference_events_in_its_order() {
    let events = reference_events();
    let reference: Vec<&str> = named_events(&events)
        .map(|event| event.name.as_str())
        .collect();
    let catalog: Vec<&str> = EVENTS.iter().map(|event| event.name).collect();
    assert_no_mismatches(
        "named events, in order",
        &list_differences(&reference, &catalog),
    );

    let pattern = pattern_event(&events);
    assert_eq!(FORM_FIELD_CHANGED.pattern, pattern.name);
    assert_eq!(FORM_FIELD_CHANGED.sample_event, pattern.sample);
}

#[test]
fn every_named_event_is_available_exactly_where_the_reference_says() {
    let events = reference_events();
    let mut mismatches = Vec::new();
    for expected in named_events(&events) {
        let Ok(catalog) = event(&expected.name) else {
            mismatches.push(format!("`{}`: not in the catalog", expected.name));
            continue;
        };
        for location in locations_to_check(&events) {
            let (want, got) = (
                expected_available(expected, location),
                is_available(&catalog, location),
            );
            if want != got {
                mismatches.push(format!(
                    "`{}` at `{location}`: reference {}, catalog {}",
                    expected.name,
                    availability(want),
                    availability(got)
                ));
            }
        }
    }
    assert_no_mismatches("event x location", &mismatches);
}

#[test]
fn events_at_each_location_are_the_reference_events_in_its_order() {
    let events = reference_events();
    let mut mismatches = Vec::new();
    for location in locations_to_check(&events) {
        let reference: Vec<&str> = named_events(&events)
            .filter(|event| expected_available(event, location))
            .map(|event| event.name.as_str())
            .collect();
        let catalog: Vec<&str> = events_at(location).map(|event| event.name).collect();
        if reference != catalog {
            mismatches.push(format!(
                "at `{location}`: reference {reference:?}, catalog {catalog:?}"
            ));
        }
    }
    assert_no_mismatches("events_at", &mismatches);
}

#[test]
fn form_field_events_reach_only_their_own_form_panel() {
    let events = reference_events();
    let pattern = pattern_event(&events);
    let listed = pattern
        .locations
        .as_ref()
        .expect("the reference lists locations for the form-field pattern");
    assert_eq!(
        listed.len(),
        FORM_MODULES.len(),
        "the reference should list the three form panels for the pattern, and lists {listed:?}"
    );

    let mut mismatches = Vec::new();
    for module in FORM_MODULES {
        let panel = format!("desk.{module}.form.rightpanel");
        if !listed.contains(&panel) {
            mismatches.push(format!("`{panel}`: not in the reference's list {listed:?}"));
        }
        for field in FORM_FIELDS {
            let name = instantiate(&pattern.name, module, field);
            let catalog = match event(&name) {
                Ok(catalog) => catalog,
                Err(error) => {
                    mismatches.push(format!("`{name}`: refused by the catalog: {error}"));
                    continue;
                }
            };
            for location in locations_to_check(&events) {
                let (want, got) = (location == panel, is_available(&catalog, location));
                if want != got {
                    mismatches.push(format!(
                        "`{name}` at `{location}`: rules {}, catalog {}",
                        availability(want),
                        availability(got)
                    ));
                }
            }
        }
    }
    assert_no_mismatches("form-field events", &mismatches);
}

#[test]
fn reference_locations_are_the_catalogs_19_first_fixed_locations() {
    let events = reference_events();
    let reference = reference_locations(&events);
    assert_eq!(
        reference.len(),
        19,
        "the reference's locations: {reference:?}"
    );

    let mut mismatches = Vec::new();
    for name in &reference {
        match location(name) {
            Ok(LocationRef::Fixed(_)) => {}
            other => mismatches.push(format!("`{name}`: not a fixed location: {other:?}")),
        }
    }
    // The catalog's doc says its first 19 locations are the reference's.
    for first in LOCATIONS.iter().take(reference.len()) {
        if !reference.contains(&first.name) {
            mismatches.push(format!(
                "`{}`: among the catalog's first {} locations but in no list of the reference",
                first.name,
                reference.len()
            ));
        }
    }
    assert_no_mismatches("locations", &mismatches);
}

/// The (deprecated, replacement) pairs of the reference's "The X event will be replaced with Y
/// event" notes, in its order.
fn reference_replacements() -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for line in REFERENCE.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for (i, window) in words.windows(4).enumerate() {
            if window == ["will", "be", "replaced", "with"] && i >= 2 && words[i - 1] == "event" {
                let replacement = words
                    .get(i + 4)
                    .expect("\"will be replaced with\" is followed by the replacement's name");
                pairs.push((words[i - 2].to_owned(), (*replacement).to_owned()));
            }
        }
    }
    pairs
}

#[test]
fn deprecated_events_are_the_ones_the_reference_says_will_be_replaced() {
    let reference = reference_replacements();
    assert!(
        !reference.is_empty(),
        "the reference says `ticket_owner.changed` will be replaced"
    );
    let catalog: Vec<(String, String)> = EVENTS
        .iter()
        .filter_map(|event| {
            let replacement = event.replaced_by?;
            Some((event.name.to_owned(), replacement.to_owned()))
        })
        .collect();
    assert_eq!(catalog, reference);
}
