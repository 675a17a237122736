//! Where an event stands in a chain of messages between widgets, and the envelope a message
//! carries it in: so that widgets that answer each other's messages forever stop at
//! [`MESSAGE_CHAIN_LIMIT`], on every host.

use crate::bounded::cut;
use crate::errors::{DispatchError, MESSAGE_CHAIN_LIMIT};

/// The longest event name a chain's error or envelope keeps, in bytes (then `...`).
const NAME_LIMIT: usize = 60;

/// The start of a message's envelope, which carries the chain it belongs to:
/// `{"deskWidgets.chain":3,"message":<the message>,"origin":"call.ringing"}`. Its keys are in
/// alphabetical order, as every JSON writer on the way (`serde_json`'s map, `JSON.stringify` of
/// `JSON.parse`) keeps them.
const ENVELOPE: &str = "{\"deskWidgets.chain\":";

/// The key between a message's envelope's depth and the message.
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
        let rest = rest.get(digits..)?.strip_prefix(ENVELOPE_MESSAGE)?;
        let rest = rest.strip_suffix("\"}")?;
        // The origin holds no quote ([`Chain::envelope`]): the last quote opens it. (Bytes
        // searched by hand: `str`'s searchers index, and link slicing panics and kilobytes.)
        let quote = rest.bytes().rposition(|b| b == b'"')?;
        let origin = rest.get(quote + 1..)?;
        let message = rest.get(..=quote)?.strip_suffix(ENVELOPE_ORIGIN)?;
        let chain = Chain {
            origin: origin.to_owned(),
            depth,
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
        format!("{ENVELOPE}{depth}{ENVELOPE_MESSAGE}{message}{ENVELOPE_ORIGIN}{origin}\"}}")
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

#[cfg(test)]
mod tests {
    use super::{Chain, MESSAGE_CHAIN_LIMIT};

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
    fn what_is_not_an_envelope_starts_a_chain_as_it_is() {
        for payload in [
            r#"{"deskWidgets.chain":"1","message":1,"origin":"a"}"#,
            r#"{"deskWidgets.chain":99999999999,"message":1,"origin":"a"}"#,
            r#"{"deskWidgets.chain":1,"message":1}"#,
            r#"{"deskWidgets.chain":1,"origin":"a"}"#,
            r#"{"deskWidgets.chain":"#,
            "",
        ] {
            let (chain, message) = Chain::of("event", payload);
            assert_eq!((chain.depth, message), (0, payload));
        }
    }
}
