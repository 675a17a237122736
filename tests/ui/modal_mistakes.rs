//! A modal has no location and receives no Desk events; `#[on_open]` is a modal's.

use desk_runtime::events::CallRinging;
use desk_runtime::prelude::*;

struct Confirm;

#[desk_widget(modal, location = "desk.bottomband")]
impl Confirm {}

struct Details;

#[desk_widget(modal, output = bool)]
impl Details {
    #[on("call.ringing")]
    fn ringing(&mut self, _call: CallRinging) {}
}

struct Panel;

#[desk_widget(location = "desk.bottomband", output = bool)]
impl Panel {
    #[on_open]
    fn open(&mut self) {}
}

fn main() {}
