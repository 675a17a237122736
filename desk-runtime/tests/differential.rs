//! The differential test's native half: scripts generated from seeds (events, edited and broken
//! payloads, Desk's answers held back, given out of order, failing, malformed or never, hooks,
//! clicks, messages, a modal) run on the simulated Desk, which records what it observed after
//! every step. `cargo xtask differential` then runs the same scripts on the browser host in
//! headless Chromium (`tests/differential_browser.rs`) and compares, step by step.
//!
//! `DESK_DIFFERENTIAL_SCRIPTS` scripts (default 40) from seed `DESK_DIFFERENTIAL_SEED` (default
//! 0) on; the observations go to `$CARGO_TARGET_TMPDIR/differential.json`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/differential.rs"]
mod differential;

use desk_runtime::sim::SimulatedDesk;
use differential::{Answer, Expected, Observed, SERVICE, Step, Subject, USER_EMAIL};
use serde_json::json;

/// A small, well-mixed generator (splitmix64): a seed gives the same script everywhere.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// An event's sample, as `JSON.stringify` writes it back (compact, keys in order).
fn sample(event: &str) -> serde_json::Value {
    serde_json::from_str(&desk_runtime::samples::sample(event).unwrap()).unwrap()
}

fn edited(event: &str, number: &str) -> String {
    let mut payload = sample(event);
    payload["number"] = json!(number);
    payload.to_string()
}

/// What Desk may answer a held call with, well formed or not.
const VALUES: &[&str] = &[
    r#"{"status":"failure","message":"not here"}"#,
    "{}",
    r#""text""#,
    "null",
    r#"{"result":false}"#,
    r#"{"value":"Log"}"#,
    r#"{"value":"Skip"}"#,
    r#"[{"location":"desk.ticket.detail.rightpanel","name":"Panel","url":"/app/panel.html","widgetID":"w-panel"}]"#,
    r#"{"status":"success","user.email":"bea@example.com"}"#,
];

fn step(random: &mut Seeded) -> Step {
    let fire = |event: &str, payload: Option<String>| Step::Fire {
        event: event.to_owned(),
        payload,
    };
    match random.below(16) {
        0..=1 => fire("call.ringing", Some(sample("call.ringing").to_string())),
        2 => fire("call.ringing", Some(edited("call.ringing", "<9&8>"))),
        3 => fire("call.ringing", Some(r#"{"number":42}"#.to_owned())),
        4 => fire("call.answered", Some(sample("call.answered").to_string())),
        5 => fire("call.completed", Some(edited("call.completed", "7"))),
        6 => {
            let note = random.pick(&[
                r#"{"text":"hi"}"#,
                r#"{"text":5}"#,
                r#"{"deskWidgets.chain":1,"message":{"text":"deep"},"origin":"call.ringing"}"#,
                r#"{"deskWidgets.chain":17,"message":{"text":"loop"},"origin":"call.ringing"}"#,
            ]);
            fire("test.note", Some((*note).to_owned()))
        }
        7 => Step::Attempt {
            hook: random.pick(&["ticket.reOpen", "ticket.reply"]).to_string(),
            payload: "{}".to_owned(),
        },
        8..=9 => Step::Click {
            name: random.pick(&["lookup", "confirm"]).to_string(),
        },
        10 => Step::Hold,
        11 => Step::Release,
        _ => Step::Answer {
            index: random.below(3),
            answer: match random.below(4) {
                0 => Answer::Usual,
                1 => Answer::Fail("Desk said no".to_owned()),
                _ => Answer::Value(random.pick(VALUES).to_string()),
            },
        },
    }
}

/// The script of `seed`.
fn script(seed: u64) -> Vec<Step> {
    let mut random = Seeded(seed);
    let length = 4 + random.below(20);
    (0..length).map(|_| step(&mut random)).collect()
}

/// The simulated Desk, set up as the stand-in is (`tests/differential_browser.rs`).
fn desk() -> SimulatedDesk<Subject> {
    let mut desk = SimulatedDesk::new(Subject::default());
    desk.rendering();
    desk.set_data("user.email", json!(USER_EMAIL));
    desk.answer_request("GET", SERVICE, 200, json!({ "ok": true }));
    for _ in 0..100 {
        desk.answer_popup(true);
    }
    desk.load().unwrap();
    desk
}

/// Runs `steps` on the simulated Desk: what it observed after each.
fn run(steps: &[Step]) -> Vec<Observed> {
    let mut desk = desk();
    let (mut outcomes, mut calls, mut answers, mut renders) = (0, 0, 0, desk.renders());
    let mut observed = Vec::new();
    for step in steps {
        // Refusals (an event Desk never sends, a button the page does not show) are no events:
        // both hosts are compared on what they then do.
        match step {
            Step::Fire { event, payload } => {
                let _ = match payload {
                    Some(payload) => desk.fire(event, payload),
                    None => desk.fire_without_payload(event),
                };
            }
            Step::Attempt { hook, payload } => {
                let _ = desk.attempt(hook, payload);
            }
            Step::Click { name } => {
                let _ = desk.click(name);
            }
            Step::Hold => desk.hold_answers(),
            Step::Release => desk.release_answers(),
            Step::Answer { index, answer } => {
                let held = desk.held_answers();
                if held > 0 {
                    let index = index % held;
                    match answer {
                        Answer::Usual => {
                            // The simulated Desk's own answer, out of order: release it alone.
                            desk.release_answer(index);
                        }
                        Answer::Value(json) => {
                            desk.answer_held(index, Ok(serde_json::from_str(json).unwrap()));
                        }
                        Answer::Fail(message) => {
                            desk.answer_held(index, Err(message.clone()));
                        }
                    }
                }
            }
        }
        let deliveries = desk.deliveries();
        let made = desk.calls();
        observed.push(Observed {
            outcomes: deliveries[outcomes..]
                .iter()
                .map(differential::outcome)
                .collect(),
            calls: made[calls..]
                .iter()
                .map(|call| differential::call(&call.function, &call.arguments))
                .collect(),
            hook_answers: desk.hook_answers()[answers..]
                .iter()
                .map(|(_, verdict)| differential::verdict(verdict))
                .collect(),
            renders: desk.renders() - renders,
            page: desk.shown().unwrap_or_default().to_owned(),
        });
        (outcomes, calls) = (deliveries.len(), made.len());
        (answers, renders) = (desk.hook_answers().len(), desk.renders());
    }
    observed
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

#[test]
fn scripts_run_on_the_simulated_desk_and_are_kept_for_the_browser() {
    let first = env_number("DESK_DIFFERENTIAL_SEED", 0);
    let count = env_number("DESK_DIFFERENTIAL_SCRIPTS", 40);
    let expected: Vec<Expected> = (first..first + count)
        .map(|seed| {
            let steps = script(seed);
            let observed = run(&steps);
            // The same script observes the same: the simulated Desk has no clock of its own.
            assert_eq!(observed, run(&steps), "seed {seed} ran twice differently");
            Expected {
                seed,
                steps,
                observed,
            }
        })
        .collect();
    // Every kind of step, and every kind of outcome, occurs.
    let all: String = expected
        .iter()
        .flat_map(|e| e.observed.iter().flat_map(|o| o.outcomes.iter()))
        .cloned()
        .collect();
    if count >= 40 {
        for kind in [
            "Handled",
            "Answered",
            "Decode",
            "Handler",
            "MessageLoop",
            "HookLate",
        ] {
            assert!(all.contains(kind), "no script led to {kind}");
        }
    }
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("differential.json");
    std::fs::write(&path, serde_json::to_string(&expected).unwrap()).unwrap();
}
