//! Messages and events of distinct names, in one widget: the compiler's comparison of their
//! names passes, also where a message's type is a generic parameter of the widget (compared
//! once the widget is used).
#![deny(warnings)]

use desk_runtime::json::Value;
use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedDesk;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Message)]
#[message(name = "calls.caller")]
pub struct Caller {
    pub name: String,
}

#[derive(Serialize, Deserialize, Message)]
#[message(name = "calls.callee")]
pub struct Callee {
    pub name: String,
}

pub struct Panel {
    names: Vec<String>,
}

#[desk_widget(location = "desk.bottomband")]
impl Panel {
    #[on("crm.synced", unchecked)]
    fn synced(&mut self) {
        self.names.push("synced".to_owned());
    }

    #[on_message]
    fn caller(&mut self, caller: Caller) {
        self.names.push(caller.name);
    }

    #[on_message]
    fn callee(&mut self, callee: Callee) {
        self.names.push(callee.name);
    }
}

pub struct Relay<M> {
    relayed: Vec<String>,
    last: Option<M>,
}

#[desk_widget(location = "desk.bottomband")]
impl<M: Message> Relay<M> {
    #[on("crm.synced", unchecked)]
    fn synced(&mut self, _sync: Value) {
        self.relayed.push("synced".to_owned());
    }

    #[on_message]
    fn relay(&mut self, message: M) {
        self.relayed.push(M::NAME.to_owned());
        self.last = Some(message);
    }
}

fn main() {
    let mut panel = SimulatedDesk::mount(Panel { names: Vec::new() });
    assert_eq!(
        panel.subscriptions(),
        ["crm.synced", "calls.caller", "calls.callee"]
    );
    panel.fire("crm.synced", "{}").unwrap();
    assert_eq!(panel.widget().names, ["synced"]);

    let relay = Relay::<Callee> {
        relayed: Vec::new(),
        last: None,
    };
    let mut relay = SimulatedDesk::mount(relay);
    assert_eq!(relay.subscriptions(), ["crm.synced", "calls.callee"]);
    relay.fire("crm.synced", "{}").unwrap();
    assert_eq!(relay.widget().relayed, ["synced"]);
    assert!(relay.widget().last.is_none());
}
