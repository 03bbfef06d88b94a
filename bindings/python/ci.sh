#!/usr/bin/env bash
# Build the Python binding, install it into .venv and run its tests.
#
# Run from the repository root:  bash bindings/python/ci.sh
# Needs python3 (3.9+, with venv and pip) and a Rust toolchain. Creates .venv at the repo root
# when missing and installs maturin, pytest and mypy into it. Builds a release abi3 wheel with
# `maturin build` and force-reinstalls it (so the tests run against what ships, not against a
# .so left in the source folder). The last line printed is always
#   python: N passed, M failed, K skipped; V vector replays, B bad-input replays
# (N counts distinct tests; the golden vector and bad-input cases are counted apart). Under
# CI=true a skipped test counts as failed.
# and the exit code is non-zero on any failure, including a build failure or no tests run.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BINDING="$ROOT/bindings/python"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
DIST="$BINDING/dist"

summary_and_exit() { # passed failed exit_code [skipped] [vector replays] [bad-input replays]
    echo "python: $1 passed, $2 failed, ${4:-0} skipped; ${5:-0} vector replays, ${6:-0} bad-input replays"
    exit "$3"
}

step() { echo "==> $*"; }

cd "$ROOT" || summary_and_exit 0 1 1

if [ ! -x "$PY" ]; then
    step "creating $VENV"
    python3 -m venv "$VENV" || { echo "ci.sh: python3 -m venv failed" >&2; summary_and_exit 0 1 1; }
fi

step "installing build and test tools into .venv"
"$PY" -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.5,<2" "pytest>=7" "mypy>=1.10" "typing_extensions>=4.5" "pandas>=1.5" \
    || { echo "ci.sh: pip install failed" >&2; summary_and_exit 0 1 1; }

step "building the wheel (maturin build --release)"
rm -rf "$DIST"
"$VENV/bin/maturin" build --release --manifest-path "$BINDING/Cargo.toml" \
    --interpreter "$PY" --out "$DIST" \
    || { echo "ci.sh: maturin build failed" >&2; summary_and_exit 0 1 1; }

shopt -s nullglob
wheels=("$DIST"/o2okit-*.whl)
shopt -u nullglob
if [ "${#wheels[@]}" -ne 1 ]; then
    echo "ci.sh: expected one wheel in $DIST, found ${#wheels[@]}" >&2
    summary_and_exit 0 1 1
fi

step "installing ${wheels[0]##*/}"
"$PY" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall "${wheels[0]}" \
    || { echo "ci.sh: installing the wheel failed" >&2; summary_and_exit 0 1 1; }

step "pytest"
REPORT="$(mktemp "${TMPDIR:-/tmp}/o2okit-pytest.XXXXXX.xml")"
# Run from outside the source tree so `import o2okit` finds the installed wheel.
(cd "$BINDING/tests" && "$PY" -m pytest -p no:cacheprovider -q --junitxml="$REPORT" "$BINDING/tests")
rc=$?

counts="$("$PY" - "$REPORT" <<'PYEOF'
import sys
import xml.etree.ElementTree as ET

try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    print("0 0")
    raise SystemExit
# Distinct tests and replays apart: a golden vector runs twice here (test_vector and
# test_vector_via_call) and a bad-input case once (test_bad_input); passing replays are
# reported on their own, failures of either kind count as failed.
passed = failed = skipped = vectors = bad = 0
for case in root.iter("testcase"):
    name = case.get("name", "")
    if case.find("failure") is not None or case.find("error") is not None:
        failed += 1
    elif case.find("skipped") is not None:
        skipped += 1
    elif name.startswith(("test_vector[", "test_vector_via_call[")):
        vectors += 1
    elif name.startswith("test_bad_input["):
        bad += 1
    else:
        passed += 1
print(passed, failed, skipped, vectors, bad)
PYEOF
)"
rm -f "$REPORT"
read -r passed failed skipped vectors bad <<<"${counts:-0 0 0 0 0}"

if [ "$rc" -eq 5 ]; then
    echo "ci.sh: pytest collected no tests" >&2
    summary_and_exit "$passed" $((failed > 0 ? failed : 1)) 1 "$skipped" "$vectors" "$bad"
fi
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # pytest failed without a counted test failure (usage or internal error)
fi
if [ "$skipped" -gt 0 ] && [ "${CI:-}" = "true" ]; then
    echo "ci.sh: $skipped tests skipped; under CI=true a skipped test counts as failed" >&2
    summary_and_exit "$passed" $((failed + skipped)) 1 "$skipped" "$vectors" "$bad"
fi
if [ "$rc" -ne 0 ]; then
    summary_and_exit "$passed" "$failed" 1 "$skipped" "$vectors" "$bad"
fi
summary_and_exit "$passed" "$failed" 0 "$skipped" "$vectors" "$bad"
