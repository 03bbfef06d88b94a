"""Group-buy from Python: groupbuy_open / _step / _replay / _progress / _simulate, the
analyst's helper simulate_teams, the read-only result classes and GroupBuyError."""

from __future__ import annotations

import doctest
import json
import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Callable, TypeVar

import pytest

import o2okit
from o2okit import (
    GroupBuyEffect,
    GroupBuyError,
    GroupBuyOutcome,
    GroupBuyProgress,
    GroupBuyReplay,
    GroupBuyState,
    GroupBuyStep,
    InputError,
    Money,
    MoneyError,
    O2OError,
    Participation,
    ProgressHint,
    Resolution,
    SimulationReport,
    SizeResult,
    Team,
    TeamProgress,
    VirtualFillReport,
    call,
    groupbuy_open,
    groupbuy_progress,
    groupbuy_replay,
    groupbuy_simulate,
    groupbuy_step,
    simulate_teams,
)

E = TypeVar("E", bound=O2OError)
CST = timezone(timedelta(hours=8))
DEADLINE = datetime(2026, 12, 1, tzinfo=CST)


def cny(amount: str) -> Money:
    return Money(Decimal(amount), "CNY")


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=CST)


def raised(cls: type[E], make: Callable[[], object]) -> E:
    with pytest.raises(cls) as info:
        make()
    return info.value


def tipping(min_participants: int = 10, **more: Any) -> dict[str, Any]:
    return {
        "id": "spa-day",
        "deadline": DEADLINE,
        "kind": {"type": "tipping_point", "min_participants": min_participants, "price": cny("199.00")},
        **more,
    }


def team_buy(**kind: Any) -> dict[str, Any]:
    return {
        "id": "hotpot-for-3",
        "deadline": DEADLINE,
        "kind": {
            "type": "team_buy",
            "size": 3,
            "window_seconds": 86400,
            "price": cny("99.00"),
            "leader_price": cny("89.00"),
            **kind,
        },
        "vouchers_per_participant": 1,
    }


LADDER = {
    "id": "tea-ladder",
    "deadline": DEADLINE,
    "kind": {
        "type": "ladder",
        "tiers": [
            {"min_participants": 1, "price": cny("100.00")},
            {"min_participants": 5, "price": cny("90.00")},
            {"min_participants": 10, "price": cny("80.00")},
        ],
    },
}


def join(key: str, customer: str, team: str | None = None) -> dict[str, Any]:
    event = {"type": "join", "key": key, "customer_id": customer}
    if team is not None:
        event["team_id"] = team
    return event


def pay(participation: str) -> dict[str, Any]:
    return {"type": "payment_confirmed", "key": f"pay-{participation}", "participation_id": participation}


def join_and_pay(count: int, start: datetime) -> list[dict[str, Any]]:
    """`count` customers join a tipping point or ladder a minute apart, each paying 30 s later."""
    events: list[dict[str, Any]] = []
    for i in range(1, count + 1):
        joined = start + timedelta(minutes=i)
        events.append({"at": joined, "event": join(f"j{i}", f"c{i}")})
        events.append({"at": joined + timedelta(seconds=30), "event": pay(f"p{i}")})
    return events


def of_type(effects: list[GroupBuyEffect], kind: str) -> list[GroupBuyEffect]:
    return [e for e in effects if e.type == kind]


def opened_team() -> GroupBuyStep:
    """A team of 3 opened by lea at 10:00 on Nov 22 (24 h window)."""
    state = groupbuy_open(team_buy())
    return groupbuy_step(state, {"type": "open_team", "key": "o1", "customer_id": "lea"}, at(22, 10))


# --- the three hand-computed cases -----------------------------------------------------------


def test_tipping_min_10_with_9_paid_at_the_deadline_fails_with_9_full_refunds() -> None:
    replay = groupbuy_replay(tipping(10), [*join_and_pay(9, at(22, 10)), {"at": DEADLINE, "event": {"type": "tick"}}])
    assert isinstance(replay, GroupBuyReplay)
    state = replay.state
    assert (state.status, state.failure_reason, state.ended_at) == ("failed", "below_minimum", DEADLINE)
    refunds = of_type(replay.effects, "refund_full")
    assert len(refunds) == 9
    assert [r.participation_id for r in refunds] == [f"p{i}" for i in range(1, 10)]
    assert all(r.amount == cny("199.00") for r in refunds)
    assert sum((r.amount for r in refunds if r.amount is not None), Money.zero("CNY")) == cny("1791.00")
    # 9 charges, then at the deadline 9 refunds and one failure notice.
    assert [e.type for e in replay.effects] == ["charge"] * 9 + ["refund_full"] * 9 + ["notify_failure"]
    notice = replay.effects[-1]
    assert (notice.reason, notice.team_id, notice.amount) == ("below_minimum", None, None)
    assert all(p.status == "refunded" and p.refunded == p.price for p in state.participations)
    last = replay.outcomes[-1]
    assert last.kind == "ticked"
    (resolution,) = last.resolved
    assert (resolution.team_id, resolution.status, resolution.reason) == (None, "failed", "below_minimum")


def test_team_window_is_half_open_09_59_59_accepted_10_00_01_rejected() -> None:
    opened = opened_team()
    state = opened.state
    team = state.team("t1")
    assert team is not None
    assert (team.opened_at, team.expires_at) == (at(22, 10), at(23, 10))

    accepted = groupbuy_step(state, join("j1", "ann", "t1"), at(23, 9, 59, 59))
    assert accepted.outcome.kind == "joined"
    assert (accepted.outcome.participation_id, accepted.outcome.team_id) == ("p2", "t1")
    (charge,) = accepted.effects
    assert (charge.type, charge.customer_id, charge.amount) == ("charge", "ann", cny("99.00"))

    late = raised(GroupBuyError, lambda: groupbuy_step(state, join("j1", "ann", "t1"), at(23, 10, 0, 1)))
    assert late.code == "team_expired"
    assert late.category == "groupbuy"
    assert "2026-11-23T10:00:00+08:00" in str(late)
    # Half-open: at exactly opened_at + window the team has expired too.
    assert raised(GroupBuyError, lambda: groupbuy_step(state, join("j1", "ann", "t1"), at(23, 10))).code == "team_expired"


def test_ladder_closing_with_10_members_refunds_130() -> None:
    replay = groupbuy_replay(LADDER, [*join_and_pay(10, at(22, 10)), {"at": DEADLINE, "event": {"type": "tick"}}])
    state = replay.state
    assert [p.price for p in state.participations] == [cny("100.00")] * 4 + [cny("90.00")] * 5 + [cny("80.00")]
    assert (state.status, state.final_price) == ("succeeded", cny("80.00"))
    refunds = of_type(replay.effects, "refund_difference")
    assert [(r.participation_id, r.paid, r.final_price, r.amount) for r in refunds] == [
        *[(f"p{i}", cny("100.00"), cny("80.00"), cny("20.00")) for i in range(1, 5)],
        *[(f"p{i}", cny("90.00"), cny("80.00"), cny("10.00")) for i in range(5, 10)],
    ]
    total = sum((r.amount for r in refunds if r.amount is not None), Money.zero("CNY"))
    assert total == cny("130.00")
    assert str(total) == "130.00 CNY"
    success = replay.effects[-1]
    assert (success.type, success.participants, success.final_price) == ("notify_success", 10, cny("80.00"))
    assert state.participation("p10") is not None
    p10 = state.participation("p10")
    assert p10 is not None and p10.refunded is None


# --- the state machine from Python -----------------------------------------------------------


def test_open_returns_a_read_only_state() -> None:
    state = groupbuy_open(tipping(2, max_participants=50))
    assert isinstance(state, GroupBuyState)
    assert (state.campaign_id, state.status, state.as_of, state.ended_at) == ("spa-day", "open", None, None)
    assert (state.teams, state.participations, state.processed) == ([], [], [])
    assert state.campaign.to_dict() == {
        "id": "spa-day",
        "kind": {"type": "tipping_point", "price": {"amount": "199.00", "currency": "CNY"}, "min_participants": 2},
        "deadline": "2026-12-01T00:00:00+08:00",
        "max_participants": 50,
    }
    assert repr(state) == "GroupBuyState(campaign_id='spa-day', status='open', teams=0, participations=0)"
    with pytest.raises(AttributeError):
        state.status = "failed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(state)


def test_step_is_pure_and_returns_typed_parts() -> None:
    opened = opened_team()
    assert isinstance(opened, GroupBuyStep)
    before = opened.state.to_dict()
    joined = groupbuy_step(opened.state, join("j1", "ann", "t1"), at(22, 11))
    assert opened.state.to_dict() == before  # the given state did not change
    state = joined.state
    assert (state.as_of, len(state.participations)) == (at(22, 11), 2)
    (team,) = state.teams
    assert isinstance(team, Team)
    assert (team.id, team.status, team.leader, team.members) == ("t1", "open", "p1", ["p1", "p2"])
    assert (team.ended_at, team.failure_reason, team.virtual_fill) == (None, None, None)
    leader, ann = state.participations
    assert isinstance(leader, Participation)
    assert (leader.customer_id, leader.team_id, leader.price, leader.status) == ("lea", "t1", cny("89.00"), "pending")
    assert (ann.joined_at, ann.paid_at, ann.refunded) == (at(22, 11), None, None)
    assert isinstance(joined.outcome, GroupBuyOutcome)
    assert repr(joined) == "GroupBuyStep(outcome='joined', effects=1, status='open')"
    assert repr(joined.outcome) == "GroupBuyOutcome(kind='joined', participation_id='p2', team_id='t1')"
    assert repr(joined.effects[0]) == (
        "GroupBuyEffect(type='charge', participation_id='p2', customer_id='ann', team_id='t1', "
        "amount=Money('99.00', 'CNY'))"
    )
    assert repr(team) == "Team(id='t1', status='open', leader='p1', members=2)"
    assert repr(ann) == "Participation(id='p2', customer_id='ann', status='pending', price=Money('99.00', 'CNY'))"


def test_team_fills_with_vouchers_and_a_retry_is_a_duplicate() -> None:
    s = opened_team().state
    s = groupbuy_step(s, join("j1", "ann", "t1"), at(22, 11)).state
    s = groupbuy_step(s, join("j2", "bo", "t1"), at(22, 12)).state
    s = groupbuy_step(s, pay("p1"), at(22, 12, 1)).state
    s = groupbuy_step(s, pay("p2"), at(22, 12, 2)).state
    done = groupbuy_step(s, {**pay("p3"), "amount": cny("99.00")}, at(22, 12, 3))
    assert [e.type for e in done.effects] == ["issue_vouchers"] * 3 + ["notify_success"]
    assert [e.count for e in done.effects[:3]] == [1, 1, 1]
    success = done.effects[-1]
    assert (success.team_id, success.participants, success.virtual_fill, success.final_price) == ("t1", 3, None, None)
    (resolution,) = done.outcome.resolved
    assert isinstance(resolution, Resolution)
    assert (resolution.team_id, resolution.status, resolution.reason) == ("t1", "succeeded", None)
    assert repr(resolution) == "Resolution(team_id='t1', status='succeeded', reason=None)"
    team = done.state.team("t1")
    assert team is not None and (team.status, team.ended_at) == ("succeeded", at(22, 12, 3))

    retry = groupbuy_step(done.state, {**pay("p3"), "amount": cny("99.00")}, at(22, 12, 4))
    assert (retry.outcome.kind, retry.outcome.key, retry.effects) == ("duplicate", "pay-p3", [])
    assert retry.state == done.state
    conflict = raised(GroupBuyError, lambda: groupbuy_step(done.state, {**pay("p2"), "key": "pay-p3"}, at(22, 13)))
    assert conflict.code == "idempotency_conflict"
    assert raised(GroupBuyError, lambda: groupbuy_step(done.state, join("j9", "cy", "t1"), at(22, 13))).code == "team_ended"


def test_virtual_fill_at_expiry_is_reported() -> None:
    s = groupbuy_open(team_buy(virtual_fill={"min_real": 2}))
    s = groupbuy_step(s, {"type": "open_team", "key": "o1", "customer_id": "lea"}, at(22, 10)).state
    s = groupbuy_step(s, join("j1", "ann", "t1"), at(22, 11)).state
    s = groupbuy_step(s, pay("p1"), at(22, 11, 1)).state
    s = groupbuy_step(s, pay("p2"), at(22, 11, 2)).state
    tick = groupbuy_step(s, {"type": "tick"}, at(23, 10))
    success = tick.effects[-1]
    assert success.type == "notify_success"
    assert isinstance(success.virtual_fill, VirtualFillReport)
    assert (success.virtual_fill.real, success.virtual_fill.filled) == (2, 1)
    assert repr(success.virtual_fill) == "VirtualFillReport(real=2, filled=1)"
    team = tick.state.team("t1")
    assert team is not None and team.virtual_fill == success.virtual_fill
    assert team.virtual_fill is not None and team.virtual_fill.to_dict() == {"real": 2, "filled": 1}


def test_state_round_trips_and_is_accepted_as_a_mapping() -> None:
    state = groupbuy_step(opened_team().state, join("j1", "ann", "t1"), at(22, 11)).state
    stored = json.dumps(state.to_dict())
    back = GroupBuyState.from_dict(json.loads(stored))
    assert back == state
    event, now = join("j2", "bo", "t1"), at(22, 12)
    by_object = groupbuy_step(state, event, now)
    by_mapping = groupbuy_step(json.loads(stored), event, now)
    assert by_object == by_mapping
    # A GroupBuyState inside a mapping goes to the wire as its record.
    wire = call("groupbuy.step", {"state": state, "event": event, "now": now})
    assert wire == by_object.to_dict()
    # Any time zone names the same instant; returned times keep the wire's fixed offset.
    in_utc = groupbuy_step(state, event, now.astimezone(timezone.utc))
    assert in_utc.state.as_of == now
    as_of = in_utc.state.as_of
    assert as_of is not None and as_of.utcoffset() == timedelta(0)
    assert by_object.state.to_dict()["as_of"] == "2026-11-22T12:00:00+08:00"


def test_terminal_state_absorbs_every_event() -> None:
    failed = groupbuy_replay(tipping(2), [*join_and_pay(1, at(22, 10)), {"at": DEADLINE, "event": {"type": "tick"}}]).state
    assert failed.status == "failed"
    later = DEADLINE + timedelta(days=1)
    for event in (join("j9", "zed"), {"type": "tick"}, {"type": "close", "key": "c"}, {**pay("p1"), "key": "new"}):
        err = raised(GroupBuyError, lambda: groupbuy_step(failed, event, later))
        assert err.code == "campaign_ended", event
        assert isinstance(err, O2OError) and isinstance(err, ValueError)
        assert err.details == {"code": "campaign_ended", "category": "groupbuy", "message": str(err)}
    # A retry of a command applied before the end is still a harmless duplicate.
    retry = groupbuy_step(failed, pay("p1"), later)
    assert (retry.outcome.kind, retry.effects, retry.state) == ("duplicate", [], failed)
    # Progress still reports the ended deal.
    progress = groupbuy_progress(failed, DEADLINE + timedelta(days=1))
    assert progress.status == "failed"
    assert progress.hint is not None and progress.hint.code == "ended"


def test_replay_error_carries_the_event_index() -> None:
    events = [
        {"at": at(22, 10), "event": join("k1", "ann")},
        {"at": at(22, 10, 1), "event": {"type": "payment_confirmed", "key": "k2", "participation_id": "p7"}},
    ]
    err = raised(GroupBuyError, lambda: groupbuy_replay(tipping(2), events))
    assert err.code == "unknown_participation"
    assert err.details["event_index"] == 1
    assert set(err.details) == {"code", "category", "message", "event_index"}
    assert str(err).startswith("event #1 of the log was rejected")
    # The same through the wire dispatcher.
    wire = raised(GroupBuyError, lambda: call("groupbuy.replay", {"campaign": tipping(2), "events": events}))
    assert wire.details == err.details
    # An inconsistent event (empty key) is an input error, still at its position.
    empty = raised(InputError, lambda: groupbuy_replay(tipping(2), [events[0], {"at": at(22, 11), "event": join("", "bo")}]))
    assert (empty.code, empty.details["event_index"]) == ("invalid_input", 1)
    # A bad campaign fails before any event: no index.
    bad = raised(InputError, lambda: groupbuy_replay(tipping(0), events))
    assert "event_index" not in bad.details


def test_errors_by_category() -> None:
    state = opened_team().state
    cases: list[tuple[type[O2OError], str, Callable[[], object]]] = [
        (GroupBuyError, "unknown_team", lambda: groupbuy_step(state, join("j", "ann", "t9"), at(22, 11))),
        (GroupBuyError, "already_member", lambda: groupbuy_step(state, join("j", "lea", "t1"), at(22, 11))),
        (GroupBuyError, "time_out_of_order", lambda: groupbuy_step(state, join("j", "ann", "t1"), at(22, 9))),
        (GroupBuyError, "event_not_allowed", lambda: groupbuy_step(state, join("j", "ann"), at(22, 11))),
        (
            GroupBuyError,
            "payment_mismatch",
            lambda: groupbuy_step(state, {**pay("p1"), "amount": cny("99.00")}, at(22, 11)),
        ),
        (InputError, "invalid_input", lambda: groupbuy_open(team_buy(size=1))),
        (o2okit.CurrencyError, "currency_mismatch", lambda: groupbuy_open(team_buy(leader_price=Money("1", "USD")))),
    ]
    for cls, code, make in cases:
        err = raised(cls, make)
        assert err.code == code, (code, str(err))


# --- bad input ---------------------------------------------------------------------------------


def test_float_money_is_rejected() -> None:
    with pytest.raises(MoneyError) as info:
        Money(99.0, "CNY")  # type: ignore[arg-type]
    assert info.value.code == "number_for_money"
    campaign = tipping()
    campaign["kind"]["price"] = {"amount": 199.0, "currency": "CNY"}
    assert raised(MoneyError, lambda: groupbuy_open(campaign)).code == "number_for_money"
    state = opened_team().state
    paid_in_float = {**pay("p1"), "amount": {"amount": 89.0, "currency": "CNY"}}
    assert raised(MoneyError, lambda: groupbuy_step(state, paid_in_float, at(22, 11))).code == "number_for_money"


def test_naive_datetimes_are_rejected_naming_the_field() -> None:
    state = opened_team().state
    naive = datetime(2026, 11, 22, 11, 0)
    err = raised(InputError, lambda: groupbuy_step(state, join("j", "ann", "t1"), naive))
    assert err.code == "invalid_input"
    assert str(err).startswith("invalid now: a naive datetime")
    assert raised(InputError, lambda: groupbuy_progress(state, naive)).code == "invalid_input"
    log = [{"at": at(22, 10), "event": join("j1", "ann")}, {"at": naive, "event": join("j2", "bo")}]
    assert "events[1].at" in str(raised(InputError, lambda: groupbuy_replay(tipping(), log)))
    assert "campaign.deadline" in str(raised(InputError, lambda: groupbuy_open(tipping(deadline=naive))))


def test_unknown_event_type_and_bad_shapes_are_input_errors() -> None:
    state = opened_team().state
    err = raised(InputError, lambda: groupbuy_step(state, {"type": "teleport", "key": "k"}, at(22, 11)))
    assert err.code == "invalid_json"
    assert "teleport" in str(err) and "payment_confirmed" in str(err)
    unknown_field = {**join("j", "ann", "t1"), "coupon": "x"}
    assert raised(InputError, lambda: groupbuy_step(state, unknown_field, at(22, 11))).code == "invalid_json"
    numeric_id = {"type": "join", "key": "j", "customer_id": 42, "team_id": "t1"}
    assert raised(InputError, lambda: groupbuy_step(state, numeric_id, at(22, 11))).code == "invalid_json"
    assert raised(InputError, lambda: groupbuy_step({"status": "open"}, {"type": "tick"}, at(22, 11))).code == "invalid_json"
    with pytest.raises(InputError):
        GroupBuyState.from_dict({"campaign": tipping()})


# --- progress ----------------------------------------------------------------------------------


def test_progress_of_a_team_and_of_a_ladder() -> None:
    progress = groupbuy_progress(opened_team().state, at(23, 6, 48))
    assert isinstance(progress, GroupBuyProgress)
    assert (progress.kind, progress.status, progress.now, progress.target) == ("team_buy", "open", at(23, 6, 48), None)
    (team,) = progress.teams
    assert isinstance(team, TeamProgress)
    assert (team.count, team.paid, team.pending, team.size, team.needed, team.percent) == (1, 0, 1, 3, 2, 33)
    assert team.remaining_seconds == 3 * 3600 + 12 * 60
    assert isinstance(team.hint, ProgressHint)
    assert (team.hint.code, team.hint.message, team.hint.needed) == (
        "people_needed",
        "2 more people needed within 3 h 12 min",
        2,
    )

    nine = groupbuy_replay(LADDER, join_and_pay(9, at(22, 10))).state
    ladder = groupbuy_progress(nine, at(30, 20, 48))
    assert (ladder.count, ladder.current_price, ladder.join_price) == (9, cny("90.00"), cny("80.00"))
    assert (ladder.next_price, ladder.next_tier_at, ladder.final_price) == (cny("80.00"), 10, None)
    assert ladder.hint is not None
    assert (ladder.hint.code, ladder.hint.message, ladder.hint.price) == ("next_tier", "1 more to reach 80.00", cny("80.00"))
    assert repr(ladder.hint) == "ProgressHint(code='next_tier', message='1 more to reach 80.00')"
    assert ladder.to_dict()["hint"]["price"] == {"amount": "80.00", "currency": "CNY"}
    assert ladder == groupbuy_progress(nine.to_dict(), at(30, 20, 48))


# --- simulate_teams ------------------------------------------------------------------------------


def test_simulate_teams_answers_the_80_percent_question() -> None:
    # 10 teams; team i had i joins within the hour (and one too late): with the leader, team i
    # has i + 1 members. Size n succeeds for the teams with i >= n - 1.
    teams = [[60 * j for j in range(1, i + 1)] + [3600] for i in range(10)]
    report = simulate_teams(teams, sizes=[2, 3, 4, 5], window=3600, target_success_rate=Decimal("0.8"))
    assert isinstance(report, SimulationReport)
    assert report.teams == 10
    rows = [(r.size, r.succeeded, r.failed, r.success_rate, r.meets_target) for r in report.results]
    assert rows == [
        (2, 9, 1, Decimal("0.9000"), True),
        (3, 8, 2, Decimal("0.8000"), True),
        (4, 7, 3, Decimal("0.7000"), False),
        (5, 6, 4, Decimal("0.6000"), False),
    ]
    assert report.largest_size_meeting_target == 3
    assert isinstance(report.results[0], SizeResult)
    assert repr(report) == "SimulationReport(teams=10, sizes=[2, 3, 4, 5], largest_size_meeting_target=3)"
    assert repr(report.results[1]) == (
        "SizeResult(size=3, succeeded=8, virtually_filled=0, failed=2, success_rate=Decimal('0.8000'), meets_target=True)"
    )


def test_simulate_teams_forms_agree_with_the_wire() -> None:
    opened = at(22, 10)
    offsets = [[600, 3000, 90000], [120], [60, 300, 1200, 86399], [], [86400, 100000]]
    as_timedeltas = [[timedelta(seconds=s) for s in team] for team in offsets]
    as_times = [(opened, [opened + timedelta(seconds=s) for s in team]) for team in offsets]
    in_utc = [(opened.astimezone(timezone.utc), [t.astimezone(timezone.utc) for t in joins]) for _, joins in as_times]
    kwargs: dict[str, Any] = {"sizes": [2, 3, 4, 5], "target_success_rate": "0.4"}
    expected = simulate_teams(offsets, window=86400, **kwargs)
    assert expected.largest_size_meeting_target == 3
    assert simulate_teams(as_timedeltas, window=timedelta(days=1), **kwargs) == expected
    assert simulate_teams(as_times, window=86400, **kwargs) == expected
    assert simulate_teams(in_utc, window=86400, **kwargs) == expected
    assert simulate_teams(tuple(tuple(t) for t in offsets), window=86400, **kwargs) == expected
    assert simulate_teams((iter(t) for t in offsets), window=86400, **kwargs) == expected
    as_lists: Any = [[opened, joins] for opened, joins in as_times]  # a pair may be a list too
    assert simulate_teams(as_lists, window=86400, **kwargs) == expected
    mixed: list[tuple[datetime, list[datetime | int]]] = [
        (opened, [*joins[:1], *offsets[i][1:]]) for i, (_, joins) in enumerate(as_times)
    ]
    assert simulate_teams(mixed, window=86400, **kwargs) == expected
    request = {"sizes": [2, 3, 4, 5], "window_seconds": 86400, "target_success_rate": Decimal("0.4"),
               "teams": [{"join_offsets": t} for t in offsets]}
    assert groupbuy_simulate(request) == expected
    assert groupbuy_simulate(json.dumps({**request, "target_success_rate": "0.4"})) == expected
    assert call("groupbuy.simulate", request) == expected.to_dict()


def test_simulate_teams_window_boundary_and_virtual_fill() -> None:
    teams: list[list[int | timedelta]] = [
        [3599],
        [3600],
        [timedelta(seconds=3599, microseconds=999999)],
        [1, 2],
    ]
    report = simulate_teams(teams, sizes=[2, 3], window=timedelta(hours=1))
    assert [(r.size, r.succeeded) for r in report.results] == [(2, 3), (3, 1)]
    assert report.largest_size_meeting_target is None
    assert all(r.meets_target is None for r in report.results)
    filled = simulate_teams(teams, sizes=[3], window=3600, virtual_fill=2)
    (row,) = filled.results
    assert (row.succeeded, row.virtually_filled, row.failed) == (3, 2, 1)
    assert simulate_teams(teams, sizes=[3], window=3600, virtual_fill={"min_real": 2}) == filled


def test_simulate_teams_matches_a_python_count_on_random_teams() -> None:
    rng = random.Random(7)
    window = 6 * 3600
    teams = [[rng.randrange(0, 2 * window) for _ in range(rng.randrange(0, 12))] for _ in range(5000)]
    sizes = [2, 3, 5, 8, 13]
    report = simulate_teams(teams, sizes=sizes, window=window, target_success_rate="0.25")
    members = [1 + sum(1 for s in team if s < window) for team in teams]
    for size, row in zip(sizes, report.results):
        succeeded = sum(1 for m in members if m >= size)
        assert (row.size, row.succeeded, row.failed) == (size, succeeded, len(teams) - succeeded)
        assert row.success_rate == (Decimal(succeeded * 10000 // len(teams)) / 10000).quantize(Decimal("0.0001"))
        assert row.meets_target == (succeeded * 4 >= len(teams))


def test_simulate_teams_bad_input() -> None:
    opened = at(22, 10)

    def sim(teams: Any, **kw: Any) -> SimulationReport:
        kw.setdefault("sizes", [2])
        kw.setdefault("window", 3600)
        return simulate_teams(teams, **kw)

    for teams, needle in [
        ([[1.5]], "teams[0][0]"),
        ([[1], [-1]], "teams[1][0]"),
        ([[True]], "teams[0][0]"),
        ([[timedelta(seconds=-1)]], "before the team opened"),
        ([[opened]], "needs the team's opening"),
        ([(datetime(2026, 11, 22, 10), [1])], "teams[0].opened_at: a naive datetime"),
        ([(opened, [datetime(2026, 11, 22, 11)])], "teams[0].joins[0]: a naive datetime"),
        ([(opened, [opened - timedelta(seconds=1)])], "is before the team opened"),  # the core's check
    ]:
        err = raised(InputError, lambda: sim(teams))
        assert err.code == "invalid_input", teams
        assert needle in str(err), (needle, str(err))
    assert raised(InputError, lambda: sim([[1]], sizes=[1])).code == "invalid_input"
    assert raised(InputError, lambda: sim([[1]], sizes=[-2])).code == "invalid_json"
    assert raised(InputError, lambda: sim([])).code == "invalid_input"
    assert raised(InputError, lambda: sim([[1]], window=0)).code == "invalid_input"
    assert raised(InputError, lambda: sim([[1]], window=1.5)).code == "invalid_input"
    assert raised(InputError, lambda: sim([[1]], window=timedelta(seconds=1.5))).code == "invalid_input"
    assert raised(MoneyError, lambda: sim([[1]], target_success_rate=0.8)).code == "invalid_decimal"
    assert raised(InputError, lambda: sim([[1]], target_success_rate="1.5")).code == "invalid_input"
    assert raised(GroupBuyError, lambda: sim([[1]], sizes=[2] * 1001)).code == "simulation_too_large"
    for bad in ("abc", {"a": 1}, [{"join_offsets": [1]}], [["1"]]):
        with pytest.raises(TypeError):
            sim(bad)
    with pytest.raises(TypeError):
        sim([[1]], window="3600")


def test_simulate_teams_docstring_example_runs() -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder().find(simulate_teams, "simulate_teams", globs={}):
        runner.run(test)
    assert runner.summarize(verbose=False).attempted >= 3
    assert runner.summarize(verbose=False).failed == 0
