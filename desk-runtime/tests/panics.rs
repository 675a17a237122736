//! A panic is fatal for the widget, on the simulated Desk as in the browser (where it aborts the
//! page's WebAssembly module): the call that panicked fails with `DispatchError::Panicked`, and
//! every later call with `DispatchError::Stopped`, so that a test cannot pass over it. In a
//! synchronous handler, an `async` one, a hook, `Page::render`; on widgets with and without
//! `async` handlers; alone and on a simulated extension.
#![allow(missing_docs)]

use desk_runtime::desk::property::UserEmail;
use desk_runtime::events::{CallRinging, TicketStatusChanged};
use desk_runtime::hook::Verdict;
use desk_runtime::json::Value;
use desk_runtime::prelude::*;
use desk_runtime::sim::{FireError, SimulatedDesk, SimulatedExtension};
use desk_runtime::{DispatchError, Outcome, RENDER};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

fn status(value: &str) -> String {
    format!(r#"{{"ticket.status": "{value}"}}"#)
}

fn ringing(number: &str) -> String {
    json!({"callType": "inbound", "number": number, "entityName": "x", "callState": "ringing",
           "ctinumber": "", "isCallAssociated": false, "ztiCallId": "1"})
    .to_string()
}

/// Panics on the status `Panic`, and in its hook or its page when told to.
#[derive(Default)]
pub struct Plain {
    statuses: Vec<String>,
    panic_in_hook: bool,
    panic_in_render: bool,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Plain {
    #[on("ticket_status.changed")]
    fn status(&mut self, change: TicketStatusChanged) {
        assert!(change.status != "Panic", "cannot handle {}", change.status);
        self.statuses.push(change.status);
    }

    #[on("call.ringing")]
    fn ringing(&mut self, call: CallRinging) {
        // Whatever the page shows next panics: the number is the trigger.
        self.panic_in_render = call.number == "render";
    }

    #[hook("ticket.reOpen", otherwise = allow)]
    fn reopen(&self, _ticket: Value) -> Verdict {
        assert!(!self.panic_in_hook, "the hook panicked");
        Verdict::deny("not now")
    }

    #[on_click("again")]
    fn again(&mut self) {
        self.statuses.push("clicked".to_owned());
    }
}

impl Page for Plain {
    fn render(&self) -> String {
        assert!(!self.panic_in_render, "the page panicked");
        format!(
            "<button data-click=\"again\">{}</button>",
            self.statuses.len()
        )
    }
}

/// The same with an `async` handler: each event is a task that owns the widget.
#[derive(Default)]
pub struct Awaiting {
    statuses: Vec<String>,
    emails: Vec<String>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Awaiting {
    #[on("ticket_status.changed")]
    fn status(&mut self, change: TicketStatusChanged) {
        assert!(change.status != "Panic", "cannot handle {}", change.status);
        self.statuses.push(change.status);
    }

    #[on("call.ringing")]
    async fn ringing(&mut self, call: CallRinging, desk: &Desk<Self>) {
        let email = desk.get::<UserEmail>().await.unwrap_or_default();
        assert!(call.number != "panic", "panicked after an await");
        self.emails.push(email);
    }

    #[hook("ticket.reOpen", otherwise = allow)]
    async fn reopen(&self, desk: &Desk<Self>) -> Verdict {
        let _ = desk.get::<UserEmail>().await;
        panic!("the async hook panicked")
    }
}

fn panicked(event: &str, message: &str) -> FireError {
    FireError::Failed(DispatchError::Panicked {
        event: event.into(),
        message: message.into(),
    })
}

fn stopped(event: &str, message: &str) -> FireError {
    FireError::Failed(DispatchError::Stopped {
        event: event.into(),
        message: message.into(),
    })
}

/// Every call a test can make on a stopped widget, each refused with `stopped`.
fn assert_refused_everywhere<W: Widget + Page + 'static>(
    desk: &mut SimulatedDesk<W>,
    stopped: &FireError,
) {
    assert_eq!(
        desk.fire("ticket_status.changed", &status("Open")).as_ref(),
        Err(stopped)
    );
    assert_eq!(desk.fire_sample("call.ringing").as_ref(), Err(stopped));
    assert_eq!(desk.attempt("ticket.reOpen", "{}").as_ref(), Err(stopped));
    assert_eq!(desk.load().as_ref(), Err(stopped));
    assert_eq!(desk.click("again").as_ref(), Err(stopped));
}

/// What a panic's `widget()` says: the panic, not a generic message.
fn widget_panic<W: Widget + 'static>(desk: &SimulatedDesk<W>) -> String {
    let panic = catch_unwind(AssertUnwindSafe(|| {
        let _ = desk.widget();
    }))
    .unwrap_err();
    panic.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[test]
fn a_panic_in_a_handler_stops_a_widget_without_async_handlers() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let mut desk = SimulatedDesk::mount(Plain::default());
    let sink = Rc::clone(&seen);
    desk.on_error(move |event, error| sink.borrow_mut().push(format!("{event}: {error}")));
    desk.fire("ticket_status.changed", &status("Open")).unwrap();

    let failure = desk.fire("ticket_status.changed", &status("Panic"));
    assert_eq!(
        failure,
        Err(panicked("ticket_status.changed", "cannot handle Panic"))
    );
    let stop = stopped("ticket_status.changed", "cannot handle Panic");
    assert_refused_everywhere(&mut desk, &stop);

    // The panic reached the hooks once; what came after never reached the widget.
    assert_eq!(
        *seen.borrow(),
        [
            "ticket_status.changed: the `ticket_status.changed` handler panicked, and the widget \
          stopped: cannot handle Panic"
        ]
    );
    assert_eq!(
        desk.stopped(),
        Some(&DispatchError::Panicked {
            event: "ticket_status.changed".into(),
            message: "cannot handle Panic".into(),
        })
    );
    assert_eq!(
        widget_panic(&desk),
        "the widget stopped after a panic in `ticket_status.changed`: cannot handle Panic"
    );
    // Every later event is in the log, refused.
    let last = desk.deliveries().last().unwrap();
    assert_eq!(
        last.outcome,
        Outcome::Failed(DispatchError::Stopped {
            event: "ticket_status.changed".into(),
            message: "cannot handle Panic".into(),
        })
    );
}

#[test]
fn a_panic_in_a_hook_is_an_error_not_its_otherwise() {
    let mut desk = SimulatedDesk::mount(Plain::default());
    assert_eq!(
        desk.attempt("ticket.reOpen", "{}"),
        Ok(Verdict::deny("not now"))
    );
    desk.widget_mut().panic_in_hook = true;
    // `otherwise = allow` would let the action go ahead: a page whose module stopped answers
    // nothing, and a test must not read that as an answer.
    assert_eq!(
        desk.attempt("ticket.reOpen", "{}"),
        Err(panicked("ticket.reOpen", "the hook panicked"))
    );
    assert_refused_everywhere(&mut desk, &stopped("ticket.reOpen", "the hook panicked"));
}

#[test]
fn a_panic_in_render_stops_the_widget_when_its_page_is_shown() {
    let mut desk = SimulatedDesk::mount(Plain::default());
    desk.click("again").unwrap();
    desk.widget_mut().panic_in_render = true;
    // Clicking needs the page: rendering it panicked.
    assert_eq!(
        desk.click("again"),
        Err(panicked(RENDER, "the page panicked"))
    );
    assert_refused_everywhere(&mut desk, &stopped(RENDER, "the page panicked"));
    assert_eq!(
        desk.stopped().unwrap().to_string(),
        "`Page::render` panicked, and the widget stopped: the page panicked"
    );
}

#[test]
fn a_panic_in_a_synchronous_handler_stops_a_widget_with_async_handlers() {
    let mut desk = SimulatedDesk::mount(Awaiting::default());
    desk.fire("ticket_status.changed", &status("Open")).unwrap();
    assert_eq!(
        desk.fire("ticket_status.changed", &status("Panic")),
        Err(panicked("ticket_status.changed", "cannot handle Panic"))
    );
    let stop = stopped("ticket_status.changed", "cannot handle Panic");
    assert_eq!(
        desk.fire("ticket_status.changed", &status("Open")),
        Err(stop.clone())
    );
    assert_eq!(desk.fire("call.ringing", &ringing("1")), Err(stop.clone()));
    assert_eq!(desk.attempt("ticket.reOpen", "{}"), Err(stop));
}

#[test]
fn a_panic_in_an_async_handler_stops_the_widget_and_the_events_waiting_behind_it() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let mut desk = SimulatedDesk::mount(Awaiting::default());
    let sink = Rc::clone(&seen);
    desk.on_error(move |event, _| sink.borrow_mut().push(event.to_owned()));
    desk.set_data("user.email", json!("ada@example.com"));
    desk.fire("call.ringing", &ringing("1")).unwrap();
    assert_eq!(desk.widget().emails, ["ada@example.com"]);

    // The handler waits for a held answer; two events wait behind it.
    desk.hold_answers();
    desk.fire("call.ringing", &ringing("panic")).unwrap();
    desk.fire("ticket_status.changed", &status("Open")).unwrap();
    desk.fire("ticket_status.changed", &status("Closed"))
        .unwrap();
    // `release_answers` returns nothing to say the widget stopped: it panics the test.
    let released =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| desk.release_answers()));
    assert!(
        released.is_err(),
        "a panic after release_answers passed over"
    );

    let stop = DispatchError::Stopped {
        event: "call.ringing".into(),
        message: "panicked after an await".into(),
    };
    let outcomes: Vec<_> = desk.deliveries()[1..]
        .iter()
        .map(|d| d.outcome.clone())
        .collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Failed(DispatchError::Panicked {
                event: "call.ringing".into(),
                message: "panicked after an await".into(),
            }),
            Outcome::Failed(stop.clone()),
            Outcome::Failed(stop.clone()),
        ]
    );
    assert_eq!(*seen.borrow(), ["call.ringing"]);
    assert_eq!(
        desk.fire("ticket_status.changed", &status("Open")),
        Err(FireError::Failed(stop.clone()))
    );
    assert_eq!(
        desk.attempt("ticket.reOpen", "{}"),
        Err(FireError::Failed(stop))
    );
}

#[test]
fn a_panic_in_an_async_hook_is_an_error() {
    let mut desk = SimulatedDesk::mount(Awaiting::default());
    assert_eq!(
        desk.attempt("ticket.reOpen", "{}"),
        Err(panicked("ticket.reOpen", "the async hook panicked"))
    );
    assert_eq!(
        desk.fire("ticket_status.changed", &status("Open")),
        Err(stopped("ticket.reOpen", "the async hook panicked"))
    );
}

#[test]
fn a_panic_message_is_bounded() {
    /// Panics with the status it is sent.
    #[derive(Default)]
    struct Loud(u32);

    #[desk_widget(location = "desk.ticket.detail.rightpanel")]
    impl Loud {
        #[on("ticket_status.changed")]
        fn status(&mut self, change: TicketStatusChanged) {
            self.0 += 1;
            panic!("{}", change.status);
        }
    }

    let mut desk = SimulatedDesk::mount(Loud::default());
    // Multi-byte characters: the cut falls on a character's boundary.
    let huge = "é".repeat(100_000);
    let failure = desk
        .fire("ticket_status.changed", &status(&huge))
        .unwrap_err();
    let message = failure.to_string();
    assert!(message.len() <= 300, "{} bytes", message.len());
    assert!(message.ends_with("éé..."), "{message}");
    let refused = desk
        .fire("ticket_status.changed", &status("Open"))
        .unwrap_err()
        .to_string();
    assert!(refused.len() <= 300, "{} bytes", refused.len());
}

// On a simulated extension: pages are rendered after every event, and messages reach a
// stopped widget no more.

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Message)]
#[message(name = "test.number")]
pub struct Number(String);

/// Sends every ringing number to the panel.
#[derive(Default)]
pub struct Sender;

#[desk_widget(location = "desk.extension.telephony")]
impl Sender {
    #[on("call.ringing")]
    async fn ringing(&mut self, call: CallRinging, desk: &Desk<Self>) {
        desk.send::<Receiver>(Number(call.number)).await.unwrap();
    }
}

/// Panics on the number `panic`; its page panics on `render`.
#[derive(Default)]
pub struct Receiver {
    numbers: Vec<String>,
    statuses: usize,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Receiver {
    #[on_message]
    fn number(&mut self, number: Number) {
        assert!(number.0 != "panic", "the message's handler panicked");
        self.numbers.push(number.0);
    }

    #[on("ticket_status.changed")]
    fn status(&mut self, _change: TicketStatusChanged) {
        self.statuses += 1;
    }
}

impl Page for Sender {
    fn render(&self) -> String {
        String::new()
    }
}

impl Page for Receiver {
    fn render(&self) -> String {
        assert!(
            !self.numbers.iter().any(|n| n == "render"),
            "the page panicked"
        );
        self.numbers.join(",")
    }
}

desk_runtime::extension! {
    name: "Panics",
    widgets: { "Sender": Sender, "Receiver": Receiver },
}

fn extension() -> SimulatedExtension {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Sender);
    extension.mount(Receiver::default());
    extension
}

#[test]
fn a_panic_in_a_message_handler_fails_the_event_that_set_it_off_and_every_later_one() {
    let mut extension = extension();
    extension.fire("call.ringing", &ringing("1")).unwrap();
    assert_eq!(extension.widget::<Receiver>().numbers, ["1"]);

    assert_eq!(
        extension.fire("call.ringing", &ringing("panic")),
        Err(panicked("test.number", "the message's handler panicked"))
    );
    let stop = stopped("test.number", "the message's handler panicked");
    // A message to the stopped widget, and an event for it.
    assert_eq!(
        extension.fire("call.ringing", &ringing("2")),
        Err(stop.clone())
    );
    assert_eq!(
        extension.fire("ticket_status.changed", &status("Open")),
        Err(stop.clone())
    );
    // Its sender is well.
    assert!(extension.desk::<Sender>().stopped().is_none());
}

#[test]
fn a_panic_in_render_after_an_event_fails_that_event_on_an_extension() {
    let mut extension = extension();
    // The page is rendered after the message's handler, as the browser host renders it.
    assert_eq!(
        extension.fire("call.ringing", &ringing("render")),
        Err(panicked(RENDER, "the page panicked"))
    );
    assert_eq!(
        extension.fire("ticket_status.changed", &status("Open")),
        Err(stopped(RENDER, "the page panicked"))
    );
}

#[test]
fn a_replay_reports_every_event_after_a_panic_as_refused() {
    let mut desk = SimulatedDesk::mount(Plain::default());
    let recording = format!(
        "{}\n{}\n",
        json!({"event": "ticket_status.changed", "payload": {"ticket.status": "Panic"}}),
        json!({"event": "ticket_status.changed", "payload": {"ticket.status": "Open"}}),
    );
    let replay = desk.replay(&recording);
    assert_eq!(
        replay.to_string(),
        "line 1 ticket_status.changed: the `ticket_status.changed` handler panicked, and the \
         widget stopped: cannot handle Panic\n\
         line 2 ticket_status.changed: the widget stopped after a panic in \
         `ticket_status.changed`: cannot handle Panic\n"
    );
    assert_eq!(replay.failures().count(), 2);
}
