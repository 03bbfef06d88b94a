# Independent reference for testdata/vectors/split.json (run: python3 testdata/gen/split_reference.py --check).
#
# Written from the documented rules (crate docs of o2okit::split, Rule, SplitBase, Payee, clawback,
# split_pool, settle, attribute, attribute_shapley), in integer minor units and Fractions:
# - split: the rules run in order on their base (customer_paid = paid; gross_paid = paid + subsidised
#   discounts; delivery_fee = the fee charged + subsidised delivery discounts; goods = gross -
#   delivery_fee base; margin = goods - cost; remainder = gross - what earlier rules paid); a negative
#   base counts as zero unless allow_negative; percent exact, rounded once with the rule's rounding
#   (half-even by default), fixed added; min/max clamp; ratio cap rounded down; tiered: the whole base
#   at the percent of the highest tier reached (by amount or by the order's volume); an attributed rule
#   splits its amount over the journey by the model's weights with largest remainder. A discount funded
#   by the remainder party is a price reduction; any other funder's discount is a subsidy (added to the
#   gross, charged on its own negative line). Ledger: rule lines, remainder line, subsidy lines.
# - split.refund: cumulative difference of share(R): positive lines share floor(R*P/N) by largest
#   remainder over their amounts, negative lines the rest; non-refundable rules/roles keep their share
#   and the remainder party gives it back; kept_once_delivered leaves delivery_fee lines out.
# - split.pool, settle (zoneinfo for the periods), attribute (first/last/linear/position-based and
#   the documented 60-bit time-decay algorithm), attribute.shapley (conversions closed form; the
#   conversion_rate game exactly over every coalition at 60 fractional bits).
#
# Checked: every amount of every ledger line (and its party, role, rule, base, base amount, touchpoint),
# paid, gross, delivery_fee; clawback lines and refund totals; pool parts; statement totals, credits,
# debits, line and order counts, role totals and the sorted lines; attribution shares and credits;
# Shapley values, totals and pool amounts; split.batch ledgers and failing indexes and codes.
# Not checked: error messages; `bind` (no money: binding times and decisions; listed in NOT_MONEY);
# the sampled Shapley case (SplitMix64 orderings: its draw is not documented to the bit; in UNCHECKED).
import itertools
import math
from datetime import datetime, timezone
from fractions import Fraction

from oracle import Checker, Unmodelled, dec_str, minor, q, round_frac, units_to_str, zone

NOT_MONEY = {"bind"}
UNCHECKED = {"attribute-shapley-conversion-rate-sampled": "sampled orderings (SplitMix64 draw) not modelled"}


class SplitError(Exception):
    def __init__(self, code):
        self.code = code


def lr(total, weights):
    """Largest remainder of an integer total (any sign) by non-negative Fraction weights; ties to the lower index."""
    sign = -1 if total < 0 else 1
    t = abs(total)
    tw = sum(weights)
    if tw == 0:
        return [0] * len(weights)
    shares = [t * w / tw for w in weights]
    got = [s.numerator // s.denominator for s in shares]
    left = t - sum(got)
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - got[i]), i))
    for i in order[:left]:
        got[i] += 1
    return [sign * g for g in got]


def trunc(x, places):
    x = Fraction(x)
    v = x * 10 ** places
    v = v.numerator // v.denominator if v >= 0 else -((-v.numerator) // v.denominator)
    return dec_str(Fraction(v, 10 ** places))


def ts(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


# --- time decay, from the documented algorithm (attribution module docs) ---
LN2 = 799144290325165978
ONE = 1 << 60


def decay_e(n, h):
    y = n * LN2 // h
    total, t = ONE, ONE
    for k in range(1, 25):
        t = (t * y >> 60) // k
        total = total - t if k % 2 else total + t
    return total


def decay_weight(elapsed, h):
    qq, r = divmod(elapsed, h)
    f = ONE
    i = 0
    while r:
        d = r % 256
        if d:
            f = f * decay_e(d * 256 ** i, h) >> 60
        r //= 256
        i += 1
    return f >> qq if qq < 200 else 0


def model_weights(model, journey, converted_at):
    n = len(journey)
    kind = model["type"]
    if n == 0:
        return []
    if kind == "first_touch":
        return [Fraction(1 if i == 0 else 0) for i in range(n)]
    if kind == "last_touch":
        return [Fraction(1 if i == n - 1 else 0) for i in range(n)]
    if kind == "linear":
        return [Fraction(1)] * n
    if kind == "position_based":
        f, l = q(model.get("first_percent", "40")), q(model.get("last_percent", "40"))
        if n == 1:
            return [Fraction(1)]
        if n == 2:
            return [Fraction(1, 2)] * 2
        mid = (100 - f - l) / (n - 2)
        return [f / 100] + [mid / 100] * (n - 2) + [l / 100]
    if kind == "time_decay":
        h = model.get("half_life_seconds", 604800)
        conv = ts(converted_at)
        out = []
        for t in journey:
            el = int((conv - ts(t["at"])).total_seconds())
            out.append(Fraction(decay_weight(el, h)))
        return out
    raise Unmodelled(f"attribution model {kind}")


# --- the split ---
def resolve(role_obj, order, plan):
    if role_obj.get("party_id"):
        return role_obj["party_id"]
    role = role_obj["role"]
    for p in order.get("parties", []) + plan.get("parties", []):
        if p["role"] == role:
            return p["party_id"]
    raise SplitError("missing_party")


def from_quote(order):
    qt = order["quote"]
    if qt.get("gifts"):
        raise Unmodelled("a quote with gifts")
    o = {k: v for k, v in order.items() if k != "quote"}
    o["paid"] = qt["total"]
    o["delivery_fee"] = qt["delivery"]["charged"] if qt.get("delivery") else {"amount": "0", "currency": qt["total"]["currency"]}
    o["discounts"] = []
    for d in qt["discounts"]:
        if q(d["amount"]["amount"]) == 0:
            continue
        o["discounts"].append({"promotion_id": d["promotion_id"], "amount": d["amount"], "funded_by": d["funded_by"],
                               "on": "delivery" if d["level"] == "delivery" else "goods"})
    return o


KNOWN_ORDER = {"id", "at", "paid", "delivery_fee", "discounts", "quote", "cost", "parties", "journey", "volume"}
KNOWN_RULE = {"id", "to", "base", "pay", "min", "max", "cap", "rounding", "allow_negative"}


def split(order, plan):
    if set(order) - KNOWN_ORDER:
        raise Unmodelled(f"order fields {sorted(set(order) - KNOWN_ORDER)}")
    if "quote" in order:
        order = from_quote(order)
    if set(plan) - {"name", "rules", "remainder", "parties"}:
        raise Unmodelled(f"plan fields {sorted(set(plan) - {'name', 'rules', 'remainder', 'parties'})}")
    code = order["paid"]["currency"]
    s = minor(code)
    U = lambda mo: int(q(mo["amount"]) * 10 ** s)
    paid = U(order["paid"])
    fee = U(order["delivery_fee"]) if order.get("delivery_fee") else 0
    rem_obj = plan.get("remainder", {"role": "merchant"})
    rem_party = resolve(rem_obj, order, plan)
    subsidies = []
    for i, d in enumerate(order.get("discounts", [])):
        funder = resolve(d["funded_by"], order, plan)
        if funder == rem_party:
            continue
        subsidies.append((d, funder, U(d["amount"]), d.get("on", "goods")))
    gross = paid + sum(a for _, _, a, _ in subsidies)
    delivery_base = fee + sum(a for _, _, a, on in subsidies if on == "delivery")
    goods = gross - delivery_base
    cost = U(order["cost"]) if order.get("cost") else None

    def base_value(name, paid_out):
        return {"customer_paid": paid, "gross_paid": gross, "delivery_fee": delivery_base, "goods": goods,
                "margin": None if cost is None else goods - cost, "remainder": gross - paid_out}[name]

    lines = []
    paid_out = 0
    for r in plan["rules"]:
        if set(r) - KNOWN_RULE:
            raise Unmodelled(f"rule fields {sorted(set(r) - KNOWN_RULE)}")
        neg = r.get("allow_negative", False)
        b = base_value(r["base"], paid_out)
        if b is None:
            raise SplitError("invalid_order")
        if b < 0 and not neg:
            b_eff = 0
        else:
            b_eff = b
        pay = r["pay"]
        mode = r.get("rounding", "half_even")
        t = pay["type"]
        if t == "percent":
            amt = round_frac(Fraction(b_eff) * q(pay["percent"]) / 100, mode)
        elif t == "fixed":
            amt = U(pay["amount"])
        elif t == "percent_plus_fixed":
            amt = round_frac(Fraction(b_eff) * q(pay["percent"]) / 100, mode) + U(pay["fixed"])
        elif t == "tiered":
            if pay["by"] == "amount":
                sel = Fraction(b_eff, 10 ** s)
            else:
                if order.get("volume") is None:
                    raise SplitError("invalid_order")
                sel = q(order["volume"])
            pct = None
            for tier in pay["tiers"]:
                if sel >= q(tier["from"]):
                    pct = q(tier["percent"])
            amt = 0 if pct is None else round_frac(Fraction(b_eff) * pct / 100, mode)
        else:
            raise Unmodelled(f"pay type {t}")
        if "min" in r:
            amt = max(amt, U(r["min"]))
        if "max" in r:
            amt = min(amt, U(r["max"]))
        if "cap" in r:
            cb = base_value(r["cap"].get("base", r["base"]), paid_out)
            cb = max(cb, 0) if not neg else cb
            capv = Fraction(cb) * q(r["cap"]["percent"]) / 100
            amt = min(amt, math.floor(capv))
        if amt < 0 and not neg:
            amt = 0
        if paid_out + amt > gross:
            raise SplitError("split_exceeds_total")
        to = r["to"]
        if "attribution" in to:
            journey = order.get("journey", [])
            w = model_weights(to["attribution"], journey, order["at"])
            if sum(w) == 0:
                amt = 0
                parts = []
            else:
                parts = lr(amt, w)
            for i, (tp, a) in enumerate(zip(journey, parts)):
                lines.append(dict(kind="rule", rule=r["id"], party_id=tp["party_id"], role=to["role"], base=r["base"],
                                  base_amount=b, touchpoint=i, channel=tp["channel"], amount=a))
        else:
            lines.append(dict(kind="rule", rule=r["id"], party_id=resolve(to, order, plan), role=to["role"],
                              base=r["base"], base_amount=b, amount=amt))
        paid_out += amt
    left = gross - paid_out
    lines.append(dict(kind="remainder", rule="remainder", party_id=rem_party, role=rem_obj["role"], base="remainder",
                      base_amount=left, amount=left))
    for d, funder, a, on in subsidies:
        base = "delivery_fee" if on == "delivery" else "goods"
        lines.append(dict(kind="subsidy", rule=d["promotion_id"], party_id=funder, role=d["funded_by"]["role"],
                          base=base, base_amount=delivery_base if on == "delivery" else goods, amount=-a))
    return dict(order=order, code=code, scale=s, paid=paid, gross=gross, fee=fee, lines=lines)


def mon(units, code):
    return {"amount": units_to_str(units, minor(code)), "currency": code}


def ledger_lines(res, entry, at, order_id):
    out = []
    for l in res:
        d = {"order_id": order_id, "at": at, "entry": entry, "kind": l["kind"], "rule": l["rule"],
             "party_id": l["party_id"], "role": l["role"], "base": l["base"],
             "base_amount": mon(l["base_amount"], l["code"]), "amount": mon(l["amount"], l["code"])}
        if "touchpoint" in l:
            d["touchpoint"] = l["touchpoint"]
            d["channel"] = l["channel"]
        out.append(d)
    return out


def ledger(res):
    o = res["order"]
    code = res["code"]
    for l in res["lines"]:
        l["code"] = code
    return {"order_id": o["id"], "at": o["at"], "paid": mon(res["paid"], code), "gross": mon(res["gross"], code),
            "delivery_fee": mon(res["fee"], code), "lines": ledger_lines(res["lines"], "split", o["at"], o["id"])}


def compare_lines(c, case, what, got, want):
    c.eq(case, f"{what} count", len(got), len(want))
    for i, (g, w) in enumerate(zip(got, want)):
        for k in set(g) | set(w):
            c.eq(case, f"{what}[{i}].{k}", g.get(k), w.get(k))


def check_ledger(c, case, what, got, want):
    for k in ("order_id", "at", "paid", "gross", "delivery_fee"):
        c.eq(case, f"{what}.{k}", got.get(k), want[k])
    compare_lines(c, case, f"{what}.lines", got["lines"], want["lines"])


def do_split(c, case):
    inp = case["input"]
    check_ledger(c, case, "ledger", case["expected"], ledger(split(inp["order"], inp["plan"])))


def do_batch(c, case):
    inp = case["input"]
    ledgers, errors = [], []
    for i, o in enumerate(inp["orders"]):
        try:
            ledgers.append(ledger(split(o, inp["plan"])))
        except SplitError as e:
            errors.append((i, o["id"], e.code))
    exp = case["expected"]
    c.eq(case, "ledgers", len(exp["ledgers"]), len(ledgers))
    for i, (g, w) in enumerate(zip(exp["ledgers"], ledgers)):
        check_ledger(c, case, f"ledgers[{i}]", g, w)
    c.eq(case, "errors", [(e["index"], e["order_id"], e["code"]) for e in exp["errors"]], errors)


def share(R, lines, fixed_out):
    """share(R) over the lines (amounts), lines in fixed_out take no part (delivery kept)."""
    idx = [i for i in range(len(lines)) if i not in fixed_out]
    pos = [i for i in idx if lines[i] > 0]
    negs = [i for i in idx if lines[i] < 0]
    P = sum(lines[i] for i in pos)
    N = sum(lines[i] for i in idx)
    out = [0] * len(lines)
    if N == 0:
        return out
    ptot = R * P // N
    for i, a in zip(pos, lr(ptot, [Fraction(lines[i]) for i in pos])):
        out[i] = a
    rest = R - ptot
    for i, a in zip(negs, lr(rest, [Fraction(-lines[i]) for i in negs]) if negs else []):
        out[i] = a
    return out


def do_refund(c, case):
    inp = case["input"]
    res = split(inp["order"], inp["plan"])
    code, s = res["code"], res["scale"]
    U = lambda mo: int(q(mo["amount"]) * 10 ** s)
    policy = inp.get("policy", {})
    if set(policy) - {"non_refundable_rules", "non_refundable_roles", "delivery"}:
        raise Unmodelled(f"refund policy {policy}")
    amounts = [l["amount"] for l in res["lines"]]
    kept_delivery = policy.get("delivery") == "kept_once_delivered" and inp.get("delivered", False)
    out_of = {i for i, l in enumerate(res["lines"]) if kept_delivery and l["base"] == "delivery_fee"}
    refundable = res["paid"] - (res["fee"] if kept_delivery else 0)
    nonref = {i for i, l in enumerate(res["lines"]) if l["kind"] == "rule" and (
        l["rule"] in policy.get("non_refundable_rules", []) or l["role"] in policy.get("non_refundable_roles", []))}
    rem_i = next(i for i, l in enumerate(res["lines"]) if l["kind"] == "remainder")

    def cum(R):
        sh = share(R, amounts, out_of)
        for i in nonref:
            sh[rem_i] += sh[i]
            sh[i] = 0
        return sh

    before = U(inp["refunded_before"]) if inp.get("refunded_before") else 0
    now = U(inp["refund"])
    a, b = cum(before), cum(before + now)
    for l, x, y in zip(res["lines"], a, b):
        l["amount"] = -(y - x)
        l["code"] = code
    o = res["order"]
    exp = case["expected"]
    want = {"order_id": o["id"], "at": inp["at"], "refund": mon(now, code), "refunded_before": mon(before, code),
            "refunded_total": mon(before + now, code), "refundable": mon(refundable, code)}
    for k, v in want.items():
        c.eq(case, k, exp.get(k), v)
    compare_lines(c, case, "lines", exp["lines"], ledger_lines(res["lines"], "clawback", inp["at"], o["id"]))


def do_pool(c, case):
    inp = case["input"]
    code = inp["pool"]["currency"]
    s = minor(code)
    pool = int(q(inp["pool"]["amount"]) * 10 ** s)
    ws = [q(m["weight"]) for m in inp["members"]]
    if sum(ws) == 0:
        members_total, kept = 0, pool
    else:
        pct = q(inp["members_percent"])
        members_total, kept = lr(pool, [pct, 100 - pct])
    parts = lr(members_total, ws) if members_total else [0] * len(ws)
    exp = case["expected"]
    c.eq(case, "pool", exp["pool"], inp["pool"])
    c.eq(case, "members_total", exp["members_total"], mon(members_total, code))
    c.eq(case, "kept", exp["kept"], mon(kept, code))
    c.eq(case, "keeper", exp["keeper"], inp["keeper"])
    want = [{"party_id": m["party_id"], "role": m.get("role", "store_staff"), "weight": m["weight"],
             "amount": mon(p, code)} for m, p in zip(inp["members"], parts)]
    c.eq(case, "shares count", len(exp["shares"]), len(want))
    for i, (g, w) in enumerate(zip(exp["shares"], want)):
        c.eq(case, f"shares[{i}].amount", g["amount"], w["amount"])
        c.eq(case, f"shares[{i}].party", (g["party_id"], g["role"]), (w["party_id"], w["role"]))
        c.eq_dec(case, f"shares[{i}].weight", g["weight"], w["weight"])


def period_key(at, period, tz):
    t = ts(at).astimezone(zone(tz))
    if period == "all":
        return "all"
    if period == "day":
        return t.strftime("%Y-%m-%d")
    if period == "week":
        y, w, _ = t.isocalendar()
        return f"{y}-W{w:02d}"
    if period == "month":
        return t.strftime("%Y-%m")
    raise Unmodelled(f"period {period}")


def json_key(l):
    return tuple(sorted((k, str(v)) for k, v in l.items()))


def do_settle(c, case):
    inp = case["input"]
    period, tz = inp.get("period", "all"), inp.get("time_zone", "UTC")
    groups = {}
    for l in inp["lines"]:
        key = (l["party_id"], l["amount"]["currency"], period_key(l["at"], period, tz))
        groups.setdefault(key, []).append(l)
    exp = case["expected"]
    c.eq(case, "period", exp["period"], period)
    c.eq(case, "time_zone", exp["time_zone"], tz)
    c.eq(case, "statements", [(s["party_id"], s["currency"], s["period"]) for s in exp["statements"]], sorted(groups))
    for st in exp["statements"]:
        ls = groups.get((st["party_id"], st["currency"], st["period"]), [])
        code = st["currency"]
        vals = [q(l["amount"]["amount"]) for l in ls]
        what = f"{st['party_id']}/{st['period']}"
        c.eq_dec(case, f"{what}.total", st["total"]["amount"], dec_str(sum(vals, Fraction(0))))
        c.eq_dec(case, f"{what}.credits", st["credits"]["amount"], dec_str(sum((v for v in vals if v > 0), Fraction(0))))
        c.eq_dec(case, f"{what}.debits", st["debits"]["amount"], dec_str(sum((v for v in vals if v < 0), Fraction(0))))
        c.eq(case, f"{what}.line_count", st["line_count"], len(ls))
        c.eq(case, f"{what}.order_count", st["order_count"], len({l["order_id"] for l in ls}))
        roles = {}
        for l in ls:
            r = roles.setdefault(l["role"], [Fraction(0), 0])
            r[0] += q(l["amount"]["amount"])
            r[1] += 1
        c.eq(case, f"{what}.roles", [(r["role"], q(r["total"]["amount"]), r["line_count"]) for r in st["roles"]],
             [(k, v[0], v[1]) for k, v in sorted(roles.items())])
        c.eq(case, f"{what}.lines (the group's input lines)", sorted(map(json_key, st["lines"])), sorted(map(json_key, ls)))
        c.eq(case, f"{what}.lines sorted by time then order", [(ts(l["at"]), l["order_id"]) for l in st["lines"]],
             sorted((ts(l["at"]), l["order_id"]) for l in ls))


def do_attribute(c, case):
    inp = case["input"]
    code = inp["pool"]["currency"]
    s = minor(code)
    pool = int(q(inp["pool"]["amount"]) * 10 ** s)
    journey = inp["journey"]
    w = model_weights(inp["model"], journey, inp["converted_at"])
    parts = lr(pool, w)
    tw = sum(w)
    exp = case["expected"]
    c.eq(case, "pool", exp["pool"], inp["pool"])
    c.eq(case, "shares count", len(exp["shares"]), len(journey))
    for i, (g, tp, a, wi) in enumerate(zip(exp["shares"], journey, parts, w)):
        want = {"touchpoint": i, "channel": tp["channel"], "party_id": tp["party_id"], "amount": mon(a, code)}
        if "stage" in tp:
            want["stage"] = tp["stage"]
        for k, v in want.items():
            c.eq(case, f"shares[{i}].{k}", g.get(k), v)
        c.eq_dec(case, f"shares[{i}].credit", g["credit"], trunc(wi / tw, 18))


def do_shapley(c, case):
    inp = case["input"]
    game = inp.get("game", "conversions")
    js = [(frozenset(j["channels"]), j.get("converted", False), j.get("count", 1)) for j in inp["journeys"]]
    chans = sorted(set().union(*[s for s, _, _ in js]))
    n = len(chans)
    exp = case["expected"]
    journeys = sum(k for _, _, k in js)
    conversions = sum(k for _, cv, k in js if cv)
    c.eq(case, "journeys", exp["journeys"], journeys)
    c.eq(case, "conversions", exp["conversions"], conversions)
    c.eq(case, "game", exp["game"], game)
    if game == "conversions":
        c.eq(case, "method", exp["method"], "closed_form")
        phi = {ch: sum((Fraction(k, len(s)) for s, cv, k in js if cv and ch in s), Fraction(0)) for ch in chans}
        total = Fraction(sum(k for s, cv, k in js if cv and s))
        values = phi
    elif game == "conversion_rate":
        if n > 12:
            raise Unmodelled("conversion_rate game above 12 channels (sampled)")
        c.eq(case, "method", exp["method"], "exact")

        def v(S):
            alls = sum(k for s, _, k in js if s <= S)
            conv = sum(k for s, cv, k in js if cv and s <= S)
            return 0 if alls == 0 else (conv << 60) // alls

        full = frozenset(chans)
        total = Fraction(v(full) - v(frozenset()), ONE)
        values = {}
        for i, ch in enumerate(chans):
            others = [x for x in chans if x != ch]
            acc = 0
            for r in range(len(others) + 1):
                for S in itertools.combinations(others, r):
                    S = frozenset(S)
                    acc += math.factorial(len(S)) * math.factorial(n - 1 - len(S)) * (v(S | {ch}) - v(S))
            fl = acc // math.factorial(n) if acc >= 0 else -((-acc) // math.factorial(n))
            values[ch] = Fraction(fl, ONE)
    else:
        raise Unmodelled(f"game {game}")
    c.eq_dec(case, "total", exp["total"], trunc(total, 18))
    c.eq(case, "channels", [x["channel"] for x in exp["channels"]], chans)
    for x in exp["channels"]:
        c.eq_dec(case, f"{x['channel']}.value", x["value"], trunc(values[x["channel"]], 18))
    if "pool" in inp:
        code = inp["pool"]["currency"]
        pool = int(q(inp["pool"]["amount"]) * 10 ** minor(code))
        parts = lr(pool, [max(values[ch], Fraction(0)) for ch in chans])
        for x, a in zip(exp["channels"], parts):
            c.eq(case, f"{x['channel']}.amount", x.get("amount"), mon(a, code))


if __name__ == "__main__":
    checker = Checker("split.json")
    fns = {"split": do_split, "split.batch": do_batch, "split.refund": do_refund, "split.pool": do_pool,
           "settle": do_settle, "attribute": do_attribute, "attribute.shapley": do_shapley}
    checker.main(fns, not_money=NOT_MONEY, unchecked=UNCHECKED)
