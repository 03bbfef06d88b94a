"""Revenue split of N generated orders from Python, every way there is (issue 15's benchmark).

    .venv/bin/python bindings/python/bench/bench_batch.py [--orders 1000000]

The orders are ``o2okit.datasets.orders(N)`` (a pyarrow table: money as decimal128, times as
tz-aware timestamps, discounts and journeys as list-of-struct columns) and the plan is
``o2okit.datasets.plan()``: 6 rules (processor 0.6% of what the customer paid, platform 8%
of the gross capped at 30%, the delivery fee, 2% of the goods to the journey by time decay
over up to 4 touches, store 1%, staff 0.5% + 0.10), the merchant keeping the remainder.
Every variant runs on the same orders in the same process; each figure is the best of
``--rounds`` rounds:

- ``batch.split`` wide (one decimal column per rule) and long (one row per ledger line),
  pyarrow table in, pyarrow table out, all cores, GIL released;
- today's ``o2okit.split_batch(plan, dicts)`` and a row-wise ``o2okit.split`` loop, on the
  first ``--legacy-orders`` orders (they take 45 KB and 0.3 ms per order);
- a pure-Python ``decimal`` implementation of the same plan (what an analyst writes by hand)
  on the first ``--reference-orders`` orders, with its results checked against the batch's;
- quotes of 3-line carts under 5 promotions through ``batch.quote``;
- peak RSS of a child process streaming ``--stream-orders`` orders (10,000,000 by default)
  through ``batch.split_stream`` from ``datasets.order_batches``, and of one streaming a
  tenth as many: flat means bounded by the batch size, not the input.

Not a test: it asserts nothing about speed. The last line is
``wide_orders_per_s=<n> long_orders_per_s=<n> vs_pure_python=<ratio> peak_rss_mb=<n>``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import Any, Callable

import pyarrow as pa

import o2okit
from o2okit import Money, batch, datasets

PLAN = datasets.plan()
CENT = Decimal("0.01")
HALF_LIFE = 7 * 24 * 3600


def best(rounds: int, run: Callable[[], Any]) -> tuple[float, Any]:
    seconds, out = float("inf"), None
    for _ in range(rounds):
        start = time.perf_counter()
        out = run()
        seconds = min(seconds, time.perf_counter() - start)
    return seconds, out


# ---- the pure-Python reference ----------------------------------------------------------

def reference_input(table: Any) -> list[tuple[Any, ...]]:
    """Python values for the reference (built before timing, as an analyst's frame would)."""
    rows = []
    for r in table.to_pylist():
        at = int(r["at"].timestamp())
        discounts = [(d["amount"], d["funded_by_role"], d["on"]) for d in r["discounts"] or []]
        journey = [(t["party_id"], int(t["at"].timestamp())) for t in r["journey"] or []]
        rows.append((r["order_id"], r["paid"], r["delivery_fee"] or Decimal("0.00"), discounts,
                     r["party_store"], r["party_store_staff"] or "no-staff", journey, at))
    return rows


P06, P8, P2, P1, P05, P30 = (Decimal(x) for x in ("0.006", "0.08", "0.02", "0.01", "0.005", "0.30"))
FIXED = Decimal("0.10")
ZERO = Decimal("0.00")


def pct(base: Decimal, rate: Decimal) -> Decimal:
    return (base * rate).quantize(CENT, ROUND_HALF_EVEN)


def decay_shares(pool: Decimal, journey: list[tuple[str, int]], at: int) -> list[Decimal]:
    """Time-decay credit, weight 2^(-dt/H) per touch (a ratio, not money: a float, taken
    exactly as an integer), split by the largest remainder on whole cents, ties to the
    earlier touch."""
    weights = [int(2.0 ** (52 - (at - t) / HALF_LIFE)) for _, t in journey]
    total = sum(weights)
    units = int(pool * 100)
    if total == 0:
        return [ZERO for _ in journey]
    floors = [units * w // total for w in weights]
    left = units - sum(floors)
    if left:
        rests = sorted(range(len(weights)), key=lambda i: (-(units * weights[i] % total), i))
        for i in rests[:left]:
            floors[i] += 1
    return [Decimal(f) / 100 for f in floors]


def reference_split(row: tuple[Any, ...]) -> tuple[Decimal, ...]:
    """The 6-rule plan by hand: (processor, platform, delivery, channel, store, staff,
    remainder, subsidies) for one order, then the channel shares."""
    _, paid, delivery, discounts, _, _, journey, at = row
    goods_sub = delivery_sub = ZERO
    for amount, role, on in discounts:
        if role != "merchant":  # the merchant's own discounts are price cuts, not subsidies
            if on == "delivery":
                delivery_sub += amount
            else:
                goods_sub += amount
    gross = paid + goods_sub + delivery_sub
    delivery_base = delivery + delivery_sub
    goods = gross - delivery_base
    processor = pct(paid, P06)
    platform = min(pct(gross, P8), (gross * P30).quantize(CENT, ROUND_FLOOR))
    channel = pct(goods, P2) if journey else ZERO
    shares = decay_shares(channel, journey, at) if journey else []
    store = pct(goods, P1)
    staff = pct(goods, P05) + FIXED
    remainder = gross - processor - platform - delivery_base - channel - store - staff
    return (processor, platform, delivery_base, channel, store, staff, remainder, -(goods_sub + delivery_sub), *shares)


# ---- streaming peak RSS (run in a child process) ----------------------------------------

def stream_child(n: int) -> None:
    reader = datasets.order_batches(n, seed=11, batch_size=100_000)
    rows = 0
    for b in batch.split_stream(reader, PLAN, currency="CNY", batch_size=65_536):
        rows += b.num_rows
    assert rows == n, (rows, n)
    # VmHWM is this process's own peak (ru_maxrss would include the parent's RSS at fork).
    with open("/proc/self/status") as status:
        peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    print(peak_kb // 1024)


def peak_rss_mb(n: int) -> int:
    out = subprocess.run([sys.executable, __file__, "--stream-child", str(n)], check=True,
                         capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


# ---- quote goal --------------------------------------------------------------------------

FIVE_PROMOTIONS = [
    *datasets.promotions("weekend"),
    {"id": "member-5pct", "discount": {"type": "percent_off_order", "percent": "5"},
     "funded_by": {"role": "merchant"}, "conditions": {"member_tiers": ["gold"]}},
    {"id": "tea-10pct", "discount": {"type": "percent_off_items", "percent": "10"},
     "funded_by": {"role": "brand", "party_id": "tea-co"}, "conditions": {"target": {"categories": ["tea"]}}},
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--legacy-orders", type=int, default=10_000)
    parser.add_argument("--reference-orders", type=int, default=200_000)
    parser.add_argument("--carts", type=int, default=200_000)
    parser.add_argument("--stream-orders", type=int, default=10_000_000)
    parser.add_argument("--stream-child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stream_child is not None:
        stream_child(args.stream_child)
        return

    cores = os.cpu_count()
    start = time.perf_counter()
    table = datasets.orders(args.orders, seed=1)
    print(f"generated {args.orders:,} orders in {time.perf_counter() - start:.1f} s "
          f"({table.nbytes / 1e6:.0f} MB as Arrow); {cores} cores; best of {args.rounds} rounds")

    wide_s, wide = best(args.rounds, lambda: batch.split(table, PLAN, currency="CNY"))
    long_s, long = best(args.rounds, lambda: batch.split(table, PLAN, currency="CNY", shape="long"))
    assert wide.column("error_code").null_count == args.orders, "every generated order splits"
    wide_rate, long_rate = args.orders / wide_s, args.orders / long_s
    print(f"  batch.split wide                 : {wide_s:7.3f} s  {wide_rate:12,.0f} orders/s")
    print(f"  batch.split long                 : {long_s:7.3f} s  {long_rate:12,.0f} orders/s"
          f"  ({long.num_rows / args.orders:.1f} lines per order)")

    legacy = min(args.legacy_orders, args.orders)
    small = table.slice(0, legacy)
    from_rows = [dict(r) for r in small.to_pylist()]
    dicts = []
    for r in from_rows:
        order: dict[str, Any] = {"id": r["order_id"], "at": r["at"], "paid": Money(r["paid"], "CNY")}
        if r["delivery_fee"] is not None:
            order["delivery_fee"] = Money(r["delivery_fee"], "CNY")
        order["parties"] = [{"role": role, "party_id": r[f"party_{role}"]}
                            for role in ("store", "store_staff", "referrer") if r[f"party_{role}"] is not None]
        order["discounts"] = [{"promotion_id": d["promotion_id"], "amount": Money(d["amount"], "CNY"),
                               "funded_by": {"role": d["funded_by_role"]}, "on": d["on"]} for d in r["discounts"]]
        order["journey"] = [{"channel": t["channel"], "party_id": t["party_id"], "stage": t["stage"], "at": t["at"]}
                            for t in r["journey"]]
        dicts.append(order)
    legacy_s, legacy_out = best(1, lambda: o2okit.split_batch(PLAN, dicts))
    assert not legacy_out.errors
    loop_n = min(legacy, 5_000)
    loop_s, _ = best(1, lambda: [o2okit.split(o, PLAN) for o in dicts[:loop_n]])
    legacy_rate, loop_rate = legacy / legacy_s, loop_n / loop_s
    print(f"  split_batch(plan, dicts)         : {legacy_s:7.3f} s  {legacy_rate:12,.0f} orders/s  (first {legacy:,})")
    print(f"  split(order, plan) per order     : {loop_s:7.3f} s  {loop_rate:12,.0f} orders/s  (first {loop_n:,})")

    ref_n = min(args.reference_orders, args.orders)
    ref_rows = reference_input(table.slice(0, ref_n))
    ref_s, ref_out = best(1, lambda: [reference_split(r) for r in ref_rows])
    ref_rate = ref_n / ref_s
    columns = ["processor", "platform", "delivery", "channel", "store", "staff", "remainder", "subsidies"]
    got = wide.slice(0, ref_n).select(columns).to_pylist()
    channel = long.filter(pa.compute.equal(long.column("rule"), "channel")).select(["order_id", "amount"])
    shares: dict[str, list[Decimal]] = {}
    for r in channel.to_pylist():
        shares.setdefault(r["order_id"], []).append(r["amount"])
    agree = sum(
        1 for row, mine, theirs in zip(ref_rows, got, ref_out)
        if tuple(mine[c] for c in columns) == theirs[:8] and shares.get(row[0], []) == list(theirs[8:])
    )
    print(f"  pure-Python decimal reference    : {ref_s:7.3f} s  {ref_rate:12,.0f} orders/s  (first {ref_n:,}; "
          f"{agree:,} of {ref_n:,} orders agree with the batch on every amount and channel share)")

    carts = datasets.carts(args.carts, seed=1, lines=3)
    quote_s, quoted = best(args.rounds, lambda: batch.quote(carts, FIVE_PROMOTIONS, currency="CNY"))
    assert quoted.column("error_code").null_count == args.carts
    print(f"  batch.quote, 3-line carts, 5 promotions: {quote_s:7.3f} s  {args.carts / quote_s:12,.0f} carts/s")

    small_stream = max(args.stream_orders // 10, 1)
    rss_small = peak_rss_mb(small_stream)
    rss = peak_rss_mb(args.stream_orders)
    print(f"  split_stream peak RSS            : {rss_small:,} MB for {small_stream:,} orders, "
          f"{rss:,} MB for {args.stream_orders:,} orders (batches of 65,536)")

    vs_pure = wide_rate / ref_rate
    print(f"  ratios: wide / pure Python {vs_pure:.1f}x, long / pure Python {long_rate / ref_rate:.1f}x, "
          f"wide / split_batch {wide_rate / legacy_rate:.0f}x, wide / row loop {wide_rate / loop_rate:.0f}x")
    print(f"wide_orders_per_s={wide_rate:.0f} long_orders_per_s={long_rate:.0f} "
          f"vs_pure_python={vs_pure:.1f} peak_rss_mb={rss}")


if __name__ == "__main__":
    main()
