//! The telephony bar: the call in progress, and how many calls the agent took.

use crate::paragraphs;
use desk_runtime::events::{CallAnswered, CallCompleted, CallRinging, Click2Call};
use desk_runtime::prelude::*;

/// The widget in Desk's telephony bar.
#[derive(Debug, Default)]
pub struct CallBar {
    /// `ringing <name>` or `talking to <name>` while a call lasts.
    current: Option<String>,
    taken: usize,
    dialled: usize,
}

#[desk_widget(location = "desk.extension.telephony")]
impl CallBar {
    #[on("call.ringing")]
    fn ringing(&mut self, call: CallRinging) {
        self.current = Some(format!("ringing: {} ({})", call.entity_name, call.number));
    }

    #[on("call.answered")]
    fn answered(&mut self, call: CallAnswered) {
        self.current = Some(format!("talking to {}", call.entity_name));
    }

    #[on("call.completed")]
    fn completed(&mut self, _call: CallCompleted) {
        self.current = None;
        self.taken += 1;
    }

    #[on("click2Call")]
    fn dialled(&mut self, _call: Click2Call) {
        self.dialled += 1;
    }

    /// The bar as text lines.
    pub fn lines(&self) -> Vec<String> {
        vec![
            self.current.clone().unwrap_or_else(|| "no call".to_owned()),
            format!("{} calls taken, {} dialled", self.taken, self.dialled),
        ]
    }
}

impl Page for CallBar {
    fn render(&self) -> String {
        paragraphs(&self.lines())
    }
}
