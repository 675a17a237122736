//! Messages, modals, clicks and hooks on a simulated extension.
#![allow(missing_docs)]

use desk_runtime::hook::{HOOK_DEADLINE_MS, Verdict};
use desk_runtime::json::Value;
use desk_runtime::prelude::*;
use desk_runtime::sim::{FireError, SimulatedDesk, SimulatedExtension, attempt};
use desk_runtime::{DispatchError, Outcome};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Message)]
#[message(name = "test.caller")]
pub struct Caller {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Details {
    pub number: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Choice {
    Log,
    Skip,
}

/// Sends the caller, asks the modal, guards reopening while a call rings.
#[derive(Default)]
pub struct Bar {
    ringing: bool,
    choices: Vec<Option<Choice>>,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::HostError> {
        self.ringing = true;
        desk.send::<Panel>(Caller { name: "Ada".into() }).await?;
        let choice = desk
            .open_modal::<Confirm>(Details {
                number: "12".into(),
            })
            .await?;
        self.choices.push(choice);
        Ok(())
    }

    #[on("call.completed")]
    fn completed(&mut self) {
        self.ringing = false;
    }

    #[hook("ticket.reOpen", otherwise = deny)]
    fn reopen(&self, _ticket: Value) -> Verdict {
        if self.ringing {
            Verdict::deny("A call is in progress")
        } else {
            Verdict::Allow
        }
    }

    #[hook("ticket.reply", otherwise = deny)]
    async fn reply(&self, desk: &Desk<Self>) -> Verdict {
        match desk.get::<desk_runtime::desk::property::UserEmail>().await {
            Ok(_) => Verdict::Allow,
            Err(_) => Verdict::deny("no agent"),
        }
    }
}

#[derive(Default)]
pub struct Panel {
    callers: Vec<String>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on_message]
    fn caller(&mut self, caller: Caller) {
        self.callers.push(caller.name);
    }
}

#[derive(Default)]
pub struct Confirm {
    number: Option<String>,
}

#[desk_widget(modal, output = Choice)]
impl Confirm {
    #[on_open]
    fn open(&mut self, details: Details) {
        self.number = Some(details.number);
    }

    #[on_click("log")]
    async fn log(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::HostError> {
        desk.close_modal(Choice::Log).await
    }
}

impl Page for Bar {
    fn render(&self) -> String {
        String::new()
    }
}
impl Page for Panel {
    fn render(&self) -> String {
        self.callers.join(",")
    }
}
impl Page for Confirm {
    fn render(&self) -> String {
        format!(
            "<p>{}</p><button data-click=\"log\">Log</button>",
            self.number.as_deref().unwrap_or_default()
        )
    }
}

desk_runtime::extension! {
    name: "Between",
    widgets: { "Bar": Bar, "Panel": Panel },
    modals: { "Confirm": Confirm },
}

fn extension() -> SimulatedExtension {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Bar::default());
    extension.mount(Panel::default());
    extension.add_modal::<Confirm>();
    extension
}

#[test]
fn a_message_reaches_the_widget_type_it_is_sent_to() {
    let mut extension = extension();
    extension.fire_sample("call.ringing").unwrap();
    assert_eq!(extension.widget::<Panel>().callers, ["Ada"]);
    let emitted = extension
        .calls()
        .into_iter()
        .find(|call| call.function == "emit")
        .unwrap();
    // In the envelope that carries its chain: sent by a handler of `call.ringing`, one deep,
    // the first chain its widget set off.
    assert_eq!(
        emitted.to_string(),
        r#"emit("Panel", "test.caller", {"deskWidgets.chain":1,"deskWidgets.start":1,"message":{"name":"Ada"},"origin":"call.ringing"})"#
    );
}

#[test]
fn a_modal_gets_its_input_and_its_result_comes_back_to_its_opener() {
    let mut extension = extension();
    extension.fire_sample("call.ringing").unwrap();
    assert!(extension.is_open::<Confirm>());
    assert_eq!(extension.widget::<Confirm>().number.as_deref(), Some("12"));
    // The opener waits while the modal is open.
    assert!(extension.desk::<Bar>().is_waiting());
    extension.click::<Confirm>("log").unwrap();
    assert!(!extension.is_open::<Confirm>());
    assert_eq!(extension.widget::<Bar>().choices, [Some(Choice::Log)]);
    assert!(
        extension
            .calls()
            .iter()
            .any(|c| c.to_string() == r#"invoke("MODAL_CLOSE")"#)
    );
}

#[test]
fn a_dismissed_modal_answers_none() {
    let mut extension = extension();
    extension.fire_sample("call.ringing").unwrap();
    assert!(extension.dismiss_modal());
    assert_eq!(extension.widget::<Bar>().choices, [None]);
    assert!(!extension.dismiss_modal());
}

#[test]
fn a_click_needs_its_handler_and_its_element() {
    let mut extension = extension();
    extension.fire_sample("call.ringing").unwrap();
    assert!(matches!(
        extension.click::<Confirm>("cancel"),
        Err(FireError::NotClickable { handled: false, .. })
    ));
}

#[test]
fn a_message_that_does_not_decode_reaches_the_error_hooks() {
    let mut panel = SimulatedDesk::mount(Panel::default());
    let failed = std::rc::Rc::new(std::cell::Cell::new(0));
    let seen = std::rc::Rc::clone(&failed);
    panel.on_error(move |_, _| seen.set(seen.get() + 1));
    // Delivered as the extension would, with a payload of the wrong shape.
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Panel::default());
    drop(extension);
    assert!(panel.fire("test.caller", r#"{"name": 7}"#).is_err());
    assert_eq!(failed.get(), 1);
    assert!(panel.widget().callers.is_empty());
}

#[test]
fn a_denied_hook_tells_the_agent_why() {
    let mut extension = extension();
    assert_eq!(
        extension
            .desk_mut::<Bar>()
            .attempt("ticket.reOpen", "{}")
            .unwrap(),
        Verdict::Allow
    );
    extension.desk_mut::<Bar>().widget_mut().ringing = true;
    let verdict = attempt("ticket.reOpen", "{}", &mut [&mut extension]).unwrap();
    assert_eq!(verdict, Verdict::deny("A call is in progress"));
}

#[test]
fn a_hook_waits_behind_a_handler_that_has_the_widget() {
    // The bar's `call.ringing` handler awaits the modal it opened: a hook queued behind it is
    // answered by the host at the deadline.
    let mut extension = extension();
    extension.fire_sample("call.ringing").unwrap();
    let verdict = attempt("ticket.reOpen", "{}", &mut [&mut extension]).unwrap();
    assert_eq!(
        verdict,
        Verdict::deny("The extension did not answer in time.")
    );
}

#[test]
fn an_action_goes_ahead_only_if_every_extension_allows_it() {
    let mut busy = SimulatedDesk::mount(Bar {
        ringing: true,
        ..Bar::default()
    });
    let mut idle = SimulatedDesk::mount(Bar::default());
    let mut panel = SimulatedDesk::mount(Panel::default());
    assert_eq!(
        attempt("ticket.reOpen", "{}", &mut [&mut idle, &mut panel]).unwrap(),
        Verdict::Allow
    );
    assert_eq!(
        attempt("ticket.reOpen", "{}", &mut [&mut idle, &mut busy]).unwrap(),
        Verdict::deny("A call is in progress")
    );
}

#[test]
fn a_late_hook_is_answered_with_its_otherwise_and_reported() {
    let mut bar = SimulatedDesk::new(Bar::default());
    bar.set_data("user.email", serde_json::json!("ada@example.com"));
    bar.load().unwrap();
    assert_eq!(bar.attempt("ticket.reply", "{}").unwrap(), Verdict::Allow);
    bar.hold_answers();
    let verdict = bar.attempt("ticket.reply", "{}").unwrap();
    assert_eq!(
        verdict,
        Verdict::deny("The extension did not answer in time.")
    );
    assert_eq!(
        bar.failures().last().map(|(_, e)| e.clone()),
        Some(DispatchError::HookLate {
            hook: "ticket.reply".into(),
            after_ms: HOOK_DEADLINE_MS,
        })
    );
    // The handler's own answer, once it comes, is dropped.
    bar.release_answers();
    assert!(!bar.is_waiting());
    assert_eq!(
        bar.deliveries()
            .iter()
            .filter(|d| matches!(d.outcome, Outcome::Answered(_)))
            .count(),
        1
    );
}

#[test]
fn hooks_are_refused_where_desk_never_asks() {
    let mut panel = SimulatedDesk::mount(Panel::default());
    assert!(matches!(
        panel.attempt("ticket.reopen", "{}"),
        Err(FireError::UnknownHook(_))
    ));
    let mut contact = SimulatedDesk::mount(Contact);
    assert!(matches!(
        contact.attempt("ticket.reOpen", "{}"),
        Err(FireError::NotAvailable { .. })
    ));
}

pub struct Contact;

#[desk_widget(location = "desk.contact.detail.rightpanel")]
impl Contact {}

#[test]
fn a_send_to_a_widget_that_is_not_open_fails() {
    let mut bar = SimulatedDesk::mount(Bar::default());
    assert!(bar.fire_sample("call.ringing").is_err());
    assert_eq!(
        bar.failures().next().map(|(_, e)| e.to_string()),
        Some(
            "the `call.ringing` handler failed: no widget `Panel` at \
             `desk.ticket.detail.rightpanel` is open in this extension (`getWidgets()`)"
                .to_owned()
        )
    );
}

/// Two widgets that answer each other's messages forever.
mod storm {
    use desk_runtime::prelude::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Message)]
    #[message(name = "test.volley")]
    pub struct Volley(pub u32);

    /// Serves on a ringing call, and returns every volley.
    #[derive(Default)]
    pub struct Ping {
        pub volleys: Vec<u32>,
    }

    #[desk_widget(location = "desk.extension.telephony")]
    impl Ping {
        #[on("call.ringing")]
        async fn serve(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::HostError> {
            desk.send::<Pong>(Volley(0)).await
        }

        #[on_message]
        async fn volley(
            &mut self,
            volley: Volley,
            desk: &Desk<Self>,
        ) -> Result<(), desk_runtime::HostError> {
            self.volleys.push(volley.0);
            desk.send::<Pong>(Volley(volley.0 + 1)).await
        }
    }

    /// Returns every volley.
    #[derive(Default)]
    pub struct Pong {
        pub volleys: Vec<u32>,
    }

    #[desk_widget(location = "desk.ticket.detail.rightpanel")]
    impl Pong {
        #[on_message]
        async fn volley(
            &mut self,
            volley: Volley,
            desk: &Desk<Self>,
        ) -> Result<(), desk_runtime::HostError> {
            self.volleys.push(volley.0);
            desk.send::<Ping>(Volley(volley.0 + 1)).await
        }
    }

    impl Page for Ping {
        fn render(&self) -> String {
            String::new()
        }
    }

    impl Page for Pong {
        fn render(&self) -> String {
            String::new()
        }
    }

    desk_runtime::extension! {
        name: "Storm",
        widgets: { "Ping": Ping, "Pong": Pong },
    }
}

#[test]
fn a_message_storm_stops_at_the_chain_limit_and_is_reported() {
    use desk_runtime::MESSAGE_CHAIN_LIMIT;
    use std::cell::RefCell;
    use std::rc::Rc;
    use storm::{Ping, Pong};

    let mut extension = SimulatedExtension::new(&storm::EXTENSION);
    extension.mount(Ping::default());
    extension.mount(Pong::default());
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&seen);
    extension
        .desk_mut::<Ping>()
        .on_error(move |event, error| sink.borrow_mut().push(format!("Ping {event}: {error}")));
    let sink = Rc::clone(&seen);
    extension
        .desk_mut::<Pong>()
        .on_error(move |event, error| sink.borrow_mut().push(format!("Pong {event}: {error}")));

    let storm = DispatchError::MessageLoop {
        message: "test.volley".into(),
        origin: "call.ringing".into(),
        depth: MESSAGE_CHAIN_LIMIT + 1,
    };
    assert_eq!(
        extension.fire_sample("call.ringing"),
        Err(FireError::Failed(storm.clone()))
    );
    // Every message of the chain up to the limit was delivered, in turn; the next one was not.
    let served = &extension.widget::<Ping>().volleys;
    let returned = &extension.widget::<Pong>().volleys;
    assert_eq!(served.len() + returned.len(), MESSAGE_CHAIN_LIMIT as usize);
    assert_eq!(returned.first(), Some(&0));
    assert_eq!(
        served.last().max(returned.last()),
        Some(&(MESSAGE_CHAIN_LIMIT - 1))
    );
    // Told to the error hooks of the widget it was sent to, once, naming the chain.
    let reported = seen.borrow().clone();
    // Odd depths are Pong's: it gets the first volley.
    assert_eq!(reported, [format!("Pong test.volley: {storm}")]);
    assert!(reported[0].len() <= 300, "{}", reported[0]);
    assert!(
        storm.to_string().starts_with(
            "`test.volley` was not delivered: message 17 of a chain set off by `call.ringing`"
        ),
        "{storm}"
    );

    // The widgets keep working: the next call's chain is a new one.
    assert_eq!(
        extension.fire_sample("call.ringing"),
        Err(FireError::Failed(storm))
    );
    assert_eq!(
        extension.widget::<Ping>().volleys.len() + extension.widget::<Pong>().volleys.len(),
        2 * MESSAGE_CHAIN_LIMIT as usize
    );
}
