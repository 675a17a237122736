//! Instructions per dispatch, macro against hand-written, for `valgrind --tool=callgrind`
//! (instruction counts do not drift with the machine's load as times do):
//!
//! ```sh
//! cargo build --release -p desk-bench --example instructions
//! for widget in none macro hand; do
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/instructions $widget ticket_status.changed
//! done
//! ```
//!
//! (`none` measures the program without dispatching: subtract it, divide by 100,000.)

use desk_runtime::Widget;
use std::hint::black_box;

const EVENTS: u32 = 100_000;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(widget), Some(event)) = (args.next(), args.next()) else {
        eprintln!("usage: instructions <none | macro | hand> <event>");
        std::process::exit(2);
    };
    let json = desk_runtime::samples::sample(&event).expect("an event of the reference");
    match widget.as_str() {
        "macro" => run(
            &mut desk_bench::macro_widget::Panel::default(),
            &event,
            &json,
        ),
        "hand" => run(
            &mut desk_bench::hand_widget::Panel::default(),
            &event,
            &json,
        ),
        _ => {}
    }
}

fn run(widget: &mut impl Widget, event: &str, json: &str) {
    for _ in 0..EVENTS {
        black_box(desk_bench::dispatch(
            widget,
            black_box(event),
            black_box(json),
        ))
        .expect("the sample decodes");
    }
}
