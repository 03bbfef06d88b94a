"""Every Python example of the READMEs runs against the installed package (and is checked
by mypy --strict in test_typing.py)."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pytest

from readme_examples import examples

EXAMPLES = examples()


def test_the_readmes_have_examples() -> None:
    assert len(EXAMPLES) >= 12


@pytest.mark.parametrize("name,code", EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_readme_example_runs(name: str, code: str, tmp_path: Any, monkeypatch: Any) -> None:
    if "numpy" in code or "pandas" in code:
        pytest.importorskip("numpy")
        pytest.importorskip("pandas")
    # The batch API's extras (o2okit[arrow], o2okit[plot]); ci.sh installs them all.
    for extra, used in (("pyarrow", "datasets"), ("polars", "polars"), ("matplotlib", "plot.")):
        if used in code:
            pytest.importorskip(extra)
    monkeypatch.chdir(tmp_path)  # examples that save a file write it here
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, name, "exec"), {"__name__": name})
