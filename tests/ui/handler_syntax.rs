//! A block that is not Rust gets the compiler's error alone: not also the macro's, nor one per
//! handler saying the block lacks `#[desk_widget]`.

use desk_runtime::prelude::*;

struct Panel;

#[desk_widget(location = "desk.bottomband")]
impl Panel {
    #[on("call.ringing")]
    fn ringing(&mut self, number) {}

    #[on("call.answered")]
    fn answered(&mut self) {}
}

struct Bodiless;

#[desk_widget(location = "desk.bottomband")]
impl Bodiless {
    #[on("call.ringing")]
    fn ringing(&mut self);
}

fn main() {}
