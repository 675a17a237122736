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

struct Other;

#[desk_widget(location = "desk.extension.telephony")]
impl Other {
    // Another widget's handle, a `mut` one, a generic payload, a handler compiled out.
    #[on("call.ringing")]
    async fn anothers(&mut self, _desk: &Desk<Panel>) {}

    #[on("call.answered")]
    async fn mutable(&mut self, _desk: &mut Desk<Self>) {}

    #[on("call.completed")]
    fn generic_payload(&mut self, _call: impl Into<String>) {}

    #[cfg(any())]
    #[on("click2Call")]
    fn compiled_out(&mut self) {}
}

fn main() {}
