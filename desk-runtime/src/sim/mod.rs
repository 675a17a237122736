//! A simulated Desk: mount a widget, fire events at it as Desk would, read back what happened.
//!
//! This is how a widget is unit-tested with `cargo test`, natively, without a browser.
//!
//! ```
//! use desk_runtime::prelude::*;
//! use desk_runtime::events::CallRinging;
//! use desk_runtime::sim::{FireError, SimulatedDesk};
//!
//! #[derive(Default)]
//! struct Calls(Vec<String>);
//!
//! #[desk_widget(location = "desk.contact.detail.rightpanel")]
//! impl Calls {
//!     #[on("call.ringing")]
//!     fn ringing(&mut self, call: CallRinging) {
//!         self.0.push(call.number);
//!     }
//! }
//!
//! let mut desk = SimulatedDesk::mount(Calls::default());
//! desk.fire_sample("call.ringing").unwrap();
//! assert_eq!(desk.widget().0, ["9837650000"]);
//!
//! // Desk never sends a ticket's status to a contact's panel: refused.
//! let refused = desk.fire("ticket_status.changed", r#"{"ticket.status": "Open"}"#);
//! assert!(matches!(refused, Err(FireError::NotAvailable { .. })));
//!
//! // A payload that does not decode reaches no handler, and is logged.
//! assert!(desk.fire("call.ringing", "{}").is_err());
//! assert_eq!(desk.failures().count(), 1);
//! ```

mod replay;

pub use crate::host::Outcome;
pub use replay::{Replay, ReplayEntry, ReplayError};

use crate::host::Core;
use crate::page::Page;
use crate::samples::sample;
use crate::widget::{DispatchError, Widget};
use desk_catalog::{EventError, explain};
use std::fmt;

/// A widget mounted on a simulated Desk, with the log of every event fired at it.
///
/// It drives the same host core as the browser: an event reaches the widget, and a failure
/// reaches the error hooks, exactly as on a real page. What the simulator adds is Desk's side:
/// it refuses events Desk would never send to the widget's location.
#[derive(Debug)]
pub struct SimulatedDesk<W> {
    core: Core<W>,
    log: Vec<Delivery>,
}

/// One event that Desk sent to the widget's location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The event's name.
    pub event: String,
    /// The payload, as JSON; `None` for an event sent without data.
    pub payload: Option<String>,
    /// What became of it.
    pub outcome: Outcome,
}

/// An event the simulated Desk refused to send, or that failed at the widget.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FireError {
    /// Not an event of the catalog (nor one the widget subscribes to with `unchecked`).
    UnknownEvent(EventError),
    /// Desk never sends this event to the widget's location.
    NotAvailable {
        /// The event's name.
        event: String,
        /// The widget's location.
        location: &'static str,
    },
    /// The reference has no sample for this event.
    NoSample {
        /// The event's name.
        event: String,
    },
    /// Sent, but the payload did not decode or the handler failed (also in the log).
    Failed(DispatchError),
}

impl fmt::Display for FireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FireError::UnknownEvent(error) => error.fmt(f),
            FireError::NotAvailable { event, location } => match desk_catalog::event(event) {
                Ok(known) => f.write_str(&explain::not_available(&known, event, location)),
                Err(_) => write!(f, "`{event}` is not delivered at `{location}`"),
            },
            FireError::NoSample { event } => write!(f, "the reference has no sample of `{event}`"),
            FireError::Failed(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for FireError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FireError::UnknownEvent(error) => Some(error),
            FireError::Failed(error) => Some(error),
            _ => None,
        }
    }
}

impl<W: Widget> SimulatedDesk<W> {
    /// Mounts `widget` at its declared location.
    pub fn mount(widget: W) -> Self {
        SimulatedDesk {
            core: Core::new(widget),
            log: Vec::new(),
        }
    }

    /// Also calls `hook` with the event's name and the error for every event that fails at the
    /// widget, as the browser host calls the hooks given to `browser::Mount::on_error`;
    /// failures are logged either way.
    pub fn on_error(&mut self, hook: impl FnMut(&str, &DispatchError) + 'static) {
        self.core.add_error_hook(Box::new(hook));
    }

    /// Sends `event` with its JSON `payload`, as Desk would: to the handler if the widget
    /// subscribes to it, to nobody (logged as [`Outcome::NotSubscribed`]) if it does not.
    ///
    /// # Errors
    ///
    /// [`FireError::UnknownEvent`] and [`FireError::NotAvailable`] for events Desk would never
    /// send to this location (not logged); [`FireError::Failed`] when the payload did not
    /// decode or the handler failed (logged).
    pub fn fire(&mut self, event: &str, payload: &str) -> Result<(), FireError> {
        self.send(event, Some(payload))
    }

    /// Sends `event` without any data, as the SDK sends `modal.closed` (the callback's argument
    /// is `undefined`).
    ///
    /// # Errors
    ///
    /// As [`SimulatedDesk::fire`].
    pub fn fire_without_payload(&mut self, event: &str) -> Result<(), FireError> {
        self.send(event, None)
    }

    fn send(&mut self, event: &str, payload: Option<&str>) -> Result<(), FireError> {
        let subscribed = W::SUBSCRIPTIONS.contains(&event);
        // An event outside the catalog reaches only a widget that subscribed to it explicitly
        // with `#[on("...", unchecked)]`; catalog events must be available at the location.
        match desk_catalog::event(event) {
            Err(error) if !subscribed => return Err(FireError::UnknownEvent(error)),
            Ok(known) if !desk_catalog::is_available(&known, W::LOCATION) => {
                return Err(FireError::NotAvailable {
                    event: event.to_owned(),
                    location: W::LOCATION,
                });
            }
            Err(_) | Ok(_) => {}
        }
        let outcome = self.core.receive(event, payload);
        let result = match &outcome {
            Outcome::Failed(error) => Err(FireError::Failed(error.clone())),
            _ => Ok(()),
        };
        self.log.push(Delivery {
            event: event.to_owned(),
            payload: payload.map(str::to_owned),
            outcome,
        });
        result
    }

    /// Sends `event` with the reference's sample payload ([`crate::samples::sample`]).
    ///
    /// # Errors
    ///
    /// As [`SimulatedDesk::fire`], and [`FireError::NoSample`] for an event without one.
    pub fn fire_sample(&mut self, event: &str) -> Result<(), FireError> {
        let Some(payload) = sample(event) else {
            // A misspelt name is an unknown event (with its suggestion), not a missing sample.
            return Err(match desk_catalog::event(event) {
                Err(error) if !W::SUBSCRIPTIONS.contains(&event) => FireError::UnknownEvent(error),
                _ => FireError::NoSample {
                    event: event.to_owned(),
                },
            });
        };
        self.fire(event, &payload)
    }

    /// The widget, to look at its state.
    pub fn widget(&self) -> &W {
        &self.core.widget
    }

    /// The widget, to change its state between events.
    pub fn widget_mut(&mut self) -> &mut W {
        &mut self.core.widget
    }

    /// Unmounts the widget.
    pub fn into_widget(self) -> W {
        self.core.widget
    }

    /// What the widget's page shows now: [`Page::render`], which the browser host writes into
    /// the page's `#app` after mounting and after every event.
    pub fn page(&self) -> String
    where
        W: Page,
    {
        self.core.widget.render()
    }

    /// Every event sent to the widget's location so far, in order.
    pub fn deliveries(&self) -> &[Delivery] {
        &self.log
    }

    /// The events that failed, with their errors, in order.
    pub fn failures(&self) -> impl Iterator<Item = (&str, &DispatchError)> {
        self.log
            .iter()
            .filter_map(|delivery| match &delivery.outcome {
                Outcome::Failed(error) => Some((delivery.event.as_str(), error)),
                _ => None,
            })
    }
}
