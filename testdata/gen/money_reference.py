# Independent reference for testdata/vectors/money.json (run: python3 testdata/gen/money_reference.py --check).
#
# Written from the documented rules (README "Money", crate docs of o2okit::Money): an amount is kept
# at its currency's ISO 4217 minor units; parsing rounds once, with the given mode (default
# half_even), to the minor unit; add/sub are exact; multiply rounds the exact product once to the
# minor unit; round_to_step rounds amount / step to a whole number of steps with the mode and shows
# the result at the minor unit. Rounding modes: half_even, half_up (away from zero), half_down
# (towards zero), up (away from zero), down (towards zero), ceiling, floor.
#
# Checked: every amount and currency; for `currency`, the code, minor units and the ISO 4217 name
# (from the reference's own table, testdata/gen/oracle.py).
from oracle import ISO4217, Checker, Unmodelled, m, money, money_exact, q, round_frac


def mode(inp):
    return inp.get("rounding", "half_even")


def currency(c, case):
    code = case["input"]["code"].upper()
    if code not in ISO4217:
        raise Unmodelled(f"currency {code}")
    units, name = ISO4217[code]
    c.eq(case, "currency", case["expected"], {"code": code, "minor_units": units, "name": name})


def parse(c, case):
    inp = case["input"]
    c.eq(case, "amount", case["expected"], money(q(inp["amount"]), inp["currency"].upper(), mode(inp)))


def add(c, case):
    a, b = case["input"]["a"], case["input"]["b"]
    assert a["currency"] == b["currency"]
    sign = 1 if case["function"] == "money.add" else -1
    c.eq(case, "amount", case["expected"], money_exact(m(a) + sign * m(b), a["currency"]))


def multiply(c, case):
    inp = case["input"]
    mo = inp["money"]
    c.eq(case, "amount", case["expected"], money(m(mo) * q(inp["factor"]), mo["currency"], mode(inp)))


def round_to_step(c, case):
    inp = case["input"]
    mo, step = inp["money"], q(inp["step"])
    steps = round_frac(m(mo) / step, mode(inp))
    c.eq(case, "amount", case["expected"], money_exact(steps * step, mo["currency"]))


if __name__ == "__main__":
    Checker("money.json").main({"currency": currency, "money.parse": parse, "money.add": add, "money.sub": add,
                                "money.multiply": multiply, "money.round_to_step": round_to_step})
