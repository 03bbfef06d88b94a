"""What did the weekend 满减 campaign cost the merchant versus the platform?

    python examples/python/weekend_campaign.py [--carts 1000000] [--plot weekend.png]

A quarter of generated carts (o2okit.datasets.carts) priced twice by the promotions engine:
with the merchant's everyday offers only, and with the weekend campaign (every full 100 off
15, at most 45, on Saturdays and Sundays, funded by the platform) on top. Discount cost by
funder, week by week; the difference is what the campaign cost each of them (a campaign
can also change which everyday offer wins, so the merchant's cost may move too).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from decimal import Decimal

from o2okit import datasets, whatif


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--carts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plot", help="write discount cost by funder per week to this PNG")
    args = parser.parse_args()

    start = time.perf_counter()
    carts = datasets.carts(args.carts, seed=args.seed)
    table = whatif.promotions(
        carts,
        {"everyday offers": datasets.promotions("everyday"), "with the weekend campaign": datasets.promotions("weekend")},
        currency="CNY",
        freq="week",
    )
    elapsed = time.perf_counter() - start

    cost: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    revenue: dict[str, Decimal] = defaultdict(Decimal)
    for r in table.rows():
        if r["metric"] == "discount_cost":
            cost[(r["scenario"], r["group"])] += r["value"]
        elif r["metric"] == "revenue":
            revenue[r["scenario"]] += r["value"]
    funders = sorted({g for _, g in cost})
    print(f"{args.carts:,} carts, Q3 2026; discount cost by funder (CNY)")
    print(f"{'funder':12} {'everyday only':>16} {'with campaign':>16} {'campaign cost':>16}")
    for funder in funders:
        before = cost[("everyday offers", funder)]
        after = cost[("with the weekend campaign", funder)]
        print(f"{funder:12} {before:>16,.2f} {after:>16,.2f} {after - before:>+16,.2f}")
    print(f"{'customers paid':12} {revenue['everyday offers']:>16,.2f} "
          f"{revenue['with the weekend campaign']:>16,.2f} "
          f"{revenue['with the weekend campaign'] - revenue['everyday offers']:>+16,.2f}")
    print(f"{elapsed:.1f} s in all")
    if args.plot:
        from o2okit import plot

        plot.discount_cost_over_time(table).savefig(args.plot, dpi=120)
        print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()
