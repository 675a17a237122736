//! `cargo xtask reload`: live reload, measured. The telephony extension served by `cargo desk
//! serve` (with `--record`, whose `app` lines say when a page has loaded), its Call Bar open in
//! headless Chromium on the SDK stand-in; then its source edited: the time from the edit to the
//! page loaded again, rebuilt. Twice: the edit, then its undoing. A report, no timing asserted,
//! written into `docs/figures.md` (section `reload`).

use crate::figures::Report;
use crate::record::serve;
use crate::standin;
use crate::tools::{root, target_dir};
use cargo_desk::serve::Site;
use std::path::Path;
use std::time::{Duration, Instant};

/// The edit: a comment at the end of the crate's root, which rebuilds the whole widget.
const EDIT: &str = "\n// cargo xtask reload: an edit\n";

pub fn reload() -> Result<(), String> {
    let file = target_dir().join("desk-reload/session.jsonl");
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let sdk = standin::start()?;
    let (address, site) = serve(&file)?;
    let url = format!("https://{address}/app/call-bar.html");
    // A debugging port keeps headless Chromium open on the page.
    let args = ["--remote-debugging-port=0"];
    let mut chromium = standin::chromium(&url, sdk, "desk-reload-profile", &args)?;
    let source = root().join("widgets/telephony/src/lib.rs");
    let original = std::fs::read_to_string(&source).map_err(|e| e.to_string())?;
    let measured = loads(&file, 1, Duration::from_mins(1)).and_then(|()| {
        let edit = timed(&source, &format!("{original}{EDIT}"), &file, &site, 2)?;
        let undo = timed(&source, &original, &file, &site, 3)?;
        Ok((edit, undo))
    });
    // Whatever happened, the source as it was, and Chromium closed.
    let restored = std::fs::write(&source, &original);
    let _ = chromium.kill();
    let _ = chromium.wait();
    restored.map_err(|e| format!("{}: {e}: restore it", source.display()))?;
    let (edit, undo) = measured?;
    let seconds = |duration: Duration| duration.as_secs_f64();
    let mut report = Report::default();
    report.line(format!(
        "live reload (cargo desk serve, the telephony extension's Call Bar in headless \
         Chromium): edit -> page reloaded {:.1} s (rebuilt in {:.1} s, then reloaded in {:.1} s); \
         the edit undone -> page reloaded {:.1} s (rebuilt in {:.1} s)",
        seconds(edit.reloaded),
        seconds(edit.built),
        seconds(edit.reloaded.saturating_sub(edit.built)),
        seconds(undo.reloaded),
        seconds(undo.built),
    ));
    report.save("reload", "cargo xtask reload")
}

/// From an edit: to the build served, and to the page loaded again.
struct Timing {
    built: Duration,
    reloaded: Duration,
}

/// Writes `text` into `source` and waits for the next build and the page's `loads`th load.
fn timed(
    source: &Path,
    text: &str,
    file: &Path,
    site: &Site,
    loads: usize,
) -> Result<Timing, String> {
    let before = *site.build.borrow();
    let edited = Instant::now();
    std::fs::write(source, text).map_err(|e| format!("{}: {e}", source.display()))?;
    while *site.build.borrow() == before {
        if edited.elapsed() > Duration::from_mins(5) {
            return Err("no build in 5 minutes".to_owned());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let built = edited.elapsed();
    self::loads(file, loads, Duration::from_mins(5))?;
    Ok(Timing {
        built,
        reloaded: edited.elapsed(),
    })
}

/// Waits until the recording holds `count` `app` lines (the page loaded that many times).
fn loads(file: &Path, count: usize, within: Duration) -> Result<(), String> {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let apps = text
            .lines()
            .filter(|line| line.contains(r#""kind":"app""#))
            .count();
        if apps >= count {
            return Ok(());
        }
        if start.elapsed() > within {
            return Err(format!(
                "the page loaded {apps} times in {within:?}, not {count} ({})",
                file.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
