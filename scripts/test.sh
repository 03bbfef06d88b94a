#!/usr/bin/env bash
# The one test command: sets up what it needs on a fresh machine, then runs every check of
# every surface (Rust, CLI, Python, npm/wasm) and ends with a summary line per surface.
#
#   bash scripts/test.sh
#
# Needs: rustup (stable), python3 (3.9+) with pip and venv, node (18+) with npm, and the
# package registries on the first run; a nightly toolchain for the fuzz step (.ci/run installs
# one) and Chromium for the browser test. Each summary line says how many checks passed,
# failed and were skipped; a check that could not run (no nightly, no Chromium) is a loud,
# counted skip, and under CI=true it counts as failed. Distinct tests and the replays of golden
# vectors and bad-input cases are counted apart. Environment knobs:
#   O2OKIT_FUZZ_SECONDS   seconds per fuzz target for the fuzz smoke run (default 4; 0 skips it)
#   O2OKIT_TEST_POSTGRES_URL  a PostgreSQL server (a role that may create databases) on which the
#                         service tests (examples/service) also run; without it they run on SQLite
#                         only, except under CI=true, where a missing PostgreSQL fails the run
#                         (.ci/run installs and starts one)
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
logdir="$(mktemp -d)"
trap 'rm -rf "$logdir"' EXIT
# The bad-input runners of the three surfaces write the code each case gave here, for the
# conformance step.
export O2OKIT_BAD_RESULTS="$logdir/bad"
declare -a summary=()
failed_steps=0
total_passed=0
total_failed=0
total_skipped=0
total_vectors=0
total_bad=0

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
# Wall time of each step, printed after it and once more at the end.
declare -a timings=()
timed() { # NAME SECONDS
  printf '    (%s: %d s)\n' "$1" "$2"
  timings+=("$(printf '%5d s  %s' "$2" "$1")")
}

# run NAME CMD...: run a pass/fail check, counted as one test. Exit status 77 means it could
# not run: a counted skip, and a failure under CI=true.
run() {
  local name="$1"; shift
  step "$name"
  local t0=$SECONDS
  "$@"
  local status=$?
  timed "$name" $((SECONDS - t0))
  if [ "$status" -eq 0 ]; then
    summary+=("$name: 1 passed, 0 failed, 0 skipped")
    total_passed=$((total_passed + 1))
  elif [ "$status" -eq 77 ] && [ "${CI:-}" != "true" ]; then
    summary+=("$name: 0 passed, 0 failed, 1 skipped (could not run)")
    total_skipped=$((total_skipped + 1))
  else
    local why=""
    [ "$status" -eq 77 ] && why=" (could not run; CI=true counts that as failed)"
    summary+=("$name: 0 passed, 1 failed, 0 skipped$why")
    total_failed=$((total_failed + 1))
    failed_steps=$((failed_steps + 1))
  fi
}

# surface NAME LOG CMD...: run a suite whose output ends with
# 'NAME: N passed, M failed[, K skipped][; V vector replays, B bad-input replays]'.
surface() {
  local name="$1" log="$2"; shift 2
  step "$name"
  local t0=$SECONDS
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  timed "$name" $((SECONDS - t0))
  local line
  line="$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$log" | tail -n 1)"
  if [ -z "$line" ]; then
    line="$name: 0 passed, 1 failed"
  fi
  local p f k v b
  p="$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")"
  f="$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")"
  k="$(grep -oE '[0-9]+ skipped' <<<"$line" | grep -oE '[0-9]+' || echo 0)"
  v="$(grep -oE '[0-9]+ vector replays' <<<"$line" | grep -oE '[0-9]+' || echo 0)"
  b="$(grep -oE '[0-9]+ bad-input replays' <<<"$line" | grep -oE '[0-9]+' || echo 0)"
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  summary+=("$name: $p passed, $f failed, $k skipped; $v vector replays, $b bad-input replays")
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
  total_skipped=$((total_skipped + k))
  total_vectors=$((total_vectors + v))
  total_bad=$((total_bad + b))
  [ "$f" -eq 0 ] || failed_steps=$((failed_steps + 1))
}

# Cases in the golden vector files, and bad-input cases a surface wrote results for.
vector_cases() {
  python3 -c 'import json, glob; print(sum(len(json.load(open(f))["cases"]) for f in glob.glob("testdata/vectors/*.json")))'
}
bad_results() { # SURFACE
  python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$O2OKIT_BAD_RESULTS/$1.json" 2>/dev/null || echo 0
}

rust_tests() {
  # Every Rust test: unit, property, golden vectors, CLI, examples and doc tests.
  cargo test --workspace --all-targets 2>&1 | tee "$logdir/cargo-test.log"
  local s1=${PIPESTATUS[0]}
  cargo test --workspace --doc 2>&1 | tee -a "$logdir/cargo-test.log"
  local s2=${PIPESTATUS[0]}
  local passed failed ignored vectors=0 bad
  passed="$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^passed/) s += $i } END { print s + 0 }' "$logdir/cargo-test.log")"
  failed="$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^failed/) s += $i } END { print s + 0 }' "$logdir/cargo-test.log")"
  ignored="$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^ignored/) s += $i } END { print s + 0 }' "$logdir/cargo-test.log")"
  if [ "$s1" -ne 0 ] || [ "$s2" -ne 0 ]; then failed=$(( ${failed:-0} > 0 ? ${failed:-0} : 1 )); fi
  # golden_vectors replays every case of every vector file (it fails on a missing one) inside
  # one test; bad_inputs writes the cases it ran.
  if grep -qE '^test golden_vectors \.\.\. ok$' "$logdir/cargo-test.log"; then vectors="$(vector_cases)"; fi
  bad="$(bad_results rust)"
  echo "rust: ${passed:-0} passed, ${failed:-0} failed, ${ignored:-0} skipped; $vectors vector replays, $bad bad-input replays"
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

# Every fuzz target from one build, a few seconds each, starting from its committed corpus
# (new inputs go to a scratch folder, not into fuzz/corpus). No nightly toolchain: every target
# is a counted skip (a failure under CI=true).
fuzz_smoke() {
  local seconds="${O2OKIT_FUZZ_SECONDS:-4}"
  local targets
  targets="$(ls fuzz/fuzz_targets/*.rs | xargs -n 1 basename | sed 's/\.rs$//')"
  local count
  count="$(wc -w <<<"$targets")"
  local why=""
  if [ "$seconds" = "0" ]; then
    why="O2OKIT_FUZZ_SECONDS=0"
  elif ! cargo +nightly --version >/dev/null 2>&1; then
    why="no nightly toolchain (rustup toolchain install nightly --profile minimal)"
  fi
  if [ -n "$why" ]; then
    echo "fuzz: SKIPPED, could not run: $why"
    if [ "${CI:-}" = "true" ]; then
      echo "fuzz: 0 passed, $count failed, $count skipped"
      return 1
    fi
    echo "fuzz: 0 passed, 0 failed, $count skipped"
    return 0
  fi
  if ! command -v cargo-fuzz >/dev/null 2>&1; then
    # A build tool: opt-level 1 and no LTO compile it faster than its release profile.
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false \
      CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=false \
      cargo install cargo-fuzz --locked || { echo "fuzz: 0 passed, $count failed, 0 skipped"; return 1; }
  fi
  # One build of every target; --dev (optimised builds take several times longer to compile,
  # which a few seconds of fuzzing cannot win back), libFuzzer's coverage instrumentation on,
  # AddressSanitizer off (the core forbids unsafe code; ASan only slows this smoke build; the
  # long runs of fuzz/README.md keep it).
  if ! (cd fuzz && cargo +nightly fuzz build --dev --sanitizer none); then
    echo "fuzz: 0 passed, $count failed, 0 skipped"
    return 1
  fi
  local host bin passed=0 failed=0
  host="$(rustc +nightly -vV | sed -n 's/^host: //p')"
  bin="fuzz/target/$host/debug"
  for target in $targets; do
    local scratch
    scratch="$(mktemp -d)"
    if "$bin/$target" -max_total_time="$seconds" -print_final_stats=1 "$scratch" "fuzz/corpus/$target" \
      >"$logdir/fuzz-$target.log" 2>&1; then
      passed=$((passed + 1))
      printf '%-18s %s\n' "$target" "$(grep -E 'stat::number_of_executed_units|^#[0-9]+.*DONE' "$logdir/fuzz-$target.log" | tail -n 1)"
    else
      failed=$((failed + 1))
      echo "fuzz target $target FAILED:"
      tail -n 40 "$logdir/fuzz-$target.log"
    fi
    rm -rf "$scratch"
  done
  echo "fuzz: $passed passed, $failed failed, 0 skipped"
  [ "$failed" -eq 0 ]
}

# Downloads overlap the Rust builds: the Python tools go into .venv and the npm packages into
# npm's cache in the background, while cargo compiles. The python step waits for it first (and
# its own install then only checks what is there); a failure here is redone, and reported, by
# the step that needs it.
step "prefetch (background): .venv tools, npm packages"
(
  bash bindings/python/ci.sh --tools-only
  (cd bindings/wasm && npm ci --no-audit --no-fund)
) >"$logdir/prefetch.log" 2>&1 &
prefetch_pid=$!
prefetch_started=$SECONDS

run "service: postgres" service_postgres
# The independent oracles of the golden vectors (reference models and generators, plain python3,
# a few seconds): testdata/gen/check_all.py, one check per line.
surface "oracles" "$logdir/oracles.log" python3 testdata/gen/check_all.py
run "rust: fmt" cargo fmt --all -- --check
run "rust: clippy" cargo clippy --workspace --all-targets -- -D warnings
surface "features" "$logdir/features.log" bash scripts/check-features.sh
run "rust: doc" env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
surface "rust" "$logdir/rust.log" rust_tests
run "schema" schema_fresh
run "demo" demo_runs
step "waiting for the prefetch"
wait "$prefetch_pid"
prefetch_status=$?
echo "prefetch (background) ended with status $prefetch_status (started $((SECONDS - prefetch_started)) s ago)"
tail -n 3 "$logdir/prefetch.log"
surface "python" "$logdir/python.log" bash bindings/python/ci.sh
surface "node" "$logdir/node.log" bash bindings/wasm/ci.sh
run "conformance" python3 scripts/conformance.py --results "$O2OKIT_BAD_RESULTS"
surface "fuzz" "$logdir/fuzz.log" fuzz_smoke

printf '\n\033[1m==> time per step\033[0m\n'
for line in "${timings[@]}"; do echo "$line"; done
echo "$(printf '%5d s' "$SECONDS")  in all"

printf '\n\033[1m==> summary\033[0m\n'
for line in "${summary[@]}"; do echo "$line"; done
echo "total: $total_passed passed, $total_failed failed, $total_skipped skipped (distinct tests and checks); $total_vectors golden vector replays, $total_bad bad-input replays"
[ "$failed_steps" -eq 0 ]
