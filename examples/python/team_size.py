"""Which group-buy team size makes 80% of teams succeed?

    python examples/python/team_size.py [--teams 1000000] [--target 0.8] [--plot sizes.png]

Observed team buys (o2okit.datasets.teams: when each member joined, as seconds after the
leader opened the team) replayed at team sizes 2 to 8 and windows of 12, 24 and 48 hours:
the success rate of each, the largest size that meets the target in each window, and how
many participants the failures would refund.
"""

from __future__ import annotations

import argparse
import time
from decimal import Decimal

from o2okit import Money, datasets, whatif


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=1_000_000)
    parser.add_argument("--target", default="0.8")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plot", help="write success rate against team size to this PNG")
    args = parser.parse_args()
    target = Decimal(args.target)

    start = time.perf_counter()
    teams = datasets.teams(args.teams, seed=args.seed)
    sizes = list(range(2, 9))
    table = whatif.team_sizes(teams, sizes=sizes, windows={"12h": 43_200, "24h": 86_400, "48h": 172_800},
                              price=Money("39.90", "CNY"))
    elapsed = time.perf_counter() - start

    print(f"{args.teams:,} teams; share of teams that succeed")
    print("window " + "".join(f"{f'size {s}':>10}" for s in sizes))
    for window in table.scenarios:
        rates = [table.value(window, "success_rate", str(s)) or Decimal(0) for s in sizes]
        print(f"{window:6} " + "".join(f"{r * 100:>9.1f}%" for r in rates))
    for window in table.scenarios:
        meeting = [s for s in sizes if (table.value(window, "success_rate", str(s)) or 0) >= target]
        if meeting:
            best = max(meeting)
            refunds = table.value(window, "refunds", str(best))
            amount = table.value(window, "refund_amount", str(best))
            print(f"{window}: teams of {best} meet {target * 100:.0f}% "
                  f"(refunding {refunds:,.0f} participants, {amount:,.2f} CNY at 39.90)")
        else:
            print(f"{window}: no size from 2 meets {target * 100:.0f}%")
    print(f"{elapsed:.1f} s in all")
    if args.plot:
        from o2okit import plot

        plot.success_rate(table, target=target).savefig(args.plot, dpi=120)
        print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()
