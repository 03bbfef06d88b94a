#!/usr/bin/env bash
# Build the Python binding, install it into .venv and run its tests.
#
# Run from the repository root:  bash bindings/python/ci.sh
# Needs python3 (3.9+, with venv and pip) and a Rust toolchain. Creates .venv at the repo root
# when missing and installs maturin, pytest and mypy into it. Builds a release abi3 wheel with
# `maturin build` and force-reinstalls it (so the tests run against what ships, not against a
# .so left in the source folder). The last line printed is always
#   python: N passed, M failed
# and the exit code is non-zero on any failure, including a build failure or no tests run.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BINDING="$ROOT/bindings/python"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
DIST="$BINDING/dist"

summary_and_exit() { # passed failed exit_code
    echo "python: $1 passed, $2 failed"
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
    "maturin>=1.5,<2" "pytest>=7" "mypy>=1.10" "typing_extensions>=4.15" "pandas>=1.5" pandas-stubs numpy \
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
suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
total = failed = skipped = 0
for s in suites:
    total += int(s.get("tests", 0))
    failed += int(s.get("failures", 0)) + int(s.get("errors", 0))
    skipped += int(s.get("skipped", 0))
print(total - failed - skipped, failed)
PYEOF
)"
rm -f "$REPORT"
read -r passed failed <<<"${counts:-0 0}"

if [ "$rc" -eq 5 ]; then
    echo "ci.sh: pytest collected no tests" >&2
    summary_and_exit "$passed" $((failed > 0 ? failed : 1)) 1
fi
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # pytest failed without a counted test failure (usage or internal error)
fi
if [ "$rc" -ne 0 ]; then
    summary_and_exit "$passed" "$failed" 1
fi
summary_and_exit "$passed" "$failed" 0
