//! `request` through Desk's proxy, to the service of the extension's configuration: its JSON
//! unwrapped from the proxy's two layers, and its error status reported.

use crate::Settings;
use crate::panel::TicketChecks;
use crate::report::Report;
use desk_runtime::desk::{Request, RequestError};
use desk_runtime::json::Value;
use desk_runtime::prelude::*;

/// Reads the configuration, then calls its two URLs.
pub async fn check(desk: &Desk<TicketChecks>, report: &mut Report) {
    let settings = desk.config::<Settings>().await;
    report.check(
        "config::<Settings>() (get(\"extension.config\"))",
        "the configuration's values, typed",
        &settings,
        Result::is_ok,
    );
    let Ok(settings) = settings else { return };
    let answer = desk.request(Request::get(settings.service_url)).await;
    let body = answer.and_then(|response| Ok((response.status, response.json::<Value>()?)));
    report.check(
        "request GET <Service URL>",
        "the service's JSON, inside the proxy's two layers of JSON text, with statusCode 200",
        &body,
        |body| matches!(body, Ok((Some(200..=299), _))),
    );
    let answer = desk.request(Request::get(settings.error_url)).await;
    report.check(
        "request GET <Error URL>",
        "the service's error, with its status (400 or more) from the proxy's statusCode",
        &answer,
        |answer| {
            matches!(answer, Err(RequestError::Service { status: Some(status), .. }) if *status >= 400)
        },
    );
}
