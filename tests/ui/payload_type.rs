use desk_runtime::events::{CallRinging, TicketStatusChanged};
use desk_runtime::prelude::*;

type Mine = String;

struct Panel;

#[desk_widget(location = "desk.bottomband")]
impl Panel {
    #[on("call.ringing")]
    fn other_event(&mut self, _change: TicketStatusChanged) {}

    #[on("call.answered")]
    fn reference(&mut self, _call: &CallRinging) {}

    #[on("call.completed")]
    fn foreign(&mut self, _call: Mine) {}
}

fn main() {}
