//! Setting up a simulated extension of several widgets: data, services and answers are set on
//! the extension or through any of its widgets' desks, and shared by all of them.
#![allow(missing_docs)]

use desk_runtime::desk::property::UserFullName;
use desk_runtime::desk::{HostError, Request};
use desk_runtime::events::CallRinging;
use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedExtension;
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Serialize, Deserialize, Message)]
#[message(name = "calls.caller_found")]
pub struct CallerFound {
    pub agent: String,
    pub caller: String,
}

#[derive(Deserialize)]
struct Contact {
    name: String,
}

#[derive(Default)]
pub struct Bar {
    sent: usize,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    /// Reads a property and calls a service in one handler: `?` on both errors.
    #[on("call.ringing")]
    async fn ringing(
        &mut self,
        call: CallRinging,
        desk: &Desk<Self>,
    ) -> Result<(), desk_runtime::Error> {
        let agent = desk.get::<UserFullName>().await?;
        let request = Request::get("https://crm.example.com/contacts").query("phone", &call.number);
        let contact: Contact = desk.request(request).await?.json()?;
        let found = CallerFound {
            agent,
            caller: contact.name,
        };
        // The panel is open only while a ticket is: that it is not is no failure.
        match desk.send::<Panel>(found).await {
            Ok(()) => self.sent += 1,
            Err(HostError::NoWidget { .. }) => {}
            Err(error) => return Err(error.into()),
        }
        Ok(())
    }
}

#[derive(Default)]
pub struct Panel {
    line: Option<String>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on_message]
    fn found(&mut self, found: CallerFound) {
        self.line = Some(format!("{} is calling {}", found.caller, found.agent));
    }
}

impl Page for Bar {
    fn render(&self) -> String {
        String::new()
    }
}

impl Page for Panel {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Calls",
    whitelisted_domains: ["https://crm.example.com"],
    widgets: { "Bar": Bar, "Panel": Panel },
}

#[test]
fn data_set_through_one_widgets_desk_is_seen_by_all() {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Bar::default());
    extension.mount(Panel::default());
    // Through a widget's desk, or on the extension: the same shared Desk.
    extension
        .desk::<Bar>()
        .set_data("user.fullName", json!("Ada"));
    extension.answer_request(
        "GET",
        "https://crm.example.com/contacts",
        200,
        json!({ "name": "Grace" }),
    );
    extension.fire_sample("call.ringing").unwrap();
    assert_eq!(
        extension.widget::<Panel>().line.as_deref(),
        Some("Grace is calling Ada")
    );
    assert_eq!(extension.widget::<Bar>().sent, 1);
}

#[test]
fn a_receiver_that_is_not_open_is_no_failure() {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Bar::default());
    extension.set_data("user.fullName", json!("Ada"));
    extension.answer_request(
        "GET",
        "https://crm.example.com/contacts",
        200,
        json!({ "name": "Grace" }),
    );
    extension.fire_sample("call.ringing").unwrap();
    assert_eq!(extension.widget::<Bar>().sent, 0);
}

#[test]
fn each_kind_of_failure_reaches_the_error_hooks_through_one_error_type() {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Bar::default());
    extension.mount(Panel::default());
    // No agent: the `get` fails.
    let error = extension
        .fire_sample("call.ringing")
        .unwrap_err()
        .to_string();
    assert!(error.contains("user.fullName"), "{error}");
    // The CRM is down: the `request` fails.
    extension.set_data("user.fullName", json!("Ada"));
    extension.answer_request(
        "GET",
        "https://crm.example.com/contacts",
        503,
        json!("down"),
    );
    let error = extension
        .fire_sample("call.ringing")
        .unwrap_err()
        .to_string();
    assert!(error.contains("the service answered 503: down"), "{error}");
    // The CRM answers something else: its decoding fails.
    extension.answer_request("GET", "https://crm.example.com/contacts", 200, json!([1]));
    let error = extension
        .fire_sample("call.ringing")
        .unwrap_err()
        .to_string();
    assert!(error.contains("unexpected answer"), "{error}");
    assert_eq!(extension.widget::<Panel>().line, None);
}
