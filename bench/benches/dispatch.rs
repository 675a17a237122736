//! Criterion: dispatch through the `#[desk_widget]` code against the hand-written `Widget`, and
//! `events::decode` against plain `serde_json`, one group per payload so that the functions
//! compared run side by side. `cargo bench -p desk-bench --bench dispatch`.
//!
//! Criterion's absolute numbers move with the machine's load; read the ratios within a group,
//! or the interleaved table of `benches/ratios.rs`.

use criterion::{Criterion, criterion_group, criterion_main};
use desk_bench::{EVENTS, hand_decode, hand_widget, hand_widget_twin, macro_widget};
use desk_runtime::events::{
    CallRinging, Payload, TicketAssigneeChanged, TicketStatusChanged, decode,
};
use serde::de::DeserializeOwned;
use std::hint::black_box;
use std::time::Duration;

fn payload(c: &mut Criterion, event: &'static str) {
    match event {
        "ticket_status.changed" => group::<TicketStatusChanged>(c, event),
        "call.ringing" => group::<CallRinging>(c, event),
        "ticket_assignee.changed" => group::<TicketAssigneeChanged>(c, event),
        _ => unreachable!("{event} is not one of desk_bench::EVENTS"),
    }
}

/// One group per payload: the dispatches (macro, hand, the hand-written twin), then the
/// three decodes.
fn group<T: Payload + DeserializeOwned>(c: &mut Criterion, event: &'static str) {
    let json = desk_runtime::samples::sample(event).expect("a sample for every event");
    let json: &str = &json;
    let mut group = c.benchmark_group(event);
    group
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));

    let mut by_macro = macro_widget::Panel::default();
    group.bench_function("dispatch/macro", |b| {
        b.iter(|| desk_bench::dispatch(&mut by_macro, black_box(event), black_box(json)));
    });
    let mut by_hand = hand_widget::Panel::default();
    group.bench_function("dispatch/hand", |b| {
        b.iter(|| desk_bench::dispatch(&mut by_hand, black_box(event), black_box(json)));
    });
    // The A/A control: an identical copy of the hand-written widget.
    let mut by_twin = hand_widget_twin::Panel::default();
    group.bench_function("dispatch/hand-twin", |b| {
        b.iter(|| desk_bench::dispatch(&mut by_twin, black_box(event), black_box(json)));
    });
    black_box((by_macro.state(), by_hand.state(), by_twin.state()));

    group.bench_function("decode/events::decode", |b| {
        b.iter(|| decode(black_box(event), black_box(json)));
    });
    group.bench_function("decode/Payload::decode", |b| {
        b.iter(|| T::decode(black_box(event), black_box(json)));
    });
    group.bench_function("decode/serde_json", |b| {
        b.iter(|| hand_decode::decode::<T>(black_box(json)));
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    for event in EVENTS {
        payload(c, event);
    }
}

criterion_group!(dispatch, benches);
criterion_main!(dispatch);
