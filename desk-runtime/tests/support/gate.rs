//! A widget whose hooks' handlers fail or wait on demand, for the hooks' tests on both hosts:
//! the simulated Desk (`tests/hooks.rs`) and the browser host in Chromium (`tests/browser.rs`).

use desk_runtime::HostError;
use desk_runtime::desk::property::UserEmail;
use desk_runtime::hook::Verdict;
use desk_runtime::json::Value;
use desk_runtime::prelude::*;

/// Guards two actions, each with a handler returning `Result<Verdict, E>`: reopening a ticket
/// (synchronous, `otherwise = allow`) and replying (`async`, asks Desk for the agent's email
/// first, `otherwise = deny`).
#[derive(Debug, Default)]
pub struct Gate {
    /// The reopening rule; without one, `reopen` fails.
    pub reopen: Option<Verdict>,
    /// How long each reply's handler waited for Desk's answer, on the handle's clock.
    pub waited_ms: Vec<f64>,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Gate {
    #[hook("ticket.reOpen", otherwise = allow)]
    fn reopen(&self, _ticket: Value) -> Result<Verdict, String> {
        self.reopen
            .clone()
            .ok_or_else(|| "no rule for reopening tickets".to_owned())
    }

    #[hook("ticket.reply", otherwise = deny)]
    async fn reply(&mut self, desk: &Desk<Self>) -> Result<Verdict, HostError> {
        let asked = desk.now_ms();
        let agent = desk.get::<UserEmail>().await?;
        self.waited_ms.push(desk.now_ms() - asked);
        Ok(if agent.is_empty() {
            Verdict::deny("No agent is signed in.")
        } else {
            Verdict::Allow
        })
    }
}

impl Page for Gate {
    fn render(&self) -> String {
        format!("{} replies", self.waited_ms.len())
    }
}
