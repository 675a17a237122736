//! `cargo xtask record [FILE]`: `cargo desk serve --record` on the telephony extension, each of
//! its pages loaded in headless Chromium on the SDK stand-in ([`crate::standin`]), and the
//! recording checked: its header, every line a known kind naming its page's widget, location
//! and page load, each page's `App`, events with their payload's text, an SDK call with Desk's
//! answer, a hook and its answer, a modal's handshake, a click; and the replay's reader reads
//! it, one load of each page. The recording is deterministic but for its times and its page
//! loads' ids (random). FILE (default `target/desk-record/session.jsonl`) keeps it:
//! `widgets/telephony/tests/session.jsonl` is one.

use crate::standin;
use crate::tools::{root, target_dir};
use cargo_desk::build::Optimizer;
use cargo_desk::project::Project;
use cargo_desk::serve::{Options, Server, Site, State};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The telephony extension, served with `--record FILE` on a free port, being rebuilt on change
/// from a thread of its own; its address and what it serves.
pub fn serve(file: &Path) -> Result<(std::net::SocketAddr, Arc<Site>), String> {
    let manifest = root().join("widgets/telephony/Cargo.toml");
    let project = Project::find(Some(&manifest)).map_err(|e| e.message)?;
    let options = Options {
        address: "127.0.0.1:0".to_owned(),
        record: Some(file.to_path_buf()),
    };
    // As `cargo desk serve` finds it: on PATH.
    let optimizer = Optimizer::find(&[]);
    let server = Server::start(&project, &options, optimizer).map_err(|e| e.message)?;
    let (address, site) = (server.address(), server.site());
    std::thread::spawn(move || server.run());
    Ok((address, site))
}

pub fn record(out: Option<PathBuf>) -> Result<(), String> {
    recorder_batches()?;
    let file = out.unwrap_or_else(|| target_dir().join("desk-record/session.jsonl"));
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let sdk = standin::start()?;
    let (address, _) = serve(&file)?;
    for page in telephony_widget::EXTENSION.pages() {
        let url = format!("https://{address}/app/{}.html", page.page);
        // A debugging port keeps headless Chromium open on the page until it is done.
        let args = ["--remote-debugging-port=0"];
        let mut chromium = standin::chromium(&url, sdk, "desk-record-profile", &args)?;
        let done = settled(&file, page.name);
        let _ = chromium.kill();
        let _ = chromium.wait();
        done?;
    }
    let lines = lines(&file)?;
    check(&lines)?;
    println!(
        "recorded {} lines of the telephony extension's {} pages to {}",
        lines.len() - 1,
        telephony_widget::EXTENSION.pages().count(),
        file.display()
    );
    Ok(())
}

/// The calls a page makes in [`recorder_batches`], each with one string of a character
/// repeated: first, alone in the first POST, 30,000 characters that UTF-8 writes in 90 KB, over
/// what a `keepalive` POST may carry although JavaScript counts them shorter; then lines of
/// about 1 KB and 400 KB, and one of 1.5 MB, over the server's limit of a POST.
const CALLS: [(char, usize); 8] = [
    ('語', 30_000),
    ('x', 1_000),
    ('x', 400_000),
    ('x', 400_000),
    ('x', 400_000),
    ('x', 1_500_000),
    ('x', 400_000),
    ('x', 1_000),
];

/// The recorder as `cargo desk serve` adds it to a page, run in Node on a stub SDK that answers
/// each call at once (`recorder-harness.js`): every line arrives, in order, in POSTs the server
/// takes (at most `MAX_BODY` bytes), but the one over that limit, which the console names; none
/// other is lost with it; a POST is `keepalive` only under the browser's 64 KiB for those; every
/// line names the one page load; a click's text is cut without cutting an emoji in half
/// ([`click_problems`]); and two loads of one page whose lines interleave write each its own
/// load on each of its lines ([`tab_problems`]).
fn recorder_batches() -> Result<(), String> {
    use cargo_desk::serve::record::MAX_BODY;
    let sdk = format!("<script src=\"{}\"></script>", desk_package::SDK_SCRIPT);
    let page = cargo_desk::serve::inject::page(&sdk, &State::default(), "/app/x.html", 0, true);
    let recorder = page
        .split("<script>/* cargo desk serve */")
        .find(|script| script.contains("--record"))
        .and_then(|script| script.split("</script>").next())
        .ok_or("no recorder in a page served with --record")?;
    let output = std::process::Command::new("node")
        .args(["-e", include_str!("recorder-harness.js"), recorder])
        .args(
            CALLS
                .iter()
                .map(|(character, count)| format!("{character}:{count}")),
        )
        .output()
        .map_err(|e| format!("node (the recorder's test runs in it): {e}"))?;
    let report: Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "the recorder in node: {e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    let posts = report["posts"].as_array().ok_or("no posts")?;
    let mut problems = Vec::new();
    let mut sent = Vec::new();
    for post in posts {
        let bytes = post["bytes"].as_u64().unwrap_or(u64::MAX);
        if bytes > MAX_BODY as u64 {
            problems.push(format!("a POST over {MAX_BODY} bytes: {bytes}"));
        }
        if post["keepalive"].as_bool() != Some(bytes < 60_000) {
            problems.push(format!(
                "a POST of {bytes} bytes with keepalive {}",
                post["keepalive"]
            ));
        }
        let lines = post["lines"].as_array().into_iter().flatten();
        sent.extend(lines.map(|line| line.as_str().unwrap_or_default().to_owned()));
    }
    // Each call's line, then its answer's; but the call over the limit's; then the click.
    let over = |id: usize| CALLS[id - 1].1 > MAX_BODY;
    let expected: Vec<String> = (1..=CALLS.len())
        .flat_map(|id| {
            let call = (!over(id)).then(|| format!("call {id}"));
            call.into_iter().chain([format!("answer {id}")])
        })
        .chain(["click".to_owned()])
        .collect();
    if sent != expected {
        problems.push(format!("lines sent {sent:?}, not {expected:?}"));
    }
    if posts.len() < 3 {
        problems.push(format!(
            "{} POSTs: the lines fit in no fewer than 3",
            posts.len()
        ));
    }
    let loads = report["loads"].as_array().map_or(&[][..], Vec::as_slice);
    if loads.len() != 1 || !loads.iter().all(is_load_id) {
        problems.push(format!(
            "the page's lines name {} loads, not one id of 16 hex digits: {}",
            loads.len(),
            report["loads"]
        ));
    }
    problems.extend(click_problems(&report));
    problems.extend(tab_problems(&report));
    let errors = report["errors"].as_array().map_or(0, Vec::len);
    if errors != 1 {
        problems.push(format!(
            "{errors} errors on the console, not 1: {}",
            report["errors"]
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("the recorder: {}", problems.join("\n")))
    }
}

/// What is wrong with the harness's click, if anything: its line must be JSON that
/// `serde_json` (the server's parser) reads, its text the clicked text's first 200 UTF-16 units
/// (JavaScript's length) or one fewer, never half an emoji (a lone surrogate, which once lost
/// the click's whole batch).
fn click_problems(report: &Value) -> Vec<String> {
    let clicked = report["clicked"].as_str().unwrap_or_default();
    let clicks = report["clicks"].as_array().map_or(&[][..], Vec::as_slice);
    if clicks.len() != 1 {
        return vec![format!("{} click lines sent, not 1", clicks.len())];
    }
    let line = clicks[0].as_str().unwrap_or_default();
    let text = match serde_json::from_str::<Value>(line) {
        Ok(value) => value["text"].as_str().map(ToOwned::to_owned),
        Err(e) => {
            return vec![format!(
                "the click's line is not JSON the server reads ({e}): {}",
                shown(line)
            )];
        }
    };
    let text = text.unwrap_or_default();
    let units = text.encode_utf16().count();
    if !clicked.starts_with(&text) || !(199..=200).contains(&units) {
        vec![format!(
            "the click's text is not the clicked text's first 200 UTF-16 units, without half \
             an emoji: {units} units, {}",
            shown(&text)
        )]
    } else {
        Vec::new()
    }
}

/// Whether `load` is a page load's id as the recorder makes it: 16 lowercase hex digits.
fn is_load_id(load: &Value) -> bool {
    load.as_str().is_some_and(|load| {
        load.len() == 16
            && load
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// The distinct `load`s of `lines`, in the order they first appear.
fn loads_of<'a>(lines: impl IntoIterator<Item = &'a Value>) -> Vec<&'a Value> {
    let mut loads: Vec<&Value> = Vec::new();
    for line in lines {
        if !loads.contains(&&line["load"]) {
            loads.push(&line["load"]);
        }
    }
    loads
}

/// What is wrong with the harness's two loads of one page (two tabs), if anything: their lines
/// arrive interleaved, each names its own load (two ids), and each load's lines are what that
/// tab did, in order; the replay's reader finds the two loads.
fn tab_problems(report: &Value) -> Vec<String> {
    let arrived = report["tabs"].as_array().map_or(&[][..], Vec::as_slice);
    let lines: Vec<Value> = arrived
        .iter()
        .filter_map(|line| serde_json::from_str(line.as_str().unwrap_or_default()).ok())
        .collect();
    if lines.len() != arrived.len() || lines.is_empty() {
        return vec![format!(
            "the two tabs' lines are not JSON: {}",
            report["tabs"]
        )];
    }
    let loads = loads_of(&lines);
    if loads.len() != 2 || !loads.iter().all(|load| is_load_id(load)) {
        return vec![format!(
            "the two tabs' lines name {} loads, not two ids of 16 hex digits: {loads:?}",
            loads.len()
        )];
    }
    let mut problems = Vec::new();
    // What each tab did (`recorder-harness.js`, `tabs`), its calls answered at once.
    let expected = [
        [
            "app",
            "call 1 a1",
            "answer 1",
            "event 2 e",
            "call 3 a2",
            "answer 3",
        ],
        [
            "app",
            "call 1 b1",
            "answer 1",
            "call 2 b2",
            "answer 2",
            "event 3 e",
        ],
    ];
    for (load, expected) in loads.iter().zip(expected) {
        let did: Vec<String> = lines
            .iter()
            .filter(|line| line["load"] == **load)
            .map(|line| {
                let name = line["args"][0].as_str().or(line["event"].as_str());
                [
                    line["kind"].as_str().map(ToOwned::to_owned),
                    line["id"].as_u64().map(|id| id.to_string()),
                    name.map(ToOwned::to_owned),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
            })
            .collect();
        if did != expected {
            problems.push(format!("a tab's lines {did:?}, not {expected:?}"));
        }
    }
    // The first tab's lines go on after the second's began: they interleave.
    let second = lines.iter().position(|line| line["load"] == *loads[1]);
    let after = second.is_some_and(|at| lines[at..].iter().any(|line| line["load"] == *loads[0]));
    if !after {
        problems.push("the two tabs' lines do not interleave".to_owned());
    }
    let header = format!(
        r#"{{"recording":"desk-widgets","version":{},"extension":"x"}}"#,
        cargo_desk::serve::record::VERSION
    );
    let text = std::iter::once(header.as_str())
        .chain(arrived.iter().map(|line| line.as_str().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n");
    let widget = lines[0]["widget"].as_str().unwrap_or_default();
    match desk_runtime::sim::Session::parse(&text) {
        Ok(session) if session.loads(widget) == 2 => {}
        Ok(session) => problems.push(format!(
            "the replay reads {} loads of the two tabs' page, not 2",
            session.loads(widget)
        )),
        Err(error) => problems.push(format!("the replay does not read the two tabs: {error}")),
    }
    problems
}

/// At most the first 200 characters of `text`, for a message: a line may be 1 MiB.
fn shown(text: &str) -> String {
    match text.char_indices().nth(200) {
        Some((end, _)) => format!("{}... ({} bytes)", &text[..end], text.len()),
        None => text.to_owned(),
    }
}

/// Once `widget`'s page has loaded and sent no line for a second (at most 30 s).
fn settled(file: &Path, widget: &str) -> Result<(), String> {
    let start = Instant::now();
    let mut seen = String::new();
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let loaded = text.lines().any(|line| {
            line.contains(r#""kind":"app""#)
                && line.contains(&format!(r#""widget":{}"#, Value::from(widget)))
        });
        if loaded && text == seen {
            return Ok(());
        }
        if start.elapsed() > Duration::from_secs(30) {
            return Err(format!(
                "{widget}: its page did not load in 30 s ({})",
                file.display()
            ));
        }
        seen = text;
    }
}

/// The recording's lines, each JSON.
fn lines(file: &Path) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    text.lines()
        .map(|line| {
            serde_json::from_str(line).map_err(|e| format!("not JSON: {e}: {}", shown(line)))
        })
        .collect()
}

/// What is wrong with the recording of the telephony extension's pages, if anything.
fn check(lines: &[Value]) -> Result<(), String> {
    let (header, lines) = lines.split_first().ok_or("the recording is empty")?;
    let version = cargo_desk::serve::record::VERSION;
    if header["recording"] != "desk-widgets" || header["version"] != version {
        return Err(format!("not a recording's header: {header}"));
    }
    let mut problems = Vec::new();
    for widget in telephony_widget::EXTENSION.pages() {
        let of = |kind: &str| {
            lines
                .iter()
                .filter(|line| line["widget"] == widget.name && line["kind"] == kind)
                .count()
        };
        if of("app") != 1 || of("event") == 0 {
            problems.push(format!(
                "{}: {} `app` lines, {} `event` lines",
                widget.name,
                of("app"),
                of("event")
            ));
        }
        if lines
            .iter()
            .any(|line| line["widget"] == widget.name && line["location"] != widget.location)
        {
            problems.push(format!(
                "{}: a line not at {}",
                widget.name, widget.location
            ));
        }
        // Each page was loaded once: its lines are of one load.
        let loads = loads_of(lines.iter().filter(|line| line["widget"] == widget.name));
        if loads.len() != 1 || !is_load_id(loads[0]) {
            problems.push(format!(
                "{}: lines of {} page loads, not one: {loads:?}",
                widget.name,
                loads.len()
            ));
        }
    }
    // Every kind but `message`: the extension's widgets send each other nothing (its modal's
    // handshake is `modal` lines).
    for kind in ["app", "event", "hook", "call", "answer", "modal", "click"] {
        if !lines.iter().any(|line| line["kind"] == kind) {
            problems.push(format!("no `{kind}` line"));
        }
    }
    for line in lines {
        let kind = line["kind"].as_str().unwrap_or_default();
        if !cargo_desk::serve::record::KINDS.contains(&kind) || !line["t"].is_number() {
            problems.push(format!("not a line of a recording: {line}"));
        }
    }
    // The bar asks for the agent's name; the stand-in answers it.
    let asked = lines
        .iter()
        .find(|line| line["call"] == "get" && line["args"][0] == "user.fullName")
        .ok_or("no call of get(\"user.fullName\")")?;
    let answered = lines.iter().find(|line| {
        line["kind"] == "answer" && line["id"] == asked["id"] && line["load"] == asked["load"]
    });
    if answered.is_none_or(|line| line["resolved"]["user.fullName"] != "Ada Agent") {
        problems.push(format!("get(\"user.fullName\") answered {answered:?}"));
    }
    // The bar's hook answered the reply.
    let hook = lines
        .iter()
        .find(|line| line["hook"] == "ticket.reply")
        .ok_or("no `ticket.reply` hook line")?;
    if !lines.iter().any(|line| {
        line["kind"] == "answer" && line["id"] == hook["id"] && line["load"] == hook["load"]
    }) {
        problems.push(format!("the hook was not answered: {hook}"));
    }
    // Payloads are the text the runtime reads.
    if let Some(event) = lines.iter().find(|line| line["event"] == "call.ringing") {
        let payload = event["payload"].as_str().unwrap_or_default();
        if serde_json::from_str::<Value>(payload).is_err() {
            problems.push(format!("call.ringing's payload is not JSON text: {event}"));
        }
    }
    // The replay reads it: one load of each page.
    let text = std::iter::once(header)
        .chain(lines)
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    match desk_runtime::sim::Session::parse(&text) {
        Ok(session) => {
            for widget in telephony_widget::EXTENSION.pages() {
                let loads = session.loads(widget.name);
                if loads != 1 {
                    problems.push(format!("{}: the replay reads {loads} loads", widget.name));
                }
            }
        }
        Err(error) => problems.push(format!("the replay does not read it: {error}")),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of the recording may be 1 MiB: an error quotes 200 characters of it.
    #[test]
    fn an_error_quotes_a_bounded_part_of_a_line() {
        let file = std::env::temp_dir().join(format!("xtask-record-{}.jsonl", std::process::id()));
        std::fs::write(&file, format!("{{\"x\":\"{}\"", "語".repeat(1 << 19))).unwrap();
        let error = lines(&file).unwrap_err();
        std::fs::remove_file(&file).unwrap();
        assert!(error.starts_with("not JSON: "), "{}", shown(&error));
        assert!(error.len() < 1000, "{} bytes", error.len());
        assert_eq!(shown("short"), "short");
    }
}
