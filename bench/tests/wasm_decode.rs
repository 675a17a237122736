//! Decoding an event's payload in the browser, from the SDK's JS object to the handler:
//! `JSON.stringify` + `serde_json` (what `desk_runtime::browser` does) against
//! `serde-wasm-bindgen` and against handing the raw `JsValue` over (BENCHMARKS.md, section 4).
//!
//! ```sh
//! CHROMEDRIVER=$(command -v chromedriver) cargo test --release -p desk-bench \
//!   --target wasm32-unknown-unknown --test wasm_decode -- --nocapture
//! ```
//!
//! For each of the three payloads (the reference's samples of `ticket_status.changed`,
//! `call.ringing` and `ticket_assignee.changed`, `JSON.parse`d once into a JS object), each
//! variant is a wasm-bindgen `Closure` like the one the host registers with
//! `App.instance.on`; a JS loop calls it with the payload `n` times between two
//! `performance.now()`. The variants:
//!
//! - `json`: `JSON.stringify`, then `<T as Payload>::decode` (`serde_json`): the host's path;
//! - `json (A/A)`: the same code again, a second closure: the resolution of the ratios;
//! - `swb`: `serde_wasm_bindgen::from_value::<T>`;
//! - `raw`: the `JsValue` itself, one field read with `js_sys::Reflect` (the keys made JS
//!   strings once), copied into a Rust `String`: the floor;
//! - `stringify`: `JSON.stringify` alone (how much of `json` is spent before serde).
//!
//! The typed variants hand the payload to the same handler, which keeps one field (the status,
//! the caller's number, the agent's full name); `raw` reads that same field. Rounds run every
//! variant once, each a batch of about 5 ms (`n` calibrated once per payload on the slowest,
//! after ~100 ms of warm-up of each), in an order rotated every round; the table gives the
//! medians of µs per event and the medians of the per-round ratios to `json`, with their
//! 25th-75th percentiles. No timing is asserted. `WASM_BENCH_ROUNDS` (read when compiling)
//! sets the rounds, 61 by default (~8 s); past ~150, raise `WASM_BINDGEN_TEST_TIMEOUT`
//! (seconds, 20 by default) too.
//!
//! The other test checks that `serde-wasm-bindgen` decodes every sample of every serde payload
//! type into the value `serde_json` gives.
#![cfg(target_arch = "wasm32")]

use desk_runtime::events::{
    CallAnswered, CallCompleted, CallRinging, Click2Call, CommunityTopicLoaded, PageChange,
    Payload, TaskCompleted, TicketAssigneeChanged, TicketAssistClick, TicketClassificationChanged,
    TicketCommentAdd, TicketCustomFieldsChanged, TicketDueDateChanged, TicketIsSpamChanged,
    TicketOwnerChanged, TicketPhoneChanged, TicketPriorityChanged, TicketProductNameChanged,
    TicketReplyEditorOpened, TicketReplyEditorTemplateLoaded, TicketShift, TicketStatusChanged,
    UserPreferenceChanged,
};
use js_sys::{JSON, Reflect};
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::fmt::{Debug, Write};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = "
export function time_batch(callback, payload, n) {
  const start = performance.now();
  for (let i = 0; i < n; i++) callback(payload);
  return performance.now() - start;
}
export function isolated() { return globalThis.crossOriginIsolated === true; }
export function user_agent() { return navigator.userAgent; }
")]
extern "C" {
    /// Milliseconds for `n` calls of `callback(payload)`, timed in JS.
    fn time_batch(callback: &Closure<dyn FnMut(JsValue)>, payload: &JsValue, n: u32) -> f64;
    /// Cross-origin isolated pages get a 5 µs `performance.now()`, others 100 µs.
    fn isolated() -> bool;
    fn user_agent() -> String;
}

/// What the handlers keep, so that nothing is optimized away.
#[derive(Default)]
struct Kept {
    last: Option<String>,
    events: u64,
    failures: u64,
}

type Shared = Rc<RefCell<Kept>>;
type Callback = Closure<dyn FnMut(JsValue)>;

/// A payload type, the field its handler keeps, and the path to that field in the JS object.
trait Bench: Payload + DeserializeOwned + 'static {
    const EVENT: &'static str;
    const LABEL: &'static str;
    const PATH: &'static [&'static str];
    fn keep(self) -> Option<String>;
}

impl Bench for TicketStatusChanged {
    const EVENT: &'static str = "ticket_status.changed";
    const LABEL: &'static str = "small";
    const PATH: &'static [&'static str] = &["ticket.status"];
    fn keep(self) -> Option<String> {
        Some(self.status)
    }
}

impl Bench for CallRinging {
    const EVENT: &'static str = "call.ringing";
    const LABEL: &'static str = "flat";
    const PATH: &'static [&'static str] = &["number"];
    fn keep(self) -> Option<String> {
        Some(self.number)
    }
}

impl Bench for TicketAssigneeChanged {
    const EVENT: &'static str = "ticket_assignee.changed";
    const LABEL: &'static str = "nested";
    const PATH: &'static [&'static str] = &["ticket.owner", "agent", "fullName"];
    fn keep(self) -> Option<String> {
        self.owner.agent.map(|agent| agent.full_name)
    }
}

fn handle<T: Bench>(kept: &Shared, decoded: Option<T>) {
    let mut kept = kept.borrow_mut();
    kept.events += 1;
    match decoded {
        Some(payload) => kept.last = payload.keep(),
        None => kept.failures += 1,
    }
}

fn stringify(payload: &JsValue) -> String {
    JSON::stringify(payload)
        .ok()
        .and_then(|json| json.as_string())
        .unwrap_or_default()
}

/// The host's path: `JSON.stringify`, then `Payload::decode`.
fn via_json<T: Bench>(kept: &Shared) -> Callback {
    let kept = Rc::clone(kept);
    Closure::new(move |payload: JsValue| {
        let json = stringify(&payload);
        handle::<T>(&kept, T::decode(T::EVENT, &json).ok());
    })
}

fn via_swb<T: Bench>(kept: &Shared) -> Callback {
    let kept = Rc::clone(kept);
    Closure::new(move |payload: JsValue| {
        handle::<T>(&kept, serde_wasm_bindgen::from_value::<T>(payload).ok());
    })
}

fn raw<T: Bench>(kept: &Shared) -> Callback {
    let kept = Rc::clone(kept);
    // The keys as JS strings once, not one UTF-8 to JS conversion per event.
    let path: Vec<JsValue> = T::PATH.iter().map(|key| JsValue::from_str(key)).collect();
    Closure::new(move |payload: JsValue| {
        let mut value = payload;
        for key in &path {
            value = Reflect::get(&value, key).unwrap_or(JsValue::UNDEFINED);
        }
        let mut kept = kept.borrow_mut();
        kept.events += 1;
        kept.last = value.as_string();
    })
}

fn stringify_only(kept: &Shared) -> Callback {
    let kept = Rc::clone(kept);
    Closure::new(move |payload: JsValue| {
        let json = stringify(&payload);
        let mut kept = kept.borrow_mut();
        kept.events += 1;
        kept.last = Some(json);
    })
}

fn sample_object(event: &str) -> JsValue {
    let json = desk_runtime::samples::sample(event).expect("a sample");
    JSON::parse(&json).expect("the sample is JSON")
}

fn rounds() -> usize {
    option_env!("WASM_BENCH_ROUNDS")
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(61)
}

/// Nearest-rank percentile.
fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[rank]
}

/// Batch length in ms.
const BATCH_MS: f64 = 5.0;

/// Warm-up of each variant before sizing the batches, in ms.
const WARM_UP_MS: f64 = 100.0;

/// Names of the variants, in the order of [`variants`].
const VARIANTS: [&str; 5] = ["json", "json (A/A)", "swb", "raw", "stringify"];

fn variants<T: Bench>(kept: &Shared) -> [Callback; 5] {
    [
        via_json::<T>(kept),
        via_json::<T>(kept),
        via_swb::<T>(kept),
        raw::<T>(kept),
        stringify_only(kept),
    ]
}

/// One payload's row: median µs/event per variant, and median (p25, p75) of the per-round
/// ratios of each variant to `json`.
struct Row {
    event: &'static str,
    label: &'static str,
    iterations: u32,
    us: Vec<f64>,
    ratios: Vec<(f64, f64, f64)>,
}

fn measure<T: Bench>() -> Row {
    let kept = Shared::default();
    let callbacks = variants::<T>(&kept);
    let payload = sample_object(T::EVENT);
    // Warm up (the engine compiles hot wasm and JS again, optimized): ~100 ms of each.
    for callback in &callbacks {
        let mut spent = 0.0;
        while spent < WARM_UP_MS {
            spent += time_batch(callback, &payload, 64);
        }
    }
    // Size: double n until the slowest variant takes a batch.
    let mut n: u32 = 16;
    let slowest_ms = loop {
        let slowest = callbacks
            .iter()
            .map(|callback| time_batch(callback, &payload, n))
            .fold(0.0, f64::max);
        if slowest >= BATCH_MS || n >= 1 << 24 {
            break slowest / f64::from(n);
        }
        n *= 2;
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let iterations = ((BATCH_MS / slowest_ms.max(1e-9)) as u32).max(1);
    let rounds = rounds();
    let mut us = vec![Vec::with_capacity(rounds); callbacks.len()];
    let mut ratios = vec![Vec::with_capacity(rounds); callbacks.len()];
    for round in 0..rounds {
        let mut times = [0.0; 5];
        for step in 0..callbacks.len() {
            let which = (round + step) % callbacks.len();
            times[which] = time_batch(&callbacks[which], &payload, iterations);
        }
        for (which, &ms) in times.iter().enumerate() {
            us[which].push(ms * 1000.0 / f64::from(iterations));
            ratios[which].push(ms / times[0]);
        }
    }
    let kept = kept.borrow();
    assert_eq!(
        kept.failures,
        0,
        "{}: a typed variant failed to decode",
        T::EVENT
    );
    assert!(kept.events > 0 && kept.last.is_some());
    Row {
        event: T::EVENT,
        label: T::LABEL,
        iterations,
        us: us.iter().map(|v| percentile(v, 0.5)).collect(),
        ratios: ratios
            .iter()
            .map(|v| (percentile(v, 0.5), percentile(v, 0.25), percentile(v, 0.75)))
            .collect(),
    }
}

#[wasm_bindgen_test]
fn decode_times() {
    let rows = [
        measure::<TicketStatusChanged>(),
        measure::<CallRinging>(),
        measure::<TicketAssigneeChanged>(),
    ];
    let mut table = format!(
        "\n{}; crossOriginIsolated: {}; {} rounds of ~{BATCH_MS} ms batches\n\n",
        user_agent(),
        isolated(),
        rounds()
    );
    table += "| payload | n/batch |";
    for name in VARIANTS {
        let _ = write!(table, " {name} µs |");
    }
    for name in &VARIANTS[1..] {
        let _ = write!(table, " {name}/json (p25-p75) |");
    }
    table += "\n|---|---:|";
    table += &"---:|".repeat(2 * VARIANTS.len() - 1);
    for row in &rows {
        let _ = write!(
            table,
            "\n| `{}` ({}) | {} |",
            row.event, row.label, row.iterations
        );
        for us in &row.us {
            let _ = write!(table, " {us:.2} |");
        }
        for (median, p25, p75) in &row.ratios[1..] {
            let _ = write!(table, " {median:.3} ({p25:.3}-{p75:.3}) |");
        }
    }
    console_log!("{table}\n");
}

/// Whether serde-wasm-bindgen decodes `event`'s sample into what `Payload::decode`
/// (`serde_json`) gives; what differs otherwise.
fn same_value<T: Payload + DeserializeOwned + PartialEq + Debug>(event: &str) -> Option<String> {
    let json = desk_runtime::samples::sample(event).expect("a sample");
    let by_json = match T::decode(event, &json) {
        Ok(value) => value,
        Err(error) => return Some(format!("{event}: serde_json refuses the sample: {error}")),
    };
    match serde_wasm_bindgen::from_value::<T>(JSON::parse(&json).expect("JSON")) {
        Ok(by_swb) if by_swb == by_json => None,
        Ok(by_swb) => Some(format!("{event}: {by_swb:?} != {by_json:?}")),
        Err(error) => Some(format!("{event}: serde-wasm-bindgen: {error}")),
    }
}

#[wasm_bindgen_test]
fn serde_wasm_bindgen_decodes_every_sample_alike() {
    let differences: Vec<String> = [
        same_value::<TicketCommentAdd>("ticket_comment.add"),
        same_value::<TicketReplyEditorOpened>("ticket_replyEditor.opened"),
        same_value::<TicketCustomFieldsChanged>("ticket_customFields.changed"),
        same_value::<TaskCompleted>("task_Completed"),
        same_value::<CommunityTopicLoaded>("community.topic.loaded"),
        same_value::<TicketAssigneeChanged>("ticket_assignee.changed"),
        same_value::<TicketOwnerChanged>("ticket_owner.changed"),
        same_value::<PageChange>("pageChange"),
        same_value::<TicketReplyEditorTemplateLoaded>("ticket_replyEditor_template.loaded"),
        same_value::<TicketShift>("ticket_Shift"),
        same_value::<TicketDueDateChanged>("ticket_dueDate.changed"),
        same_value::<TicketPriorityChanged>("ticket_priority.changed"),
        same_value::<TicketClassificationChanged>("ticket_classification.changed"),
        same_value::<TicketProductNameChanged>("ticket_productName.changed"),
        same_value::<TicketPhoneChanged>("ticket_phone.changed"),
        same_value::<TicketStatusChanged>("ticket_status.changed"),
        same_value::<TicketIsSpamChanged>("ticket_isSpam.changed"),
        same_value::<TicketAssistClick>("ticket_assist.click"),
        same_value::<UserPreferenceChanged>("user_preference.changed"),
        same_value::<CallRinging>("call.ringing"),
        same_value::<CallAnswered>("call.answered"),
        same_value::<CallCompleted>("call.completed"),
        same_value::<Click2Call>("click2Call"),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(differences.is_empty(), "{differences:#?}");
    console_log!("serde-wasm-bindgen decodes all 23 serde payload samples as serde_json does");
}
