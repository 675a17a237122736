//! The macro cannot read a message's wire name (it is on the message's own derive): the
//! compiler compares it with every other name the widget handles, and refuses a second one at
//! the handler that takes it.

use desk_runtime::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Message)]
#[message(name = "calls.caller")]
pub struct Caller {
    pub name: String,
}

#[derive(Serialize, Deserialize, Message)]
#[message(name = "calls.caller")]
pub struct Callee {
    pub id: u32,
}

#[derive(Serialize, Deserialize, Message)]
#[message(name = "crm.synced")]
pub struct Synced;

// Two message types under one wire name.
pub struct Panel;

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on_message]
    fn caller(&mut self, _caller: Caller) {}

    #[on_message]
    fn callee(&mut self, _callee: Callee) {}
}

// A message named like an event the widget takes with `unchecked`, after it or before it.
pub struct Band;

#[desk_widget(location = "desk.bottomband")]
impl Band {
    #[on("crm.synced", unchecked)]
    fn synced(&mut self) {}

    #[on_message]
    fn message(&mut self, _synced: Synced) {}
}

pub struct Board;

#[desk_widget(location = "desk.bottomband")]
impl Board {
    #[on_message]
    fn message(&mut self, _synced: Synced) {}

    #[hook("crm.synced", unchecked, otherwise = allow)]
    fn synced(&self) -> Verdict {
        Verdict::Allow
    }
}

fn main() {}
