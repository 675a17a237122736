//! A second `#[message]` on a message type is refused at that attribute, not ignored: the
//! first one's name still makes the impl, so nothing more is reported.

use desk_runtime::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Message)]
#[message(name = "calls.found")]
#[message(name = "calls.lost")]
pub struct Found;

fn main() {
    let _ = <Found as desk_runtime::Message>::NAME;
}
