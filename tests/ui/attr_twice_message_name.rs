//! `name` twice in one `#[message]` is refused at the second: a message has one wire name.

use desk_runtime::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Message)]
#[message(name = "calls.found", name = "calls.lost")]
pub struct Found;

fn main() {
    let _ = <Found as desk_runtime::Message>::NAME;
}
