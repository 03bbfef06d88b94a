"""Membership: stored-value cards (principal and bonus kept apart) and points (lots that
expire on a calendar rule).

Thin wrappers over the core's wire functions ``card.apply``, ``card.replay``,
``points.replay`` and ``points.redeem``, pure functions over plain state values: pass the
state a previous call returned (or your stored copy of it) and get the next one back. Inputs
are the wire shapes as Python values: mappings and lists, amounts as ``Money``, ``Decimal``,
``int`` or ``str`` (never ``float``), times as aware ``datetime`` or RFC 3339 strings, points
as ``int``. Outputs are records (``CardStep``, ``CardReplay``, ``PointsReplay``,
``PointsRedemption``: amounts as ``Money``, times as aware ``datetime``; ``to_dict()`` gives
the wire JSON, which is also what the state arguments accept back). Errors are ``MembershipError`` (category ``membership``) or another ``O2OError`` subclass, with
``.code``; the error of a replayed log has ``details["event_index"]``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Mapping, Optional, Union

from ._o2okit import _call
from .records import CardReplay, CardState, CardStep, PointsRedemption, PointsReplay, PointsState


def _without_none(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def card_apply(
    card: Union[CardState, Mapping[str, Any]],
    event: Mapping[str, Any],
    at: Union[datetime, str],
    *,
    rules: Optional[Mapping[str, Any]] = None,
) -> CardStep:
    """Apply one event (``top_up``, ``spend``, ``refund``, ``close``) to a card's state
    (a ``CardState``) at ``at``: ``{"card": <the new state>, "entry": <its ledger entry>}``.
    ``rules`` (``CardRules``: ``bonus_tiers``, ``spend_order``, ...) default to none.

    >>> card = {"id": "c1", "currency": "CNY", "principal": {"amount": "100.00", "currency": "CNY"},
    ...         "bonus": {"amount": "20.00", "currency": "CNY"}, "as_of": "2026-03-01T10:00:00+08:00"}
    >>> spend = {"type": "spend", "order_id": "o1", "amount": {"amount": "60.00", "currency": "CNY"}}
    >>> step = card_apply(card, spend, "2026-03-02T12:00:00+08:00")
    >>> step.card.principal, step.card.bonus
    (Money('50.00', 'CNY'), Money('10.00', 'CNY'))
    """
    return CardStep(_call("card.apply", _without_none(card=card, rules=rules, event=event, at=at)))


def card_replay(
    card: Mapping[str, Any],
    events: Iterable[Mapping[str, Any]],
    *,
    rules: Optional[Mapping[str, Any]] = None,
) -> CardReplay:
    """Replay a card's event log (``[{"at", "event"}]``, in time order) from its opening
    (``{"id", "currency", "kind"?, "limits"?}``): ``{"card", "entries", "totals"}``, the same
    as :func:`card_apply` on each event in turn. The totals reconcile to the cent.

    >>> def cny(amount):
    ...     return {"amount": amount, "currency": "CNY"}
    >>> rules = {"bonus_tiers": [{"min_top_up": cny("100.00"), "bonus": cny("20.00")}]}
    >>> events = [
    ...     {"at": "2026-03-01T10:00:00+08:00", "event": {"type": "top_up", "amount": cny("100.00")}},
    ...     {"at": "2026-03-02T12:00:00+08:00",
    ...      "event": {"type": "spend", "order_id": "o1", "amount": cny("60.00")}},
    ... ]
    >>> replay = card_replay({"id": "c1", "currency": "CNY"}, events, rules=rules)
    >>> replay.card.principal, replay.card.bonus
    (Money('50.00', 'CNY'), Money('10.00', 'CNY'))
    """
    return CardReplay(_call("card.replay", _without_none(card=card, rules=rules, events=events)))


def points_replay(
    program: Mapping[str, Any],
    events: Iterable[Mapping[str, Any]],
    *,
    until: Optional[Union[datetime, str]] = None,
) -> PointsReplay:
    """Replay a points log (``[{"at", "event"}]``: ``earn``, ``redeem``, ``tick``, ..., in time
    order) under a programme (a ``PointsProgram``): ``{"state", "entries", "totals",
    "breakage"}``. ``until`` also expires what falls due after the last event, up to then.

    >>> program = {"earn": [{"type": "per_amount", "points": 1,
    ...                      "per": {"amount": "10.00", "currency": "CNY"}}],
    ...            "expiry": {"months_after": 6, "at": "end_of_month"}, "time_zone": "Asia/Shanghai"}
    >>> earn = {"type": "earn", "amount": {"amount": "105.00", "currency": "CNY"}}
    >>> replay = points_replay(program, [{"at": "2026-01-31T23:30:00+08:00", "event": earn}])
    >>> lot = replay.state.lots[0]
    >>> lot.points, lot.expires_at.isoformat()
    (10, '2026-08-01T00:00:00+08:00')
    """
    return PointsReplay(_call("points.replay", _without_none(program=program, events=events, until=until)))


def points_redeem(
    state: Union[PointsState, Mapping[str, Any]],
    program: Mapping[str, Any],
    points: int,
    at: Union[datetime, str],
    *,
    order_id: Optional[str] = None,
) -> PointsRedemption:
    """Redeem ``points`` from a member's points (a ``PointsState``) at ``at``, soonest-expiring
    lots first: ``{"state", "entries", "taken", "discount", "promotion"}``, where
    ``promotion`` is an amount-off promotion funded by the programme's payer, ready for
    ``quote``. The programme needs a ``point_value``; more points than are usable raise
    ``MembershipError`` (``insufficient_points``)."""
    request = _without_none(state=state, program=program, points=points, at=at, order_id=order_id)
    return PointsRedemption(_call("points.redeem", request))
