use desk_runtime::prelude::*;

struct Typo;

#[desk_widget(location = "desk.ticket.detail.rightpanle")]
impl Typo {}

struct Case;

#[desk_widget(location = "desk.Bottomband")]
impl Case {}

struct Nothing;

#[desk_widget(location = "sidebar")]
impl Nothing {}

fn main() {}
