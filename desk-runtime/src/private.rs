//! What the code `#[desk_widget]` generates calls. Not a public API: it changes with the macro.
//!
//! The generated `dispatch` names this module once (`use ::desk_runtime::__private as __desk`)
//! and its arms return `Result<Dispatch, DispatchError>`, a payload that does not decode
//! leaving with `?`: each arm is one call, the fewest tokens for the proc macro to build and
//! for rustc to read back on every build (BENCHMARKS.md, 2).

use crate::errors::DispatchError;
use crate::events::Payload;
use crate::hook::HookOutput;
use crate::widget::{Dispatch, Handled, HandlerOutput, PayloadOf};
use std::future::Future;

/// What the generated arms name the event and hook payload types, the JSON `Value`, the
/// mount handler's `App`, `Message` and the modal's input by.
pub use crate::{App, Message, events, hook, json, modal};

/// A dispatch arm's result: the event's dispatch, or the error that ended it early.
pub type Arm<'a> = Result<Dispatch<'a>, DispatchError>;

/// A widget's dispatch: its arms, run, with an error (a payload that does not decode, an event
/// without a handler) as the event's result.
#[inline]
pub fn dispatch<'a>(arms: impl FnOnce() -> Arm<'a>) -> Dispatch<'a> {
    match arms() {
        Ok(dispatch) => dispatch,
        Err(error) => Dispatch::Done(Err(error)),
    }
}

/// Decodes `json` as the event's payload type `Delivered` and hands it over as the handler's
/// parameter type `Declared` (the same type, or the bound fails at the parameter).
#[inline]
pub fn payload<Declared, Delivered>(event: &str, json: &str) -> Result<Declared, DispatchError>
where
    Declared: PayloadOf<Delivered>,
    Delivered: Payload,
{
    Delivered::decode_for_dispatch(event, json).map(Declared::from_delivered)
}

/// Decodes `json` as the handler's own serde type: a message, a modal's input.
#[inline]
pub fn serde<T: serde::de::DeserializeOwned>(event: &str, json: &str) -> Result<T, DispatchError> {
    crate::events::from_json(event, json)
}

/// Turns what a handler returned into dispatch's result.
#[inline]
pub fn output<O: HandlerOutput>(event: &str, output: O) -> Handled {
    match output.into_result() {
        Ok(()) => Ok(None),
        Err(message) => Err(DispatchError::Handler {
            event: event.to_owned(),
            message,
        }),
    }
}

/// Turns what a hook's handler returned into dispatch's result.
#[inline]
pub fn verdict<O: HookOutput>(event: &str, output: O) -> Handled {
    match output.into_verdict() {
        Ok(verdict) => Ok(Some(verdict)),
        Err(message) => Err(DispatchError::Handler {
            event: event.to_owned(),
            message,
        }),
    }
}

/// A handler's arm: what it returned, as dispatch's result.
#[inline]
pub fn done_output<'a, O: HandlerOutput>(event: &str, output: O) -> Arm<'a> {
    Ok(Dispatch::Done(self::output(event, output)))
}

/// A hook's handler's arm: its verdict, as dispatch's result.
#[inline]
pub fn done_verdict<'a, O: HookOutput>(event: &str, output: O) -> Arm<'a> {
    Ok(Dispatch::Done(verdict(event, output)))
}

/// An `async` handler's arm: its future, boxed.
#[inline]
pub fn pending<'a>(handler: impl Future<Output = Handled> + 'a) -> Arm<'a> {
    Ok(Dispatch::Pending(Box::pin(handler)))
}

/// Seals [`Message`](crate::Message): implemented by `#[derive(Message)]` alone.
pub use crate::message::DerivedMessage;

/// Whether two wire names are the same, in constants: what `#[desk_widget]` compares a
/// message's `Message::NAME` with, as the macro cannot read it from the message's derive.
pub use desk_catalog::const_eq as same_name;

/// The arm of an event without a handler.
#[cold]
pub fn not_subscribed<'a>(event: &str) -> Arm<'a> {
    Err(DispatchError::NotSubscribed {
        event: event.to_owned(),
    })
}

#[cfg(feature = "browser")]
pub use wasm_bindgen;

/// The WebAssembly module's export that mounts `$widget`: what
/// `extension!` writes for each widget. Without the `browser` feature (native builds, tests)
/// it writes nothing.
///
/// `cargo desk build` compiles the crate once per page, with `--cfg desk_page --cfg
/// desk_page="<entry>"`: each page's module then exports its own widget's entry alone, and
/// link-time optimisation leaves the other widgets out of it (the telephony example's call
/// assistant: 89.6 KB instead of the 173.4 KB of the module of all four pages). Without the
/// cfg, as in any other build, every entry is exported. The cfg is cargo desk's, not the
/// crate's: it is allowed here rather than declared by every widget crate.
#[cfg(feature = "browser")]
#[doc(hidden)]
#[macro_export]
macro_rules! __desk_entry {
    ($widget:ty, $entry:ident, $name:literal) => {
        #[allow(unexpected_cfgs)]
        const _: () = {
            #[cfg(any(not(desk_page), desk_page = $name))]
            #[$crate::__private::wasm_bindgen::prelude::wasm_bindgen(wasm_bindgen = $crate::__private::wasm_bindgen)]
            pub fn $entry() {
                $crate::browser::mount::<$widget>();
            }
        };
    };
}

/// Without the `browser` feature there is no module to export from.
#[cfg(not(feature = "browser"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __desk_entry {
    ($widget:ty, $entry:ident, $name:literal) => {};
}
