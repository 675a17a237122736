//! One mistake, one error: `ROUTE_TO` from a right panel.

use desk_runtime::desk::Route;
use desk_runtime::prelude::*;

#[derive(Default)]
pub struct Panel;

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
        desk.route_to(Route::Page("ticket.addForm".to_owned())).await?;
        Ok(())
    }
}

fn main() {}
