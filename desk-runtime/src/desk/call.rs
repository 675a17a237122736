//! A call to Desk in flight, as the calls of [`Desk`](super::Desk) return it.

use super::HostError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A call to Desk in flight: `.await` it for Desk's answer. Nothing is sent until it is
/// awaited.
///
/// The calls of [`Desk`](super::Desk) that work at some locations, or for some widgets, only
/// return this named type rather than an `async fn`'s anonymous future, so that a call the
/// widget may not make is one compile error, at the call: an `async fn` repeats its bound's
/// error at the call, at its arguments and at its `.await`.
#[must_use = "a call to Desk is made only when awaited"]
pub struct Call<'a, T, E = HostError>(Pin<Box<dyn Future<Output = Result<T, E>> + 'a>>);

impl<'a, T, E> Call<'a, T, E> {
    /// The call `call` makes once awaited.
    pub(crate) fn new(call: impl Future<Output = Result<T, E>> + 'a) -> Self {
        Call(Box::pin(call))
    }
}

impl<T, E> Future for Call<'_, T, E> {
    type Output = Result<T, E>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        self.0.as_mut().poll(context)
    }
}

impl<T, E> fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Call")
    }
}
