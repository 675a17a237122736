//! The widget's page in Desk: mount it on the SDK and show it in `#app`, errors in `#errors`.

use crate::CallAssistant;
use desk_runtime::browser::Mount;
use desk_runtime::html::escape;
use wasm_bindgen::prelude::*;

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
