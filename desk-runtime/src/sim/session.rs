//! Replaying a live session, as `cargo desk serve --record` wrote it (`docs/recording.md`,
//! version 1): the events Desk sent a widget, in order, and every call the widget makes
//! answered with what Desk answered then, when it answered. A call the recording does not have,
//! made in another order or with other arguments, is an error naming both; so is a hook
//! answered otherwise than the page answered it.
//!
//! ```
//! use desk_runtime::prelude::*;
//! use desk_runtime::desk::property::UserFullName;
//! use desk_runtime::sim::{Session, SessionError, SimulatedDesk};
//!
//! #[derive(Default)]
//! struct Bar(Option<String>);
//!
//! #[desk_widget(location = "desk.extension.telephony")]
//! impl Bar {
//!     #[on("call.ringing")]
//!     async fn ringing(&mut self, desk: &Desk<Self>) {
//!         self.0 = desk.get::<UserFullName>().await.ok();
//!     }
//! }
//!
//! impl Page for Bar {
//!     fn render(&self) -> String { self.0.clone().unwrap_or_default() }
//! }
//!
//! // Three lines of `cargo desk serve --record`'s file (docs/recording.md).
//! let recording = [
//!     r#"{"recording":"desk-widgets","version":1,"extension":"phone"}"#,
//!     r#"{"kind":"app","widget":"Bar","location":"desk.extension.telephony","t":1,"app":{"uniqueID":"1","extensionID":"2","location":"desk.extension.telephony","locale":"en"}}"#,
//!     r#"{"kind":"event","widget":"Bar","location":"desk.extension.telephony","t":2,"id":1,"event":"call.ringing","payload":"{\"number\":\"555\"}"}"#,
//!     r#"{"kind":"call","widget":"Bar","location":"desk.extension.telephony","t":3,"id":1,"call":"get","args":["user.fullName"]}"#,
//!     r#"{"kind":"answer","widget":"Bar","location":"desk.extension.telephony","t":4,"id":1,"resolved":{"user.fullName":"Ada","status":"success"}}"#,
//! ]
//! .join("\n");
//! let session = Session::parse(&recording)?;
//! let mut desk = SimulatedDesk::new(Bar::default());
//! desk.replay_session(&session, "Bar")?;
//! assert_eq!(desk.widget().0.as_deref(), Some("Ada"));
//!
//! // A widget that calls otherwise than the page did fails the replay, naming both calls.
//! #[derive(Default)]
//! struct Other;
//! #[desk_widget(location = "desk.extension.telephony")]
//! impl Other {
//!     #[on("call.ringing")]
//!     async fn ringing(&mut self, desk: &Desk<Self>) {
//!         let _ = desk.get::<desk_runtime::desk::property::UserEmail>().await;
//!     }
//! }
//! impl Page for Other {
//!     fn render(&self) -> String { String::new() }
//! }
//! let error = SimulatedDesk::new(Other).replay_session(&session, "Bar").unwrap_err();
//! assert_eq!(
//!     error.to_string(),
//!     r#"the widget called get("user.email") where the recording has get("user.fullName") (line 4)"#
//! );
//! # Ok::<(), SessionError>(())
//! ```

use super::{FireError, SdkCall, SimulatedDesk};
use crate::bounded;
use crate::desk::{App, HostError};
use crate::hook::Verdict;
use crate::modal::{MODAL_INPUT, MODAL_RESULT};
use crate::page::Page;
use crate::widget::Widget;
use serde_json::Value;
use std::fmt;

/// The recording's format version this reader knows.
const VERSION: u64 = 1;

/// A recorded session: its lines, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq)]
struct Line {
    /// Its number in the file, from 1.
    number: usize,
    widget: String,
    value: Value,
}

impl Line {
    fn kind(&self) -> &str {
        self.value["kind"].as_str().unwrap_or_default()
    }

    fn text(&self, field: &str) -> Option<&str> {
        self.value[field].as_str()
    }

    fn id(&self) -> Option<u64> {
        self.value["id"].as_u64()
    }
}

/// Why a recording did not replay.
///
/// Its `Display` and its `Debug` are at most 300 bytes each, whatever the recording holds: a
/// name or a message it quotes is cut.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionError {
    /// The file is not a recording of this format.
    Format {
        /// The line, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The recording holds no page of this widget.
    NoWidget(String),
    /// The widget made another call than the one recorded next.
    Unexpected {
        /// The recorded call's line.
        line: usize,
        /// The recorded call.
        recorded: String,
        /// The call the widget made.
        made: String,
    },
    /// The recording has a call the widget did not make.
    Missing {
        /// Its line.
        line: usize,
        /// The recorded call.
        recorded: String,
    },
    /// The widget made a call the recording does not have.
    Extra {
        /// The call.
        made: String,
    },
    /// A hook answered otherwise than the page answered it.
    Verdict {
        /// The recorded answer's line.
        line: usize,
        /// What the page answered.
        recorded: String,
        /// What the widget answered now (`none yet` when it had not).
        answered: String,
    },
    /// A recorded event, hook or click that the simulated Desk refused.
    Refused {
        /// Its line.
        line: usize,
        /// Why.
        error: FireError,
    },
}

/// At most 300 bytes: calls and answers are quoted.
impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bounded::write(f, |out| match self {
            SessionError::Format { line, message } => {
                write!(
                    out,
                    "line {line} is not a recording's (version {VERSION}): {message}"
                )
            }
            SessionError::NoWidget(widget) => {
                write!(out, "the recording has no page of the widget `{widget}`")
            }
            SessionError::Unexpected {
                line,
                recorded,
                made,
            } => write!(
                out,
                "the widget called {made} where the recording has {recorded} (line {line})"
            ),
            SessionError::Missing { line, recorded } => write!(
                out,
                "the recording has {recorded} (line {line}), which the widget did not call"
            ),
            SessionError::Extra { made } => write!(
                out,
                "the widget called {made}, which the recording does not have"
            ),
            SessionError::Verdict {
                line,
                recorded,
                answered,
            } => write!(
                out,
                "the page answered the hook {recorded} (line {line}); the widget now answers \
                 {answered}"
            ),
            SessionError::Refused { line, error } => write!(out, "line {line}: {error}"),
        })
    }
}

/// The variant and its message, at most 300 bytes: a derived `Debug` would print a recording's
/// megabyte name or version whole.
impl fmt::Debug for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let variant = match self {
            SessionError::Format { .. } => "Format",
            SessionError::NoWidget(_) => "NoWidget",
            SessionError::Unexpected { .. } => "Unexpected",
            SessionError::Missing { .. } => "Missing",
            SessionError::Extra { .. } => "Extra",
            SessionError::Verdict { .. } => "Verdict",
            SessionError::Refused { .. } => "Refused",
        };
        bounded::write(f, |out| write!(out, "SessionError::{variant}({self})"))
    }
}

impl std::error::Error for SessionError {}

impl Session {
    /// Reads a recording.
    ///
    /// # Errors
    ///
    /// [`SessionError::Format`]: not a recording's header, another version, a line that is not
    /// a JSON object with its `kind` and `widget`.
    pub fn parse(text: &str) -> Result<Session, SessionError> {
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty());
        let format = |line: usize, message: &str| SessionError::Format {
            line,
            message: bounded::cut(message, bounded::LIMIT),
        };
        let (_, header) = lines.next().ok_or_else(|| format(1, "the file is empty"))?;
        let header: Value =
            serde_json::from_str(header).map_err(|error| format(1, &error.to_string()))?;
        if header["recording"] != "desk-widgets" {
            return Err(format(1, "no `\"recording\": \"desk-widgets\"` header"));
        }
        if header["version"].as_u64() != Some(VERSION) {
            return Err(format(1, &format!("version {}", header["version"])));
        }
        let lines = lines
            .map(|(index, text)| {
                let number = index + 1;
                let value: Value = serde_json::from_str(text)
                    .map_err(|error| format(number, &error.to_string()))?;
                let widget = value["widget"]
                    .as_str()
                    .ok_or_else(|| format(number, "no `widget`"))?
                    .to_owned();
                if !value["kind"].is_string() {
                    return Err(format(number, "no `kind`"));
                }
                Ok(Line {
                    number,
                    widget,
                    value,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Session { lines })
    }

    /// The widgets the recording has pages of, in the order they first appear.
    pub fn widgets(&self) -> Vec<&str> {
        let mut widgets: Vec<&str> = Vec::new();
        for line in &self.lines {
            if !widgets.contains(&line.widget.as_str()) {
                widgets.push(&line.widget);
            }
        }
        widgets
    }

    /// The lines of the widget's first page load: from its `app` line to its next.
    fn page(&self, widget: &str) -> Option<Vec<&Line>> {
        let mut lines = self.lines.iter().filter(|line| line.widget == widget);
        let app = lines.find(|line| line.kind() == "app")?;
        let rest = lines.take_while(|line| line.kind() != "app");
        Some(std::iter::once(app).chain(rest).collect())
    }
}

/// A call as the recording writes it, in the simulated Desk's names (`sim::SdkCall`).
fn recorded_call(line: &Line) -> SdkCall {
    let name = line.text("call").unwrap_or_default();
    let function = match name {
        "instance.getWidgets" => "getWidgets",
        "instance.modal" => "modal",
        other => other,
    };
    SdkCall {
        function: function.to_owned(),
        arguments: line.value["args"].as_array().cloned().unwrap_or_default(),
    }
}

/// A message the page emitted, as the simulated Desk records `emit`.
fn recorded_emit(line: &Line) -> SdkCall {
    SdkCall {
        function: "emit".to_owned(),
        arguments: vec![
            line.value["widgetID"].clone(),
            line.value["name"].clone(),
            line.value["data"].clone(),
        ],
    }
}

/// Whether the widget's call is the recorded one: a modal's input travels in the handshake,
/// after the call, so only its options are compared.
fn same(made: &SdkCall, recorded: &SdkCall) -> bool {
    let compared = if made.function == "modal" {
        1
    } else {
        usize::MAX
    };
    made.function == recorded.function
        && made
            .arguments
            .iter()
            .take(compared)
            .eq(recorded.arguments.iter().take(compared))
}

/// What an `answer` line says the SDK answered.
fn answer_of(line: &Line) -> Result<String, HostError> {
    let value = &line.value;
    for key in ["resolved", "returned"] {
        if let Some(answer) = value.get(key) {
            return Ok(crate::json::write::value(answer));
        }
    }
    let reason = value.get("rejected").or_else(|| value.get("threw"));
    Err(HostError::Sdk(match reason {
        Some(Value::String(message)) => message.clone(),
        Some(other) => crate::json::write::value(other),
        None => "no answer".to_owned(),
    }))
}

/// The verdict an `answer` line of a hook gives: a resolved Promise (or anything but `false`)
/// allows, a rejection denies with its reason.
fn verdict_of(line: &Line) -> Verdict {
    let value = &line.value;
    match (value.get("rejected"), value.get("returned")) {
        (Some(reason), _) => Verdict::Deny(reason.as_str().unwrap_or_default().to_owned()),
        (_, Some(Value::Bool(false))) => Verdict::Deny(String::new()),
        _ => Verdict::Allow,
    }
}

/// A call the widget made, matched with its recorded line.
enum Matched {
    /// An SDK call: answered when its `answer` line comes.
    Call { recorded: u64, index: usize },
    /// A modal opened: answered when the handshake's result (or dismissal) comes.
    Modal { index: usize },
}

/// A replay under way: the calls matched and not answered yet, the next call to match, the
/// hooks asked.
struct Replaying<'a, W: Widget> {
    desk: &'a mut SimulatedDesk<W>,
    matched: Vec<Matched>,
    next: usize,
    /// Recorded hook ids, with the number of the event the core asked.
    hooks: Vec<(u64, u64)>,
}

impl<W: Widget + Page + 'static> SimulatedDesk<W> {
    /// Replays the first page load of `widget` (its name in the extension) in `session`: loads
    /// the widget with the recorded `App`, sends it the recorded events, hooks, clicks and
    /// messages in order, and answers each call it makes with what Desk answered then, when
    /// Desk answered. Call it on a widget not loaded yet ([`SimulatedDesk::new`]).
    ///
    /// # Errors
    ///
    /// [`SessionError`]: the widget made another call than the recording's next, or one it does
    /// not have, or did not make a recorded one; a hook answered otherwise; an event the
    /// simulated Desk refuses; no page of `widget` in the recording.
    pub fn replay_session(&mut self, session: &Session, widget: &str) -> Result<(), SessionError> {
        let lines = session
            .page(widget)
            .ok_or_else(|| SessionError::NoWidget(bounded::cut(widget, bounded::LIMIT)))?;
        self.rendering();
        self.hold_answers();
        let app = &lines[0];
        let decoded = crate::json::from_str::<App>(&app.value["app"].to_string());
        let decoded = decoded.map_err(|error| SessionError::Format {
            line: app.number,
            message: error.to_string(),
        })?;
        self.set_app(decoded);
        // The mount handler's calls are the page's first.
        let next = self.calls().len();
        self.load().or_else(tolerate).map_err(refused(app))?;
        let mut replay = Replaying {
            desk: self,
            matched: Vec::new(),
            next,
            hooks: Vec::new(),
        };
        for line in &lines[1..] {
            replay.line(line)?;
        }
        match replay.desk.calls().get(replay.next) {
            Some(made) => Err(SessionError::Extra {
                made: made.to_string(),
            }),
            None => Ok(()),
        }
    }
}

impl<W: Widget + Page + 'static> Replaying<'_, W> {
    fn line(&mut self, line: &Line) -> Result<(), SessionError> {
        let payload = line.value["payload"].as_str();
        match line.kind() {
            "event" => {
                let event = line.text("event").unwrap_or_default();
                // The runtime's own listener for a modal's dismissal is not the widget's.
                if W::SUBSCRIPTIONS.contains(&event) {
                    let delivered = self.desk.deliver(event, payload);
                    delivered.or_else(tolerate).map_err(refused(line))?;
                }
                self.dismissed(event);
            }
            "hook" => {
                let hook = line.text("hook").or(line.text("event")).unwrap_or_default();
                if let Some(&policy) = W::HOOKS.iter().find(|p| p.name == hook) {
                    let number = self.desk.input(|host| host.attempt(policy, payload));
                    self.hooks.push((line.id().unwrap_or_default(), number));
                }
            }
            "click" => {
                if let Some(target) = line.text("target") {
                    let clicked = self.desk.click(target);
                    clicked.or_else(tolerate).map_err(refused(line))?;
                }
            }
            "call" | "message" | "modal" if is_made(line) => self.made(line)?,
            "answer" => self.answer(line)?,
            "message" | "modal" => self.message(line)?,
            _ => {}
        }
        Ok(())
    }

    /// The widget's next call must be the recorded one.
    fn made(&mut self, line: &Line) -> Result<(), SessionError> {
        let recorded = if line.kind() == "call" {
            recorded_call(line)
        } else {
            recorded_emit(line)
        };
        let calls = self.desk.calls();
        let Some(made) = calls.get(self.next) else {
            return Err(SessionError::Missing {
                line: line.number,
                recorded: recorded.to_string(),
            });
        };
        if !same(made, &recorded) {
            return Err(SessionError::Unexpected {
                line: line.number,
                recorded: recorded.to_string(),
                made: made.to_string(),
            });
        }
        let index = self.next;
        self.next += 1;
        match made.function.as_str() {
            // Emitted: the SDK's Promise has no answer of its own in a recording.
            "emit" => self.desk.answer_made(index, Ok("{}".to_owned())),
            "modal" => self.matched.push(Matched::Modal { index }),
            _ => self.matched.push(Matched::Call {
                recorded: line.id().unwrap_or_default(),
                index,
            }),
        }
        Ok(())
    }

    /// Desk answered a call (with what it answered then), or the page answered a hook (which
    /// the widget must answer alike).
    fn answer(&mut self, line: &Line) -> Result<(), SessionError> {
        let id = line.id().unwrap_or_default();
        let call = self
            .matched
            .iter()
            .position(|m| matches!(m, Matched::Call { recorded, .. } if *recorded == id));
        if let Some(at) = call {
            if let Matched::Call { index, .. } = self.matched.remove(at) {
                self.desk.answer_made(index, answer_of(line));
            }
            return Ok(());
        }
        let Some(&(_, number)) = self.hooks.iter().find(|(hook, _)| *hook == id) else {
            return Ok(());
        };
        let recorded = verdict_of(line);
        let answered = self.desk.verdict(number);
        if answered.as_ref() == Some(&recorded) {
            return Ok(());
        }
        Err(SessionError::Verdict {
            line: line.number,
            recorded: format!("{recorded:?}"),
            answered: answered.map_or_else(|| "none yet".to_owned(), |v| format!("{v:?}")),
        })
    }

    /// A message the page received, or a modal's end.
    fn message(&mut self, line: &Line) -> Result<(), SessionError> {
        let name = line.text("name").unwrap_or_default();
        let data = crate::json::write::value(&line.value["data"]);
        if name == MODAL_RESULT {
            if let Some(index) = self.opened_modal() {
                self.desk.answer_made(index, Ok(data));
            }
        } else if name == "modal.closed" {
            self.dismissed(name);
        } else if line.kind() == "message" || name == MODAL_INPUT {
            let delivered = self.desk.deliver(name, Some(&data));
            delivered.or_else(tolerate).map_err(refused(line))?;
        }
        Ok(())
    }

    /// A modal the widget opened was dismissed: its opener gets `None`.
    fn dismissed(&mut self, event: &str) {
        if event != "modal.closed" {
            return;
        }
        if let Some(index) = self.opened_modal() {
            self.desk.answer_made(index, Ok("null".to_owned()));
        }
    }

    /// The first modal the widget opened that has not closed, taken off the list.
    fn opened_modal(&mut self) -> Option<usize> {
        let at = self
            .matched
            .iter()
            .position(|m| matches!(m, Matched::Modal { .. }))?;
        match self.matched.remove(at) {
            Matched::Modal { index } => Some(index),
            Matched::Call { .. } => None,
        }
    }
}

/// The error for a recorded line the simulated Desk refused.
fn refused(line: &Line) -> impl FnOnce(FireError) -> SessionError + use<> {
    let line = line.number;
    move |error| SessionError::Refused { line, error }
}

/// Whether a line is one of the widget's own calls: an SDK call, or a message it emitted (not
/// the runtime's modal handshake, which the page's JavaScript runs, but a modal's result).
fn is_made(line: &Line) -> bool {
    match line.kind() {
        "call" => true,
        "message" => line.text("direction") == Some("out"),
        "modal" => line.text("direction") == Some("out") && line.text("name") == Some(MODAL_RESULT),
        _ => false,
    }
}

/// A widget's own failure is part of the session, as it was on the page: only a refusal by
/// the simulated Desk stops the replay.
fn tolerate(error: FireError) -> Result<(), FireError> {
    match error {
        FireError::Failed(_) => Ok(()),
        refused => Err(refused),
    }
}
