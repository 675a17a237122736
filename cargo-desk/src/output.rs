//! Output in cargo's style: a right-aligned status word (green, bold), then what happened; a
//! spinner with the elapsed time on long steps when stderr is a terminal.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Whether to color stderr: a terminal, and neither `NO_COLOR` nor `CARGO_TERM_COLOR=never`.
fn color() -> bool {
    match std::env::var("CARGO_TERM_COLOR").as_deref() {
        Ok("always") => true,
        Ok("never") => false,
        _ => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn styled(word: &str, code: &str) -> String {
    if color() {
        format!("\x1b[{code}m{word:>12}\x1b[0m")
    } else {
        format!("{word:>12}")
    }
}

/// `   Compiling foo` in green.
pub fn status(word: &str, message: impl std::fmt::Display) {
    eprintln!("{} {message}", styled(word, "1;32"));
}

/// `     Warning foo` in yellow (cargo's `warning:` prefix, aligned with the steps).
pub fn warn(message: impl std::fmt::Display) {
    let prefix = if color() {
        "\x1b[1;33mwarning\x1b[0m"
    } else {
        "warning"
    };
    eprintln!("{prefix}: {message}");
}

/// `error: ...` in red.
pub fn error(message: impl std::fmt::Display) {
    let prefix = if color() {
        "\x1b[1;31merror\x1b[0m"
    } else {
        "error"
    };
    eprintln!("{prefix}: {message}");
}

/// `note: ...` in cyan.
pub fn note(message: impl std::fmt::Display) {
    let prefix = if color() {
        "\x1b[1;36mnote\x1b[0m"
    } else {
        "note"
    };
    eprintln!("{prefix}: {message}");
}

/// A long step: its status line, then a spinner with the elapsed time until it ends (on a
/// terminal only; elsewhere the status line alone).
pub struct Step {
    done: Arc<AtomicBool>,
    spinner: Option<JoinHandle<()>>,
    started: Instant,
}

impl Step {
    /// Starts a step: prints `word message`.
    pub fn start(word: &str, message: impl std::fmt::Display) -> Step {
        status(word, message);
        let done = Arc::new(AtomicBool::new(false));
        let spinner = std::io::stderr().is_terminal().then(|| {
            let done = Arc::clone(&done);
            let started = Instant::now();
            std::thread::spawn(move || {
                let frames = ['|', '/', '-', '\\'];
                let mut frame = 0;
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(120));
                    if done.load(Ordering::Relaxed) {
                        break;
                    }
                    let elapsed = started.elapsed().as_secs();
                    eprint!("\r{:>12} {elapsed}s ", frames[frame % frames.len()]);
                    let _ = std::io::stderr().flush();
                    frame += 1;
                }
                eprint!("\r\x1b[2K");
                let _ = std::io::stderr().flush();
            })
        });
        Step {
            done,
            spinner,
            started: Instant::now(),
        }
    }

    /// The time since the step started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Ends the spinner.
    pub fn finish(mut self) -> Duration {
        self.stop();
        self.started.elapsed()
    }

    fn stop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(spinner) = self.spinner.take() {
            let _ = spinner.join();
        }
    }
}

impl Drop for Step {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `1.2s` or `45ms`.
pub fn duration(duration: Duration) -> String {
    if duration.as_secs() >= 1 {
        format!("{:.2}s", duration.as_secs_f64())
    } else {
        format!("{}ms", duration.as_millis())
    }
}

/// `87,430 bytes`.
pub fn bytes(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out + " bytes"
}

#[cfg(test)]
mod tests {
    #[test]
    fn bytes_have_thousands_separators() {
        assert_eq!(super::bytes(87_430), "87,430 bytes");
        assert_eq!(super::bytes(999), "999 bytes");
        assert_eq!(super::bytes(1_000_000), "1,000,000 bytes");
    }
}
