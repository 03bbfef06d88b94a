"""Time the order lifecycles from Python: replaying 100,000 full voucher order lifecycles
(flow 1) and 100,000 full store order lifecycles (flow 4).

Run after installing the package (e.g. with bindings/python/ci.sh):

    .venv/bin/python bindings/python/bench/bench_lifecycle.py [--scale 0.1] [--rounds 3] [--only store]

Not a test. Each figure is the best of ``--rounds`` runs; variants are measured in interleaved
rounds so that a change in machine load affects them alike. ``--scale`` shrinks the input.

The shape of the Rust bench (crates/o2okit/benches/lifecycle.rs): 100,000 orders of one voucher
of 3 uses (100.00 CNY), 6 commands each (600,000 in all): pay, redeem 1 use, redeem 1 more,
reverse the second inside the 10-minute window, settle (an 8% platform rule and the merchant's
remainder), expire (the 2 open uses refunded).

- ``voucher_order_replay(deal, order_id, customer_id, commands)``: Python values in (dicts,
  ``Money``, aware ``datetime``), wire dicts out.
- ``call('voucher_order.replay', json_text)``: prebuilt JSON text in, wire dicts out (the
  baseline: the same core work with no conversion of Python values on the way in).
- building the command dicts in pure Python, with no replay at all (what a caller pays to have
  a log to replay).

The store orders follow the Rust bench crates/o2okit/benches/store_order.rs: 100,000 flow 4
orders (a WeChat mini-program order of 88.00 CNY eaten in the store: 0.6% channel fee, 10% to
the store, the rest to the merchant), 5 commands each (place, accept, ready, complete, settle),
``store_order_replay(policy, ...)`` beside ``call('store_order.replay', json_text)``.
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
START = datetime(2026, 3, 1, 9, 0, tzinfo=CST)
EXPIRY = datetime(2026, 4, 1, tzinfo=CST)
EVENTS_PER_LIFECYCLE = 6

DEAL: dict[str, Any] = {
    "id": "hotpot-for-2",
    "price": Money("100.00", "CNY"),
    "vouchers": 1,
    "uses": 3,
    "valid_from": datetime(2026, 3, 1, tzinfo=CST),
    "valid_until": EXPIRY,
    "stores": ["S1", "S2"],
    "refund": "at_expiry",
    "reversal_minutes": 10,
    "plan": {
        "rules": [{"id": "platform", "to": {"role": "platform", "party_id": "meituan"}, "base": "gross_paid",
                   "pay": {"type": "percent", "percent": "8"}}],
        "remainder": {"role": "merchant", "party_id": "hotpot-house"},
    },
}
PRICE = Money("100.00", "CNY")


def log(n: int) -> list[dict[str, Any]]:
    """Order n's commands, as in the Rust bench."""
    paid = START + timedelta(seconds=n % 86_400)
    voucher = f"o-{n}/v1"

    def redeem(key: str) -> dict[str, Any]:
        return {"type": "redeem", "key": key, "actor": "staff", "voucher": voucher, "store_id": "S1", "count": 1}

    return [
        {"at": paid, "command": {"type": "pay", "key": "pay", "actor": "customer", "amount": PRICE}},
        {"at": paid + timedelta(days=1), "command": redeem("r-1")},
        {"at": paid + timedelta(days=1, hours=1), "command": redeem("r-2")},
        {"at": paid + timedelta(days=1, minutes=65),
         "command": {"type": "reverse", "key": "x-2", "actor": "staff", "redemption": "r-2"}},
        {"at": paid + timedelta(days=2), "command": {"type": "settle", "key": "settle", "actor": "platform"}},
        {"at": EXPIRY, "command": {"type": "expire", "key": "expire", "actor": "scheduler"}},
    ]


STORE_EVENTS_PER_LIFECYCLE = 5
STORE_POLICY: dict[str, Any] = {
    "id": "papa",
    "flow": "offline_to_online_to_offline",
    "currency": "CNY",
    "plan": {
        "rules": [{"id": "store", "to": {"role": "store"}, "base": "gross_paid",
                   "pay": {"type": "percent", "percent": "10"}}],
        "remainder": {"role": "merchant", "party_id": "papa-johns"},
    },
    "channels": [{"id": "wechat", "kind": "mini_program", "fee": {"type": "percent", "percent": "0.6"},
                  "fee_to": {"role": "payment_processor", "party_id": "wxpay"}}],
    "cancel_minutes": 5,
}
STORE_PRICE = Money("88.00", "CNY")


def store_log(n: int) -> list[dict[str, Any]]:
    """Store order n's commands (flow 4, dine-in), as in the Rust bench."""
    placed = START + timedelta(seconds=n % 86_400)
    return [
        {"at": placed, "command": {"type": "place", "key": "p", "actor": "customer", "channel": "wechat",
                                   "amount": STORE_PRICE, "fulfilment": "dine_in", "store_id": f"s-{n % 50}"}},
        {"at": placed + timedelta(minutes=1), "command": {"type": "accept", "key": "a", "actor": "staff"}},
        {"at": placed + timedelta(minutes=15), "command": {"type": "ready", "key": "r", "actor": "staff"}},
        {"at": placed + timedelta(minutes=16), "command": {"type": "complete", "key": "c", "actor": "staff"}},
        {"at": placed + timedelta(hours=11), "command": {"type": "settle", "key": "s", "actor": "platform"}},
    ]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the input (default 1: 100,000 lifecycles)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per variant; the best counts (default 3)")
    parser.add_argument("--only", choices=["voucher", "store"], help="run one lifecycle only (default: both)")
    args = parser.parse_args()
    lifecycles = max(1, int(100_000 * args.scale))
    if args.only != "store":
        voucher_orders(lifecycles, args.rounds)
    if args.only != "voucher":
        store_orders(lifecycles, args.rounds)


def voucher_orders(lifecycles: int, rounds: int) -> None:
    print("voucher orders (flow 1)")

    logs = [log(n) for n in range(lifecycles)]
    deal_wire = wire(DEAL)
    texts = [json.dumps({"deal": deal_wire, "order_id": f"o-{n}", "customer_id": f"c-{n}", "commands": wire(commands)})
             for n, commands in enumerate(logs)]
    events = lifecycles * EVENTS_PER_LIFECYCLE

    first = o2okit.voucher_order_replay(DEAL, "o-0", "c-0", logs[0])
    assert first.state.status == "closed"
    assert str(first.state.totals.settled.amount) == "33.33"
    assert str(first.state.totals.refunded.amount) == "66.67"
    assert first.to_dict() == o2okit.call("voucher_order.replay", texts[0])
    print(f"{lifecycles:,} lifecycles x {EVENTS_PER_LIFECYCLE} commands = {events:,} events; "
          f"one lifecycle: {len(first.effects)} effects")

    def replay() -> None:
        for n, commands in enumerate(logs):
            o2okit.voucher_order_replay(DEAL, f"o-{n}", f"c-{n}", commands)

    def wire_call() -> None:
        for text in texts:
            o2okit.call("voucher_order.replay", text)

    def build() -> None:
        for n in range(lifecycles):
            log(n)

    s = best_seconds({"replay": replay, "call": wire_call, "build": build}, rounds)
    for name, label in [
        ("replay", "voucher_order_replay(deal, ..., commands)"),
        ("call", "call('voucher_order.replay', json_text) baseline"),
        ("build", "building the command dicts in Python only"),
    ]:
        print(f"  {label:<48}: {s[name]:6.2f} s  {lifecycles / s[name]:9,.0f} lifecycles/s  "
              f"{events / s[name]:10,.0f} events/s")
    print(f"  ratio voucher_order_replay / call                : {s['replay'] / s['call']:6.2f}x")
    print(f"  ratio voucher_order_replay / building the dicts  : {s['replay'] / s['build']:6.2f}x")


def store_orders(lifecycles: int, rounds: int) -> None:
    print("store orders (flow 4: place, accept, ready, complete, settle)")
    logs = [store_log(n) for n in range(lifecycles)]
    policy_wire = wire(STORE_POLICY)
    texts = [json.dumps({"policy": policy_wire, "order_id": f"o-{n}", "customer_id": f"c-{n}",
                         "commands": wire(commands)})
             for n, commands in enumerate(logs)]
    events = lifecycles * STORE_EVENTS_PER_LIFECYCLE

    first = o2okit.store_order_replay(STORE_POLICY, "o-0", "c-0", logs[0])
    assert first.state.status == "closed"
    lines = [(line.party_id, str(line.amount.amount)) for line in first.effects[-1].ledger.lines]
    assert lines == [("wxpay", "0.53"), ("s-0", "8.80"), ("papa-johns", "78.67")], lines
    assert first.to_dict() == o2okit.call("store_order.replay", texts[0])
    print(f"{lifecycles:,} lifecycles x {STORE_EVENTS_PER_LIFECYCLE} commands = {events:,} events; "
          f"one lifecycle: {len(first.effects)} effects")

    def replay() -> None:
        for n, commands in enumerate(logs):
            o2okit.store_order_replay(STORE_POLICY, f"o-{n}", f"c-{n}", commands)

    def wire_call() -> None:
        for text in texts:
            o2okit.call("store_order.replay", text)

    s = best_seconds({"replay": replay, "call": wire_call}, rounds)
    for name, label in [
        ("replay", "store_order_replay(policy, ..., commands)"),
        ("call", "call('store_order.replay', json_text) baseline"),
    ]:
        print(f"  {label:<48}: {s[name]:6.2f} s  {lifecycles / s[name]:9,.0f} lifecycles/s  "
              f"{events / s[name]:10,.0f} events/s")
    print(f"  ratio store_order_replay / call                  : {s['replay'] / s['call']:6.2f}x")


if __name__ == "__main__":
    main()
