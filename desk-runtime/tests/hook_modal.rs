//! A hook whose handler asks the agent "are you sure?" in a modal: on a `SimulatedExtension`,
//! `ask` leaves the hook pending while the test answers the modal, and `verdict` is Desk's
//! verdict: the handler's when the agent answered in time, the hook's `otherwise` at the
//! deadline when not. `attempt` answers at once, as it always did.

use desk_runtime::HostError;
use desk_runtime::desk::property::UserEmail;
use desk_runtime::hook::{HOOK_DEADLINE_MS, TicketReply, Verdict};
use desk_runtime::prelude::*;
use desk_runtime::sim::{Asked, SimulatedDesk, SimulatedExtension, Subscriber};
use std::cell::RefCell;
use std::rc::Rc;

/// Asks the agent before a reply goes out; records the simulated clock when the agent answered.
#[derive(Default)]
pub struct Guard {
    answered_at: Vec<f64>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Guard {
    #[hook("ticket.reply", otherwise = deny)]
    async fn reply(&mut self, _reply: TicketReply, desk: &Desk<Self>) -> Verdict {
        let answer = desk.open_modal::<Sure>(()).await;
        self.answered_at.push(desk.now_ms());
        match answer {
            Ok(Some(true)) => Verdict::Allow,
            Ok(Some(false)) => Verdict::deny("the agent said no"),
            other => Verdict::deny(format!("no answer: {other:?}")),
        }
    }
}

/// "Are you sure?"
#[derive(Default)]
pub struct Sure;

#[desk_widget(modal, output = bool)]
impl Sure {
    #[on_click("yes")]
    async fn yes(&mut self, desk: &Desk<Self>) -> Result<(), HostError> {
        desk.close_modal(true).await
    }

    #[on_click("no")]
    async fn no(&mut self, desk: &Desk<Self>) -> Result<(), HostError> {
        desk.close_modal(false).await
    }
}

/// Allows once Desk tells it the agent's email.
#[derive(Default)]
pub struct Lookup;

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Lookup {
    #[hook("ticket.reply", otherwise = deny)]
    async fn reply(&mut self, _reply: TicketReply, desk: &Desk<Self>) -> Verdict {
        match desk.get::<UserEmail>().await {
            Ok(_) => Verdict::Allow,
            Err(error) => Verdict::deny(error.to_string()),
        }
    }
}

impl Page for Guard {
    fn render(&self) -> String {
        String::new()
    }
}

impl Page for Sure {
    fn render(&self) -> String {
        r#"<button data-click="yes">Yes</button><button data-click="no">No</button>"#.into()
    }
}

impl Page for Lookup {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Hook modal",
    widgets: { "Guard": Guard },
    modals: { "Sure": Sure },
}

/// The extension with `Guard` mounted, and the errors its error hooks were told.
fn extension() -> (SimulatedExtension, Rc<RefCell<Vec<String>>>) {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Guard::default());
    extension.add_modal::<Sure>();
    let errors = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&errors);
    extension
        .desk_mut::<Guard>()
        .on_error(move |event, error| sink.borrow_mut().push(format!("{event}: {error}")));
    (extension, errors)
}

#[test]
fn the_agent_who_answers_yes_in_time_allows_the_reply() {
    let (mut extension, errors) = extension();
    let asked = extension.ask("ticket.reply", "{}");
    assert!(asked.is_pending());
    assert!(extension.is_open::<Sure>(), "the handler opened its modal");
    extension.advance_clock(f64::from(HOOK_DEADLINE_MS) - 1.0);
    extension.click::<Sure>("yes").unwrap();
    assert!(!extension.is_open::<Sure>());
    assert_eq!(asked.verdict(&mut extension), Ok(Verdict::Allow));
    assert_eq!(
        extension.widget::<Guard>().answered_at,
        [f64::from(HOOK_DEADLINE_MS) - 1.0]
    );
    assert_eq!(errors.borrow().len(), 0, "{:?}", errors.borrow());
    assert_eq!(
        extension.desk::<Guard>().hook_answers().len(),
        1,
        "Desk is answered once"
    );
}

#[test]
fn the_agent_who_answers_no_denies_it() {
    let (mut extension, _) = extension();
    let asked = extension.ask("ticket.reply", "{}");
    extension.click::<Sure>("no").unwrap();
    assert_eq!(
        asked.verdict(&mut extension),
        Ok(Verdict::deny("the agent said no"))
    );
}

#[test]
fn no_answer_by_the_deadline_is_the_hooks_otherwise() {
    let (mut extension, errors) = extension();
    let asked = extension.ask("ticket.reply", "{}");
    let Verdict::Deny(reason) = asked.verdict(&mut extension).unwrap() else {
        panic!("`otherwise = deny`");
    };
    assert!(reason.contains("did not answer"), "{reason}");
    assert_eq!(errors.borrow().len(), 1, "{:?}", errors.borrow());
    assert!(errors.borrow()[0].contains("HOOK") || errors.borrow()[0].contains("ticket.reply"));
    // The modal is still open; the agent's late answer reaches the handler, not Desk.
    assert!(extension.is_open::<Sure>());
    extension.click::<Sure>("yes").unwrap();
    assert_eq!(
        extension.widget::<Guard>().answered_at,
        [f64::from(HOOK_DEADLINE_MS)],
        "the clock moved to the deadline, once"
    );
    assert_eq!(extension.desk::<Guard>().hook_answers().len(), 1);
}

#[test]
fn an_answer_after_the_clock_passed_the_deadline_is_too_late() {
    let (mut extension, errors) = extension();
    let asked = extension.ask("ticket.reply", "{}");
    extension.advance_clock(f64::from(HOOK_DEADLINE_MS));
    extension.click::<Sure>("yes").unwrap();
    // The host's deadline came before the agent's answer reached the handler.
    assert!(matches!(
        asked.verdict(&mut extension),
        Ok(Verdict::Deny(_))
    ));
    assert_eq!(errors.borrow().len(), 1, "{:?}", errors.borrow());
    assert_eq!(extension.desk::<Guard>().hook_answers().len(), 1);
    assert_eq!(extension.widget::<Guard>().answered_at.len(), 1);
}

#[test]
fn attempt_answers_at_once_as_before() {
    let (mut extension, errors) = extension();
    let verdict = extension.attempt("ticket.reply", "{}").unwrap();
    assert!(matches!(verdict, Verdict::Deny(_)), "{verdict:?}");
    assert_eq!(errors.borrow().len(), 1);
    assert!(extension.is_open::<Sure>());
}

#[test]
fn on_a_simulated_desk_ask_then_expire() {
    let mut desk = SimulatedDesk::new(Lookup);
    desk.set_data("user.email", serde_json::json!("agent@example.com"));
    desk.load().unwrap();
    desk.hold_answers();
    let Asked::Pending(number) = desk.ask("ticket.reply", "{}").unwrap() else {
        panic!("the handler awaits a held answer");
    };
    desk.release_answers();
    assert_eq!(desk.expire(number), Ok(Verdict::Allow));
    assert_eq!(
        desk.expire(number),
        Ok(Verdict::Allow),
        "the same verdict again"
    );
    assert_eq!(desk.hook_answers().len(), 1);

    // Held past the deadline: `otherwise`.
    desk.hold_answers();
    let Asked::Pending(number) = desk.ask("ticket.reply", "{}").unwrap() else {
        panic!("the handler awaits a held answer");
    };
    assert!(matches!(desk.expire(number), Ok(Verdict::Deny(_))));
    desk.release_answers();
    assert_eq!(desk.hook_answers().len(), 2, "the late answer is dropped");

    // Answered at once.
    assert_eq!(
        desk.ask("ticket.reply", "{}"),
        Ok(Asked::Answered(Verdict::Allow))
    );
}
