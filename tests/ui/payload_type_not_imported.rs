use desk_runtime::prelude::*;

struct Panel;

#[desk_widget(location = "desk.bottomband")]
impl Panel {
    #[on("call.ringing")]
    fn ringing(&mut self, _call: CallRinging) {}
}

fn main() {}
