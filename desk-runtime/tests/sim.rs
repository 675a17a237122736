//! The simulated Desk with small widgets written in the DSL: what it delivers, what it refuses
//! (events outside the catalog, events Desk never sends to the widget's location), and what it
//! logs, including decode failures and handler errors.

use desk_runtime::DispatchError;
use desk_runtime::catalog::EventError;
use desk_runtime::events::{
    CallRinging, DecodeError, FormFieldChanged, FormModule, TicketStatusChanged,
};
use desk_runtime::json::Value;
use desk_runtime::prelude::*;
use desk_runtime::samples::sample;
use desk_runtime::sim::{Delivery, FireError, Outcome, SimulatedDesk};

/// A ticket panel that records calls and statuses and counts closed modals.
#[derive(Default)]
struct Panel {
    calls: Vec<String>,
    statuses: Vec<String>,
    closed: usize,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on("call.ringing")]
    fn ringing(&mut self, call: CallRinging) {
        self.calls.push(call.number);
    }

    #[on("ticket_status.changed")]
    fn status(&mut self, change: TicketStatusChanged) -> Result<(), String> {
        if change.status == "Bad" {
            return Err("bad status".into());
        }
        self.statuses.push(change.status);
        Ok(())
    }

    #[on("modal.closed")]
    fn closed(&mut self) {
        self.closed += 1;
    }
}

/// A bottom band that subscribes to an event the catalog does not have.
#[derive(Default)]
struct Band {
    agent_statuses: Vec<Value>,
}

#[desk_widget(location = "desk.bottomband")]
impl Band {
    #[on("agent_status.changed", unchecked)]
    fn agent(&mut self, data: desk_runtime::json::Value) {
        self.agent_statuses.push(data);
    }
}

/// A contact form panel that records changes of the phone field.
#[derive(Default)]
struct PhoneForm {
    changes: Vec<FormFieldChanged>,
}

#[desk_widget(location = "desk.contact.form.rightpanel")]
impl PhoneForm {
    #[on("contactForm_phone.changed")]
    fn phone(&mut self, change: FormFieldChanged) {
        self.changes.push(change);
    }
}

/// The reference's sample of `event`.
fn sample_of(event: &str) -> String {
    sample(event)
        .unwrap_or_else(|| panic!("no sample for `{event}`"))
        .into_owned()
}

/// The events of the log, in order.
fn logged_events<W: Widget + 'static>(desk: &SimulatedDesk<W>) -> Vec<&str> {
    desk.deliveries()
        .iter()
        .map(|delivery| delivery.event.as_str())
        .collect()
}

#[test]
fn the_macro_declares_location_and_subscriptions_in_declaration_order() {
    assert_eq!(Panel::LOCATION, "desk.ticket.detail.rightpanel");
    assert_eq!(
        Panel::SUBSCRIPTIONS,
        ["call.ringing", "ticket_status.changed", "modal.closed"]
    );
    assert_eq!(Band::LOCATION, "desk.bottomband");
    assert_eq!(Band::SUBSCRIPTIONS, ["agent_status.changed"]);
    assert_eq!(PhoneForm::LOCATION, "desk.contact.form.rightpanel");
    assert_eq!(PhoneForm::SUBSCRIPTIONS, ["contactForm_phone.changed"]);
}

#[test]
fn fire_sample_delivers_typed_payloads_to_each_handler() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    desk.fire_sample("call.ringing").expect("call.ringing");
    desk.fire_sample("ticket_status.changed")
        .expect("ticket_status.changed");
    desk.fire_sample("modal.closed").expect("modal.closed");
    desk.fire_sample("modal.closed")
        .expect("modal.closed, twice");
    // The reference's samples: `number: "9837650000"`, `ticket.status :"Open"`.
    assert_eq!(desk.widget().calls, ["9837650000"]);
    assert_eq!(desk.widget().statuses, ["Open"]);
    assert_eq!(desk.widget().closed, 2);
    assert_eq!(desk.failures().count(), 0);
    let expected: Vec<Delivery> = [
        "call.ringing",
        "ticket_status.changed",
        "modal.closed",
        "modal.closed",
    ]
    .into_iter()
    .zip(1..)
    .map(|(event, number)| Delivery {
        number,
        event: event.to_owned(),
        payload: Some(sample_of(event)),
        outcome: Outcome::Handled,
    })
    .collect();
    assert_eq!(desk.deliveries(), expected);
}

#[test]
fn fire_delivers_the_payload_given() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    let call = sample_of("call.ringing").replace("9837650000", "+44 20 7946 0000");
    desk.fire("call.ringing", &call).expect("call.ringing");
    desk.fire("ticket_status.changed", r#"{"ticket.status": "On Hold"}"#)
        .expect("status");
    desk.fire("modal.closed", "")
        .expect("modal.closed without data");
    assert_eq!(desk.widget().calls, ["+44 20 7946 0000"]);
    assert_eq!(desk.widget().statuses, ["On Hold"]);
    assert_eq!(desk.widget().closed, 1);
    assert_eq!(desk.deliveries()[0].payload.as_deref(), Some(call.as_str()));
}

#[test]
fn an_event_desk_never_sends_to_the_location_is_refused_and_not_logged() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    // The reference delivers `pageChange` at the product-level locations only.
    for event in [
        "pageChange",
        "task_Completed",
        "community.topic.loaded",
        "ticketForm_email.changed",
    ] {
        match desk.fire_sample(event) {
            Err(FireError::NotAvailable {
                event: refused,
                location,
            }) => {
                assert_eq!(refused, event);
                assert_eq!(location, "desk.ticket.detail.rightpanel");
            }
            other => panic!("`{event}` at the ticket's right panel: {other:?}"),
        }
    }
    let error = desk
        .fire("pageChange", &sample_of("pageChange"))
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("`pageChange`") && message.contains("`desk.ticket.detail.rightpanel`"),
        "{message}"
    );
    assert!(desk.deliveries().is_empty(), "{:?}", desk.deliveries());
    assert_eq!(desk.failures().count(), 0);
}

#[test]
fn an_unknown_event_is_refused_and_not_logged() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    let call = sample_of("call.ringing");
    assert_eq!(
        desk.fire("call.ringin", &call),
        Err(FireError::UnknownEvent(EventError::Unknown {
            name: "call.ringin".to_owned(),
            suggestion: Some("call.ringing"),
        }))
    );
    assert!(matches!(
        desk.fire("agent_status.changed", "{}"),
        Err(FireError::UnknownEvent(_))
    ));
    assert!(matches!(
        desk.fire("leadForm_email.changed", "{}"),
        Err(FireError::UnknownEvent(
            EventError::UnknownFormModule { .. }
        ))
    ));
    assert!(desk.deliveries().is_empty(), "{:?}", desk.deliveries());
    assert!(desk.widget().calls.is_empty());
}

#[test]
fn an_available_event_without_a_handler_is_logged_as_not_subscribed() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    desk.fire_sample("ticket_priority.changed")
        .expect("available at the right panel");
    desk.fire("ticket_comment.add", "not even JSON")
        .expect("never decoded, so never refused");
    assert_eq!(
        desk.deliveries(),
        [
            Delivery {
                number: 1,
                event: "ticket_priority.changed".to_owned(),
                payload: Some(sample_of("ticket_priority.changed")),
                outcome: Outcome::NotSubscribed,
            },
            Delivery {
                number: 2,
                event: "ticket_comment.add".to_owned(),
                payload: Some("not even JSON".to_owned()),
                outcome: Outcome::NotSubscribed,
            },
        ]
    );
    assert_eq!(desk.failures().count(), 0);
    let panel = desk.widget();
    assert!(panel.calls.is_empty() && panel.statuses.is_empty() && panel.closed == 0);
}

#[test]
fn a_payload_that_does_not_decode_fails_is_logged_and_the_widget_keeps_working() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    let error = desk.fire("call.ringing", r#"{"number": 42}"#).unwrap_err();
    let FireError::Failed(DispatchError::Decode(DecodeError::Payload { event, .. })) = &error
    else {
        panic!("expected a decode failure, got {error:?}");
    };
    assert_eq!(event, "call.ringing");
    assert!(error.to_string().contains("`call.ringing`"), "{error}");
    let FireError::Failed(dispatch) = error else {
        unreachable!()
    };
    assert_eq!(
        desk.failures().collect::<Vec<_>>(),
        [("call.ringing", &dispatch)]
    );
    assert_eq!(
        desk.deliveries(),
        [Delivery {
            number: 1,
            event: "call.ringing".to_owned(),
            payload: Some(r#"{"number": 42}"#.to_owned()),
            outcome: Outcome::Failed(dispatch.clone()),
        }]
    );
    assert!(
        desk.widget().calls.is_empty(),
        "no handler ran: {:?}",
        desk.widget().calls
    );

    // The next events reach their handlers.
    desk.fire_sample("call.ringing").expect("the sample");
    desk.fire_sample("ticket_status.changed")
        .expect("the sample");
    assert_eq!(desk.widget().calls, ["9837650000"]);
    assert_eq!(desk.widget().statuses, ["Open"]);
    assert_eq!(desk.failures().count(), 1);
    assert_eq!(desk.deliveries().len(), 3);
}

#[test]
fn a_handler_error_fails_with_its_message_and_is_logged() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    let handler_error = DispatchError::Handler {
        event: "ticket_status.changed".to_owned(),
        message: "bad status".to_owned(),
    };
    assert_eq!(
        desk.fire("ticket_status.changed", r#"{"ticket.status": "Bad"}"#),
        Err(FireError::Failed(handler_error.clone()))
    );
    let message = desk
        .fire("ticket_status.changed", r#"{"ticket.status": "Bad"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("`ticket_status.changed`") && message.contains("bad status"),
        "{message}"
    );
    desk.fire("ticket_status.changed", r#"{"ticket.status": "Closed"}"#)
        .expect("a good status");
    assert_eq!(desk.widget().statuses, ["Closed"]);
    assert_eq!(
        desk.failures().collect::<Vec<_>>(),
        [
            ("ticket_status.changed", &handler_error),
            ("ticket_status.changed", &handler_error)
        ]
    );
    let outcomes: Vec<&Outcome> = desk.deliveries().iter().map(|d| &d.outcome).collect();
    assert_eq!(
        outcomes,
        [
            &Outcome::Failed(handler_error.clone()),
            &Outcome::Failed(handler_error),
            &Outcome::Handled
        ]
    );
}

#[test]
fn deliveries_are_logged_in_the_order_fired_and_refusals_are_not() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    let _ = desk.fire_sample("modal.closed");
    let _ = desk.fire_sample("pageChange"); // not available: not logged
    let _ = desk.fire_sample("ticket_Shift"); // not subscribed
    let _ = desk.fire("ticket_status.changed", r#"{"ticket.status": "Bad"}"#); // handler error
    let _ = desk.fire("no.such.event", "{}"); // unknown: not logged
    let _ = desk.fire("call.ringing", "[]"); // does not decode
    let _ = desk.fire_sample("call.ringing");
    let _ = desk.fire_sample("ticket_status.changed");
    assert_eq!(
        logged_events(&desk),
        [
            "modal.closed",
            "ticket_Shift",
            "ticket_status.changed",
            "call.ringing",
            "call.ringing",
            "ticket_status.changed",
        ]
    );
    let outcomes: Vec<&str> = desk
        .deliveries()
        .iter()
        .map(|delivery| match delivery.outcome {
            Outcome::Handled => "handled",
            Outcome::NotSubscribed => "not subscribed",
            Outcome::Failed(DispatchError::Decode(_)) => "decode",
            Outcome::Failed(DispatchError::Handler { .. }) => "handler",
            Outcome::Failed(_) => "other failure",
            _ => "other outcome",
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            "handled",
            "not subscribed",
            "handler",
            "decode",
            "handled",
            "handled"
        ]
    );
    let failed: Vec<&str> = desk.failures().map(|(event, _)| event).collect();
    assert_eq!(failed, ["ticket_status.changed", "call.ringing"]);
    let panel = desk.into_widget();
    assert_eq!(
        (panel.calls.len(), panel.statuses.len(), panel.closed),
        (1, 1, 1)
    );
}

#[test]
fn widget_mut_changes_state_between_events() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    desk.widget_mut().statuses.push("Before".to_owned());
    desk.fire_sample("ticket_status.changed")
        .expect("the sample");
    assert_eq!(desk.widget().statuses, ["Before", "Open"]);
}

/// A widget's dispatch as a host calls it (its handlers are synchronous).
fn dispatch(panel: &mut Panel, event: &str, payload: &str) -> Result<(), DispatchError> {
    panel
        .dispatch(event, payload, &desk_runtime::Desk::detached())
        .done()
        .expect("no `async` handler")
        .map(drop)
}

#[test]
fn dispatching_an_event_without_a_handler_is_an_error() {
    let mut panel = Panel::default();
    for event in ["ticket_priority.changed", "pageChange", "no.such.event", ""] {
        assert_eq!(
            dispatch(&mut panel, event, "{}"),
            Err(DispatchError::NotSubscribed {
                event: event.to_owned()
            }),
            "{event:?}"
        );
    }
    let priority = sample_of("ticket_priority.changed");
    assert_eq!(
        dispatch(&mut panel, "ticket_priority.changed", &priority),
        Err(DispatchError::NotSubscribed {
            event: "ticket_priority.changed".to_owned()
        })
    );
    // Dispatch is direct: no availability check, only the handler's decode.
    dispatch(&mut panel, "call.ringing", &sample_of("call.ringing")).expect("a handled event");
    assert!(matches!(
        dispatch(&mut panel, "call.ringing", "{}"),
        Err(DispatchError::Decode(DecodeError::Payload { .. }))
    ));
    assert_eq!(panel.calls, ["9837650000"]);
}

#[test]
fn an_unchecked_subscription_receives_any_json() {
    let mut desk = SimulatedDesk::mount(Band::default());
    let payloads = [
        r#"{"agentId": "1", "status": "away", "nested": [1, {"a": null}]}"#,
        "null",
        "42",
        r#""online""#,
        "[true, false]",
        "{}",
    ];
    for payload in payloads {
        desk.fire("agent_status.changed", payload)
            .unwrap_or_else(|error| panic!("{payload}: {error}"));
    }
    let expected: Vec<Value> = payloads
        .iter()
        .map(|payload| serde_json::from_str(payload).expect("JSON"))
        .collect();
    assert_eq!(desk.widget().agent_statuses, expected);
    assert!(
        desk.deliveries()
            .iter()
            .all(|delivery| delivery.outcome == Outcome::Handled)
    );

    // It is still JSON: what does not parse fails at decode.
    assert!(matches!(
        desk.fire("agent_status.changed", "{not json"),
        Err(FireError::Failed(DispatchError::Decode(_)))
    ));
    // The reference has no sample of it.
    assert!(matches!(
        desk.fire_sample("agent_status.changed"),
        Err(FireError::NoSample { .. })
    ));
    assert_eq!(desk.widget().agent_statuses.len(), payloads.len());
}

#[test]
fn an_unchecked_subscription_opens_only_its_own_event() {
    let mut desk = SimulatedDesk::mount(Band::default());
    for event in ["agent_status.changd", "agent_mood.changed", "call.ringin"] {
        match desk.fire(event, "{}") {
            Err(FireError::UnknownEvent(_)) => {}
            other => panic!("`{event}`: expected an unknown event, got {other:?}"),
        }
    }
    // Catalog events keep their availability rules at the bottom band.
    assert!(matches!(
        desk.fire_sample("ticketForm_email.changed"),
        Err(FireError::NotAvailable { .. })
    ));
    desk.fire_sample("pageChange")
        .expect("available at the bottom band");
    assert_eq!(logged_events(&desk), ["pageChange"]);
    assert_eq!(desk.deliveries()[0].outcome, Outcome::NotSubscribed);
    assert!(desk.widget().agent_statuses.is_empty());
}

#[test]
fn a_form_widget_receives_its_field_events() {
    let mut desk = SimulatedDesk::mount(PhoneForm::default());
    desk.fire_sample("contactForm_phone.changed")
        .expect("the sample");
    desk.fire(
        "contactForm_phone.changed",
        r#"{"contactForm.phone": {"oldValue": "", "newValue": "+1 555"}}"#,
    )
    .expect("a change");
    assert_eq!(
        desk.widget().changes,
        [
            FormFieldChanged {
                module: FormModule::Contact,
                field: "phone".to_owned(),
                // The reference's one sample, given for `ticketForm_email.changed`.
                old_value: "email@gmail.com".to_owned(),
                new_value: "email@gmail.com".to_owned(),
            },
            FormFieldChanged {
                module: FormModule::Contact,
                field: "phone".to_owned(),
                old_value: String::new(),
                new_value: "+1 555".to_owned(),
            },
        ]
    );
}

#[test]
fn a_form_widget_gets_only_its_own_forms_events() {
    let mut desk = SimulatedDesk::mount(PhoneForm::default());
    // Another field of the same form: delivered, not subscribed.
    desk.fire_sample("contactForm_email.changed")
        .expect("same form");
    // Other forms' fields: Desk never sends them here.
    for event in ["ticketForm_phone.changed", "accountForm_phone.changed"] {
        assert!(
            matches!(desk.fire_sample(event), Err(FireError::NotAvailable { .. })),
            "{event}"
        );
    }
    // The ticket form's payload key under the contact form's event does not decode.
    let ticket_sample = sample_of("ticketForm_email.changed");
    assert!(matches!(
        desk.fire("contactForm_phone.changed", &ticket_sample),
        Err(FireError::Failed(DispatchError::Decode(_)))
    ));
    assert_eq!(
        logged_events(&desk),
        ["contactForm_email.changed", "contactForm_phone.changed"]
    );
    assert_eq!(desk.deliveries()[0].outcome, Outcome::NotSubscribed);
    assert!(desk.widget().changes.is_empty());
}

#[test]
fn fire_sample_of_an_unknown_event_is_an_unknown_event() {
    let mut desk = SimulatedDesk::mount(Panel::default());
    assert_eq!(
        desk.fire_sample("call.ringin"),
        Err(FireError::UnknownEvent(EventError::Unknown {
            name: "call.ringin".to_owned(),
            suggestion: Some("call.ringing"),
        }))
    );
    assert!(desk.deliveries().is_empty());
}

#[path = "support/repeated.rs"]
mod repeated;
use repeated::Repeated;

#[test]
fn a_name_listed_twice_is_subscribed_once_and_each_event_handled_once() {
    // Desk calls every callback subscribed to a name: one subscription, one delivery.
    let mut desk = SimulatedDesk::mount(Repeated::default());
    desk.fire_sample("call.ringing").expect("call.ringing");
    desk.fire_without_payload("modal.closed")
        .expect("modal.closed");
    assert_eq!(
        desk.widget().handled,
        ["extension.onload", "call.ringing", "modal.closed"]
    );
    assert_eq!(logged_events(&desk), desk.widget().handled);
    assert_eq!(desk.subscriptions(), ["call.ringing", "modal.closed"]);
}
