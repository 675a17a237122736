//! The sample fixtures (`desk-runtime/samples/*.json`): one per event of the catalog, each the
//! reference's own sample, and each decoding into its event's payload type with the values the
//! reference shows.
//!
//! Expectations come from the platform reference
//! (`docs/reference/zoho-desk-ticket-and-call-events.txt`) and from the catalog, never from the
//! runtime's event types: the runtime is the side under test.

use desk_runtime::catalog::{self, EVENTS, FORM_FIELD_CHANGED};
use desk_runtime::events::{
    CallContext, CallState, CallType, Event, FormFieldChanged, FormModule, ModalClosed, OwnerType,
    PAYLOAD_TYPES, PageModule, PageType, ReplyMode, decode,
};
use desk_runtime::json::Value;
use desk_runtime::samples::sample;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The platform's event reference, which the fixtures were converted from.
const REFERENCE: &str = include_str!("../../docs/reference/zoho-desk-ticket-and-call-events.txt");

/// How every "Sample Request" of the reference subscribes to its event.
const SUBSCRIBE: &str = "App.instance.on(";

/// Instances of the form-field pattern to check besides the named events: the reference's own
/// sample event, and one field of each other form.
const FORM_FIELD_EVENTS: [&str; 3] = [
    "ticketForm_email.changed",
    "contactForm_phone.changed",
    "accountForm_cf_region.changed",
];

/// Every event name these tests check: the catalog's named events, then the form-field ones.
fn all_events() -> Vec<&'static str> {
    EVENTS
        .iter()
        .map(|event| event.name)
        .chain(FORM_FIELD_EVENTS)
        .collect()
}

/// Fails with every collected failure, one per line.
fn assert_no_failures(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{what}: {} failure(s):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// The `desk-runtime/samples` directory.
fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// The name of `event`'s variant, read from its `Debug` form (`CallRinging(CallRinging { .. })`).
fn variant_name(event: &Event) -> String {
    let debug = format!("{event:?}");
    debug
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The decoded sample of `name`, or a panic that says why not.
fn decoded(name: &str) -> Event {
    let json = sample(name).unwrap_or_else(|| panic!("no sample for `{name}`"));
    decode(name, &json)
        .unwrap_or_else(|error| panic!("the sample of `{name}` does not decode: {error}"))
}

#[test]
fn every_event_has_a_sample_that_decodes_into_its_catalog_payload_type() {
    let mut failures = Vec::new();
    for name in all_events() {
        let Some(json) = sample(name) else {
            failures.push(format!("`{name}`: no sample"));
            continue;
        };
        let event = match decode(name, &json) {
            Ok(event) => event,
            Err(error) => {
                failures.push(format!("`{name}`: its sample does not decode: {error}"));
                continue;
            }
        };
        if event.name() != name {
            failures.push(format!(
                "`{name}`: decodes as an event named `{}`",
                event.name()
            ));
        }
        let expected = match catalog::event(name) {
            Ok(known) => known.payload(),
            Err(error) => {
                failures.push(format!("`{name}`: not in the catalog: {error}"));
                continue;
            }
        };
        let variant = variant_name(&event);
        if variant != expected {
            failures.push(format!(
                "`{name}`: decodes as `{variant}`, the catalog says its payload is `{expected}`"
            ));
        }
        let declared = PAYLOAD_TYPES
            .iter()
            .find(|(event, _)| *event == name)
            .map(|(_, ty)| *ty);
        let is_form_field = FORM_FIELD_EVENTS.contains(&name);
        match declared {
            Some(declared) if is_form_field => failures.push(format!(
                "`{name}`: a form-field event, yet `PAYLOAD_TYPES` lists it (as `{declared}`)"
            )),
            Some(declared) if declared != expected => failures.push(format!(
                "`{name}`: `PAYLOAD_TYPES` says `{declared}`, the catalog says `{expected}`"
            )),
            None if !is_form_field => failures.push(format!("`{name}`: not in `PAYLOAD_TYPES`")),
            _ => {}
        }
    }
    assert_no_failures("samples that do not decode as the catalog says", &failures);
}

#[test]
fn payload_types_list_exactly_the_catalog_events() {
    let mut failures = Vec::new();
    let mut seen = BTreeSet::new();
    for &(name, payload) in PAYLOAD_TYPES {
        if !seen.insert(name) {
            failures.push(format!("`{name}` is listed twice"));
        }
        match EVENTS.iter().find(|event| event.name == name) {
            None => failures.push(format!("`{name}` is not a named event of the catalog")),
            Some(event) if event.payload != payload => failures.push(format!(
                "`{name}` is given `{payload}`, the catalog says `{}`",
                event.payload
            )),
            Some(_) => {}
        }
    }
    for event in EVENTS {
        if !seen.contains(event.name) {
            failures.push(format!("the catalog's `{}` is missing", event.name));
        }
    }
    assert_no_failures("`PAYLOAD_TYPES` against `desk_catalog::EVENTS`", &failures);
}

#[test]
fn fixture_files_are_exactly_one_per_catalog_event_and_the_form_field_sample() {
    assert_eq!(EVENTS.len(), 24, "the reference has 24 named events");
    let expected: BTreeSet<String> = EVENTS
        .iter()
        .map(|event| event.name)
        .chain([FORM_FIELD_CHANGED.sample_event])
        .map(|name| format!("{name}.json"))
        .collect();
    assert!(expected.contains("ticketForm_email.changed.json"));
    let dir = samples_dir();
    let found: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .map(|entry| {
            let entry =
                entry.unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()));
            entry.file_name().to_string_lossy().into_owned()
        })
        .collect();
    let mut failures: Vec<String> = expected
        .difference(&found)
        .map(|missing| format!("missing fixture `{missing}`"))
        .collect();
    failures.extend(
        found
            .difference(&expected)
            .map(|stray| format!("stray file `{stray}`")),
    );
    assert_no_failures("fixtures in desk-runtime/samples", &failures);
}

#[test]
fn fixtures_are_the_reference_samples() {
    let samples = reference_samples();
    let mut failures = Vec::new();
    let names: Vec<&str> = samples.iter().map(|(name, _)| name.as_str()).collect();
    let expected: Vec<&str> = EVENTS
        .iter()
        .map(|event| event.name)
        .chain([FORM_FIELD_CHANGED.sample_event])
        .collect();
    for name in &expected {
        if !names.contains(name) {
            failures.push(format!(
                "`{name}`: no section of the reference subscribes to it"
            ));
        }
    }
    // Every section but `modal.closed`'s ("empty response data") shows a sample response.
    let with_response = samples
        .iter()
        .filter(|(_, response)| response.is_some())
        .count();
    if (names.len(), with_response) != (25, 24) {
        failures.push(format!(
            "read {} sample requests and {with_response} sample responses from the reference, \
             expected 25 and 24",
            names.len()
        ));
    }
    for (name, reference) in &samples {
        let path = samples_dir().join(format!("{name}.json"));
        let fixture = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => {
                failures.push(format!("`{name}`: cannot read {}: {error}", path.display()));
                continue;
            }
        };
        let fixture: Value = match serde_json::from_str(&fixture) {
            Ok(value) => value,
            Err(error) => {
                failures.push(format!("`{name}`: the fixture is not JSON: {error}"));
                continue;
            }
        };
        match reference {
            Some(Ok(reference)) if *reference != fixture => failures.push(format!(
                "`{name}`: the fixture is {fixture}, the reference's sample is {reference}"
            )),
            Some(Ok(_)) => {}
            Some(Err(error)) => failures.push(format!("`{name}`: {error}")),
            // The reference says `modal.closed` is broadcast "with empty response data".
            None if name == "modal.closed" && fixture == serde_json::json!({}) => {}
            None => failures.push(format!(
                "`{name}`: the reference has no sample response, the fixture is {fixture}"
            )),
        }
    }
    assert_no_failures("fixtures against the reference's samples", &failures);
}

/// Every event the reference subscribes to in a "Sample Request", in its order, with its
/// "Sample Response" converted to JSON (`None` when its section has none).
fn reference_samples() -> Vec<(String, Option<Result<Value, String>>)> {
    let mut samples = Vec::new();
    // Each part runs from one subscription to the next: the event's name, the rest of its
    // request, its sample response if it has one, and the next section's text, which has no
    // "Sample Response" before its own request.
    for part in REFERENCE.split(SUBSCRIBE).skip(1) {
        let mut chars = part.chars();
        let Some(quote) = chars.next().filter(|c| matches!(c, '"' | '\'')) else {
            samples.push((
                part.chars().take(40).collect(),
                Some(Err("unquoted event name".into())),
            ));
            continue;
        };
        let name: String = chars.take_while(|&c| c != quote).collect();
        let response = part.find("Sample Response").map(|at| {
            let rest = &part[at..];
            let start = rest.find('{').ok_or("a sample response without `{`")?;
            let literal = object_literal(&rest[start..]).ok_or("an unbalanced sample response")?;
            serde_json::from_str(&js_to_json(literal)).map_err(|error| {
                format!("the reference's sample is not JSON once its keys are quoted: {error}")
            })
        });
        samples.push((name, response));
    }
    samples
}

/// The JavaScript object literal at the start of `text`, up to its matching `}`.
fn object_literal(text: &str) -> Option<&str> {
    let mut depth = 0_usize;
    let mut in_string: Option<char> = None;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        match in_string {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(quote) if c == quote => in_string = None,
            None if c == '"' || c == '\'' => in_string = Some(c),
            None if c == '{' => depth += 1,
            None if c == '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(&text[..=at]);
                }
            }
            // Inside a string, or outside it but no brace: nothing to count.
            Some(_) | None => {}
        }
    }
    None
}

/// Quotes the unquoted keys of a JavaScript object literal (`ticket.status :"Open"`), which is
/// all that separates the reference's samples from JSON.
fn js_to_json(literal: &str) -> String {
    let mut json = String::with_capacity(literal.len() + 64);
    let mut chars = literal.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '"' {
            json.push(c);
            let mut escaped = false;
            for (_, c) in chars.by_ref() {
                json.push(c);
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => break,
                    _ => {}
                }
            }
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut end = at + c.len_utf8();
            while let Some(&(next_at, next)) = chars.peek() {
                if next.is_ascii_alphanumeric() || next == '_' || next == '.' {
                    end = next_at + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = &literal[at..end];
            if literal[end..].trim_start().starts_with(':') {
                json.push('"');
                json.push_str(word);
                json.push('"');
            } else {
                json.push_str(word);
            }
        } else {
            json.push(c);
        }
    }
    json
}

#[test]
fn the_reference_sample_parser_reads_unquoted_and_quoted_keys() {
    let literal =
        object_literal("{\n  ticket.owner: {\n type: \"a:b}\" },\n \"x\": true\n} trailing")
            .expect("balanced");
    assert!(literal.ends_with("true\n}"), "{literal}");
    let json: Value = serde_json::from_str(&js_to_json(literal)).expect("JSON");
    assert_eq!(
        json,
        serde_json::json!({"ticket.owner": {"type": "a:b}"}, "x": true})
    );
}

// The decoded samples, field by field, against the reference's sample responses.

#[test]
fn call_ringing_sample() {
    let Event::CallRinging(call) = decoded("call.ringing") else {
        panic!("`call.ringing` does not decode as `CallRinging`");
    };
    assert_eq!(call.case_id.as_deref(), Some("901080000005819"));
    assert_eq!(call.contact_id.as_deref(), Some("901080000004554"));
    assert_eq!(call.call_type, CallType::Outbound);
    assert_eq!(call.number, "9837650000");
    assert_eq!(call.entity_name, "new contact");
    assert_eq!(call.call_state, CallState::Ringing);
    assert_eq!(call.cti_number, "");
    assert_eq!(call.case_number.as_deref(), Some("193"));
    assert!(call.is_call_associated);
    assert_eq!(call.zti_call_id, "901080000007820");
}

#[test]
fn call_answered_sample() {
    let Event::CallAnswered(call) = decoded("call.answered") else {
        panic!("`call.answered` does not decode as `CallAnswered`");
    };
    assert_eq!(call.case_id.as_deref(), Some("901080000005816"));
    assert_eq!(call.activity_id.as_deref(), Some("901080000007003"));
    assert_eq!(call.contact_id.as_deref(), Some("901080000004554"));
    assert_eq!(call.call_type, CallType::Outbound);
    assert_eq!(call.number, "");
    assert_eq!(call.call_state, CallState::ProceedAnswer);
    assert_eq!(call.zti_call_id, "901080000007821");
}

#[test]
fn call_completed_sample_keeps_the_call_state_it_sends() {
    let Event::CallCompleted(call) = decoded("call.completed") else {
        panic!("`call.completed` does not decode as `CallCompleted`");
    };
    // The reference's sample repeats `call.answered`'s, `callState: "proceedanswer"` included.
    assert_eq!(call.call_state, CallState::ProceedAnswer);
    assert_eq!(call.call_state.as_str(), "proceedanswer");
    assert_eq!(call.activity_id.as_deref(), Some("901080000007003"));
    assert_eq!(call.case_id.as_deref(), Some("901080000005816"));
    assert_eq!(call.case_number.as_deref(), Some("193"));
    assert_eq!(call.entity_name, "new contact");
    assert!(call.is_call_associated);
}

#[test]
fn click2call_sample() {
    let Event::Click2Call(call) = decoded("click2Call") else {
        panic!("`click2Call` does not decode as `Click2Call`");
    };
    assert_eq!(call.context, CallContext::TicketDetail);
    assert_eq!(call.context.as_str(), "ticket.detail.page");
    assert_eq!(call.contact_id.as_deref(), Some("123456789"));
    assert_eq!(call.case_id.as_deref(), Some("1234565234"));
    assert_eq!(call.activity_id.as_deref(), Some("1241351321"));
}

#[test]
fn ticket_assignee_and_owner_changed_samples() {
    for name in ["ticket_assignee.changed", "ticket_owner.changed"] {
        let owner = match decoded(name) {
            Event::TicketAssigneeChanged(change) if name == "ticket_assignee.changed" => {
                change.owner
            }
            Event::TicketOwnerChanged(change) if name == "ticket_owner.changed" => change.owner,
            other => panic!("`{name}` decodes as {other:?}"),
        };
        assert_eq!(owner.kind, OwnerType::TeamAgent, "{name}");
        let agent = owner.agent.unwrap_or_else(|| panic!("{name}: no agent"));
        assert_eq!(agent.id, "90108000000190123", "{name}");
        assert_eq!(agent.first_name, "NewAgent", "{name}");
        assert_eq!(agent.last_name, "", "{name}");
        assert_eq!(agent.full_name, "NewAgent", "{name}");
        assert_eq!(agent.email, "NewAgent@something.com", "{name}");
        let team = owner.team.unwrap_or_else(|| panic!("{name}: no team"));
        assert_eq!(team.id, "901080000012345", "{name}");
        assert_eq!(team.name, "newteam", "{name}");
        assert_eq!(team.description, "description of team", "{name}");
        assert_eq!(team.department_id, "90108000003700987", "{name}");
    }
}

#[test]
fn ticket_field_change_samples() {
    match decoded("ticket_status.changed") {
        Event::TicketStatusChanged(change) => assert_eq!(change.status, "Open"),
        other => panic!("`ticket_status.changed` decodes as {other:?}"),
    }
    match decoded("ticket_priority.changed") {
        Event::TicketPriorityChanged(change) => assert_eq!(change.priority, "Low"),
        other => panic!("`ticket_priority.changed` decodes as {other:?}"),
    }
    match decoded("ticket_classification.changed") {
        Event::TicketClassificationChanged(change) => assert_eq!(change.classification, "Feature"),
        other => panic!("`ticket_classification.changed` decodes as {other:?}"),
    }
    match decoded("ticket_productName.changed") {
        Event::TicketProductNameChanged(change) => assert_eq!(change.product_name, "Finance"),
        other => panic!("`ticket_productName.changed` decodes as {other:?}"),
    }
    match decoded("ticket_phone.changed") {
        Event::TicketPhoneChanged(change) => assert_eq!(change.phone, "1 888 900 9646"),
        other => panic!("`ticket_phone.changed` decodes as {other:?}"),
    }
}

#[test]
fn ticket_is_spam_sample_is_true_from_the_string_true() {
    let json = sample("ticket_isSpam.changed").expect("a sample");
    // The reference sends the string, not the JSON boolean.
    assert!(json.contains("\"true\""), "{json}");
    match decoded("ticket_isSpam.changed") {
        Event::TicketIsSpamChanged(change) => assert!(change.is_spam),
        other => panic!("`ticket_isSpam.changed` decodes as {other:?}"),
    }
}

#[test]
fn ticket_due_date_sample_is_the_string_it_sends() {
    match decoded("ticket_dueDate.changed") {
        Event::TicketDueDateChanged(change) => assert_eq!(change.due_date, "08/15/2022 12:00 PM"),
        other => panic!("`ticket_dueDate.changed` decodes as {other:?}"),
    }
}

#[test]
fn user_preference_sample_has_only_a_theme() {
    let Event::UserPreferenceChanged(preference) = decoded("user_preference.changed") else {
        panic!("`user_preference.changed` does not decode as `UserPreferenceChanged`");
    };
    assert_eq!(preference.theme.as_deref(), Some("yellow"));
    assert_eq!(preference.font_family, None);
    assert_eq!(preference.appearance, None);
}

#[test]
fn page_change_sample() {
    let Event::PageChange(change) = decoded("pageChange") else {
        panic!("`pageChange` does not decode as `PageChange`");
    };
    assert_eq!(change.previous_view.module, PageModule::Ticket);
    assert_eq!(change.previous_view.page, PageType::List);
    assert_eq!(change.current_view.module, PageModule::Ticket);
    assert_eq!(change.current_view.page, PageType::Detail);
}

#[test]
fn ticket_custom_fields_sample_has_its_two_fields() {
    let Event::TicketCustomFieldsChanged(change) = decoded("ticket_customFields.changed") else {
        panic!("`ticket_customFields.changed` does not decode as `TicketCustomFieldsChanged`");
    };
    assert_eq!(change.custom_fields.len(), 2, "{:?}", change.custom_fields);
    assert_eq!(
        change.custom_fields.get("customField1"),
        Some(&Value::from("Value 1"))
    );
    assert_eq!(
        change.custom_fields.get("customField2"),
        Some(&Value::from("Value 2"))
    );
}

#[test]
fn form_field_samples_carry_the_field_of_their_event() {
    let expected = [
        ("ticketForm_email.changed", FormModule::Ticket, "email"),
        ("contactForm_phone.changed", FormModule::Contact, "phone"),
        (
            "accountForm_cf_region.changed",
            FormModule::Account,
            "cf_region",
        ),
    ];
    let mut failures = Vec::new();
    for (name, module, field) in expected {
        let expected = Event::FormFieldChanged(FormFieldChanged {
            module,
            field: field.to_owned(),
            old_value: "email@gmail.com".to_owned(),
            new_value: "email@gmail.com".to_owned(),
        });
        let decoded = decoded(name);
        if decoded != expected {
            failures.push(format!(
                "`{name}`: decodes as {decoded:?}, expected {expected:?}"
            ));
        }
    }
    assert_no_failures("form-field samples", &failures);
}

#[test]
fn modal_closed_sample_decodes() {
    assert_eq!(decoded("modal.closed"), Event::ModalClosed(ModalClosed));
}

#[test]
fn other_ticket_samples() {
    match decoded("ticket_comment.add") {
        Event::TicketCommentAdd(comment) => {
            assert_eq!(comment.comment.as_untrusted_str(), "<div>Hello</div>");
            assert_eq!(comment.comment_id, "90108000000847123");
            assert_eq!(comment.display_name, "Agent Name");
            assert_eq!(comment.display_time, "09 Jun 2021 06:34 PM");
            assert!(comment.is_public_comment);
        }
        other => panic!("`ticket_comment.add` decodes as {other:?}"),
    }
    match decoded("ticket_replyEditor.opened") {
        Event::TicketReplyEditorOpened(editor) => {
            assert_eq!(editor.mode, ReplyMode::ReplyAll);
            assert_eq!(editor.thread_id, "90108000000495471");
            assert_eq!(editor.ticket_id, "20400443020642124");
        }
        other => panic!("`ticket_replyEditor.opened` decodes as {other:?}"),
    }
    match decoded("ticket_replyEditor_template.loaded") {
        Event::TicketReplyEditorTemplateLoaded(template) => {
            assert_eq!(
                template.content.as_untrusted_str(),
                "Html Content of the template"
            );
            assert_eq!(template.id, "98787662312400000");
        }
        other => panic!("`ticket_replyEditor_template.loaded` decodes as {other:?}"),
    }
    match decoded("ticket_assist.click") {
        Event::TicketAssistClick(assist) => {
            assert_eq!(assist.status, "Open");
            assert_eq!(assist.owner, "newTeam");
            assert_eq!(assist.due_date, "No Due Date set");
            assert_eq!(assist.ticket_id, "26811000000760569");
        }
        other => panic!("`ticket_assist.click` decodes as {other:?}"),
    }
    match decoded("task_Completed") {
        Event::TaskCompleted(task) => assert!(task.task_completed),
        other => panic!("`task_Completed` decodes as {other:?}"),
    }
    match decoded("community.topic.loaded") {
        Event::CommunityTopicLoaded(topic) => assert_eq!(topic.topic_id, "50138000520495421"),
        other => panic!("`community.topic.loaded` decodes as {other:?}"),
    }
    match decoded("ticket_Shift") {
        Event::TicketShift(shift) => assert!(shift.ticket_shifted),
        other => panic!("`ticket_Shift` decodes as {other:?}"),
    }
}

#[test]
fn unknown_events_have_no_sample() {
    let mut failures = Vec::new();
    for name in [
        "",
        "call.ringin",
        "ticket_shift",
        "leadForm_email.changed",
        "ticketForm_.changed",
    ] {
        if let Some(json) = sample(name) {
            failures.push(format!(
                "`{name}` is not an event, yet has the sample {json}"
            ));
        }
    }
    assert_no_failures("samples of names outside the catalog", &failures);
}
