//! The errors a widget meets at run time (`docs/guide/08-diagnostics.md`), on the guide's first
//! widget: each is typed, bounded, and reported, and the widget keeps working.
//! `cargo run --example diagnostics`.

// The guide's code, as an author writes it: not held to this repository's pedantic lints.
#[allow(dead_code, clippy::pedantic)]
mod guide {
    include!(concat!(env!("OUT_DIR"), "/01-first-widget-0.rs"));
}

use desk_runtime::sim::SimulatedDesk;
use guide::TicketLog;

fn main() {
    let mut desk = SimulatedDesk::mount(TicketLog::default());
    desk.on_error(|event, error| println!("  error hook: `{event}`: {error}"));
    let huge = format!(r#"{{"ticket.status": {}}}"#, "9".repeat(1 << 20));
    let attempts = [
        (
            "ticket_status.changed",
            r#"{"ticket.status": 3}"#.to_owned(),
        ),
        ("ticket_status.changed", huge),
        ("call.ringin", "{}".to_owned()),
        ("pageChange", "{}".to_owned()),
        (
            "ticket_status.changed",
            r#"{"ticket.status": "Open"}"#.to_owned(),
        ),
    ];
    for (event, payload) in attempts {
        println!("{event} ({} bytes):", payload.len());
        match desk.fire(event, &payload) {
            Ok(()) => println!("  delivered; the page: {}", desk.page()),
            Err(error) => println!("  {error}"),
        }
    }
}
