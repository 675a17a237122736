//! "Did you mean": the suggestions the compiler's messages carry, and the ones they must not.

use desk_catalog::{EVENTS, EventError, LOCATIONS, event, location, suggest};

fn event_names() -> impl Iterator<Item = &'static str> {
    EVENTS.iter().map(|e| e.name)
}

#[test]
fn case_mistakes_are_always_caught() {
    for known in event_names() {
        for wrong in [known.to_lowercase(), known.to_uppercase()] {
            if wrong != known {
                assert_eq!(suggest(&wrong, event_names()), Some(known), "{wrong}");
            }
        }
    }
    for known in LOCATIONS.iter().map(|l| l.name) {
        let wrong = known.to_uppercase();
        assert_eq!(
            suggest(&wrong, LOCATIONS.iter().map(|l| l.name)),
            Some(known)
        );
    }
}

#[test]
fn small_typos_get_the_intended_name() {
    for (typo, meant) in [
        ("ticket_shift", "ticket_Shift"),
        ("Ticket_status.changed", "ticket_status.changed"),
        ("call.ringin", "call.ringing"),
        ("call.rnging", "call.ringing"),
        ("ticket_status.change", "ticket_status.changed"),
        ("ticket.status.changed", "ticket_status.changed"),
        ("click2call", "click2Call"),
        ("pagechange", "pageChange"),
        ("task_completed", "task_Completed"),
        ("ticket_comment.added", "ticket_comment.add"),
    ] {
        assert_eq!(suggest(typo, event_names()), Some(meant), "{typo}");
    }
    assert_eq!(
        location("desk.ticket.detail.rightpanle")
            .unwrap_err()
            .suggestion,
        Some("desk.ticket.detail.rightpanel")
    );
    assert_eq!(
        location("desk.bottomband.").unwrap_err().suggestion,
        Some("desk.bottomband")
    );
}

#[test]
fn nothing_is_suggested_when_nothing_is_close() {
    for far in [
        "comment_Added",
        "ringing",
        "x",
        "",
        "ticket",
        "call",
        "desk.ticket.detail",
    ] {
        assert_eq!(suggest(far, event_names()), None, "{far}");
    }
    assert_eq!(location("sidebar").unwrap_err().suggestion, None);
}

#[test]
fn a_tie_between_two_names_suggests_neither() {
    // One edit from both `call.answered` and... itself is a tie only between equals, so build one.
    assert_eq!(suggest("ab", ["ax", "ay"]), None);
    assert_eq!(suggest("ab", ["ax", "abcd"]), Some("ax"));
}

#[test]
fn custom_module_subtabs_are_locations_unless_they_look_like_a_typo() {
    assert!(location("desk.cm_projects.detail.subtab").is_ok());
    assert!(location("desk.Invoices.detail.subtab").is_ok());
    let typo = location("desk.tikcet.detail.subtab").unwrap_err();
    assert_eq!(typo.suggestion, Some("desk.ticket.detail.subtab"));
    assert!(location("desk.9lives.detail.subtab").is_err());
    assert!(location("desk..detail.subtab").is_err());
}

#[test]
fn form_field_mistakes_say_what_is_wrong() {
    assert_eq!(
        event("tiketForm_email.changed"),
        Err(EventError::UnknownFormModule {
            name: "tiketForm_email.changed".into(),
            module: "tiket".into(),
            suggestion: Some(desk_catalog::FormModule::Ticket)
        })
    );
    assert!(matches!(
        event("ticketForm_.changed"),
        Err(EventError::EmptyFieldName { .. })
    ));
    assert!(matches!(
        event("ticketForm_e mail.changed"),
        Err(EventError::MalformedFieldName { .. })
    ));
}

/// Every error names the event as given, in its fields and in its message.
#[test]
fn every_event_error_names_the_whole_event() {
    for name in [
        "call.ringin",
        "comment_Added",
        "ticketFrom_email.changed",
        "tiketForm_email.changed",
        "leadForm_email.changed",
        "ticketForm_.changed",
        "ticketForm_e-mail.changed",
    ] {
        let error = event(name).unwrap_err();
        assert_eq!(error.name(), name);
        assert!(error.to_string().contains(&format!("`{name}`")), "{error}");
    }
}

#[test]
fn a_misspelt_form_is_suggested_as_the_whole_event() {
    let error = event("tiketForm_email.changed").unwrap_err();
    assert_eq!(
        error.suggestion().as_deref(),
        Some("ticketForm_email.changed")
    );
    assert_eq!(
        error.to_string(),
        "unknown form `tiketForm` in `tiketForm_email.changed`: forms are `ticketForm`, \
         `contactForm` and `accountForm`; did you mean `ticketForm_email.changed`?"
    );
    let error = event("leadForm_email.changed").unwrap_err();
    assert_eq!(error.suggestion(), None);
    assert_eq!(
        error.to_string(),
        "unknown form `leadForm` in `leadForm_email.changed`: forms are `ticketForm`, \
         `contactForm` and `accountForm`"
    );
    assert_eq!(
        event("ticketForm_.changed").unwrap_err().to_string(),
        "`ticketForm_.changed` has no field name: write `ticketForm_<fieldApiName>.changed`, \
         e.g. `ticketForm_email.changed`"
    );
    assert_eq!(
        event("ticketForm_e-mail.changed").unwrap_err().to_string(),
        "`e-mail` in `ticketForm_e-mail.changed` is not a field API name: it starts with a \
         letter and has only letters, digits and `_` (e.g. `email`, `cf_region`)"
    );
}

/// Names one typo away from the pattern in their form or their `.changed` (not matching
/// `Form_` ... `.changed` exactly) are misspelt form-field events, with the event meant.
#[test]
fn near_misses_of_the_form_field_pattern_get_the_event_meant() {
    for (typo, meant) in [
        ("ticketFrom_email.changed", "ticketForm_email.changed"),
        ("ticketform_email.changed", "ticketForm_email.changed"),
        ("ticketForm_email.chnaged", "ticketForm_email.changed"),
        ("ticketForm_email.change", "ticketForm_email.changed"),
        ("ticketForm_email.Changed", "ticketForm_email.changed"),
        ("tiketForm_email.change", "ticketForm_email.changed"),
        ("contactFrom_phone.changed", "contactForm_phone.changed"),
        (
            "accountForm_cf_region.chagned",
            "accountForm_cf_region.changed",
        ),
    ] {
        assert_eq!(
            event(typo),
            Err(EventError::MisspeltFormField {
                name: typo.into(),
                suggestion: meant.into()
            }),
            "{typo}"
        );
        assert_eq!(
            event(typo).unwrap_err().to_string(),
            format!("unknown event `{typo}`; did you mean `{meant}`?")
        );
    }
    // Not near misses: named events' shapes, two mistakes, no field, another separator.
    for far in [
        "ticket_email.changed",
        "contact_phone.changed",
        "ticketFrom_e-mail.changed",
        "ticketFrom_email.chnagde",
        "ticketForm_email_changed",
        "ticketForm_email.changed.x",
        "leadFrom_email.changed",
        "agent_status.changed",
    ] {
        assert!(
            matches!(
                event(far),
                Err(EventError::Unknown {
                    suggestion: None,
                    ..
                })
            ),
            "{far}: {:?}",
            event(far)
        );
    }
    // A close named event wins: `ticket_phone.change` is not about forms.
    assert_eq!(
        event("ticket_phone.change")
            .unwrap_err()
            .suggestion()
            .as_deref(),
        Some("ticket_phone.changed")
    );
}

#[test]
fn unknown_locations_without_a_close_name_list_those_with_the_same_words() {
    let missing_word = location("desk.ticket.rightpanel").unwrap_err();
    assert_eq!(missing_word.suggestion, None);
    assert_eq!(
        missing_word.related,
        [
            "desk.ticket.detail.rightpanel",
            "desk.ticket.form.rightpanel"
        ]
    );
    assert_eq!(
        missing_word.to_string(),
        "unknown widget location `desk.ticket.rightpanel`; the locations with the same words: \
         `desk.ticket.detail.rightpanel`, `desk.ticket.form.rightpanel`"
    );
    assert_eq!(
        location("desk.bottom").unwrap_err().related,
        ["desk.bottomband"]
    );
    // A suggestion is enough: no list besides it.
    let typo = location("desk.ticket.detail.rightpanle").unwrap_err();
    assert!(typo.related.is_empty());
    assert_eq!(
        typo.to_string(),
        "unknown widget location `desk.ticket.detail.rightpanle`; did you mean \
         `desk.ticket.detail.rightpanel`?"
    );
    // Nothing shared, or shared by too many to help: the name alone.
    for alone in ["sidebar", "desk.rightpanel", "helpcenter.kb"] {
        let error = location(alone).unwrap_err();
        assert!(error.related.is_empty(), "{alone}: {:?}", error.related);
        assert_eq!(
            error.to_string(),
            format!("unknown widget location `{alone}`")
        );
    }
}

#[test]
fn related_names_only_when_few_share_the_words() {
    let related = |input| desk_catalog::related(input, event_names());
    assert_eq!(related("status"), ["ticket_status.changed"]);
    assert_eq!(related("comment_Added"), ["ticket_comment.add"]);
    assert_eq!(
        related("replyEditor"),
        [
            "ticket_replyEditor.opened",
            "ticket_replyEditor_template.loaded"
        ]
    );
    assert!(related("changed").is_empty(), "too many share `changed`");
    assert!(related("xyzzy").is_empty());
    assert!(related("").is_empty());
}
