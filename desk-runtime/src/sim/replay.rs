//! Replaying a recorded sequence of events, to reproduce a bug report.

use super::{FireError, SimulatedDesk};
use crate::widget::Widget;
use serde::Deserialize;
use std::fmt;

/// One line of a recording: `{"event": "call.ringing", "payload": {...}}`. The payload may be
/// absent (for `modal.closed`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    event: String,
    #[serde(default)]
    payload: Option<serde_json::Value>,
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
    /// The event's name (empty when the line is malformed).
    pub event: String,
    /// What happened to it.
    pub result: Result<(), FireError>,
}

impl Replay {
    /// The entries that failed.
    pub fn failures(&self) -> impl Iterator<Item = &ReplayEntry> {
        self.entries.iter().filter(|entry| entry.result.is_err())
    }
}

impl fmt::Display for Replay {
    /// One line per entry: `line 3 call.ringing: ok` or `line 4 call.ringing: <error>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for entry in &self.entries {
            write!(f, "line {} {}: ", entry.line, entry.event)?;
            match &entry.result {
                Ok(()) => writeln!(f, "ok")?,
                Err(error) => writeln!(f, "{error}")?,
            }
        }
        Ok(())
    }
}

impl<W: Widget> SimulatedDesk<W> {
    /// Fires each event of a recording in JSON lines (one `{"event": ..., "payload": ...}`
    /// object per line; blank lines are skipped) and reports every delivery and failure. A
    /// failing line does not stop the replay.
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
                        let payload = record.payload.map(|p| p.to_string()).unwrap_or_default();
                        let result = self.fire(&record.event, &payload);
                        ReplayEntry {
                            line,
                            event: record.event,
                            result,
                        }
                    }
                    Err(error) => ReplayEntry {
                        line,
                        event: String::new(),
                        result: Err(FireError::MalformedRecord(error.to_string())),
                    },
                }
            })
            .collect();
        Replay { entries }
    }
}
