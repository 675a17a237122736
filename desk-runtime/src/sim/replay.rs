//! Replaying a recorded sequence of events, to reproduce a bug report.

use super::{FireError, SimulatedDesk};
use crate::bounded;
use crate::desk::Entry;
use crate::widget::Widget;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::fmt::{self, Write as _};

/// One line of a recording: `{"event": "call.ringing", "payload": {...}}`. The payload may be
/// absent (for `modal.closed`). It is kept as the recorded text, byte for byte: re-serialising
/// it would sort its keys and drop duplicates, and a recorded "duplicate field" failure would
/// not reproduce.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Record<'a> {
    event: String,
    #[serde(default, borrow, deserialize_with = "recorded")]
    payload: Option<&'a RawValue>,
}

/// A line of Desk's answers, which set up the simulated Desk for the events after it, as the
/// session's Desk answered: `{"data": {"ticket.email": "..."}}` (what `get` answers),
/// `{"request": {"method": "GET", "url": "...", "status": 200, "body": ...}}`,
/// `{"popup": true}`, `{"storage": [{"key": "...", "value": ...}]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answers {
    #[serde(default)]
    data: Map<String, Value>,
    request: Option<RecordedRequest>,
    popup: Option<bool>,
    storage: Option<Vec<Entry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordedRequest {
    method: String,
    url: String,
    status: u16,
    body: Value,
}

/// A present payload as recorded, `null` included (an `Option` would read `null` as absent).
fn recorded<'de, D: Deserializer<'de>>(payload: D) -> Result<Option<&'de RawValue>, D::Error> {
    <&RawValue>::deserialize(payload).map(Some)
}

/// What became of each line of a replayed recording.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Replay {
    /// One entry per non-empty line, in order.
    pub entries: Vec<ReplayEntry>,
}

/// One replayed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayEntry {
    /// The line's number in the recording, from 1.
    pub line: usize,
    /// The event's name; `None` for a line of Desk's answers, or a malformed line.
    pub event: Option<String>,
    /// What happened to it.
    pub result: Result<(), ReplayError>,
}

/// Why a line of a recording did not replay cleanly.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReplayError {
    /// The line is not `{"event": "...", "payload": ...}`; serde's message.
    Malformed(String),
    /// The event was refused by the simulated Desk or failed at the widget.
    Fire(FireError),
}

/// At most 300 bytes: a malformed line is quoted by serde's message.
impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bounded::write(f, |out| match self {
            ReplayError::Malformed(message) => write!(out, "malformed record: {message}"),
            ReplayError::Fire(error) => write!(out, "{error}"),
        })
    }
}

impl std::error::Error for ReplayError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReplayError::Malformed(_) => None,
            ReplayError::Fire(error) => Some(error),
        }
    }
}

impl Replay {
    /// The entries that failed.
    pub fn failures(&self) -> impl Iterator<Item = &ReplayEntry> {
        self.entries.iter().filter(|entry| entry.result.is_err())
    }
}

impl fmt::Display for Replay {
    /// One entry a line: `line 3 call.ringing: ok`, `line 4 call.ringing: <error>`, or
    /// `line 5: malformed record: ...`; the details of a long error follow on lines indented
    /// by two spaces. The event's name, as recorded, and the error are at most 300 bytes each.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for entry in &self.entries {
            write!(f, "line {}", entry.line)?;
            if let Some(event) = &entry.event {
                f.write_char(' ')?;
                bounded::write(f, |out| out.write_str(event))?;
            }
            f.write_str(": ")?;
            match &entry.result {
                Ok(()) => writeln!(f, "ok")?,
                Err(error) => writeln!(f, "{}", error.to_string().replace('\n', "\n  "))?,
            }
        }
        Ok(())
    }
}

impl<W: Widget + 'static> SimulatedDesk<W> {
    /// Fires each event of a recording in JSON lines (one `{"event": ..., "payload": ...}`
    /// object per line; blank lines are skipped) and reports every delivery and failure. A
    /// failing line does not stop the replay. Lines of Desk's answers (`{"data": ...}`,
    /// `{"request": ...}`, `{"popup": ...}`, `{"storage": ...}`) set up what the simulated
    /// Desk answers the widget's calls from there on, as the recorded session's Desk did.
    ///
    /// ```
    /// use desk_runtime::prelude::*;
    /// use desk_runtime::events::TicketStatusChanged;
    /// use desk_runtime::sim::SimulatedDesk;
    ///
    /// #[derive(Default)]
    /// struct Status(Vec<String>);
    ///
    /// #[desk_widget(location = "desk.ticket.detail.subtab")]
    /// impl Status {
    ///     #[on("ticket_status.changed")]
    ///     fn changed(&mut self, change: TicketStatusChanged) { self.0.push(change.status); }
    /// }
    ///
    /// let recording = r#"
    /// {"event": "ticket_status.changed", "payload": {"ticket.status": "Open"}}
    /// {"event": "ticket_status.changed", "payload": {"ticket.status": 3}}
    /// {"event": "ticket_status.changed", "payload": {"ticket.status": "Closed"}}
    /// "#;
    /// let mut desk = SimulatedDesk::mount(Status::default());
    /// let replay = desk.replay(recording);
    /// assert_eq!(desk.widget().0, ["Open", "Closed"]);
    /// assert_eq!(replay.failures().map(|e| e.line).collect::<Vec<_>>(), [3]);
    /// ```
    pub fn replay(&mut self, recording: &str) -> Replay {
        let entries = recording
            .lines()
            .enumerate()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(index, text)| {
                let line = index + 1;
                match serde_json::from_str::<Record>(text) {
                    Ok(record) => {
                        let payload = record.payload.map(RawValue::get);
                        let result = self.send(&record.event, payload);
                        ReplayEntry {
                            line,
                            event: Some(record.event),
                            result: result.map_err(ReplayError::Fire),
                        }
                    }
                    Err(error) => ReplayEntry {
                        line,
                        event: None,
                        result: match serde_json::from_str::<Answers>(text) {
                            Ok(answers) => {
                                self.script(answers);
                                Ok(())
                            }
                            // Not answers either: the event line's complaint says most.
                            Err(_) => Err(ReplayError::Malformed(error.to_string())),
                        },
                    },
                }
            })
            .collect();
        Replay { entries }
    }

    /// Sets up what the simulated Desk answers from a recorded line of answers.
    fn script(&mut self, answers: Answers) {
        for (property, value) in answers.data {
            self.set_data(&property, value);
        }
        if let Some(request) = answers.request {
            self.answer_request(&request.method, &request.url, request.status, request.body);
        }
        if let Some(confirmed) = answers.popup {
            self.answer_popup(confirmed);
        }
        if let Some(entries) = answers.storage {
            self.set_storage(entries);
        }
    }
}
