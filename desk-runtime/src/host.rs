//! The one host core that every transport drives: the simulated Desk in tests, the SDK in the
//! browser. It owns the widget and its error hook and decides what becomes of an event, so that
//! what a test on the simulated Desk shows is what the page does.

use crate::deliver::deliver;
use crate::widget::{DispatchError, Widget};
use std::fmt;

/// Called with the event's name and the error, for every event that failed at the widget: a
/// payload that did not decode, a handler that returned `Err` or panicked.
pub type ErrorHook = Box<dyn FnMut(&str, &DispatchError)>;

/// What became of an event sent to a widget.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// Its handler ran and succeeded.
    Handled,
    /// It did not decode, or its handler failed or panicked.
    Failed(DispatchError),
    /// The widget does not subscribe to it, so Desk did not deliver it.
    NotSubscribed,
}

/// A mounted widget and where its failures go.
pub(crate) struct Core<W> {
    pub(crate) widget: W,
    on_error: Vec<ErrorHook>,
}

impl<W: fmt::Debug> fmt::Debug for Core<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("widget", &self.widget)
            .field("error_hooks", &self.on_error.len())
            .finish()
    }
}

impl<W: Widget> Core<W> {
    pub(crate) fn new(widget: W) -> Self {
        Core {
            widget,
            on_error: Vec::new(),
        }
    }

    /// Adds a hook that sees every failure, after the ones added before it.
    pub(crate) fn add_error_hook(&mut self, hook: ErrorHook) {
        self.on_error.push(hook);
    }

    /// Hands one event to the widget, as Desk does: to its handler if the widget subscribes to
    /// it, to nobody if not. `None` is an event without data (`modal.closed`): the SDK calls
    /// the callback with `undefined`, a recording leaves the payload out.
    pub(crate) fn receive(&mut self, event: &str, payload: Option<&str>) -> Outcome {
        if !W::SUBSCRIPTIONS.contains(&event) {
            return Outcome::NotSubscribed;
        }
        match deliver(&mut self.widget, event, payload.unwrap_or_default()) {
            Ok(()) => Outcome::Handled,
            Err(error) => {
                self.report(event, &error);
                Outcome::Failed(error)
            }
        }
    }

    /// Tells every error hook.
    pub(crate) fn report(&mut self, event: &str, error: &DispatchError) {
        for hook in &mut self.on_error {
            hook(event, error);
        }
    }
}
