"""Group-buy: tipping points, team buys (拼团) and ladders (阶梯团) as a pure state machine, and
the analyst's team-size simulator.

Thin wrappers over the core's wire functions ``groupbuy.open``, ``groupbuy.step``,
``groupbuy.replay``, ``groupbuy.progress`` and ``groupbuy.simulate``: campaigns, events and
states as Python values in (prices as `Money`, times as aware `datetime`), records out.
``simulate_teams`` reads integer offsets straight into the core (no JSON per join).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Iterable, Mapping, Optional, SupportsIndex, Tuple, Union

from ._o2okit import _call, _simulate_teams
from ._types import Exact, Time, WireInput
from .records import GroupBuyProgress, GroupBuyReplay, GroupBuyState, GroupBuyStep, SimulationReport

#: A join in `simulate_teams`: seconds after the opening (an int, a NumPy integer or a
#: `timedelta`) or, in an ``(opened_at, joins)`` pair, an aware `datetime`.
Join = Union[SupportsIndex, timedelta, datetime]
#: A team of `simulate_teams`: its join offsets, or a pair ``(opened_at, joins)``.
SimulatedTeam = Union[Iterable[Union[SupportsIndex, timedelta]], Tuple[datetime, Iterable[Join]]]


def groupbuy_open(campaign: WireInput) -> GroupBuyState:
    """Validate a campaign (wire shape with Python values: prices as ``Money``, times as aware
    ``datetime``) and return its initial state."""
    return GroupBuyState(_call("groupbuy.open", {"campaign": campaign}))


def groupbuy_step(state: Union[GroupBuyState, WireInput], event: WireInput, now: Time) -> GroupBuyStep:
    """Apply one event (``{"type": "join", "key": ..., "customer_id": ..., "team_id": ...}``)
    at ``now``; returns the new state, the effects and the outcome. Pure: ``state`` is not
    changed and nothing is applied on an error (``GroupBuyError`` for a rejected event)."""
    return GroupBuyStep(_call("groupbuy.step", {"state": state, "event": event, "now": now}))


def groupbuy_replay(campaign: WireInput, events: Iterable[WireInput]) -> GroupBuyReplay:
    """Replay an event log ``[{"at": datetime, "event": {...}}, ...]`` (in time order) from the
    campaign's opening. The first rejected event raises with ``details["event_index"]``."""
    return GroupBuyReplay(_call("groupbuy.replay", {"campaign": campaign, "events": events}))


def groupbuy_progress(state: Union[GroupBuyState, WireInput], now: Time) -> GroupBuyProgress:
    """Where a campaign stands at ``now``: counts, what is still needed, time left, ladder
    prices and a hint, for the campaign and each team. Read-only."""
    return GroupBuyProgress(_call("groupbuy.progress", {"state": state, "now": now}))


def groupbuy_simulate(request: Union[WireInput, str]) -> SimulationReport:
    """The wire function ``groupbuy.simulate`` on ``{"sizes", "window_seconds",
    "virtual_fill"?, "target_success_rate"?, "teams"}``, a mapping or JSON text. See
    :func:`simulate_teams` for the idiomatic (and faster) form."""
    return SimulationReport(_call("groupbuy.simulate", request))


def simulate_teams(
    teams: Iterable[SimulatedTeam],
    *,
    sizes: Iterable[SupportsIndex],
    window: Union[SupportsIndex, timedelta],
    virtual_fill: Union[SupportsIndex, Mapping[str, Any], None] = None,
    target_success_rate: Optional[Exact] = None,
) -> SimulationReport:
    """Simulate team buys of several sizes over observed teams ("what team size makes 80% of
    teams succeed?"), in one call of the core.

    Each team is a sequence of join offsets after its opening (``int`` seconds or NumPy
    integers, the fast form: read with no conversion; or ``timedelta``) or a pair
    ``(opened_at, joins)`` whose joins are aware ``datetime``s. The leader counts as the
    first member; a join counts when ``offset < window`` (half-open, as in
    ``groupbuy_step``); every join is taken as paid. ``virtual_fill`` is the ``min_real`` of a
    virtual-fill rule; ``target_success_rate`` (``Decimal``/``str``/``int``, 0 to 1) marks the
    sizes that meet it and the largest that does.

    >>> from datetime import datetime, timedelta, timezone
    >>> import o2okit
    >>> opened = datetime(2026, 11, 22, 10, 0, tzinfo=timezone(timedelta(hours=8)))
    >>> report = o2okit.simulate_teams(
    ...     [
    ...         [60, 120, 7200],                      # offsets in seconds (7200 is too late)
    ...         [timedelta(seconds=30)],
    ...         (opened, [opened + timedelta(minutes=59)]),
    ...         [],                                   # nobody joined the leader
    ...     ],
    ...     sizes=[2, 3, 4],
    ...     window=timedelta(hours=1),
    ...     target_success_rate="0.5",
    ... )
    >>> [(r.size, r.succeeded, str(r.success_rate)) for r in report.results]
    [(2, 3, '0.7500'), (3, 1, '0.2500'), (4, 0, '0.0000')]
    >>> report.largest_size_meeting_target
    2
    """
    wire = _simulate_teams(
        teams,
        sizes=sizes,
        window=window,
        virtual_fill=virtual_fill,
        target_success_rate=target_success_rate,
    )
    return SimulationReport(wire)
