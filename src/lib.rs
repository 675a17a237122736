//! Examples and integration tests of the `desk-*` crates: `examples/` runs the guide's widgets
//! on a simulated Desk, `tests/` checks the diagnostics, the catalog against the platform's
//! reference, and that every example of the README and the guide builds and passes its tests
//! in a crate `cargo desk new` writes (`tests/guide.rs`).
