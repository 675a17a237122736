use desk_runtime::prelude::*;

struct ContactPanel;

#[desk_widget(location = "desk.contact.detail.rightpanel")]
impl ContactPanel {
    #[on("ticket_status.changed")]
    fn status(&mut self) {}
}

struct TicketForm;

#[desk_widget(location = "desk.ticket.form.rightpanel")]
impl TicketForm {
    #[on("call.ringing")]
    fn ringing(&mut self) {}
}

struct HelpCenter;

#[desk_widget(location = "helpcenter.kb.homepage")]
impl HelpCenter {
    #[on("modal.closed")]
    fn closed(&mut self) {}
}

fn main() {}
