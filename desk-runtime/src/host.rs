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

/// The names a host subscribes the widget to (`App.instance.on`), in declaration order: each
/// once, whatever [`Widget::SUBSCRIPTIONS`] holds, and not the mount handler's
/// [`ON_LOAD`], which the host delivers itself.
///
/// `#[desk_widget]` refuses two handlers of one name, but a hand-written `Widget` may repeat
/// one; Desk calls every callback subscribed to a name, so a second subscription would deliver
/// each event twice.
pub(crate) fn subscriptions<W: Widget>() -> impl Iterator<Item = &'static str> {
    let all = W::SUBSCRIPTIONS;
    all.iter()
        .enumerate()
        .filter(|&(index, name)| *name != ON_LOAD && !all[..index].contains(name))
        .map(|(_, name)| *name)
}

/// What a panic in [`Page::render`](crate::Page::render) is reported as, in place of an
/// event's name: the host renders the page after mounting and after every event.
pub const RENDER: &str = "Page::render";

/// The longest panic message a [`DispatchError::Panicked`] keeps, in bytes (then `...`); an
/// event's name is cut at [`NAME_LIMIT`], so that the error's message stays under 300 bytes.
#[cfg_attr(
    all(target_arch = "wasm32", not(feature = "browser")),
    allow(dead_code)
)]
const PANIC_MESSAGE_LIMIT: usize = 200;

/// The longest event name a panic's error keeps, in bytes (then `...`).
const NAME_LIMIT: usize = 60;

/// How long a chain of messages between widgets may be: a message sent by the handler of a
/// message sent by the handler of ... one event of Desk (or one action of the agent). A message
/// deeper than this is not delivered, and the error hooks are told
/// ([`DispatchError::MessageLoop`]): two widgets that answer each other's messages forever stop
/// there, on every host.
pub const MESSAGE_CHAIN_LIMIT: u32 = 16;

/// The start of a message's envelope, which carries the chain it belongs to:
/// `{"deskWidgets.chain":3,"message":<the message>,"origin":"call.ringing"}`. Its keys are in
/// alphabetical order, as every JSON writer on the way (`serde_json`'s map, `JSON.stringify` of
/// `JSON.parse`) keeps them.
const ENVELOPE: &str = "{\"deskWidgets.chain\":";

/// The key between a message's envelope's depth and the message.
const ENVELOPE_MESSAGE: &str = ",\"message\":";

/// The key between the message and the chain's origin, the envelope's last.
const ENVELOPE_ORIGIN: &str = ",\"origin\":\"";

/// Where an event stands in a chain of messages between widgets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Chain {
    /// The event of Desk (or the agent's action) that set the chain off.
    origin: String,
    /// How many messages deep the event is: 0 for that event itself.
    depth: u32,
}

impl Chain {
    /// The chain `payload` belongs to, and the payload without its envelope: a message sent by
    /// a handler ([`Chain::envelope`]) is one deeper than the event that handler handled;
    /// anything else (an event of Desk, a message from a widget written in JavaScript) starts a
    /// chain.
    pub(crate) fn of<'a>(event: &str, payload: &'a str) -> (Chain, &'a str) {
        Self::unwrap(payload).unwrap_or_else(|| {
            let chain = Chain {
                origin: event.to_owned(),
                depth: 0,
            };
            (chain, payload)
        })
    }

    fn unwrap(payload: &str) -> Option<(Chain, &str)> {
        let rest = payload.strip_prefix(ENVELOPE)?;
        let digits = rest.bytes().position(|b| !b.is_ascii_digit())?;
        // Folded by hand: `str::parse` links a general parser (340 bytes of every module).
        let depth = rest.bytes().take(digits).try_fold(0_u32, |depth, digit| {
            depth.checked_mul(10)?.checked_add(u32::from(digit - b'0'))
        })?;
        let rest = rest.get(digits..)?.strip_prefix(ENVELOPE_MESSAGE)?;
        let rest = rest.strip_suffix("\"}")?;
        // The origin holds no quote ([`Chain::envelope`]): the last quote opens it. (Bytes
        // searched by hand: `str`'s searchers index, and link slicing panics and kilobytes.)
        let quote = rest.bytes().rposition(|b| b == b'"')?;
        let origin = rest.get(quote + 1..)?;
        let message = rest.get(..=quote)?.strip_suffix(ENVELOPE_ORIGIN)?;
        let chain = Chain {
            origin: origin.to_owned(),
            depth,
        };
        Some((chain, message))
    }

    /// `message`, JSON sent by a handler of this chain's event, in its envelope: one deeper.
    /// The origin keeps the characters of event names only, so that it needs no escaping.
    pub(crate) fn envelope(&self, message: &str) -> String {
        let origin: String = self
            .origin
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':'))
            .take(NAME_LIMIT)
            .collect();
        let depth = self.depth.saturating_add(1);
        format!("{ENVELOPE}{depth}{ENVELOPE_MESSAGE}{message}{ENVELOPE_ORIGIN}{origin}\"}}")
    }

    /// Refuses an event past [`MESSAGE_CHAIN_LIMIT`].
    fn check(&self, event: &str) -> Result<(), DispatchError> {
        if self.depth <= MESSAGE_CHAIN_LIMIT {
            return Ok(());
        }
        Err(DispatchError::MessageLoop {
            message: cut(event, NAME_LIMIT),
            origin: cut(&self.origin, NAME_LIMIT),
            depth: self.depth,
        })
    }
}

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
        let (chain, payload) = Chain::of(event, payload.unwrap_or_default());
        if let Err(error) = chain.check(event) {
            return self.outcome(event, Err(error));
        }
        let Some(widget) = self.widget.as_mut() else {
            return Outcome::NotSubscribed;
        };
        let desk = &self.desk;
        desk.enter(chain);
        let result = catching(event, || {
            match widget.dispatch(event, payload, desk) {
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
    /// task has the widget already (the host queues events until it finishes). A message past
    /// [`MESSAGE_CHAIN_LIMIT`] is a task that fails at once, the widget untouched.
    pub(crate) fn start(&mut self, event: &str, payload: Option<&str>) -> Option<Task<W>>
    where
        W: 'static,
    {
        if !Self::handles(event) {
            return None;
        }
        let mut widget = self.widget.take()?;
        let (chain, payload) = Chain::of(event, payload.unwrap_or_default());
        let checked = chain.check(event);
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
                // Only where panics unwind: on `wasm32` the module is gone before any error.
                #[cfg(panic = "unwind")]
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
/// message cut to bounds, since a panic's message may quote what Desk sent. (Neither host
/// reports panics on `wasm32` without the browser's: nothing unwinds, and no hook is set.)
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

/// `text`, or its first `limit` bytes (at a character's boundary) and `...`.
fn cut(text: &str, limit: usize) -> String {
    if text.len() <= limit {
        return text.to_owned();
    }
    // `is_char_boundary` and `get`, not `floor_char_boundary` and indexing, which link slicing
    // panics (and their messages) into every module.
    let end = (0..=limit)
        .rev()
        .find(|&end| text.is_char_boundary(end))
        .unwrap_or(0);
    format!("{}...", text.get(..end).unwrap_or_default())
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

#[cfg(test)]
mod tests {
    use super::{Chain, MESSAGE_CHAIN_LIMIT};

    #[test]
    fn a_message_in_its_envelope_is_one_deeper_in_the_same_chain() {
        let (start, payload) = Chain::of("call.ringing", r#"{"number":"1"}"#);
        assert_eq!(payload, r#"{"number":"1"}"#);
        let sent = start.envelope(r#"{"name":"Ada, \"origin\":\"x\"}"}"#);
        let (chain, message) = Chain::of("test.caller", &sent);
        assert_eq!(message, r#"{"name":"Ada, \"origin\":\"x\"}"}"#);
        assert_eq!(chain.origin, "call.ringing");
        assert_eq!(chain.depth, 1);
        let (deeper, _) = Chain::of("test.caller", &chain.envelope("7"));
        assert_eq!(deeper.depth, 2);
    }

    #[test]
    fn the_limit_refuses_the_message_past_it_with_a_bounded_error() {
        let origin = "x".repeat(10_000);
        let mut chain = Chain::of(&origin, "1").0;
        for _ in 0..MESSAGE_CHAIN_LIMIT {
            chain = Chain::of("m", &chain.envelope("1")).0;
            assert!(chain.check("m").is_ok());
        }
        let past = Chain::of("m", &chain.envelope("1")).0;
        let error = past.check(&"m".repeat(10_000)).unwrap_err().to_string();
        assert!(error.len() <= 300, "{} bytes: {error}", error.len());
    }

    #[test]
    fn what_is_not_an_envelope_starts_a_chain_as_it_is() {
        for payload in [
            r#"{"deskWidgets.chain":"1","message":1,"origin":"a"}"#,
            r#"{"deskWidgets.chain":99999999999,"message":1,"origin":"a"}"#,
            r#"{"deskWidgets.chain":1,"message":1}"#,
            r#"{"deskWidgets.chain":1,"origin":"a"}"#,
            r#"{"deskWidgets.chain":"#,
            "",
        ] {
            let (chain, message) = Chain::of("event", payload);
            assert_eq!((chain.depth, message), (0, payload));
        }
    }
}
