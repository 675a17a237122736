//! The ratio table of BENCHMARKS.md: the DSL's dispatch against the hand-written one, and
//! `events::decode` against the same decoding by hand, measured in interleaved rounds.
//!
//! `cargo bench -p desk-bench --bench ratios` (`RATIO_ROUNDS=101` for more rounds than the 41 by default).
//!
//! On a shared, noisy machine absolute timings drift by tens of percent within a minute, so A
//! and B are never timed minutes apart: each round times a batch of A then a batch of B (B then
//! A on odd rounds, so neither always runs second), both batches about 5 ms long. The
//! table gives the median ns/event of each over the rounds, and the median of the per-round
//! ratios B/A, whose spread (25th-75th percentile) is printed beside it.
//!
//! Run by `cargo test --benches` (without `--bench`), it only checks that every pair runs.

use desk_bench::{EVENTS, hand_decode, hand_widget, hand_widget_twin, macro_widget};
use desk_runtime::events::{
    CallRinging, Payload, TicketAssigneeChanged, TicketStatusChanged, decode,
};
use serde::de::DeserializeOwned;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// How a run is sized.
#[derive(Clone, Copy)]
struct Plan {
    rounds: usize,
    /// Each batch runs this long (the iteration count is calibrated once per pair).
    batch: Duration,
    /// `cargo test`: one tiny round, nothing calibrated.
    smoke: bool,
}

/// The medians of one A/B comparison.
struct Comparison {
    a_ns: f64,
    b_ns: f64,
    /// Median of the per-round ratios `a / b`, and their 25th and 75th percentiles.
    ratio: f64,
    ratio_p25: f64,
    ratio_p75: f64,
    iterations: u64,
}

fn median(values: &mut [f64]) -> f64 {
    percentile(values, 0.5)
}

fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    // Nearest rank: the values are few, interpolating would only pretend to more precision.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((values.len() - 1) as f64 * p).round() as usize;
    values[rank]
}

/// ns per iteration of `iterations` runs of `f`.
fn batch(iterations: u64, f: &mut impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    #[allow(clippy::cast_precision_loss)]
    let ns = start.elapsed().as_nanos() as f64 / iterations as f64;
    ns
}

/// Enough iterations of the slower of `a` and `b` to fill `plan.batch`.
fn calibrate(plan: Plan, a: &mut impl FnMut(), b: &mut impl FnMut()) -> u64 {
    if plan.smoke {
        return 10;
    }
    // Warm both up (caches, allocator) for about a batch each, then size from the slower.
    let mut iterations = 16;
    loop {
        let started = Instant::now();
        batch(iterations, a);
        batch(iterations, b);
        if started.elapsed() >= plan.batch {
            break;
        }
        iterations *= 2;
    }
    let slower = batch(iterations, a).max(batch(iterations, b)).max(1.0);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let sized = (plan.batch.as_nanos() as f64 / slower) as u64;
    sized.max(1)
}

/// A and B in interleaved rounds.
fn compare(plan: Plan, mut a: impl FnMut(), mut b: impl FnMut()) -> Comparison {
    let iterations = calibrate(plan, &mut a, &mut b);
    let (mut a_ns, mut b_ns, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..plan.rounds {
        let (ta, tb) = if round % 2 == 0 {
            let ta = batch(iterations, &mut a);
            (ta, batch(iterations, &mut b))
        } else {
            let tb = batch(iterations, &mut b);
            (batch(iterations, &mut a), tb)
        };
        a_ns.push(ta);
        b_ns.push(tb);
        ratios.push(ta / tb);
    }
    Comparison {
        a_ns: median(&mut a_ns),
        b_ns: median(&mut b_ns),
        ratio: median(&mut ratios),
        ratio_p25: percentile(&mut ratios, 0.25),
        ratio_p75: percentile(&mut ratios, 0.75),
        iterations,
    }
}

/// The comparisons of one payload: dispatch macro/hand, dispatch twin/hand (the A/A control),
/// `events::decode` against a by-name decoder written by hand, `Payload::decode` against
/// `serde_json::from_str`.
fn payload<T: Payload + DeserializeOwned>(plan: Plan, event: &str) -> [Comparison; 4] {
    let json = desk_runtime::samples::sample(event).expect("a sample for every event");
    let json: &str = &json;
    let mut by_macro = macro_widget::Panel::default();
    let mut by_hand = hand_widget::Panel::default();
    let dispatch = compare(
        plan,
        || {
            black_box(desk_bench::dispatch(
                &mut by_macro,
                black_box(event),
                black_box(json),
            ))
            .unwrap();
        },
        || {
            black_box(desk_bench::dispatch(
                &mut by_hand,
                black_box(event),
                black_box(json),
            ))
            .unwrap();
        },
    );
    assert_eq!(by_macro.state(), by_hand.state());
    let mut by_twin = hand_widget_twin::Panel::default();
    let control = compare(
        plan,
        || {
            black_box(desk_bench::dispatch(
                &mut by_twin,
                black_box(event),
                black_box(json),
            ))
            .unwrap();
        },
        || {
            black_box(desk_bench::dispatch(
                &mut by_hand,
                black_box(event),
                black_box(json),
            ))
            .unwrap();
        },
    );
    let events_decode = compare(
        plan,
        || {
            black_box(decode(black_box(event), black_box(json))).unwrap();
        },
        || {
            black_box(hand_decode::by_name(black_box(event), black_box(json))).unwrap();
        },
    );
    let payload_decode = compare(
        plan,
        || {
            black_box(T::decode(black_box(event), black_box(json))).unwrap();
        },
        || {
            black_box(hand_decode::decode::<T>(black_box(json))).unwrap();
        },
    );
    [dispatch, control, events_decode, payload_decode]
}

fn load() -> String {
    match std::fs::read_to_string("/proc/loadavg") {
        Ok(line) => line
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
        Err(_) => "unknown".into(),
    }
}

fn verdict(ratio: f64) -> &'static str {
    if ratio <= 1.05 { "yes" } else { "NO" }
}

fn main() {
    let smoke = !std::env::args().any(|arg| arg == "--bench");
    let rounds = std::env::var("RATIO_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(41);
    let plan = Plan {
        rounds: if smoke { 1 } else { rounds },
        batch: Duration::from_millis(5),
        smoke,
    };
    let started = Instant::now();
    let load_before = load();
    let results: Vec<(&str, [Comparison; 4])> = EVENTS
        .iter()
        .map(|&event| {
            let result = match event {
                "ticket_status.changed" => payload::<TicketStatusChanged>(plan, event),
                "call.ringing" => payload::<CallRinging>(plan, event),
                "ticket_assignee.changed" => payload::<TicketAssigneeChanged>(plan, event),
                _ => unreachable!("{event} is not one of desk_bench::EVENTS"),
            };
            (event, result)
        })
        .collect();
    if smoke {
        println!("ratios: 3 payloads x 4 pairs ran (smoke run; `cargo bench` measures)");
        return;
    }

    println!(
        "interleaved rounds: {} per pair, ~{} ms batches; load average before: {load_before}",
        plan.rounds,
        plan.batch.as_millis()
    );
    println!();
    println!(
        "| payload | macro dispatch ns/event | hand dispatch ns/event | macro/hand (p25-p75) | <= 1.05 | A/A: twin/hand (p25-p75) | iterations/batch |"
    );
    println!("|---|---:|---:|---:|:---:|---:|---:|");
    for (event, [dispatch, control, _, _]) in &results {
        println!(
            "| `{event}` | {:.0} | {:.0} | {:.3} ({:.3}-{:.3}) | {} | {:.3} ({:.3}-{:.3}) | {} |",
            dispatch.a_ns,
            dispatch.b_ns,
            dispatch.ratio,
            dispatch.ratio_p25,
            dispatch.ratio_p75,
            verdict(dispatch.ratio),
            control.ratio,
            control.ratio_p25,
            control.ratio_p75,
            dispatch.iterations
        );
    }
    println!();
    println!(
        "| payload | `events::decode` ns | by name, by hand ns | `events::decode` / by hand (p25-p75) | <= 1.05 | `Payload::decode` ns | `serde_json::from_str` ns | `Payload::decode` / `from_str` (p25-p75) |"
    );
    println!("|---|---:|---:|---:|:---:|---:|---:|---:|");
    for (event, [_, _, by_name, by_type]) in &results {
        println!(
            "| `{event}` | {:.0} | {:.0} | {:.3} ({:.3}-{:.3}) | {} | {:.0} | {:.0} | {:.3} ({:.3}-{:.3}) |",
            by_name.a_ns,
            by_name.b_ns,
            by_name.ratio,
            by_name.ratio_p25,
            by_name.ratio_p75,
            verdict(by_name.ratio),
            by_type.a_ns,
            by_type.b_ns,
            by_type.ratio,
            by_type.ratio_p25,
            by_type.ratio_p75,
        );
    }
    println!();
    println!(
        "took {:.1} s; load average after: {}",
        started.elapsed().as_secs_f64(),
        load()
    );
}
