#!/usr/bin/env python3
"""Write every golden vector input as a `wire_call` fuzz input: the function name, a newline,
the input as compact JSON; files named by their SHA-1, as libFuzzer names its own.

    python3 fuzz/seed_from_vectors.py DIR     (e.g. fuzz/corpus/wire_call)

So the JSON target starts deep in every domain instead of at the parser; `-merge=1` then
keeps the seeds that add coverage (fuzz/README.md).
"""

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted((ROOT / "testdata" / "vectors").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            text = case["function"] + "\n" + json.dumps(case["input"], separators=(",", ":"), ensure_ascii=False)
            data = text.encode("utf-8")
            (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
            count += 1
    print(f"{count} seeds in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
