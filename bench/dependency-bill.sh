#!/usr/bin/env bash
# The dependency bill: clean-build times of the DSL's crates against the floor of their
# dependencies, each build in a fresh CARGO_TARGET_DIR (nothing shared), interleaved.
#
#   desk-macros   (desk-codegen, desk-catalog, strsim, syn 3, quote, proc-macro2), built through
#                 macros-build, an empty crate depending on it (see below)
#     vs macro-floor: an empty proc-macro crate on syn 3 ["full", "parsing", "printing",
#                     "clone-impls"] (no defaults), quote, proc-macro2, as the workspace has them
#   desk-runtime  (desk-macros and all the above, desk-catalog, serde, serde_json)
#     vs runtime-floor: an empty crate on serde (derive), serde_json, strsim
#
# macros-build, an empty proc-macro crate, builds desk-macros with proc-macro2's and quote's
# `proc-macro` feature, as any proc macro beside it in a widget's build does (serde_derive
# among them); macro-floor gets the same features, so that both sides build the same units.
# The floors live in target/compile-bench/floor, with the workspace's Cargo.lock, so both sides
# build the same versions. Debug profile (what `cargo build` and `cargo test` pay), the pinned
# toolchain. Then `cargo build --timings` of desk-runtime and of its floor says which crates the
# time goes to.
#
# Usage: bench/dependency-bill.sh   (ROUNDS=2 by default)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/target/compile-bench
FLOOR=$OUT/floor
ROUNDS=${ROUNDS:-2}
started=$EPOCHREALTIME
unset RUSTC_BOOTSTRAP RUSTFLAGS CARGO_INCREMENTAL CARGO_TARGET_DIR

load() { cut -d' ' -f1-3 /proc/loadavg; }
# Arithmetic on decimals (bash has integers only): calc "1.5 / 3".
calc() { awk "BEGIN { print $1 }"; }

mkdir -p "$FLOOR/macro-floor/src" "$FLOOR/runtime-floor/src" "$FLOOR/macros-build/src"
cat >"$FLOOR/Cargo.toml" <<'EOF'
[workspace]
members = ["macros-build", "macro-floor", "runtime-floor"]
resolver = "3"
EOF
cat >"$FLOOR/macros-build/Cargo.toml" <<EOF
[package]
name = "macros-build"
version = "0.0.0"
edition = "2024"
publish = false

# A proc-macro crate itself, so that its dependencies are host dependencies like desk-macros'
# and their features unify (resolver 2+ keeps host and target features apart).
[lib]
proc-macro = true

# desk-macros, with the proc-macro feature of proc-macro2 and quote that it needs to compile.
[dependencies]
desk-macros = { path = "$ROOT/desk-macros" }
proc-macro2 = { version = "1.0.107", default-features = false, features = ["proc-macro"] }
quote = { version = "1.0.47", default-features = false, features = ["proc-macro"] }
EOF
cat >"$FLOOR/macro-floor/Cargo.toml" <<'EOF'
[package]
name = "macro-floor"
version = "0.0.0"
edition = "2024"
publish = false

[lib]
proc-macro = true

# desk-macros' dependencies below desk-codegen, as the workspace declares them, with the
# proc-macro feature that macros-build turns on.
[dependencies]
proc-macro2 = { version = "1.0.107", default-features = false, features = ["proc-macro"] }
quote = { version = "1.0.47", default-features = false, features = ["proc-macro"] }
syn = { version = "3.0.10", default-features = false, features = ["full", "parsing", "printing", "clone-impls"] }
EOF
cat >"$FLOOR/runtime-floor/Cargo.toml" <<'EOF'
[package]
name = "runtime-floor"
version = "0.0.0"
edition = "2024"
publish = false

# desk-runtime's dependencies from crates.io (strsim through desk-catalog), as the workspace
# declares them.
[dependencies]
serde = { version = "1.0.229", default-features = false, features = ["std", "derive"] }
serde_json = { version = "1.0.154", default-features = false, features = ["std"] }
strsim = "0.11.1"
EOF
echo "//! The floor: nothing of its own." >"$FLOOR/macro-floor/src/lib.rs"
echo "//! The floor: nothing of its own." >"$FLOOR/runtime-floor/src/lib.rs"
echo "//! desk-macros, built." >"$FLOOR/macros-build/src/lib.rs"
[[ -f $FLOOR/Cargo.lock ]] || cp "$ROOT/Cargo.lock" "$FLOOR/Cargo.lock"

# The crates, each with the manifest it is built from.
CRATES=(macros-build macro-floor desk-runtime runtime-floor)
declare -A MANIFEST=(
    [macros-build]=$FLOOR/Cargo.toml [desk-runtime]=$ROOT/Cargo.toml
    [macro-floor]=$FLOOR/Cargo.toml [runtime-floor]=$FLOOR/Cargo.toml
)

# Resolve (and fetch, if ever needed) before timing anything.
for crate in "${CRATES[@]}"; do cargo fetch -q --manifest-path "${MANIFEST[$crate]}"; done

clean_build() {
    local crate=$1 dir
    dir=$(mktemp -d "$OUT/clean-XXXXXX")
    local t0=$EPOCHREALTIME
    CARGO_TARGET_DIR=$dir cargo build -q --manifest-path "${MANIFEST[$crate]}" -p "$crate"
    local t1=$EPOCHREALTIME
    rm -rf "$dir"
    calc "$t1 - $t0"
}

declare -A samples
echo "== $ROUNDS rounds of clean builds (load average: $(load); $(nproc) cores)"
for ((round = 0; round < ROUNDS; round++)); do
    for ((i = 0; i < ${#CRATES[@]}; i++)); do
        # Alternate the order within each pair from one round to the next.
        crate=${CRATES[$i]}
        if ((round % 2 == 1)); then crate=${CRATES[$((i ^ 1))]}; fi
        seconds=$(clean_build "$crate")
        samples[$crate]+="$seconds "
        printf '   round %d %-14s %6.1f s (load average: %s)\n' $((round + 1)) "$crate" "$seconds" "$(load)"
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mean() { tr ' ' '\n' | grep -v '^$' | awk '{ s += $1 } END { print s / NR }'; }

echo
echo "| crate | clean build s (mean of $ROUNDS) | its floor | floor s | ratio | extra s |"
echo "|---|---:|---|---:|---:|---:|"
for pair in macros-build:macro-floor desk-runtime:runtime-floor; do
    crate=${pair%%:*} floor=${pair##*:}
    c=$(mean <<<"${samples[$crate]}")
    f=$(mean <<<"${samples[$floor]}")
    printf '| %s | %.1f | %s | %.1f | %.2f | %.1f |\n' "$crate" "$c" "$floor" "$f" \
        "$(calc "$c / $f")" "$(calc "$c - $f")"
done

# Which crates the clean builds spend their time on (cargo's own timing data), desk-runtime's
# and its floor's.
for crate in desk-runtime runtime-floor; do
    echo
    echo "== cargo build --timings -p $crate, clean: the units that took longest"
    dir=$(mktemp -d "$OUT/clean-XXXXXX")
    CARGO_TARGET_DIR=$dir cargo build -q --timings --manifest-path "${MANIFEST[$crate]}" -p "$crate"
    python3 - "$dir"/cargo-timings/cargo-timing.html <<'EOF'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
total = max(u["start"] + u["duration"] for u in units)
print(f"wall clock {total:.1f} s, {len(units)} units; units of 0.3 s or more:")
print("| unit | features | start s | duration s |")
print("|---|---|---:|---:|")
for u in sorted(units, key=lambda u: -u["duration"]):
    if u["duration"] < 0.3:
        break
    target = u["target"].strip()
    target = f" ({target})" if target else ""
    features = ",".join(u["features"])
    print(f"| {u['name']} {u['version']}{target} | {features} | {u['start']:.2f} | {u['duration']:.2f} |")
EOF
    cp "$dir"/cargo-timings/cargo-timing.html "$OUT/$crate-timings.html"
    rm -rf "$dir"
    echo "(the full report: $OUT/$crate-timings.html)"
done

echo
echo "dependency-bill.sh took $(printf '%.0f' "$(calc "$EPOCHREALTIME - $started")") s; load average: $(load)"
