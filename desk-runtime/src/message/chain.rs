//! Where an event stands in a chain of messages between widgets, and the envelope a message
//! carries it in: so that widgets that answer each other's messages forever stop at
//! [`MESSAGE_CHAIN_LIMIT`] messages deep, and widgets that answer one message with several stop
//! after [`MESSAGE_CHAIN_WIDTH`] messages each ([`Ledger`]), on every host.

use crate::bounded::cut;
use crate::errors::{DispatchError, MESSAGE_CHAIN_LIMIT, MESSAGE_CHAIN_WIDTH};

/// The longest event name a chain's error or envelope keeps, in bytes (then `...`).
const NAME_LIMIT: usize = 60;

/// The start of a message's envelope, which carries the chain it belongs to:
/// `{"deskWidgets.chain":3,"deskWidgets.start":2,"message":<the message>,"origin":"call.ringing"}`
/// (`start` numbers the chain among those its origin's widget set off). Its keys are in
/// alphabetical order, as every JSON writer on the way (`serde_json`'s map, `JSON.stringify` of
/// `JSON.parse`) keeps them.
const ENVELOPE: &str = "{\"deskWidgets.chain\":";

/// The key between a message's envelope's depth and its chain's number, which an envelope
/// written before chains had one lacks (then 0).
const ENVELOPE_START: &str = ",\"deskWidgets.start\":";

/// How many chains a widget's [`Ledger`] remembers: a storm interleaved with more chains than
/// this may be counted afresh, and is bounded all the same by the others' ledgers.
const LEDGER_CHAINS: usize = 8;

/// The key between a message's envelope's depth (or chain number) and the message.
const ENVELOPE_MESSAGE: &str = ",\"message\":";

/// The key between the message and the chain's origin, the envelope's last.
const ENVELOPE_ORIGIN: &str = ",\"origin\":\"";

/// Where an event stands in a chain of messages between widgets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Chain {
    /// The event of Desk (or the agent's action) that set the chain off.
    origin: String,
    /// How many messages deep the event is: 0 for that event itself.
    depth: u32,
    /// The chain's number among those the widget of its origin set off ([`Ledger::admit`]).
    start: u32,
}

impl Chain {
    /// The chain `payload` belongs to, and the payload without its envelope: a message sent by
    /// a handler ([`Chain::envelope`]) is one deeper than the event that handler handled;
    /// anything else (an event of Desk, a message from a widget written in JavaScript) starts a
    /// chain.
    pub(crate) fn of<'a>(event: &str, payload: &'a str) -> (Chain, &'a str) {
        Self::unwrap(payload).unwrap_or_else(|| {
            let chain = Chain {
                origin: event.to_owned(),
                depth: 0,
                start: 0,
            };
            (chain, payload)
        })
    }

    fn unwrap(payload: &str) -> Option<(Chain, &str)> {
        let rest = payload.strip_prefix(ENVELOPE)?;
        let digits = rest.bytes().position(|b| !b.is_ascii_digit())?;
        // Folded by hand: `str::parse` links a general parser (340 bytes of every module).
        let depth = rest.bytes().take(digits).try_fold(0_u32, |depth, digit| {
            depth.checked_mul(10)?.checked_add(u32::from(digit - b'0'))
        })?;
        let rest = rest.get(digits..)?;
        let (start, rest) = match rest.strip_prefix(ENVELOPE_START) {
            Some(rest) => number(rest)?,
            None => (0, rest),
        };
        let rest = rest.strip_prefix(ENVELOPE_MESSAGE)?;
        let rest = rest.strip_suffix("\"}")?;
        // The origin holds no quote ([`Chain::envelope`]): the last quote opens it. (Bytes
        // searched by hand: `str`'s searchers index, and link slicing panics and kilobytes.)
        let quote = rest.bytes().rposition(|b| b == b'"')?;
        let origin = rest.get(quote + 1..)?;
        let message = rest.get(..=quote)?.strip_suffix(ENVELOPE_ORIGIN)?;
        let chain = Chain {
            origin: origin.to_owned(),
            depth,
            start,
        };
        Some((chain, message))
    }

    /// `message`, JSON sent by a handler of this chain's event, in its envelope: one deeper.
    /// The origin keeps the characters of event names only, so that it needs no escaping.
    pub(crate) fn envelope(&self, message: &str) -> String {
        let origin: String = self
            .origin
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':'))
            .take(NAME_LIMIT)
            .collect();
        let depth = self.depth.saturating_add(1);
        let start = self.start;
        format!(
            "{ENVELOPE}{depth}{ENVELOPE_START}{start}{ENVELOPE_MESSAGE}{message}\
             {ENVELOPE_ORIGIN}{origin}\"}}"
        )
    }

    /// Refuses an event past [`MESSAGE_CHAIN_LIMIT`].
    pub(crate) fn check(&self, event: &str) -> Result<(), DispatchError> {
        if self.depth <= MESSAGE_CHAIN_LIMIT {
            return Ok(());
        }
        Err(DispatchError::MessageLoop {
            message: cut(event, NAME_LIMIT),
            origin: cut(&self.origin, NAME_LIMIT),
            depth: self.depth,
        })
    }
}

/// The decimal `u32` at the start of `text`, and what follows it.
fn number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().position(|b| !b.is_ascii_digit())?;
    // Folded by hand, as the depth is.
    let value = text.bytes().take(digits).try_fold(0_u32, |value, digit| {
        value.checked_mul(10)?.checked_add(u32::from(digit - b'0'))
    })?;
    Some((value, text.get(digits..)?))
}

/// What one widget's host counts of the chains of messages it took part in lately: the chains
/// its events set off (to number them), and how many messages of each recent chain it handled,
/// so that it refuses the one past [`MESSAGE_CHAIN_WIDTH`]. A fan-out storm (each handler
/// sends two messages on) is then bounded by the widgets times that width, even in the browser
/// where the widgets share nothing but the envelope. A small vector, not a map: a map's code
/// is kilobytes of every module.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    /// How many chains this widget's events set off.
    started: u32,
    /// The recent chains' origin (cut), number, and messages handled; the oldest first.
    recent: Vec<(String, u32, u32)>,
}

impl Ledger {
    /// Admits the event of `chain` about to be handled, or refuses it: past
    /// [`MESSAGE_CHAIN_LIMIT`] deep, or past [`MESSAGE_CHAIN_WIDTH`] messages of its chain
    /// handled here. An event that starts a chain gets its number.
    pub(crate) fn admit(&mut self, chain: &mut Chain, event: &str) -> Result<(), DispatchError> {
        chain.check(event)?;
        if chain.depth == 0 {
            self.started = self.started.wrapping_add(1);
            chain.start = self.started;
            return Ok(());
        }
        let origin = cut(&chain.origin, NAME_LIMIT);
        let known = self
            .recent
            .iter()
            .position(|(o, start, _)| *o == origin && *start == chain.start);
        let index = known.unwrap_or_else(|| {
            if self.recent.len() >= LEDGER_CHAINS {
                self.recent.remove(0);
            }
            self.recent.push((origin, chain.start, 0));
            self.recent.len() - 1
        });
        let handled = &mut self.recent[index].2;
        if *handled >= MESSAGE_CHAIN_WIDTH {
            return Err(DispatchError::MessageStorm {
                message: cut(event, NAME_LIMIT),
                origin: self.recent[index].0.clone(),
            });
        }
        *handled += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Chain, Ledger, MESSAGE_CHAIN_LIMIT, MESSAGE_CHAIN_WIDTH};

    #[test]
    fn a_message_in_its_envelope_is_one_deeper_in_the_same_chain() {
        let (start, payload) = Chain::of("call.ringing", r#"{"number":"1"}"#);
        assert_eq!(payload, r#"{"number":"1"}"#);
        let sent = start.envelope(r#"{"name":"Ada, \"origin\":\"x\"}"}"#);
        let (chain, message) = Chain::of("test.caller", &sent);
        assert_eq!(message, r#"{"name":"Ada, \"origin\":\"x\"}"}"#);
        assert_eq!(chain.origin, "call.ringing");
        assert_eq!(chain.depth, 1);
        let (deeper, _) = Chain::of("test.caller", &chain.envelope("7"));
        assert_eq!(deeper.depth, 2);
    }

    #[test]
    fn the_limit_refuses_the_message_past_it_with_a_bounded_error() {
        let origin = "x".repeat(10_000);
        let mut chain = Chain::of(&origin, "1").0;
        for _ in 0..MESSAGE_CHAIN_LIMIT {
            chain = Chain::of("m", &chain.envelope("1")).0;
            assert!(chain.check("m").is_ok());
        }
        let past = Chain::of("m", &chain.envelope("1")).0;
        let error = past.check(&"m".repeat(10_000)).unwrap_err().to_string();
        assert!(error.len() <= 300, "{} bytes: {error}", error.len());
    }

    #[test]
    fn a_widget_handles_at_most_the_width_of_one_chain_and_counts_each_chain_apart() {
        let mut origin_host = Ledger::default();
        let mut receiver = Ledger::default();
        let (mut first, _) = Chain::of("call.ringing", "{}");
        origin_host.admit(&mut first, "call.ringing").unwrap();
        let (mut second, _) = Chain::of("call.ringing", "{}");
        origin_host.admit(&mut second, "call.ringing").unwrap();
        assert_ne!(first.start, second.start);
        for _ in 0..MESSAGE_CHAIN_WIDTH {
            let mut message = Chain::of("m", &first.envelope("1")).0;
            receiver.admit(&mut message, "m").unwrap();
        }
        let mut past = Chain::of("m", &first.envelope("1")).0;
        let error = receiver.admit(&mut past, &"m".repeat(10_000)).unwrap_err();
        assert!(error.to_string().len() <= 300, "{error}");
        // Another event's chain, of the same origin, is counted apart.
        let mut other = Chain::of("m", &second.envelope("1")).0;
        receiver.admit(&mut other, "m").unwrap();
    }

    #[test]
    fn an_envelope_without_a_chain_number_is_of_chain_0() {
        let payload = r#"{"deskWidgets.chain":1,"message":{"a":1},"origin":"call.ringing"}"#;
        let (chain, message) = Chain::of("m", payload);
        assert_eq!((chain.depth, chain.start, message), (1, 0, r#"{"a":1}"#));
    }

    #[test]
    fn what_is_not_an_envelope_starts_a_chain_as_it_is() {
        for payload in [
            r#"{"deskWidgets.chain":"1","message":1,"origin":"a"}"#,
            r#"{"deskWidgets.chain":99999999999,"message":1,"origin":"a"}"#,
            r#"{"deskWidgets.chain":1,"message":1}"#,
            r#"{"deskWidgets.chain":1,"origin":"a"}"#,
            r#"{"deskWidgets.chain":1,"deskWidgets.start":x,"message":1,"origin":"a"}"#,
            r#"{"deskWidgets.chain":"#,
            "",
        ] {
            let (chain, message) = Chain::of("event", payload);
            assert_eq!((chain.depth, message), (0, payload));
        }
    }
}
