//! The compiler's messages are this library's user interface: each case under `tests/ui/` is a
//! widget with mistakes, and its `.stderr` the exact diagnostics rustc prints for it (pinned by
//! `rust-toolchain.toml`). The cases under `tests/ui/pass/` must compile.
//!
//! Regenerate after a deliberate change with `TRYBUILD=overwrite cargo test --test ui`, then
//! read the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/*.rs");
}
