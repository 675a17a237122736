//! The guide's widget that talks back (`docs/guide/02-talking-back.md`) on a simulated Desk:
//! `cargo run --example talking_back`.

// The guide's code, as an author writes it: not held to this repository's pedantic lints.
#[allow(dead_code, clippy::pedantic)]
mod guide {
    include!(concat!(env!("OUT_DIR"), "/02-talking-back-0.rs"));
}

use desk_runtime::sim::SimulatedDesk;
use guide::CallNotes;
use serde_json::json;

fn main() {
    let mut desk = SimulatedDesk::new(CallNotes::default());
    desk.set_data("user.fullName", json!("Ada"));
    desk.set_data("ticket.subject", json!("Printer on fire"));
    if let Err(error) = desk.load() {
        println!("load: {error}");
    }
    for confirmed in [true, false] {
        desk.answer_popup(confirmed);
        match desk.fire_sample("call.completed") {
            Ok(()) => println!(
                "call.completed, the agent answers {confirmed}: {}",
                desk.page()
            ),
            Err(error) => println!("call.completed: {error}"),
        }
    }
    println!("Every call the widget made to Desk:");
    for call in desk.calls() {
        println!("  {call}");
    }
}
