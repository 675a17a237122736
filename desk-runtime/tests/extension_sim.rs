//! The simulated extension behaves as Desk and the browser do where a test could tell them
//! apart: a modal closed twice gives its opener the first result; released answers run what
//! they set off at once; an unchecked event reaches the widgets that subscribe, past those that
//! do not; a hook asks every widget, even after one panicked.

use desk_runtime::desk::property::UserEmail;
use desk_runtime::hook::{TicketReply, Verdict};
use desk_runtime::json::Value;
use desk_runtime::prelude::*;
use desk_runtime::sim::{FireError, SimulatedExtension, attempt};
use desk_runtime::{DispatchError, HostError};
use serde::{Deserialize, Serialize};

/// A note from one widget to another.
#[derive(Serialize, Deserialize, Message)]
#[message(name = "sim.note")]
pub struct Note(String);

/// Opens [`Twice`]; on a ringing, asks Desk for the agent's email, then sends it to [`Panel`];
/// on an unchecked event, sends a note too; on a hook, sends a note and allows.
#[derive(Default)]
pub struct Bar {
    results: Vec<Result<Option<u32>, String>>,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    #[on("call.answered")]
    async fn answered(&mut self, desk: &Desk<Self>) {
        let result = desk.open_modal::<Twice>(7).await;
        self.results.push(result.map_err(|e| e.to_string()));
    }

    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), HostError> {
        let email = desk.get::<UserEmail>().await?;
        desk.send::<Panel>(Note(email)).await
    }

    #[on("agent_presence.changed", unchecked)]
    async fn presence(&mut self, _presence: Value, desk: &Desk<Self>) -> Result<(), HostError> {
        desk.send::<Panel>(Note("presence".to_owned())).await
    }

    #[hook("ticket.reply", otherwise = allow)]
    async fn reply(&mut self, _reply: TicketReply, desk: &Desk<Self>) -> Verdict {
        let _ = desk.send::<Panel>(Note("reply".to_owned())).await;
        Verdict::Allow
    }
}

/// Its hook's handler panics.
#[derive(Default)]
pub struct Broken {
    asked: bool,
}

#[desk_widget(location = "desk.bottomband")]
impl Broken {
    #[hook("ticket.reply", otherwise = allow)]
    fn reply(&mut self, _reply: TicketReply) -> Verdict {
        self.asked = true;
        assert!(!self.asked, "the reply hook broke");
        Verdict::Allow
    }
}

/// Keeps the notes, and denies replies.
#[derive(Default)]
pub struct Panel {
    notes: Vec<String>,
    asked: bool,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on_message]
    fn note(&mut self, note: Note) {
        self.notes.push(note.0);
    }

    #[hook("ticket.reply", otherwise = deny)]
    fn reply(&mut self, _reply: TicketReply) -> Verdict {
        self.asked = true;
        Verdict::deny("not yet")
    }
}

/// Closes itself twice, with 1 then 2.
#[derive(Default)]
pub struct Twice;

#[desk_widget(modal, output = u32)]
impl Twice {
    #[on_open]
    async fn open(&mut self, _input: u32, desk: &Desk<Self>) -> Result<(), HostError> {
        desk.close_modal(1).await?;
        desk.close_modal(2).await
    }
}

impl Page for Bar {
    fn render(&self) -> String {
        String::new()
    }
}

impl Page for Broken {
    fn render(&self) -> String {
        String::new()
    }
}

impl Page for Panel {
    fn render(&self) -> String {
        String::new()
    }
}

impl Page for Twice {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Sim",
    widgets: { "Bar": Bar, "Broken": Broken, "Panel": Panel },
    modals: { "Twice": Twice },
}

fn bar_and_panel() -> SimulatedExtension {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.set_data("user.email", serde_json::json!("ada@example.com"));
    extension.mount(Bar::default());
    extension.mount(Panel::default());
    extension.add_modal::<Twice>();
    extension
}

#[test]
fn a_modal_closed_twice_gives_its_opener_the_first_result_as_the_browser_does() {
    let mut extension = bar_and_panel();
    extension.fire_sample("call.answered").unwrap();
    assert_eq!(extension.widget::<Bar>().results, [Ok(Some(1))]);
    assert!(!extension.is_open::<Twice>());
}

#[test]
fn released_answers_deliver_what_they_set_off_at_once() {
    let mut extension = bar_and_panel();
    extension.hold_answers();
    extension.fire_sample("call.ringing").unwrap();
    assert!(extension.widget::<Panel>().notes.is_empty());
    extension.release_answers();
    assert_eq!(extension.widget::<Panel>().notes, ["ada@example.com"]);
    assert!(!extension.desk::<Bar>().is_waiting());
}

#[test]
fn one_released_or_answered_held_call_delivers_what_it_set_off_at_once() {
    let mut extension = bar_and_panel();
    extension.hold_answers();
    extension.fire_sample("call.ringing").unwrap();
    assert!(!extension.release_answer::<Bar>(1));
    // The email's answer: the handler resumes, and looks its receiver up (a call held too).
    assert!(extension.release_answer::<Bar>(0));
    assert!(extension.widget::<Panel>().notes.is_empty());
    // Its answer: the message is emitted, and delivered at once (its own answer held).
    assert!(extension.release_answer::<Bar>(0));
    assert_eq!(extension.widget::<Panel>().notes, ["ada@example.com"]);

    let mut extension = bar_and_panel();
    extension.hold_answers();
    extension.fire_sample("call.ringing").unwrap();
    let email = serde_json::json!({"user.email": "bo@example.com", "status": "success"});
    assert!(extension.answer_held::<Bar>(0, Ok(email)));
    assert!(extension.release_answer::<Bar>(0));
    assert_eq!(extension.widget::<Panel>().notes, ["bo@example.com"]);
}

#[test]
fn an_unchecked_event_reaches_the_widgets_that_subscribe_past_those_that_do_not() {
    for panel_first in [false, true] {
        let mut extension = SimulatedExtension::new(&EXTENSION);
        if panel_first {
            extension.mount(Panel::default());
            extension.mount(Bar::default());
        } else {
            extension.mount(Bar::default());
            extension.mount(Panel::default());
        }
        extension
            .fire("agent_presence.changed", "{}")
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(extension.widget::<Panel>().notes, ["presence"]);
    }
}

#[test]
fn an_unchecked_event_no_widget_subscribes_to_is_unknown() {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Panel::default());
    let fired = extension.fire("agent_presence.changed", "{}");
    assert!(
        matches!(fired, Err(FireError::UnknownEvent(_))),
        "{fired:?}"
    );
}

#[test]
fn a_hook_asks_every_widget_after_one_panicked_and_runs_what_they_set_off() {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Bar::default());
    extension.mount(Broken::default());
    extension.mount(Panel::default());
    let verdict = attempt("ticket.reply", "{}", &mut [&mut extension]);
    assert!(
        matches!(
            verdict,
            Err(FireError::Failed(DispatchError::Panicked { .. }))
        ),
        "{verdict:?}"
    );
    assert!(extension.widget::<Panel>().asked);
    assert_eq!(extension.widget::<Panel>().notes, ["reply"]);
}
