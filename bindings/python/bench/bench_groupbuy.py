"""Time group-buy from Python: replaying 100,000 teams and simulate_teams on 100,000 teams.

Run after installing the package (e.g. with bindings/python/ci.sh):

    .venv/bin/python bindings/python/bench/bench_groupbuy.py [--scale 0.1] [--rounds 3]

Not a test. Each figure is the best of ``--rounds`` runs; variants are measured in interleaved
rounds so that a change in machine load affects them alike. ``--scale`` shrinks the inputs.

Replay: the shape of the Rust bench (crates/o2okit/benches/groupbuy.rs): 1,000 team-buy
campaigns of 100 teams of 10 (the opener and 9 more), every place paid, 2,000,000 events
(``open_team``, ``join``, ``payment_confirmed``), each team succeeding with vouchers.

- ``groupbuy_replay(campaign, events)``: Python values in (dicts, aware ``datetime``), a
  read-only ``GroupBuyReplay`` out (fields converted when read).
- ``groupbuy_replay(...).to_dict()``: the same, plus the whole result as wire dicts.
- ``call('groupbuy.replay', json_text)``: prebuilt JSON text in, wire dicts out (baseline 1).
- building the event dicts in pure Python, with no replay at all (baseline 2: the least a
  Python caller pays to have a log to replay).

Simulation: 100,000 teams x 10 joins x 5 sizes, one call each.

- ``simulate_teams`` with int offsets (the fast form), with ``timedelta`` offsets, and with
  ``(opened_at, [datetime, ...])`` pairs;
- ``groupbuy_simulate(mapping)`` and ``call('groupbuy.simulate', json_text)`` on the wire shape;
- a pure-Python count (members per team, then teams per size) for comparison.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import o2okit
from o2okit import Money

CST = timezone(timedelta(hours=8))
START = datetime(2026, 11, 22, 10, 0, tzinfo=CST)
TEAM_SIZE = 10

CAMPAIGN: dict[str, Any] = {
    "id": "bench",
    "deadline": datetime(2026, 12, 31, tzinfo=CST),
    "kind": {
        "type": "team_buy",
        "size": TEAM_SIZE,
        "window_seconds": 86400,
        "price": Money("19.90", "CNY"),
        "leader_price": Money("9.90", "CNY"),
    },
    "vouchers_per_participant": 1,
}


def log(campaign: int, teams: int, times: dict[int, datetime]) -> list[dict[str, Any]]:
    """One campaign's log, as in the Rust bench: team t opens at t minutes; its member j joins
    37 x j seconds later and pays one second after joining; events in time order."""
    joins = sorted((t * 60 + 37 * j, t, j) for t in range(teams) for j in range(TEAM_SIZE))
    events: list[tuple[int, int, dict[str, Any]]] = []
    for participation, (second, t, j) in enumerate(joins, start=1):
        customer = f"c{campaign}-{t}-{j}"
        if j == 0:
            event: dict[str, Any] = {"type": "open_team", "key": f"o{t}", "customer_id": customer}
        else:
            event = {"type": "join", "key": f"j{t}-{j}", "customer_id": customer, "team_id": f"t{t + 1}"}
        events.append((second, 0, event))
        pid = f"p{participation}"
        events.append((second + 1, 1, {"type": "payment_confirmed", "key": pid, "participation_id": pid}))
    # Stable by time; at one instant the joins (all placed first in the Rust bench) come first.
    events.sort(key=lambda e: (e[0], e[1]))
    return [{"at": times.setdefault(s, START + timedelta(seconds=s)), "event": e} for s, _, e in events]


def wire(value: Any) -> Any:
    if isinstance(value, Money):
        return value.to_dict()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [wire(v) for v in value]
    return value


def best_seconds(stmts: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    best = {name: float("inf") for name in stmts}
    for _ in range(rounds):
        for name, stmt in stmts.items():
            t0 = time.perf_counter()
            stmt()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def bench_replay(campaigns: int, teams: int, rounds: int) -> None:
    times: dict[int, datetime] = {}
    logs = [log(c, teams, times) for c in range(campaigns)]
    texts = [json.dumps({"campaign": wire(CAMPAIGN), "events": wire(events)}) for events in logs]
    events = sum(len(events) for events in logs)
    assert events == campaigns * teams * TEAM_SIZE * 2

    first = o2okit.groupbuy_replay(CAMPAIGN, logs[0])
    assert all(t.status == "succeeded" for t in first.state.teams)
    assert first.to_dict() == o2okit.call("groupbuy.replay", texts[0])
    print(
        f"replay: {campaigns} campaigns x {teams} teams x {TEAM_SIZE} joins = {campaigns * teams:,} teams, "
        f"{events:,} events; one campaign: {len(first.effects)} effects, "
        f"{len(first.state.participations)} participations"
    )

    def replay() -> None:
        for events in logs:
            o2okit.groupbuy_replay(CAMPAIGN, events)

    def replay_to_dict() -> None:
        for events in logs:
            o2okit.groupbuy_replay(CAMPAIGN, events).to_dict()

    def wire_call() -> None:
        for text in texts:
            o2okit.call("groupbuy.replay", text)

    def build_dicts() -> None:
        scratch: dict[int, datetime] = {}
        for c in range(campaigns):
            log(c, teams, scratch)

    s = best_seconds(
        {"replay": replay, "to_dict": replay_to_dict, "call": wire_call, "build": build_dicts}, rounds
    )
    rate = {name: events / seconds for name, seconds in s.items()}
    print(f"  groupbuy_replay(campaign, events)          : {s['replay']:7.2f} s  {rate['replay'] / 1e6:6.2f} M events/s")
    print(f"  groupbuy_replay(...).to_dict()             : {s['to_dict']:7.2f} s  {rate['to_dict'] / 1e6:6.2f} M events/s")
    print(f"  call('groupbuy.replay', json_text) baseline: {s['call']:7.2f} s  {rate['call'] / 1e6:6.2f} M events/s")
    print(f"  building the event dicts in Python only    : {s['build']:7.2f} s  {rate['build'] / 1e6:6.2f} M events/s")
    print(f"  ratio groupbuy_replay / call               : {s['replay'] / s['call']:7.2f}x")
    print(f"  ratio groupbuy_replay+to_dict / call       : {s['to_dict'] / s['call']:7.2f}x")
    print(f"  ratio groupbuy_replay / building the dicts : {s['replay'] / s['build']:7.2f}x")


def python_count(teams: list[list[int]], sizes: list[int], window: int) -> list[int]:
    """The pure-Python answer: members per team (the leader plus joins in the window), then
    the teams of at least each size."""
    members = [1 + sum(1 for s in team if s < window) for team in teams]
    return [sum(1 for m in members if m >= size) for size in sizes]


def bench_simulate(teams_count: int, rounds: int) -> None:
    window = 6 * 3600
    sizes = [2, 4, 6, 8, 10]
    # Deterministic spread: team i's joins come every (i % 37 + 1) x 2 minutes, so that 100%,
    # 100%, 95%, 68% and 51% of the teams reach 2, 4, 6, 8 and 10 members within 6 hours.
    offsets = [[(i % 37 + 1) * 120 * (j + 1) for j in range(10)] for i in range(teams_count)]
    as_timedeltas = [[timedelta(seconds=s) for s in team] for team in offsets]
    as_times = [(START, [START + timedelta(seconds=s) for s in team]) for team in offsets]
    request = {"sizes": sizes, "window_seconds": window, "target_success_rate": "0.8",
               "teams": [{"join_offsets": team} for team in offsets]}
    text = json.dumps(request)
    joins = teams_count * 10

    report = o2okit.simulate_teams(offsets, sizes=sizes, window=window, target_success_rate="0.8")
    assert [r.succeeded for r in report.results] == python_count(offsets, sizes, window)
    assert o2okit.simulate_teams(as_times, sizes=sizes, window=window, target_success_rate="0.8") == report
    assert o2okit.call("groupbuy.simulate", text) == report.to_dict()
    print(
        f"simulate: {teams_count:,} teams x 10 joins x {len(sizes)} sizes; success rates "
        f"{[str(r.success_rate) for r in report.results]}, largest size meeting 80%: "
        f"{report.largest_size_meeting_target}"
    )

    s = best_seconds(
        {
            "ints": lambda: o2okit.simulate_teams(offsets, sizes=sizes, window=window, target_success_rate="0.8"),
            "timedeltas": lambda: o2okit.simulate_teams(as_timedeltas, sizes=sizes, window=timedelta(hours=6)),
            "datetimes": lambda: o2okit.simulate_teams(as_times, sizes=sizes, window=window),
            "mapping": lambda: o2okit.groupbuy_simulate(request),
            "call": lambda: o2okit.call("groupbuy.simulate", text),
            "python": lambda: python_count(offsets, sizes, window),
        },
        rounds,
    )
    for name, label in [
        ("ints", "simulate_teams(int offsets)"),
        ("timedeltas", "simulate_teams(timedelta offsets)"),
        ("datetimes", "simulate_teams((opened_at, datetimes))"),
        ("mapping", "groupbuy_simulate(wire mapping)"),
        ("call", "call('groupbuy.simulate', json_text)"),
        ("python", "pure-Python count"),
    ]:
        print(f"  {label:<40}: {s[name] * 1e3:8.1f} ms  {joins / s[name] / 1e6:7.2f} M joins/s")
    print(f"  ratio simulate_teams(ints) / call          : {s['ints'] / s['call']:7.2f}x")
    print(f"  ratio simulate_teams(ints) / pure Python   : {s['ints'] / s['python']:7.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the inputs (e.g. 0.1)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    bench_replay(max(1, round(1000 * args.scale)), 100, args.rounds)
    bench_simulate(max(1, round(100_000 * args.scale)), args.rounds)


if __name__ == "__main__":
    main()
