//! The guide's hook (`docs/guide/03-hooks.md`) on a simulated Desk: `cargo run --example hooks`.

// The guide's code, as an author writes it: not held to this repository's pedantic lints.
#[allow(dead_code, clippy::pedantic)]
mod guide {
    include!(concat!(env!("OUT_DIR"), "/03-hooks-0.rs"));
}

use desk_runtime::sim::SimulatedDesk;
use guide::Guard;

fn main() {
    let mut desk = SimulatedDesk::mount(Guard::default());
    for step in [
        "ticket.reply",
        "call.answered",
        "ticket.reply",
        "call.completed",
        "ticket.reply",
    ] {
        if step == "ticket.reply" {
            match desk.attempt(step, "{}") {
                Ok(verdict) => println!("the agent replies: {verdict:?}"),
                Err(error) => println!("the agent replies: {error}"),
            }
        } else if let Err(error) = desk.fire_sample(step) {
            println!("{step}: {error}");
        } else {
            println!("{step}");
        }
    }
}
