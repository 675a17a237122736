//! What `cargo desk` writes for the guide's first widget (`docs/guide/07-shipping.md`): its
//! manifest and its pages, from the one `extension!`. `cargo run --example shipping`.

// The guide's code, as an author writes it: not held to this repository's pedantic lints.
#[allow(dead_code, clippy::pedantic)]
mod guide {
    include!(concat!(env!("OUT_DIR"), "/01-first-widget-0.rs"));
}

use desk_package::Package;

fn main() {
    let package = Package::new(&guide::EXTENSION, "target/bindgen");
    println!("plugin-manifest.json:");
    println!("{:#}", package.manifest());
    println!("pages:");
    for page in guide::EXTENSION.pages() {
        println!(
            "  app/{}.html mounts {} at {}",
            page.page, page.name, page.location
        );
    }
    match package.check() {
        Ok(()) => println!("the declaration packages as it is"),
        Err(error) => println!("refused: {error}"),
    }
}
