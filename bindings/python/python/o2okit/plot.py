"""Plots of what-if tables (``pip install 'o2okit[plot]'``: matplotlib is an optional extra,
imported only when a plot is drawn).

Each function takes a :class:`o2okit.whatif.WhatIfTable`, draws on ``ax`` (a new figure when
none is given) and returns the matplotlib ``Figure``:

- :func:`split_by_role`: revenue per role, one bar per scenario (from :func:`whatif.split`);
- :func:`success_rate`: group-buy success rate against team size, one line per window (from
  :func:`whatif.team_sizes`), with an optional target line;
- :func:`discount_cost_over_time`: discount cost by funder per period, one line per funder
  and scenario (from :func:`whatif.promotions` or :func:`whatif.split` with ``freq``).

Amounts are exact decimals in the table; they become floats only as bar heights on the
screen, never in a computation.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any, Optional

from .whatif import WhatIfTable

__all__ = ["discount_cost_over_time", "split_by_role", "success_rate"]


def _plt() -> Any:
    try:
        return importlib.import_module("matplotlib.pyplot")
    except ImportError as err:  # pragma: no cover - exercised only without matplotlib
        raise ImportError("o2okit.plot needs matplotlib: pip install 'o2okit[plot]'") from err


def _axes(ax: Any, size: tuple[float, float]) -> tuple[Any, Any]:
    if ax is not None:
        return ax.figure, ax
    fig, ax = _plt().subplots(figsize=size)
    return fig, ax


def _height(value: Decimal) -> float:
    # Display only: a bar height on the screen.
    return float(value)


def _rows(table: WhatIfTable, metric: str) -> list[dict[str, Any]]:
    rows = [r for r in table.rows() if r["metric"] == metric]
    if not rows:
        raise ValueError(f"the table has no {metric!r} rows")
    return rows


def split_by_role(table: WhatIfTable, *, metric: str = "revenue", ax: Any = None) -> Any:
    """Grouped bars: one group per role (or rule), one bar per scenario."""
    rows = [r for r in _rows(table, metric) if r["period"] is None]
    groups = list(dict.fromkeys(r["group"] for r in rows))
    scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
    unit = rows[0]["unit"]
    value = {(r["scenario"], r["group"]): r["value"] for r in rows}
    fig, ax = _axes(ax, (max(6.0, 1.1 * len(groups)), 4.5))
    width = 0.8 / max(len(scenarios), 1)
    for i, scenario in enumerate(scenarios):
        xs = [g + (i - (len(scenarios) - 1) / 2) * width for g in range(len(groups))]
        ax.bar(xs, [_height(value.get((scenario, g), Decimal(0))) for g in groups], width, label=scenario)
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(groups, rotation=30, ha="right")
    ax.set_ylabel(f"{metric} ({unit})")
    ax.set_title(f"{metric.replace('_', ' ')} per {rows[0]['dimension']} and scenario")
    ax.legend(title="scenario")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig


def success_rate(table: WhatIfTable, *, target: Optional[Decimal] = None, ax: Any = None) -> Any:
    """Success rate (percent) against team size, one line per window scenario."""
    rows = _rows(table, "success_rate")
    fig, ax = _axes(ax, (6.5, 4.5))
    for scenario in dict.fromkeys(r["scenario"] for r in rows):
        points = sorted((int(r["group"]), r["value"]) for r in rows if r["scenario"] == scenario)
        ax.plot([p[0] for p in points], [_height(p[1] * 100) for p in points], marker="o", label=scenario)
    if target is not None:
        ax.axhline(_height(Decimal(target) * 100), color="grey", linestyle="--", label=f"target {Decimal(target) * 100:.0f}%")
    ax.set_xlabel("team size")
    ax.set_ylabel("teams that succeed (%)")
    ax.set_ylim(0, 100)
    ax.set_title("group-buy success rate by team size")
    ax.legend(title="window")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def discount_cost_over_time(table: WhatIfTable, *, metric: str = "discount_cost", ax: Any = None) -> Any:
    """Discount cost per period, one line per funder (and scenario, when there are
    several). The table needs periods (``freq=`` in the what-if call)."""
    rows = [r for r in _rows(table, metric) if r["period"] is not None]
    if not rows:
        raise ValueError("the table has no periods: run the what-if with freq='day', 'week' or 'month'")
    unit = rows[0]["unit"]
    scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
    fig, ax = _axes(ax, (8.0, 4.5))
    for scenario in scenarios:
        for group in dict.fromkeys(r["group"] for r in rows if r["scenario"] == scenario):
            points = sorted((r["period"], r["value"]) for r in rows
                            if r["scenario"] == scenario and r["group"] == group)
            label = group if len(scenarios) == 1 else f"{group} ({scenario})"
            ax.plot([p[0] for p in points], [_height(p[1]) for p in points], marker=".", label=label)
    ax.set_ylabel(f"{metric.replace('_', ' ')} ({unit})")
    ax.set_title(f"{metric.replace('_', ' ')} by funder over time")
    ax.legend(title="funder")
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig
