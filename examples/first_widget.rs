//! The guide's first widget (`docs/guide/01-first-widget.md`) on a simulated Desk, fed the
//! reference's sample payloads: `cargo run --example first_widget`.

// The guide's code, as an author writes it: not held to this repository's pedantic lints.
#[allow(dead_code, clippy::pedantic)]
mod guide {
    include!(concat!(env!("OUT_DIR"), "/01-first-widget-0.rs"));
}

use desk_runtime::Widget;
use desk_runtime::sim::SimulatedDesk;
use guide::TicketLog;

fn main() {
    let mut desk = SimulatedDesk::mount(TicketLog::default());
    println!(
        "{} subscribes to {:?}",
        TicketLog::LOCATION,
        TicketLog::SUBSCRIPTIONS
    );
    for event in ["ticket_status.changed", "call.ringing"] {
        match desk.fire_sample(event) {
            Ok(()) => println!("{event}: the page is now {}", desk.page()),
            Err(error) => println!("{event}: {error}"),
        }
    }
    if let Err(refused) = desk.fire_sample("pageChange") {
        println!("pageChange: refused, as Desk never sends it there: {refused}");
    }
}
