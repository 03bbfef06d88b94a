# Shared helpers of the independent reference models (testdata/gen/*_reference.py).
#
# Each reference recomputes, from the documented rules and in exact arithmetic (Python's decimal
# and fractions, never floats), the money facts of every success case of one vector file, compares
# them with the file's `expected`, and fails loudly on a case that uses a feature it does not model
# (`Unmodelled`), so a new vector cannot slip through unchecked. Nothing here imports or runs
# o2okit.
import json
import os
import sys
from decimal import Decimal, ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_HALF_EVEN, \
    ROUND_HALF_UP, ROUND_UP, localcontext
from datetime import timedelta, timezone
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
# O2OKIT_VECTORS_DIR points the references at another copy of the vectors (to check that a
# changed amount is caught).
VECTORS = os.environ.get("O2OKIT_VECTORS_DIR") or os.path.join(HERE, "..", "vectors")

# ISO 4217 (the currencies the vectors use): code -> (minor units, name). Written from the
# standard's list, not from o2okit's table.
ISO4217 = {
    "CNY": (2, "Yuan Renminbi"), "USD": (2, "US Dollar"), "EUR": (2, "Euro"), "CHF": (2, "Swiss Franc"),
    "JPY": (0, "Yen"), "KWD": (3, "Kuwaiti Dinar"), "CLF": (4, "Unidad de Fomento"),
    "GBP": (2, "Pound Sterling"), "HKD": (2, "Hong Kong Dollar"), "KRW": (0, "Won"),
    "BHD": (3, "Bahraini Dinar"), "SGD": (2, "Singapore Dollar"), "TWD": (2, "New Taiwan Dollar"),
}

ROUNDING = {"half_even": ROUND_HALF_EVEN, "half_up": ROUND_HALF_UP, "half_down": ROUND_HALF_DOWN,
            "up": ROUND_UP, "down": ROUND_DOWN, "ceiling": ROUND_CEILING, "floor": ROUND_FLOOR}


# Time zones without DST in the years the vectors use, for a machine without the system's tz database
# (zoneinfo needs /usr/share/zoneinfo or the tzdata package): China has kept UTC+8 all year since 1991.
FIXED_ZONES = {"UTC": timezone.utc, "Etc/UTC": timezone.utc, "Asia/Shanghai": timezone(timedelta(hours=8))}


def zone(name):
    """The IANA zone `name`: the system's tz database, else a fixed zone from FIXED_ZONES; fails loudly otherwise."""
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
        try:
            return ZoneInfo(name)
        except ZoneInfoNotFoundError:
            pass
    except ImportError:
        pass
    if name in FIXED_ZONES:
        return FIXED_ZONES[name]
    raise Unmodelled(f"time zone {name}: no tz database on this machine (install tzdata)")


class Unmodelled(Exception):
    """A vector uses a feature the reference does not model: the check fails loudly."""


def minor(code):
    if code not in ISO4217:
        raise Unmodelled(f"currency {code} is not in the reference's ISO 4217 table")
    return ISO4217[code][0]


def q(x):
    """An exact Fraction from a decimal string, int, Decimal or Fraction."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (int, Decimal)):
        return Fraction(x)
    return Fraction(Decimal(str(x)))


def round_frac(x, mode="half_even"):
    """Round an exact Fraction to an integer with one of the seven documented modes."""
    x = Fraction(x)
    fl = x.numerator // x.denominator
    rest = x - fl
    if rest == 0:
        return fl
    if mode == "floor":
        return fl
    if mode == "ceiling":
        return fl + 1
    if mode == "down":
        return fl if x > 0 else fl + 1
    if mode == "up":
        return fl + 1 if x > 0 else fl
    half = Fraction(1, 2)
    if rest < half:
        return fl
    if rest > half:
        return fl + 1
    if mode == "half_up":  # away from zero
        return fl + 1 if x > 0 else fl
    if mode == "half_down":  # towards zero
        return fl if x > 0 else fl + 1
    if mode == "half_even":
        return fl if fl % 2 == 0 else fl + 1
    raise Unmodelled(f"rounding mode {mode}")


def units_to_str(units, scale):
    """Integer minor units -> decimal string with exactly `scale` decimals."""
    sign = "-" if units < 0 else ""
    units = abs(units)
    if scale == 0:
        return f"{sign}{units}"
    s = str(units).rjust(scale + 1, "0")
    return f"{sign}{s[:-scale]}.{s[-scale:]}"


def money(value, code, mode="half_even"):
    """Wire Money of an exact value, rounded to the currency's minor unit."""
    s = minor(code)
    return {"amount": units_to_str(round_frac(q(value) * 10 ** s, mode), s), "currency": code}


def money_exact(value, code):
    """Wire Money of a value that must already be whole minor units (fails loudly otherwise)."""
    s = minor(code)
    u = q(value) * 10 ** s
    if u.denominator != 1:
        raise AssertionError(f"{value} {code} is not a whole number of minor units")
    return {"amount": units_to_str(u.numerator, s), "currency": code}


def m(obj):
    """The exact value of a wire Money."""
    return q(obj["amount"])


def dec_str(x):
    """A normalised decimal string (no trailing zeros, no exponent) of a terminating Fraction."""
    x = Fraction(x)
    k = 0
    while (x * 10 ** k).denominator != 1:
        k += 1
        if k > 60:
            raise AssertionError(f"{x} does not terminate")
    return units_to_str((x * 10 ** k).numerator, k) if k else str(x.numerator)


def same_decimal(a, b):
    return q(a) == q(b)


def load(file):
    with open(os.path.join(VECTORS, file), encoding="utf-8") as f:
        return json.load(f)


class Checker:
    """Runs a reference over a vector file and keeps score."""

    def __init__(self, file):
        self.file = file
        self.doc = load(file)
        self.problems = []
        self.checked = 0
        self.facts = 0
        self.errors = 0

    def cases(self):
        return self.doc["cases"]

    def eq(self, case, what, got, want):
        """Compare one fact: `got` from the vector, `want` from the reference."""
        self.facts += 1
        if got != want:
            self.problems.append(f"{case['name']}: {what}: vector has {got!r}, reference gives {want!r}")

    def eq_dec(self, case, what, got, want):
        self.facts += 1
        if got is None or want is None or q(got) != q(want):
            self.problems.append(f"{case['name']}: {what}: vector has {got!r}, reference gives {want!r}")

    def run(self, functions, not_money=(), unchecked=None):
        """functions: wire name -> fn(checker, case). Every success case must have one, unless its
        function has no money fact (`not_money`) or the case is listed by name, with the reason, in
        `unchecked` (both counted and printed: nothing is skipped silently)."""
        unchecked = unchecked or {}
        self.skipped = []
        for name in unchecked:
            if not any(c["name"] == name for c in self.cases()):
                self.problems.append(f"{name}: listed as unchecked but no such case")
        for case in self.cases():
            if "expected" not in case:
                self.errors += 1
                continue
            if case["function"] in not_money:
                self.skipped.append(f"{case['name']} ({case['function']}: no money fact)")
                continue
            if case["name"] in unchecked:
                self.skipped.append(f"{case['name']} ({unchecked[case['name']]})")
                continue
            fn = functions.get(case["function"])
            try:
                if fn is None:
                    raise Unmodelled(f"function {case['function']} is not modelled")
                fn(self, case)
                self.checked += 1
            except Unmodelled as e:
                self.problems.append(f"{case['name']}: NOT MODELLED: {e}")
            except (KeyError, TypeError, AssertionError, ValueError, ZeroDivisionError) as e:
                self.problems.append(f"{case['name']}: reference failed: {type(e).__name__}: {e}")
        for p in self.problems:
            print(p)
        for s in self.skipped:
            print(f"not checked: {s}")
        ok = not self.problems
        print(f"{self.file}: {self.checked} success cases checked ({self.facts} facts), "
              f"{len(self.skipped)} success cases not checked (listed above), "
              f"{self.errors} error cases (codes not modelled here), {len(self.problems)} problems")
        return ok

    def main(self, functions, not_money=(), unchecked=None):
        if "--check" not in sys.argv[1:]:
            print(f"usage: python3 {os.path.basename(sys.argv[0])} --check")
        sys.exit(0 if self.run(functions, not_money, unchecked) else 1)
