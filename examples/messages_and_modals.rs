//! The guide's extension of a bar, a modal and a panel (`docs/guide/04-messages-and-modals.md`)
//! on a simulated Desk: `cargo run --example messages_and_modals`.

// The guide's code, as an author writes it: not held to this repository's pedantic lints.
#[allow(dead_code, clippy::pedantic)]
mod guide {
    include!(concat!(env!("OUT_DIR"), "/04-messages-and-modals-0.rs"));
}

use desk_runtime::sim::SimulatedExtension;
use guide::{Bar, Confirm, EXTENSION, Panel};

fn main() {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Bar::default());
    extension.mount(Panel::default());
    extension.add_modal::<Confirm>();
    report("call.completed", extension.fire_sample("call.completed"));
    println!("the modal shows: {}", extension.desk::<Confirm>().page());
    report("the agent clicks Log", extension.click::<Confirm>("log"));
    println!("the bar shows: {}", extension.desk::<Bar>().page());
    println!("the panel shows: {}", extension.desk::<Panel>().page());
}

fn report(step: &str, result: Result<(), desk_runtime::sim::FireError>) {
    match result {
        Ok(()) => println!("{step}"),
        Err(error) => println!("{step}: {error}"),
    }
}
