"""o2okit.whatif tables (exact sums, every kind of scenario, periods, HTML) and o2okit.plot
(each plot rendered to a real PNG when matplotlib is installed)."""

from __future__ import annotations

import struct
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

import o2okit  # noqa: E402
from o2okit import Money, batch, datasets, whatif  # noqa: E402

CST = timezone(timedelta(hours=8))


@pytest.fixture(scope="module")
def orders() -> Any:
    return datasets.orders(4000, seed=12, days=28)


@pytest.fixture(scope="module")
def commission(orders: Any) -> whatif.WhatIfTable:
    return whatif.split(orders, {"8%": datasets.plan("8"), "6%": datasets.plan("6")})


def test_split_revenue_per_role_is_the_sum_of_the_ledgers(orders: Any, commission: whatif.WhatIfTable) -> None:
    sample = orders.slice(0, 4000)
    long = batch.split(sample, datasets.plan("8"), currency="CNY", shape="long")
    by_role: dict[str, Decimal] = {}
    for r in long.to_pylist():
        by_role[r["role"]] = by_role.get(r["role"], Decimal(0)) + r["amount"]
    for role, total in by_role.items():
        assert commission.value("8%", "revenue", role) == total
    paid = sum(orders.column("paid").to_pylist(), Decimal(0))
    for scenario in ("8%", "6%"):
        revenue = [r["value"] for r in commission.rows() if r["scenario"] == scenario and r["metric"] == "revenue"]
        assert sum(revenue, Decimal(0)) == paid  # a split moves money, it never makes any
    assert commission.value("6%", "revenue", "platform") < commission.value("8%", "revenue", "platform")
    assert commission.value("8%", "orders") == 4000
    assert commission.table.schema.field("value").type == pa.decimal128(38, 4)


def test_whatif_tables_pickle_and_deep_copy(commission: whatif.WhatIfTable) -> None:
    import copy
    import pickle

    for again in (pickle.loads(pickle.dumps(commission)), copy.deepcopy(commission), copy.copy(commission)):
        assert isinstance(again, whatif.WhatIfTable)
        assert again.rows() == commission.rows()
        assert again.table.schema == commission.table.schema
    assert "<table" in pickle.loads(pickle.dumps(commission))._repr_html_()


def test_compiled_plans_and_by_rule(orders: Any) -> None:
    table = whatif.split(orders, [("compiled", batch.CompiledPlan(datasets.plan()))], by="rule")
    assert {r["group"] for r in table.rows() if r["metric"] == "revenue"} == {
        "processor", "platform", "delivery", "channel", "store", "staff", "remainder", "subsidies"}


def test_split_over_time(orders: Any) -> None:
    weekly = whatif.split(orders, {"8%": datasets.plan("8")}, freq="week")
    periods = {r["period"] for r in weekly.rows()}
    assert None not in periods and len(periods) >= 4
    for p in periods:
        assert p.astimezone(CST).weekday() == 0 and p.astimezone(CST).hour == 0  # Monday 00:00 local
    total = sum((r["value"] for r in weekly.rows() if r["metric"] == "orders"), Decimal(0))
    assert total == 4000


def test_promotions_discount_cost_by_funder() -> None:
    carts = datasets.carts(1500, seed=13, days=28)
    table = whatif.promotions(carts, {"everyday": datasets.promotions("everyday"),
                                      "weekend": datasets.promotions("weekend")}, currency="CNY")
    long = batch.quote(carts, datasets.promotions("weekend"), currency="CNY", shape="long").to_pylist()
    platform = sum((r["amount"] for r in long if r["funded_by_role"] == "platform"), Decimal(0))
    assert table.value("weekend", "discount_cost", "platform") == platform > 0
    assert table.value("everyday", "discount_cost", "platform") is None
    wide = batch.quote(carts, datasets.promotions("weekend"), currency="CNY")
    assert table.value("weekend", "revenue") == sum(wide.column("total").to_pylist(), Decimal(0))
    assert table.value("weekend", "carts") == 1500
    weekly = whatif.promotions(carts, {"weekend": datasets.promotions("weekend")}, currency="CNY", freq="week")
    assert sum((r["value"] for r in weekly.rows() if r["group"] == "platform"), Decimal(0)) == platform


@pytest.fixture(scope="module")
def teams_table() -> whatif.WhatIfTable:
    teams = datasets.teams(5000, seed=14)
    return whatif.team_sizes(teams, sizes=[2, 3, 4, 5], windows=[43_200, 86_400], price=Money("39.90", "CNY"))


def test_team_sizes(teams_table: whatif.WhatIfTable) -> None:
    assert teams_table.scenarios == ["12h", "24h"]
    rates = [teams_table.value("24h", "success_rate", str(s)) for s in (2, 3, 4, 5)]
    assert rates == sorted(rates, reverse=True)  # success never rises with the size
    assert all(Decimal(0) <= r <= 1 for r in rates)
    refunds = teams_table.value("24h", "refunds", "3")
    assert teams_table.value("24h", "refund_amount", "3") == refunds * Decimal("39.90")
    assert teams_table.value("12h", "success_rate", "3") <= teams_table.value("24h", "success_rate", "3")


def test_stores_assignment_rates() -> None:
    orders = datasets.deliveries(2000, seed=15)
    today = datasets.stores(10, seed=2)
    new = dict(today[0], id="store-new", location={"lat": 31.30, "lng": 121.55})
    table = whatif.stores(orders, {"today": today, "plus one": [*today, new]}, currency="CNY")
    assigned = table.value("today", "assigned") + table.value("today", "split")
    per_store = sum((r["value"] for r in table.rows() if r["scenario"] == "today"
                     and r["metric"] == "assigned_orders"), Decimal(0))
    assert per_store == assigned  # no split orders with the default policy
    assert table.value("plus one", "assignment_rate") >= table.value("today", "assignment_rate")
    assert table.value("plus one", "assigned_orders", "store-new") is not None


def test_run_mixes_scenario_kinds_and_checks_them(orders: Any) -> None:
    table = whatif.run(orders, [{"name": "8%", "plan": datasets.plan("8")},
                                {"name": "5%", "plan": datasets.plan("5")}], currency="CNY")
    assert table.scenarios == ["8%", "5%"]
    with pytest.raises(ValueError):
        whatif.run(orders, [{"name": "x"}])
    with pytest.raises(ValueError):
        whatif.split(orders, [("a", datasets.plan()), ("a", datasets.plan())])


def test_html_and_conversions(commission: whatif.WhatIfTable) -> None:
    html = commission._repr_html_()
    assert html.startswith("<table") and "<th>scenario</th>" in html
    assert " CNY</td>" in html and "8%" in html
    platform = commission.value("8%", "revenue", "platform")
    assert f"{platform:,.2f} CNY" in html
    assert "WhatIfTable(" in repr(commission)
    frame = commission.pivot("revenue")
    assert list(frame.columns) == ["8%", "6%"] and isinstance(frame.loc["platform", "8%"], Decimal)
    polars = pytest.importorskip("polars")
    assert polars.DataFrame(commission).height == len(commission)


# ---- plots -----------------------------------------------------------------------------

def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "a real PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_plots_render_real_images(tmp_path: Path, orders: Any, commission: whatif.WhatIfTable,
                                  teams_table: whatif.WhatIfTable) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from o2okit import plot

    carts = datasets.carts(1200, seed=16, days=28)
    weekly = whatif.promotions(carts, {"weekend": datasets.promotions("weekend")}, currency="CNY", freq="week")
    figures = {
        "split.png": plot.split_by_role(commission),
        "sizes.png": plot.success_rate(teams_table, target=Decimal("0.8")),
        "cost.png": plot.discount_cost_over_time(weekly),
    }
    for name, fig in figures.items():
        path = tmp_path / name
        fig.savefig(path, dpi=80)
        width, height = png_size(path)
        assert 300 <= width <= 2000 and 200 <= height <= 1500, (name, width, height)
        assert path.stat().st_size > 8_000, name  # axes, bars and labels, not a blank canvas
        matplotlib.pyplot.close(fig)
    with pytest.raises(ValueError):
        plot.discount_cost_over_time(commission)
