# Independent reference for testdata/vectors/allocate.json (run: python3 testdata/gen/allocate_reference.py --check).
#
# Written from the documented rule of `allocate` (crate docs of o2okit::allocate and the README): the
# largest remainder (Hamilton) method on whole minor units or whole cash steps; each party's exact
# share is total x weight / sum of weights (exact, here with Fraction); every party first gets the
# floor, the leftover units go one each to the largest remainders, equal remainders to the lower
# index; a negative total splits symmetrically (the parts of -x are the negated parts of x); caps
# are "water filling": a party whose exact share exceeds its cap (the cap rounded down to whole
# units) is fixed at its cap, repeatedly, and the rest is shared among the others by weight.
#
# Checked per part: amount, weight (echoed), exact_share, remainder, extra_unit, capped; and the
# total, unit and leftover_units. The explanation fields follow their docs: `remainder` is the
# fractional part of the share in units truncated to 20 decimals; `exact_share` is (whole units +
# that remainder) x unit, signed like the total, and the cap for a capped party. A Decimal holds at
# most 96 bits of mantissa, so an exact_share too long for it is rounded (half-even) to the most
# decimals that fit: that limit of the wire's decimal type is modelled here, not a rule of the split.
from fractions import Fraction

from oracle import Checker, Unmodelled, dec_str, minor, q, units_to_str

EXPLAIN = 20
MAX_MANTISSA = 2 ** 96 - 1


def fit_decimal(x):
    """Round a terminating Fraction half-even to the most decimals (<= 28) whose mantissa fits 96 bits."""
    for scale in range(28, -1, -1):
        v = x * 10 ** scale
        fl = v.numerator // v.denominator
        rest = v - fl
        r = fl + (1 if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and fl % 2) else 0)
        if abs(r) <= MAX_MANTISSA:
            return Fraction(r, 10 ** scale)
    raise AssertionError("does not fit a Decimal")


def allocate(c, case):
    inp = case["input"]
    extra_keys = set(inp) - {"total", "weights", "caps", "step"}
    if extra_keys:
        raise Unmodelled(f"input fields {sorted(extra_keys)}")
    code = inp["total"]["currency"]
    scale = minor(code)
    unit = q(inp["step"]) if "step" in inp else Fraction(1, 10 ** scale)
    total = q(inp["total"]["amount"])
    negative = total < 0
    units_total = abs(total) / unit
    assert units_total.denominator == 1, "total not on the step"
    units_total = units_total.numerator
    weights = [q(w) for w in inp["weights"]]
    caps = inp.get("caps") or [None] * len(weights)
    cap_units = []
    for cap in caps:
        if cap is None:
            cap_units.append(None)
        else:
            assert cap["currency"] == code
            cu = abs(q(cap["amount"])) / unit
            cap_units.append(cu.numerator // cu.denominator)  # rounded down to whole units
    n = len(weights)
    capped = [False] * n
    active = [i for i in range(n) if weights[i] > 0]
    remaining = units_total
    while True:
        tw = sum(weights[i] for i in active)
        if tw == 0:
            break
        over = [i for i in active if cap_units[i] is not None and remaining * weights[i] / tw > cap_units[i]]
        if not over:
            break
        for i in over:
            capped[i] = True
            remaining -= cap_units[i]
        active = [i for i in active if i not in over]
    tw = sum(weights[i] for i in active)
    share = [Fraction(0)] * n
    for i in active:
        share[i] = remaining * weights[i] / tw
    got = [0] * n
    for i in range(n):
        got[i] = cap_units[i] if capped[i] else share[i].numerator // share[i].denominator
    leftover = remaining - sum(got[i] for i in active)
    order = sorted(active, key=lambda i: (-(share[i] - int(share[i])), i))
    extra = [False] * n
    for i in order[:leftover]:
        got[i] += 1
        extra[i] = True
    assert sum(got) == units_total, "caps cannot hold the total"
    sign = -1 if negative else 1
    exp = case["expected"]
    c.eq(case, "total", exp["total"], inp["total"])
    c.eq(case, "unit", exp["unit"], {"amount": units_to_str(int(unit * 10 ** scale), scale), "currency": code})
    c.eq(case, "leftover_units", exp["leftover_units"], leftover)
    c.eq(case, "parts", len(exp["parts"]), n)
    for i, part in enumerate(exp["parts"][:n]):
        amount = sign * got[i] * unit
        c.eq(case, f"parts[{i}].amount", part["amount"],
             {"amount": units_to_str(int(amount * 10 ** scale), scale), "currency": code})
        c.eq_dec(case, f"parts[{i}].weight", part["weight"], dec_str(weights[i]))
        if capped[i]:
            rem = Fraction(0)
            es = sign * cap_units[i] * unit
        else:
            frac = share[i] - (share[i].numerator // share[i].denominator)
            rem = Fraction(int(frac * 10 ** EXPLAIN), 10 ** EXPLAIN)
            es = sign * ((share[i].numerator // share[i].denominator) + rem) * unit
        c.eq_dec(case, f"parts[{i}].remainder", part["remainder"], dec_str(rem))
        c.eq_dec(case, f"parts[{i}].exact_share", part["exact_share"], dec_str(fit_decimal(es)))
        c.eq(case, f"parts[{i}].extra_unit", part["extra_unit"], extra[i])
        c.eq(case, f"parts[{i}].capped", part["capped"], capped[i])
        assert abs(sign * share[i] * unit - amount) < unit or capped[i], "part not within one unit of its share"


if __name__ == "__main__":
    Checker("allocate.json").main({"allocate": allocate})
