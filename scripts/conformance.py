#!/usr/bin/env python3
"""Conformance of the three surfaces on the bad-input catalogue (testdata/bad/*.json).

    python3 scripts/conformance.py [--results DIR]

Each surface's runner (crates/o2okit/tests/bad_inputs.rs, bindings/python/tests/
test_bad_inputs.py, bindings/wasm/test/bad_inputs.test.mjs) writes the code every case gave
to DIR/rust.json, DIR/python.json and DIR/node.json when O2OKIT_BAD_RESULTS=DIR is set;
scripts/test.sh sets it and passes --results. Without --results this script runs the three
runners itself (the wheel must be installed in .venv and the npm package built, as
bindings/python/ci.sh and bindings/wasm/ci.sh leave them).

It prints one table (per catalogue file: cases, identical, different, waiting) and fails
when a case gave another code than the catalogue's on any surface, when a surface did not
run a case it should, or when an item the catalogue must cover has no case. Standard
library only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "testdata" / "bad"
SURFACES = ("rust", "python", "node")

# What the catalogue must cover (issue 17): each needs at least one case whose `covers` names it.
REQUIRED = [
    "negative or zero quantity",
    "unknown currency",
    "mixed currencies",
    "amounts beyond range",
    "more decimals than allowed",
    "NaN and Infinity as strings",
    "NaN and Infinity as floats",
    "a JSON number for money",
    "a Python float",
    "a JS number",
    "empty carts",
    "duplicate ids",
    "all-zero weights",
    "a time without a zone",
    "an unknown IANA zone",
    "100,000 coupons",
    "1,000,000 touchpoints",
    "deeply nested JSON",
    "a 100 MB string",
    "a tampered or truncated voucher code",
    "an event for a terminal state",
    "an unknown event kind",
    "unknown fields",
    "integer overflow in counts",
    "latitude 200",
]


def load() -> list[dict]:
    cases = []
    for path in sorted(BAD.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            cases.append(dict(case, file=path.name))
    return cases


def run_surfaces(directory: Path) -> None:
    env = dict(os.environ, O2OKIT_BAD_RESULTS=str(directory))
    python = ROOT / ".venv" / "bin" / "python"
    commands = [
        ["cargo", "test", "-q", "-p", "o2okit", "--test", "bad_inputs"],
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "bindings/python/tests/test_bad_inputs.py")],
        ["node", "--test", "test/bad_inputs.test.mjs"],
    ]
    cwds = [ROOT, ROOT / "bindings" / "python" / "tests", ROOT / "bindings" / "wasm"]
    for command, cwd in zip(commands, cwds):
        print("==>", " ".join(command), flush=True)
        subprocess.run(command, cwd=cwd, env=env, check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, help="directory holding rust.json, python.json and node.json")
    args = parser.parse_args()

    cases = load()
    directory = args.results
    if directory is None:
        directory = Path(tempfile.mkdtemp(prefix="o2okit-conformance-"))
        run_surfaces(directory)

    results: dict[str, dict[str, str]] = {}
    for surface in SURFACES:
        path = directory / f"{surface}.json"
        results[surface] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    rows: dict[str, list[int]] = {}
    differences: list[str] = []
    waiting: list[str] = []
    for case in cases:
        want = case["error"] if "error" in case else case["rejection"]["code"]
        surfaces = case.get("surfaces", list(SURFACES))
        got = {s: results[s].get(case["name"], "(not run)") for s in surfaces}
        row = rows.setdefault(case["file"], [0, 0, 0, 0])
        row[0] += 1
        if all(code == want for code in got.values()):
            row[1] += 1
        else:
            row[2] += 1
            shown = ", ".join(f"{s} {c}" for s, c in got.items())
            differences.append(f"  {case['file']}: {case['name']}: catalogue {want}; {shown}")
        if "waits_on" in case:
            row[3] += 1
            waiting.append(f"  {case['name']} ({want} today): {case['waits_on']}")

    covered = {case["covers"] for case in cases}
    uncovered = [item for item in REQUIRED if item not in covered]
    unknown = sorted(covered - set(REQUIRED))

    width = max(len(name) for name in rows) + 2
    print()
    print(f"{'catalogue':<{width}}{'cases':>7}{'identical':>11}{'different':>11}{'waiting':>9}")
    totals = [0, 0, 0, 0]
    for name, row in sorted(rows.items()):
        print(f"{name:<{width}}{row[0]:>7}{row[1]:>11}{row[2]:>11}{row[3]:>9}")
        totals = [a + b for a, b in zip(totals, row)]
    print(f"{'total':<{width}}{totals[0]:>7}{totals[1]:>11}{totals[2]:>11}{totals[3]:>9}")
    runs = ", ".join(f"{s} {len(results[s])}" for s in SURFACES)
    print(f"cases run per surface: {runs}")
    if differences:
        print("\ndifferent (the catalogue's code, then each surface's):")
        print("\n".join(differences))
    if waiting:
        print("\nwaiting on other work (today's code checked until then):")
        print("\n".join(waiting))
    if uncovered:
        print("\nitems with no case: " + ", ".join(uncovered))
    if unknown:
        print("\n`covers` values that are not required items: " + ", ".join(unknown))
    ok = not differences and not uncovered and not unknown and all(results[s] for s in SURFACES)
    print(f"\nconformance: {totals[1]} identical, {totals[2]} different" + ("" if ok else " (FAILED)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
