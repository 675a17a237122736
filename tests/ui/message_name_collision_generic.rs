//! A widget generic over the message it takes: the compiler compares the message's name with
//! the widget's other names where the widget is used with a message type (in `cargo build`,
//! which instantiates it; `cargo check` does not).

use desk_runtime::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Message)]
#[message(name = "crm.synced")]
pub struct Synced;

pub struct Relay<M> {
    pub last: Option<M>,
}

#[desk_widget(location = "desk.bottomband")]
impl<M: Message> Relay<M> {
    #[on("crm.synced", unchecked)]
    fn synced(&mut self) {}

    #[on_message]
    fn relay(&mut self, message: M) {
        self.last = Some(message);
    }
}

fn main() {
    let mut relay = Relay::<Synced> { last: None };
    let _ = relay.dispatch("crm.synced", "null", &Desk::detached());
}
