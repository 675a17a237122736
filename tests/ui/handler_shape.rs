use desk_runtime::events::CallRinging;
use desk_runtime::prelude::*;

struct Panel;

#[desk_widget(location = "desk.bottomband")]
impl Panel {
    #[on("call.ringing")]
    fn no_receiver(_call: CallRinging) {}

    #[on("call.answered")]
    fn by_value(self) {}

    #[on("call.completed")]
    fn boxed(self: Box<Self>) {}

    #[on("click2Call")]
    fn generic<T>(&mut self) {}

    // Two desks: the second is taken as a second payload.
    #[on("pageChange")]
    async fn two_desks(&mut self, _desk: &Desk<Self>, _again: &Desk<Self>) {}

    #[on("task_Completed")]
    fn two_parameters(&mut self, _first: desk_runtime::events::TaskCompleted, _second: u32) {}
}

fn main() {}
