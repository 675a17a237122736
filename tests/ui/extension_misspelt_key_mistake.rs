//! A misspelt key is one error, and read as the key meant: the widget's storage calls are not
//! refused too, as they would be with no `storage` at all.

use desk_runtime::desk::Query;
use desk_runtime::prelude::*;

#[derive(Default)]
pub struct Notes;

#[desk_widget(location = "desk.ticket.detail.subtab")]
impl Notes {
    #[on("extension.onload")]
    async fn loaded(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
        desk.storage().get(&Query::Key("noted".into()), None, None).await?;
        Ok(())
    }
}

impl Page for Notes {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Notes",
    storrage: true,
    widgets: { "Notes": Notes },
}

fn main() {}
