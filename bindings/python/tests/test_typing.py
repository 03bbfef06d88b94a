"""The type stubs: mypy --strict on a usage file and on the API tests (whose
`# type: ignore[...]` comments must all be needed, so floats are rejected by the stubs too),
and mypy's stubtest against the installed native module."""

from __future__ import annotations

import ast
import json
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent


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
            str(HERE / "test_promotions.py"),
            str(HERE / "test_coupons.py"),
            str(HERE / "test_groupbuy.py"),
            str(HERE / "test_vectors.py"),
            str(HERE / "test_stores.py"),
            str(HERE / "test_membership.py"),
            str(HERE / "test_intake.py"),
            str(HERE / "test_voucher.py"),
            str(HERE / "test_flows.py"),
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


def stub_literals() -> dict[str, set[str]]:
    """The `Literal[...]` aliases of _o2okit.pyi, by alias name."""
    import o2okit

    stub = Path(o2okit.__file__).resolve().parent / "_o2okit.pyi"
    out: dict[str, set[str]] = {}
    for node in ast.parse(stub.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            value = node.value
            if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) and value.value.id == "Literal":
                items = value.slice.elts if isinstance(value.slice, ast.Tuple) else [value.slice]
                out[node.target.id] = {item.value for item in items if isinstance(item, ast.Constant)}
    return out


def schema_enum(defs: dict[str, object], name: str) -> set[str]:
    entry = defs[name]
    assert isinstance(entry, dict)
    return {variant["const"] for variant in entry["oneOf"]}


def test_stub_literals_match_the_schema() -> None:
    """The stubs' string literals (reason codes, levels, ...) are the core's, as written in
    the checked-in JSON Schema, so a new reason code in the core fails here."""
    schema_path = ROOT / "schema" / "o2okit.schema.json"
    if not schema_path.exists():
        pytest.skip("no checked-in schema")
    defs = json.loads(schema_path.read_text(encoding="utf-8"))["$defs"]
    literals = stub_literals()
    assert literals["_Level"] == schema_enum(defs, "Level")
    assert literals["_Base"] == schema_enum(defs, "Base")
    assert literals["_ReasonCode"] == schema_enum(defs, "ReasonCode")
    assert literals["_HintCode"] == schema_enum(defs, "HintCode")
    kinds = {variant["properties"]["type"]["const"] for variant in defs["Discount"]["oneOf"]}
    assert literals["_DiscountKind"] == kinds
    # group-buy
    assert literals["_GroupBuyStatus"] == schema_enum(defs, "GroupBuyStatus")
    assert literals["_ParticipationStatus"] == schema_enum(defs, "ParticipationStatus")
    assert literals["_FailureReason"] == schema_enum(defs, "FailureReason")
    assert literals["_OutcomeKind"] == schema_enum(defs, "OutcomeKind")
    assert literals["_ProgressHintCode"] == schema_enum(defs, "ProgressHintCode")
    effects = {variant["properties"]["type"]["const"] for variant in defs["GroupBuyEffect"]["oneOf"]}
    assert literals["_EffectType"] == effects
    campaign_kinds = {variant["properties"]["type"]["const"] for variant in defs["GroupBuyKind"]["oneOf"]}
    assert literals["_GroupBuyKind"] == campaign_kinds
    # order lifecycles (voucher orders, store orders)
    assert literals["_LifecycleActor"] == schema_enum(defs, "LifecycleActor")
    assert literals["_VoucherOrderStatus"] == schema_enum(defs, "VoucherOrderStatus")
    assert literals["_StoreOrderStatus"] == schema_enum(defs, "StoreOrderStatus")
    assert literals["_Fulfilment"] == schema_enum(defs, "Fulfilment")
    assert literals["_SalesChannelKind"] == schema_enum(defs, "SalesChannelKind")
    assert literals["_Handover"] == schema_enum(defs, "Handover")
    for alias, name in [
        ("_VoucherOrderCommandType", "VoucherOrderCommand"),
        ("_VoucherOrderEffectType", "VoucherOrderEffect"),
        ("_StoreOrderCommandType", "StoreOrderCommand"),
        ("_StoreOrderEffectType", "StoreOrderEffect"),
    ]:
        tags = {variant["properties"]["type"]["const"] for variant in defs[name]["oneOf"]}
        assert literals[alias] == tags, alias
