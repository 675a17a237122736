//! `desk_runtime::events::decode` on what it must refuse: unknown events, payloads of the wrong
//! shape (with the wire path of the failing field), the reference's loose spots (`modal.closed`,
//! `ticket.isSpam`, enum values it does not list), and hostile input, on which it must never
//! panic.

use desk_runtime::catalog::{EVENTS, EventError, FormModule};
use desk_runtime::events::{
    CallContext, CallState, CallType, DecodeError, Event, OwnerType, PageModule, PageType,
    ReplyMode, decode,
};
use desk_runtime::json::Value;
use desk_runtime::samples::sample;
use serde_json::json;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Form-field events to check besides the named events, one per form.
const FORM_FIELD_EVENTS: [&str; 3] = [
    "ticketForm_email.changed",
    "contactForm_phone.changed",
    "accountForm_cf_region.changed",
];

/// Fails with every collected failure, one per line.
fn assert_no_failures(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{what}: {} failure(s):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// The sample of `event` as JSON, to edit.
fn sample_value(event: &str) -> Value {
    let json = sample(event).unwrap_or_else(|| panic!("no sample for `{event}`"));
    serde_json::from_str(&json).unwrap_or_else(|error| panic!("`{event}`'s sample: {error}"))
}

/// The sample of `event` with `edit` applied to it.
fn edited_sample(event: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut value = sample_value(event);
    edit(&mut value);
    value.to_string()
}

/// The value at `pointer` (a JSON pointer) of `value`, which must exist.
fn at<'a>(value: &'a mut Value, pointer: &str) -> &'a mut Value {
    value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no `{pointer}` in the sample"))
}

/// The object at `pointer` of `value`, which must be one.
fn object_at<'a>(value: &'a mut Value, pointer: &str) -> &'a mut serde_json::Map<String, Value> {
    at(value, pointer)
        .as_object_mut()
        .unwrap_or_else(|| panic!("`{pointer}` is not an object"))
}

/// The parts of a payload error, or a panic naming what was returned instead.
fn payload_error(event: &str, json: &str) -> (String, String, String, String) {
    match decode(event, json) {
        Err(error @ DecodeError::Payload { .. }) => {
            let display = error.to_string();
            let DecodeError::Payload {
                event,
                path,
                message,
                ..
            } = error
            else {
                unreachable!()
            };
            (event, path, message, display)
        }
        other => panic!("`{event}` with {json}: expected a payload error, got {other:?}"),
    }
}

#[test]
fn an_unknown_event_is_refused_with_a_suggestion() {
    assert_eq!(
        decode("call.ringin", "{}"),
        Err(DecodeError::UnknownEvent(EventError::Unknown {
            name: "call.ringin".to_owned(),
            suggestion: Some("call.ringing"),
        }))
    );
    let message = decode("call.ringin", "{}").unwrap_err().to_string();
    assert!(
        message.contains("`call.ringin`") && message.contains("`call.ringing`"),
        "{message}"
    );
    // Event names are case-sensitive: the suggestion gives the right case.
    assert!(matches!(
        decode("ticket_shift", r#"{"ticket_shifted": true}"#),
        Err(DecodeError::UnknownEvent(EventError::Unknown {
            suggestion: Some("ticket_Shift"),
            ..
        }))
    ));
    // Nothing close: no guess.
    assert!(matches!(
        decode("comment_Added", "{}"),
        Err(DecodeError::UnknownEvent(EventError::Unknown {
            suggestion: None,
            ..
        }))
    ));
    // Even a valid sample does not make an unknown name decode.
    let ringing = sample("call.ringing").expect("a sample");
    assert!(matches!(
        decode("Call.Ringing", &ringing),
        Err(DecodeError::UnknownEvent(_))
    ));
    assert!(matches!(
        decode("", &ringing),
        Err(DecodeError::UnknownEvent(_))
    ));
}

#[test]
fn a_malformed_form_field_event_is_an_unknown_event() {
    let json = r#"{"ticketForm.email": {"oldValue": "", "newValue": ""}}"#;
    assert!(matches!(
        decode("ticketForm_.changed", json),
        Err(DecodeError::UnknownEvent(EventError::EmptyFieldName {
            module: FormModule::Ticket,
            ..
        }))
    ));
    assert!(matches!(
        decode("tiketForm_email.changed", json),
        Err(DecodeError::UnknownEvent(EventError::UnknownFormModule {
            suggestion: Some(FormModule::Ticket),
            ..
        }))
    ));
    assert!(matches!(
        decode("leadForm_email.changed", json),
        Err(DecodeError::UnknownEvent(
            EventError::UnknownFormModule { .. }
        ))
    ));
    assert!(matches!(
        decode("ticketForm_e-mail.changed", json),
        Err(DecodeError::UnknownEvent(
            EventError::MalformedFieldName { .. }
        ))
    ));
}

/// Whatever is wrong, the error names the event the caller passed, in full: a caller decoding
/// many events can tell which one failed from the message alone.
#[test]
fn every_decode_error_names_the_whole_event() {
    let form_json = r#"{"ticketForm.email": {"oldValue": "", "newValue": ""}}"#;
    let refused = [
        ("call.ringin", "{}"),
        ("comment_Added", "{}"),
        ("leadForm_email.changed", form_json),
        ("tiketForm_email.changed", form_json),
        ("ticketFrom_email.changed", form_json),
        ("ticketForm_email.chnaged", form_json),
        ("ticketForm_.changed", form_json),
        ("ticketForm_e-mail.changed", form_json),
        ("call.ringing", r#"{"isCallAssociated": "yes"}"#),
        ("ticketForm_email.changed", "[]"),
        ("ticket_status.changed", "{"),
    ];
    for (name, json) in refused {
        let error = decode(name, json).unwrap_err();
        assert_eq!(error.event(), name, "{error:?}");
        let message = error.to_string();
        assert!(message.contains(&format!("`{name}`")), "{name}: {message}");
    }
    assert_eq!(
        decode("leadForm_email.changed", form_json)
            .unwrap_err()
            .to_string(),
        "unknown form `leadForm` in `leadForm_email.changed`: forms are `ticketForm`, \
         `contactForm` and `accountForm`"
    );
    // A misspelt form gets the whole event meant, not only the form.
    assert_eq!(
        decode("tiketForm_email.changed", form_json)
            .unwrap_err()
            .to_string(),
        "unknown form `tiketForm` in `tiketForm_email.changed`: forms are `ticketForm`, \
         `contactForm` and `accountForm`; did you mean `ticketForm_email.changed`?"
    );
}

#[test]
fn a_wrong_type_deep_in_a_payload_is_reported_at_its_wire_path() {
    let json = edited_sample("ticket_assignee.changed", |v| {
        *at(v, "/ticket.owner/agent/id") = json!(5);
    });
    let (event, path, message, display) = payload_error("ticket_assignee.changed", &json);
    assert_eq!(event, "ticket_assignee.changed");
    assert_eq!(path, "ticket.owner.agent.id");
    assert!(message.contains("invalid type"), "{message}");
    assert!(display.contains("`ticket_assignee.changed`"), "{display}");
    assert!(display.contains("`ticket.owner.agent.id`"), "{display}");
    assert!(display.contains(&message), "{display}");

    // The path spells keys as the wire does (`departmentId`, not `department_id`).
    let json = edited_sample("ticket_owner.changed", |v| {
        *at(v, "/ticket.owner/team/departmentId") = json!(["x"]);
    });
    let (event, path, _, display) = payload_error("ticket_owner.changed", &json);
    assert_eq!(
        (event.as_str(), path.as_str()),
        ("ticket_owner.changed", "ticket.owner.team.departmentId")
    );
    assert!(
        display.contains("`ticket.owner.team.departmentId`"),
        "{display}"
    );

    let json = edited_sample("call.ringing", |v| {
        *at(v, "/isCallAssociated") = json!("yes");
    });
    assert_eq!(payload_error("call.ringing", &json).1, "isCallAssociated");

    let json = edited_sample("call.answered", |v| *at(v, "/callType") = json!(1));
    assert_eq!(payload_error("call.answered", &json).1, "callType");

    let json = edited_sample("pageChange", |v| *at(v, "/currentView/page") = json!(null));
    assert_eq!(payload_error("pageChange", &json).1, "currentView.page");

    let json = edited_sample("ticket_customFields.changed", |v| {
        *at(v, "/ticket.customFields") = json!([]);
    });
    assert_eq!(
        payload_error("ticket_customFields.changed", &json).1,
        "ticket.customFields"
    );
}

#[test]
fn a_missing_required_field_is_named() {
    let json = edited_sample("call.ringing", |v| {
        object_at(v, "").remove("number");
    });
    let (event, path, message, display) = payload_error("call.ringing", &json);
    assert_eq!(event, "call.ringing");
    assert!(
        path.contains("number") || message.contains("`number`"),
        "{path}: {message}"
    );
    assert!(display.contains("number"), "{display}");

    let json = edited_sample("ticket_assignee.changed", |v| {
        object_at(v, "/ticket.owner/agent").remove("email");
    });
    let (_, path, message, display) = payload_error("ticket_assignee.changed", &json);
    assert!(path.starts_with("ticket.owner.agent"), "{path}");
    assert!(message.contains("`email`"), "{message}");
    assert!(
        display.contains("ticket.owner.agent") && display.contains("email"),
        "{display}"
    );

    let (_, path, message, _) = payload_error("ticket_status.changed", "{}");
    assert!(
        path.contains("ticket.status") || message.contains("`ticket.status`"),
        "{path}: {message}"
    );

    // The wire key is `ctinumber`: the Rust name does not stand in for it.
    let json = edited_sample("call.ringing", |v| {
        let call = object_at(v, "");
        let cti = call.remove("ctinumber").expect("ctinumber");
        call.insert("ctiNumber".to_owned(), cti);
    });
    let (_, path, message, _) = payload_error("call.ringing", &json);
    assert!(
        path.contains("ctinumber") || message.contains("`ctinumber`"),
        "{path}: {message}"
    );
}

#[test]
fn fields_the_reference_sends_only_sometimes_may_be_absent() {
    // "Contact ID is included if the contact already exists in your portal."
    let json = edited_sample("call.ringing", |v| {
        object_at(v, "").remove("contactId");
    });
    match decode("call.ringing", &json) {
        Ok(Event::CallRinging(call)) => {
            assert_eq!(call.contact_id, None);
            assert_eq!(call.number, "9837650000");
        }
        other => panic!("`call.ringing` without `contactId`: {other:?}"),
    }
    // "This key is returned only if the owner is an individual agent or an agent from a team."
    match decode(
        "ticket_assignee.changed",
        r#"{"ticket.owner": {"type": "Unassigned"}}"#,
    ) {
        Ok(Event::TicketAssigneeChanged(change)) => {
            assert_eq!(change.owner.kind, OwnerType::Unassigned);
            assert_eq!((change.owner.agent, change.owner.team), (None, None));
        }
        other => panic!("an unassigned ticket: {other:?}"),
    }
}

#[test]
fn form_field_payloads_must_use_their_key_and_string_values() {
    // The key of another field of the same form.
    let (event, path, message, display) = payload_error(
        "ticketForm_email.changed",
        r#"{"ticketForm.phone": {"oldValue": "a", "newValue": "b"}}"#,
    );
    assert_eq!(event, "ticketForm_email.changed");
    assert!(
        path.contains("ticketForm.email") || message.contains("`ticketForm.email`"),
        "{path}: {message}"
    );
    assert!(display.contains("ticketForm.email"), "{display}");

    // The key of the same field of another form: the reference sample as is, for a contact.
    let ticket_sample = sample("ticketForm_email.changed").expect("a sample");
    let (_, path, message, _) = payload_error("contactForm_email.changed", &ticket_sample);
    assert!(
        path.contains("contactForm.email") || message.contains("`contactForm.email`"),
        "{path}: {message}"
    );

    // Values that are not strings.
    let (_, path, _, display) = payload_error(
        "ticketForm_email.changed",
        r#"{"ticketForm.email": {"oldValue": "a", "newValue": 5}}"#,
    );
    assert_eq!(path, "ticketForm.email.newValue");
    assert!(
        display.contains("`ticketForm_email.changed`")
            && display.contains("`ticketForm.email.newValue`"),
        "{display}"
    );
    let (_, path, _, _) = payload_error(
        "accountForm_cf_region.changed",
        r#"{"accountForm.cf_region": {"oldValue": null, "newValue": "EU"}}"#,
    );
    assert_eq!(path, "accountForm.cf_region.oldValue");
    let (_, path, _, _) = payload_error("ticketForm_email.changed", r#"{"ticketForm.email": "x"}"#);
    assert_eq!(path, "ticketForm.email");
    // Values are an object, as every struct is (README, "One decoder").
    let (_, path, message, _) = payload_error(
        "ticketForm_email.changed",
        r#"{"ticketForm.email": ["a", "b"]}"#,
    );
    assert_eq!(
        (path.as_str(), message.as_str()),
        (
            "ticketForm.email",
            "invalid type: sequence, expected a field's old and new values"
        )
    );
    let (_, path, message, _) = payload_error(
        "ticketForm_email.changed",
        r#"{"ticketForm.email": {"oldValue": "a"}}"#,
    );
    assert!(
        path.contains("newValue") || message.contains("`newValue`"),
        "{path}: {message}"
    );
    assert!(path.starts_with("ticketForm.email"), "{path}");
    let (_, _, _, _) = payload_error("ticketForm_email.changed", "[]");
}

#[test]
fn modal_closed_accepts_nothing_null_and_any_object() {
    let mut failures = Vec::new();
    for json in [
        "",
        "   ",
        "\n\t",
        "null",
        "{}",
        r#"{"x":1}"#,
        r#"{"a": {"b": [1, 2]}}"#,
    ] {
        if let Err(error) = decode("modal.closed", json) {
            failures.push(format!("{json:?} refused: {error}"));
        }
    }
    for json in ["[1]", "[]", "\"str\"", "1", "true", "{", "{} x"] {
        match decode("modal.closed", json) {
            Err(DecodeError::Payload { event, .. }) if event == "modal.closed" => {}
            other => failures.push(format!("{json:?}: expected a payload error, got {other:?}")),
        }
    }
    assert_no_failures("`modal.closed` payloads", &failures);
}

#[test]
fn ticket_is_spam_accepts_booleans_and_their_strings_only() {
    let mut failures = Vec::new();
    for (json, expected) in [
        (r#"{"ticket.isSpam": "true"}"#, true),
        (r#"{"ticket.isSpam": "false"}"#, false),
        (r#"{"ticket.isSpam": true}"#, true),
        (r#"{"ticket.isSpam": false}"#, false),
    ] {
        match decode("ticket_isSpam.changed", json) {
            Ok(Event::TicketIsSpamChanged(change)) if change.is_spam == expected => {}
            other => failures.push(format!(
                "{json}: expected is_spam {expected}, got {other:?}"
            )),
        }
    }
    for json in [
        r#"{"ticket.isSpam": "yes"}"#,
        r#"{"ticket.isSpam": "TRUE"}"#,
        r#"{"ticket.isSpam": ""}"#,
        r#"{"ticket.isSpam": 1}"#,
        r#"{"ticket.isSpam": null}"#,
    ] {
        match decode("ticket_isSpam.changed", json) {
            Err(DecodeError::Payload { path, .. }) if path == "ticket.isSpam" => {}
            other => failures.push(format!(
                "{json}: expected an error at `ticket.isSpam`, got {other:?}"
            )),
        }
    }
    assert_no_failures("`ticket.isSpam` values", &failures);
}

#[test]
fn enum_values_the_reference_does_not_list_are_kept() {
    let json = edited_sample("call.ringing", |v| {
        *at(v, "/callType") = json!("internal");
        *at(v, "/callState") = json!("onhold");
    });
    match decode("call.ringing", &json) {
        Ok(Event::CallRinging(call)) => {
            assert_eq!(call.call_type, CallType::Other("internal".to_owned()));
            assert_eq!(call.call_type.as_str(), "internal");
            assert_eq!(call.call_state, CallState::Other("onhold".to_owned()));
            assert_eq!(call.call_state.to_string(), "onhold");
        }
        other => panic!("`callType: internal`: {other:?}"),
    }
    // Values are case-sensitive: `Outbound` is not `outbound`.
    let json = edited_sample("call.ringing", |v| *at(v, "/callType") = json!("Outbound"));
    match decode("call.ringing", &json) {
        Ok(Event::CallRinging(call)) => {
            assert_eq!(call.call_type, CallType::Other("Outbound".into()));
        }
        other => panic!("`callType: Outbound`: {other:?}"),
    }
    let json = edited_sample("ticket_assignee.changed", |v| {
        *at(v, "/ticket.owner/type") = json!("group");
    });
    match decode("ticket_assignee.changed", &json) {
        Ok(Event::TicketAssigneeChanged(change)) => {
            assert_eq!(change.owner.kind, OwnerType::Other("group".into()));
        }
        other => panic!("`type: group`: {other:?}"),
    }
    let json = json!({
        "previousView": {"module": "crm", "page": "kanban"},
        "currentView": {"module": "kb", "page": "forum"},
    });
    match decode("pageChange", &json.to_string()) {
        Ok(Event::PageChange(change)) => {
            assert_eq!(change.previous_view.module, PageModule::Other("crm".into()));
            assert_eq!(change.previous_view.page, PageType::Other("kanban".into()));
            assert_eq!(change.current_view.module, PageModule::Kb);
            assert_eq!(change.current_view.page, PageType::Forum);
        }
        other => panic!("`pageChange` with unlisted values: {other:?}"),
    }
    let json = edited_sample("ticket_replyEditor.opened", |v| {
        *at(v, "/mode") = json!("forward");
    });
    match decode("ticket_replyEditor.opened", &json) {
        Ok(Event::TicketReplyEditorOpened(editor)) => {
            assert_eq!(editor.mode, ReplyMode::Other("forward".into()));
        }
        other => panic!("`mode: forward`: {other:?}"),
    }
    // Escaped strings are unescaped before they are matched.
    let json =
        edited_sample("ticket_replyEditor.opened", |_| {}).replace("replyAll", "reply\\u0041ll");
    match decode("ticket_replyEditor.opened", &json) {
        Ok(Event::TicketReplyEditorOpened(editor)) => assert_eq!(editor.mode, ReplyMode::ReplyAll),
        other => panic!("`mode: reply\\u0041ll`: {other:?}"),
    }
}

#[test]
fn click2call_contexts_of_the_table_and_of_the_sample() {
    let mut failures = Vec::new();
    for (context, expected) in [
        // The sample's spelling.
        ("ticket.detail.page", CallContext::TicketDetail),
        // The table's: "ticket/contact/activity .detail.view, dial.pad, reminder.popUp".
        ("ticket.detail.view", CallContext::TicketDetail),
        ("contact.detail.view", CallContext::ContactDetail),
        ("activity.detail.view", CallContext::ActivityDetail),
        ("dial.pad", CallContext::DialPad),
        ("reminder.popUp", CallContext::ReminderPopUp),
        (
            "somewhere.else",
            CallContext::Other("somewhere.else".into()),
        ),
    ] {
        let json = edited_sample("click2Call", |v| *at(v, "/context") = json!(context));
        match decode("click2Call", &json) {
            Ok(Event::Click2Call(call)) if call.context == expected => {}
            other => failures.push(format!(
                "context {context:?}: expected {expected:?}, got {other:?}"
            )),
        }
    }
    // Only the context is required: which IDs come depends on where the call was made.
    match decode("click2Call", r#"{"context": "dial.pad"}"#) {
        Ok(Event::Click2Call(call))
            if (call.case_id.is_none()
                && call.contact_id.is_none()
                && call.activity_id.is_none()) => {}
        other => failures.push(format!("a dial-pad call without IDs: {other:?}")),
    }
    match decode("click2Call", r#"{"caseId": "1"}"#) {
        Err(DecodeError::Payload { path, message, .. })
            if path.contains("context") || message.contains("`context`") => {}
        other => failures.push(format!("a call without `context`: {other:?}")),
    }
    assert_no_failures("`click2Call` contexts", &failures);
}

#[test]
fn trailing_garbage_after_a_valid_sample_is_refused() {
    let mut failures = Vec::new();
    for name in EVENTS
        .iter()
        .map(|event| event.name)
        .chain(FORM_FIELD_EVENTS)
    {
        let valid = sample(name).unwrap_or_else(|| panic!("no sample for `{name}`"));
        for garbage in ["x", "}", "{}", ",", "\"", "[1]", "null"] {
            let json = format!("{valid}{garbage}");
            match decode(name, &json) {
                Err(DecodeError::Payload { event, .. }) if event == name => {}
                other => failures.push(format!(
                    "`{name}` + {garbage:?}: expected a payload error, got {other:?}"
                )),
            }
        }
        // Whitespace after the value is not garbage.
        if let Err(error) = decode(name, &format!("  {valid} \n\t ")) {
            failures.push(format!("`{name}` surrounded by whitespace: {error}"));
        }
    }
    assert_no_failures("samples followed by garbage", &failures);
}

/// Inputs that no event accepts as they are, or that stress the decoder.
fn hostile_inputs() -> Vec<(String, String)> {
    const DEPTH: usize = 10_000;
    let megabyte = "a".repeat(1 << 20);
    let deep_arrays = format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let deep_objects = format!("{}1{}", r#"{"a":"#.repeat(DEPTH), "}".repeat(DEPTH));
    let mut inputs: Vec<(String, String)> = [
        ("empty", String::new()),
        ("whitespace", " \n\t\r ".to_owned()),
        ("null", "null".to_owned()),
        ("empty array", "[]".to_owned()),
        ("open brace", "{".to_owned()),
        ("close brace", "}".to_owned()),
        ("huge number", "1e999999".to_owned()),
        ("huge negative number", "-1e999999".to_owned()),
        ("huge integer", "9".repeat(10_000)),
        ("NaN", "NaN".to_owned()),
        ("deeply nested arrays", deep_arrays.clone()),
        ("deeply nested unclosed arrays", "[".repeat(DEPTH)),
        ("deeply nested objects", deep_objects.clone()),
        ("1 MB string", format!("\"{megabyte}\"")),
        ("1 MB unterminated string", format!("\"{megabyte}")),
        ("lone surrogate escape", "\"\\uD800\"".to_owned()),
        ("invalid escape", "\"\\x\"".to_owned()),
        ("truncated escape", "\"\\u12\"".to_owned()),
        ("raw control character", "\"a\u{0}b\"".to_owned()),
        (
            "object with a lone surrogate key",
            "{\"\\uDC00\": 1}".to_owned(),
        ),
        ("duplicate keys", r#"{"a": 1, "a": 2}"#.to_owned()),
        (
            "non-ASCII",
            "{\"ticket.status\": \"\u{fffd}\u{1F600}\u{202e}\"}".to_owned(),
        ),
        ("BOM", "\u{feff}{}".to_owned()),
        ("non-breaking space", "\u{a0}".to_owned()),
    ]
    .into_iter()
    .map(|(what, json)| (what.to_owned(), json))
    .collect();
    for (what, value) in [
        ("deeply nested arrays", deep_arrays.as_str()),
        ("deeply nested objects", deep_objects.as_str()),
        ("1 MB string", &format!("\"{megabyte}\"")),
        ("lone surrogate", "\"\\uD800\""),
    ] {
        inputs.push((format!("{what} under a key"), format!("{{\"x\": {value}}}")));
    }
    inputs
}

/// Replacements for each top-level value of a fixture.
fn replacements() -> Vec<(&'static str, Value)> {
    vec![
        ("null", json!(null)),
        ("0", json!(0)),
        ("-1.5", json!(-1.5)),
        ("true", json!(true)),
        ("[]", json!([])),
        ("{}", json!({})),
        ("\"x\"", json!("x")),
        ("1 MB string", Value::String("b".repeat(1 << 20))),
    ]
}

/// Decodes inside `catch_unwind`, also formatting what comes back (the event's name, the
/// error's message), and says whether that panicked.
fn decode_panics(name: &str, json: &str) -> Option<String> {
    catch_unwind(AssertUnwindSafe(|| match decode(name, json) {
        Ok(event) => {
            let _ = event.name();
            let _ = format!("{event:?}");
        }
        Err(error) => {
            let _ = error.to_string();
            let _ = format!("{error:?}");
        }
    }))
    .err()
    .map(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "a panic".to_owned())
    })
}

#[test]
fn decode_never_panics_on_hostile_input() {
    let names: Vec<&str> = EVENTS
        .iter()
        .map(|event| event.name)
        .chain(FORM_FIELD_EVENTS)
        .chain([
            "no.such.event",
            "",
            "ticketForm_.changed",
            "agent_status.changed",
        ])
        .collect();
    let inputs = hostile_inputs();
    let mut failures = Vec::new();
    let mut runs = 0_usize;
    let mut check = |name: &str, what: &str, json: &str| {
        runs += 1;
        if let Some(panic) = decode_panics(name, json) {
            failures.push(format!("`{name}` with {what}: panicked: {panic}"));
        }
    };
    for &name in &names {
        for (what, json) in &inputs {
            check(name, what, json);
        }
        let Some(valid) = sample(name) else { continue };
        check(
            name,
            "its sample followed by garbage",
            &format!("{valid} garbage"),
        );
        check(name, "its sample twice", &format!("{valid}{valid}"));
        check(name, "its sample truncated", &valid[..valid.len() / 2]);
        // Each top-level value of its sample replaced in turn.
        let sample = sample_value(name);
        let keys: Vec<String> = sample
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        for key in &keys {
            for (what, replacement) in replacements() {
                let mut edited = sample.clone();
                edited[key.as_str()] = replacement;
                check(name, &format!("`{key}` set to {what}"), &edited.to_string());
            }
            let mut edited = sample.clone();
            edited.as_object_mut().map(|o| o.remove(key.as_str()));
            check(name, &format!("`{key}` removed"), &edited.to_string());
        }
        // The other events' samples.
        for &other in &names {
            if let Some(json) = desk_runtime::samples::sample(other) {
                check(name, &format!("the sample of `{other}`"), &json);
            }
        }
    }
    assert!(runs > names.len() * inputs.len(), "only {runs} decodes ran");
    assert_no_failures("decode panicked", &failures);
}

#[test]
fn hostile_input_is_refused_where_it_is_not_json() {
    // Beyond not panicking: what is not JSON (or is out of the decoder's range) is an error, for
    // every event, rather than a payload that somehow decodes.
    let mut failures = Vec::new();
    let not_json = [
        "{",
        "}",
        "1e999999",
        "NaN",
        "\"\\uD800\"",
        "\"\\x\"",
        "\u{feff}{}",
    ];
    let deep_arrays = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    for name in EVENTS
        .iter()
        .map(|event| event.name)
        .chain(FORM_FIELD_EVENTS)
    {
        for json in not_json.iter().copied().chain([deep_arrays.as_str()]) {
            match decode(name, json) {
                Err(DecodeError::Payload { event, .. }) if event == name => {}
                other => failures.push(format!(
                    "`{name}` with {:?}: expected a payload error, got {other:?}",
                    json.chars().take(20).collect::<String>()
                )),
            }
        }
    }
    assert_no_failures("non-JSON input", &failures);
}

#[test]
fn syntax_errors_are_reported_at_wire_paths_without_unknown_segments() {
    // (event, payload, the wire path of the object the syntax error is in)
    let cases = [
        ("ticket_status.changed", r#"{"ticket.status": "Open",}"#, ""),
        (
            "ticket_status.changed",
            r#"{"ticket.status": "Open" "x": 1}"#,
            "",
        ),
        ("ticket_status.changed", r#"{"ticket.status": "Open", "#, ""),
        (
            "ticket_assignee.changed",
            r#"{"ticket.owner": {"type": "agent",}}"#,
            "ticket.owner",
        ),
        (
            "ticket_assignee.changed",
            r#"{"ticket.owner": {"type": "agent", "agent": {"id": "1" ]}}"#,
            "ticket.owner.agent",
        ),
        ("modal.closed", r#"{"x": 1,}"#, ""),
        (
            "ticketForm_email.changed",
            r#"{"ticketForm.email": {"oldValue": "a",}}"#,
            "ticketForm.email",
        ),
    ];
    let mut failures = Vec::new();
    for (event, json, object) in cases {
        match decode(event, json) {
            Err(error @ DecodeError::Payload { .. }) => {
                let display = error.to_string();
                let DecodeError::Payload { path, .. } = error else {
                    unreachable!()
                };
                // The path names keys of the payload: at most the object the error is in.
                if path.split('.').any(|segment| segment == "?") || !object.starts_with(&path) {
                    failures.push(format!("{json}: path `{path}` ({display})"));
                }
            }
            other => failures.push(format!("{json}: expected a payload error, got {other:?}")),
        }
    }
    assert_no_failures("paths of syntax errors", &failures);
}
