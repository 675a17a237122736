//! What the code `#[desk_widget]` generates calls. Not a public API: it changes with the macro.

use crate::events::Payload;
use crate::hook::HookOutput;
use crate::widget::{Dispatch, DispatchError, Handled, HandlerOutput, PayloadOf};
use std::future::Future;

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

/// An `async` handler's dispatch: its future, boxed.
#[inline]
pub fn pending<'a>(handler: impl Future<Output = Handled> + 'a) -> Dispatch<'a> {
    Dispatch::Pending(Box::pin(handler))
}

/// The error for an event without a handler.
#[cold]
pub fn not_subscribed(event: &str) -> Handled {
    Err(DispatchError::NotSubscribed {
        event: event.to_owned(),
    })
}

#[cfg(feature = "browser")]
pub use wasm_bindgen;

/// The WebAssembly module's export that mounts `$widget`: what
/// `extension!` writes for each widget. Without the `browser` feature (native builds, tests)
/// it writes nothing.
#[cfg(feature = "browser")]
#[doc(hidden)]
#[macro_export]
macro_rules! __desk_entry {
    ($widget:ty, $entry:ident) => {
        const _: () = {
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
    ($widget:ty, $entry:ident) => {};
}
