//! A handler may await any future, not only Desk's answers: the host core gives its task a
//! real waker, and polls it again when it is woken.

use desk_runtime::desk::property::UserEmail;
use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedDesk;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// As `yield_now` of tokio or futures-lite: pending once, after waking itself.
struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        context.waker().wake_by_ref();
        Poll::Pending
    }
}

#[derive(Default, Debug)]
struct Yielding {
    seen: Vec<String>,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Yielding {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) {
        self.seen.push("before".to_owned());
        YieldNow(false).await;
        let email = desk.get::<UserEmail>().await;
        self.seen.push(format!("after: {email:?}"));
    }

    #[on("call.completed")]
    fn completed(&mut self) {
        self.seen.push("completed".to_owned());
    }
}

#[test]
fn a_handler_that_yields_then_calls_desk_completes_without_other_input() {
    let mut desk = SimulatedDesk::new(Yielding::default());
    desk.set_data("user.email", serde_json::json!("ada@example.com"));
    desk.load().unwrap();
    desk.fire_sample("call.ringing").unwrap();
    assert!(!desk.is_waiting(), "the woken task was not polled again");
    assert_eq!(desk.calls().len(), 1);
    assert_eq!(
        desk.widget().seen,
        ["before", "after: Ok(\"ada@example.com\")"]
    );
    // The next event finds the widget free, not queued behind a stalled task.
    desk.fire_sample("call.completed").unwrap();
    assert_eq!(desk.widget().seen.last().unwrap(), "completed");
    assert_eq!(desk.failures().count(), 0);
}
