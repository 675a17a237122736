//! `cargo xtask browser-test`: every page of the packaged example extensions, in headless
//! Chromium, on the SDK stand-in (`desk-runtime/tests/support/zohodesk-sdk-standin.js`).
//!
//! The stand-in plays one plan of events on every page, each event as a task of its own, to
//! every callback registered for it: the reference's samples, a malformed payload, a value a
//! handler refuses, an event without data, a payload with an unknown field and without its
//! optional ones. Each page must have subscribed to exactly its own widget's events, and show
//! what its widget shows after that plan: written down here, and the same as on the simulated
//! Desk. The status board's pages are checked twice: as packaged, and packaged with the
//! runtime's snippet made one that a page cannot inline, so that it ships as a file.

use crate::build::{EXAMPLES, package};
use crate::serve;
use crate::tools::{find, output, target_dir};
use desk_package::{Package, SDK_SCRIPT};
use desk_runtime::sim::SimulatedDesk;
use desk_runtime::{Extension, Page};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

const STAND_IN: &str = include_str!("../../desk-runtime/tests/support/zohodesk-sdk-standin.js");

/// The events Desk sends in the test, in order; no payload is an event without data.
pub(crate) fn plan() -> Vec<(&'static str, Option<Value>)> {
    let sample = |event: &str| {
        let text = desk_runtime::samples::sample(event).unwrap_or_default();
        serde_json::from_str(&text).ok()
    };
    vec![
        ("ticket_status.changed", sample("ticket_status.changed")),
        ("call.ringing", sample("call.ringing")),
        ("call.answered", sample("call.answered")),
        ("ticket_priority.changed", sample("ticket_priority.changed")),
        ("call.completed", sample("call.completed")),
        // Sent to the location; the widgets do not subscribe to it.
        ("ticket_Shift", sample("ticket_Shift")),
        // A malformed payload, then a value the handler refuses: both end in the error hooks...
        (
            "call.ringing",
            Some(json!({ "callType": "inbound", "number": 42 })),
        ),
        (
            "ticket_priority.changed",
            Some(json!({ "ticket.priority": "Urgent <b>now</b>" })),
        ),
        // ...and the widgets keep working. An event without data:
        ("modal.closed", None),
        // A field the reference does not list, and none of the optional ones.
        (
            "call.ringing",
            Some(json!({
                "callType": "inbound", "number": "555", "entityName": "Lee <b>",
                "callState": "ringing", "ctinumber": "", "isCallAssociated": false,
                "ztiCallId": "7", "agentExtension": "201"
            })),
        ),
        ("click2Call", sample("click2Call")),
        (
            "ticket_status.changed",
            Some(json!({ "ticket.status": "Closed" })),
        ),
        // The opener's input, to the modal page (the handshake's last step).
        (
            desk_runtime::modal::MODAL_INPUT,
            Some(json!({ "caller": "Lee <b>", "lasted": "42 s" })),
        ),
    ]
}

/// The events of a plan; no payload is an event without data.
type Plan<'a> = [(&'a str, Option<Value>)];

/// What the simulated Desk shows after a plan: the page, and the error hooks' lines.
type Simulated = (String, Vec<String>);

/// What Desk knows in the test: the agent, the ticket on screen, the extension's configuration
/// (the CRM's address; its key is secure, kept on Desk's side: the simulated Desk writes it into
/// the request, the stand-in has no proxy to) and the CRM the telephony bar looks callers up in;
/// the stand-in answers from it, and so does the simulated Desk.
pub(crate) fn config() -> Value {
    json!({
        "data": {
            "user.fullName": "Ada Agent",
            "ticket.subject": "Printer on fire",
            "extension.config": [{ "name": "crm_url", "value": "https://crm.example.com" }],
        },
        "secrets": { "crm_key": "crm-key-123" },
        "requests": {
            telephony_widget::CRM_CONTACTS: {
                "status": 200,
                "body": { "name": "Grace Hopper", "openTickets": ["#193 Printer on fire"] },
            },
        },
    })
}

/// What each page must show after the plan, its HTML unescaped, and the events its error
/// list must name, in order.
struct Expected {
    page: &'static str,
    panel: &'static str,
    errors: &'static [&'static str],
    simulate: fn(&Plan) -> Simulated,
}

const EXPECTED: &[Expected] = &[
    Expected {
        page: "call-assistant",
        panel: "<p>ticket: status Closed, priority Low</p>\
                <p>on the line: ringing from Lee <b> (555)</p>\
                <p>call with new contact logged as activity 901080000007003</p>",
        errors: &["call.ringing", "ticket_priority.changed"],
        simulate: simulate::<telephony_widget::CallAssistant>,
    },
    Expected {
        page: "call-bar",
        // The bar looked both callers up in the CRM (which knows one contact).
        panel: "<p>agent: Ada Agent, ticket: Printer on fire</p>\
                <p>ringing: Grace Hopper (555), open: #193 Printer on fire</p>\
                <p>1 calls taken, 0 logged, 1 dialled</p>",
        errors: &["call.ringing"],
        simulate: simulate::<telephony_widget::CallBar>,
    },
    Expected {
        page: "confirm-call-log",
        panel: "<p>Log the call with Lee <b> (42 s) in the ticket?</p>\
                <button data-click=\"log\">Log</button> <button data-click=\"skip\">Skip</button>",
        errors: &[],
        simulate: simulate::<telephony_widget::ConfirmLog>,
    },
    Expected {
        page: "call-history",
        panel: "<p>status: Open</p><p>call with new contact (#193)</p><p>a modal closed</p>\
                <p>status: Closed</p>",
        errors: &[],
        simulate: simulate::<telephony_widget::CallHistory>,
    },
    Expected {
        page: "status-board",
        panel: "<ul><li>Open</li><li>Closed</li></ul>",
        errors: &[],
        simulate: simulate::<status_board::StatusBoard>,
    },
    Expected {
        page: "call-log",
        panel: "<p>2 calls</p><p>new contact (9837650000)</p><p>Lee <b> (555)</p>",
        errors: &["call.ringing"],
        simulate: simulate::<status_board::CallLog>,
    },
];

pub fn test() -> Result<(), String> {
    let packages = package()?;
    let plan = plan();
    let plan_js = format!(
        "window.DESK_TEST_CONFIG = {};\nwindow.DESK_TEST_PLAN = {};",
        config(),
        Value::Array(
            plan.iter()
                .map(|(event, payload)| match payload {
                    Some(payload) => json!([event, payload]),
                    None => json!([event]),
                })
                .collect()
        )
    );
    let mut failures = Vec::new();
    let mut pages = 0;
    let mut check_pages = |extension: &Extension, package: PathBuf| -> Result<(), String> {
        let extras = vec![
            ("/__desk_test__/plan.js", "text/javascript", plan_js.clone()),
            (
                "/__desk_test__/sdk.js",
                "text/javascript",
                STAND_IN.to_owned(),
            ),
        ];
        let app = package.join("app");
        let address = serve::start(package, extras, use_stand_in)?;
        for widget in extension.pages() {
            let path = app.join(format!("{}.html", widget.page));
            let html =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            if let Some(name) = hashed_import(&html) {
                failures.push(format!(
                    "{}: the import `{name}` kept wasm-bindgen's hashed name \
                     (cargo-desk/src/short_imports.rs)",
                    widget.page
                ));
            }
            match module(&html) {
                Ok(wasm) => failures.extend(
                    module_problems(&wasm)
                        .into_iter()
                        .map(|problem| format!("{}: its module {problem}", widget.page)),
                ),
                Err(error) => failures.push(format!("{}: {error}", widget.page)),
            }
            let expected = EXPECTED
                .iter()
                .find(|e| e.page == widget.page)
                .ok_or_else(|| format!("no expectations for the page `{}`", widget.page))?;
            let url = format!("http://{address}/app/{}.html", widget.page);
            let problems = check(&load(&url)?, widget.subscriptions, expected, &plan)?;
            failures.extend(
                problems
                    .into_iter()
                    .map(|p| format!("{}: {p}", widget.page)),
            );
            pages += 1;
        }
        Ok(())
    };
    for (example, package) in EXAMPLES.iter().zip(packages) {
        check_pages(example.extension, package)?;
    }
    // A snippet a page cannot inline ships as a file of its own: the status board's pages, the
    // runtime's snippet made so, work the same.
    check_pages(&status_board::EXTENSION, snippets_as_files()?)?;
    if failures.is_empty() {
        println!(
            "browser test: {pages} pages, each subscribed to its own widget's events only and \
             showing its own widget after {} events, as on the simulated Desk",
            plan.len()
        );
        Ok(())
    } else {
        Err(failures.join("\n\n"))
    }
}

/// The status board packaged from its wasm-bindgen output with the runtime's snippet made one
/// that a page cannot inline (an `export const` more), so that it ships as a file.
fn snippets_as_files() -> Result<PathBuf, String> {
    let dir = target_dir().join("desk-browser-test/snippets-as-files");
    let bindgen = dir.join("bindgen");
    let _ = std::fs::remove_dir_all(&dir);
    copy(&target_dir().join("desk-bindgen/status-board"), &bindgen)?;
    let package = dir.join("package");
    let written = Package::new(&status_board::EXTENSION, &bindgen)
        .write(&package)
        .map_err(|error| error.to_string())?;
    match written
        .pages
        .iter()
        .find(|page| page.module.files.is_empty())
    {
        Some(page) => Err(format!("{}: its snippet was inlined", page.name)),
        None => Ok(package),
    }
}

/// Copies `from` into `to`, appending to every snippet (a `.js` file under `snippets/`) an
/// export a page cannot inline.
fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        if path.is_dir() {
            copy(&path, &target)?;
            continue;
        }
        let mut bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let snippet = path.components().any(|c| c.as_os_str() == "snippets");
        if snippet && path.extension().is_some_and(|extension| extension == "js") {
            bytes.extend_from_slice(b"export const notInlined = true;\n");
        }
        std::fs::write(&target, bytes).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(())
}

/// What is wrong with a page's DOM after the plan.
fn check(
    dom: &str,
    subscriptions: &[&str],
    expected: &Expected,
    plan: &Plan,
) -> Result<Vec<String>, String> {
    let report: Value =
        serde_json::from_str(between(dom, "id=\"desk-test-report\">", "</script>")?)
            .map_err(|e| format!("the stand-in's report is not JSON: {e}"))?;
    let mut failures = Vec::new();
    let mut registered: Vec<&str> = report["registered"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    // A widget that opened a modal has the host listen for `modal.closed` on its own instance
    // too, once per modal (a dismissal): those come after the widget's own subscriptions.
    let opened = report["modals"].as_array().map_or(0, Vec::len);
    // A modal's page also listens for its input to stop saying it is ready.
    if let Some(last) = registered
        .iter()
        .rposition(|event| *event == desk_runtime::modal::MODAL_INPUT)
        && registered
            .iter()
            .filter(|event| **event == desk_runtime::modal::MODAL_INPUT)
            .count()
            > 1
    {
        registered.remove(last);
    }
    for _ in 0..opened {
        if let Some(last) = registered
            .iter()
            .rposition(|event| *event == "modal.closed")
        {
            registered.remove(last);
        }
    }
    // The mount handler runs once the SDK has loaded: it is not subscribed to.
    let subscriptions: Vec<&str> = subscriptions
        .iter()
        .copied()
        .filter(|event| *event != desk_runtime::ON_LOAD)
        .collect();
    if registered != subscriptions {
        failures.push(format!(
            "registered {registered:?}, its widget declares {subscriptions:?}"
        ));
    }
    let panel = unescape(between(dom, "<main id=\"app\">", "</main>")?);
    let (simulated_panel, simulated_errors) = (expected.simulate)(plan);
    if panel != expected.panel || panel != unescape(&simulated_panel) {
        failures.push(format!(
            "the page shows\n{panel}\nexpected\n{}\nthe simulated Desk shows\n{simulated_panel}",
            expected.panel
        ));
    }
    let errors: Vec<String> = between(dom, "<ul id=\"errors\">", "</ul>")?
        .split("<li>")
        .skip(1)
        .map(|item| unescape(item.trim_end_matches("</li>")))
        .collect();
    let named: Vec<&str> = errors
        .iter()
        .map(|e| e.split(':').next().unwrap_or_default())
        .collect();
    if named != expected.errors || errors != simulated_errors {
        failures.push(format!(
            "errors shown: {errors:#?}\nexpected for: {:?}\nthe simulated Desk: {simulated_errors:#?}",
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
    Ok(failures)
}

/// The page loads the real SDK from Zoho's servers: in the test, the stand-in, which plays the
/// plan once the widget has subscribed and then writes its report into the page.
fn use_stand_in(page: &str) -> String {
    let real = format!("<script src=\"{SDK_SCRIPT}\"></script>");
    let stand_in = "<script src=\"/__desk_test__/plan.js\"></script>\n\
        <script type=\"module\">\n\
        import * as sdk from \"/__desk_test__/sdk.js\";\n\
        sdk.install(window.DESK_TEST_CONFIG);\n\
        sdk.loaded().then(() => sdk.play(window.DESK_TEST_PLAN)).then(() => {\n\
          const out = document.createElement(\"script\");\n\
          out.type = \"application/json\";\n\
          out.id = \"desk-test-report\";\n\
          out.textContent = sdk.report();\n\
          document.body.appendChild(out);\n\
        });\n\
        </script>";
    // The page's preload of the SDK then preloads the plan, the stand-in's first script.
    page.replace(&real, stand_in)
        .replace(SDK_SCRIPT, "/__desk_test__/plan.js")
}

/// The page's DOM once its scripts have run.
pub(crate) fn load(url: &str) -> Result<String, String> {
    let profile: PathBuf = target_dir().join("desk-browser-test-profile");
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

/// What the simulated Desk makes of the plan for a widget `W`: its page and the error hook's
/// lines. Desk sends a widget only what it subscribes to.
fn simulate<W: Page + Default + 'static>(plan: &Plan) -> Simulated {
    let mut desk = SimulatedDesk::new(W::default());
    let config = config();
    for (property, value) in config["data"].as_object().into_iter().flatten() {
        desk.set_data(property, value.clone());
    }
    for (name, value) in config["secrets"].as_object().into_iter().flatten() {
        desk.set_secret(name, value.as_str().unwrap_or_default());
    }
    for (url, service) in config["requests"].as_object().into_iter().flatten() {
        let status = service["status"]
            .as_u64()
            .and_then(|s| u16::try_from(s).ok());
        desk.answer_request("GET", url, status.unwrap_or(200), service["body"].clone());
    }
    let mut errors = Vec::new();
    if let Err(error) = desk.load() {
        errors.push(format!("extension.onload: {error}"));
    }
    for (event, payload) in plan {
        if !W::SUBSCRIPTIONS.contains(event) {
            continue;
        }
        // The browser host hands over `JSON.stringify(payload)`: compact, as `to_string`.
        let fired = match payload {
            Some(payload) => desk.fire(event, &payload.to_string()),
            None => desk.fire_without_payload(event),
        };
        if let Err(error) = fired {
            errors.push(format!("{event}: {error}"));
        }
    }
    (desk.page(), errors)
}

pub(crate) fn between<'a>(text: &'a str, start: &str, end: &str) -> Result<&'a str, String> {
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
pub(crate) fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The module a page ships: base64 of its gzip stream, in its bytes' script.
fn module(html: &str) -> Result<Vec<u8>, String> {
    use base64::Engine as _;
    use std::io::Read as _;
    let text = html
        .split("const base64 = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .ok_or("no module in the page")?;
    let gzip = base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|e| format!("the module's base64: {e}"))?;
    let mut wasm = Vec::new();
    flate2::read::GzDecoder::new(gzip.as_slice())
        .read_to_end(&mut wasm)
        .map_err(|e| format!("the module's gzip stream: {e}"))?;
    Ok(wasm)
}

/// What a shipped module carries that it should not: custom sections, which no browser reads
/// (`cargo_desk::build::WASM_OPT_STRIP`), and the paths of the machine that built it, its home
/// directory's or the workspace's (`cargo_desk::build`'s remapping).
fn module_problems(wasm: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    match custom_sections(wasm) {
        Ok(names) if names.is_empty() => {}
        Ok(names) => problems.push(format!("ships custom sections: {names:?}")),
        Err(error) => problems.push(error),
    }
    let home = std::env::var("HOME").ok().filter(|home| home.len() > 1);
    let workspace = crate::tools::root().display().to_string();
    for path in home.into_iter().chain([workspace]) {
        let found = wasm
            .windows(path.len())
            .any(|bytes| bytes == path.as_bytes());
        if found {
            problems.push(format!("holds the path `{path}`"));
        }
    }
    problems
}

/// The names of a module's custom sections.
fn custom_sections(wasm: &[u8]) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| format!("the module does not parse: {e}"))?;
        if let wasmparser::Payload::CustomSection(section) = payload {
            names.push(section.name().to_owned());
        }
    }
    Ok(names)
}

/// A name of wasm-bindgen's making left in a page's glue: `__wbg_<function>_` and 16
/// hexadecimal digits.
fn hashed_import(html: &str) -> Option<&str> {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    html.match_indices("__wbg_").find_map(|(at, _)| {
        let name = html[at..].split(|c: char| !part(c)).next()?;
        let (_, hash) = name.rsplit_once('_')?;
        (hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::custom_sections;

    #[test]
    fn a_module_s_custom_sections_are_listed() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        for name in ["producers", "target_features"] {
            let size = u8::try_from(name.len() + 1).unwrap();
            let length = u8::try_from(name.len()).unwrap();
            wasm.extend([0, size, length]);
            wasm.extend(name.as_bytes());
        }
        assert_eq!(
            custom_sections(&wasm).unwrap(),
            ["producers", "target_features"]
        );
        assert_eq!(custom_sections(&wasm[..8]).unwrap(), Vec::<String>::new());
        assert!(custom_sections(&wasm[..12]).is_err(), "a truncated module");
    }
}
