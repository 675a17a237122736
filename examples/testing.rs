//! What the guide's test (`docs/guide/06-testing.md`) does, step by step: events wait behind a
//! handler that awaits Desk's answer. `cargo run --example testing`.

// The guide's code, as an author writes it: not held to this repository's pedantic lints.
#[allow(dead_code, clippy::pedantic)]
mod guide {
    include!(concat!(env!("OUT_DIR"), "/06-testing-0.rs"));
}

use desk_runtime::sim::SimulatedDesk;
use guide::Greeter;
use serde_json::json;

fn main() {
    let mut desk = SimulatedDesk::new(Greeter::default());
    desk.set_data("user.fullName", json!("Ada"));
    desk.load().expect("the widget loads");
    desk.hold_answers();
    println!("Desk holds its answers back");
    for event in ["call.ringing", "call.completed"] {
        let sent = desk.fire_sample(event);
        println!(
            "{event} sent ({sent:?}); the widget waits: {}",
            desk.is_waiting()
        );
    }
    desk.release_answers();
    println!("Desk answers; the page: {}", desk.page());
    for delivery in desk.deliveries() {
        println!(
            "  #{} {}: {:?}",
            delivery.number, delivery.event, delivery.outcome
        );
    }
}
