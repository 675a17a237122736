//! The differential test's browser half: every script that `tests/differential.rs` ran on the
//! simulated Desk runs on the browser host in headless Chromium, on the SDK stand-in scripted to
//! answer as the simulated Desk did; what the two observe after every step must be identical.
//! Run by `cargo xtask differential`, which sets `DESK_DIFFERENTIAL` to the native half's file.
#![cfg(all(target_arch = "wasm32", feature = "browser"))]

#[path = "support/differential.rs"]
mod differential;

use desk_runtime::browser::Mount;
use differential::{Answer, Expected, Observed, SERVICE, Step, Subject, USER_EMAIL};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The scripts and what the simulated Desk observed.
const EXPECTED: &str = include_str!(env!("DESK_DIFFERENTIAL"));

#[wasm_bindgen(module = "/tests/support/zohodesk-sdk-standin.js")]
extern "C" {
    fn install(config: JsValue);
    fn fire(event: &str, payload: JsValue);
    #[wasm_bindgen(js_name = attempt)]
    fn attempt_hook(name: &str, payload: JsValue) -> js_sys::Promise;
    fn loaded() -> js_sys::Promise;
    #[wasm_bindgen(js_name = holdAll)]
    fn hold_all();
    #[wasm_bindgen(js_name = heldCount)]
    fn held_count() -> usize;
    #[wasm_bindgen(js_name = answerHeld)]
    fn answer_held(index: usize, outcome: JsValue) -> bool;
    #[wasm_bindgen(js_name = releaseHeld)]
    fn release_held();
    #[wasm_bindgen(js_name = madeCalls)]
    fn made_calls() -> String;
    #[wasm_bindgen(js_name = answers)]
    fn hook_answers() -> String;
}

#[wasm_bindgen(inline_js = r#"
// Every script mounts a widget on this one page: the click listeners of the widgets before it
// are removed, as a new page would have none.
const clickListeners = [];
const addEventListener = document.addEventListener.bind(document);
document.addEventListener = (type, listener, options) => {
  if (type === "click") clickListeners.push(listener);
  addEventListener(type, listener, options);
};
// How many times the host wrote `#app` since the last call.
let writes = 0;
let observer = null;
export function renders() { const count = writes; writes = 0; return count; }
export function page() {
  for (const listener of clickListeners.splice(0)) document.removeEventListener("click", listener);
  if (observer) observer.disconnect();
  for (const [tag, id] of [["main", "app"], ["ul", "errors"]]) {
    let element = document.getElementById(id);
    if (!element) { element = document.createElement(tag); element.id = id; document.body.appendChild(element); }
    element.innerHTML = "";
  }
  writes = 0;
  observer = new MutationObserver((records) => { writes += records.length; });
  observer.observe(document.getElementById("app"), { childList: true });
}
export function html(id) { return document.getElementById(id).innerHTML; }
// The agent clicks the element of `#app` whose `data-click` is `name`, if the page shows one.
export function click(name) {
  const element = document.querySelector(`#app [data-click="${name}"]`);
  if (element) element.click();
}
export function tick() { return new Promise((done) => setTimeout(done, 0)); }
"#)]
extern "C" {
    fn page();
    fn html(id: &str) -> String;
    fn click(name: &str);
    fn tick() -> js_sys::Promise;
    fn renders() -> usize;
}

/// Lets the host's promise callbacks and the stand-in's tasks (a modal's handshake) run.
async fn settle() {
    for _ in 0..6 {
        JsFuture::from(tick()).await.unwrap();
    }
}

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

/// The stand-in set up as the simulated Desk is (`tests/differential.rs`).
fn config() -> JsValue {
    json(
        &serde_json::json!({
            "location": "desk.extension.telephony",
            "data": { "user.email": USER_EMAIL },
            "requests": { SERVICE: { "status": 200, "body": { "ok": true } } },
            "widgets": [],
        })
        .to_string(),
    )
}

/// Every answer the page gave Desk's hooks, in order, as the simulated Desk writes them.
fn answers_given() -> Vec<String> {
    let asked: Vec<serde_json::Value> = serde_json::from_str(&hook_answers()).unwrap();
    asked
        .iter()
        .flat_map(|hook| hook["answers"].as_array().cloned().unwrap_or_default())
        .map(|answer| match (&answer["allowed"], &answer["denied"]) {
            (serde_json::Value::Bool(true), _) => "allow".to_owned(),
            (_, serde_json::Value::String(reason)) => format!("deny: {reason}"),
            _ => format!("unexpected: {answer}"),
        })
        .collect()
}

/// Runs one script on the browser host; the first step whose observation differs.
async fn run(script: &Expected) -> Result<(), String> {
    install(config());
    page();
    let outcomes = Rc::new(RefCell::new(Vec::new()));
    let seen = Rc::clone(&outcomes);
    Mount::new(Subject::default())
        .on_outcome(move |delivery| seen.borrow_mut().push(differential::outcome(delivery)))
        .start();
    JsFuture::from(loaded()).await.unwrap();
    settle().await;
    let (mut calls, mut answers) = (0, 0);
    renders();
    for (number, (step, expected)) in script.steps.iter().zip(&script.observed).enumerate() {
        match step {
            Step::Fire { event, payload } => {
                fire(event, payload.as_deref().map_or(JsValue::UNDEFINED, json));
            }
            Step::Attempt { hook, payload } => {
                JsFuture::from(attempt_hook(hook, json(payload)))
                    .await
                    .unwrap();
            }
            Step::Click { name } => click(name),
            Step::Hold => hold_all(),
            Step::Release => release_held(),
            Step::Answer { index, answer } => {
                let held = held_count();
                if held > 0 {
                    let outcome = match answer {
                        Answer::Usual => serde_json::json!({ "usual": true }),
                        Answer::Value(value) => serde_json::json!({
                            "resolve": serde_json::from_str::<serde_json::Value>(value).unwrap()
                        }),
                        Answer::Fail(message) => serde_json::json!({ "reject": message }),
                    };
                    answer_held(index % held, json(&outcome.to_string()));
                }
            }
        }
        settle().await;
        let made: Vec<Vec<serde_json::Value>> = serde_json::from_str(&made_calls()).unwrap();
        let observed = Observed {
            outcomes: std::mem::take(&mut *outcomes.borrow_mut()),
            calls: made[calls..]
                .iter()
                .map(|call| differential::call(call[0].as_str().unwrap(), &call[1..]))
                .collect(),
            hook_answers: answers_given()[answers..].to_vec(),
            renders: renders(),
            page: html("app"),
        };
        calls = made.len();
        answers += observed.hook_answers.len();
        if &observed != expected {
            return Err(format!(
                "seed {}, step {number} ({step:?}):\n  simulated Desk: {expected:?}\n  browser:        \
                 {observed:?}\n  replay: cargo xtask differential --seed {}",
                script.seed, script.seed
            ));
        }
    }
    Ok(())
}

#[wasm_bindgen_test]
async fn every_script_observes_in_the_browser_what_it_observed_on_the_simulated_desk() {
    let scripts: Vec<Expected> = serde_json::from_str(EXPECTED).unwrap();
    let mut failures = Vec::new();
    for script in &scripts {
        if let Err(failure) = run(script).await {
            failures.push(failure);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scripts differ; the first:\n{}",
        failures.len(),
        scripts.len(),
        failures[0]
    );
    web_sys_log(&format!(
        "{} scripts observed the same on both hosts",
        scripts.len()
    ));
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = log)]
    fn web_sys_log(message: &str);
}
