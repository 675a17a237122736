//! `whitelisted_domains` is a security boundary: on the simulated Desk, every spelling of
//! `support/spellings.rs` is refused before any call or sent, as the table says (the same
//! table runs in Chromium, in `tests/browser.rs`).

#[path = "support/spellings.rs"]
mod spellings;

use desk_runtime::desk::{Request, RequestError};
use desk_runtime::extension::{QUOTED_URL_BYTES, Refusal};
use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedDesk;
use spellings::SPELLINGS;

/// Requests every spelling, in order, and keeps whether each was refused as not allowed.
#[derive(Debug, Default)]
struct Caller {
    refused: Vec<bool>,
}

#[desk_widget(location = "desk.bottomband")]
impl Caller {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) {
        for (url, _) in SPELLINGS {
            let answer = desk.request(Request::get(*url)).await;
            self.refused
                .push(matches!(answer, Err(RequestError::NotAllowed(_))));
        }
    }
}

impl Page for Caller {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Caller",
    whitelisted_domains: ["https://crm.example.com", "https://api.example.com:8443"],
    widgets: { "Caller": Caller },
}

#[test]
fn every_spelling_is_refused_before_any_call_or_sent_as_the_table_says() {
    let mut desk = SimulatedDesk::mount(Caller::default());
    desk.fire_sample("call.ringing").unwrap();
    let refused = &desk.widget().refused;
    assert_eq!(refused.len(), SPELLINGS.len());
    let wrong: Vec<_> = SPELLINGS
        .iter()
        .zip(refused)
        .filter(|((_, allowed), refused)| *allowed == **refused)
        .map(|((url, allowed), _)| format!("{url:?} (allowed: {allowed})"))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    // Desk saw the allowed spellings only, as written.
    let sent: Vec<_> = desk
        .calls()
        .iter()
        .map(|call| {
            call.arguments[0]["url"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    let allowed: Vec<_> = SPELLINGS
        .iter()
        .filter(|(_, allowed)| *allowed)
        .map(|(url, _)| (*url).to_owned())
        .collect();
    assert_eq!(sent, allowed);
}

#[test]
fn a_refused_url_is_quoted_at_most_100_bytes_without_its_control_characters() {
    let long = format!("https://evil.example.net/{}", "é".repeat(10_000));
    let injected = "https://crm.example.com/\r\nX-Injected: 1";
    for url in [long.as_str(), injected, "https://evil.example.net/"] {
        let refused = EXTENSION.check_request(url).unwrap_err();
        // The message, written when refused, is the refusal's.
        assert_eq!(refused.to_string(), refused.refusal().to_string());
        let quoted = match refused.refusal() {
            Refusal::DomainNotWhitelisted { url, .. } | Refusal::InvalidUrl { url, .. } => url,
            other => panic!("{other:?}"),
        };
        let without_cut = quoted.strip_suffix("...").unwrap_or(quoted);
        assert!(without_cut.len() <= QUOTED_URL_BYTES, "{quoted}");
        assert!(url.starts_with(without_cut) || url == injected, "{quoted}");
        assert!(!quoted.contains(char::is_control), "{quoted:?}");
        let message = refused.to_string();
        assert!(message.len() < 400, "{message}");
        assert!(!message.contains(char::is_control), "{message:?}");
    }
}

#[test]
fn a_refusal_says_why() {
    let refused = |url: &str| EXTENSION.check_request(url).unwrap_err().to_string();
    assert_eq!(
        refused("https://crm.example.com@evil.example.net/"),
        "`https://crm.example.com@evil.example.net/` is refused: it has an `@` before its path: \
         user information, or to some readers another host"
    );
    assert_eq!(
        refused("https://evil.example.net/x"),
        "`https://evil.example.net/x` is not on a whitelisted domain (whitelisted: \
         https://crm.example.com, https://api.example.com:8443): add its origin to \
         `whitelisted_domains` in `extension!`"
    );
}
