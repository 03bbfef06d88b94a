#!/usr/bin/env bash
# The one test command: sets up what it needs on a fresh machine, then runs every check of
# every surface (Rust, CLI, Python, npm/wasm) and ends with a summary line per surface.
#
#   bash scripts/test.sh
#
# Needs: rustup (stable), python3 (3.9+) with pip and venv, node (18+) with npm, and the
# package registries on the first run. Environment knobs:
#   O2OKIT_FUZZ_SECONDS   seconds per fuzz target for the fuzz smoke run (default 10; 0 skips it;
#                         it also skips itself when no nightly toolchain is installed)
#   O2OKIT_TEST_POSTGRES_URL  a PostgreSQL server (a role that may create databases) on which the
#                         service tests (examples/service) also run; without it they run on SQLite
#                         only, except under CI=true, where a missing PostgreSQL fails the run
#                         (.ci/run installs and starts one)
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
logdir="$(mktemp -d)"
trap 'rm -rf "$logdir"' EXIT
declare -a summary=()
failed_steps=0
total_passed=0
total_failed=0

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# run NAME CMD...: run a pass/fail check, counted as one test.
run() {
  local name="$1"; shift
  step "$name"
  if "$@"; then
    summary+=("$name: 1 passed, 0 failed")
    total_passed=$((total_passed + 1))
  else
    summary+=("$name: 0 passed, 1 failed")
    total_failed=$((total_failed + 1))
    failed_steps=$((failed_steps + 1))
  fi
}

# surface NAME LOG CMD...: run a suite whose output ends with 'NAME: N passed, M failed'.
surface() {
  local name="$1" log="$2"; shift 2
  step "$name"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local line
  line="$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$log" | tail -n 1)"
  if [ -z "$line" ]; then
    line="$name: 0 passed, 1 failed"
  fi
  local p f
  p="$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1/' <<<"$line")"
  f="$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$line")"
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  summary+=("$name: $p passed, $f failed")
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
  [ "$f" -eq 0 ] || failed_steps=$((failed_steps + 1))
}

rust_tests() {
  # Every Rust test: unit, property, golden vectors, CLI, examples and doc tests.
  cargo test --workspace --all-targets 2>&1 | tee "$logdir/cargo-test.log"
  local s1=${PIPESTATUS[0]}
  cargo test --workspace --doc 2>&1 | tee -a "$logdir/cargo-test.log"
  local s2=${PIPESTATUS[0]}
  local passed failed
  passed="$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^passed/) s += $i } END { print s + 0 }' "$logdir/cargo-test.log")"
  failed="$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^failed/) s += $i } END { print s + 0 }' "$logdir/cargo-test.log")"
  if [ "$s1" -ne 0 ] || [ "$s2" -ne 0 ]; then failed=$(( ${failed:-0} > 0 ? ${failed:-0} : 1 )); fi
  echo "rust: ${passed:-0} passed, ${failed:-0} failed"
  [ "$s1" -eq 0 ] && [ "$s2" -eq 0 ]
}

schema_fresh() {
  cargo run -q -p o2okit-cli -- schema > "$logdir/schema.json" &&
    diff -u schema/o2okit.schema.json "$logdir/schema.json" &&
    echo "schema/o2okit.schema.json is up to date"
}

demo_runs() {
  cargo run -q -p o2okit-cli -- demo > "$logdir/demo.txt" && tail -n 5 "$logdir/demo.txt"
}

service_postgres() {
  if [ -n "${O2OKIT_TEST_POSTGRES_URL:-}" ]; then
    echo "the service tests run on SQLite and on PostgreSQL (O2OKIT_TEST_POSTGRES_URL is set)"
  elif [ "${CI:-}" = "true" ]; then
    echo "!!! FAILED: CI=true and O2OKIT_TEST_POSTGRES_URL is not set: the service tests cannot run on PostgreSQL"
    echo "!!! (.ci/run installs Debian's postgresql and starts a cluster; see its output above)"
    return 1
  else
    echo "O2OKIT_TEST_POSTGRES_URL is not set: the service tests run on SQLite only"
  fi
}

fuzz_smoke() {
  local seconds="${O2OKIT_FUZZ_SECONDS:-10}"
  if [ "$seconds" = "0" ]; then echo "fuzz: skipped (O2OKIT_FUZZ_SECONDS=0)"; return 0; fi
  if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz: skipped (no nightly toolchain on this machine)"; return 0
  fi
  if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked || return 1
  fi
  (cd fuzz && for target in wire_call allocate; do
    cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" 2>&1 | tail -n 2 || exit 1
  done)
}

run "service: postgres" service_postgres
run "rust: fmt" cargo fmt --all -- --check
run "rust: clippy" cargo clippy --workspace --all-targets -- -D warnings
surface "features" "$logdir/features.log" bash scripts/check-features.sh
run "rust: doc" env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
surface "rust" "$logdir/rust.log" rust_tests
run "schema" schema_fresh
run "demo" demo_runs
surface "python" "$logdir/python.log" bash bindings/python/ci.sh
surface "node" "$logdir/node.log" bash bindings/wasm/ci.sh
run "fuzz" fuzz_smoke

printf '\n\033[1m==> summary\033[0m\n'
for line in "${summary[@]}"; do echo "$line"; done
echo "total: $total_passed passed, $total_failed failed"
[ "$failed_steps" -eq 0 ]
