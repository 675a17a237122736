//! The waker the core gives a running task, so that a handler may await any future, not only
//! Desk's answers: `yield_now`, a timer, a Promise of its own.
//!
//! A wake that happens while the core polls the task (a future that wakes itself) is seen by
//! the core after the poll, which then asks its driver to poll again
//! ([`Effect::Repoll`](super::Effect::Repoll)). A wake that happens later, when the core is not
//! running (a timer firing), calls the driver's `notify`, which the driver answers by calling
//! [`Host::repoll`](super::Host::repoll) soon. Either way one wake asks for one poll: wakes
//! that come before that poll ask for nothing more.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::task::Wake;

/// Not polled, and not woken since its last poll: a wake must tell the driver.
const IDLE: u8 = 0;
/// The core is polling the task: it looks at the state when the poll returns.
const POLLING: u8 = 1;
/// Woken: a poll is asked for already.
const WOKEN: u8 = 2;

/// One task's wake state, behind its [`Waker`](std::task::Waker). Atomic because a `Waker` is
/// `Send + Sync` (a page has one thread, a native test may have more).
pub(crate) struct Woken {
    state: AtomicU8,
    /// What the driver does when the task is woken while the core is not running.
    notify: fn(),
}

impl Woken {
    pub(crate) fn new(notify: fn()) -> Arc<Self> {
        Arc::new(Woken {
            state: AtomicU8::new(IDLE),
            notify,
        })
    }

    /// The core is about to poll the task: a wake from now on is the core's to see.
    pub(crate) fn polling(&self) {
        self.state.store(POLLING, Ordering::SeqCst);
    }

    /// After a poll that left the task pending: whether it was woken during the poll, so that
    /// the core must ask for another. If it was not, the next wake notifies the driver.
    pub(crate) fn woken_while_polled(&self) -> bool {
        self.state
            .compare_exchange(POLLING, IDLE, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
    }
}

impl Wake for Woken {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // Only a wake of an idle task tells the driver: during a poll the core sees it, and a
        // task woken already has its poll asked for.
        if self.state.swap(WOKEN, Ordering::SeqCst) == IDLE {
            (self.notify)();
        }
    }
}
