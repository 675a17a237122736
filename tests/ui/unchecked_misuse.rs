use desk_runtime::prelude::*;

struct Panel;

#[desk_widget(location = "desk.bottomband")]
impl Panel {
    #[on("call.ringing", unchecked)]
    fn known(&mut self) {}

    #[on("call.ringin", unchecked)]
    fn typo(&mut self) {}

    #[on("", unchecked)]
    fn empty(&mut self) {}

    #[on("agent_status.changed", unchecked)]
    fn typed(&mut self, _status: desk_runtime::events::CallRinging) {}
}

fn main() {}
