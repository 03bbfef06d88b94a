"""The type stubs: mypy --strict on a usage file and on the API tests (whose
`# type: ignore[...]` comments must all be needed, so floats are rejected by the stubs too),
and mypy's stubtest against the installed native module."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def test_usage_file_runs() -> None:
    pytest.importorskip("typing_extensions")
    runpy.run_path(str(HERE / "typing_usage.py"))


def test_stubs_with_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    pytest.importorskip("typing_extensions")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--warn-unused-ignores",
            "--no-incremental",
            str(HERE / "typing_usage.py"),
            str(HERE / "test_api.py"),
            str(HERE / "lr_reference.py"),
        ],
        cwd=tmp_path,  # mypy writes its cache there, not into the work tree
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_stubs_match_the_runtime(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "o2okit"],
        cwd=tmp_path,  # mypy writes its cache there, not into the work tree
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
