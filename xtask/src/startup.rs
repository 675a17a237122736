//! `cargo xtask startup`: how long the example widget takes to be ready in headless Chromium,
//! side by side with the same widget in plain JavaScript on the SDK and on wasm-bindgen alone
//! (BENCHMARKS.md, section 5).
//!
//! Every page is served on 127.0.0.1 with a stand-in of the Desk SDK (`bench/startup/
//! sdk-standin.js`, a classic script as the real one is) and a probe inlined at the top of its
//! `<head>` (`bench/startup/probe.js`). They mark, on the page's clock (milliseconds since the
//! navigation started): when the widget completed its subscriptions (the last `App.instance.on`,
//! "subscribed"), when it first wrote `#app` ("rendered"), and its first `ZOHODESK.get` answered
//! if it makes one; then the page POSTs its marks and its scripts' resource timing back. Each load
//! is a fresh Chromium with an empty profile, nothing cached (`Cache-Control: no-store`): the first
//! ticket an agent opens. Chromium opens a blank page first and navigates to the page measured
//! half a second later, so that the browser's own start-up is not counted. The cases are loaded in rounds, each round in a rotated order; the
//! tables give medians over the rounds and the median of the per-round ratios to the JavaScript
//! widget of the same round. No timing is asserted.
//!
//! The cases:
//! - the widget in plain JavaScript (`bench/startup/call-assistant.{html,js}`);
//! - the DSL widget's page as `desk-package` ships it (the telephony extension's "Call
//!   Assistant" page, with its own module), only its SDK script pointed at the stand-in;
//! - the same widget on wasm-bindgen alone (`bench/wasm-hand`), shipped the same way;
//! - a widget of one handler (`bench/startup/minimal`), shipped the same way: the smallest
//!   module the DSL makes (not the same widget: its ratio to JavaScript is for scale);
//! - the page shipped before (`before`: the module decoded with `Uint8Array.from` once the SDK
//!   has run, then compiled), instrumented for the breakdown: marks around the base64 decoding
//!   (in the module wrapper), `WebAssembly.compile` (called by the page), the start function (in
//!   a copy of the glue) and the widget's entry;
//! - ways of loading the module, each the page shipped before with one change (the page's and
//!   the wrapper's text are in `strategy_page` and `wrapper`): `atob` and a loop,
//!   `Uint8Array.fromBase64`, `fetch` of a `data:` URL, `WebAssembly.compileStreaming` of that
//!   fetch, and compiling in the wrapper loaded as an async module before the SDK's script, so
//!   that the compilation overlaps the SDK's load (`overlap`); what ships is that with the glue
//!   and its snippets preloaded from `<head>`;
//! - with the SDK's script answered 50 ms late (as from a CDN): JavaScript, the shipped page and
//!   the page shipped before;
//! - the telephony bar, whose mount handler reads the agent and the ticket with `ZOHODESK.get`
//!   (ready once the first is answered too), in plain JavaScript (`bench/startup/call-bar.
//!   {html,js}`) and as shipped.
//!
//! `STARTUP_ROUNDS` (default 7) sets the number of rounds, `STARTUP_CASES` (names separated by
//! commas) the cases, `STARTUP_RTT_MS` a delay before every file is answered (a network's round
//! trip: the shipped page fetches its scripts in three rounds, the JavaScript one in one), and
//! `STARTUP_WARM=1` loads every page in one Chromium, each page navigating to the next when it
//! has reported (an agent opening ticket after ticket: 0.3 s a load instead of 3 s). Outputs: `target/desk-startup/site/` (every page as served), `reports.json`
//! (every load's marks).

use crate::build::{self, CRATE, bindgen_and_optimize, build_wasm};
use crate::tools::{find, target_dir};
use desk_package::{Package, SDK_SCRIPT};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
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
/// The goal: the DSL widget ready within this factor of the JavaScript one.
const GOAL: f64 = 1.25;
/// The SDK's late answer in the cases that simulate its download, in milliseconds.
const SDK_DELAY: u64 = 50;

/// How a page gets the module's bytes and compiles them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Load {
    /// `Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))`: what `desk-package` shipped
    /// before, the baseline of the other ways.
    From,
    /// `atob`, then a loop of `charCodeAt` into a `Uint8Array`.
    Loop,
    /// `Uint8Array.fromBase64` (the loop where the browser lacks it).
    FromBase64,
    /// `fetch` of a `data:application/wasm;base64,` URL, then `arrayBuffer()`.
    DataUrl,
    /// `WebAssembly.compileStreaming` of that `fetch`.
    Streaming,
    /// `Uint8Array.fromBase64`, and `WebAssembly.compile` in the wrapper, which the page loads
    /// as an async module before the SDK's script: the compilation overlaps the SDK's load.
    Overlap,
    /// [`Load::Overlap`], and the glue and its snippets preloaded from `<head>`
    /// (`<link rel="modulepreload">`): the snippets are otherwise found only once the glue is
    /// parsed, one more round trip before the module can be instantiated. What `desk-package`
    /// ships.
    Proposed,
}

/// One page to load, in every round.
#[derive(Debug, Clone)]
struct Case {
    /// Its name (`STARTUP_CASES`), and its directory on the server.
    name: &'static str,
    label: &'static str,
    /// Milliseconds the SDK's script is held back.
    sdk_delay: u64,
    /// The JavaScript case its ratio is taken to (the same SDK delay).
    baseline: &'static str,
    /// The widget's subscriptions: it is subscribed after this many `App.instance.on`.
    subscriptions: usize,
}

const CASES: &[Case] = &[
    case("js", "plain JavaScript on the SDK", 0, "js"),
    case("dsl", "DSL, as shipped (the page's own module)", 0, "js"),
    case("bindgen", "wasm-bindgen alone (`bench/wasm-hand`)", 0, "js"),
    case("breakdown", "DSL, instrumented for the breakdown", 0, "js"),
    case("loop", "DSL, `atob` + loop", 0, "js"),
    case("frombase64", "DSL, `Uint8Array.fromBase64`", 0, "js"),
    case("data-url", "DSL, `fetch(data:)` + `arrayBuffer()`", 0, "js"),
    case(
        "streaming",
        "DSL, `compileStreaming(fetch(data:))`",
        0,
        "js",
    ),
    case(
        "overlap",
        "DSL, `fromBase64` + compile overlapping the SDK",
        0,
        "js",
    ),
    case(
        "before",
        "DSL, the page and wrapper shipped before (`Uint8Array.from`)",
        0,
        "js",
    ),
    case("js-50", "plain JavaScript, SDK +50 ms", SDK_DELAY, "js-50"),
    case("dsl-50", "DSL as shipped, SDK +50 ms", SDK_DELAY, "js-50"),
    // Not the same widget: what start-up costs with the smallest module the DSL makes.
    Case {
        subscriptions: 1,
        ..case(
            "minimal",
            "DSL, one handler (`bench/startup/minimal`), as shipped",
            0,
            "js",
        )
    },
    case(
        "before-50",
        "DSL, the page shipped before, SDK +50 ms",
        SDK_DELAY,
        "js-50",
    ),
    // A widget that talks back when it loads: ready once its first `get` is answered too.
    Case {
        subscriptions: BAR_SUBSCRIPTIONS,
        ..case("js-bar", "the call bar in plain JavaScript", 0, "js-bar")
    },
    Case {
        subscriptions: BAR_SUBSCRIPTIONS,
        ..case(
            "dsl-bar",
            "DSL, the call bar's page as shipped (its mount handler `get`s)",
            0,
            "js-bar",
        )
    },
];

const fn case(
    name: &'static str,
    label: &'static str,
    sdk_delay: u64,
    baseline: &'static str,
) -> Case {
    Case {
        name,
        label,
        sdk_delay,
        baseline,
        subscriptions: SUBSCRIPTIONS,
    }
}

/// The files served, by URL path.
type Site = HashMap<String, (&'static str, Vec<u8>)>;

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
    let site = build_site()?;
    let out = target_dir().join("desk-startup");
    write_site(&site, &out.join("site"))?;
    let warm = std::env::var_os("STARTUP_WARM").is_some();
    // Every load in order: rounds of the cases, each round's order rotated.
    let plan: Vec<&Case> = (0..rounds)
        .flat_map(|round| (0..cases.len()).map(move |index| (round, index)))
        .map(|(round, index)| cases[(index + round) % cases.len()])
        .collect();
    let urls: Vec<String> = plan
        .iter()
        .map(|case| format!("/{}/app/{}.html", case.name, page_of(case)))
        .collect();
    let rtt = env_number("STARTUP_RTT_MS", 0);
    let server = serve(site, Duration::from_millis(rtt))?;
    let load = uptime();
    println!(
        "startup: {} cases x {rounds} rounds, {}, every file answered {rtt} ms late; {load}",
        cases.len(),
        if warm {
            "one Chromium, each page navigating to the next"
        } else {
            "a fresh Chromium per load"
        }
    );
    let started = Instant::now();
    let results = drive(&plan, &urls, warm, &server, cases.len())?;
    let all = json!(results);
    std::fs::write(
        out.join("reports.json"),
        serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    println!(
        "\n{} loads in {:.0} s; {}\n",
        rounds * cases.len(),
        started.elapsed().as_secs_f64(),
        uptime()
    );
    print!("{}", tables(&cases, &results));
    Ok(())
}

/// Loads every page of `plan` (at `urls`) in Chromium, in order; returns each case's reports
/// in the order of the rounds.
fn drive<'a>(
    plan: &[&'a Case],
    urls: &[String],
    warm: bool,
    (address, reports, next): &(SocketAddr, Receiver<Value>, Next),
    per_round: usize,
) -> Result<BTreeMap<&'a str, Vec<Value>>, String> {
    let chromium = find("chromium", "CHROMIUM")?;
    let rounds = plan.len() / per_round.max(1);
    let done = |index: usize| {
        if (index + 1).is_multiple_of(per_round) {
            eprintln!(
                "startup: round {} of {rounds} done",
                (index + 1) / per_round
            );
        }
    };
    let mut results: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    let mut record = |case: &'a Case, report: Value| -> Result<(), String> {
        if let Some(error) = problem(&report, case.subscriptions) {
            return Err(format!("{}: {error}\n{report}", case.name));
        }
        results.entry(case.name).or_default().push(report);
        Ok(())
    };
    if warm {
        // Each page's report is answered with the next page to load.
        if let Ok(mut next) = next.lock() {
            next.extend(urls.iter().skip(1).cloned());
        }
        let mut browser = launch(
            &chromium,
            &format!("http://{address}/__startup__/go.html#{}", urls[0]),
        )?;
        let mut outcome = Ok(());
        for (index, case) in plan.iter().enumerate() {
            outcome = reports
                .recv_timeout(Duration::from_secs(30))
                .map_err(|_| format!("{}: no report within 30 s", urls[index]))
                .and_then(|report| record(case, report));
            if outcome.is_err() {
                break;
            }
            done(index);
        }
        end(&mut browser);
        outcome?;
    } else {
        for (index, (case, url)) in plan.iter().zip(urls).enumerate() {
            let url = format!("http://{address}/__startup__/go.html#{url}");
            let mut browser = launch(&chromium, &url)?;
            let report = reports.recv_timeout(Duration::from_secs(30));
            end(&mut browser);
            record(
                case,
                report.map_err(|_| format!("{url}: no report within 30 s"))?,
            )?;
            done(index);
        }
    }
    Ok(results)
}

fn page_of(case: &Case) -> &'static str {
    match case.name {
        "minimal" => "status",
        "js-bar" | "dsl-bar" => BAR_PAGE,
        _ => PAGE,
    }
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
#[allow(clippy::too_many_lines)]
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
    let module_name = build::module_name(CRATE);
    let shipped = bindgen.join(PAGE).join(format!("{module_name}_bg.wasm"));
    // The widget on wasm-bindgen alone.
    let wasm = build_wasm(HAND, &[])?;
    let hand = bindgen_and_optimize(&wasm, &work.join("bindgen/hand"))?;

    let app = package.join("app");
    let as_shipped = read(&app.join(format!("{PAGE}.html")))?;
    // The ways of loading change the page as if its module were in `module/`.
    let page = as_shipped.replace(&format!("./module/{PAGE}/"), "./module/");
    let wrapper = format!("{module_name}_bg.wasm.js");
    let bytes = std::fs::read(&shipped).map_err(|e| format!("{}: {e}", shipped.display()))?;
    let packaged_wrapper = read(&app.join("module").join(PAGE).join(&wrapper))?;
    if packaged_wrapper != wrapper_source(&bytes, Load::Proposed, false, &file_name(&shipped)) {
        eprintln!(
            "startup: warning: desk-package's module wrapper is not `Load::Proposed`'s: the \
             cases that stand for the shipped page are not what ships"
        );
    }
    // The page as shipped before, which the other ways of loading change one thing of.
    let previous = previous_page(&page, &wrapper);

    let mut site = Site::new();
    let mut add = |path: String, content_type: &'static str, body: Vec<u8>| {
        site.insert(path, (content_type, body));
    };
    add(
        "/__startup__/go.html".to_owned(),
        HTML,
        GO.as_bytes().to_vec(),
    );
    add(
        "/__startup__/sdk.js".to_owned(),
        "text/javascript",
        STAND_IN.as_bytes().to_vec(),
    );
    // JavaScript.
    for name in ["js", "js-50"] {
        let delay = if name == "js" { 0 } else { SDK_DELAY };
        add(
            format!("/{name}/app/call-assistant.html"),
            HTML,
            instrument(JS_PAGE, delay)?.into_bytes(),
        );
        add(
            format!("/{name}/app/call-assistant.js"),
            "text/javascript",
            JS_WIDGET.as_bytes().to_vec(),
        );
    }
    // The call bar, whose mount handler talks back: in JavaScript, and as shipped.
    add(
        format!("/js-bar/app/{BAR_PAGE}.html"),
        HTML,
        instrument_for(JS_BAR_PAGE, 0, BAR_SUBSCRIPTIONS)?.into_bytes(),
    );
    add(
        format!("/js-bar/app/{BAR_PAGE}.js"),
        "text/javascript",
        JS_BAR_WIDGET.as_bytes().to_vec(),
    );
    add_dir(&mut add, &app.join("module"), "/dsl-bar/app/module")?;
    add(
        format!("/dsl-bar/app/{BAR_PAGE}.html"),
        HTML,
        instrument_for(
            &read(&app.join(format!("{BAR_PAGE}.html")))?,
            0,
            BAR_SUBSCRIPTIONS,
        )?
        .into_bytes(),
    );
    // The DSL's page as shipped, verbatim but for the SDK.
    for (name, delay) in [("dsl", 0), ("dsl-50", SDK_DELAY)] {
        add_dir(
            &mut add,
            &app.join("module"),
            &format!("/{name}/app/module"),
        )?;
        add(
            format!("/{name}/app/{PAGE}.html"),
            HTML,
            instrument(&as_shipped, delay)?.into_bytes(),
        );
    }
    // wasm-bindgen alone: its start function subscribes; no entry to call.
    let hand_dir = hand.parent().unwrap_or(Path::new("."));
    add_module(
        &mut add,
        hand_dir,
        "/bindgen/app/module",
        &hand,
        Load::Proposed,
        false,
    )?;
    let hand_name = build::module_name(HAND);
    let hand_page = previous
        .replace(&format!("init, {{ {ENTRY} }}"), "init")
        .replace(&format!("\n{ENTRY}();"), "")
        .replace(&module_name, &hand_name);
    add(
        format!("/bindgen/app/{PAGE}.html"),
        HTML,
        instrument(
            &shipped_page(&hand_page, &format!("{hand_name}_bg.wasm.js"), hand_dir)?,
            0,
        )?
        .into_bytes(),
    );
    // The smallest widget: one handler. Its page is the one `desk-package` writes for it (the
    // same template, its title, module and entry).
    let wasm = build_wasm(MINIMAL, &[])?;
    let minimal = bindgen_and_optimize(&wasm, &work.join("bindgen/minimal"))?;
    let minimal_dir = minimal.parent().unwrap_or(Path::new("."));
    add_module(
        &mut add,
        minimal_dir,
        "/minimal/app/module",
        &minimal,
        Load::Proposed,
        false,
    )?;
    let minimal_name = build::module_name(MINIMAL);
    let minimal_page = previous
        .replace("<title>Call Assistant</title>", "<title>Status</title>")
        .replace(ENTRY, "mount_status")
        .replace(&module_name, &minimal_name);
    add(
        "/minimal/app/status.html".to_owned(),
        HTML,
        instrument_for(
            &shipped_page(
                &minimal_page,
                &format!("{minimal_name}_bg.wasm.js"),
                minimal_dir,
            )?,
            0,
            1,
        )?
        .into_bytes(),
    );
    // The modules' sizes, as shipped.
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
    // The breakdown and the strategies, on the shipped module.
    let bindgen_dir = shipped.parent().unwrap_or(Path::new("."));
    let strategies = [
        ("breakdown", Load::From, 0),
        ("loop", Load::Loop, 0),
        ("frombase64", Load::FromBase64, 0),
        ("data-url", Load::DataUrl, 0),
        ("streaming", Load::Streaming, 0),
        ("overlap", Load::Overlap, 0),
        ("before", Load::From, 0),
        ("before-50", Load::From, SDK_DELAY),
    ];
    let preloads = preloads(bindgen_dir)?;
    for (name, load, delay) in strategies {
        let breakdown = name == "breakdown";
        add_module(
            &mut add,
            bindgen_dir,
            &format!("/{name}/app/module"),
            &shipped,
            load,
            true,
        )?;
        add(
            format!("/{name}/app/{PAGE}.html"),
            HTML,
            instrument(
                &strategy_page(&previous, load, breakdown, &wrapper, &preloads)?,
                delay,
            )?
            .into_bytes(),
        );
    }
    Ok(site)
}

const HTML: &str = "text/html; charset=utf-8";

/// The shipped page as `desk-package` wrote it before the module was fetched and compiled
/// beside the SDK: without the preloads and the `async` wrapper.
fn previous_page(page: &str, wrapper: &str) -> String {
    let async_wrapper =
        format!("<script type=\"module\" async src=\"./module/{wrapper}\"></script>");
    page.lines()
        .filter(|line| !line.starts_with("<link rel=\"modulepreload\"") && *line != async_wrapper)
        .fold(String::new(), |mut kept, line| {
            kept += line;
            kept += "\n";
            kept
        })
}

/// `previous` (a page without preloads) as `desk-package` ships it for the module in `dir`:
/// its own glue and snippets preloaded, its wrapper `async` before the SDK.
fn shipped_page(previous: &str, wrapper: &str, dir: &Path) -> Result<String, String> {
    strategy_page(previous, Load::Proposed, false, wrapper, &preloads(dir)?)
}

/// The glue and its snippets in wasm-bindgen's output `dir`, for `<link rel="modulepreload">`,
/// in the order `desk-package` writes them: the glue, then the snippets.
fn preloads(dir: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    list(dir, dir, &mut files)?;
    let mut scripts: Vec<String> = files
        .into_iter()
        .map(|(relative, _)| relative)
        .filter(|relative| {
            Path::new(relative)
                .extension()
                .is_some_and(|extension| extension == "js")
        })
        .collect();
    scripts.sort_by_key(|script| (script.starts_with("snippets/"), script.clone()));
    Ok(scripts)
}

/// The page Chromium opens first: once the browser has settled (its own start-up is not the
/// widget's), it navigates to the page to measure, named after the `#`.
const GO: &str = "<!DOCTYPE html>\n<html>\n<body>\n<script>\n\
    setTimeout(() => location.replace(decodeURIComponent(location.hash.slice(1))), 500);\n\
    </script>\n</body>\n</html>\n";

/// A page as measured: the probe first in `<head>`, the number of subscriptions on `<html>`,
/// the SDK's script replaced by the stand-in (held back `delay` ms).
fn instrument(page: &str, delay: u64) -> Result<String, String> {
    instrument_for(page, delay, SUBSCRIPTIONS)
}

/// [`instrument`] for a widget of `subscriptions` subscriptions.
fn instrument_for(page: &str, delay: u64, subscriptions: usize) -> Result<String, String> {
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
        .replacen(
            &sdk,
            &format!("<script src=\"/__startup__/sdk.js?delay={delay}\"></script>"),
            1,
        ))
}

/// The shipped page with its module script for `load`; for the breakdown, the page compiles
/// the module itself, between marks.
fn strategy_page(
    page: &str,
    load: Load,
    breakdown: bool,
    wrapper: &str,
    preloads: &[String],
) -> Result<String, String> {
    let glue = format!("{}.js", build::module_name(CRATE));
    let start = page
        .find("<script type=\"module\">")
        .ok_or("the page has no module script")?;
    let end = start
        + page[start..]
            .find("</script>")
            .ok_or("the page's module script does not end")?
        + "</script>".len();
    let imports = format!(
        "import init, {{ {ENTRY} }} from \"./module/{glue}\";\n\
         import wasm from \"./module/{wrapper}\";\n"
    );
    let script = match load {
        _ if breakdown => format!(
            "<script type=\"module\">\n{imports}\
             const mark = window.__startup.mark;\n\
             mark(\"compile.start\");\n\
             const module = await WebAssembly.compile(wasm);\n\
             mark(\"compile.end\");\n\
             await init({{ module_or_path: module }});\n\
             mark(\"mount.start\");\n\
             {ENTRY}();\n\
             mark(\"mount.end\");\n</script>"
        ),
        Load::From | Load::Loop | Load::FromBase64 => format!(
            "<script type=\"module\">\n{imports}\
             await init({{ module_or_path: wasm }});\n{ENTRY}();\n</script>"
        ),
        Load::DataUrl => format!(
            "<script type=\"module\">\n\
             import init, {{ {ENTRY} }} from \"./module/{glue}\";\n\
             import base64 from \"./module/{wrapper}\";\n\
             window.__startup.mark(\"decode.start\");\n\
             const response = await fetch(\"data:application/wasm;base64,\" + base64);\n\
             const wasm = await response.arrayBuffer();\n\
             window.__startup.mark(\"decode.end\");\n\
             await init({{ module_or_path: wasm }});\n{ENTRY}();\n</script>"
        ),
        Load::Streaming => format!(
            "<script type=\"module\">\n\
             import init, {{ {ENTRY} }} from \"./module/{glue}\";\n\
             import base64 from \"./module/{wrapper}\";\n\
             const wasm = await WebAssembly.compileStreaming(\n\
             \x20 fetch(\"data:application/wasm;base64,\" + base64),\n);\n\
             await init({{ module_or_path: wasm }});\n{ENTRY}();\n</script>"
        ),
        // The wrapper's default export is the compilation's promise (which `init` awaits); the
        // async module starts it as soon as the wrapper is fetched, without waiting for the
        // SDK's script. The page's module script is the shipped one.
        Load::Overlap | Load::Proposed => page[start..end].to_owned(),
    };
    let mut page = format!("{}{script}{}", &page[..start], &page[end..]);
    if load == Load::Proposed {
        let links = preloads.iter().fold(String::new(), |mut links, path| {
            let _ = writeln!(
                links,
                "<link rel=\"modulepreload\" href=\"./module/{path}\">"
            );
            links
        });
        page = page.replacen("</head>", &format!("{links}</head>"), 1);
    }
    if matches!(load, Load::Overlap | Load::Proposed) {
        let sdk = format!("<script src=\"{SDK_SCRIPT}\"></script>");
        page = page.replacen(
            &sdk,
            &format!("<script type=\"module\" async src=\"./module/{wrapper}\"></script>\n{sdk}"),
            1,
        );
    }
    Ok(page)
}

/// The module as JavaScript, its bytes base64-encoded: `desk-package`'s template for
/// [`Load::From`], the others' wrappers for the other ways of loading; with `marks`, the
/// decoding between the marks `decode.start` and `decode.end`.
fn wrapper_source(bytes: &[u8], load: Load, marks: bool, wasm_name: &str) -> String {
    let base64 = desk_package::base64(bytes);
    let head = format!(
        "// {wasm_name}, base64-encoded: Desk extensions cannot ship .wasm files.\n\
         const base64 = \"{base64}\";\n"
    );
    let loop_ = "const text = atob(base64);\n\
                 const bytes = new Uint8Array(text.length);\n\
                 for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n";
    let decode = match load {
        Load::From => {
            "const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));\n".to_owned()
        }
        Load::Loop => loop_.to_owned(),
        Load::FromBase64 | Load::Overlap | Load::Proposed => format!(
            "let bytes;\n\
             if (typeof Uint8Array.fromBase64 === \"function\") {{\n\
             \x20 bytes = Uint8Array.fromBase64(base64);\n\
             }} else {{\n{}}}\n",
            loop_.replace("const bytes = ", "bytes = ").lines().fold(
                String::new(),
                |mut indented, line| {
                    let _ = writeln!(indented, "  {line}");
                    indented
                }
            )
        ),
        // The page decodes.
        Load::DataUrl | Load::Streaming => return format!("{head}export default base64;\n"),
    };
    let export = if matches!(load, Load::Overlap | Load::Proposed) {
        "export default WebAssembly.compile(bytes);\n"
    } else {
        "export default bytes;\n"
    };
    if load == Load::From && !marks {
        // desk-package/src/module.rs before, verbatim.
        return format!(
            "{head}export default Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));\n"
        );
    }
    if load == Load::Proposed && !marks {
        // What desk-package ships.
        return desk_package::wrapper_source(wasm_name, bytes);
    }
    if marks {
        format!(
            "{head}window.__startup.mark(\"decode.start\");\n{decode}\
             window.__startup.mark(\"decode.end\");\n{export}"
        )
    } else {
        format!("{head}{decode}{export}")
    }
}

/// wasm-bindgen's output in `dir` under `url`: the glue (with marks around the start function
/// when `marks`), its snippets, and the module as a wrapper for `load`.
fn add_module(
    add: &mut impl FnMut(String, &'static str, Vec<u8>),
    dir: &Path,
    url: &str,
    wasm: &Path,
    load: Load,
    marks: bool,
) -> Result<(), String> {
    let mut files = Vec::new();
    list(dir, dir, &mut files)?;
    for (relative, path) in files {
        let Some(extension) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        match extension {
            "wasm" => {
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let source = wrapper_source(&bytes, load, marks, &file_name(wasm));
                add(
                    format!("{url}/{relative}.js"),
                    "text/javascript",
                    source.into_bytes(),
                );
            }
            "js" => {
                let mut source = read(&path)?;
                if marks && !relative.starts_with("snippets") {
                    source = source.replace(
                        "wasm.__wbindgen_start();",
                        "window.__startup.mark(\"start.start\");\n    wasm.__wbindgen_start();\n    \
                         window.__startup.mark(\"start.end\");",
                    );
                }
                add(
                    format!("{url}/{relative}"),
                    "text/javascript",
                    source.into_bytes(),
                );
            }
            _ => {}
        }
    }
    Ok(())
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
    for (url, (_, body)) in site {
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

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
}

// ----------------------------------------------------------------------------------------------
// Serving, and loading in Chromium.

/// The pages still to load, in order: each report is answered with the next one's URL.
type Next = Arc<Mutex<VecDeque<String>>>;

/// Serves `site` on 127.0.0.1 from a thread per connection, each file `rtt` late (a network's
/// round trip), the SDK's script after its `delay` query's milliseconds more; the pages'
/// reports go to the receiver, and are answered with the next URL of the queue (none: the page
/// stays).
fn serve(site: Site, rtt: Duration) -> Result<(SocketAddr, Receiver<Value>, Next), String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let (sender, receiver) = mpsc::channel();
    let site = Arc::new(site);
    let sender = Arc::new(Mutex::new(sender));
    let next = Next::default();
    let queue = Arc::clone(&next);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (site, sender, queue) =
                (Arc::clone(&site), Arc::clone(&sender), Arc::clone(&queue));
            std::thread::spawn(move || {
                let _ = respond(stream, &site, &sender, &queue, rtt);
            });
        }
    });
    Ok((address, receiver, next))
}

fn respond(
    mut stream: TcpStream,
    site: &Site,
    reports: &Mutex<Sender<Value>>,
    next: &Mutex<VecDeque<String>>,
    rtt: Duration,
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
    let (status, content_type, body): (&str, &str, Vec<u8>) = if method == "POST" {
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        let url = next
            .lock()
            .ok()
            .and_then(|mut next| next.pop_front())
            .unwrap_or_default();
        if let Ok(report) = serde_json::from_slice(&body)
            && let Ok(sender) = reports.lock()
        {
            let _ = sender.send(report);
        }
        ("200 OK", "text/plain", url.into_bytes())
    } else if let Some((content_type, body)) = site.get(path) {
        std::thread::sleep(rtt);
        if let Some(delay) = query.strip_prefix("delay=")
            && let Ok(ms) = delay.parse()
        {
            std::thread::sleep(Duration::from_millis(ms));
        }
        ("200 OK", content_type, body.clone())
    } else {
        ("404 Not Found", "text/plain", b"not found".to_vec())
    };
    // One write of the whole response, without Nagle's algorithm: written piece by piece, the
    // small segments waited for the peer's delayed acknowledgement (up to 40 ms on Linux),
    // which delayed every file by a varying amount.
    let mut response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    stream.set_nodelay(true)?;
    stream.write_all(&response)
}

/// A fresh headless Chromium, with an empty profile, loading `url`.
fn launch(chromium: &Path, url: &str) -> Result<Child, String> {
    let profile = target_dir().join("desk-startup/profile");
    let _ = std::fs::remove_dir_all(&profile);
    // Its own process group, so that ending it ends its helpers too.
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", chromium.display()))
}

/// Ends a Chromium this task started, and its process group.
fn end(child: &mut Child) {
    let group = format!("-{}", child.id());
    let _ = Command::new("kill")
        .args(["-TERM", "--", &group])
        .stderr(Stdio::null())
        .status();
    for _ in 0..50 {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = Command::new("kill")
        .args(["-KILL", "--", &group])
        .stderr(Stdio::null())
        .status();
    let _ = child.wait();
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

/// When the last of the page's scripts (the SDK's, the widget's) was fetched.
fn scripts_fetched(report: &Value) -> Option<f64> {
    report["resources"]
        .as_array()?
        .iter()
        .filter(|r| r["name"].as_str().is_some_and(is_script))
        .filter_map(|r| r["responseEnd"].as_f64())
        .reduce(f64::max)
}

/// Whether a URL path names a script.
fn is_script(path: &str) -> bool {
    Path::new(path)
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("js"))
}

/// From the last script fetched to ready: the page's own work, without the fetches (which on
/// a loaded machine wait for the network process and the server's threads).
fn after_scripts(report: &Value) -> Option<f64> {
    Some(ready(report)? - scripts_fetched(report)?)
}

/// Bytes of the page's scripts (decoded).
fn script_bytes(report: &Value) -> u64 {
    report["resources"].as_array().map_or(0, |resources| {
        resources
            .iter()
            .filter(|r| {
                r["name"]
                    .as_str()
                    .is_some_and(|n| is_script(n) && !n.starts_with("/__startup__"))
            })
            .filter_map(|r| r["size"].as_u64())
            .sum()
    })
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

/// The tables, one after the other.
#[allow(clippy::too_many_lines)]
fn tables(cases: &[&Case], results: &BTreeMap<&str, Vec<Value>>) -> String {
    let mut out = String::new();
    let none: &[Value] = &[];
    let of = |name: &str| results.get(name).map_or(none, Vec::as_slice);
    let _ = writeln!(
        out,
        "| case | scripts fetched ms | subscribed ms | first render ms | ready ms (p25-p75) | \
         ready / JavaScript (p25-p75) | <= {GOAL} | ready after the scripts ms | that / \
         JavaScript | script bytes |"
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
            median_of(reports.iter().filter_map(scripts_fetched)),
            median_of(reports.iter().filter_map(|r| mark(r, "subscribed"))),
            median_of(reports.iter().filter_map(rendered)),
            with_quartiles(reports.iter().filter_map(ready), 1),
            with_quartiles(ratio.into_iter(), 2),
            if case.name == case.baseline { "" } else { met },
            with_quartiles(reports.iter().filter_map(after_scripts), 1),
            with_quartiles(ratios(results, case.name, case.baseline, after_scripts), 2),
            reports.first().map_or(0, script_bytes),
        );
    }
    let breakdown = of("breakdown");
    if !breakdown.is_empty() {
        let _ = writeln!(
            out,
            "\nWhere the DSL widget's time goes (`breakdown`: the shipped page, the module \
             compiled by the page between marks; medians of each load's intervals, ms):\n"
        );
        let _ = writeln!(out, "| from | to | ms (p25-p75) |");
        let _ = writeln!(out, "|---|---|---:|");
        let steps: [(&str, &str, At); 10] = [
            ("navigation start", "scripts fetched", scripts_fetched),
            ("scripts fetched", "wrapper evaluated: decode starts", |r| {
                mark(r, "decode.start")
            }),
            ("decode starts", "base64 decoded to bytes", |r| {
                mark(r, "decode.end")
            }),
            ("bytes", "`WebAssembly.compile` done", |r| {
                mark(r, "compile.end")
            }),
            ("compiled", "instantiated: start function called", |r| {
                mark(r, "start.start")
            }),
            ("start function called", "start function returned", |r| {
                mark(r, "start.end")
            }),
            (
                "start function returned",
                "`init` returned: entry called",
                |r| mark(r, "mount.start"),
            ),
            ("entry called", "entry returned", |r| mark(r, "mount.end")),
            ("entry returned", "subscribed (last `on`)", |r| {
                mark(r, "subscribed")
            }),
            ("subscribed", "ready (first render)", ready),
        ];
        let mut previous: At = |_| Some(0.0);
        for (from, to, at) in steps {
            let _ = writeln!(
                out,
                "| {from} | {to} | {} |",
                with_quartiles(
                    breakdown.iter().filter_map(|r| Some(at(r)? - previous(r)?)),
                    2
                )
            );
            previous = at;
        }
        let _ = writeln!(
            out,
            "| navigation start | ready | {} |",
            with_quartiles(breakdown.iter().filter_map(ready), 2)
        );
    }
    let decoders: Vec<&&Case> = cases
        .iter()
        .filter(|c| {
            [
                "breakdown",
                "loop",
                "frombase64",
                "data-url",
                "overlap",
                "before",
                "before-50",
            ]
            .contains(&c.name)
        })
        .collect();
    if !decoders.is_empty() {
        let _ = writeln!(
            out,
            "\nBase64 to bytes, each way (ms between the marks around the decoding):\n"
        );
        let _ = writeln!(out, "| case | decode ms (p25-p75) |");
        let _ = writeln!(out, "|---|---:|");
        for case in decoders {
            let _ = writeln!(
                out,
                "| `{}` | {} |",
                case.name,
                with_quartiles(
                    of(case.name)
                        .iter()
                        .filter_map(|r| Some(mark(r, "decode.end")? - mark(r, "decode.start")?)),
                    2
                )
            );
        }
    }
    if results.contains_key("dsl") {
        let _ = writeln!(
            out,
            "\nReady, against the shipped page of the same round (`dsl`, or `dsl-50` for the \
             SDK held back):\n"
        );
        let _ = writeln!(out, "| case | ready / shipped (p25-p75) |");
        let _ = writeln!(out, "|---|---:|");
        for case in cases {
            let shipped = if case.sdk_delay == 0 { "dsl" } else { "dsl-50" };
            if case.name.starts_with("js") || case.name == shipped || case.name == "dsl-bar" {
                continue;
            }
            let _ = writeln!(
                out,
                "| `{}` | {} |",
                case.name,
                with_quartiles(ratios(results, case.name, shipped, ready), 2)
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
