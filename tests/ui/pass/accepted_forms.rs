//! Every form a widget may take: receivers, omitted payloads, paths and aliases for payload
//! types, fallible handlers, generic widgets, pattern locations and events, the escape hatch.
#![deny(warnings)]

use desk_runtime::events::{self, FormFieldChanged};
use desk_runtime::json::Value;
use desk_runtime::prelude::*;
use desk_runtime::DispatchError;
use std::fmt;

type Ringing = desk_runtime::events::CallRinging;

#[derive(Debug)]
struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("refused")
    }
}

#[derive(Default)]
struct Telephony {
    seen: Vec<&'static str>,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Telephony {
    #[on("call.ringing")]
    fn aliased(&mut self, _call: Ringing) {
        self.seen.push("ringing");
    }

    #[desk_runtime::on("call.answered")]
    fn qualified(&mut self, events::CallAnswered { number, .. }: events::CallAnswered) {
        let _ = number;
        self.seen.push("answered");
    }

    #[on("call.completed")]
    fn fallible(&mut self) -> Result<(), Refused> {
        Err(Refused)
    }

    #[on("click2Call")]
    fn shared(&self) -> Result<(), String> {
        Ok(())
    }

    #[on("ticket_owner.changed")]
    #[allow(deprecated)]
    fn owner(&mut self, _owner: events::TicketOwnerChanged) {}

    #[on("agent_presence.changed", unchecked)]
    fn outside_the_catalog(&mut self, data: Value) {
        assert!(data.is_object());
        self.seen.push("presence");
    }

    /// Not a handler: stays an ordinary method.
    fn count(&self) -> usize {
        self.seen.len()
    }
}

struct Form<T> {
    values: Vec<T>,
}

#[desk_widget(location = "desk.contact.form.rightpanel")]
impl<T: From<String>> Form<T> {
    #[on("contactForm_phone.changed")]
    fn phone(&mut self, change: FormFieldChanged) {
        self.values.push(T::from(change.new_value));
    }

    #[on("contactForm_cf_region.changed")]
    fn region(&mut self) {}
}

struct Projects;

#[desk_widget(location = "desk.cm_projects.detail.subtab")]
impl Projects {
    #[on("user_preference.changed")]
    fn preference(&mut self, _change: events::UserPreferenceChanged) {}
}

struct Empty;

#[desk_widget(location = "helpcenter.homepage")]
impl Empty {}

/// A widget with a lifetime named as the generated `dispatch`'s once was, a receiver written
/// out, a raw identifier for the argument and the attribute.
#[derive(Default)]
struct Borrowed<'a> {
    statuses: Vec<&'a str>,
}

#[desk_widget(r#location = "desk.ticket.detail.rightpanel")]
impl<'a> Borrowed<'a> {
    #[r#on("ticket_status.changed")]
    fn status(self: &mut Self, _change: events::TicketStatusChanged) {
        self.statuses.push("changed");
    }
}

/// Dispatches as a host does (these handlers are synchronous).
fn dispatch<W: Widget>(widget: &mut W, event: &str, json: &str) -> Result<(), DispatchError> {
    widget.dispatch(event, json, &Desk::detached()).done().expect("synchronous").map(drop)
}

fn main() {
    let mut telephony = Telephony::default();
    dispatch(&mut telephony, "agent_presence.changed", r#"{"online": true}"#).unwrap();
    assert!(dispatch(&mut telephony, "call.completed", "{}").is_err());
    assert_eq!(telephony.count(), 1);

    let mut form = Form::<String> { values: Vec::new() };
    dispatch(
        &mut form,
        "contactForm_phone.changed",
        r#"{"contactForm.phone": {"oldValue": "", "newValue": "555"}}"#,
    )
    .unwrap();
    assert_eq!(form.values, ["555"]);
    assert_eq!(Projects::LOCATION, "desk.cm_projects.detail.subtab");
    assert!(Empty::SUBSCRIPTIONS.is_empty());
    let mut borrowed = Borrowed::default();
    dispatch(&mut borrowed, "ticket_status.changed", r#"{"ticket.status": "Open"}"#).unwrap();
    assert_eq!(borrowed.statuses, ["changed"]);
    let _ = Projects;
}
