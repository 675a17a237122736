//! The same hand-written widget on `desk_runtime`'s browser host (feature `host`): an
//! `impl Widget` and `impl Page` by hand, mounted with `desk_runtime::browser::Mount` from an
//! export named as the DSL's (`mount_call_assistant`). What `#[desk_widget]` and `extension!`
//! add to a widget is the difference between this module and the call assistant page's module
//! of `widgets/telephony` (built for its entry alone, as `cargo desk build` builds each page).

use crate::widget::{CallAssistant, SUBSCRIPTIONS};
use desk_runtime::browser::Mount;
use desk_runtime::events::DecodeError;
use desk_runtime::{Desk, Dispatch, DispatchError, Page, Widget};
use wasm_bindgen::prelude::*;

/// A payload that did not decode, as the simplest hand-written code reports it: serde's
/// message, without the path of the failing field that `desk_runtime` works out.
#[cold]
fn decode_error(event: &str, error: &serde_json::Error) -> DispatchError {
    DispatchError::Decode(DecodeError::payload(event, String::new(), error))
}

impl Widget for CallAssistant {
    const LOCATION: &'static str = "desk.ticket.detail.rightpanel";
    type Location = desk_runtime::location::desk_ticket_detail_rightpanel;
    const SUBSCRIPTIONS: &'static [&'static str] = &SUBSCRIPTIONS;

    fn dispatch<'a>(
        &'a mut self,
        event: &'a str,
        json: &'a str,
        _desk: &'a Desk<Self>,
    ) -> Dispatch<'a> {
        Dispatch::Done(handle(self, event, json).map(|()| None))
    }
}

fn handle(this: &mut CallAssistant, event: &str, json: &str) -> Result<(), DispatchError> {
    let decode_error = |error| decode_error(event, &error);
    match event {
        "calltools.caller_found" => {
            this.caller_found(serde_json::from_str(json).map_err(decode_error)?);
        }
        "call.ringing" => this.ringing(serde_json::from_str(json).map_err(decode_error)?),
        "call.answered" => this.answered(serde_json::from_str(json).map_err(decode_error)?),
        "call.completed" => this.completed(serde_json::from_str(json).map_err(decode_error)?),
        "ticket_status.changed" => {
            this.status(serde_json::from_str(json).map_err(decode_error)?);
        }
        "ticket_priority.changed" => this
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

impl Page for CallAssistant {
    fn render(&self) -> String {
        CallAssistant::render(self)
    }
}

/// Called by the widget's page once the module is instantiated.
#[wasm_bindgen]
pub fn mount_call_assistant() {
    Mount::new(CallAssistant::default()).start();
}
