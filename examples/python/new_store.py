"""Which stores would have fulfilled last month's orders if we add a store here?

    python examples/python/new_store.py [--orders 1000000] [--lat 31.2650 --lng 121.5200]

A month of generated delivery orders (o2okit.datasets.deliveries) assigned to today's 30
stores (o2okit.datasets.stores: 3 km delivery radius, opening hours, stock) and to the same
network with a new store at --lat/--lng: the orders each store would fulfil, the orders the
new store takes from each neighbour, and how many more orders can be delivered at all.
"""

from __future__ import annotations

import argparse
import time
from decimal import Decimal

from o2okit import datasets, whatif


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--lat", type=float, default=31.2650)
    parser.add_argument("--lng", type=float, default=121.5200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plot", help="write orders per store to this PNG")
    args = parser.parse_args()

    start = time.perf_counter()
    orders = datasets.deliveries(args.orders, seed=args.seed)
    today = datasets.stores(30, seed=args.seed)
    new = dict(today[0], id="store-new", location={"lat": args.lat, "lng": args.lng},
               stock={p: 40 for p in today[0]["stock"]})
    table = whatif.stores(orders, {"today": today, "with the new store": [*today, new]}, currency="CNY")
    elapsed = time.perf_counter() - start

    def n(scenario: str, group: str, metric: str = "assigned_orders") -> Decimal:
        return table.value(scenario, metric, group) or Decimal(0)

    print(f"{args.orders:,} delivery orders; a new store at ({args.lat}, {args.lng})")
    print(f"the new store would fulfil {n('with the new store', 'store-new'):,.0f} orders "
          f"({n('with the new store', 'store-new', 'assignment_rate') * 100:.2f}% of all)")
    moved = sorted(((n("today", s["id"]) - n("with the new store", s["id"]), s["id"]) for s in today), reverse=True)
    print("orders it takes from its neighbours:")
    for lost, store in moved[:8]:
        if lost > 0:
            print(f"  {store}: {n('today', store):>9,.0f} -> {n('with the new store', store):>9,.0f} ({-lost:+,.0f})")
    before, after = n("today", "all", "assignment_rate"), n("with the new store", "all", "assignment_rate")
    print(f"orders that can be delivered: {before * 100:.2f}% today, {after * 100:.2f}% with the new store")
    print(f"{elapsed:.1f} s in all")
    if args.plot:
        from o2okit import plot

        plot.split_by_role(table, metric="assigned_orders").savefig(args.plot, dpi=120)
        print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()
