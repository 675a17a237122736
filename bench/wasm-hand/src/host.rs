//! The same hand-written widget on `desk_runtime`'s browser host (feature `host`): an
//! `impl Widget` by hand, mounted with `desk_runtime::browser::Mount` as the DSL widget's page
//! is. What `#[desk_widget]` adds to a widget is the difference between this module and
//! `widgets/telephony`'s.

use crate::widget::{CallAssistant, SUBSCRIPTIONS};
use desk_runtime::browser::Mount;
use desk_runtime::events::DecodeError;
use desk_runtime::html::escape;
use desk_runtime::{DispatchError, Widget};
use wasm_bindgen::prelude::*;

/// A payload that did not decode, as the simplest hand-written code reports it: serde's
/// message, without the path of the failing field that `desk_runtime` works out.
#[cold]
fn decode_error(event: &str, error: &serde_json::Error) -> DispatchError {
    DispatchError::Decode(DecodeError::Payload {
        event: event.to_owned(),
        path: String::new(),
        message: error.to_string(),
    })
}

impl Widget for CallAssistant {
    const LOCATION: &'static str = "desk.ticket.detail.rightpanel";
    const SUBSCRIPTIONS: &'static [&'static str] = &SUBSCRIPTIONS;

    fn dispatch(&mut self, event: &str, json: &str) -> Result<(), DispatchError> {
        let decode_error = |error| decode_error(event, &error);
        match event {
            "call.ringing" => self.ringing(serde_json::from_str(json).map_err(decode_error)?),
            "call.answered" => self.answered(serde_json::from_str(json).map_err(decode_error)?),
            "call.completed" => self.completed(serde_json::from_str(json).map_err(decode_error)?),
            "ticket_status.changed" => {
                self.status(serde_json::from_str(json).map_err(decode_error)?);
            }
            "ticket_priority.changed" => self
                .priority(serde_json::from_str(json).map_err(decode_error)?)
                .map_err(|message| DispatchError::Handler {
                    event: event.to_owned(),
                    message,
                })?,
            _ => {
                return Err(DispatchError::NotSubscribed {
                    event: event.to_owned(),
                });
            }
        }
        Ok(())
    }
}

#[wasm_bindgen(inline_js = "
export function show(id, html) { document.getElementById(id).innerHTML = html; }
export function append(id, html) { document.getElementById(id).insertAdjacentHTML('beforeend', html); }
")]
extern "C" {
    fn show(id: &str, html: &str);
    fn append(id: &str, html: &str);
}

/// Runs when the page loads the module.
#[wasm_bindgen(start)]
pub fn start() {
    Mount::new(CallAssistant::default())
        .on_update(|panel| show("app", &panel.render()))
        .on_error(|event, error| {
            append(
                "errors",
                &format!("<li>{}: {}</li>", escape(event), escape(&error.to_string())),
            );
        })
        .start();
}
