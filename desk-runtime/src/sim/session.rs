//! Replaying a live session, as `cargo desk serve --record` wrote it (`docs/recording.md`,
//! version 2): one page load of a widget, its lines taken whole however they interleave with
//! other loads' (two tabs of one widget); the events Desk sent it, in order, and every call the
//! widget makes answered with what Desk answered then, when it answered. A call the recording
//! does not have, made in another order or with other arguments, is an error naming both; so is
//! a hook answered otherwise than the page answered it. The replay is faithful: a recorded event
//! the widget no longer subscribes to, a hook it has no `#[hook]` for, an `answer` of nothing
//! the page asked and a page at another location are errors too (`docs/recording.md`,
//! "Replaying").
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
//!     r#"{"recording":"desk-widgets","version":2,"extension":"phone"}"#,
//!     r#"{"kind":"app","widget":"Bar","location":"desk.extension.telephony","load":"a1","t":1,"app":{"uniqueID":"1","extensionID":"2","location":"desk.extension.telephony","locale":"en"}}"#,
//!     r#"{"kind":"event","widget":"Bar","location":"desk.extension.telephony","load":"a1","t":2,"id":1,"event":"call.ringing","payload":"{\"number\":\"555\"}"}"#,
//!     r#"{"kind":"call","widget":"Bar","location":"desk.extension.telephony","load":"a1","t":3,"id":1,"call":"get","args":["user.fullName"]}"#,
//!     r#"{"kind":"answer","widget":"Bar","location":"desk.extension.telephony","load":"a1","t":4,"id":1,"resolved":{"user.fullName":"Ada","status":"success"}}"#,
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
const VERSION: u64 = 2;

/// The longest page load id a line may have, in bytes (`cargo desk serve` refuses a longer one).
const MAX_LOAD: usize = 64;

/// The kinds of line the recorder writes (`docs/recording.md`, "The file"; `cargo desk serve`
/// refuses a line of any other): a line of another kind is not a recording's.
const KINDS: [&str; 8] = [
    "app", "event", "call", "answer", "hook", "message", "modal", "click",
];

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
    /// Its page load's id.
    load: String,
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
    /// The recording is of an older version of the format, which this reader no longer reads:
    /// record the session again.
    Outdated {
        /// Its version: `1`, whose lines did not tell two loads of a page apart.
        version: u64,
    },
    /// The recording holds fewer loads of the widget's page than the one asked for.
    NoLoad {
        /// The widget (at most 300 bytes of its name).
        widget: String,
        /// The load asked for, from 0 (in the order of the loads' `app` lines).
        index: usize,
        /// How many loads of its page the recording holds.
        loads: usize,
    },
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
    /// The page got an event the widget does not subscribe to (nor the runtime for it: a
    /// modal's input on a modal's page, `modal.closed` once the widget opened a modal). The
    /// recorder writes an `event` line only for a callback the page registered, so the widget
    /// that was recorded handled it, and this one would not.
    NotSubscribed {
        /// The event's line.
        line: usize,
        /// The event (at most 300 bytes of it).
        event: String,
    },
    /// The page answered a hook the widget has no `#[hook]` handler for.
    NoHook {
        /// The hook's line.
        line: usize,
        /// The hook (at most 300 bytes of it).
        hook: String,
    },
    /// An `answer` line whose `id` is no call, event or hook of the page before it that is
    /// still unanswered.
    StrayAnswer {
        /// The answer's line.
        line: usize,
        /// Its `id`.
        id: u64,
    },
    /// A line of the page at another location than the widget's: the page was another
    /// widget's, or the widget moved, and Desk would send it other events.
    Location {
        /// The line.
        line: usize,
        /// Its `location` (at most 300 bytes of it).
        recorded: String,
        /// The widget's location ([`Widget::LOCATION`]).
        widget: &'static str,
    },
    /// The `App` of the page's `app` line is at another location than the widget's: Desk
    /// loaded the page as another location's.
    AppLocation {
        /// The `app` line.
        line: usize,
        /// The `App`'s `location` (at most 300 bytes of it).
        recorded: String,
        /// The widget's location ([`Widget::LOCATION`]).
        widget: &'static str,
    },
    /// A second input of a modal's page: its opener sends one (`crate::modal`), and the
    /// recorder writes one line for it, however many callbacks the page registered.
    SecondInput {
        /// The second input's line.
        line: usize,
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
            SessionError::Outdated { version } => write!(
                out,
                "the recording is of version {version}, from before its lines told page loads \
                 apart (`load`); this reader reads version {VERSION}: record the session again \
                 with `cargo desk serve --record`"
            ),
            SessionError::NoLoad {
                widget,
                index,
                loads,
            } => write!(
                out,
                "no page load of index {index} (from 0): the recording has {loads} of the widget \
                 `{widget}`"
            ),
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
            SessionError::NotSubscribed { line, event } => write!(
                out,
                "the page got `{event}` (line {line}), which the widget does not subscribe to"
            ),
            SessionError::NoHook { line, hook } => write!(
                out,
                "the page answered the hook `{hook}` (line {line}), which the widget has no \
                 `#[hook]` for"
            ),
            SessionError::StrayAnswer { line, id } => write!(
                out,
                "line {line} answers id {id}, which is no unanswered call, event or hook of the \
                 page before it"
            ),
            SessionError::Location {
                line,
                recorded,
                widget,
            } => write!(
                out,
                "line {line} is at `{recorded}`, and the widget at `{widget}`"
            ),
            SessionError::AppLocation {
                line,
                recorded,
                widget,
            } => write!(
                out,
                "the `App` of line {line} is at `{recorded}`, and the widget at `{widget}`"
            ),
            SessionError::SecondInput { line } => write!(
                out,
                "line {line} is a second input of the modal, which its opener sends once"
            ),
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
            SessionError::Outdated { .. } => "Outdated",
            SessionError::NoLoad { .. } => "NoLoad",
            SessionError::Unexpected { .. } => "Unexpected",
            SessionError::Missing { .. } => "Missing",
            SessionError::Extra { .. } => "Extra",
            SessionError::Verdict { .. } => "Verdict",
            SessionError::Refused { .. } => "Refused",
            SessionError::NotSubscribed { .. } => "NotSubscribed",
            SessionError::NoHook { .. } => "NoHook",
            SessionError::StrayAnswer { .. } => "StrayAnswer",
            SessionError::Location { .. } => "Location",
            SessionError::AppLocation { .. } => "AppLocation",
            SessionError::SecondInput { .. } => "SecondInput",
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
    /// [`SessionError::Outdated`]: a recording of version 1, whose lines have no `load`.
    ///
    /// [`SessionError::Format`]: not a recording's header, another version, a line that is not
    /// a JSON object with its `widget`, `location` and `load` (a string of 1 to 64 bytes), a
    /// `kind` the recorder does not write (`docs/recording.md`), or a line without its kind's
    /// own fields: the `id` of a `call`, `event`, `hook` or `answer`, the name of a `call`
    /// (`call`), `event` (`event`) or `hook` (`hook`), an event's or hook's `payload` that is
    /// neither text nor `null`. A page load has one `app` line, and before it only clicks (the
    /// agent's, before the page loaded): another line of the load before it, or a second
    /// `app` line, is no recorder's.
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
        match header["version"].as_u64() {
            Some(VERSION) => {}
            Some(version @ 1) => return Err(SessionError::Outdated { version }),
            _ => return Err(format(1, &format!("version {}", header["version"]))),
        }
        // The page loads whose `app` line has come, by widget and load.
        let mut loaded = std::collections::HashSet::new();
        let lines = lines
            .map(|(index, text)| {
                let number = index + 1;
                let value: Value = serde_json::from_str(text)
                    .map_err(|error| format(number, &error.to_string()))?;
                let widget = value["widget"]
                    .as_str()
                    .ok_or_else(|| format(number, "no `widget`"))?
                    .to_owned();
                if !value["location"].is_string() {
                    return Err(format(number, "no `location`"));
                }
                let kind = value["kind"]
                    .as_str()
                    .ok_or_else(|| format(number, "no `kind`"))?;
                if let Some(missing) = missing(kind, &value) {
                    return Err(format(number, &missing));
                }
                let load = value["load"]
                    .as_str()
                    .filter(|load| (1..=MAX_LOAD).contains(&load.len()))
                    .ok_or_else(|| {
                        let message = format!("no `load` (a string of 1 to {MAX_LOAD} bytes)");
                        format(number, &message)
                    })?
                    .to_owned();
                let first = match kind {
                    "app" => loaded.insert((widget.clone(), load.clone())),
                    "click" => true,
                    _ => loaded.contains(&(widget.clone(), load.clone())),
                };
                if !first {
                    let message = if kind == "app" {
                        format!("a second `app` line of the page load `{load}`")
                    } else {
                        format!("a `{kind}` line of the page load `{load}` before its `app` line")
                    };
                    return Err(format(number, &message));
                }
                Ok(Line {
                    number,
                    widget,
                    load,
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

    /// How many times the widget's page was loaded (its `app` lines): the loads
    /// [`SimulatedDesk::replay_load`] replays, from 0.
    pub fn loads(&self, widget: &str) -> usize {
        self.apps(widget).count()
    }

    /// The `app` lines of the widget's page loads, in order.
    fn apps<'s>(&'s self, widget: &str) -> impl Iterator<Item = &'s Line> {
        self.lines
            .iter()
            .filter(move |line| line.widget == widget && line.kind() == "app")
    }

    /// The lines of the widget's page load `index` (from 0, in the order of the loads' `app`
    /// lines), whole and in order, however they interleave with other loads': from its `app`
    /// line to its last. Before it, a load can only have clicks (`Session::parse`), on a page
    /// that had not loaded the widget yet.
    fn page(&self, widget: &str, index: usize) -> Result<Vec<&Line>, SessionError> {
        let Some(app) = self.apps(widget).nth(index) else {
            let name = bounded::cut(widget, bounded::LIMIT);
            return Err(match self.loads(widget) {
                0 => SessionError::NoWidget(name),
                loads => SessionError::NoLoad {
                    widget: name,
                    index,
                    loads,
                },
            });
        };
        let rest = self.lines.iter().filter(|line| {
            line.number > app.number && line.widget == widget && line.load == app.load
        });
        Ok(std::iter::once(app).chain(rest).collect())
    }
}

/// What a line of `kind` lacks of its kind's own fields, or a `kind` the recorder does not
/// write; `None` when nothing.
fn missing(kind: &str, value: &Value) -> Option<String> {
    if !KINDS.contains(&kind) {
        let kind = bounded::cut(kind, 60);
        return Some(format!(
            "`kind` `{kind}` is not one of {}",
            KINDS.join(", ")
        ));
    }
    if matches!(kind, "call" | "event" | "hook" | "answer") && value["id"].as_u64().is_none() {
        return Some(format!("this `{kind}` line has no `id`"));
    }
    let name = match kind {
        "call" | "event" | "hook" => kind,
        _ => return None,
    };
    if !value[name].is_string() {
        return Some(format!("this `{kind}` line has no `{name}` name"));
    }
    let text = matches!(value.get("payload"), Some(Value::String(_) | Value::Null));
    if name != "call" && !text {
        return Some(format!(
            "this `{kind}` line's `payload` is not text or `null`"
        ));
    }
    None
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
    /// The recorded ids of the page's calls, events and hooks so far that no `answer` line has
    /// answered yet: what an `answer` may answer.
    unanswered: Vec<u64>,
    /// The recorded ids of all the page's calls, events and hooks so far.
    asked: Vec<u64>,
    /// Whether the widget opened a modal: the runtime then listens to `modal.closed` on the
    /// page's instance (`browser::sdk::open_modal`), for the rest of the page's life.
    opened_modal: bool,
    /// Whether the page got a modal's input: its opener sends one.
    got_input: bool,
}

impl<W: Widget + Page + 'static> SimulatedDesk<W> {
    /// Replays the first page load of `widget` (its name in the extension) in `session`:
    /// [`SimulatedDesk::replay_load`] of load 0.
    ///
    /// # Errors
    ///
    /// As [`SimulatedDesk::replay_load`].
    pub fn replay_session(&mut self, session: &Session, widget: &str) -> Result<(), SessionError> {
        self.replay_load(session, widget, 0)
    }

    /// Replays the page load `index` of `widget` (its name in the extension) in `session`, from
    /// 0 in the order of the loads' `app` lines ([`Session::loads`] counts them): its lines,
    /// whole and in order, however they interleave with another load's (an agent with two
    /// tickets open has two pages of a ticket's widget). Loads the widget with the recorded
    /// `App`, sends it the recorded events, hooks, clicks and messages in order, and answers
    /// each call it makes with what Desk answered then, when Desk answered. Call it on a widget
    /// not loaded yet ([`SimulatedDesk::new`]).
    ///
    /// # Errors
    ///
    /// [`SessionError`]: the widget made another call than the recording's next, or one it does
    /// not have, or did not make a recorded one; a hook answered otherwise; an event the
    /// simulated Desk refuses; no page of `widget` in the recording ([`SessionError::NoWidget`]),
    /// or fewer loads of it than `index + 1` ([`SessionError::NoLoad`]). The replay is faithful:
    /// every recorded line must be the widget's as it is now, so a line of the page (or the
    /// `App` Desk gave it) at another location than [`Widget::LOCATION`], a modal's second
    /// input, an event the widget (or the runtime for it) does not
    /// subscribe to, a hook it has no `#[hook]` for, and an `answer` of nothing the page asked
    /// are errors too.
    pub fn replay_load(
        &mut self,
        session: &Session,
        widget: &str,
        index: usize,
    ) -> Result<(), SessionError> {
        let lines = session.page(widget, index)?;
        // The page was served at the widget's location: Desk sent it that location's events.
        for line in &lines {
            let location = line.text("location").unwrap_or_default();
            if location != W::LOCATION {
                return Err(SessionError::Location {
                    line: line.number,
                    recorded: bounded::cut(location, bounded::LIMIT),
                    widget: W::LOCATION,
                });
            }
        }
        self.rendering();
        self.hold_answers();
        let app = &lines[0];
        let decoded = crate::json::from_str::<App>(&app.value["app"].to_string());
        let decoded = decoded.map_err(|error| SessionError::Format {
            line: app.number,
            message: error.to_string(),
        })?;
        // Desk gave the page its location's `App`. Not checked for a modal: `"modal"` is this
        // library's name for a modal's page, and no source says which location Desk's SDK
        // gives one, so a portal's recording of a modal would fail on a guess.
        if !W::MODAL && decoded.location != W::LOCATION {
            return Err(SessionError::AppLocation {
                line: app.number,
                recorded: bounded::cut(&decoded.location, bounded::LIMIT),
                widget: W::LOCATION,
            });
        }
        self.set_app(decoded);
        // The mount handler's calls are the page's first.
        let next = self.calls().len();
        self.load().or_else(tolerate).map_err(refused(app))?;
        let mut replay = Replaying {
            desk: self,
            matched: Vec::new(),
            next,
            hooks: Vec::new(),
            unanswered: Vec::new(),
            asked: Vec::new(),
            opened_modal: false,
            got_input: false,
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
                self.input_once(line, event)?;
                // The host subscribes the widget's names but the mount handler's, which runs
                // at load (the `app` line), never as an event.
                if crate::host::subscriptions::<W>().any(|name| name == event) {
                    let delivered = self.desk.deliver(event, payload);
                    delivered.or_else(tolerate).map_err(refused(line))?;
                } else if !self.runtime_listens(event) {
                    return Err(SessionError::NotSubscribed {
                        line: line.number,
                        event: bounded::cut(event, bounded::LIMIT),
                    });
                }
                self.asks(line.id());
                self.dismissed(event);
            }
            "hook" => {
                let hook = line.text("hook").unwrap_or_default();
                let Some(&policy) = W::HOOKS.iter().find(|p| p.name == hook) else {
                    return Err(SessionError::NoHook {
                        line: line.number,
                        hook: bounded::cut(hook, bounded::LIMIT),
                    });
                };
                let number = self.desk.input(|host| host.attempt(policy, payload));
                let id = line.id().unwrap_or_default();
                self.hooks.push((id, number));
                self.asks(Some(id));
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
            // `Session::parse` refuses any other kind, and a page load one `app` line, its first.
            other => {
                return Err(SessionError::Format {
                    line: line.number,
                    message: bounded::cut(
                        &format!("a line of kind `{other}` in a page"),
                        bounded::LIMIT,
                    ),
                });
            }
        }
        Ok(())
    }

    /// A call, event or hook of the page, with its recorded `id`: an `answer` may answer it.
    fn asks(&mut self, id: Option<u64>) {
        self.unanswered.extend(id);
        self.asked.extend(id);
    }

    /// Whether the runtime itself listens to `event` on the page, besides the widget: a
    /// modal's page to its input (`browser::sdk::announce`), an opener to `modal.closed` once
    /// it opened a modal.
    fn runtime_listens(&self, event: &str) -> bool {
        (W::MODAL && event == MODAL_INPUT) || (self.opened_modal && event == "modal.closed")
    }

    /// A modal's page gets its input once: its opener sends it once, and the recorder writes
    /// one line for it, however many callbacks of it the page registered (the runtime's and an
    /// `#[on_open]` handler's).
    fn input_once(&mut self, line: &Line, event: &str) -> Result<(), SessionError> {
        if !W::MODAL || event != MODAL_INPUT {
            return Ok(());
        }
        if self.got_input {
            return Err(SessionError::SecondInput { line: line.number });
        }
        self.got_input = true;
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
        // An SDK call's (and a modal's opening's) answer comes on an `answer` line.
        if line.kind() == "call" {
            self.asks(line.id());
        }
        match made.function.as_str() {
            // Emitted: the SDK's Promise has no answer of its own in a recording.
            "emit" => self.desk.answer_made(index, Ok("{}".to_owned())),
            "modal" => {
                self.opened_modal = true;
                self.matched.push(Matched::Modal { index });
            }
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
        // Each call, event or hook is answered once, after it.
        let Some(at) = self.unanswered.iter().position(|&open| open == id) else {
            // An answer of an id the page has not had yet, while the widget made a call the
            // replay has not matched: the recording lacks that call (but not its answer).
            let new = !self.asked.contains(&id);
            if let Some(made) = self.desk.calls().get(self.next).filter(|_| new) {
                return Err(SessionError::Extra {
                    made: made.to_string(),
                });
            }
            return Err(SessionError::StrayAnswer {
                line: line.number,
                id,
            });
        };
        self.unanswered.remove(at);
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
        // An event's callback's answer, or a modal's opening's: nothing to check.
        let Some(at) = self.hooks.iter().position(|(hook, _)| *hook == id) else {
            return Ok(());
        };
        let (_, number) = self.hooks.remove(at);
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
            if line.text("direction") == Some("in") {
                self.input_once(line, name)?;
            }
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

#[cfg(test)]
mod tests {
    use super::KINDS;

    /// The kinds the replay reads are the ones `docs/recording.md` lists (and `cargo desk
    /// serve`'s `record::KINDS`, which `cargo xtask record` checks a recording against).
    #[test]
    fn the_kinds_are_the_formats() {
        let doc = include_str!("../../../docs/recording.md");
        let row = doc
            .lines()
            .find(|line| line.starts_with("| `kind`"))
            .expect("the `kind` row of docs/recording.md");
        // `| `kind` | string | `app`, `event`, ... |`: the names after the field's.
        let mut documented: Vec<&str> = row.split('`').skip(3).step_by(2).collect();
        documented.sort_unstable();
        let mut kinds = KINDS.to_vec();
        kinds.sort_unstable();
        assert_eq!(documented, kinds, "{row}");
    }
}
