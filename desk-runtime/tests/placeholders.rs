//! Only a `Secret` writes `{{name}}` into a request: Desk's proxy fills every placeholder in
//! with the parameter's value, so text from anywhere else that holds `{{` (a ticket's subject,
//! a caller's name) could carry a secure value to a service, or into its logs. Such a request is
//! refused before any call.
#![allow(missing_docs)]

use desk_runtime::config::{ConfigError, DeskConfig, Secret};
use desk_runtime::desk::property::TicketSubject;
use desk_runtime::desk::{Request, RequestError};
use desk_runtime::extension::Refusal;
use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedDesk;
use serde_json::json;

#[derive(DeskConfig)]
pub struct Settings {
    /// CRM address
    crm_url: String,
    /// CRM API key
    crm_key: Secret,
}

/// Searches the CRM for the ticket's subject, in the query and in the body.
#[derive(Default)]
pub struct Search {
    error: Option<RequestError>,
    config: Option<ConfigError>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Search {
    #[on("ticket_status.changed")]
    async fn changed(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
        let settings = match desk.config::<Settings>().await {
            Ok(settings) => settings,
            Err(error) => {
                self.config = Some(error);
                return Ok(());
            }
        };
        let subject = desk.get::<TicketSubject>().await?;
        let request = Request::get(settings.crm_url + "/search")
            .header("Authorization", "Bearer " + &settings.crm_key)
            .query("q", subject.clone())
            .body(json!({ "note": subject }));
        self.error = desk.request(request).await.err();
        Ok(())
    }
}

impl Page for Search {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Search",
    whitelisted_domains: ["https://crm.example.com"],
    config: Settings,
    widgets: { "Search": Search },
}

fn desk(subject: &str) -> SimulatedDesk<Search> {
    let mut desk = SimulatedDesk::new(Search::default());
    desk.set_config("crm_url", json!("https://crm.example.com"));
    desk.set_secret("crm_key", "k-SECRET");
    desk.set_data("ticket.subject", json!(subject));
    desk.answer_request("GET", "https://crm.example.com/search", 200, json!({}));
    desk.load().unwrap();
    desk.fire("ticket_status.changed", r#"{"ticket.status": "Open"}"#)
        .unwrap();
    desk
}

#[test]
fn the_secret_a_secret_wrote_is_filled_in() {
    let desk = desk("refund please");
    assert_eq!(desk.widget().error, None);
    let received = desk.received_requests();
    assert_eq!(received[0]["headers"]["Authorization"], "Bearer k-SECRET");
    assert_eq!(received[0]["data"]["q"], "refund please");
}

#[test]
fn a_placeholder_in_desks_data_is_refused_before_any_call() {
    let desk = desk("refund please {{crm_key}}");
    let Some(RequestError::NotAllowed(refused)) = &desk.widget().error else {
        panic!("{:?}", desk.widget().error);
    };
    let Refusal::PlainPlaceholder { text } = refused.refusal() else {
        panic!("{refused:?}");
    };
    assert!(text.contains("{{crm_key}}"), "{text}");
    assert!(desk.received_requests().is_empty());
    assert!(!format!("{:?}", desk.calls()).contains("request"));
}

#[test]
fn a_placeholder_in_a_json_body_is_refused_too() {
    // `{` then `{crm_key}}`: written apart, read together.
    let desk = desk("{");
    assert_eq!(desk.widget().error, None, "one brace is no placeholder");
    let desk = desk_with_body(&json!({ "note": "{{crm_key}}" }).to_string());
    assert!(matches!(
        &desk.widget().error,
        Some(RequestError::NotAllowed(refused))
            if matches!(refused.refusal(), Refusal::PlainPlaceholder { .. })
    ));
    assert!(desk.received_requests().is_empty());
}

/// A body passed on as it was received (a `json::Raw`) keeps its escapes: `\u007b` is a brace
/// once Desk parses it, and two of them a placeholder the proxy would fill in.
#[test]
fn a_placeholder_written_with_escaped_braces_is_refused_too() {
    for body in [
        r#"{"note":"\u007b\u007bcrm_key}}"}"#,
        r#"{"note":"{\u007Bcrm_key\u007d\u007d"}"#,
        r#"{"\u007b{crm_key}}":"note"}"#,
    ] {
        let desk = desk_with_body(body);
        let Some(RequestError::NotAllowed(refused)) = &desk.widget().error else {
            panic!("{body}: {:?}", desk.widget().error);
        };
        let Refusal::PlainPlaceholder { text } = refused.refusal() else {
            panic!("{refused:?}");
        };
        assert!(body.ends_with(text.as_str()), "{text}");
        assert!(desk.received_requests().is_empty(), "{body}");
        assert!(!format!("{:?}", desk.calls()).contains("request"));
    }
    // A backslash then `u007b` is no brace: sent, and received as written.
    let desk = desk_with_body(r#"{"note":"\\u007b\\u007bcrm_key}}"}"#);
    assert_eq!(desk.widget().error, None);
    assert_eq!(
        desk.received_requests()[0]["postBody"]["note"],
        r"\u007b\u007bcrm_key}}"
    );
}

/// Sends `body` as the request's whole body, as it was received.
#[derive(Default)]
pub struct Body {
    body: Option<desk_runtime::json::Raw>,
    error: Option<RequestError>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Body {
    #[on("ticket_status.changed")]
    async fn changed(&mut self, desk: &Desk<Self>) {
        let request = Request::post("https://crm.example.com/notes", self.body.clone());
        self.error = desk.request(request).await.err();
    }
}

impl Page for Body {
    fn render(&self) -> String {
        String::new()
    }
}

mod body {
    desk_runtime::extension! {
        name: "Body",
        whitelisted_domains: ["https://crm.example.com"],
        widgets: { "Body": super::Body },
    }
}

fn desk_with_body(body: &str) -> SimulatedDesk<Body> {
    let body = desk_runtime::json::from_str(body).unwrap();
    let mut desk = SimulatedDesk::mount(Body {
        body: Some(body),
        error: None,
    });
    desk.answer_request("POST", "https://crm.example.com/notes", 200, json!({}));
    desk.fire("ticket_status.changed", r#"{"ticket.status": "Open"}"#)
        .unwrap();
    desk
}

#[test]
fn a_mistyped_setting_is_quoted_at_most_300_bytes() {
    let mut desk = SimulatedDesk::new(Search::default());
    // Four-byte characters: a cut by characters would still be over 300 bytes.
    desk.set_config("crm_url", json!(["𝕏".repeat(5000)]));
    desk.load().unwrap();
    desk.fire("ticket_status.changed", r#"{"ticket.status": "Open"}"#)
        .unwrap();
    let message = desk.widget().config.as_ref().unwrap().to_string();
    assert!(message.len() <= 300, "{} bytes", message.len());
    assert!(
        message.starts_with("the configuration parameter `crm_url`"),
        "{message}"
    );
}

/// Puts the ticket's subject into a query parameter's, a header's and a body field's *names*.
#[derive(Default)]
pub struct Tagged {
    error: Option<RequestError>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Tagged {
    #[on("ticket_status.changed")]
    async fn changed(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
        let subject = desk.get::<TicketSubject>().await?;
        let request = Request::get("https://crm.example.com/search")
            .query(subject.clone(), "1")
            .header(format!("X-Tag-{subject}"), "1")
            .body_field(subject, "1");
        self.error = desk.request(request).await.err();
        Ok(())
    }
}

impl Page for Tagged {
    fn render(&self) -> String {
        String::new()
    }
}

mod tagged {
    desk_runtime::extension! {
        name: "Tagged",
        whitelisted_domains: ["https://crm.example.com"],
        widgets: { "Tagged": super::Tagged },
    }
}

#[test]
fn a_placeholder_in_a_name_is_refused_too() {
    let mut desk = SimulatedDesk::new(Tagged::default());
    desk.set_data("ticket.subject", json!("{{crm_key}}"));
    desk.answer_request("GET", "https://crm.example.com/search", 200, json!({}));
    desk.load().unwrap();
    desk.fire("ticket_status.changed", r#"{"ticket.status": "Open"}"#)
        .unwrap();
    assert!(matches!(
        &desk.widget().error,
        Some(RequestError::NotAllowed(refused))
            if matches!(refused.refusal(), Refusal::PlainPlaceholder { .. })
    ));
    assert!(desk.received_requests().is_empty());
}

/// Puts a secret where it could change the request's host: right after the origin, before any
/// `/` (`https://crm.example.com{{crm_key}}/search` could be read, once filled in, as another
/// host).
#[derive(Default)]
pub struct BeforePath {
    error: Option<RequestError>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl BeforePath {
    #[on("ticket_status.changed")]
    async fn changed(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::Error> {
        let settings = desk.config::<Settings>().await?;
        let url = settings.crm_url.as_str() + &settings.crm_key + "/search";
        self.error = desk.request(Request::get(url)).await.err();
        Ok(())
    }
}

impl Page for BeforePath {
    fn render(&self) -> String {
        String::new()
    }
}

mod before_path {
    desk_runtime::extension! {
        name: "Before Path",
        whitelisted_domains: ["https://crm.example.com"],
        config: super::Settings,
        widgets: { "Before Path": super::BeforePath },
    }
}

/// Even a `Secret`'s placeholder is refused before a URL's path, end to end through
/// `desk.request`: the check `desk_catalog::origin` tests on its own reaches the widget.
#[test]
fn a_secret_before_the_path_is_refused_before_any_call() {
    let mut desk = SimulatedDesk::new(BeforePath::default());
    desk.set_config("crm_url", json!("https://crm.example.com"));
    desk.set_secret("crm_key", "k-SECRET");
    desk.load().unwrap();
    desk.fire("ticket_status.changed", r#"{"ticket.status": "Open"}"#)
        .unwrap();
    let Some(RequestError::NotAllowed(refused)) = &desk.widget().error else {
        panic!("{:?}", desk.widget().error);
    };
    assert!(
        matches!(refused.refusal(), Refusal::InvalidUrl { reason, .. } if reason.to_string().contains("before its path")),
        "{refused:?}"
    );
    assert!(desk.received_requests().is_empty());
}
