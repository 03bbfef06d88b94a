"""What does each role earn this quarter if the platform commission drops from 8% to 6%?

    python examples/python/commission_cut.py [--orders 1000000] [--plot commission.png]

One quarter of generated orders (o2okit.datasets.orders: discounts with their funders,
stores and staff, journeys of up to 4 touches) split under the 6-rule plan at 8% and at 6%
platform commission; revenue per role, exact to the cent, and what moves between roles.
"""

from __future__ import annotations

import argparse
import time
from decimal import Decimal

from o2okit import datasets, whatif


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plot", help="write a bar chart of revenue per role to this PNG")
    args = parser.parse_args()

    start = time.perf_counter()
    orders = datasets.orders(args.orders, seed=args.seed)
    table = whatif.split(orders, {"8%": datasets.plan("8"), "6%": datasets.plan("6")}, by="role")
    elapsed = time.perf_counter() - start

    revenue = {(r["scenario"], r["group"]): r["value"] for r in table.rows() if r["metric"] == "revenue"}
    roles = list(dict.fromkeys(g for _, g in revenue))
    print(f"{args.orders:,} orders, Q3 2026, revenue per role (CNY)")
    print(f"{'role':20} {'at 8%':>18} {'at 6%':>18} {'change':>16}")
    for role in roles:
        before, after = revenue[("8%", role)], revenue[("6%", role)]
        if before == after == 0:
            continue
        print(f"{role:20} {before:>18,.2f} {after:>18,.2f} {after - before:>+16,.2f}")
    total_8 = sum(v for (s, _), v in revenue.items() if s == "8%")
    total_6 = sum(v for (s, _), v in revenue.items() if s == "6%")
    assert total_8 == total_6, "a split moves money between roles, it never creates any"
    print(f"{'total paid':20} {total_8:>18,.2f} {total_6:>18,.2f} {total_6 - total_8:>+16,.2f}")
    failed = table.value("8%", "failed_orders") or Decimal(0)
    print(f"orders that could not be split: {failed}; {elapsed:.1f} s in all")
    if args.plot:
        from o2okit import plot

        plot.split_by_role(table).savefig(args.plot, dpi=120)
        print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()
