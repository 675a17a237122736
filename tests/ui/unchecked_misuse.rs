use desk_runtime::prelude::*;

struct Panel;

#[desk_widget(location = "desk.bottomband")]
impl Panel {
    #[on("call.ringing", unchecked)]
    fn known(&mut self) {}

    #[on("call.ringin", unchecked)]
    fn typo(&mut self) {}

    #[on("", unchecked)]
    fn empty(&mut self) {}

    #[on("agent_status.changed", unchecked)]
    fn typed(&mut self, _status: desk_runtime::events::CallRinging) {}

    // The catalog's hooks and the mount handler are not for the escape hatch either.
    #[on("ticket.reOpen", unchecked)]
    fn hook(&mut self) {}

    #[on("extension.onload", unchecked)]
    fn loaded(&mut self) {}

    #[on("agent_presence.changed", unchecked, unchecked)]
    fn twice(&mut self) {}
}

struct Background;

#[desk_widget(location = "desk.background")]
impl Background {
    // An event is no hook, `unchecked` or not.
    #[hook("ticket_status.changed", unchecked, otherwise = deny)]
    fn event(&self) -> Verdict {
        Verdict::Allow
    }
}

// Form-field events are the catalog's: a misspelt or malformed one is refused too.
struct FormPanel;

#[desk_widget(location = "desk.ticket.form.rightpanel")]
impl FormPanel {
    #[on("tiketForm_email.changed", unchecked)]
    fn form_typo(&mut self) {}

    #[on("ticketForm_e-mail.changed", unchecked)]
    fn malformed_field(&mut self) {}

    #[on("ticketForm_.changed", unchecked)]
    fn empty_field(&mut self) {}

    #[on("leadForm_email.changed", unchecked)]
    fn unknown_form(&mut self) {}

    // One typo away from the pattern itself, in the form or in `.changed`.
    #[on("ticketFrom_email.changed", unchecked)]
    fn pattern_typo(&mut self) {}

    #[on("ticketForm_email.chnaged", unchecked)]
    fn changed_typo(&mut self) {}

    // Not near anything the catalog has: taken.
    #[on("agent_presence.changed", unchecked)]
    fn presence(&mut self, _presence: desk_runtime::json::Value) {}
}

fn main() {}
