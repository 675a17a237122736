//! One name, one handler: names the macro reads are compared where they are written.

use desk_runtime::prelude::*;

pub struct Panel;

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    // An event and a hook the catalog does not have, under one name.
    #[on("crm.synced", unchecked)]
    fn synced(&mut self) {}

    #[hook("crm.synced", unchecked, otherwise = deny)]
    fn guard(&self) -> Verdict {
        Verdict::Allow
    }

    // A click's name, and the host's own names, are not Desk's events or hooks.
    #[on_click("log")]
    fn log(&mut self) {}

    #[on("click:log", unchecked)]
    fn clicked(&mut self) {}

    #[hook("desk-runtime:modal.input", unchecked, otherwise = allow)]
    fn input(&self) -> Verdict {
        Verdict::Allow
    }
}

fn main() {}
