//! The widget in its host core: handed each event, as a call or as a task that owns it until
//! it completes, and stopped for good by a panic.

use super::{CLICK, NAME_LIMIT};
use crate::bounded::cut;
use crate::desk::Desk;
use crate::errors::{DispatchError, RENDER};
use crate::message::Chain;
use crate::widget::{Dispatch, Handled, Widget};
use std::future::Future;
use std::pin::Pin;

/// The longest panic message a [`DispatchError::Panicked`] keeps, in bytes (then `...`); an
/// event's name is cut at [`NAME_LIMIT`], so that the error's message stays under 300 bytes.
#[cfg_attr(
    all(target_arch = "wasm32", not(feature = "browser")),
    allow(dead_code)
)]
const PANIC_MESSAGE_LIMIT: usize = 200;

/// An event's task for a widget with `async` handlers: it owns the widget until it completes,
/// and gives it back with the handler's result.
pub(crate) type Task<W> = Pin<Box<dyn Future<Output = (W, Handled)>>>;

/// A mounted widget and its handle to Desk.
pub(crate) struct Mounted<W> {
    /// `None` while a task has it, and once a panic stopped it.
    pub(crate) widget: Option<W>,
    pub(crate) desk: Desk<W>,
    /// The panic that stopped the widget ([`DispatchError::Panicked`]): nothing reaches it
    /// after one, as nothing reaches a page whose module aborted.
    pub(crate) stopped: Option<DispatchError>,
}

impl<W: Widget + 'static> Mounted<W> {
    /// What an event (or a call) that comes after the panic gets instead of the widget.
    pub(crate) fn refusal(&self) -> Option<DispatchError> {
        // Only where panics unwind is a widget stopped and its host alive (`failed`): on
        // `wasm32` the module is gone, and its code holds no refusal.
        if !cfg!(panic = "unwind") {
            return None;
        }
        match self.stopped.as_ref()? {
            DispatchError::Panicked { event, message } => Some(DispatchError::Stopped {
                event: event.clone(),
                message: message.clone(),
            }),
            other => Some(other.clone()),
        }
    }

    /// Whether the widget handles `event`: Desk delivers nothing else. A click on the page's
    /// `data-click="name"` is the event `click:name`.
    pub(crate) fn handles(event: &str) -> bool {
        W::SUBSCRIPTIONS.contains(&event)
            || event
                .strip_prefix(CLICK)
                .is_some_and(|name| W::CLICKS.contains(&name))
    }

    /// Hands one event to a widget without `async` handlers: its handler's result at once.
    /// `None` is an event without data (`modal.closed`).
    pub(crate) fn receive(&mut self, event: &str, payload: Option<&str>) -> Handled {
        let (mut chain, payload) = Chain::of(event, payload.unwrap_or_default());
        self.desk.admit(&mut chain, event)?;
        let Some(widget) = self.widget.as_mut() else {
            return Err(DispatchError::Handler {
                event: event.to_owned(),
                message: "the widget is with a task".to_owned(),
            });
        };
        let desk = &self.desk;
        desk.enter(chain);
        catching(event, || match widget.dispatch(event, payload, desk) {
            Dispatch::Done(result) => result,
            // Only `async` handlers are pending, and their widgets go through `start`.
            Dispatch::Pending(_) => Err(DispatchError::Handler {
                event: event.to_owned(),
                message: "an `async` handler of a widget whose `Widget::ASYNC` is false".to_owned(),
            }),
        })
    }

    /// Starts one event's task for a widget with `async` handlers: the task takes the widget,
    /// and gives it back when it completes. A message past
    /// [`MESSAGE_CHAIN_LIMIT`](crate::MESSAGE_CHAIN_LIMIT) (or [`MESSAGE_CHAIN_WIDTH`](crate::MESSAGE_CHAIN_WIDTH)) is a task that fails at once, the
    /// widget untouched. `None` when a task has the widget already.
    pub(crate) fn start(&mut self, event: &str, payload: Option<&str>) -> Option<Task<W>> {
        let mut widget = self.widget.take()?;
        let (mut chain, payload) = Chain::of(event, payload.unwrap_or_default());
        let checked = self.desk.admit(&mut chain, event);
        let desk = self.desk.clone();
        desk.enter(chain);
        let event = event.to_owned();
        let payload = payload.to_owned();
        Some(Box::pin(async move {
            let result = match checked.map(|()| widget.dispatch(&event, &payload, &desk)) {
                Err(error) => Err(error),
                Ok(Dispatch::Done(result)) => result,
                Ok(Dispatch::Pending(handler)) => handler.await,
            };
            (widget, result)
        }))
    }

    /// A handler's failure: a panic stops the widget, which is dropped with whatever state the
    /// handler left it in.
    pub(crate) fn failed(&mut self, error: &DispatchError) {
        // Only where panics unwind: on `wasm32` the module is gone before any error.
        if cfg!(panic = "unwind") && matches!(error, DispatchError::Panicked { .. }) {
            self.widget = None;
            self.stopped.get_or_insert_with(|| error.clone());
        }
    }
}

/// `render(widget)`, a panic in it caught as the failure of [`RENDER`].
pub(crate) fn render<W>(widget: &W, render: fn(&W) -> String) -> Result<String, DispatchError> {
    catching(RENDER, || Ok(render(widget)))
}

/// The error a panic in `event`'s handler (or in [`RENDER`]) is reported with: its name and its
/// message cut to bounds, since a panic's message may quote what Desk sent.
#[cfg_attr(
    all(target_arch = "wasm32", not(feature = "browser")),
    allow(dead_code)
)]
pub(crate) fn panicked(event: &str, message: &str) -> DispatchError {
    DispatchError::Panicked {
        event: cut(event, NAME_LIMIT),
        message: cut(message, PANIC_MESSAGE_LIMIT),
    }
}

/// Runs `f`; on targets that unwind (native code, where tests run), a panic becomes
/// [`DispatchError::Panicked`] instead of unwinding into the host, which then stops the widget
/// as the page's module would stop. On `wasm32`, panics abort the module; the browser host's
/// panic hook reports them first.
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
