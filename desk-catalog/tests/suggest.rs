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
