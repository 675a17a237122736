use desk_runtime::prelude::*;

struct TicketForm;

#[desk_widget(location = "desk.ticket.form.rightpanel")]
impl TicketForm {
    #[on("tiketForm_email.changed")]
    fn module_typo(&mut self) {}

    #[on("leadForm_email.changed")]
    fn unknown_module(&mut self) {}

    #[on("ticketForm_.changed")]
    fn empty_field(&mut self) {}

    #[on("ticketForm_e-mail.changed")]
    fn malformed_field(&mut self) {}

    #[on("contactForm_phone.changed")]
    fn other_form(&mut self) {}
}

fn main() {}
