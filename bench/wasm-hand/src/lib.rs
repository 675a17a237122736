//! `widgets/telephony`'s `CallAssistant`, written by hand: the baseline `cargo xtask sizes`
//! compares the DSL widget's WebAssembly module with.
//!
//! The same five subscriptions, state, rendering and HTML escaping, and the same payload types
//! from `desk_runtime::events`, but no `#[desk_widget]` and no `desk_runtime::browser` host:
//! its own wasm-bindgen bindings to `ZOHODESK.extension.onload()` and `App.instance.on`,
//! callbacks that `JSON.stringify` the payload and `serde_json::from_str` it into the payload
//! type, a `match` on the event name, failures to `console.error` and the page's `#errors`
//! list (as the DSL widget's page does), and a panic hook that reports to `console.error`
//! (as the host installs).
//!
//! Only meaningful on `wasm32`: natively the crate is empty, so that `cargo clippy
//! --workspace` and `cargo test` build it without a browser.

#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
mod widget;
