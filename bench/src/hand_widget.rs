//! The right-panel widget written without the DSL: its own `impl Widget`, a `match` on the
//! event name and `Payload::decode` (the decoder the DSL's dispatch calls) into the same
//! payload types.

use super::State;
use desk_runtime::events::Payload;
use desk_runtime::{Desk, Dispatch, DispatchError, Widget};

/// The right-panel widget, its `Widget` implementation written by hand.
#[derive(Debug, Default)]
pub struct Panel(State);

impl Panel {
    /// What the widget kept from the events it received.
    pub fn state(&self) -> &State {
        &self.0
    }
}

impl Widget for Panel {
    const LOCATION: &'static str = "desk.ticket.detail.rightpanel";
    type Location = desk_runtime::location::desk_ticket_detail_rightpanel;
    const SUBSCRIPTIONS: &'static [&'static str] = &[
        "ticket_status.changed",
        "call.ringing",
        "ticket_assignee.changed",
    ];

    fn dispatch<'a>(
        &'a mut self,
        event: &'a str,
        payload: &'a str,
        _desk: &'a Desk<Self>,
    ) -> Dispatch<'a> {
        Dispatch::Done(self.handle(event, payload).map(|()| None))
    }
}

impl Panel {
    fn handle(&mut self, event: &str, payload: &str) -> Result<(), DispatchError> {
        match event {
            "ticket_status.changed" => {
                let change = Payload::decode(event, payload).map_err(DispatchError::Decode)?;
                self.0.status(change);
            }
            "call.ringing" => {
                let call = Payload::decode(event, payload).map_err(DispatchError::Decode)?;
                self.0.ringing(call);
            }
            "ticket_assignee.changed" => {
                let change = Payload::decode(event, payload).map_err(DispatchError::Decode)?;
                self.0.assigned(change);
            }
            _ => {
                return Err(DispatchError::NotSubscribed {
                    event: event.to_owned(),
                });
            }
        }
        Ok(())
    }
}
