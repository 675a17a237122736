//! The modal that asks the agent whether to log a completed call in the ticket, with the call's
//! details: the telephony bar opens it when a call ends, and writes the comment only if the
//! agent says so.

use desk_runtime::HostError;
use desk_runtime::html::escape;
use desk_runtime::prelude::*;
use serde::{Deserialize, Serialize};

/// The call the modal asks about: its input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallDetails {
    /// Who the call was with.
    pub caller: String,
    /// How long it lasted, e.g. `42 s`, or `not answered`.
    pub lasted: String,
}

/// The confirmation modal: its result is `true` to log the call.
#[derive(Debug, Default)]
pub struct ConfirmLog {
    call: Option<CallDetails>,
}

#[desk_widget(modal, output = bool)]
impl ConfirmLog {
    #[on_open]
    fn open(&mut self, call: CallDetails) {
        self.call = Some(call);
    }

    #[on_click("log")]
    async fn log(&mut self, desk: &Desk<Self>) -> Result<(), HostError> {
        desk.close_modal(true).await
    }

    #[on_click("skip")]
    async fn skip(&mut self, desk: &Desk<Self>) -> Result<(), HostError> {
        desk.close_modal(false).await
    }
}

impl Page for ConfirmLog {
    fn render(&self) -> String {
        let Some(call) = &self.call else {
            return "<p>Loading the call...</p>".to_owned();
        };
        format!(
            "<p>Log the call with {} ({}) in the ticket?</p>\
             <button data-click=\"log\">Log</button> <button data-click=\"skip\">Skip</button>",
            escape(&call.caller),
            escape(&call.lasted)
        )
    }
}
