"""The bad-input catalogue (testdata/bad/*.json) through the Python binding.

Each case is run the way a Python caller would meet it: a case with an ``input`` through
``o2okit.call`` with Python values (dicts, lists, str) and with the JSON text, which must
agree; a ``text`` or ``recipe`` case (raw JSON text, or a large input built from a small
declarative recipe) through ``o2okit.call`` with the text; a ``native`` case (a Python float
for money, a NaN float, a ``Decimal("NaN")``) through the idiomatic API. The code each case
gave must be the code in the catalogue. With ``O2OKIT_BAD_RESULTS=DIR`` set, the codes are
written to ``DIR/python.json`` for ``scripts/conformance.py``, which compares the three
surfaces.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

import o2okit
from o2okit import Money, O2OError

BAD = Path(__file__).resolve().parent / ".." / ".." / ".." / "testdata" / "bad"


def load_cases() -> list[dict[str, Any]]:
    files = sorted(BAD.glob("*.json"))
    assert len(files) >= 10, f"the catalogue has lost files: {files}"
    cases: list[dict[str, Any]] = []
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["cases"], f"{path.name} has no cases"
        for case in doc["cases"]:
            cases.append(dict(case, file=path.name))
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    return cases


CASES = [c for c in load_cases() if "python" in c.get("surfaces", ["python"])]
RESULTS: dict[str, str] = {}

CNY = "CNY"

# Values only Python can hold, through the idiomatic API.
NATIVE: dict[str, Callable[[], Any]] = {
    "python-float-money": lambda: Money(12.3, CNY),  # type: ignore[arg-type]
    "python-float-weight": lambda: o2okit.allocate(Money("10.00", CNY), [0.5, Decimal(1)]),  # type: ignore[list-item]
    "python-float-nan": lambda: Money(float("nan"), CNY),  # type: ignore[arg-type]
    "python-float-infinity-weight": lambda: o2okit.allocate(Money("10.00", CNY), [float("inf")]),  # type: ignore[list-item]
    "python-decimal-nan": lambda: Money(Decimal("NaN"), CNY),
}


def render(recipe: dict[str, Any]) -> str:
    """The JSON text a recipe describes: ``input`` written out with the string ``"$big"``
    replaced by a large value (see testdata/bad/README.md)."""
    big = recipe["big"]
    if "array_of" in big:
        item = json.dumps(big["array_of"])
        text = "[" + ",".join(item.replace("{i}", str(i)) for i in range(big["count"])) + "]"
    elif "nested_arrays" in big:
        text = "[" * big["nested_arrays"] + "]" * big["nested_arrays"]
    elif "string_of" in big:
        text = '"' + big["string_of"] * big["bytes"] + '"'
    else:
        raise AssertionError(f"unknown recipe {big}")
    return json.dumps(recipe["input"]).replace('"$big"', text, 1)


def outcome(case: dict[str, Any], run: Callable[[], Any]) -> str:
    """The error code a call raised, ``ok``, or for a case with ``rejection`` the code in
    the result. Anything but an ``O2OError`` is a failure of the binding."""
    try:
        result = run()
    except O2OError as err:
        assert err.code in o2okit.ERROR_CODES, err.code
        assert str(err), "an error must carry a message"
        return err.code
    if "rejection" in case:
        return str(result.get(case["rejection"]["at"], "ok"))
    return "ok"


def expected(case: dict[str, Any]) -> str:
    assert ("error" in case) != ("rejection" in case), "a case has one of error / rejection"
    return case["error"] if "error" in case else case["rejection"]["code"]


@pytest.fixture(scope="module", autouse=True)
def write_results() -> Iterator[None]:
    yield
    directory = os.environ.get("O2OKIT_BAD_RESULTS")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        (Path(directory) / "python.json").write_text(json.dumps(RESULTS, indent=2, sort_keys=True), encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input(case: dict[str, Any]) -> None:
    function = case["function"]
    if "native" in case:
        got = outcome(case, NATIVE[case["native"]])
    elif "input" in case:
        got = outcome(case, lambda: o2okit.call(function, case["input"]))
        by_text = outcome(case, lambda: o2okit.call(function, json.dumps(case["input"])))
        assert by_text == got, f"Python values gave {got}, their JSON text {by_text}"
    elif "text" in case:
        got = outcome(case, lambda: o2okit.call(function, case["text"]))
    else:
        text = render(case["recipe"])
        got = outcome(case, lambda: o2okit.call(function, text))
    RESULTS[case["name"]] = got
    assert got == expected(case)


def test_every_native_case_is_known() -> None:
    natives = {c["native"] for c in CASES if "native" in c}
    assert natives == set(NATIVE)
