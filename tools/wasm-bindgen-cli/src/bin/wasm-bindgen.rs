//! `wasm-bindgen`, as wasm-bindgen-cli's own `src/bin/wasm-bindgen.rs` runs it.

fn main() {
    env_logger::init();
    if let Err(error) = wasm_bindgen_cli::wasm_bindgen::run_cli_with_args(std::env::args_os()) {
        eprintln!("error: {error:?}");
        std::process::exit(1);
    }
}
