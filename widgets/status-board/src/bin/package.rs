//! `cargo run --bin package`: the extension, from the wasm-bindgen output in `target/bindgen`
//! to the package in `target/extension`.

use desk_package::Package;
use std::process::ExitCode;

fn main() -> ExitCode {
    match Package::new(&status_board::EXTENSION, "target/bindgen").write("target/extension") {
        Ok(written) => {
            println!("{written}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
