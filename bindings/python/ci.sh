#!/usr/bin/env bash
# Build the Python binding's portable wheel and its sdist, check them, install the wheel into
# .venv and run the tests.
#
# Run from the repository root:  bash bindings/python/ci.sh
# Needs python3 (3.9+, with venv and pip) and a Rust toolchain. Creates .venv at the repo root
# when missing and installs maturin, ziglang (zig, the linker that targets glibc 2.17), pytest,
# mypy, pandas and numpy, and the batch API's test dependencies (pyarrow, polars, hypothesis,
# matplotlib, and pyspark for the Spark test) into it. Then:
#   1. builds the sdist (`maturin sdist`) and unpacks it into target/python-sdist/;
#   2. builds the release wheel FROM THAT SDIST with `maturin build --profile release-python --zig
#      --compatibility manylinux2014` into bindings/python/dist/ (one build serves both: a file the
#      sdist misses fails the wheel build, and the wheel tested is the one a user building the sdist
#      gets) and checks it: one abi3 wheel for CPython >= 3.9, tagged
#      manylinux_2_17_x86_64.manylinux2014_x86_64, whose native module needs no glibc symbol
#      newer than 2.17 (read with objdump when it is installed);
#   3. force-reinstalls the wheel in .venv (so the tests run against what ships, not against a
#      .so left in the source folder) and runs pytest (which includes mypy --strict, stubtest
#      and the generated-records check).
# Each step prints its time. The last line printed is always
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
# The wheel's tags: abi3 (one wheel for CPython 3.9+), manylinux2014 = glibc 2.17, x86_64.
WHEEL_TAGS="cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64"
GLIBC_MAX="2.17"

summary_and_exit() { # passed failed exit_code [skipped] [vector replays] [bad-input replays]
    echo "python: $1 passed, $2 failed, ${4:-0} skipped; ${5:-0} vector replays, ${6:-0} bad-input replays"
    exit "$3"
}

step() { echo "==> $*"; }
took() { echo "    ($1: $(($(date +%s) - $2)) s)"; }

cd "$ROOT" || summary_and_exit 0 1 1

if [ ! -x "$PY" ]; then
    step "creating $VENV"
    python3 -m venv "$VENV" || { echo "ci.sh: python3 -m venv failed" >&2; summary_and_exit 0 1 1; }
fi

step "installing build and test tools into .venv"
t0=$(date +%s)
"$PY" -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.5,<2" "ziglang>=0.13" "pytest>=7" "mypy>=1.10" "typing_extensions>=4.15" \
    "pandas>=1.5" pandas-stubs "numpy>=1.22" \
    "pyarrow>=14" "polars>=1.0" "hypothesis>=6" "matplotlib>=3.5" \
    || { echo "ci.sh: pip install failed" >&2; summary_and_exit 0 1 1; }
took "tools" "$t0"
# PySpark is only for tests/test_spark.py (mapInArrow on local[2]); the package never needs it.
step "installing pyspark (test only)"
t0=$(date +%s)
"$PY" -m pip install --quiet --disable-pip-version-check "pyspark>=3.5" \
    || { echo "ci.sh: pip install pyspark failed" >&2; summary_and_exit 0 1 1; }
took "pyspark" "$t0"

# `ci.sh --tools-only`: stop here (scripts/test.sh runs this in the background while Rust
# builds, so the downloads overlap the compiling).
if [ "${1:-}" = "--tools-only" ]; then
    echo "ci.sh --tools-only: .venv is ready"
    exit 0
fi

# maturin finds zig as `python -m ziglang` through the venv's python on PATH.
export PATH="$VENV/bin:$PATH"

step "building the sdist (maturin sdist) and unpacking it"
t0=$(date +%s)
rm -rf "$DIST"
"$VENV/bin/maturin" sdist --manifest-path "$BINDING/Cargo.toml" --out "$DIST" \
    || { echo "ci.sh: maturin sdist failed" >&2; summary_and_exit 0 1 1; }
shopt -s nullglob
sdists=("$DIST"/o2okit-*.tar.gz)
shopt -u nullglob
if [ "${#sdists[@]}" -ne 1 ]; then
    echo "ci.sh: expected one sdist in $DIST, found ${#sdists[@]}" >&2
    summary_and_exit 0 1 1
fi
# A fixed place under target/ (git-ignored), so a second run reuses the build's cache.
SDIST_SRC="$ROOT/target/python-sdist"
rm -rf "$SDIST_SRC" && mkdir -p "$SDIST_SRC" \
    && tar -xzf "${sdists[0]}" -C "$SDIST_SRC" --strip-components=1 \
    || { echo "ci.sh: unpacking the sdist failed" >&2; summary_and_exit 0 1 1; }
echo "    ${sdists[0]##*/}: $(tar -tzf "${sdists[0]}" | wc -l) files"
took "sdist" "$t0"

# Profile release-python (Cargo.toml): release with thin LTO and 16 codegen units; fat LTO of
# the binding with arrow-rs in one unit is the slowest step of CI, for no measured speed gain.
# Built from the unpacked sdist (CARGO_TARGET_DIR: the repository's target/).
step "building the wheel from the sdist (maturin build --profile release-python --zig --compatibility manylinux2014)"
t0=$(date +%s)
CARGO_TARGET_DIR="$ROOT/target" "$VENV/bin/maturin" build --profile release-python --zig \
    --compatibility manylinux2014 --manifest-path "$SDIST_SRC/bindings/python/Cargo.toml" \
    --interpreter "$PY" --out "$DIST" \
    || { echo "ci.sh: maturin build (from the sdist) failed" >&2; summary_and_exit 0 1 1; }
took "wheel" "$t0"

shopt -s nullglob
wheels=("$DIST"/o2okit-*.whl)
shopt -u nullglob
if [ "${#wheels[@]}" -ne 1 ]; then
    echo "ci.sh: expected one wheel in $DIST, found ${#wheels[@]}" >&2
    summary_and_exit 0 1 1
fi
wheel="${wheels[0]}"

step "checking the wheel: tags and glibc symbol versions"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n 1)"
expected="o2okit-$version-$WHEEL_TAGS.whl"
if [ "${wheel##*/}" != "$expected" ]; then
    echo "ci.sh: the wheel is ${wheel##*/}, expected $expected" >&2
    summary_and_exit 0 1 1
fi
"$PY" - "$wheel" "$GLIBC_MAX" <<'PYEOF' || { echo "ci.sh: the wheel is not portable" >&2; summary_and_exit 0 1 1; }
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

wheel, glibc_max = sys.argv[1], tuple(int(x) for x in sys.argv[2].split("."))
with zipfile.ZipFile(wheel) as z:
    names = z.namelist()
    meta = next(n for n in names if n.endswith(".dist-info/WHEEL"))
    tags = sorted(l.split(": ", 1)[1] for l in z.read(meta).decode().splitlines() if l.startswith("Tag: "))
    want = sorted(["cp39-abi3-manylinux_2_17_x86_64", "cp39-abi3-manylinux2014_x86_64"])
    assert tags == want, f"WHEEL tags {tags}, expected {want}"
    for needed in ("o2okit/__init__.py", "o2okit/records.py", "o2okit/records.pyi", "o2okit/_o2okit.pyi", "o2okit/py.typed"):
        assert needed in names, f"{needed} missing from the wheel"
    [so] = [n for n in names if re.fullmatch(r"o2okit/_o2okit\..*so", n)]
    objdump = shutil.which("objdump")
    if objdump is None:
        print("    objdump not found: glibc symbol versions not checked (maturin's audit still ran)")
        raise SystemExit
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.so"
        path.write_bytes(z.read(so))
        dump = subprocess.run([objdump, "-T", str(path)], capture_output=True, text=True, check=True).stdout
versions = {tuple(int(x) for x in v.split(".")) for v in re.findall(r"GLIBC_([0-9.]+)", dump)}
newest = max(versions) if versions else (0,)
assert newest <= glibc_max, f"needs GLIBC_{'.'.join(map(str, newest))}, more than {sys.argv[2]}"
print(f"    tags {', '.join(tags)}; newest glibc symbol GLIBC_{'.'.join(map(str, newest))}")
PYEOF

step "installing ${wheel##*/}"
"$PY" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall "$wheel" \
    || { echo "ci.sh: installing the wheel failed" >&2; summary_and_exit 0 1 1; }

step "pytest"
t0=$(date +%s)
REPORT="$(mktemp "${TMPDIR:-/tmp}/o2okit-pytest.XXXXXX.xml")"
# Run from outside the source tree so `import o2okit` finds the installed wheel.
(cd "$BINDING/tests" && "$PY" -m pytest -p no:cacheprovider -q --junitxml="$REPORT" "$BINDING/tests")
rc=$?
took "pytest" "$t0"

counts="$("$PY" - "$REPORT" <<'PYEOF'
import sys
import xml.etree.ElementTree as ET

try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    print("0 0 0 0 0")
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
