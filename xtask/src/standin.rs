//! Pages that `cargo desk serve` answers with, in headless Chromium, on the SDK stand-in: the
//! page loads Desk's SDK from its real address, which Chromium resolves to a local HTTPS server
//! answering with the stand-in (`desk-runtime/tests/support/zohodesk-sdk-standin.js`) as a
//! classic script, as the real SDK is. It installs itself with the browser test's Desk and the
//! page's location (the `App`'s, as Desk gives it: each telephony page's, by its path), plays
//! the browser test's events once the widget has subscribed, then clicks the page's first
//! button, and sends a ticket reply (the `ticket.reply` hook). The served page is not changed: what Desk's developer mode would load, loaded.

use crate::browser::{config, plan};
use crate::tools::{find, target_dir};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

const STAND_IN: &str = include_str!("../../desk-runtime/tests/support/zohodesk-sdk-standin.js");

/// The SDK's host, as pages name it.
const SDK_HOST: &str = "js.zohostatic.com";

/// The stand-in as a classic script that installs itself, plays the plan, then clicks.
fn script() -> String {
    // Desk gives each page its location's `App`: the stand-in (served whatever the path) looks
    // the page's location up by the page's own path.
    let locations: serde_json::Map<String, Value> = telephony_widget::EXTENSION
        .pages()
        .map(|page| (format!("/app/{}.html", page.page), page.location.into()))
        .collect();
    let events: Vec<Value> = plan()
        .into_iter()
        .map(|(event, payload)| match payload {
            Some(payload) => json!([event, payload]),
            None => json!([event]),
        })
        .collect();
    // The agent sends a reply to the ticket: Desk asks the widgets that hook it.
    let reply = json!({
        "toAddress": "lee@example.com", "fromAddress": "support@example.com", "ccAddress": "",
        "ticketId": "901080000005819", "ticketSubject": "Printer on fire", "threadId": "1",
        "content": "<p>On it</p>",
    });
    format!(
        "(function () {{\n{}\nconst desk = {};\n\
         desk.location = {}[window.location.pathname];\n\
         install(desk);\nloaded().then(() => play({})).then(() => {{\n\
         const button = document.querySelector(\"[data-click]\");\n\
         if (button) button.click();\n\
         return attempt(\"ticket.reply\", {reply});\n}});\n}})();\n",
        STAND_IN.replace("export ", ""),
        config(),
        Value::Object(locations),
        Value::Array(events),
    )
}

/// Serves the stand-in over HTTPS, whatever the path, from a background thread; its address.
/// The certificate is `cargo desk serve`'s (Chromium is told to accept any).
pub fn start() -> Result<SocketAddr, String> {
    let dir = target_dir().join("desk-standin");
    let (cert, key) = cargo_desk::serve::certificate(&dir).map_err(|e| e.message)?;
    let config = cargo_desk::serve::tls_config(&cert, &key).map_err(|e| e.message)?;
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let body = script();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (config, body) = (Arc::clone(&config), body.clone());
            std::thread::spawn(move || {
                let Ok(connection) = rustls::ServerConnection::new(config) else {
                    return;
                };
                let mut tls = rustls::StreamOwned::new(connection, stream);
                let mut reader = BufReader::new(&mut tls);
                let mut line = String::new();
                // The request's head, dropped: every path is the SDK.
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/javascript\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n",
                    body.len()
                );
                let _ = tls.write_all(head.as_bytes());
                let _ = tls.write_all(body.as_bytes());
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    Ok(address)
}

/// Headless Chromium on `url`, the SDK's host resolved to the stand-in at `sdk`, certificates
/// not checked (both servers' are self-signed), with `args` (`--dump-dom`, ...).
pub fn chromium(url: &str, sdk: SocketAddr, profile: &str, args: &[&str]) -> Result<Child, String> {
    let profile: PathBuf = target_dir().join(profile);
    let _ = std::fs::remove_dir_all(&profile);
    Command::new(find("chromium", "CHROMIUM")?)
        .args(["--headless", "--no-sandbox", "--disable-gpu"])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
        ])
        .args([
            "--disable-sync",
            "--no-first-run",
            "--ignore-certificate-errors",
        ])
        .arg(format!("--host-rules=MAP {SDK_HOST} {sdk}"))
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run chromium: {e}"))
}
