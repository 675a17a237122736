//! `cargo xtask browser-test`: the packaged widget, in headless Chromium, on a stand-in SDK.
//!
//! The stand-in plays a plan of events (the reference's samples, a malformed payload, an
//! event the widget does not subscribe to, more samples after the failures); the same plan
//! runs on the simulated Desk natively, and the browser must agree with it exactly: the
//! registered subscriptions, the widget's rendered panel, the errors its error hook showed.

use crate::build::package;
use crate::serve;
use crate::tools::{find, output, target_dir};
use desk_package::SDK_SCRIPT;
use desk_runtime::Widget;
use desk_runtime::sim::SimulatedDesk;
use serde_json::{Value, json};
use std::process::Command;
use telephony_widget::CallAssistant;

const STAND_IN: &str = include_str!("../assets/zohodesk-sdk-standin.js");

/// The events Desk sends in the test, in order.
fn plan() -> Vec<(&'static str, Value)> {
    let sample = |event: &str| {
        let text = desk_runtime::samples::sample(event).unwrap_or_default();
        serde_json::from_str(&text).unwrap_or(Value::Null)
    };
    vec![
        ("ticket_status.changed", sample("ticket_status.changed")),
        ("call.ringing", sample("call.ringing")),
        ("call.answered", sample("call.answered")),
        ("ticket_priority.changed", sample("ticket_priority.changed")),
        ("call.completed", sample("call.completed")),
        // Not subscribed: Desk sends it to the location, the widget never sees it.
        ("ticket_Shift", sample("ticket_Shift")),
        // A malformed payload, then a value the handler refuses: both end in the error hook...
        (
            "call.ringing",
            json!({ "callType": "inbound", "number": 42 }),
        ),
        (
            "ticket_priority.changed",
            json!({ "ticket.priority": "Urgent <b>now</b>" }),
        ),
        // ...and the widget keeps working.
        ("call.ringing", sample("call.ringing")),
        (
            "ticket_status.changed",
            json!({ "ticket.status": "Closed" }),
        ),
    ]
}

pub fn test() -> Result<(), String> {
    let package = package()?;
    let plan = plan();
    let plan_js = format!(
        "window.DESK_TEST_PLAN = {};",
        Value::Array(plan.iter().map(|(e, p)| json!([e, p])).collect())
    );
    let extras = vec![
        ("/__desk_test__/plan.js", "text/javascript", plan_js),
        (
            "/__desk_test__/sdk.js",
            "text/javascript",
            STAND_IN.to_owned(),
        ),
    ];
    let address = serve::start(package, extras, use_stand_in)?;
    let url = format!("http://{address}/app/call-assistant.html");
    let dom = load(&url)?;

    let report: Value =
        serde_json::from_str(between(&dom, "id=\"desk-test-report\">", "</script>")?)
            .map_err(|e| format!("the stand-in's report is not JSON: {e}"))?;
    let expected = simulate(&plan);
    let mut failures = Vec::new();
    let registered: Vec<&str> = report["registered"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if registered != CallAssistant::SUBSCRIPTIONS {
        failures.push(format!(
            "registered {registered:?}, declared {:?}",
            CallAssistant::SUBSCRIPTIONS
        ));
    }
    let panel = unescape(between(&dom, "<main id=\"app\">", "</main>")?);
    if panel != unescape(&expected.panel) {
        failures.push(format!(
            "the page shows\n{panel}\nthe simulator\n{}",
            expected.panel
        ));
    }
    let errors: Vec<String> = between(&dom, "<ul id=\"errors\">", "</ul>")?
        .split("<li>")
        .skip(1)
        .map(|item| unescape(item.trim_end_matches("</li>")))
        .collect();
    if errors != expected.errors {
        failures.push(format!(
            "error hook: {errors:#?}\nexpected: {:#?}",
            expected.errors
        ));
    }
    let console_errors = report["consoleErrors"].as_array().map_or(0, Vec::len);
    if console_errors != expected.errors.len() {
        failures.push(format!(
            "{console_errors} console errors, expected {}: {}",
            expected.errors.len(),
            report["consoleErrors"]
        ));
    }
    if failures.is_empty() {
        println!(
            "browser test: {} subscriptions registered, {} events played, panel and {} errors as on the simulator",
            registered.len(),
            plan.len(),
            errors.len()
        );
        Ok(())
    } else {
        Err(failures.join("\n\n"))
    }
}

/// The page loads the real SDK from Zoho's servers: in the test, the stand-in and the plan.
fn use_stand_in(page: &str) -> String {
    let real = format!("<script src=\"{SDK_SCRIPT}\"></script>");
    let stand_in = "<script src=\"/__desk_test__/plan.js\"></script>\n\
                    <script src=\"/__desk_test__/sdk.js\"></script>";
    page.replace(&real, stand_in)
}

/// The page's DOM once its scripts have run.
fn load(url: &str) -> Result<String, String> {
    let profile = target_dir().join("desk-browser-test-profile");
    let _ = std::fs::remove_dir_all(&profile);
    output(
        Command::new(find("chromium", "CHROMIUM")?)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
            ])
            .args([
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(["--virtual-time-budget=10000", "--dump-dom", url]),
    )
}

/// What the simulated Desk makes of the plan: the panel and the error hook's lines.
struct Expected {
    panel: String,
    errors: Vec<String>,
}

fn simulate(plan: &[(&str, Value)]) -> Expected {
    let mut desk = SimulatedDesk::mount(CallAssistant::default());
    let mut errors = Vec::new();
    for (event, payload) in plan {
        // The browser host hands over `JSON.stringify(payload)`: compact, as `to_string`.
        if let Err(error) = desk.fire(event, &payload.to_string()) {
            errors.push(format!("{event}: {error}"));
        }
    }
    Expected {
        panel: desk.widget().render(),
        errors,
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Result<&'a str, String> {
    let from = text
        .find(start)
        .ok_or_else(|| format!("`{start}` not in the page:\n{text}"))?
        + start.len();
    let to = text[from..]
        .find(end)
        .ok_or_else(|| format!("no `{end}` after `{start}`"))?;
    Ok(&text[from..from + to])
}

/// Undoes HTML escaping, to compare text whatever entities the serializer chose.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
