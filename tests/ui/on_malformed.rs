use desk_runtime::prelude::*;

const RINGING: &str = "call.ringing";

struct Panel;

#[desk_widget(location = "desk.bottomband")]
impl Panel {
    #[on(RINGING)]
    fn not_a_literal(&mut self) {}

    #[on]
    fn no_event(&mut self) {}

    #[on()]
    fn empty(&mut self) {}

    #[on("call.answered", "call.completed")]
    fn two_events(&mut self) {}

    #[on("task_Completed", typed)]
    fn unknown_argument(&mut self) {}

    #[on("click2Call")]
    #[on("pageChange")]
    fn two_attributes(&mut self) {}
}

fn main() {}
