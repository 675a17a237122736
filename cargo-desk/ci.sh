#!/usr/bin/env bash
# cargo desk, end to end, as a new user on a machine without Node: install the tool, `cargo desk
# new` (a misspelt location refused, nothing created), `cargo test` in the new crate, `cargo desk
# pack` (no .wasm in the zip, the chosen location in its manifest, the official `zet validate`
# accepts its content, nothing of serve's scripts in it), `cargo desk serve` answering over HTTPS
# (the manifest, the page, and a build error served in place of the widget). The tool's own steps run with `node`, `npm`,
# `npx`, `zet`, `wasm-bindgen` and `wasm-opt` all failing.
#
# Run from the repository's root (.ci/run does, with CI=true). Reuses $CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
export CARGO_TERM_COLOR=never
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"

echo "== cargo-desk: install what the check needs"
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
for tool in curl python3; do
  if ! command -v "$tool" >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl python3 >/dev/null
  fi
done
# The official toolkit, only to cross-check the zip's content (users do not need it): CI's Node
# tools, as .ci/run installs them.
tools/install-node-tools
zet="$repo/.tools/node_modules/.bin/zet"

work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Every Node and wasm tool fails from here on, for the tool's own steps.
mkdir -p "$work/no-node"
for tool in node npm npx zet wasm-bindgen wasm-opt; do
  printf '#!/bin/sh\necho "%s: not on this machine (cargo desk must not need it)" >&2\nexit 127\n' \
    "$tool" >"$work/no-node/$tool"
  chmod +x "$work/no-node/$tool"
done
no_node_path="$work/no-node:$work/bin:$PATH"

echo "== cargo-desk: unit tests (validate's rules, new's refusals, serve's answers)"
cargo test --locked -p cargo-desk

echo "== cargo install --path cargo-desk"
start=$(date +%s)
cargo install --locked --quiet --path cargo-desk --root "$work"
echo "installed in $(($(date +%s) - start)) s"

cd "$work"
desk() { PATH="$no_node_path" cargo desk "$@"; }

echo "== cargo desk new, a misspelt location"
if desk new ticket-notes --location desk.ticket.detail.rightpanle 2>"$work/refused.txt"; then
  echo "a misspelt location was accepted" >&2; exit 1
fi
cat "$work/refused.txt"
grep -q 'did you mean `desk.ticket.detail.rightpanel`?' "$work/refused.txt"
[ ! -e ticket-notes ] || { echo "a refused new created ticket-notes" >&2; exit 1; }

echo "== cargo desk new"
location=desk.ticket.detail.subtab
desk new ticket-notes --location "$location"
cd ticket-notes

echo "== cargo test (the new crate)"
PATH="$no_node_path" cargo test

echo "== cargo desk pack"
desk pack
zip_file="$CARGO_TARGET_DIR/desk/ticket-notes.zip"
mkdir "$work/unzipped"
python3 - "$zip_file" "$work/unzipped" "$location" <<'EOF'
import json, sys, zipfile
archive, out, location = sys.argv[1:]
names = zipfile.ZipFile(archive).namelist()
print("\n".join(names))
assert not any(n.endswith(".wasm") for n in names), "a .wasm file in the zip"
# What `cargo desk serve` adds to pages (live reload, the recorder) is never packed.
for n in names:
    assert b"__desk/" not in zipfile.ZipFile(archive).read(n), "serve's scripts in " + n
assert "plugin-manifest.json" in names and "resources.json" in names
zipfile.ZipFile(archive).extractall(out)
manifest = json.load(open(out + "/plugin-manifest.json"))
locations = [w["location"] for w in manifest["modules"]["widgets"]]
assert locations == [location], locations
EOF
echo "== zet validate on the zip's content (the official toolkit, a cross-check)"
(cd "$work/unzipped" && "$zet" validate | tee "$work/zet.txt")
grep -q 'Validation Rules passed successfully.' "$work/zet.txt"
if grep -q '✖' "$work/zet.txt"; then echo "zet lists files it would not pack" >&2; exit 1; fi
desk validate "$work/unzipped"

echo "== cargo desk build: each page weighed against the crate's budget"
cp Cargo.toml "$work/Cargo.toml"
# The module alone over (an unoptimised module may be over the gzipped goals too).
printf '\n[package.metadata.desk.budget]\nmodule = 1000\nmodule-gzipped = 10000000\npage-gzipped = 10000000\n' >>Cargo.toml
# Over the budget: the build goes on, with a warning naming the page and what is over.
desk build 2>"$work/budget.txt"
cat "$work/budget.txt"
grep -q '^warning: over budget: `Ticket Notes` (module)' "$work/budget.txt"
# The tool installed here has no optimiser (wasm-opt fails): the warning says the module ships
# as compiled, and the page's row of the table says it, with what that module weighs.
grep -q '^warning: the module is not optimised' "$work/budget.txt"
grep -Eq '^Ticket Notes +[0-9]{4,} +[0-9]+ +[0-9]+  over: module \(not optimised\)$' "$work/budget.txt"
# With --deny-over-budget, the same page fails the build.
if desk build --deny-over-budget 2>"$work/budget.txt"; then
  cat "$work/budget.txt"; echo "a page over its budget was built" >&2; exit 1
fi
cat "$work/budget.txt"
grep -q 'over budget: `Ticket Notes` (module' "$work/budget.txt"
cp "$work/Cargo.toml" Cargo.toml
printf '\n[package.metadata.desk.budget]\nmodule = 10000000\nmodule-gzipped = 10000000\npage-gzipped = 10000000\n' >>Cargo.toml
desk build --deny-over-budget 2>"$work/budget.txt"
grep -Eq '^Ticket Notes +[0-9]+ +[0-9]+ +[0-9]+  within \(not optimised\)$' "$work/budget.txt"
cp "$work/Cargo.toml" Cargo.toml

echo "== cargo desk serve"
PATH="$no_node_path" cargo desk serve >"$work/serve.log" 2>&1 &
server=$!
# `grep` without `-q` reads the whole page: `-q` stops at the first match, and curl, its pipe
# closed, fails the pipeline (pipefail).
fetch() { curl -ksS --max-time 5 "$@"; }
for _ in $(seq 1 300); do
  if grep -q 'Ready' "$work/serve.log"; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$work/serve.log"; exit 1; fi
  sleep 1
done
cat "$work/serve.log"
fetch https://127.0.0.1:5000/plugin-manifest.json | tee "$work/manifest.json"
python3 -c "
import json; m = json.load(open('$work/manifest.json'))
assert m['name'] == 'ticket-notes', m['name']
assert m['modules']['widgets'][0]['location'] == '$location'"
fetch -D "$work/headers.txt" https://127.0.0.1:5000/app/ticket-notes.html >"$work/page.html"
grep -qi '^access-control-allow-origin: \*' "$work/headers.txt"
grep -qi '^content-security-policy: connect-src https://\*.zohostatic.com' "$work/headers.txt"
grep -q 'mount_ticket_notes' "$work/page.html"
# The page served reloads itself after a rebuild (a page that serve alone adds to).
grep -q '/__desk/build' "$work/page.html"
fetch https://127.0.0.1:5000/resources.json | grep '{' >/dev/null

echo "== cargo desk serve: a build error is served in place of the widget"
cp src/lib.rs "$work/lib.rs"
echo 'fn broken() -> u32 { "not a number" }' >>src/lib.rs
for _ in $(seq 1 300); do
  if fetch https://127.0.0.1:5000/app/ticket-notes.html | grep 'does not build' >/dev/null; then break; fi
  sleep 1
done
fetch https://127.0.0.1:5000/app/ticket-notes.html | grep 'mismatched types' >/dev/null
cp "$work/lib.rs" src/lib.rs
for _ in $(seq 1 300); do
  if fetch https://127.0.0.1:5000/app/ticket-notes.html | grep 'mount_ticket_notes' >/dev/null; then break; fi
  sleep 1
done
fetch https://127.0.0.1:5000/app/ticket-notes.html | grep 'mount_ticket_notes' >/dev/null
kill "$server"
wait "$server" 2>/dev/null || true
server=
echo "cargo-desk end to end: passed"
