//! The [`Desk`] handle, and what joins it to its host core: the calls its handlers made and
//! Desk's answers to them, the clock, the `App` and the chain of messages of the event being
//! handled. No I/O: the core turns each call into an effect for its driver to carry out, and the
//! driver hands each answer back as an input.
//!
//! The handle's type is here, below the widget trait, because [`Widget::dispatch`](
//! crate::Widget::dispatch) takes it; its calls are in `desk`, above the widget trait, because
//! they are bounded on the widget's location and extension.

use crate::app::LoadedApp;
use crate::errors::{DispatchError, HostError};
use crate::message::{Chain, Ledger};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// A value as JSON text, written by this crate (always valid).
pub(crate) type Json = String;

/// The host's handle: what a handler that talks back to Desk takes, `desk: &Desk<Self>`.
pub struct Desk<W> {
    /// Its host core's side: `None` for a detached handle, which allocates nothing, and for a
    /// widget that never talks back, whose module then links none of the calls.
    pub(crate) link: Option<Rc<Link>>,
    pub(crate) widget: PhantomData<fn() -> W>,
}

impl<W> fmt::Debug for Desk<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Desk")
            .field("connected", &self.link.is_some())
            .finish_non_exhaustive()
    }
}

impl<W> Clone for Desk<W> {
    fn clone(&self) -> Self {
        Desk {
            link: self.link.clone(),
            widget: PhantomData,
        }
    }
}

/// A call's number, in the order the widget made its calls (from 1).
pub(crate) type CallId = u64;

/// A call a handler made to Desk, for the driver to carry out.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub(crate) enum Outbound {
    /// `ZOHODESK.<function>(...arguments)`.
    Sdk {
        /// `get`, `set`, `delete`, `invoke`, `request`, `notify` or `showpopup`.
        function: &'static str,
        /// Its arguments, as a JSON array's text (written without `serde_json::Value`, for a
        /// module that needs none).
        arguments: Json,
    },
    /// `App.instance.getWidgets()`: the extension's widgets, `[{widgetID, location, name,
    /// url}]`.
    Widgets,
    /// `emit(name, data)` on the instance of the widget `to`, or on the widget's own
    /// (`App.instance`) for `None`.
    Emit {
        /// The receiver's `widgetID`.
        to: Option<String>,
        /// The message's name.
        name: &'static str,
        /// The message, as JSON text.
        data: Json,
    },
    /// Opens a modal page (`App.instance.modal({url, title})`), passes it `input` when it is
    /// ready, and is answered with its result once it closes: `null` when it was dismissed.
    OpenModal {
        /// The modal page's path in the package.
        url: String,
        /// Its title.
        title: &'static str,
        /// Its input, as JSON text.
        input: Json,
    },
}

/// The handles' side of the core, shared by every clone of the widget's handle.
#[derive(Debug, Default)]
pub(crate) struct Link {
    app: LoadedApp,
    now_ms: Cell<f64>,
    /// Calls made and not yet taken by the core, in order.
    made: RefCell<VecDeque<(CallId, Outbound)>>,
    /// Calls made and not answered yet. (Vectors, not maps: a handler awaits a call or two at
    /// a time, and a map's code is kilobytes of every module.)
    awaiting: RefCell<Vec<CallId>>,
    /// Answers that arrived and that no call has taken yet.
    answers: RefCell<Vec<(CallId, Result<Json, HostError>)>>,
    calls: Cell<CallId>,
    chain: RefCell<Chain>,
    /// The chains of messages the widget took part in lately.
    ledger: RefCell<Ledger>,
}

impl Link {
    pub(crate) fn new(app: LoadedApp) -> Self {
        Link {
            app,
            ..Link::default()
        }
    }

    pub(crate) fn app(&self) -> &LoadedApp {
        &self.app
    }

    pub(crate) fn now_ms(&self) -> f64 {
        self.now_ms.get()
    }

    pub(crate) fn set_now_ms(&self, now_ms: f64) {
        self.now_ms.set(now_ms);
    }

    /// Makes a call: its answer, once the driver has handed it to the core.
    pub(crate) fn call(self: &Rc<Self>, request: Outbound) -> Pending {
        let id = self.calls.get() + 1;
        self.calls.set(id);
        self.made.borrow_mut().push_back((id, request));
        self.awaiting.borrow_mut().push(id);
        Pending {
            link: Rc::clone(self),
            id,
        }
    }

    /// The next call made, for the core to turn into an effect.
    pub(crate) fn take_call(&self) -> Option<(CallId, Outbound)> {
        self.made.borrow_mut().pop_front()
    }

    /// Desk's answer to a call: whether it was awaited. An answer to no call made, a second
    /// answer, or one to a call whose handler is gone, is dropped.
    pub(crate) fn answer(&self, id: CallId, answer: Result<Json, HostError>) -> bool {
        let mut awaiting = self.awaiting.borrow_mut();
        let Some(index) = awaiting.iter().position(|&awaited| awaited == id) else {
            return false;
        };
        awaiting.swap_remove(index);
        self.answers.borrow_mut().push((id, answer));
        true
    }

    /// Admits the event of `chain` that the widget is about to handle, or refuses it
    /// ([`Ledger::admit`]).
    pub(crate) fn admit(&self, chain: &mut Chain, event: &str) -> Result<(), DispatchError> {
        self.ledger.borrow_mut().admit(chain, event)
    }

    /// Notes the chain of messages of the event the widget is about to handle.
    pub(crate) fn enter(&self, chain: Chain) {
        *self.chain.borrow_mut() = chain;
    }

    /// A message's JSON in the envelope that carries its chain: the one of the event being
    /// handled, one deeper.
    pub(crate) fn envelope(&self, message: &str) -> String {
        self.chain.borrow().envelope(message)
    }
}

/// A call in flight: ready once Desk's answer reached the core. Dropped (its handler's task
/// gone with a panic), it awaits nothing more.
pub(crate) struct Pending {
    link: Rc<Link>,
    id: CallId,
}

impl Future for Pending {
    type Output = Result<Json, HostError>;

    // The core polls its task again after every input; nothing else wakes it.
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        let mut answers = self.link.answers.borrow_mut();
        match answers.iter().position(|(id, _)| *id == self.id) {
            Some(index) => Poll::Ready(answers.swap_remove(index).1),
            None => Poll::Pending,
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.link.awaiting.borrow_mut().retain(|&id| id != self.id);
        self.link
            .answers
            .borrow_mut()
            .retain(|(id, _)| *id != self.id);
    }
}
