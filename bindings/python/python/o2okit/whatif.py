"""What-if: one batch under several plans, promotion sets, team sizes or store networks, and
one tidy table to compare them.

Every function returns a :class:`WhatIfTable`: one row per scenario × group × metric, with
the columns ``scenario``, ``dimension`` (what the group is: ``role``, ``funder``,
``store``, ``team_size``, ``all``), ``group``, ``metric``, ``period`` (null unless ``freq``
was given), ``value`` (an exact ``decimal128(38, 4)``: money, counts and rates alike) and
``unit`` (the currency code for money, ``count`` or ``ratio``). Money is summed exactly, in
Arrow decimals; nothing goes through a float.

Scenarios are plain data: a mapping of names to what changes (a split plan, a
``CompiledPlan``, a list of promotions, a list of stores), or a list of dicts with a
``name`` and one of ``plan``, ``promotions``, ``stores``, ``team_size`` for :func:`run`.

- :func:`split`: revenue per role (or per rule) under each plan;
- :func:`promotions`: discount cost by funder, discounts and revenue under each promotion set;
- :func:`team_sizes`: group-buy success rate, teams succeeded and participants refunded per
  team size and window;
- :func:`stores`: the orders each store would fulfil, and the assignment rate, per network;
- :func:`run`: a list of scenario dicts of any of those kinds, one table.

``freq="day"|"week"|"month"`` adds a ``period`` (the start of the day, ISO week or month, in
the time zone of the time column) for metrics over time. Plots of these tables are in
:mod:`o2okit.plot` (``pip install 'o2okit[plot]'``).
"""

from __future__ import annotations

import html
import importlib
from decimal import Decimal
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import batch
from ._o2okit import Currency

__all__ = ["WhatIfTable", "promotions", "run", "split", "stores", "team_sizes"]

#: The type of the ``value`` column.
VALUE_SCALE = 4

Scenarios = Union[Mapping[str, Any], Sequence[tuple[str, Any]]]


def _pa() -> Any:
    return batch._pyarrow()


def _pc() -> Any:
    return importlib.import_module("pyarrow.compute")


def _schema() -> Any:
    pa = _pa()
    return pa.schema([
        ("scenario", pa.string()),
        ("dimension", pa.string()),
        ("group", pa.string()),
        ("metric", pa.string()),
        ("period", pa.timestamp("us", tz="UTC")),
        ("value", pa.decimal128(38, VALUE_SCALE)),
        ("unit", pa.string()),
    ])


class WhatIfTable:
    """A tidy what-if result (see the module docs for its columns). ``.table`` is the
    ``pyarrow.Table``; ``to_pandas()``, ``to_polars()``, ``pivot(metric)`` and
    ``value(...)`` read it; it is an Arrow stream itself (``__arrow_c_stream__``), so
    ``polars.DataFrame(w)`` works, and notebooks show it as an HTML table with amounts in
    their currency."""

    def __init__(self, table: Any) -> None:
        self.table = table

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> "WhatIfTable":
        pa = _pa()
        return cls(pa.Table.from_pylist(list(rows), schema=_schema()))

    @classmethod
    def concat(cls, parts: Iterable["WhatIfTable"]) -> "WhatIfTable":
        pa = _pa()
        tables = [p.table for p in parts]
        return cls(pa.concat_tables(tables) if tables else _schema().empty_table())

    def __len__(self) -> int:
        return int(self.table.num_rows)

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self.table.__arrow_c_stream__(requested_schema)

    @property
    def scenarios(self) -> list[str]:
        """The scenario names, in order of first appearance."""
        return list(dict.fromkeys(self.table.column("scenario").to_pylist()))

    def to_pandas(self) -> Any:
        """A pandas ``DataFrame`` (``value`` as exact ``decimal.Decimal`` objects)."""
        return self.table.to_pandas()

    def to_polars(self) -> Any:
        """A polars ``DataFrame`` (``value`` as ``Decimal(38, 4)``)."""
        return batch.to_polars(self.table)

    def rows(self) -> list[dict[str, Any]]:
        return list(self.table.to_pylist())

    def value(self, scenario: str, metric: str, group: str = "all", period: Any = None) -> Optional[Decimal]:
        """One value (a ``Decimal``), or ``None`` when the table has no such row."""
        for r in self.rows():
            if (r["scenario"], r["metric"], r["group"]) == (scenario, metric, group) and (
                period is None or r["period"] == period
            ):
                return r["value"] if isinstance(r["value"], Decimal) else Decimal(r["value"])
        return None

    def pivot(self, metric: str) -> Any:
        """A pandas table of one metric: one row per group (and period), one column per
        scenario, exact ``Decimal`` values."""
        frame = self.to_pandas()
        frame = frame[frame["metric"] == metric]
        index = ["group"] if frame["period"].isna().all() else ["period", "group"]
        return frame.pivot_table(index=index, columns="scenario", values="value", aggfunc="first", sort=False)

    def _format(self, value: Any, unit: str) -> str:
        if value is None:
            return ""
        d = value if isinstance(value, Decimal) else Decimal(value)
        if unit == "ratio":
            return f"{d * 100:.2f}%"
        if unit == "count":
            return f"{d:,.0f}"
        try:
            places = Currency(unit).minor_units
        except Exception:  # noqa: BLE001 - any other unit prints as it is
            return f"{d:,} {unit}"
        return f"{d:,.{places}f} {unit}"

    def __repr__(self) -> str:
        return (f"WhatIfTable({len(self)} rows, scenarios={self.scenarios!r}, "
                f"metrics={sorted(set(self.table.column('metric').to_pylist()))!r})")

    def _repr_html_(self, max_rows: int = 60) -> str:
        rows = self.rows()
        with_period = any(r["period"] is not None for r in rows)
        head = ["scenario", "dimension", "group", *(["period"] if with_period else []), "metric", "value"]
        out = ['<table class="o2okit-whatif">', "<thead><tr>"]
        out += [f"<th>{html.escape(h)}</th>" for h in head]
        out.append("</tr></thead><tbody>")
        for r in rows[:max_rows]:
            cells = [r["scenario"], r["dimension"], r["group"]]
            if with_period:
                cells.append(r["period"].date().isoformat() if r["period"] is not None else "")
            cells += [r["metric"], self._format(r["value"], r["unit"])]
            out.append("<tr>" + "".join(
                f'<td style="text-align:right">{html.escape(str(c))}</td>' if i == len(cells) - 1
                else f"<td>{html.escape(str(c))}</td>" for i, c in enumerate(cells)) + "</tr>")
        out.append("</tbody></table>")
        if len(rows) > max_rows:
            out.append(f"<p>… {len(rows) - max_rows:,} more rows ({len(rows):,} in all)</p>")
        return "".join(out)


def _items(scenarios: Scenarios) -> list[tuple[str, Any]]:
    if isinstance(scenarios, Mapping):
        items = list(scenarios.items())
    else:
        items = [(name, value) for name, value in scenarios]
    if not items:
        raise ValueError("give at least one scenario")
    names = [str(n) for n, _ in items]
    if len(set(names)) != len(names):
        raise ValueError(f"scenario names must be distinct: {names}")
    return [(str(n), v) for n, v in items]


def _exact(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _period(column: Any, freq: Optional[str]) -> Any:
    """The start of each value's day, week or month, as UTC timestamps (flooring happens in
    the column's own time zone)."""
    pa, pc = _pa(), _pc()
    if freq not in ("day", "week", "month"):
        raise ValueError(f"freq must be 'day', 'week' or 'month', not {freq!r}")
    if not pa.types.is_timestamp(column.type) or column.type.tz is None:
        raise TypeError("periods need a timestamp column with a time zone")
    options = {"week_starts_monday": True} if freq == "week" else {}
    floored = pc.floor_temporal(column, unit=freq, **options)
    return floored.cast(pa.timestamp("us", tz="UTC"))


def _sums(table: Any, keys: list[str], values: list[str]) -> list[dict[str, Any]]:
    """Exact sums of decimal ``values`` by ``keys`` (pyarrow group-by, decimals summed as
    decimals)."""
    grouped = table.group_by(keys, use_threads=False).aggregate([(v, "sum") for v in values] +
                                                               [(values[0], "count")])
    return list(grouped.to_pylist())


def split(
    orders: Any,
    scenarios: Scenarios,
    *,
    currency: Optional[str] = None,
    by: str = "role",
    freq: Optional[str] = None,
) -> WhatIfTable:
    """Revenue per role (``by="role"``) or per rule (``by="rule"``) under each plan: metric
    ``revenue`` (what the role receives, its subsidies netted), plus ``orders`` and
    ``failed_orders`` (group ``all``). With ``freq``, per period of the orders' ``at``."""
    pa, pc = _pa(), _pc()
    data = batch.arrow_input(orders)
    table = data if isinstance(data, pa.Table) else pa.table(data)
    period = _period(table.column("at"), freq) if freq else None
    rows: list[dict[str, Any]] = []
    for name, plan in _items(scenarios):
        compiled = plan if isinstance(plan, batch.CompiledPlan) else batch.CompiledPlan(plan)
        cur = currency or compiled.currency
        roles = _roles_of(table) if by == "role" else None
        wide = batch.split(table, compiled, currency=cur, by=by, roles=roles)
        cur = str(cur)
        columns = batch.split_columns(compiled, by=by, roles=roles)
        ok = pc.cast(pc.is_null(wide.column("error_code")), pa.int64())
        base = wide.select(columns).append_column("ok", ok)
        if period is not None:
            base = base.append_column("period", period)
        keys = ["period"] if period is not None else []
        if keys:
            groups = base.group_by(keys, use_threads=False).aggregate(
                [(c, "sum") for c in columns] + [("ok", "sum"), ("ok", "count")])
            records = groups.to_pylist()
        else:
            records = [{**{f"{c}_sum": pc.sum(base.column(c)).as_py() for c in columns},
                        "ok_sum": pc.sum(ok).as_py(), "ok_count": len(ok)}]
        for rec in records:
            when = rec.get("period")
            for c in columns:
                value = rec[f"{c}_sum"]
                rows.append({"scenario": name, "dimension": by, "group": c, "metric": "revenue",
                             "period": when, "value": _exact(value or 0), "unit": cur})
            good = int(rec["ok_sum"] or 0)
            rows.append({"scenario": name, "dimension": "all", "group": "all", "metric": "orders",
                         "period": when, "value": Decimal(good), "unit": "count"})
            rows.append({"scenario": name, "dimension": "all", "group": "all", "metric": "failed_orders",
                         "period": when, "value": Decimal(int(rec["ok_count"]) - good), "unit": "count"})
    return WhatIfTable.from_rows(rows)


def _roles_of(table: Any) -> list[str]:
    """The funder roles of an orders table's discounts (so every subsidy has its role's
    column)."""
    pa, pc = _pa(), _pc()
    if "discounts" not in table.column_names:
        return []
    flat = pc.list_flatten(table.column("discounts"))
    if len(flat) == 0:
        return []
    roles = pc.unique(pc.struct_field(flat, "funded_by_role")).to_pylist()
    return sorted(r for r in roles if r is not None)


def promotions(
    carts: Any,
    scenarios: Scenarios,
    *,
    currency: str,
    now: Any = None,
    channel: Optional[str] = None,
    freq: Optional[str] = None,
) -> WhatIfTable:
    """Each promotion set over the same carts: ``discount_cost`` per funder role (who pays
    the discounts, gifts at their value), and for group ``all``: ``revenue`` (what the
    customers pay), ``discount_total``, ``carts``, ``discounted_carts`` and
    ``failed_carts``. With ``freq``, per period of the carts' ``now``."""
    pa, pc = _pa(), _pc()
    data = batch.arrow_input(carts)
    table = data if isinstance(data, pa.Table) else pa.table(data)
    period = _period(table.column("now"), freq) if freq else None
    rows: list[dict[str, Any]] = []
    for name, promos in _items(scenarios):
        wide = batch.quote(table, promos, currency=currency, now=now, channel=channel)
        # Who pays what: the funded discounts of every cart, one row each.
        owners = pc.list_parent_indices(wide.column("funded"))
        funded = pc.list_flatten(wide.column("funded"))
        long = pa.table({
            "funded_by_role": pc.struct_field(funded, "funded_by_role"),
            "amount": pc.struct_field(funded, "amount"),
        })
        if period is not None:
            long = long.append_column("period", pc.take(period, owners))
        keys = ["period"] if period is not None else []
        for rec in _sums(long, keys + ["funded_by_role"], ["amount"]):
            rows.append({"scenario": name, "dimension": "funder", "group": rec["funded_by_role"],
                         "metric": "discount_cost", "period": rec.get("period"),
                         "value": _exact(rec["amount_sum"] or 0), "unit": currency})
        ok_bool = pc.is_null(wide.column("error_code"))
        ok = pc.cast(ok_bool, pa.int64())
        discounted = pc.cast(pc.and_(ok_bool, pc.greater(pc.fill_null(wide.column("discounts"), 0), 0)), pa.int64())
        base = wide.select(["total", "discount_total"]).append_column("ok", ok).append_column("discounted", discounted)
        if period is not None:
            base = base.append_column("period", period)
            records = base.group_by(["period"], use_threads=False).aggregate(
                [("total", "sum"), ("discount_total", "sum"), ("ok", "sum"), ("ok", "count"),
                 ("discounted", "sum")]).to_pylist()
        else:
            records = [{"total_sum": pc.sum(base.column("total")).as_py(),
                        "discount_total_sum": pc.sum(base.column("discount_total")).as_py(),
                        "ok_sum": pc.sum(ok).as_py(), "ok_count": len(ok),
                        "discounted_sum": pc.sum(discounted).as_py()}]
        for rec in records:
            when = rec.get("period")
            good = int(rec["ok_sum"] or 0)
            for metric, value, unit in [
                ("revenue", _exact(rec["total_sum"] or 0), currency),
                ("discount_total", _exact(rec["discount_total_sum"] or 0), currency),
                ("carts", Decimal(good), "count"),
                ("discounted_carts", Decimal(int(rec["discounted_sum"] or 0)), "count"),
                ("failed_carts", Decimal(int(rec["ok_count"]) - good), "count"),
            ]:
                rows.append({"scenario": name, "dimension": "all", "group": "all", "metric": metric,
                             "period": when, "value": value, "unit": unit})
    return WhatIfTable.from_rows(rows)


def team_sizes(
    teams: Any,
    *,
    sizes: Sequence[int],
    windows: Union[int, Mapping[str, int], Sequence[int]] = 86_400,
    price: Any = None,
    virtual_fill_min_real: Optional[int] = None,
) -> WhatIfTable:
    """Group-buy under each team size (group ``size``, dimension ``team_size``) and window
    (the scenario: ``24h``, or the names of a mapping of windows in seconds):
    ``success_rate`` (rounded down to 4 decimals, as the core reports it),
    ``teams_succeeded``, ``teams_virtually_filled``, ``teams_failed``, ``refunds``
    (participants refunded: every member of a failed team) and, with ``price`` (a
    ``Money``), ``refund_amount``."""
    if isinstance(windows, Mapping):
        named = [(str(k), int(v)) for k, v in windows.items()]
    else:
        seq = [windows] if isinstance(windows, int) else list(windows)
        named = [(_window_name(int(w)), int(w)) for w in seq]
    rows: list[dict[str, Any]] = []
    for name, window in named:
        report = batch.groupbuy_simulate(teams, sizes=sizes, window_seconds=window,
                                         virtual_fill_min_real=virtual_fill_min_real)
        for r in report.to_pylist():
            group = str(r["size"])
            metrics: list[tuple[str, Decimal, str]] = [
                ("success_rate", _exact(r["success_rate"]), "ratio"),
                ("teams_succeeded", Decimal(r["succeeded"]), "count"),
                ("teams_virtually_filled", Decimal(r["virtually_filled"]), "count"),
                ("teams_failed", Decimal(r["failed"]), "count"),
                ("refunds", Decimal(r["refunded"]), "count"),
            ]
            if price is not None:
                metrics.append(("refund_amount", price.amount * r["refunded"], price.currency))
            for metric, value, unit in metrics:
                rows.append({"scenario": name, "dimension": "team_size", "group": group, "metric": metric,
                             "period": None, "value": value, "unit": unit})
    return WhatIfTable.from_rows(rows)


def _window_name(seconds: int) -> str:
    if seconds % 3_600 == 0:
        return f"{seconds // 3_600}h"
    if seconds % 60 == 0:
        return f"{seconds // 60}min"
    return f"{seconds}s"


def stores(
    orders: Any,
    scenarios: Scenarios,
    *,
    currency: str,
    policy: Optional[Mapping[str, Any]] = None,
    now: Any = None,
) -> WhatIfTable:
    """Each store network over the same orders: per store, ``assigned_orders`` (the orders
    it would fulfil; a split order counts for each of its stores) and ``assignment_rate``
    (its share of all orders); for group ``all``: ``assigned``, ``split``, ``unassigned``,
    ``failed_orders`` and the overall ``assignment_rate``."""
    pa, pc = _pa(), _pc()
    rows: list[dict[str, Any]] = []
    for name, network in _items(scenarios):
        out = batch.assign(orders, network, currency=currency, policy=policy, now=now)
        total = out.num_rows
        flat = pc.list_flatten(out.column("stores"))
        counts = pc.value_counts(flat).to_pylist() if len(flat) else []
        per_store = {c["values"]: int(c["counts"]) for c in counts}
        for store in network:
            sid = store["id"]
            n = per_store.get(sid, 0)
            rows.append({"scenario": name, "dimension": "store", "group": sid, "metric": "assigned_orders",
                         "period": None, "value": Decimal(n), "unit": "count"})
            rows.append({"scenario": name, "dimension": "store", "group": sid, "metric": "assignment_rate",
                         "period": None, "value": _ratio(n, total), "unit": "ratio"})
        status = {c["values"]: int(c["counts"]) for c in pc.value_counts(out.column("status")).to_pylist()
                  if c["values"] is not None}
        assigned = status.get("assigned", 0) + status.get("split", 0)
        for metric, value in [("assigned", status.get("assigned", 0)), ("split", status.get("split", 0)),
                              ("unassigned", status.get("unassigned", 0)),
                              ("failed_orders", out.column("error_code").length() - out.column("error_code").null_count)]:
            rows.append({"scenario": name, "dimension": "all", "group": "all", "metric": metric,
                         "period": None, "value": Decimal(value), "unit": "count"})
        rows.append({"scenario": name, "dimension": "all", "group": "all", "metric": "assignment_rate",
                     "period": None, "value": _ratio(assigned, total), "unit": "ratio"})
    return WhatIfTable.from_rows(rows)


def _ratio(part: int, whole: int) -> Decimal:
    """part / whole rounded down to 4 decimals (as the core rounds rates)."""
    if whole == 0:
        return Decimal(0)
    return Decimal(part * 10_000 // whole).scaleb(-VALUE_SCALE)


def run(data: Any, scenarios: Sequence[Mapping[str, Any]], **options: Any) -> WhatIfTable:
    """Scenario dicts of any kind over one input: each has a ``name`` and one of ``plan``
    (:func:`split`), ``promotions`` (:func:`promotions`), ``stores`` (:func:`stores`) or
    ``team_size`` with ``window_seconds`` (:func:`team_sizes`). ``options`` go to the
    functions that take them (``currency``, ``freq``, ``now``, ``channel``, ``policy``,
    ``price``, ``by``)."""
    parts: list[WhatIfTable] = []
    for s in scenarios:
        name = s.get("name")
        if not name:
            raise ValueError(f"every scenario needs a name: {s!r}")
        kinds = [k for k in ("plan", "promotions", "stores", "team_size") if k in s]
        if len(kinds) != 1:
            raise ValueError(f"scenario {name!r} needs exactly one of plan, promotions, stores, team_size")
        kind = kinds[0]

        def pick(*keys: str) -> dict[str, Any]:
            return {k: options[k] for k in keys if k in options}

        if kind == "plan":
            parts.append(split(data, {name: s["plan"]}, **pick("currency", "by", "freq")))
        elif kind == "promotions":
            parts.append(promotions(data, {name: s["promotions"]}, **pick("currency", "now", "channel", "freq")))
        elif kind == "stores":
            parts.append(stores(data, {name: s["stores"]}, **pick("currency", "policy", "now")))
        else:
            window = int(s.get("window_seconds", 86_400))
            part = team_sizes(data, sizes=[int(s["team_size"])], windows={name: window},
                              **pick("price", "virtual_fill_min_real"))
            parts.append(part)
    return WhatIfTable.concat(parts)
