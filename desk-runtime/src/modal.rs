//! Modals: pages of the extension that a widget opens with a typed input, and that close with a
//! typed result.
//!
//! A modal is a widget type declared with `#[desk_widget(modal, output = T)]` and listed under
//! `modals` in [`extension!`](crate::extension!), which gives it its own page. Its input
//! arrives at its `#[on_open]` handler (the handler's parameter type is the input type); it
//! closes itself with [`Desk::close_modal`](crate::Desk::close_modal) and its result. The
//! opener awaits [`Desk::open_modal`](crate::Desk::open_modal), which resolves to `Some(result)`
//! or, when the agent dismissed the modal, `None`.
//!
//! On the SDK, the handshake authors otherwise wire by hand is generated
//! (`docs/reference/desk-sdk.md`, "Modals and messages between widgets"): the opener calls
//! `App.instance.modal({url, title})` and listens on the modal's instance
//! (`getWidgetInstance(widgetID)`); the modal's page, once subscribed, emits [`MODAL_READY`]; the
//! opener answers with the input ([`MODAL_INPUT`]); the modal emits its result ([`MODAL_RESULT`])
//! and invokes `MODAL_CLOSE`. A `modal.closed` without a result is a dismissal. The three names are
//! this library's own, on both ends.

/// A modal: its input and its result. Written by `#[desk_widget(modal, output = T)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a modal",
    label = "only a modal can be opened as one, or close itself with `MODAL_CLOSE`",
    note = "declare it with `#[desk_widget(modal, output = ...)]` and list it under `modals: {{ ... }}` in `extension!`"
)]
pub trait Modal {
    /// What the opener passes in: the `#[on_open]` handler's parameter type, `()` without one.
    type Input: serde::Serialize + serde::de::DeserializeOwned + 'static;
    /// What the modal closes with: `output = T`, `()` if not given.
    type Output: serde::Serialize + serde::de::DeserializeOwned + 'static;
}

/// What a modal's page emits once it is subscribed: the opener then sends the input.
pub const MODAL_READY: &str = "desk-runtime:modal.ready";

/// The opener's input, delivered to the modal's `#[on_open]` handler.
pub const MODAL_INPUT: &str = "desk-runtime:modal.input";

/// The modal's result, emitted before `MODAL_CLOSE`.
pub const MODAL_RESULT: &str = "desk-runtime:modal.result";

/// A modal's location: not a manifest location (no source gives a manifest entry for modals;
/// `App.instance.modal({url})` opens a page of the package), and one that no Desk event
/// reaches.
pub const MODAL_LOCATION: &str = "modal";
