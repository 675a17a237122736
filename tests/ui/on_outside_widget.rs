use desk_runtime::prelude::*;

struct Panel;

impl Panel {
    #[on("call.ringing")]
    fn ringing(&mut self) {}
}

#[desk_widget(location = "desk.bottomband")]
impl Panel {
    #[on("call.answered")]
    const ANSWERED: u32 = 0;
}

fn main() {}
