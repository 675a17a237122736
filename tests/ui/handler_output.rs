use desk_runtime::prelude::*;

struct NotDisplay;

struct Panel;

#[desk_widget(location = "desk.bottomband")]
impl Panel {
    #[on("call.ringing")]
    fn number(&mut self) -> u32 {
        0
    }

    #[on("call.answered")]
    fn error_without_display(&mut self) -> Result<(), NotDisplay> {
        Ok(())
    }
}

fn main() {}
