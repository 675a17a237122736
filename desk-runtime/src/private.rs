//! What the code `#[desk_widget]` generates calls. Not a public API: it changes with the macro.

use crate::events::Payload;
use crate::widget::{DispatchError, HandlerOutput, PayloadOf};

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

/// Turns what a handler returned into dispatch's result.
#[inline]
pub fn output<O: HandlerOutput>(event: &str, output: O) -> Result<(), DispatchError> {
    output
        .into_result()
        .map_err(|message| DispatchError::Handler {
            event: event.to_owned(),
            message,
        })
}

/// The error for an event without a handler.
#[cold]
pub fn not_subscribed(event: &str) -> Result<(), DispatchError> {
    Err(DispatchError::NotSubscribed {
        event: event.to_owned(),
    })
}
