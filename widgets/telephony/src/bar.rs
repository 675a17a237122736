//! The telephony bar: the widget that talks back. When the agent's Desk loads it, it reads the
//! agent and the ticket on screen; when a call rings, it looks the caller up in the team's CRM
//! through the platform's proxy and shows who it is and their open tickets; when the call ends,
//! it writes the call into the ticket as a comment. A failed lookup is shown and notified, and
//! the bar keeps working. The CRM's address and API key are the extension's configuration
//! ([`Settings`]): the key is secure, so Desk's proxy writes it into the request and the bar
//! never holds it. Its texts are in English and French (`translations/`).

use crate::{CallAssistant, CallDetails, CallerFound, ConfirmLog, Translations, paragraphs};
use desk_runtime::HostError;
use desk_runtime::config::{DeskConfig, Secret};
use desk_runtime::desk::property::{TicketComment, TicketSubject, UserFullName};
use desk_runtime::desk::{Icon, Notification, Request};
use desk_runtime::events::{CallAnswered, CallCompleted, CallRinging, Click2Call};
use desk_runtime::hook::{TicketReply, Verdict};
use desk_runtime::prelude::*;
use serde::Deserialize;

/// The CRM's contact search, by phone number (`?phone=`), at the address the admin configures
/// (`https://crm.example.com`, whitelisted in the extension).
pub const CRM_CONTACTS: &str = "https://crm.example.com/contacts";

/// The extension's configuration: where the CRM is, and its API key.
#[derive(Debug, DeskConfig)]
pub struct Settings {
    /// CRM address
    ///
    /// The address of your CRM's API, e.g. `https://crm.example.com`.
    pub crm_url: String,
    /// CRM API key
    ///
    /// The key the [CRM's API](https://crm.example.com/docs/keys) takes; kept by Desk.
    pub crm_key: Secret,
}

/// What the CRM answers about a caller.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrmContact {
    /// The caller's name.
    pub name: String,
    /// Their open tickets, as the CRM titles them.
    #[serde(default)]
    pub open_tickets: Vec<String>,
}

/// The widget in Desk's telephony bar.
#[derive(Debug, Default)]
pub struct CallBar {
    text: Translations,
    agent: Option<String>,
    ticket: Option<String>,
    current: Option<Caller>,
    answered_at: Option<f64>,
    problem: Option<String>,
    taken: usize,
    logged: usize,
    dialled: usize,
}

/// The caller of the call in progress.
#[derive(Debug)]
struct Caller {
    name: String,
    number: String,
    open_tickets: Vec<String>,
    talking: bool,
}

#[desk_widget(location = "desk.extension.telephony")]
impl CallBar {
    #[on("extension.onload")]
    async fn loaded(&mut self, desk: &Desk<Self>) -> Result<(), HostError> {
        self.text = Translations::of(desk.app());
        self.agent = Some(desk.get::<UserFullName>().await?);
        // The bar sees a ticket only while one is open: none is no failure.
        self.ticket = desk.get::<TicketSubject>().await.ok();
        Ok(())
    }

    #[on("call.ringing")]
    async fn ringing(
        &mut self,
        call: CallRinging,
        desk: &Desk<Self>,
    ) -> Result<(), desk_runtime::Error> {
        self.current = Some(Caller {
            name: call.entity_name,
            number: call.number.clone(),
            open_tickets: Vec::new(),
            talking: false,
        });
        match look_up(&call.number, desk).await {
            Ok(contact) => {
                let found = CallerFound {
                    number: call.number,
                    name: contact.name,
                    open_tickets: contact.open_tickets,
                };
                if let Some(caller) = &mut self.current {
                    caller.name.clone_from(&found.name);
                    caller.open_tickets.clone_from(&found.open_tickets);
                }
                self.problem = None;
                // The ticket's call assistant is open only while a ticket is: telling it is a
                // courtesy, and its absence no failure of the lookup.
                let _ = desk.send::<CallAssistant>(found).await;
                Ok(())
            }
            Err(error) => {
                self.problem = Some(self.text.bar_lookup_failed(&call.number));
                let notification = Notification {
                    content: format!("Could not look up {}: {error}", call.number),
                    icon: Icon::Failure,
                    ..Notification::default()
                };
                // The lookup's failure is what the error hook hears; a failed notification
                // too would say nothing more.
                let _ = desk.notify(notification).await;
                Err(error)
            }
        }
    }

    #[on("call.answered")]
    fn answered(&mut self, _call: CallAnswered, desk: &Desk<Self>) {
        if let Some(caller) = &mut self.current {
            caller.talking = true;
        }
        self.answered_at = Some(desk.now_ms());
    }

    #[on("call.completed")]
    async fn completed(&mut self, call: CallCompleted, desk: &Desk<Self>) -> Result<(), HostError> {
        self.taken += 1;
        let caller = self.current.take();
        let name = caller.map_or(call.entity_name, |caller| caller.name);
        let lasted = match self.answered_at.take() {
            Some(start) => format!("{} s", whole((desk.now_ms() - start) / 1000.0)),
            None => "not answered".to_owned(),
        };
        // The agent decides, in a modal with the call's details, whether it goes into the
        // ticket.
        let details = CallDetails {
            caller: name.clone(),
            lasted: lasted.clone(),
        };
        if desk.open_modal::<ConfirmLog>(details).await? == Some(true) {
            self.logged += 1;
            desk.set(TicketComment(format!("Call with {name}: {lasted}")))
                .await?;
        }
        Ok(())
    }

    /// While the agent is on a call, a reply to the ticket waits: Desk shows the agent why.
    #[hook("ticket.reply", otherwise = allow)]
    fn reply(&self, _reply: TicketReply) -> Verdict {
        match &self.current {
            Some(caller) if caller.talking => Verdict::deny(format!(
                "You are on a call with {}: finish it before sending a reply.",
                caller.name
            )),
            _ => Verdict::Allow,
        }
    }

    #[on("click2Call")]
    fn dialled(&mut self, _call: Click2Call) {
        self.dialled += 1;
    }

    /// The bar as text lines.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "agent: {}, ticket: {}",
            self.agent.as_deref().unwrap_or("-"),
            self.ticket.as_deref().unwrap_or("none")
        )];
        lines.push(match &self.current {
            Some(caller) => {
                let state = if caller.talking {
                    "talking to"
                } else {
                    "ringing:"
                };
                let mut line = format!("{state} {} ({})", caller.name, caller.number);
                if !caller.open_tickets.is_empty() {
                    line += ", open: ";
                    line += &caller.open_tickets.join("; ");
                }
                line
            }
            None => self.text.bar_no_call(),
        });
        if let Some(problem) = &self.problem {
            lines.push(problem.clone());
        }
        lines.push(self.text.bar_counts(self.taken, self.logged, self.dialled));
        lines
    }
}

/// The caller of `number` in the CRM the extension is configured with.
async fn look_up(number: &str, desk: &Desk<CallBar>) -> Result<CrmContact, desk_runtime::Error> {
    let settings = desk.config::<Settings>().await?;
    let request = Request::get(settings.crm_url + "/contacts")
        .query("phone", number)
        .header("Authorization", "Bearer " + &settings.crm_key);
    Ok(desk.request(request).await?.json::<CrmContact>()?)
}

/// `format!("{seconds:.0}")` without core's float formatting, which was 9.7 KB of the
/// extension's module: rounded half to even, a negative zero as `-0`, `NaN` and `inf` as
/// `{:.0}` writes them. Exact below 2^64 (any two `Date.now()` readings are under 2^53 ms
/// apart); saturates above.
fn whole(seconds: f64) -> String {
    if seconds.is_nan() {
        return "NaN".to_owned();
    }
    let sign = if seconds.is_sign_negative() { "-" } else { "" };
    if seconds.is_infinite() {
        return format!("{sign}inf");
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let magnitude = seconds.round_ties_even().abs() as u64;
    format!("{sign}{magnitude}")
}

impl Page for CallBar {
    fn render(&self) -> String {
        paragraphs(&self.lines())
    }
}

#[cfg(test)]
mod tests {
    use super::whole;

    /// `whole` writes what `{:.0}` writes.
    #[test]
    fn whole_seconds_as_format_writes_them() {
        for seconds in [
            0.0,
            -0.0,
            0.4,
            0.5,
            1.5,
            2.5,
            -0.3,
            -2.5,
            3.4999,
            59.5,
            1e15 + 0.5,
            9.0e15,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(whole(seconds), format!("{seconds:.0}"), "{seconds}");
        }
    }
}
