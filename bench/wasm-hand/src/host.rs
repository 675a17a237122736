//! The same hand-written widget on `desk_runtime`'s browser host (feature `host`): an
//! `impl Widget` by hand, mounted with `desk_runtime::browser::Mount` as the DSL widget's page
//! is. What `#[desk_widget]` adds to a widget is the difference between this module and
//! `widgets/telephony`'s.

use crate::widget::{CallAssistant, SUBSCRIPTIONS};
use desk_runtime::browser::Mount;
use desk_runtime::html::escape;
use desk_runtime::{DispatchError, Widget};
use wasm_bindgen::prelude::*;

impl Widget for CallAssistant {
    const LOCATION: &'static str = "desk.ticket.detail.rightpanel";
    const SUBSCRIPTIONS: &'static [&'static str] = &SUBSCRIPTIONS;

    fn dispatch(&mut self, event: &str, json: &str) -> Result<(), DispatchError> {
        self.handle(event, json)
            .map_err(|message| DispatchError::Handler {
                event: event.to_owned(),
                message,
            })
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
