//! The guide's extension of two widgets (`docs/guide/05-several-widgets.md`) on one simulated
//! Desk: `cargo run --example several_widgets`.

// The guide's code, as an author writes it: not held to this repository's pedantic lints.
#[allow(dead_code, clippy::pedantic)]
mod guide {
    include!(concat!(env!("OUT_DIR"), "/05-several-widgets-0.rs"));
}

use desk_runtime::sim::SimulatedExtension;
use guide::{Bar, EXTENSION, Panel};
use serde_json::json;

fn main() {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Bar);
    extension.mount(Panel::default());
    extension.set_data("user.fullName", json!("Ada"));
    extension.answer_request(
        "GET",
        "https://crm.example.com/contacts",
        200,
        json!({ "name": "Grace" }),
    );
    match extension.fire_sample("call.ringing") {
        Ok(()) => println!(
            "call.ringing: the panel shows {}",
            extension.desk::<Panel>().page()
        ),
        Err(error) => println!("call.ringing: {error}"),
    }
    println!("The calls the extension's widgets made:");
    for call in extension.calls() {
        println!("  {call}");
    }
}
