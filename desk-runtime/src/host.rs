//! The one host core that every transport drives: the simulated Desk in tests, the SDK in the
//! browser. It owns the widget, its handle to Desk and its error hooks, and decides what
//! becomes of an event, so that what a test on the simulated Desk shows is what the page does.
//!
//! Events are handled one at a time, in the order they arrive. A widget without `async`
//! handlers handles each at once ([`Core::receive`]); a widget with some runs each event as a
//! task that owns the widget until it completes ([`Core::start`], [`Core::finish`]), so that no
//! borrow of the widget lives across an `.await`; events that arrive meanwhile wait in the
//! host's queue.
//!
//! A panic is fatal for the widget, on every host: on `wasm32` it aborts the page's module (no
//! unwinding), so the simulated Desk, which catches it, stops the widget too ([`Core::stopped`])
//! and refuses everything after it, rather than show a test a widget that lives on.

use crate::desk::Desk;
use crate::hook::Verdict;
use crate::widget::{Dispatch, DispatchError, Handled, Widget};
use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// The mount handler's name, `#[on("extension.onload")]`: the SDK's own name for the moment
/// the widget is loaded. Delivered by the host once, with the `App`; never subscribed to.
pub const ON_LOAD: &str = "extension.onload";

/// The prefix of a click's event name: `click:log` for the page's `data-click="log"`.
pub(crate) const CLICK: &str = "click:";

/// What a panic in [`Page::render`](crate::Page::render) is reported as, in place of an
/// event's name: the host renders the page after mounting and after every event.
pub const RENDER: &str = "Page::render";

/// The longest panic message a [`DispatchError::Panicked`] keeps, in bytes (then `...`); an
/// event's name is cut at [`NAME_LIMIT`], so that the error's message stays under 300 bytes.
const PANIC_MESSAGE_LIMIT: usize = 200;

/// The longest event name a panic's error keeps, in bytes (then `...`).
const NAME_LIMIT: usize = 60;

/// Called with the event's name and the error, for every event that failed at the widget: a
/// payload that did not decode, a handler that returned `Err` or panicked.
pub type ErrorHook = Box<dyn FnMut(&str, &DispatchError)>;

/// A widget's error hooks, shared with the browser host's panic hook, which tells them of a
/// panic while the widget (and its host core) is still borrowed by the handler.
pub(crate) type ErrorHooks = Rc<RefCell<Vec<ErrorHook>>>;

/// What became of an event sent to a widget.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// Its handler ran and succeeded.
    Handled,
    /// A hook's handler answered.
    Answered(Verdict),
    /// It did not decode, or its handler failed or panicked.
    Failed(DispatchError),
    /// The widget does not subscribe to it, so Desk did not deliver it.
    NotSubscribed,
}

/// An event's task for a widget with `async` handlers: it owns the widget until it completes,
/// and gives it back with the handler's result.
pub(crate) type Task<W> = Pin<Box<dyn Future<Output = (W, Handled)>>>;

/// A mounted widget, its handle to Desk, and where its failures go.
pub(crate) struct Core<W> {
    /// `None` while a task has it.
    widget: Option<W>,
    desk: Desk<W>,
    on_error: ErrorHooks,
    /// The panic that stopped the widget ([`DispatchError::Panicked`]): nothing reaches it
    /// after one, as nothing reaches a page whose module aborted.
    stopped: Option<DispatchError>,
}

impl<W: fmt::Debug> fmt::Debug for Core<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("widget", &self.widget)
            .field("error_hooks", &self.on_error.try_borrow().map(|h| h.len()))
            .finish_non_exhaustive()
    }
}

impl<W: Widget> Core<W> {
    pub(crate) fn new(widget: W, desk: Desk<W>) -> Self {
        Core {
            widget: Some(widget),
            desk,
            on_error: Rc::default(),
            stopped: None,
        }
    }

    /// The panic that stopped the widget, if one did: the widget is gone with it.
    pub(crate) fn stopped(&self) -> Option<&DispatchError> {
        self.stopped.as_ref()
    }

    /// What an event (or a call) that comes after the panic gets instead of the widget.
    pub(crate) fn refusal(&self) -> Option<DispatchError> {
        match self.stopped.as_ref()? {
            DispatchError::Panicked { event, message } => Some(DispatchError::Stopped {
                event: event.clone(),
                message: message.clone(),
            }),
            other => Some(other.clone()),
        }
    }

    /// The widget; `None` while an `async` handler has it.
    pub(crate) fn widget(&self) -> Option<&W> {
        self.widget.as_ref()
    }

    pub(crate) fn widget_mut(&mut self) -> Option<&mut W> {
        self.widget.as_mut()
    }

    pub(crate) fn into_widget(self) -> Option<W> {
        self.widget
    }

    pub(crate) fn set_desk(&mut self, desk: Desk<W>) {
        self.desk = desk;
    }

    /// The error hooks, for the browser host's panic hook.
    #[cfg_attr(not(feature = "browser"), allow(dead_code))]
    pub(crate) fn error_hooks(&self) -> ErrorHooks {
        Rc::clone(&self.on_error)
    }

    /// Adds a hook that sees every failure, after the ones added before it.
    pub(crate) fn add_error_hook(&mut self, hook: ErrorHook) {
        self.on_error.borrow_mut().push(hook);
    }

    /// Whether the widget handles `event`: Desk delivers nothing else. A click on the page's
    /// `data-click="name"` is the event `click:name`.
    pub(crate) fn handles(event: &str) -> bool {
        W::SUBSCRIPTIONS.contains(&event)
            || event
                .strip_prefix(CLICK)
                .is_some_and(|name| W::CLICKS.contains(&name))
    }

    /// Hands one event to a widget without `async` handlers, as Desk does: to its handler if
    /// the widget subscribes to it, to nobody if not. `None` is an event without data
    /// (`modal.closed`): the SDK calls the callback with `undefined`, a recording leaves the
    /// payload out.
    pub(crate) fn receive(&mut self, event: &str, payload: Option<&str>) -> Outcome {
        if !Self::handles(event) {
            return Outcome::NotSubscribed;
        }
        let Some(widget) = self.widget.as_mut() else {
            return Outcome::NotSubscribed;
        };
        let desk = &self.desk;
        let result = catching(event, || {
            match widget.dispatch(event, payload.unwrap_or_default(), desk) {
                Dispatch::Done(result) => result,
                // Only `async` handlers are pending, and their widgets go through `start`.
                Dispatch::Pending(_) => Err(DispatchError::Handler {
                    event: event.to_owned(),
                    message: "an `async` handler of a widget whose `Widget::ASYNC` is false"
                        .to_owned(),
                }),
            }
        });
        self.outcome(event, result)
    }

    /// Starts one event's task for a widget with `async` handlers: the task takes the widget
    /// and gives it back to [`Core::finish`]. `None` when the widget does not handle it, or a
    /// task has the widget already (the host queues events until it finishes).
    pub(crate) fn start(&mut self, event: &str, payload: Option<&str>) -> Option<Task<W>>
    where
        W: 'static,
    {
        if !Self::handles(event) {
            return None;
        }
        let mut widget = self.widget.take()?;
        let desk = self.desk.clone();
        let event = event.to_owned();
        let payload = payload.unwrap_or_default().to_owned();
        Some(Box::pin(async move {
            let result = match widget.dispatch(&event, &payload, &desk) {
                Dispatch::Done(result) => result,
                Dispatch::Pending(handler) => handler.await,
            };
            (widget, result)
        }))
    }

    /// Takes the widget back from its task, and reports the handler's result.
    pub(crate) fn finish(&mut self, event: &str, widget: W, result: Handled) -> Outcome {
        self.widget = Some(widget);
        self.outcome(event, result)
    }

    /// A handler's result as an outcome, its failure told to every error hook. A panic stops
    /// the widget: it is dropped, with whatever state the handler left it in.
    pub(crate) fn outcome(&mut self, event: &str, result: Handled) -> Outcome {
        match result {
            Ok(None) => Outcome::Handled,
            Ok(Some(verdict)) => Outcome::Answered(verdict),
            Err(error) => {
                if matches!(error, DispatchError::Panicked { .. }) {
                    self.widget = None;
                    self.stopped.get_or_insert_with(|| error.clone());
                }
                self.report(event, &error);
                Outcome::Failed(error)
            }
        }
    }

    /// [`Page::render`](crate::Page::render), as the host writes it into the page; a panic in
    /// it stops the widget as a handler's does, and is told to every error hook. `None` when
    /// there is no widget to render (a task has it, or it stopped).
    pub(crate) fn render(&mut self) -> Option<Result<String, DispatchError>>
    where
        W: crate::Page,
    {
        let widget = self.widget.as_ref()?;
        let rendered = catching(RENDER, || Ok(widget.render()));
        if let Err(error) = &rendered {
            let _ = self.outcome(RENDER, Err(error.clone()));
        }
        Some(rendered)
    }

    /// Tells every error hook.
    pub(crate) fn report(&mut self, event: &str, error: &DispatchError) {
        // Borrowed only while the browser host's panic hook tells them of a panic.
        let Ok(mut hooks) = self.on_error.try_borrow_mut() else {
            return;
        };
        for hook in hooks.iter_mut() {
            hook(event, error);
        }
    }
}

/// The error a panic in `event`'s handler (or in [`RENDER`]) is reported with: its name and its
/// message cut to bounds, since a panic's message may quote what Desk sent.
pub(crate) fn panicked(event: &str, message: &str) -> DispatchError {
    DispatchError::Panicked {
        event: cut(event, NAME_LIMIT),
        message: cut(message, PANIC_MESSAGE_LIMIT),
    }
}

/// `text`, or its first `limit` bytes (at a character's boundary) and `...`.
fn cut(text: &str, limit: usize) -> String {
    if text.len() <= limit {
        return text.to_owned();
    }
    // `get`, not indexing: a slicing panic's message would link `char`'s `Debug`.
    let kept = text
        .get(..text.floor_char_boundary(limit))
        .unwrap_or_default();
    format!("{kept}...")
}

/// Runs `f`; on targets that unwind (native code, where tests run), a panic becomes
/// [`DispatchError::Panicked`] instead of unwinding into the host, which then stops the widget
/// ([`Core::outcome`]) as the page's module would stop. On `wasm32`, panics abort the module;
/// the browser host's panic hook reports them first.
pub(crate) fn catching<T>(
    event: &str,
    f: impl FnOnce() -> Result<T, DispatchError>,
) -> Result<T, DispatchError> {
    #[cfg(panic = "unwind")]
    {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("a panic without a message");
            Err(panicked(event, message))
        })
    }
    #[cfg(not(panic = "unwind"))]
    {
        let _ = event;
        f()
    }
}
