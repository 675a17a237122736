//! Hooks are checked like events: the name against the hook catalog, the location against where
//! a hook can be subscribed; and a hook's handler must say what the host answers otherwise, and
//! answer a `Verdict`.

use desk_runtime::json::Value;
use desk_runtime::prelude::*;

struct Guard;

#[desk_widget(location = "desk.background")]
impl Guard {
    // A misspelt hook: the one meant is suggested.
    #[hook("ticket.reopen", otherwise = deny)]
    fn misspelt(&self, _ticket: Value) -> Verdict {
        Verdict::Allow
    }

    // No `otherwise`.
    #[hook("ticket.reOpen")]
    fn silent(&self) -> Verdict {
        Verdict::Allow
    }

    // A handler that answers nothing.
    #[hook("ticket.reply", otherwise = allow)]
    fn nothing(&self) {}

    // An event is not a hook.
    #[hook("call.ringing", otherwise = allow)]
    fn event(&self) -> Verdict {
        Verdict::Allow
    }
}

struct Arguments;

#[desk_widget(location = "desk.background")]
impl Arguments {
    // Said twice: one error, not a silent "last one wins".
    #[hook("ticket.reOpen", otherwise = allow, otherwise = deny)]
    fn twice(&self) -> Verdict {
        Verdict::Allow
    }

    // A refused value: one error, not also "no `otherwise`".
    #[hook("ticket.reply", otherwise = "deny")]
    fn quoted(&self) -> Verdict {
        Verdict::Allow
    }

    // `:` for `=`.
    #[hook("ticket.close", otherwise: deny)]
    fn colon(&self) -> Verdict {
        Verdict::Allow
    }

    // The name after the arguments.
    #[hook(otherwise = deny, "ticket.send")]
    fn name_last(&self) -> Verdict {
        Verdict::Allow
    }
}

struct ContactPanel;

#[desk_widget(location = "desk.contact.detail.rightpanel")]
impl ContactPanel {
    // Not where hooks are asked.
    #[hook("ticket.reOpen", otherwise = deny)]
    fn reopen(&self) -> Verdict {
        Verdict::Allow
    }

    // A hook is not an event.
    #[on("ticket.reply")]
    fn reply(&mut self) {}
}

fn main() {}
