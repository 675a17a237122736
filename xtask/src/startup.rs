//! `cargo xtask startup`: how long the example widget takes to be ready in headless Chromium,
//! side by side with the same widget in plain JavaScript on the SDK and on wasm-bindgen alone
//! (BENCHMARKS.md, section 5).
//!
//! Every page is served on 127.0.0.1 with a stand-in of the Desk SDK (`bench/startup/
//! sdk-standin.js`, a classic script as the real one is) and a probe inlined at the top of its
//! `<head>` (`bench/startup/probe.js`). They mark, on the page's clock (milliseconds since the
//! navigation started): when the widget completed its subscriptions (the last `App.instance.on`,
//! "subscribed"), when it first wrote `#app` ("rendered"), and its first `ZOHODESK.get` answered
//! if it makes one; then the page POSTs its marks and its scripts' resource timing back. Nothing
//! is cached (`Cache-Control: no-store`). Chromium is driven over its debugging pipe (`cdp.rs`):
//! it sets each load's link, then navigates. By default each load is a fresh Chromium with an
//! empty profile (the first ticket an agent opens), which opens a blank page first and goes to
//! the page measured half a second later, so that the browser's own start-up is not counted;
//! `STARTUP_WARM=1` loads every page in one Chromium, each once the last has reported (an agent
//! opening ticket after ticket: 0.3 s a load instead of 3 s). The two write two sections of
//! docs/figures.md (`startup` and `startup-fresh`). The cases are loaded in rounds, each round
//! in a rotated order; the tables give medians over the rounds and the median of the per-round
//! ratios to the JavaScript widget of the same round and link. No timing is asserted.
//!
//! The cases:
//! - the widget in plain JavaScript (`bench/startup/call-assistant.{html,js}`);
//! - the DSL widget's page as `desk-package` ships it (the telephony extension's "Call
//!   Assistant" page: one file, its own module inlined), only its SDK script pointed at the
//!   stand-in;
//! - the same widget on wasm-bindgen alone (`bench/wasm-hand`), its page written the same way
//!   (`desk_package::page`);
//! - a widget of one handler (`bench/startup/minimal`), shipped the same way: the smallest
//!   module the DSL makes (not the same widget: its ratio to JavaScript is for scale);
//! - the shipped page instrumented for the breakdown: marks around the base64 decoding, the
//!   compilation's end, the start function (in the glue) and the widget's entry; the call
//!   bar's page too (`breakdown-bar`);
//! - the page shipped before the module was inlined (`files`: the module's wrapper, the glue
//!   and its snippet as files of their own, preloaded, the wrapper an `async` module before the
//!   SDK's script; `files_page`), the baseline of the change;
//! - with the SDK's script answered 50 ms late (as from a CDN): JavaScript, as shipped, and
//!   the page shipped before;
//! - the telephony bar, whose mount handler reads the agent and the ticket with `ZOHODESK.get`
//!   (ready once the first is answered too), in plain JavaScript (`bench/startup/call-bar.
//!   {html,js}`), as shipped, and as shipped before;
//! - over an agent's link (`-throttled`): the call assistant and the call bar, in JavaScript
//!   and as shipped, with Chromium's network emulation (`Network.emulateNetworkConditions`:
//!   10 Mbit/s each way, 40 ms from each request to its response) and their files gzipped as a
//!   web server sends them, so that their bytes cost what they cost an agent. (It replaces the
//!   round trip this server used to add, `STARTUP_RTT_MS`, which left bandwidth out.)
//!
//! The ways of loading the module measured before (`Uint8Array.from`, `atob` and a loop,
//! `fetch` of a `data:` URL, `compileStreaming`, compiling beside the SDK's load) are in
//! BENCHMARKS.md 5.3 and in this file as of commit f524a17.
//!
//! `STARTUP_ROUNDS` (default 7) sets the number of rounds, `STARTUP_CASES` (names separated by
//! commas) the cases. Outputs: `target/desk-startup/site/` (every page as served, but the
//! throttled cases' gzipped copies), `reports.json`
//! (every load's marks).

use crate::build::{self, CRATE, bindgen_and_optimize, build_wasm};
use crate::cdp::{Chromium, Link};
use crate::figures::Report;
use crate::tools::{find, target_dir};
use desk_package::{Module, Package, SDK_SCRIPT};
use desk_runtime::extension::WidgetEntry;
use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PROBE: &str = include_str!("../../bench/startup/probe.js");
const STAND_IN: &str = include_str!("../../bench/startup/sdk-standin.js");
const JS_PAGE: &str = include_str!("../../bench/startup/call-assistant.html");
const JS_WIDGET: &str = include_str!("../../bench/startup/call-assistant.js");
const JS_BAR_PAGE: &str = include_str!("../../bench/startup/call-bar.html");
const JS_BAR_WIDGET: &str = include_str!("../../bench/startup/call-bar.js");
/// The call bar's page, whose mount handler reads the agent and the ticket (`ZOHODESK.get`), and
/// its subscriptions: four events and the `ticket.reply` hook.
const BAR_PAGE: &str = "call-bar";
const BAR_ENTRY: &str = "mount_call_bar";
const BAR_SUBSCRIPTIONS: usize = 5;

/// The hand-written baseline's crate (wasm-bindgen alone: no feature).
const HAND: &str = "desk-wasm-hand";
/// The smallest widget: one handler (`bench/startup/minimal`).
const MINIMAL: &str = "desk-startup-minimal";
/// The page of the example extension that is measured, and its entry.
const PAGE: &str = "call-assistant";
const ENTRY: &str = "mount_call_assistant";
/// `CallAssistant`'s subscriptions.
const SUBSCRIPTIONS: usize = 6;
/// The goal (issue #27): the DSL widget ready within this factor of the JavaScript one.
const GOAL: f64 = 1.10;
/// The SDK's late answer in the cases that simulate its download, in milliseconds.
const SDK_DELAY: u64 = 50;

/// One page to load, in every round.
#[derive(Debug, Clone, Copy)]
struct Case {
    /// Its name (`STARTUP_CASES`).
    name: &'static str,
    label: &'static str,
    /// The case whose pages it loads (its own name, or the local case a throttled one loads,
    /// gzipped, from a directory of its own).
    pages_of: &'static str,
    /// Its page's file name, without `.html`.
    page: &'static str,
    /// The JavaScript case its ratio is taken to (the same widget, the same SDK delay, the
    /// same link).
    baseline: &'static str,
    /// The shipped page it is also compared to, if it is not JavaScript or that page.
    shipped: Option<&'static str>,
    /// The widget's subscriptions: it is subscribed after this many `App.instance.on`.
    subscriptions: usize,
    /// The link Chromium emulates while it loads (`None`: the local server as it answers).
    link: Option<Link>,
}

/// The throttled link of the goal: an agent's 10 Mbit/s, 40 ms away.
const THROTTLED: Link = Link {
    latency_ms: 40,
    bits_per_second: 10_000_000,
};

const CASES: &[Case] = &[
    case("js", "plain JavaScript on the SDK", "js", None),
    case("dsl", "DSL, as shipped (one file)", "js", None),
    case(
        "bindgen",
        "wasm-bindgen alone (`bench/wasm-hand`)",
        "js",
        Some("dsl"),
    ),
    case(
        "breakdown",
        "DSL, instrumented for the breakdown",
        "js",
        Some("dsl"),
    ),
    case(
        "files",
        "DSL, the page shipped before (its module in files)",
        "js",
        Some("dsl"),
    ),
    // Not the same widget: what start-up costs with the smallest module the DSL makes.
    Case {
        page: "status",
        subscriptions: 1,
        ..case(
            "minimal",
            "DSL, one handler (`bench/startup/minimal`), as shipped",
            "js",
            Some("dsl"),
        )
    },
    case("js-50", "plain JavaScript, SDK +50 ms", "js-50", None),
    case("dsl-50", "DSL as shipped, SDK +50 ms", "js-50", None),
    case(
        "files-50",
        "DSL, the page shipped before, SDK +50 ms",
        "js-50",
        Some("dsl-50"),
    ),
    // A widget that talks back when it loads: ready once its first `get` is answered too.
    bar(case(
        "js-bar",
        "the call bar in plain JavaScript",
        "js-bar",
        None,
    )),
    bar(case(
        "dsl-bar",
        "DSL, the call bar's page as shipped (its mount handler `get`s)",
        "js-bar",
        None,
    )),
    bar(case(
        "breakdown-bar",
        "DSL, the call bar's page instrumented for the breakdown",
        "js-bar",
        Some("dsl-bar"),
    )),
    bar(case(
        "files-bar",
        "DSL, the call bar's page shipped before",
        "js-bar",
        Some("dsl-bar"),
    )),
    // The same pages over an agent's link, where bytes cost time.
    throttled(
        "js",
        case(
            "js-throttled",
            "plain JavaScript, 10 Mbit/s and 40 ms",
            "js-throttled",
            None,
        ),
    ),
    throttled(
        "dsl",
        case(
            "dsl-throttled",
            "DSL as shipped, 10 Mbit/s and 40 ms",
            "js-throttled",
            None,
        ),
    ),
    throttled(
        "js-bar",
        bar(case(
            "js-bar-throttled",
            "the call bar in plain JavaScript, 10 Mbit/s and 40 ms",
            "js-bar-throttled",
            None,
        )),
    ),
    throttled(
        "dsl-bar",
        bar(case(
            "dsl-bar-throttled",
            "DSL, the call bar's page as shipped, 10 Mbit/s and 40 ms",
            "js-bar-throttled",
            None,
        )),
    ),
];

const fn case(
    name: &'static str,
    label: &'static str,
    baseline: &'static str,
    shipped: Option<&'static str>,
) -> Case {
    Case {
        name,
        label,
        pages_of: name,
        page: PAGE,
        baseline,
        shipped,
        subscriptions: SUBSCRIPTIONS,
        link: None,
    }
}

/// `case` for the call bar.
const fn bar(case: Case) -> Case {
    Case {
        page: BAR_PAGE,
        subscriptions: BAR_SUBSCRIPTIONS,
        ..case
    }
}

/// `case`, the pages of the case `pages_of` over the throttled link.
const fn throttled(pages_of: &'static str, case: Case) -> Case {
    Case {
        pages_of,
        link: Some(THROTTLED),
        ..case
    }
}

/// A file served: its content type, its body, and whether that is gzipped.
struct File {
    content_type: &'static str,
    body: Vec<u8>,
    gzipped: bool,
}

impl File {
    fn plain(content_type: &'static str, body: Vec<u8>) -> File {
        File {
            content_type,
            body,
            gzipped: false,
        }
    }
}

/// The files served, by URL path.
type Site = HashMap<String, File>;

/// A number from the environment, or `default`.
fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// The cases `STARTUP_CASES` names, or all of them.
fn selected_cases() -> Result<Vec<&'static Case>, String> {
    let Ok(names) = std::env::var("STARTUP_CASES") else {
        return Ok(CASES.iter().collect());
    };
    let names: Vec<&str> = names.split(',').map(str::trim).collect();
    let cases: Vec<&Case> = CASES.iter().filter(|c| names.contains(&c.name)).collect();
    if cases.len() == names.len() {
        Ok(cases)
    } else {
        let known: Vec<&str> = CASES.iter().map(|c| c.name).collect();
        Err(format!(
            "STARTUP_CASES: one of {names:?} is not in {known:?}"
        ))
    }
}

pub fn startup() -> Result<(), String> {
    let rounds: usize = env_number("STARTUP_ROUNDS", 7);
    let cases = selected_cases()?;
    let mut site = build_site()?;
    gzip_throttled(&mut site)?;
    let out = target_dir().join("desk-startup");
    write_site(&site, &out.join("site"))?;
    let warm = std::env::var_os("STARTUP_WARM").is_some();
    // Every load in order: rounds of the cases, each round's order rotated.
    let plan: Vec<&Case> = (0..rounds)
        .flat_map(|round| (0..cases.len()).map(move |index| (round, index)))
        .map(|(round, index)| cases[(index + round) % cases.len()])
        .collect();
    let (address, reports) = serve(site)?;
    let load = uptime();
    let mut report = Report::default();
    report.line(format!(
        "startup: {} cases x {rounds} rounds, {}; the throttled cases over Chromium's network \
         emulation ({} ms a request, {} Mbit/s each way); {load}",
        cases.len(),
        if warm {
            "one Chromium, each page loaded after the last has reported"
        } else {
            "a fresh Chromium per load"
        },
        THROTTLED.latency_ms,
        THROTTLED.bits_per_second / 1_000_000,
    ));
    let started = Instant::now();
    let results = drive(
        &plan,
        &format!("http://{address}"),
        warm,
        &reports,
        cases.len(),
    )?;
    let all = json!(results);
    std::fs::write(
        out.join("reports.json"),
        serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    report.line(format!(
        "\n{} loads in {:.0} s; {}\n",
        rounds * cases.len(),
        started.elapsed().as_secs_f64(),
        uptime()
    ));
    report.line(tables(&cases, &results).trim_end());
    // Page after page and in a fresh browser are two sections: CI writes both.
    let (section, command) = if warm {
        ("startup", "STARTUP_WARM=1 cargo xtask startup")
    } else {
        ("startup-fresh", "cargo xtask startup")
    };
    report.save(section, command)
}

/// Loads every page of `plan` from the server at `origin` in Chromium, in order, each over its
/// case's link; returns each case's reports in the order of the rounds.
fn drive<'a>(
    plan: &[&'a Case],
    origin: &str,
    warm: bool,
    reports: &Receiver<Value>,
    per_round: usize,
) -> Result<BTreeMap<&'a str, Vec<Value>>, String> {
    let chromium = find("chromium", "CHROMIUM")?;
    let rounds = plan.len() / per_round.max(1);
    let mut results: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    // One load: the link, then the page, whose report it waits for.
    let mut load = |browser: &mut Chromium, index: usize, first: bool| -> Result<(), String> {
        let case = plan[index];
        let page = format!("/{}/app/{}.html", case.name, case.page);
        // A fresh browser first settles on a blank page (its own start-up is not the widget's).
        let url = if first {
            format!("{origin}/__startup__/go.html#{page}")
        } else {
            format!("{origin}{page}")
        };
        browser.emulate(case.link)?;
        browser.navigate(&url)?;
        let report = reports
            .recv_timeout(Duration::from_secs(30))
            .map_err(|_| format!("{}: {page}: no report within 30 s", case.name))?;
        if let Some(error) = problem(&report, case.subscriptions) {
            return Err(format!("{}: {error}\n{report}", case.name));
        }
        results.entry(case.name).or_default().push(report);
        if (index + 1).is_multiple_of(per_round) {
            eprintln!(
                "startup: round {} of {rounds} done",
                (index + 1) / per_round
            );
        }
        Ok(())
    };
    if warm {
        let mut browser = Chromium::launch(&chromium, &chromium_args())?;
        let outcome = (0..plan.len()).try_for_each(|index| load(&mut browser, index, index == 0));
        browser.end();
        outcome?;
    } else {
        for index in 0..plan.len() {
            let mut browser = Chromium::launch(&chromium, &chromium_args())?;
            let outcome = load(&mut browser, index, true);
            browser.end();
            outcome?;
        }
    }
    Ok(results)
}

/// What is wrong with a load's report, if anything.
fn problem(report: &Value, subscriptions: usize) -> Option<String> {
    if let Some(error) = report["error"].as_str() {
        return Some(error.to_owned());
    }
    let registered = report["registered"].as_array().map_or(0, Vec::len);
    if registered != subscriptions {
        return Some(format!(
            "{registered} subscriptions, expected {subscriptions}"
        ));
    }
    None
}

// ----------------------------------------------------------------------------------------------
// The pages.

/// Builds the modules and writes every case's page and scripts: a list of pages, one after
/// the other.
fn build_site() -> Result<Site, String> {
    let work = target_dir().join("desk-startup");
    // The extension as `cargo xtask package` ships it (without the validator's run): a module
    // per page.
    let bindgen = work.join("bindgen/telephony");
    let extension = &telephony_widget::EXTENSION;
    build::build_pages(CRATE, extension, &bindgen)?;
    let package = work.join("package");
    Package::new(extension, &bindgen)
        .write(&package)
        .map_err(|error| error.to_string())?;
    let app = package.join("app");
    let widget = |page: &str| {
        extension
            .pages()
            .find(|widget| widget.page == page)
            .ok_or_else(|| format!("the telephony extension has no page `{page}`"))
    };
    // The widget on wasm-bindgen alone, and the smallest widget.
    let hand = bindgen_and_optimize(&build_wasm(HAND, &[])?, &work.join("bindgen/hand"))?;
    let minimal = bindgen_and_optimize(&build_wasm(MINIMAL, &[])?, &work.join("bindgen/minimal"))?;
    let shipped = bindgen
        .join(PAGE)
        .join(format!("{}_bg.wasm", build::module_name(CRATE)));
    for (name, module) in [
        ("the call assistant's page", &shipped),
        ("wasm-bindgen alone", &hand),
        ("minimal, one handler", &minimal),
    ] {
        println!(
            "startup: module of {name}: {} bytes after wasm-opt, {} gzipped",
            build::file_size(module)?,
            build::gzipped_size(module)?
        );
    }

    let mut site = Site::new();
    let mut add = |path: String, content_type: &'static str, body: Vec<u8>| {
        site.insert(path, File::plain(content_type, body));
    };
    add(
        "/__startup__/go.html".to_owned(),
        HTML,
        GO.as_bytes().to_vec(),
    );
    add(
        "/__startup__/sdk.js".to_owned(),
        JS,
        STAND_IN.as_bytes().to_vec(),
    );
    // JavaScript.
    for (name, page, delay, subscriptions, html, script) in [
        ("js", PAGE, 0, SUBSCRIPTIONS, JS_PAGE, JS_WIDGET),
        ("js-50", PAGE, SDK_DELAY, SUBSCRIPTIONS, JS_PAGE, JS_WIDGET),
        (
            "js-bar",
            BAR_PAGE,
            0,
            BAR_SUBSCRIPTIONS,
            JS_BAR_PAGE,
            JS_BAR_WIDGET,
        ),
    ] {
        let html = instrument(html, delay, subscriptions)?;
        add(format!("/{name}/app/{page}.html"), HTML, html.into_bytes());
        add(
            format!("/{name}/app/{page}.js"),
            JS,
            script.as_bytes().to_vec(),
        );
    }
    // As shipped, verbatim but for the SDK; and as shipped before.
    for (name, before, page, delay, subscriptions) in [
        ("dsl", "files", PAGE, 0, SUBSCRIPTIONS),
        ("dsl-50", "files-50", PAGE, SDK_DELAY, SUBSCRIPTIONS),
        ("dsl-bar", "files-bar", BAR_PAGE, 0, BAR_SUBSCRIPTIONS),
    ] {
        let html = instrument(
            &read(&app.join(format!("{page}.html")))?,
            delay,
            subscriptions,
        )?;
        add(format!("/{name}/app/{page}.html"), HTML, html.into_bytes());
        let files = app.join("module");
        if files.exists() {
            add_dir(&mut add, &files, &format!("/{name}/app/module"))?;
        }
        let module = bindgen.join(page);
        let html = files_page(&mut add, &format!("/{before}/app"), widget(page)?, &module)?;
        let html = instrument(&html, delay, subscriptions)?;
        add(
            format!("/{before}/app/{page}.html"),
            HTML,
            html.into_bytes(),
        );
    }
    // The same page, marked for the breakdown.
    for (case, page, entry, subscriptions) in [
        ("breakdown", PAGE, ENTRY, SUBSCRIPTIONS),
        ("breakdown-bar", BAR_PAGE, BAR_ENTRY, BAR_SUBSCRIPTIONS),
    ] {
        let html = breakdown_page(&read(&app.join(format!("{page}.html")))?, entry)?;
        let html = instrument(&html, 0, subscriptions)?;
        add(format!("/{case}/app/{page}.html"), HTML, html.into_bytes());
    }
    written_the_same_way(&mut add, &hand, &minimal, widget(PAGE)?)?;
    Ok(site)
}

/// The throttled cases' files: their local case's, gzipped (`gzip -6`, a web server's usual
/// level), as a server sends them to a browser that accepts it: what an agent's link carries.
/// The SDK's stand-in stays as it is, the same for every case.
fn gzip_throttled(site: &mut Site) -> Result<(), String> {
    for case in CASES.iter().filter(|case| case.link.is_some()) {
        let from = format!("/{}/", case.pages_of);
        let copies: Vec<(String, File)> = site
            .iter()
            .filter_map(|(path, file)| {
                let rest = path.strip_prefix(&from)?;
                Some((format!("/{}/{rest}", case.name), file))
            })
            .map(|(path, file)| {
                let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
                encoder.write_all(&file.body)?;
                let body = encoder.finish()?;
                let content_type = file.content_type;
                Ok((
                    path,
                    File {
                        content_type,
                        body,
                        gzipped: true,
                    },
                ))
            })
            .collect::<std::io::Result<_>>()
            .map_err(|e| format!("gzip: {e}"))?;
        if copies.is_empty() {
            return Err(format!("{}: no pages of `{}`", case.name, case.pages_of));
        }
        site.extend(copies);
    }
    Ok(())
}

/// The pages of the widget on wasm-bindgen alone (the module `hand`, the same widget as
/// `assistant`) and of the smallest widget (`minimal`), as desk-package writes a page.
fn written_the_same_way(
    add: &mut impl FnMut(String, &'static str, Vec<u8>),
    hand: &Path,
    minimal: &Path,
    assistant: &WidgetEntry,
) -> Result<(), String> {
    // wasm-bindgen alone, its page written as desk-package writes one: its start function
    // subscribes, there is no entry to call. And the smallest widget.
    for (name, module, page, title, body, entry, subscriptions) in [
        (
            "bindgen",
            &hand,
            PAGE,
            assistant.name,
            assistant.body,
            None,
            SUBSCRIPTIONS,
        ),
        (
            "minimal",
            &minimal,
            "status",
            "Status",
            desk_runtime::PAGE_BODY,
            Some("mount_status"),
            1,
        ),
    ] {
        let dir = module.parent().unwrap_or(Path::new("."));
        let module = Module::read(dir, page).map_err(|error| error.to_string())?;
        if !module.files.is_empty() {
            return Err(format!("{name}: snippets not inlined: {:?}", module.files));
        }
        let html = desk_package::page(title, body, &module, entry);
        let html = instrument(&html, 0, subscriptions)?;
        add(format!("/{name}/app/{page}.html"), HTML, html.into_bytes());
    }
    Ok(())
}

const HTML: &str = "text/html; charset=utf-8";
const JS: &str = "text/javascript";

/// The page of `widget` as `desk-package` wrote it before its module was inlined (until
/// f524a17), with its files under `url` (`/<case>/app`): the module's wrapper (base64, decoded
/// and compiled as the page does now), wasm-bindgen's glue and its snippets as files of their
/// own, the glue and the snippets preloaded from `<head>`, the wrapper an `async` module before
/// the SDK's script. Its wasm-bindgen output is in `bindgen`.
fn files_page(
    add: &mut impl FnMut(String, &'static str, Vec<u8>),
    url: &str,
    widget: &WidgetEntry,
    bindgen: &Path,
) -> Result<String, String> {
    let dir = format!("module/{}", widget.page);
    let mut files = Vec::new();
    list(bindgen, bindgen, &mut files)?;
    files.sort();
    let (mut glue, mut wrapper, mut preloads) = (String::new(), String::new(), String::new());
    for (relative, path) in files {
        let body = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if Path::new(&relative)
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("wasm"))
        {
            wrapper = format!("{relative}.js");
            let source = format!(
                "const base64 = \"{}\";\n\
                 let bytes;\n\
                 if (typeof Uint8Array.fromBase64 === \"function\") {{\n\
                 \x20 bytes = Uint8Array.fromBase64(base64);\n\
                 }} else {{\n\
                 \x20 const text = atob(base64);\n\
                 \x20 bytes = new Uint8Array(text.length);\n\
                 \x20 for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n\
                 }}\n\
                 export default WebAssembly.compile(bytes);\n",
                desk_package::base64(&body)
            );
            add(format!("{url}/{dir}/{wrapper}"), JS, source.into_bytes());
        } else if is_script(&relative) {
            if relative.starts_with("snippets/") {
                let _ = writeln!(
                    preloads,
                    "<link rel=\"modulepreload\" href=\"./{dir}/{relative}\">"
                );
            } else {
                glue.clone_from(&relative);
            }
            add(format!("{url}/{dir}/{relative}"), JS, body);
        }
    }
    Ok(format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>{title}</title>\n\
         <link rel=\"modulepreload\" href=\"./{dir}/{glue}\">\n{preloads}</head>\n<body>\n{body}\n\
         <script type=\"module\" async src=\"./{dir}/{wrapper}\"></script>\n\
         <script src=\"{SDK_SCRIPT}\"></script>\n\
         <script type=\"module\">\nimport init, {{ {entry} }} from \"./{dir}/{glue}\";\n\
         import wasm from \"./{dir}/{wrapper}\";\nawait init({{ module_or_path: wasm }});\n\
         {entry}();\n</script>\n</body>\n</html>\n",
        title = desk_runtime::html::escape(widget.name),
        body = widget.body,
        entry = widget.entry,
    ))
}

/// The shipped page with marks: around the base64 decoding (`Uint8Array.fromBase64`: Chromium
/// has it) and at the end of the decompression and compilation (in the bytes' script), around
/// the start function (in the glue) and the widget's entry.
fn breakdown_page(shipped: &str, entry: &str) -> Result<String, String> {
    let marked_entry = format!(
        "\nwindow.__startup.mark(\"mount.start\");\n{entry}();\n\
         window.__startup.mark(\"mount.end\");\n</script>"
    );
    let entry = format!("\n{entry}();\n</script>");
    let marks = [
        (
            "const __desk_module = (() => {",
            "window.__startup.mark(\"decode.start\");\nconst __desk_module = (() => {",
        ),
        (
            "bytes = Uint8Array.fromBase64(base64);",
            "bytes = Uint8Array.fromBase64(base64);\nwindow.__startup.mark(\"decode.end\");",
        ),
        (
            "\n);\n} catch (error) {",
            "\n).then((module) => {\n\
             window.__startup.mark(\"compile.end\");\n\
             return module;\n\
             });\n} catch (error) {",
        ),
        (
            "wasm.__wbindgen_start();",
            "window.__startup.mark(\"start.start\");\nwasm.__wbindgen_start();\n\
             window.__startup.mark(\"start.end\");",
        ),
        (entry.as_str(), marked_entry.as_str()),
    ];
    let mut page = shipped.to_owned();
    for (from, to) in marks {
        if page.matches(from).count() != 1 {
            return Err(format!(
                "the shipped page has no single `{from}`: the breakdown's marks need updating"
            ));
        }
        page = page.replacen(from, to, 1);
    }
    Ok(page)
}

/// The page Chromium opens first: once the browser has settled (its own start-up is not the
/// widget's), it navigates to the page to measure, named after the `#`.
const GO: &str = "<!DOCTYPE html>\n<html>\n<body>\n<script>\n\
    setTimeout(() => location.replace(decodeURIComponent(location.hash.slice(1))), 500);\n\
    </script>\n</body>\n</html>\n";

/// A page as measured: the probe first in `<head>`, the number of subscriptions on `<html>`,
/// the SDK's script (and its preload) replaced by the stand-in (held back `delay` ms).
fn instrument(page: &str, delay: u64, subscriptions: usize) -> Result<String, String> {
    let sdk = format!("<script src=\"{SDK_SCRIPT}\"></script>");
    for needle in ["<html>", "<head>", sdk.as_str()] {
        if !page.contains(needle) {
            return Err(format!("the page has no `{needle}`:\n{page}"));
        }
    }
    Ok(page
        .replacen(
            "<html>",
            &format!("<html data-subscriptions=\"{subscriptions}\">"),
            1,
        )
        .replacen("<head>", &format!("<head>\n<script>\n{PROBE}</script>"), 1)
        .replace(SDK_SCRIPT, &format!("/__startup__/sdk.js?delay={delay}")))
}

/// Every file below `dir` under `url`, as it is.
fn add_dir(
    add: &mut impl FnMut(String, &'static str, Vec<u8>),
    dir: &Path,
    url: &str,
) -> Result<(), String> {
    let mut files = Vec::new();
    list(dir, dir, &mut files)?;
    for (relative, path) in files {
        let body = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        add(format!("{url}/{relative}"), "text/javascript", body);
    }
    Ok(())
}

/// The files below `dir`, with their paths relative to `base` (`/`-separated).
fn list(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            list(base, &path, files)?;
        } else if let Ok(relative) = path.strip_prefix(base) {
            let relative = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((relative, path));
        }
    }
    Ok(())
}

fn write_site(site: &Site, dir: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    // The throttled cases' files are their local cases', gzipped.
    for (url, File { body, .. }) in site.iter().filter(|(_, file)| !file.gzipped) {
        let path = dir.join(url.trim_start_matches('/'));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, body).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

// ----------------------------------------------------------------------------------------------
// Serving, and loading in Chromium.

/// Serves `site` on 127.0.0.1 from a thread per connection, the SDK's script after its `delay`
/// query's milliseconds; the pages' reports go to the receiver.
fn serve(site: Site) -> Result<(SocketAddr, Receiver<Value>), String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let (sender, receiver) = mpsc::channel();
    let site = Arc::new(site);
    let sender = Arc::new(Mutex::new(sender));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (site, sender) = (Arc::clone(&site), Arc::clone(&sender));
            std::thread::spawn(move || {
                let _ = respond(stream, &site, &sender);
            });
        }
    });
    Ok((address, receiver))
}

fn respond(
    mut stream: TcpStream,
    site: &Site,
    reports: &Mutex<Sender<Value>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut length = 0;
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut encoding = "";
    let (status, content_type, body): (&str, &str, Vec<u8>) = if method == "POST" {
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        if let Ok(report) = serde_json::from_slice(&body)
            && let Ok(sender) = reports.lock()
        {
            let _ = sender.send(report);
        }
        ("200 OK", "text/plain", Vec::new())
    } else if let Some(file) = site.get(path) {
        if let Some(delay) = query.strip_prefix("delay=")
            && let Ok(ms) = delay.parse()
        {
            std::thread::sleep(Duration::from_millis(ms));
        }
        if file.gzipped {
            encoding = "Content-Encoding: gzip\r\n";
        }
        ("200 OK", file.content_type, file.body.clone())
    } else {
        ("404 Not Found", "text/plain", b"not found".to_vec())
    };
    // One write of the whole response, without Nagle's algorithm: written piece by piece, the
    // small segments waited for the peer's delayed acknowledgement (up to 40 ms on Linux),
    // which delayed every file by a varying amount.
    let mut response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{encoding}Content-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    stream.set_nodelay(true)?;
    stream.write_all(&response)
}

/// Chromium's arguments: headless, and a fresh, empty profile.
fn chromium_args() -> Vec<String> {
    let profile = target_dir().join("desk-startup/profile");
    let _ = std::fs::remove_dir_all(&profile);
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
    ]
    .into_iter()
    .map(str::to_owned)
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

/// The machine's load, as `uptime` says it.
fn uptime() -> String {
    Command::new("uptime")
        .output()
        .ok()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .and_then(|text| text.find("load average").map(|at| text[at..].to_owned()))
        .unwrap_or_else(|| "load average unknown".to_owned())
}

// ----------------------------------------------------------------------------------------------
// The tables.

/// A moment of a load, read from its report.
type At = fn(&Value) -> Option<f64>;

/// A moment of a load, which may capture the mark it reads.
type Moment<'a> = &'a dyn Fn(&Value) -> Option<f64>;

/// A mark of a report, in ms since the navigation started.
fn mark(report: &Value, name: &str) -> Option<f64> {
    report["marks"][name].as_f64()
}

/// When the widget was ready: subscribed, rendered, and its first `get` answered if it made one.
fn ready(report: &Value) -> Option<f64> {
    let rendered = match (mark(report, "rendered"), mark(report, "mutated")) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    let ready = mark(report, "subscribed")?.max(rendered);
    Some(mark(report, "get.answered").map_or(ready, |answered| ready.max(answered)))
}

fn rendered(report: &Value) -> Option<f64> {
    match (mark(report, "rendered"), mark(report, "mutated")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// When the last of the page's files (the page, the SDK's script, the widget's) was fetched.
fn fetched(report: &Value) -> Option<f64> {
    report["resources"]
        .as_array()?
        .iter()
        .filter(|r| r["name"].as_str().is_some_and(is_script))
        .filter_map(|r| r["responseEnd"].as_f64())
        .chain(report["navigation"]["responseEnd"].as_f64())
        .reduce(f64::max)
}

/// When the SDK's script was fetched.
fn sdk_fetched(report: &Value) -> Option<f64> {
    report["resources"]
        .as_array()?
        .iter()
        .find(|r| r["name"] == "/__startup__/sdk.js")?["responseEnd"]
        .as_f64()
}

/// Whether a URL path names a script.
fn is_script(path: &str) -> bool {
    Path::new(path)
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("js"))
}

/// From the last file fetched to ready: the page's own work, without the fetches (which on
/// a loaded machine wait for the network process and the server's threads).
fn after_fetched(report: &Value) -> Option<f64> {
    Some(ready(report)? - fetched(report)?)
}

/// Bytes of the page and its scripts but the SDK's (decoded; the page with the probe).
fn page_bytes(report: &Value) -> u64 {
    let scripts: u64 = report["resources"].as_array().map_or(0, |resources| {
        resources
            .iter()
            .filter(|r| {
                r["name"]
                    .as_str()
                    .is_some_and(|n| is_script(n) && !n.starts_with("/__startup__"))
            })
            .filter_map(|r| r["size"].as_u64())
            .sum()
    });
    scripts + report["navigation"]["size"].as_u64().unwrap_or(0)
}

/// The median, 25th and 75th percentiles.
fn quartiles(values: &mut [f64]) -> Option<(f64, f64, f64)> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
    #[allow(clippy::cast_sign_loss)]
    let at = |q: f64| {
        let position = q * (values.len() - 1) as f64;
        let (low, high) = (position.floor() as usize, position.ceil() as usize);
        values[low] + (values[high] - values[low]) * (position - low as f64)
    };
    Some((at(0.5), at(0.25), at(0.75)))
}

fn median_of(values: impl Iterator<Item = f64>) -> String {
    let mut values: Vec<f64> = values.collect();
    quartiles(&mut values).map_or_else(|| "-".to_owned(), |(m, _, _)| format!("{m:.1}"))
}

fn with_quartiles(values: impl Iterator<Item = f64>, digits: usize) -> String {
    let mut values: Vec<f64> = values.collect();
    quartiles(&mut values).map_or_else(
        || "-".to_owned(),
        |(m, low, high)| format!("{m:.digits$} ({low:.digits$}-{high:.digits$})"),
    )
}

/// Per-round `f(case) / f(baseline)`, the rounds paired by index.
fn ratios<'a>(
    results: &'a BTreeMap<&str, Vec<Value>>,
    case: &str,
    baseline: &str,
    f: At,
) -> impl Iterator<Item = f64> + 'a {
    let empty: &[Value] = &[];
    let a = results.get(case).map_or(empty, Vec::as_slice);
    let b = results.get(baseline).map_or(empty, Vec::as_slice);
    a.iter()
        .zip(b)
        .filter_map(move |(a, b)| Some(f(a)? / f(b)?))
}

/// Where the shipped page's time goes: intervals between the breakdown's marks.
fn breakdown_table(out: &mut String, case: &str, widget: &str, breakdown: &[Value]) {
    let _ = writeln!(
        out,
        "\nWhere {widget}'s time goes (`{case}`: the shipped page with marks; medians of each \
         load's intervals, ms):\n"
    );
    let _ = writeln!(out, "| from | to | ms (p25-p75) |");
    let _ = writeln!(out, "|---|---|---:|");
    let at = |name: &'static str| move |r: &Value| mark(r, name);
    let start: At = |_| Some(0.0);
    let page: At = |r| r["navigation"]["responseEnd"].as_f64();
    let steps: [(&str, &str, Moment, Moment); 13] = [
        ("navigation start", "page fetched", &start, &page),
        (
            "page fetched",
            "the page's first script runs (the probe, first in `<head>`)",
            &page,
            &at("probe"),
        ),
        (
            "the probe runs",
            "the bytes' script runs",
            &at("probe"),
            &at("decode.start"),
        ),
        (
            "the bytes' script runs",
            "base64 decoded to bytes",
            &at("decode.start"),
            &at("decode.end"),
        ),
        (
            "bytes",
            "decompressed and compiled, `WebAssembly.compileStreaming` (beside the SDK's load)",
            &at("decode.end"),
            &at("compile.end"),
        ),
        (
            "navigation start",
            "the SDK's script fetched",
            &start,
            &sdk_fetched,
        ),
        (
            "the SDK's script fetched",
            "the SDK's script run",
            &sdk_fetched,
            &at("sdk.run"),
        ),
        (
            "the SDK's script run",
            "glue evaluated, instantiated: start function called",
            &at("sdk.run"),
            &at("start.start"),
        ),
        (
            "start function called",
            "start function returned",
            &at("start.start"),
            &at("start.end"),
        ),
        (
            "start function returned",
            "`init` returned: entry called",
            &at("start.end"),
            &at("mount.start"),
        ),
        (
            "entry called",
            "entry returned",
            &at("mount.start"),
            &at("mount.end"),
        ),
        (
            "entry returned",
            "subscribed (last `on`)",
            &at("mount.end"),
            &at("subscribed"),
        ),
        (
            "subscribed",
            "ready (first render)",
            &at("subscribed"),
            &ready,
        ),
    ];
    for (from, to, first, last) in steps {
        let _ = writeln!(
            out,
            "| {from} | {to} | {} |",
            with_quartiles(
                breakdown.iter().filter_map(|r| Some(last(r)? - first(r)?)),
                2
            )
        );
    }
    let _ = writeln!(
        out,
        "| navigation start | ready | {} |",
        with_quartiles(breakdown.iter().filter_map(ready), 2)
    );
}

/// The tables, one after the other.
fn tables(cases: &[&Case], results: &BTreeMap<&str, Vec<Value>>) -> String {
    let mut out = String::new();
    let none: &[Value] = &[];
    let of = |name: &str| results.get(name).map_or(none, Vec::as_slice);
    let _ = writeln!(
        out,
        "| case | files fetched ms | subscribed ms | first render ms | ready ms (p25-p75) | \
         ready / JavaScript (p25-p75) | <= {GOAL} | ready after the files ms | that / \
         JavaScript | page and scripts, bytes |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|:---:|---:|---:|---:|");
    for case in cases {
        let reports = of(case.name);
        let mut ratio: Vec<f64> = ratios(results, case.name, case.baseline, ready).collect();
        let met =
            quartiles(&mut ratio).map_or("-", |(m, _, _)| if m <= GOAL { "yes" } else { "no" });
        let _ = writeln!(
            out,
            "| {} (`{}`) | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            case.label,
            case.name,
            median_of(reports.iter().filter_map(fetched)),
            median_of(reports.iter().filter_map(|r| mark(r, "subscribed"))),
            median_of(reports.iter().filter_map(rendered)),
            with_quartiles(reports.iter().filter_map(ready), 1),
            with_quartiles(ratio.into_iter(), 2),
            if case.name == case.baseline { "" } else { met },
            with_quartiles(reports.iter().filter_map(after_fetched), 1),
            with_quartiles(ratios(results, case.name, case.baseline, after_fetched), 2),
            reports.first().map_or(0, page_bytes),
        );
    }
    for (case, widget) in [
        ("breakdown", "the DSL widget"),
        ("breakdown-bar", "the DSL call bar"),
    ] {
        let breakdown = of(case);
        if !breakdown.is_empty() {
            breakdown_table(&mut out, case, widget, breakdown);
        }
    }
    let compared: Vec<(&str, &str)> = cases
        .iter()
        .filter_map(|case| Some((case.name, case.shipped?)))
        .filter(|(_, shipped)| results.contains_key(shipped))
        .collect();
    if !compared.is_empty() {
        let _ = writeln!(
            out,
            "\nReady, against the shipped page of the same round (`dsl`, `dsl-50` for the SDK \
             held back, `dsl-bar` for the call bar):\n"
        );
        let _ = writeln!(out, "| case | ready / shipped (p25-p75) |");
        let _ = writeln!(out, "|---|---:|");
        for (case, shipped) in compared {
            let _ = writeln!(
                out,
                "| `{case}` / `{shipped}` | {} |",
                with_quartiles(ratios(results, case, shipped, ready), 2)
            );
        }
    }
    let _ = write!(
        out,
        "\nms since the navigation started, medians over the rounds; ratios are medians of \
         per-round ratios. Goal: the DSL widget ready within {GOAL}x the JavaScript one.\n"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::{CASES, File, HTML, JS, Site, THROTTLED, gzip_throttled, serve};
    use flate2::read::GzDecoder;
    use std::io::{Read, Write};
    use std::net::TcpStream;

    /// A ratio is taken over one link: each case's JavaScript baseline loads over the case's.
    #[test]
    fn each_case_is_compared_with_javascript_over_the_same_link() {
        for case in CASES {
            let baseline = CASES.iter().find(|c| c.name == case.baseline);
            assert_eq!(baseline.map(|b| b.link), Some(case.link), "{}", case.name);
        }
        let throttled: Vec<&str> = CASES
            .iter()
            .filter(|case| case.link == Some(THROTTLED))
            .map(|case| case.pages_of)
            .collect();
        assert_eq!(throttled, ["js", "dsl", "js-bar", "dsl-bar"]);
    }

    /// The throttled cases' files are their local cases', gzipped, and served as such.
    #[test]
    fn the_throttled_cases_serve_their_local_files_gzipped() {
        let page = b"<!DOCTYPE html><html><head></head><body><div id=\"app\"></div></body></html>";
        let mut site = Site::new();
        for local in ["js", "dsl", "js-bar", "dsl-bar"] {
            site.insert(
                format!("/{local}/app/page.html"),
                File::plain(HTML, page.to_vec()),
            );
        }
        site.insert(
            "/js/app/page.js".to_owned(),
            File::plain(JS, b"1;".to_vec()),
        );
        gzip_throttled(&mut site).unwrap();
        let copy = &site["/dsl-throttled/app/page.html"];
        assert!(copy.gzipped && copy.content_type == HTML);
        let mut unzipped = Vec::new();
        GzDecoder::new(copy.body.as_slice())
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, page);
        assert!(site["/js-throttled/app/page.js"].gzipped);
        assert!(!site["/dsl/app/page.html"].gzipped);

        let (address, _reports) = serve(site).unwrap();
        let get = |path: &str| {
            let mut stream = TcpStream::connect(address).unwrap();
            write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            let mut response = Vec::new();
            stream.read_to_end(&mut response).unwrap();
            String::from_utf8_lossy(&response).into_owned()
        };
        let (gzipped, plain) = (
            get("/dsl-throttled/app/page.html"),
            get("/dsl/app/page.html"),
        );
        assert!(
            gzipped.contains("\r\nContent-Encoding: gzip\r\n"),
            "{gzipped}"
        );
        assert!(!plain.contains("Content-Encoding"), "{plain}");
        assert!(plain.ends_with("</html>"), "{plain}");
    }

    /// A throttled case whose local pages are missing is an error, not an empty case.
    #[test]
    fn a_throttled_case_without_its_local_pages_is_refused() {
        let error = gzip_throttled(&mut Site::new()).unwrap_err();
        assert!(error.contains("js-throttled: no pages of `js`"), "{error}");
    }
}
