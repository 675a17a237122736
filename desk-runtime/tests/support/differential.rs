//! The differential test's shared half: the widget both hosts run, the scripts, and what is
//! compared after every step. `tests/differential.rs` generates scripts from seeds and runs
//! them on the simulated Desk natively; `tests/differential_browser.rs` runs the same scripts
//! on the browser host in headless Chromium, on the SDK stand-in, and compares.

#![allow(dead_code)]
// Handlers with nothing to do: the widgets a message or a modal needs at the other end.
#![allow(clippy::unused_self)]

use desk_runtime::desk::property::UserEmail;
use desk_runtime::desk::{HostError, Notification, Popup, Request};
use desk_runtime::events::{CallAnswered, CallCompleted, CallRinging};
use desk_runtime::hook::Verdict;
use desk_runtime::prelude::*;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The URL the widget requests, whitelisted.
pub const SERVICE: &str = "https://crm.example.com/calls";

/// What `get("user.email")` answers on both Desks.
pub const USER_EMAIL: &str = "ada@example.com";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Message)]
#[message(name = "test.note")]
pub struct Note {
    pub text: String,
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

/// The widget under test: sync and `async` handlers, every kind of call, two hooks, clicks, a
/// message each way and a modal.
#[derive(Default)]
pub struct Subject {
    log: Vec<String>,
    ringing: bool,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Subject {
    #[on("call.ringing")]
    async fn ringing(&mut self, call: CallRinging, desk: &Desk<Self>) -> Result<(), HostError> {
        self.ringing = true;
        self.log.push(format!("ringing {}", call.number));
        desk.send::<Panel>(Note { text: call.number }).await?;
        self.log.push("sent".to_owned());
        Ok(())
    }

    #[on("call.answered")]
    async fn answered(&mut self, _: CallAnswered, desk: &Desk<Self>) -> Result<(), HostError> {
        let choice = desk
            .open_modal::<Confirm>(Details {
                number: "12".to_owned(),
            })
            .await?;
        self.log.push(format!("chose {choice:?}"));
        Ok(())
    }

    #[on("call.completed")]
    fn completed(&mut self, call: CallCompleted) {
        self.ringing = false;
        self.log.push(format!("completed {}", call.number));
    }

    #[on_message]
    fn note(&mut self, note: Note) {
        self.log.push(format!("note {}", note.text));
    }

    /// Two calls at once: Desk may answer them in either order.
    #[on_click("lookup")]
    async fn lookup(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
        let (email, response) = Join(
            Some(Box::pin(desk.get::<UserEmail>())),
            Some(Box::pin(desk.request(Request::get(SERVICE)))),
            None,
            None,
        )
        .await;
        self.log
            .push(format!("agent {:?}", email.map_err(|e| e.to_string())));
        let response = response?;
        self.log
            .push(format!("service {:?} {}", response.status, response.body));
        Ok(())
    }

    #[on_click("confirm")]
    async fn confirm(&mut self, desk: &Desk<Self>) -> Result<(), HostError> {
        let popup = Popup {
            title: "Log".to_owned(),
            content: "Log the call?".to_owned(),
            ..Popup::default()
        };
        let confirmed = desk.confirm(popup).await?;
        self.log.push(format!("confirmed {confirmed}"));
        desk.notify(Notification {
            content: format!("confirmed {confirmed}"),
            ..Notification::default()
        })
        .await
    }

    #[hook("ticket.reOpen", otherwise = deny)]
    fn reopen(&self, _ticket: desk_runtime::json::Value) -> Verdict {
        if self.ringing {
            Verdict::deny("A call is in progress")
        } else {
            Verdict::Allow
        }
    }

    #[hook("ticket.reply", otherwise = allow)]
    async fn reply(&self, desk: &Desk<Self>) -> Verdict {
        match desk.get::<UserEmail>().await {
            Ok(_) => Verdict::Allow,
            Err(_) => Verdict::deny("no agent"),
        }
    }
}

/// Two futures awaited together, as `futures::join` would (not a dependency here).
struct Join<A: Future, B: Future>(
    Option<Pin<Box<A>>>,
    Option<Pin<Box<B>>>,
    Option<A::Output>,
    Option<B::Output>,
);

impl<A: Future, B: Future> Future for Join<A, B>
where
    A::Output: Unpin,
    B::Output: Unpin,
{
    type Output = (A::Output, B::Output);

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if let Some(a) = this.0.as_mut()
            && let Poll::Ready(value) = a.as_mut().poll(context)
        {
            this.2 = Some(value);
            this.0 = None;
        }
        if let Some(b) = this.1.as_mut()
            && let Poll::Ready(value) = b.as_mut().poll(context)
        {
            this.3 = Some(value);
            this.1 = None;
        }
        match (this.2.take(), this.3.take()) {
            (Some(a), Some(b)) => Poll::Ready((a, b)),
            (a, b) => {
                (this.2, this.3) = (a, b);
                Poll::Pending
            }
        }
    }
}

/// Text as `innerHTML` gives it back.
fn text(raw: &str) -> String {
    raw.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

impl Page for Subject {
    fn render(&self) -> String {
        let items: String = self.log.iter().fold(String::new(), |mut items, line| {
            items.push_str("<li>");
            items.push_str(&text(line));
            items.push_str("</li>");
            items
        });
        format!(
            "<ul>{items}</ul><button data-click=\"lookup\">Look up</button>\
             <button data-click=\"confirm\">Confirm</button>"
        )
    }
}

/// The sibling the subject sends its notes to.
#[derive(Default)]
pub struct Panel;

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on_message]
    fn note(&mut self, _: Note) {}
}

impl Page for Panel {
    fn render(&self) -> String {
        String::new()
    }
}

/// The modal the subject opens.
#[derive(Default)]
pub struct Confirm;

#[desk_widget(modal, output = Choice)]
impl Confirm {
    #[on_open]
    fn open(&mut self, _: Details) {}
}

impl Page for Confirm {
    fn render(&self) -> String {
        String::new()
    }
}

pub mod extension {
    desk_runtime::extension! {
        name: "Differential",
        whitelisted_domains: ["https://crm.example.com"],
        widgets: { "Subject": super::Subject, "Panel": super::Panel },
        modals: { "Confirm": super::Confirm },
    }
}

/// One step of a script.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// Desk (or a sibling widget) sends an event; `None` for an event without data.
    Fire {
        event: String,
        payload: Option<String>,
    },
    /// The agent attempts the action a hook guards.
    Attempt { hook: String, payload: String },
    /// The agent clicks the page's `data-click` element, if the page shows it.
    Click { name: String },
    /// From now on, Desk holds every answer back.
    Hold,
    /// Desk answers the held call `index` (modulo how many are held; nothing if none).
    Answer { index: usize, answer: Answer },
    /// Desk answers again: every held call with its usual answer, in order.
    Release,
}

/// How Desk answers a held call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// As Desk would.
    Usual,
    /// With this JSON (a modal's: its result, `null` for a dismissal).
    Value(String),
    /// Failing, with this message.
    Fail(String),
}

/// What both hosts must agree on after a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observed {
    /// The outcome of every event done during the step, in order.
    pub outcomes: Vec<String>,
    /// The calls made to Desk during the step, in order: `function(arguments)`.
    pub calls: Vec<String>,
    /// The answers given to Desk's hooks during the step, in order.
    pub hook_answers: Vec<String>,
    /// How many times the page was rendered during the step.
    pub renders: usize,
    /// What `#app` shows after the step.
    pub page: String,
}

/// A script, and what the simulated Desk observed after each of its steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expected {
    pub seed: u64,
    pub steps: Vec<Step>,
    pub observed: Vec<Observed>,
}

/// A delivery as both hosts report it.
pub fn outcome(delivery: &desk_runtime::sim::Delivery) -> String {
    format!(
        "{} {} {:?} {:?}",
        delivery.number, delivery.event, delivery.payload, delivery.outcome
    )
}

/// A call as both Desks record it, `function(arguments)`; a modal's input left out (the
/// stand-in receives it in the handshake, after the call).
pub fn call(function: &str, arguments: &[serde_json::Value]) -> String {
    let arguments = if function == "modal" {
        &arguments[..arguments.len().min(1)]
    } else {
        arguments
    };
    let arguments: Vec<String> = arguments.iter().map(ToString::to_string).collect();
    format!("{function}({})", arguments.join(", "))
}

/// A verdict as both hosts report it.
pub fn verdict(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Allow => "allow".to_owned(),
        Verdict::Deny(reason) => format!("deny: {reason}"),
    }
}
