"""The type stubs: mypy --strict on a usage file, on the API tests (whose
`# type: ignore[...]` comments must all be needed, so floats are rejected by the stubs too) and
on every Python example of the READMEs; mypy's stubtest against the installed package; and the
generated record classes against the JSON Schema."""

from __future__ import annotations

import ast
import importlib.util
import json
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from readme_examples import write_examples

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent


def test_usage_file_runs() -> None:
    pytest.importorskip("typing_extensions")
    runpy.run_path(str(HERE / "typing_usage.py"))


def test_stubs_with_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    pytest.importorskip("typing_extensions")
    readme = tmp_path / "readme"
    readme.mkdir()
    examples = write_examples(readme)
    assert len(examples) >= 12
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
            str(HERE / "test_promotions.py"),
            str(HERE / "test_coupons.py"),
            str(HERE / "test_groupbuy.py"),
            str(HERE / "test_vectors.py"),
            str(HERE / "test_stores.py"),
            str(HERE / "test_membership.py"),
            str(HERE / "test_intake.py"),
            str(HERE / "test_voucher.py"),
            str(HERE / "test_flows.py"),
            str(HERE / "test_split.py"),
            str(HERE / "test_lifecycle.py"),
            str(HERE / "test_store_order.py"),
            str(HERE / "test_records.py"),
            str(HERE / "test_numbers.py"),
            str(HERE / "test_readme.py"),
            str(HERE / "record_walk.py"),
            str(HERE / "lr_reference.py"),
            *(str(path) for path in examples),
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


def test_records_are_generated_from_the_current_schema() -> None:
    """The record classes and their stubs (o2okit/records.py and .pyi) are what
    tools/gen_records.py makes from the checked-in JSON Schema (and _extras.py), so a new
    field, variant or enum value in the core fails here until the records are regenerated."""
    tool = HERE.parent / "tools" / "gen_records.py"
    if not (ROOT / "schema" / "o2okit.schema.json").exists():
        pytest.skip("no checked-in schema")
    result = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # The installed package is the generated one, and the binding decodes every result type.
    import o2okit

    installed = Path(o2okit.records.__file__).read_text(encoding="utf-8")
    source = (HERE.parent / "python" / "o2okit" / "records.py").read_text(encoding="utf-8")
    assert installed == source
    spec = importlib.util.spec_from_file_location("gen_records", tool)
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    sys.modules["gen_records"] = gen  # dataclasses look their module up
    spec.loader.exec_module(gen)
    assert list(o2okit._o2okit._DECODABLE) == gen.ROOTS


def test_stub_literals_match_the_schema() -> None:
    """The stubs' string literals (reason codes, statuses, effect types, ...) are the core's,
    as written in the checked-in JSON Schema."""
    schema_path = ROOT / "schema" / "o2okit.schema.json"
    if not schema_path.exists():
        pytest.skip("no checked-in schema")
    import o2okit

    defs = json.loads(schema_path.read_text(encoding="utf-8"))["$defs"]
    stub = Path(o2okit.records.__file__).with_suffix(".pyi")
    literals: dict[str, set[str]] = {}
    for node in ast.parse(stub.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            value = node.value
            if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) and value.value.id == "Literal":
                items = value.slice.elts if isinstance(value.slice, ast.Tuple) else [value.slice]
                literals[node.target.id] = {item.value for item in items if isinstance(item, ast.Constant)}

    def enum(name: str) -> set[str]:
        return {variant["const"] for variant in defs[name]["oneOf"]}

    def tags(name: str, tag: str = "type") -> set[str]:
        return {variant["properties"][tag]["const"] for variant in defs[name]["oneOf"]}

    for name in ["Level", "Base", "ReasonCode", "HintCode", "GroupBuyStatus", "ParticipationStatus",
                 "FailureReason", "OutcomeKind", "ProgressHintCode", "LifecycleActor", "VoucherOrderStatus",
                 "StoreOrderStatus", "Fulfilment", "Handover", "Entry", "LineKind", "AssignStatus"]:
        assert literals[f"_{name}"] == enum(name), name
    for alias, name in [("_DiscountType", "Discount"), ("_GroupBuyEffectType", "GroupBuyEffect"),
                        ("_GroupBuyKindType", "GroupBuyKind"), ("_VoucherOrderEffectType", "VoucherOrderEffect"),
                        ("_StoreOrderEffectType", "StoreOrderEffect")]:
        assert literals[alias] == tags(name), alias
    assert literals["_ClassificationResult"] == tags("Classification", "result")
