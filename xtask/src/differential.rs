//! `cargo xtask differential [--seed N] [--scripts N]`: the proof that the simulated Desk and
//! the browser host behave the same (issue #23). Scripts from seed `N` on (default 0; 200
//! scripts) run on the simulated Desk natively (`desk-runtime/tests/differential.rs`), which
//! writes what it observed after every step; then the same scripts run on the browser host in
//! headless Chromium, on the SDK stand-in (`desk-runtime/tests/differential_browser.rs`), which
//! fails at the first step whose observation differs and prints the command that replays it.

use crate::tools::{find, run, target_dir};
use std::process::Command;

pub fn differential() -> Result<(), String> {
    let (mut seed, mut scripts) = ("0".to_owned(), "200".to_owned());
    let mut arguments = std::env::args().skip(2);
    while let Some(argument) = arguments.next() {
        let value = arguments
            .next()
            .ok_or(format!("{argument} needs a number"))?;
        value
            .parse::<u64>()
            .map_err(|_| format!("{argument} needs a number, not `{value}`"))?;
        match argument.as_str() {
            "--seed" => (seed, scripts) = (value, "1".to_owned()),
            "--scripts" => scripts = value,
            _ => {
                return Err(format!(
                    "unknown argument `{argument}`: --seed N, --scripts N"
                ));
            }
        }
    }
    run(Command::new("cargo")
        .args([
            "test",
            "--locked",
            "--quiet",
            "-p",
            "desk-runtime",
            "--test",
            "differential",
        ])
        .env("DESK_DIFFERENTIAL_SEED", &seed)
        .env("DESK_DIFFERENTIAL_SCRIPTS", &scripts))?;
    // Where the native half wrote (its `CARGO_TARGET_TMPDIR`).
    let observed = target_dir().join("tmp").join("differential.json");
    let chromedriver = find("chromedriver", "CHROMEDRIVER")?;
    run(Command::new("cargo")
        .args([
            "test",
            "--locked",
            "-p",
            "desk-runtime",
            "--features",
            "browser",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "differential_browser",
        ])
        .env("DESK_DIFFERENTIAL", &observed)
        // 200 scripts take a minute or two: more than the runner's 20 s default.
        .env("WASM_BINDGEN_TEST_TIMEOUT", "900")
        .env("CHROMEDRIVER", chromedriver))?;
    println!("{scripts} script(s) from seed {seed}: the same on both hosts after every step");
    Ok(())
}
