//! A headless Chromium driven over its debugging pipe (`--remote-debugging-pipe`: the Chrome
//! debugging protocol's JSON messages, each ended by a NUL byte, read on the browser's file
//! descriptor 3 and written on its 4), so that `cargo xtask startup` can emulate a network link
//! (`Network.emulateNetworkConditions`) and navigate from here, with no WebSocket client and no
//! driver in between.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// How long a command may take to be answered.
const ANSWER: Duration = Duration::from_secs(10);

/// A link Chromium's network emulation imposes on every request of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// Added between a request and its response's headers: the link's round trip.
    pub latency_ms: u64,
    /// Bandwidth, each way.
    pub bits_per_second: u64,
}

/// `Network.emulateNetworkConditions`'s parameters for `link`: its latency, its bandwidth in
/// bytes a second each way; `None` turns the emulation off (-1: no limit).
fn conditions(link: Option<Link>) -> Value {
    link.map_or_else(
        || json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        |link| {
            #[allow(clippy::cast_precision_loss)]
            let bytes = link.bits_per_second as f64 / 8.0;
            json!({
                "offline": false,
                "latency": link.latency_ms,
                "downloadThroughput": bytes,
                "uploadThroughput": bytes,
            })
        },
    )
}

/// A Chromium this task started, with its page's debugging session.
pub struct Chromium {
    child: Child,
    commands: ChildStdin,
    answers: Receiver<Value>,
    session: String,
    id: u64,
}

impl Chromium {
    /// Starts `chromium` headless with `args` on a blank page, in a process group of its own (so
    /// that ending it ends its helpers), and attaches to that page.
    pub fn launch(chromium: &Path, args: &[String]) -> Result<Chromium, String> {
        // The shell gives Chromium the pipes on the descriptors it reads and writes (3 and 4),
        // which `Command` cannot do without `unsafe`, then becomes it.
        let mut child = Command::new("sh")
            .args(["-c", "exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>/dev/null"])
            .arg(chromium)
            .args(args)
            .args(["--remote-debugging-pipe", "about:blank"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", chromium.display()))?;
        let (Some(commands), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            return Err("Chromium's debugging pipe is not there".to_owned());
        };
        // Every message is read as it comes (events too, which are dropped), so that Chromium
        // never waits on a full pipe.
        let (sender, answers) = mpsc::channel();
        std::thread::spawn(move || {
            let mut output = BufReader::new(output);
            let mut message = Vec::new();
            while output.read_until(0, &mut message).unwrap_or(0) > 0 {
                message.pop_if(|byte| *byte == 0);
                if let Ok(value) = serde_json::from_slice::<Value>(&message)
                    && value.get("id").is_some()
                    && sender.send(value).is_err()
                {
                    break;
                }
                message.clear();
            }
        });
        let mut browser = Chromium {
            child,
            commands,
            answers,
            session: String::new(),
            id: 0,
        };
        match browser.attach() {
            Ok(session) => {
                browser.session = session;
                Ok(browser)
            }
            Err(error) => {
                browser.end();
                Err(error)
            }
        }
    }

    /// The session of the blank page Chromium opened (it may take a moment to be listed).
    fn attach(&mut self) -> Result<String, String> {
        for _ in 0..100 {
            let targets = self.send(None, "Target.getTargets", &json!({}))?;
            let page = targets["targetInfos"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|target| target["type"] == "page");
            if let Some(page) = page {
                let attached = self.send(
                    None,
                    "Target.attachToTarget",
                    &json!({ "targetId": page["targetId"], "flatten": true }),
                )?;
                return attached["sessionId"]
                    .as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("Target.attachToTarget answered {attached}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err("Chromium opened no page within 5 s".to_owned())
    }

    /// Sends a command (to the page's session, or the browser's) and waits for its answer.
    fn send(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: &Value,
    ) -> Result<Value, String> {
        self.id += 1;
        let mut command = json!({ "id": self.id, "method": method, "params": params });
        if let Some(session) = session {
            command["sessionId"] = json!(session);
        }
        let mut bytes = command.to_string().into_bytes();
        bytes.push(0);
        self.commands
            .write_all(&bytes)
            .and_then(|()| self.commands.flush())
            .map_err(|e| format!("{method}: Chromium's debugging pipe: {e}"))?;
        loop {
            let answer = self
                .answers
                .recv_timeout(ANSWER)
                .map_err(|_| format!("{method}: no answer from Chromium"))?;
            if answer["id"] == self.id {
                return match answer.get("error") {
                    Some(error) => Err(format!("{method}: {error}")),
                    None => Ok(answer["result"].clone()),
                };
            }
        }
    }

    /// Imposes `link` on the page's requests from now on (`None`: no emulation).
    pub fn emulate(&mut self, link: Option<Link>) -> Result<(), String> {
        let session = self.session.clone();
        self.send(
            Some(&session),
            "Network.emulateNetworkConditions",
            &conditions(link),
        )
        .map(|_| ())
    }

    /// Navigates the page to `url` (without waiting for it to load).
    pub fn navigate(&mut self, url: &str) -> Result<(), String> {
        let session = self.session.clone();
        let answer = self.send(Some(&session), "Page.navigate", &json!({ "url": url }))?;
        match answer["errorText"].as_str() {
            Some(error) => Err(format!("{url}: {error}")),
            None => Ok(()),
        }
    }

    /// Ends the browser and its process group.
    pub fn end(mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-TERM", "--", &group])
            .stderr(Stdio::null())
            .status();
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::{Link, conditions};
    use serde_json::json;

    #[test]
    fn a_link_is_emulated_in_bytes_a_second_and_none_turns_it_off() {
        let link = Link {
            latency_ms: 40,
            bits_per_second: 10_000_000,
        };
        assert_eq!(
            conditions(Some(link)),
            json!({ "offline": false, "latency": 40, "downloadThroughput": 1_250_000.0,
                    "uploadThroughput": 1_250_000.0 })
        );
        assert_eq!(conditions(None)["downloadThroughput"], -1);
        assert_eq!(conditions(None)["latency"], 0);
    }
}
