"""Time the revenue split from Python: N orders (default 100,000) through one plan of 6 rules
with time-decay attribution over 4 touches (the shape of crates/o2okit/benches/split.rs).

    .venv/bin/python bindings/python/bench/bench_split.py [--orders 100000] [--rounds 3]

Not a test. Variants run in interleaved rounds; each figure is the best round.

- ``split_batch(plan, orders)``: Python values in (``Money``, aware ``datetime``), wire dicts out,
  one core call;
- ``call('split.batch', json_text)``: prebuilt JSON text in (baseline: no Python conversion of
  the input);
- ``split(order, plan)`` once per order (baseline: one call per order).
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Callable

import o2okit
from o2okit import Money

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=CST)

PLAN: dict[str, Any] = {
    "rules": [
        {"id": "processor", "to": {"role": "payment_processor", "party_id": "wxpay"},
         "base": "customer_paid", "pay": {"type": "percent", "percent": "0.6"}},
        {"id": "platform", "to": {"role": "platform", "party_id": "mall"},
         "base": "gross_paid", "pay": {"type": "percent", "percent": "8"}, "cap": {"percent": "30"}},
        {"id": "delivery", "to": {"role": "logistics", "party_id": "rider-co"},
         "base": "delivery_fee", "pay": {"type": "percent", "percent": "100"}},
        {"id": "channel", "to": {"role": "marketing", "attribution": {"type": "time_decay"}},
         "base": "goods", "pay": {"type": "percent", "percent": "2"}},
        {"id": "store", "to": {"role": "store"}, "base": "goods", "pay": {"type": "percent", "percent": "1"}},
        {"id": "staff", "to": {"role": "store_staff"}, "base": "goods",
         "pay": {"type": "percent_plus_fixed", "percent": "0.5", "fixed": {"amount": "0.10", "currency": "CNY"}}},
    ],
    "parties": [{"role": "merchant", "party_id": "noodle-house"}],
}


def orders(n: int) -> list[dict[str, Any]]:
    state = 0x5EED
    out = []
    for i in range(n):
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        paid = 1000 + (state >> 33) % 50000
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        delivery = min((state >> 33) % 800, paid // 2)
        ages = sorted(((i * 7919 + k * 104729) % (30 * 86400) for k in range(4)), reverse=True)
        journey = [
            {"channel": ch, "party_id": f"media-{(i + t) % 50}", "at": NOW - timedelta(seconds=age)}
            for t, (ch, age) in enumerate(zip(["douyin", "wechat", "dianping", "store_qr"], ages))
        ]
        out.append({
            "id": f"o-{i}",
            "at": NOW,
            "paid": Money(Decimal(paid) / 100, "CNY"),
            "delivery_fee": Money(Decimal(delivery) / 100, "CNY"),
            "parties": [{"role": "store", "party_id": f"store-{i % 20}"},
                        {"role": "store_staff", "party_id": f"staff-{i % 60}"}],
            "journey": journey,
        })
    return out


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    batch = orders(args.orders)
    text = json.dumps({"plan": PLAN, "orders": wire(batch)})
    result = o2okit.split_batch(PLAN, batch)
    assert not result.errors and len(result.ledgers) == args.orders
    variants: dict[str, Callable[[], Any]] = {
        "split_batch(plan, orders)": lambda: o2okit.split_batch(PLAN, batch),
        "call('split.batch', json_text)": lambda: o2okit.call("split.batch", text),
        "split(order, plan) per order": lambda: [o2okit.split(o, PLAN) for o in batch],
    }
    best = {name: float("inf") for name in variants}
    for _ in range(args.rounds):
        for name, run in variants.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    print(f"{args.orders:,} orders, 6 rules + time decay over 4 touches, best of {args.rounds} rounds")
    for name, seconds in best.items():
        print(f"  {name:32s}: {seconds:7.2f} s  {args.orders / seconds:10,.0f} orders/s")
    base = best["call('split.batch', json_text)"]
    print(f"  ratio split_batch / call      : {best['split_batch(plan, orders)'] / base:.2f}x")
    print(f"  ratio per-order split / batch : {best['split(order, plan) per order'] / best['split_batch(plan, orders)']:.2f}x")


if __name__ == "__main__":
    main()
