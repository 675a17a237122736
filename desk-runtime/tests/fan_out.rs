//! A storm of messages that fans out (each handler answers one message with three) stops after
//! `MESSAGE_CHAIN_WIDTH` messages handled by each widget, not after 3^16: the chain's depth
//! limit alone bounds a chain's length, not its width.

use desk_runtime::prelude::*;
use desk_runtime::sim::{FireError, SimulatedExtension};
use desk_runtime::{DispatchError, HostError, MESSAGE_CHAIN_WIDTH};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU32, Ordering};

/// Messages handled, by both widgets.
static HANDLED: AtomicU32 = AtomicU32::new(0);

/// How many messages each handler sends on.
const FAN: u32 = 3;

/// The storm's message, numbered by its depth.
#[derive(Serialize, Deserialize, Message)]
#[message(name = "storm.fan")]
pub struct Fan(u32);

/// Sets the storm off, and answers each message with three to [`Pong`].
#[derive(Default)]
pub struct Ping;

#[desk_widget(location = "desk.extension.telephony")]
impl Ping {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), HostError> {
        desk.send::<Pong>(Fan(0)).await
    }

    #[on_message]
    async fn fan(&mut self, fan: Fan, desk: &Desk<Self>) -> Result<(), HostError> {
        HANDLED.fetch_add(1, Ordering::SeqCst);
        for _ in 0..FAN {
            desk.send::<Pong>(Fan(fan.0 + 1)).await?;
        }
        Ok(())
    }
}

/// Answers each message with three to [`Ping`].
#[derive(Default)]
pub struct Pong;

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Pong {
    #[on_message]
    async fn fan(&mut self, fan: Fan, desk: &Desk<Self>) -> Result<(), HostError> {
        HANDLED.fetch_add(1, Ordering::SeqCst);
        for _ in 0..FAN {
            desk.send::<Ping>(Fan(fan.0 + 1)).await?;
        }
        Ok(())
    }
}

impl Page for Ping {
    fn render(&self) -> String {
        String::new()
    }
}

impl Page for Pong {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Storm",
    widgets: { "Ping": Ping, "Pong": Pong },
}

#[test]
fn a_storm_that_fans_out_stops_after_the_width_of_a_chain_per_widget_and_reports() {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Ping);
    extension.mount(Pong);
    let started = std::time::Instant::now();
    let fired = extension.fire_sample("call.ringing");
    assert!(
        matches!(
            fired,
            Err(FireError::Failed(DispatchError::MessageStorm { ref message, ref origin }))
                if message == "storm.fan" && origin == "call.ringing"
        ),
        "{fired:?}"
    );
    let handled = HANDLED.load(Ordering::SeqCst);
    assert!(
        handled <= 2 * MESSAGE_CHAIN_WIDTH,
        "{handled} messages handled"
    );
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    let error = fired.unwrap_err().to_string();
    assert!(error.len() <= 300, "{error}");
    // The storm is over: the next ringing sets off a chain of its own, counted afresh.
    HANDLED.store(0, Ordering::SeqCst);
    let _ = extension.fire_sample("call.ringing");
    assert_eq!(HANDLED.load(Ordering::SeqCst), 2 * MESSAGE_CHAIN_WIDTH);
}
