//! Only `#[derive(Message)]` implements `Message`: it checks the wire name, which a
//! hand-written impl would not (here a Desk event's, whose every delivery would reach the
//! message's handler).

use desk_runtime::Message;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub struct Ringing {
    pub number: String,
}

impl Message for Ringing {
    const NAME: &'static str = "call.ringing";
}

fn main() {}
