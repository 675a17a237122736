//! One widget type under two paths, which the macro cannot tell apart by its tokens: rustc's
//! conflicting-impl error, once, at the second path. (With `storage: true` or `config`, the
//! impls of `StorageEnabled` and `Configured` conflict too, each reported at the same path.)

use desk_runtime::prelude::*;

#[derive(Default)]
pub struct Panel;

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {}

impl Page for Panel {
    fn render(&self) -> String {
        String::new()
    }
}

pub mod inner {
    pub use super::Panel;
}

desk_runtime::extension! {
    name: "Call Tools",
    widgets: { "Call Panel": Panel, "Again": inner::Panel },
}

fn main() {
    let _ = &EXTENSION;
}
