//! The widget's calls to Desk, carried out on the SDK: `ZOHODESK.<function>(...arguments)` and
//! the calls on `App.instance`, each a Promise whose answer goes back to the host core as JSON
//! text. Every answer is unwrapped by `Desk`, the same code as on the simulated Desk.

use super::json::{message, parse_text, stringify};
use super::sdk::{self, Instance};
use crate::errors::HostError;
use crate::link::{Json, Outbound};
use crate::modal::{MODAL_INPUT, MODAL_READY, MODAL_RESULT};
use js_sys::Promise;
use wasm_bindgen::JsValue;

/// Makes the call: its Promise. A throw (or no SDK) is a rejected one.
pub(crate) fn carry(instance: &Instance, outbound: Outbound) -> Promise {
    match outbound {
        Outbound::Sdk {
            function,
            arguments,
        } => sdk::call_sdk(function, &arguments),
        Outbound::Widgets => sdk::get_widgets(instance),
        Outbound::Emit { to, name, data } => sdk::emit(instance, to, name, parse_text(&data)),
        Outbound::OpenModal { url, title, input } => sdk::open_modal(
            instance,
            &url,
            title,
            parse_text(&input),
            MODAL_READY,
            MODAL_INPUT,
            MODAL_RESULT,
        ),
    }
}

/// A settled Promise's value as the core takes it: JSON text, or the rejection's message.
pub(crate) fn answer(fulfilled: bool, value: &JsValue) -> Result<Json, HostError> {
    if fulfilled {
        Ok(stringify(value))
    } else {
        Err(HostError::Sdk(message(value)))
    }
}
