use desk_runtime::prelude::*;

struct Panel;

#[desk_widget(location = "desk.bottomband")]
impl Panel {
    #[on("call.ringin")]
    fn typo(&mut self) {}

    #[on("ticket_shift")]
    fn case(&mut self) {}

    #[on("Ticket_status.changed")]
    fn capital(&mut self) {}

    #[on("comment_Added")]
    fn nothing_close(&mut self) {}
}

fn main() {}
