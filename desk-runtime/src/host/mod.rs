//! The one host core: a state machine that decides everything that happens to a mounted
//! widget, and that both hosts drive, the simulated Desk in tests and the SDK in the browser.
//! What a test on the simulated Desk shows is what the page does because the page runs this
//! same code, on the same inputs.
//!
//! It is written sans-IO, as quinn-proto or rustls are: it takes inputs and yields effects, and
//! does no I/O of its own. The inputs are an event or a message arriving ([`Host::receive`]), a
//! hook asked ([`Host::attempt`]), the agent's click ([`Host::receive`] of `click:name`), Desk's
//! answer to a call ([`Host::answer`]), a hook's deadline passing ([`Host::deadline`]) and a
//! woken task to poll again ([`Host::repoll`]). The effects ([`Host::poll_effect`]) are a call
//! to make, a page to show, a hook to answer, a deadline to set, a task to poll again, an error
//! to report and an event's outcome. Its drivers, `sim` and
//! `browser`, only carry effects out and feed inputs in.
//!
//! Events are handled one at a time, in the order they arrive. A widget without `async`
//! handlers handles each at once; a widget with some runs each event as a task that owns the
//! widget until it completes, so that no borrow of the widget lives across an `.await`, and
//! events that arrive meanwhile wait in the queue. The core polls a task again after each of
//! Desk's answers, and whenever its waker is woken (`wake`): a handler may await any future, a
//! timer or `yield_now` as well as a Desk call. A task that waits, with no call outstanding
//! and no wake, is not stuck: what it awaits wakes it later.
//!
//! A panic is fatal for the widget, on every host: on `wasm32` it aborts the page's module (no
//! unwinding), so the core, which catches it natively, stops the widget too and refuses
//! everything after it, rather than show a test a widget that lives on.

mod mounted;
mod wake;

#[cfg_attr(not(feature = "browser"), allow(unused_imports))]
pub(crate) use mounted::panicked;

use crate::app::LoadedApp;
use crate::desk::Desk;
use crate::errors::{DispatchError, HostError, RENDER};
use crate::hook::{HOOK_DEADLINE_MS, HookPolicy, Verdict};
use crate::link::{CallId, Link, Outbound};
use crate::widget::{Handled, Widget};
use mounted::{Mounted, Task, catching};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use wake::Woken;

/// The mount handler's name, `#[on("extension.onload")]`: the SDK's own name for the moment
/// the widget is loaded. Delivered by the host once, with the `App`; never subscribed to.
pub const ON_LOAD: &str = "extension.onload";

/// The prefix of a click's event name: `click:log` for the page's `data-click="log"`.
pub(crate) const CLICK: &str = "click:";

/// The longest event name an error keeps, in bytes (then `...`).
// Panics are reported on native targets and by the browser's panic hook: nowhere else.
#[cfg_attr(
    all(target_arch = "wasm32", not(feature = "browser")),
    allow(dead_code)
)]
const NAME_LIMIT: usize = 60;

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

/// Called with the event's name and the error, for every event that failed at the widget: a
/// payload that did not decode, a handler that returned `Err` or panicked.
pub type ErrorHook = Box<dyn FnMut(&str, &DispatchError)>;

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

/// One event that reached the widget's host, once the widget is done with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Its number, in the order events reached the host (from 1).
    pub number: u64,
    /// The event's name.
    pub event: String,
    /// The payload, as JSON; `None` for an event sent without data.
    pub payload: Option<String>,
    /// What became of it.
    pub outcome: Outcome,
}

/// What the core asks its driver to do, in order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Effect {
    /// Make this call to Desk, and hand its answer back with [`Host::answer`].
    Call(CallId, Outbound),
    /// Show this page in the widget's `#app` (what [`Page::render`](crate::Page::render)
    /// wrote).
    Show(String),
    /// Answer Desk's hook callback of the event `number`.
    AnswerHook { number: u64, verdict: Verdict },
    /// Call [`Host::deadline`] for the hook of the event `number` after this long.
    SetDeadline { number: u64, after_ms: u32 },
    /// Call [`Host::repoll`] soon, once this input is done: the running task was woken while
    /// it was polled (a future that wakes itself, as `yield_now`).
    Repoll,
    /// Tell the error hooks.
    Report { event: String, error: DispatchError },
    /// What became of an event (the outcome log).
    Done(Delivery),
}

/// An event waiting for the widget, numbered in the order it arrived.
#[derive(Debug)]
struct Queued {
    number: u64,
    event: String,
    payload: Option<String>,
    /// A hook's, with what it answers when its handler cannot.
    hook: Option<HookPolicy>,
}

/// A hook Desk asked and that the core has not answered yet.
#[derive(Debug)]
struct Asked {
    number: u64,
    policy: HookPolicy,
    payload: Option<String>,
}

/// The host core of one mounted widget.
pub(crate) struct Host<W> {
    mounted: Mounted<W>,
    /// Shared with the widget's handles: the calls they make, the answers they await.
    link: Rc<Link>,
    /// How the widget's page is rendered, when it has one.
    render: Option<fn(&W) -> String>,
    queue: VecDeque<Queued>,
    /// The event whose task has the widget, the task, and its waker's state.
    running: Option<(Queued, Task<W>, Arc<Woken>)>,
    /// What the driver does when a task is woken while the core is not running: the browser
    /// schedules [`Host::repoll`]. The simulated Desk has nothing that wakes a task then.
    notify: fn(),
    asked: Vec<Asked>,
    /// The hooks answered at their deadline: their handlers' answers are dropped.
    late: Vec<u64>,
    effects: VecDeque<Effect>,
    received: u64,
}

thread_local! {
    /// The event a widget is handling (or [`RENDER`]), for a panic hook: on `wasm32` a panic
    /// aborts the module before the core can say what it was doing.
    static HANDLING: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The event the widget on this thread was handling when it panicked.
#[cfg_attr(not(feature = "browser"), allow(dead_code))]
pub(crate) fn handling() -> Option<String> {
    HANDLING.with(|handling| handling.try_borrow_mut().ok()?.take())
}

fn note_handling(event: Option<&str>) {
    HANDLING.with(|handling| {
        if let Ok(mut handling) = handling.try_borrow_mut() {
            *handling = event.map(str::to_owned);
        }
    });
}

impl<W: fmt::Debug> fmt::Debug for Host<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Host")
            .field("widget", &self.mounted.widget)
            .field("queued", &self.queue.len())
            .field("running", &self.running.is_some())
            .finish_non_exhaustive()
    }
}

impl<W: Widget + 'static> Host<W> {
    /// The core of `widget`, its handles joined to it by `link`.
    pub(crate) fn new(widget: W, link: Link) -> Self {
        let link = Rc::new(link);
        Host {
            mounted: Mounted {
                widget: Some(widget),
                desk: Desk::connected(&link),
                stopped: None,
            },
            link,
            render: None,
            queue: VecDeque::new(),
            running: None,
            notify: || {},
            asked: Vec::new(),
            late: Vec::new(),
            effects: VecDeque::new(),
            received: 0,
        }
    }

    /// Renders the widget's page once loaded and after every event: `render` is
    /// [`Page::render`](crate::Page::render).
    pub(crate) fn rendering(&mut self, render: fn(&W) -> String) {
        self.render = Some(render);
    }

    /// Replaces the `App` the widget's handles see, before it is loaded.
    pub(crate) fn set_app(&mut self, app: LoadedApp) {
        self.link = Rc::new(Link::new(app));
        self.mounted.desk = Desk::connected(&self.link);
    }

    /// Calls `notify` when a task is woken while the core is not running (a timer, a Promise
    /// of the handler's own): the driver then calls [`Host::repoll`] soon, outside the waker.
    #[cfg_attr(not(feature = "browser"), allow(dead_code))]
    pub(crate) fn notifying(&mut self, notify: fn()) {
        self.notify = notify;
    }

    /// The link its handles share, to set the clock on.
    pub(crate) fn link(&self) -> &Link {
        &self.link
    }

    /// The next thing for the driver to do.
    pub(crate) fn poll_effect(&mut self) -> Option<Effect> {
        self.effects.pop_front()
    }

    /// The widget is loaded, with the `App` as JSON: its page is shown, and its mount handler
    /// runs if it has one.
    /// Returns the mount handler's event number, if it has one.
    pub(crate) fn load(&mut self, app: &str) -> Option<u64> {
        // A panic in the first render stops the widget; the effects say so.
        let _ = self.show();
        W::SUBSCRIPTIONS
            .contains(&ON_LOAD)
            .then(|| self.receive(ON_LOAD, Some(app)))
    }

    /// The page as [`Page::render`](crate::Page::render) writes it now (for the simulated
    /// agent to look at); a panic in it stops the widget. `None` when a task has the widget
    /// or it stopped.
    pub(crate) fn page(
        &mut self,
        render: fn(&W) -> String,
    ) -> Option<Result<String, DispatchError>> {
        self.mounted.widget.as_ref()?;
        Some(self.render_with(render))
    }

    /// `render` of the widget, a panic in it stopping the widget as a handler's does.
    fn render_with(&mut self, render: fn(&W) -> String) -> Result<String, DispatchError> {
        let Some(widget) = self.mounted.widget.as_ref() else {
            return Ok(String::new());
        };
        note_handling(Some(RENDER));
        let rendered = mounted::render(widget, render);
        note_handling(None);
        if let Err(error) = &rendered {
            self.mounted.failed(error);
            self.report(RENDER, error);
        }
        rendered
    }

    /// Input: Desk (or the agent, or a sibling widget) sends `event` with its JSON `payload`;
    /// `None` for an event without data, which the SDK calls its callback with `undefined` for.
    /// Returns the event's number, as in its [`Delivery`].
    pub(crate) fn receive(&mut self, event: &str, payload: Option<&str>) -> u64 {
        self.enqueue(event, payload, None)
    }

    /// Input: Desk asks the widget's hook `policy.name` (one of [`Widget::HOOKS`]: Desk asks no
    /// other) with `payload`. The core answers it
    /// ([`Effect::AnswerHook`]) with its handler's verdict, or with `otherwise` when the handler
    /// fails or is not done by [`HOOK_DEADLINE_MS`] ([`Effect::SetDeadline`]).
    pub(crate) fn attempt(&mut self, policy: HookPolicy, payload: Option<&str>) -> u64 {
        let number = self.received + 1;
        self.asked.push(Asked {
            number,
            policy,
            payload: payload.map(str::to_owned),
        });
        self.effects.push_back(Effect::SetDeadline {
            number,
            after_ms: HOOK_DEADLINE_MS,
        });
        self.enqueue(policy.name, payload, Some(policy))
    }

    /// Input: Desk answered the call `id` (its answer as JSON text, or why it failed). An
    /// answer to no call awaited is dropped.
    pub(crate) fn answer(&mut self, id: CallId, answer: Result<String, HostError>) {
        // A widget that never talks back makes no call (and its module links no answer).
        if W::TALKS_BACK && self.link.answer(id, answer) {
            self.run();
        }
    }

    /// Input: the hook of the event `number` reached its deadline. If its handler has not
    /// answered, the core answers with the hook's `otherwise`, reports
    /// [`DispatchError::HookLate`], and drops the handler's answer when it comes.
    pub(crate) fn deadline(&mut self, number: u64) {
        let Some(index) = self.asked.iter().position(|asked| asked.number == number) else {
            return;
        };
        let asked = self.asked.remove(index);
        let error = DispatchError::HookLate {
            hook: asked.policy.name.to_owned(),
            after_ms: HOOK_DEADLINE_MS,
        };
        self.late.push(number);
        self.effects.push_back(Effect::AnswerHook {
            number,
            verdict: asked.policy.fallback(&error),
        });
        self.report(asked.policy.name, &error);
        self.effects.push_back(Effect::Done(Delivery {
            number,
            event: asked.policy.name.to_owned(),
            payload: asked.payload,
            outcome: Outcome::Failed(error),
        }));
    }

    /// Input: the running task was woken ([`Effect::Repoll`], or the driver's `notify`): the
    /// core polls it again. Nothing when no task runs (a waker kept by a task that completed).
    pub(crate) fn repoll(&mut self) {
        if W::ASYNC {
            self.run();
        }
    }

    fn enqueue(&mut self, event: &str, payload: Option<&str>, hook: Option<HookPolicy>) -> u64 {
        self.received += 1;
        self.queue.push_back(Queued {
            number: self.received,
            event: event.to_owned(),
            payload: payload.map(str::to_owned),
            hook,
        });
        self.run();
        self.received
    }

    /// The one run loop: runs the queue until it is empty or a task waits.
    fn run(&mut self) {
        loop {
            // Only a widget with `async` handlers has tasks (the rest of its module links none).
            if W::ASYNC
                && let Some((queued, task, woken)) = &mut self.running
            {
                let waker = Waker::from(Arc::clone(woken));
                let mut context = Context::from_waker(&waker);
                woken.polling();
                note_handling(Some(&queued.event));
                // On native targets a panicking handler is caught, and the widget, which the
                // task owned, stops (on `wasm32` any panic ends the module).
                let polled = catching(&queued.event, || Ok(task.as_mut().poll(&mut context)));
                note_handling(None);
                let again = woken.woken_while_polled();
                self.take_calls();
                let result = match polled {
                    Ok(Poll::Pending) => {
                        // Woken during the poll: polled again by the driver, after this input's
                        // effects, rather than here (a future that always wakes itself would
                        // hold the core forever).
                        if again {
                            self.effects.push_back(Effect::Repoll);
                        }
                        return;
                    }
                    Ok(Poll::Ready((widget, result))) => {
                        self.mounted.widget = Some(widget);
                        result
                    }
                    Err(panicked) => Err(panicked),
                };
                let Some((queued, ..)) = self.running.take() else {
                    return;
                };
                self.settle(queued, result);
                continue;
            }
            let Some(queued) = self.queue.pop_front() else {
                return;
            };
            if let Some(stopped) = self.mounted.refusal() {
                // Sent after a panic stopped the widget: it never reaches it. Logged, but not
                // told to the error hooks again: the page is gone.
                self.finish(queued, Outcome::Failed(stopped));
            } else if !Mounted::<W>::handles(&queued.event) {
                self.finish(queued, Outcome::NotSubscribed);
            } else if W::ASYNC {
                let task = self.mounted.start(&queued.event, queued.payload.as_deref());
                match task {
                    Some(task) => self.running = Some((queued, task, Woken::new(self.notify))),
                    None => self.finish(queued, Outcome::NotSubscribed),
                }
            } else {
                note_handling(Some(&queued.event));
                let result = self
                    .mounted
                    .receive(&queued.event, queued.payload.as_deref());
                note_handling(None);
                self.take_calls();
                self.settle(queued, result);
            }
        }
    }

    /// The calls the widget's handlers made, as effects, in order.
    fn take_calls(&mut self) {
        if !W::TALKS_BACK {
            return;
        }
        while let Some((id, request)) = self.link.take_call() {
            self.effects.push_back(Effect::Call(id, request));
        }
    }

    /// What became of an event the widget handled: its failure reported, its page shown, its
    /// hook answered, its outcome logged.
    fn settle(&mut self, queued: Queued, result: Handled) {
        let mut outcome = match result {
            Ok(None) => Outcome::Handled,
            Ok(Some(verdict)) => Outcome::Answered(verdict),
            Err(error) => {
                self.mounted.failed(&error);
                self.report(&queued.event, &error);
                Outcome::Failed(error)
            }
        };
        // A page whose module aborted shows nothing more, and answers no hook.
        let stopped = matches!(
            &outcome,
            Outcome::Failed(DispatchError::Panicked { .. } | DispatchError::Stopped { .. })
        );
        if !stopped && let Err(panicked) = self.show() {
            outcome = Outcome::Failed(panicked);
        }
        self.finish(queued, outcome);
    }

    /// An event's end: its hook answered, its outcome logged.
    fn finish(&mut self, queued: Queued, outcome: Outcome) {
        self.answer_hook(&queued, &outcome);
        self.log(queued, outcome);
    }

    /// Answers a hook's event with its handler's verdict, unless the deadline did already.
    fn answer_hook(&mut self, queued: &Queued, outcome: &Outcome) {
        // A constant: a widget without hooks links none of this.
        let Some(policy) = queued.hook.filter(|_| !W::HOOKS.is_empty()) else {
            return;
        };
        let Some(index) = self.asked.iter().position(|a| a.number == queued.number) else {
            return;
        };
        self.asked.remove(index);
        let verdict = match outcome {
            Outcome::Answered(verdict) => verdict.clone(),
            Outcome::Failed(DispatchError::Panicked { .. } | DispatchError::Stopped { .. }) => {
                return;
            }
            Outcome::Failed(error) => policy.fallback(error),
            // Answered `()`: not a hook's handler (the macro does not write one).
            Outcome::Handled | Outcome::NotSubscribed => Verdict::Allow,
        };
        self.effects.push_back(Effect::AnswerHook {
            number: queued.number,
            verdict,
        });
    }

    /// Logs what became of an event, unless the hook's deadline logged it already.
    fn log(&mut self, queued: Queued, outcome: Outcome) {
        // Only a hook is answered late (a constant: a widget without hooks links none of this).
        if !W::HOOKS.is_empty()
            && let Some(late) = self.late.iter().position(|&n| n == queued.number)
        {
            self.late.remove(late);
            return;
        }
        self.effects.push_back(Effect::Done(Delivery {
            number: queued.number,
            event: queued.event,
            payload: queued.payload,
            outcome,
        }));
    }

    /// Shows the widget's page, when it has one and no task has it; a panic in
    /// [`Page::render`](crate::Page::render) stops the widget as a handler's does.
    fn show(&mut self) -> Result<(), DispatchError> {
        let Some(render) = self.render.filter(|_| self.mounted.widget.is_some()) else {
            return Ok(());
        };
        let page = self.render_with(render)?;
        self.effects.push_back(Effect::Show(page));
        Ok(())
    }

    fn report(&mut self, event: &str, error: &DispatchError) {
        self.effects.push_back(Effect::Report {
            event: event.to_owned(),
            error: error.clone(),
        });
    }

    /// The panic that stopped the widget, if one did: the widget is gone with it.
    pub(crate) fn stopped(&self) -> Option<&DispatchError> {
        self.mounted.stopped.as_ref()
    }

    /// What an event that comes after the panic gets instead of the widget.
    pub(crate) fn refusal(&self) -> Option<DispatchError> {
        self.mounted.refusal()
    }

    /// Whether a task has the widget (it waits for Desk, or for what else it awaits).
    pub(crate) fn is_waiting(&self) -> bool {
        self.running.is_some()
    }

    /// The widget; `None` while a task has it, or once it stopped.
    pub(crate) fn widget(&self) -> Option<&W> {
        self.mounted.widget.as_ref()
    }

    pub(crate) fn widget_mut(&mut self) -> Option<&mut W> {
        self.mounted.widget.as_mut()
    }

    pub(crate) fn into_widget(self) -> Option<W> {
        self.mounted.widget
    }
}

#[cfg(test)]
mod tests;
