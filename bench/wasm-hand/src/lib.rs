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
//! With the feature `host`, the same widget instead implements `desk_runtime::Widget` by hand
//! and is mounted on `desk_runtime::browser` (`src/host.rs`): the baseline that isolates what
//! `#[desk_widget]` itself adds.
//!
//! Only meaningful on `wasm32`: natively the crate is empty, so that `cargo clippy
//! --workspace` and `cargo test` build it without a browser.

#[cfg(all(target_arch = "wasm32", feature = "host"))]
mod host;
#[cfg(all(target_arch = "wasm32", not(feature = "host")))]
mod page;
#[cfg(target_arch = "wasm32")]
mod widget;
