#![deny(deprecated)]

use desk_runtime::prelude::*;

struct Panel;

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on("ticket_owner.changed")]
    fn owner(&mut self) {}
}

struct Silenced;

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Silenced {
    #[allow(deprecated)]
    #[on("ticket_owner.changed")]
    fn owner(&mut self) {}
}

fn main() {}
