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

// A missing word: no close name, so the locations with the same words.
struct MissingWord;

#[desk_widget(location = "desk.ticket.rightpanel")]
impl MissingWord {}

fn main() {}
