//! The core driven by inputs alone, its effects read back: no transport, no clock, no browser.

use super::{Delivery, Effect, Host, Outcome};
use crate::Desk;
use crate::app::LoadedApp;
use crate::desk::Notification;
use crate::errors::DispatchError;
use crate::hook::{HookPolicy, Otherwise, Verdict};
use crate::link::{Link, Outbound};
use crate::widget::{Dispatch, Widget};
use std::cell::{Cell, RefCell};
use std::task::{Poll, Waker};

/// Notes each event; `wait` makes a call and waits for Desk's answer; `hook` answers with the
/// answer to a call.
#[derive(Default)]
struct Probe {
    seen: Vec<String>,
}

const HOOK: HookPolicy = HookPolicy {
    name: "ticket.reply",
    otherwise: Otherwise::Deny,
};

impl Widget for Probe {
    const LOCATION: &'static str = "desk.extension.telephony";
    type Location = crate::location::desk_extension_telephony;
    const SUBSCRIPTIONS: &'static [&'static str] = &["now", "wait", "later", "ticket.reply"];
    const TALKS_BACK: bool = true;
    const ASYNC: bool = true;
    const HOOKS: &'static [HookPolicy] = &[HOOK];

    fn dispatch<'a>(
        &'a mut self,
        event: &'a str,
        _: &'a str,
        desk: &'a Desk<Self>,
    ) -> Dispatch<'a> {
        self.seen.push(event.to_owned());
        match event {
            "wait" => Dispatch::Pending(Box::pin(async move {
                let notification = Notification {
                    content: "wait".to_owned(),
                    ..Notification::default()
                };
                desk.notify(notification)
                    .await
                    .map_err(|error| DispatchError::Handler {
                        event: "wait".to_owned(),
                        message: error.to_string(),
                    })?;
                Ok(None)
            })),
            "ticket.reply" => Dispatch::Pending(Box::pin(async move {
                let notification = Notification {
                    content: "reply".to_owned(),
                    ..Notification::default()
                };
                match desk.notify(notification).await {
                    Ok(()) => Ok(Some(Verdict::Allow)),
                    Err(_) => Ok(Some(Verdict::deny("no"))),
                }
            })),
            // Awaits what the test wakes, as a timer would: not Desk.
            "later" => Dispatch::Pending(Box::pin(std::future::poll_fn(|context| {
                LATER.with(|later| {
                    let mut later = later.borrow_mut();
                    if later.0 {
                        Poll::Ready(Ok(None))
                    } else {
                        later.1 = Some(context.waker().clone());
                        Poll::Pending
                    }
                })
            }))),
            _ => Dispatch::Done(Ok(None)),
        }
    }
}

thread_local! {
    /// Whether "later" is ready, and the waker of its task.
    static LATER: RefCell<(bool, Option<Waker>)> = const { RefCell::new((false, None)) };
    /// How many times the core's task told the driver it was woken.
    static NOTIFIED: Cell<u32> = const { Cell::new(0) };
}

fn host() -> Host<Probe> {
    let mut host = Host::new(Probe::default(), Link::new(LoadedApp::default()));
    host.rendering(|probe| probe.seen.join(","));
    host
}

fn effects(host: &mut Host<Probe>) -> Vec<Effect> {
    std::iter::from_fn(|| host.poll_effect()).collect()
}

fn done(effects: &[Effect]) -> Vec<(u64, &str, &Outcome)> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Done(Delivery {
                number,
                event,
                outcome,
                ..
            }) => Some((*number, event.as_str(), outcome)),
            _ => None,
        })
        .collect()
}

fn calls(effects: &[Effect]) -> Vec<u64> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Call(id, Outbound::Sdk { .. }) => Some(*id),
            _ => None,
        })
        .collect()
}

fn shown(effects: &[Effect]) -> Vec<&str> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Show(page) => Some(page.as_str()),
            _ => None,
        })
        .collect()
}

const SUCCESS: &str = r#"{"status":"success"}"#;

#[test]
fn events_are_handled_one_at_a_time_in_the_order_they_arrive_each_shown_once() {
    let mut host = host();
    host.load("{}");
    assert_eq!(shown(&effects(&mut host)), [""]);
    host.receive("wait", Some("{}"));
    let made = effects(&mut host);
    assert_eq!(calls(&made), [1]);
    assert!(done(&made).is_empty(), "done before Desk answered");
    // Arrive while the task waits: queued, in order.
    host.receive("now", Some("{}"));
    host.receive("unknown", None);
    assert!(effects(&mut host).is_empty());
    host.answer(1, Ok(SUCCESS.to_owned()));
    let after = effects(&mut host);
    assert_eq!(
        done(&after),
        [
            (1, "wait", &Outcome::Handled),
            (2, "now", &Outcome::Handled),
            (3, "unknown", &Outcome::NotSubscribed),
        ]
    );
    // Shown after each event the widget handled, once.
    assert_eq!(shown(&after), ["wait", "wait,now"]);
    assert_eq!(host.widget().unwrap().seen, ["wait", "now"]);
}

#[test]
fn an_answer_to_no_call_awaited_is_dropped() {
    let mut host = host();
    host.receive("wait", None);
    effects(&mut host);
    host.answer(7, Ok(SUCCESS.to_owned()));
    assert!(effects(&mut host).is_empty());
    assert!(host.is_waiting());
    host.answer(1, Err(crate::HostError::Sdk("down".to_owned())));
    let after = effects(&mut host);
    assert!(matches!(
        done(&after)[..],
        [(1, "wait", Outcome::Failed(_))]
    ));
    // A second answer to the same call changes nothing.
    host.answer(1, Ok(SUCCESS.to_owned()));
    assert!(effects(&mut host).is_empty());
}

fn hook_answers(effects: &[Effect]) -> Vec<(u64, &Verdict)> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::AnswerHook { number, verdict } => Some((*number, verdict)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_hook_is_answered_once_by_its_handler_with_a_deadline_set() {
    let mut host = host();
    let number = host.attempt(HOOK, Some("{}"));
    let asked = effects(&mut host);
    assert!(asked.contains(&Effect::SetDeadline {
        number,
        after_ms: crate::hook::HOOK_DEADLINE_MS
    }));
    host.answer(1, Ok(SUCCESS.to_owned()));
    let answered = effects(&mut host);
    assert_eq!(hook_answers(&answered), [(number, &Verdict::Allow)]);
    // The deadline passes after the answer: nothing more.
    host.deadline(number);
    assert!(effects(&mut host).is_empty());
}

#[test]
fn a_late_hook_is_answered_at_its_deadline_and_its_handlers_answer_dropped() {
    let mut host = host();
    let number = host.attempt(HOOK, None);
    effects(&mut host);
    host.deadline(number);
    let late = effects(&mut host);
    let otherwise = Verdict::deny("The extension did not answer in time.");
    assert_eq!(hook_answers(&late), [(number, &otherwise)]);
    assert!(matches!(
        done(&late)[..],
        [(
            _,
            "ticket.reply",
            Outcome::Failed(DispatchError::HookLate { .. })
        )]
    ));
    assert!(late.iter().any(|e| matches!(e, Effect::Report { .. })));
    // The handler answers after: no second answer, no second outcome.
    host.answer(1, Ok(SUCCESS.to_owned()));
    let after = effects(&mut host);
    assert!(hook_answers(&after).is_empty(), "{after:?}");
    assert!(done(&after).is_empty(), "{after:?}");
    assert!(!host.is_waiting());
}

#[test]
fn a_task_woken_while_the_core_is_not_running_tells_the_driver_once_and_is_polled_again() {
    let mut host = host();
    host.notifying(|| NOTIFIED.with(|n| n.set(n.get() + 1)));
    host.receive("later", None);
    // Pending, not woken: nothing to do until what it awaits wakes it.
    let waiting = effects(&mut host);
    assert!(!waiting.contains(&Effect::Repoll));
    assert!(done(&waiting).is_empty());
    host.receive("now", None);
    assert!(
        effects(&mut host).is_empty(),
        "`now` ran before `later` was done"
    );
    let waker = LATER.with(|later| {
        let mut later = later.borrow_mut();
        later.0 = true;
        later.1.take().unwrap()
    });
    waker.wake_by_ref();
    waker.wake();
    // Two wakes before the driver polls again: one poll asked for.
    assert_eq!(NOTIFIED.with(Cell::get), 1);
    host.repoll();
    assert_eq!(
        done(&effects(&mut host)),
        [
            (1, "later", &Outcome::Handled),
            (2, "now", &Outcome::Handled)
        ]
    );
}
