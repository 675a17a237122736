//! One mistake, one error: a ticket's property read where no ticket is.

use desk_runtime::desk::property::TicketEmail;
use desk_runtime::prelude::*;

#[derive(Default)]
pub struct ContactPanel;

#[desk_widget(location = "desk.contact.detail.rightpanel")]
impl ContactPanel {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
        let _email = desk.get::<TicketEmail>().await?;
        Ok(())
    }
}

fn main() {}
