"""Every Python example of the READMEs runs against the installed package (and is checked
by mypy --strict in test_typing.py)."""

from __future__ import annotations

import contextlib
import io

import pytest

from readme_examples import examples

EXAMPLES = examples()


def test_the_readmes_have_examples() -> None:
    assert len(EXAMPLES) >= 12


@pytest.mark.parametrize("name,code", EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_readme_example_runs(name: str, code: str) -> None:
    if "numpy" in code or "pandas" in code:
        pytest.importorskip("numpy")
        pytest.importorskip("pandas")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, name, "exec"), {"__name__": name})
