//! The table every page shows: one row per assumption this library makes of Desk, what the
//! library expects, what Desk did, and whether that passes.

use desk_runtime::html::escape;
use std::fmt::{Debug, Display, Write};

/// Whether Desk did what the library expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It did.
    Pass,
    /// It did not: the row says what it did instead.
    Fail,
    /// Not yet: the agent has something to do in Desk (the row says what).
    Waiting,
}

impl Outcome {
    /// [`Outcome::Pass`] if `passed`, else [`Outcome::Fail`].
    #[must_use]
    pub fn of(passed: bool) -> Outcome {
        if passed { Outcome::Pass } else { Outcome::Fail }
    }
}

/// One assumption, checked.
#[derive(Debug, Clone)]
pub struct Row {
    /// What the library assumes, e.g. `get("ticket.email")`.
    pub assumption: String,
    /// What it expects Desk to do.
    pub expected: String,
    /// What Desk did.
    pub observed: String,
    /// Whether that passes.
    pub outcome: Outcome,
}

/// A page's rows, in the order they were checked.
#[derive(Debug, Default)]
pub struct Report {
    rows: Vec<Row>,
}

/// What Desk did, shown in a row: at most this many characters.
const SHOWN: usize = 160;

impl Report {
    /// Records a row; a row of the same assumption (one that was waiting) is replaced.
    pub fn record(&mut self, assumption: &str, expected: &str, observed: &str, outcome: Outcome) {
        let row = Row {
            assumption: assumption.to_owned(),
            expected: expected.to_owned(),
            observed: cut(observed),
            outcome,
        };
        match self.rows.iter_mut().find(|r| r.assumption == assumption) {
            Some(waiting) => *waiting = row,
            None => self.rows.push(row),
        }
    }

    /// Records what a call answered: it passes if `pass` says so of the answer.
    pub fn check<T: Debug, E: Display>(
        &mut self,
        assumption: &str,
        expected: &str,
        answer: &Result<T, E>,
        pass: impl FnOnce(&Result<T, E>) -> bool,
    ) {
        let observed = match answer {
            Ok(value) => format!("{value:?}"),
            Err(error) => format!("error: {error}"),
        };
        self.record(assumption, expected, &observed, Outcome::of(pass(answer)));
    }

    /// A row that waits for the agent to do something in Desk (`to_do`).
    pub fn wait(&mut self, assumption: &str, expected: &str, to_do: &str) {
        self.record(assumption, expected, to_do, Outcome::Waiting);
    }

    /// The rows.
    #[must_use]
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The table, everything from Desk escaped; each row's class is its outcome.
    #[must_use]
    pub fn render(&self) -> String {
        let mut table = String::from(
            "<table><tr><th>assumption</th><th>the library expects</th><th>Desk did</th>\
             <th>pass / fail</th></tr>",
        );
        for row in &self.rows {
            let outcome = match row.outcome {
                Outcome::Pass => "pass",
                Outcome::Fail => "fail",
                Outcome::Waiting => "waiting",
            };
            let _ = write!(
                table,
                "<tr class=\"{outcome}\"><td>{}</td><td>{}</td><td>{}</td><td>{outcome}</td></tr>",
                escape(&row.assumption),
                escape(&row.expected),
                escape(&row.observed),
            );
        }
        table + "</table>"
    }
}

/// `text` cut at [`SHOWN`] characters: answers may be long.
fn cut(text: &str) -> String {
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}
