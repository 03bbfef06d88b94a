# Independent reference for testdata/vectors/quote.json (run: python3 testdata/gen/quote_reference.py --check).
#
# Written from the documented rules (README "Coupons and promotions", the crate docs of o2okit::quote,
# Promotion, Discount, Stacking, Cart, Schedule and the pipeline/select module docs), on integer minor units:
# - units: a whole quantity is that many units at the unit price; a fractional one is one unit at
#   unit_price x quantity rounded half-even;
# - cart-independent checks in the documented order: schedule (window, local slots), channel, store, first
#   order, member tier, total usage, per-customer usage;
# - the pipeline: item level (percent off per line, rounded half-even and spread over the line's units;
#   amount off per unit; fixed price per unit or per bundle of the most expensive units; nth item; buy X
#   get Y, cheapest or most expensive rewarded, consuming units; member prices) -> order level (percent
#   of the targeted subtotal rounded half-even, amount off, no threshold, threshold tiers, repeating steps
#   with a cap, gifts) -> delivery; by priority then id; `base: original` or discounted; thresholds on
#   the discounted subtotal or `threshold_on: original`; a discount never exceeds what is left to pay;
#   `max_discount`; order discounts spread over the targeted units by current price with largest
#   remainder (ties to the earlier unit); `stop_after`;
# - selection: every valid combination (one per group, an exclusive alone; explicit coupons always in) is
#   run here (beyond 4,096 subsets an exact branch and bound, see best_saving), and the quote's applied
#   set must save the most of all of them (the documented tie rule,
#   "first found by greedy then depth-first", is not modelled: among equal savings the vector's set is
#   accepted if it is one of the best); then that set is priced here and compared.
# Checked: subtotal, every discount (kind, level, amount, funder, base, line shares, upsell hint amount),
# discount total, delivery (fee, discount, charged), total, every line (original, discount, net, unit runs),
# gifts, selection mode and saving, `optimal`; the rejected promotions (exactly those not applied), their
# reason codes for cart-independent and cart-dependent misses, and the amounts in their params and hints.
# Not checked: `selection.candidates`, `selection.evaluations` and any other account of how the search went
# (internal counters, not facts), reason/hint message texts, and which of several equally good combinations is reported.
import itertools
import math
from datetime import datetime, timedelta
from fractions import Fraction

from oracle import Checker, Unmodelled, minor, q, round_frac, units_to_str, zone

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
ITEM = {"percent_off_items", "amount_off_items", "fixed_price", "nth_item", "buy_x_get_y", "member_price"}
ORDER = {"percent_off_order", "amount_off_order", "no_threshold", "threshold", "repeating", "gift"}
DELIVERY = {"delivery"}
KNOWN_PROMO = {"id", "name", "trigger", "discount", "funded_by", "max_discount", "conditions", "stacking", "base",
               "threshold_on"}
KNOWN_COND = {"min_subtotal", "min_quantity", "target", "first_order_only", "member_tiers", "channels", "stores",
              "schedule", "usage_limit", "per_customer_limit"}


def ts(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def lr(total, weights):
    tw = sum(weights)
    if tw == 0 or total == 0:
        return [0] * len(weights)
    shares = [Fraction(total) * w / tw for w in weights]
    got = [s.numerator // s.denominator for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - got[i]), i))
    for i in order[:total - sum(got)]:
        got[i] += 1
    return got


def pct_of(value, percent):
    return round_frac(Fraction(value) * q(percent) / 100, "half_even")


class Cart:
    def __init__(self, cart):
        self.lines = cart["lines"]
        codes = {l["unit_price"]["currency"] for l in self.lines}
        assert len(codes) == 1
        self.code = codes.pop()
        self.s = minor(self.code)
        self.U = lambda mo: int(q(mo["amount"]) * 10 ** self.s)
        self.units = []  # (line index, list price)
        for i, l in enumerate(self.lines):
            qty = q(l["quantity"])
            price = self.U(l["unit_price"])
            if qty.denominator == 1:
                self.units += [(i, price)] * int(qty)
            else:
                self.units.append((i, round_frac(price * qty)))
        self.fee = self.U(cart["delivery_fee"]) if cart.get("delivery_fee") else None

    def mo(self, u):
        return {"amount": units_to_str(u, self.s), "currency": self.code}


def allowed(rule, value):
    if not rule:
        return True
    if value in rule.get("deny", []):
        return False
    allow = rule.get("allow", [])
    return not allow or value in allow


def targeted(promo, line):
    if line.get("promotable", True) is False:
        return False
    t = promo.get("conditions", {}).get("target", {})
    cats = set(line.get("categories") or [])
    if line["product_id"] in t.get("exclude_products", []) or cats & set(t.get("exclude_categories", [])):
        return False
    inc_p, inc_c = t.get("products", []), t.get("categories", [])
    if inc_p or inc_c:
        if not (line["product_id"] in inc_p or cats & set(inc_c)):
            return False
    d = promo["discount"]
    if d["type"] == "member_price" and line["product_id"] not in {p["product_id"] for p in d["prices"]}:
        return False
    return True


def slot_status(sched, now):
    """None if inside a slot, else the next slot start (aware datetime) within 7 days, or False."""
    tz = zone(sched["time_zone"])
    local = now.astimezone(tz).replace(tzinfo=None)
    starts = []
    for k in range(-1, 8):
        day = local.date() + timedelta(days=k)
        for sl in sched["slots"]:
            if sl.get("days") and DAYS[day.weekday()] not in sl["days"]:
                continue
            h1, m1 = map(int, sl["start"].split(":"))
            h2, m2 = map(int, sl["end"].split(":"))
            a, b = h1 * 60 + m1, h2 * 60 + m2
            if b <= a:
                b += 1440
            s = datetime.combine(day, datetime.min.time()) + timedelta(minutes=a)
            e = datetime.combine(day, datetime.min.time()) + timedelta(minutes=b)
            if s <= local < e:
                return None
            if s > local and s - local <= timedelta(days=7):
                starts.append(s)
    return min(starts).replace(tzinfo=tz) if starts else False


def static_reason(p, ctx):
    """The first cart-independent failure (code, params) or None."""
    cond = p.get("conditions", {})
    now = ts(ctx["now"])
    sch = cond.get("schedule")
    if sch:
        if sch.get("valid_from") and now < ts(sch["valid_from"]):
            return "not_started", {"valid_from": sch["valid_from"]}
        if sch.get("valid_until") and now >= ts(sch["valid_until"]):
            return "expired", {"valid_until": sch["valid_until"]}
        if sch.get("slots"):
            st = slot_status(sch, now)
            if st is not None:
                return "not_in_time_slot", ({"next_start": st.isoformat()} if st else {})
    if not allowed(cond.get("channels"), ctx["channel"]):
        return "wrong_channel", {"channel": ctx["channel"]}
    stores = cond.get("stores")
    if stores and (stores.get("allow") and ctx.get("store_id") is None or not allowed(stores, ctx.get("store_id"))):
        return "wrong_store", {"store_id": ctx.get("store_id")}
    cust = ctx.get("customer", {})
    if cond.get("first_order_only") and not cust.get("first_order", False):
        return "not_first_order", None
    tiers = cond.get("member_tiers")
    needs_tier = p["discount"]["type"] == "member_price"
    if (tiers and cust.get("member_tier") not in tiers) or (needs_tier and not tiers and not cust.get("member_tier")):
        return "member_tier_required", None
    usage = {u["promotion_id"]: u for u in ctx.get("usage", [])}.get(p["id"], {})
    if cond.get("usage_limit") is not None and usage.get("total", 0) >= cond["usage_limit"]:
        return "usage_limit_reached", {"limit": str(cond["usage_limit"]), "used": str(usage.get("total", 0))}
    if cond.get("per_customer_limit") is not None and usage.get("customer", 0) >= cond["per_customer_limit"]:
        return "per_customer_limit_reached", {"limit": str(cond["per_customer_limit"]), "used": str(usage.get("customer", 0))}
    return None


def level(p):
    t = p["discount"]["type"]
    if t in ITEM:
        return 0
    if t in ORDER:
        return 1
    if t in DELIVERY:
        return 2
    raise Unmodelled(f"discount kind {t}")


def pipeline_key(p):
    return (level(p), p.get("stacking", {}).get("priority", 0), p["id"])


class Miss(Exception):
    def __init__(self, code, params=None, hint=None):
        self.code, self.params, self.hint = code, params, hint


def run(cart, promos, ctx):
    """Price the cart with `promos` (in pipeline order). Returns (applied, state, misses)."""
    n = len(cart.units)
    cur = [p for _, p in cart.units]
    consumed = [False] * n
    fee_left = cart.fee
    applied, misses = [], {}
    stopped_by = None
    for p in sorted(promos, key=pipeline_key):
        if stopped_by:
            misses[p["id"]] = Miss("stopped_by_prior_discount", {"by": stopped_by})
            continue
        try:
            res = apply_one(cart, p, cur, consumed, fee_left)
        except Miss as m:
            misses[p["id"]] = m
            continue
        per_unit, delivery, gift, hint, used = res
        for u, a in per_unit.items():
            cur[u] -= a
        for u in used:
            consumed[u] = True
        if delivery:
            fee_left -= delivery
        applied.append(dict(p=p, per_unit=per_unit, delivery=delivery, gift=gift, hint=hint))
        if p.get("stacking", {}).get("stop_after"):
            stopped_by = p["id"]
    return applied, cur, misses


def apply_one(cart, p, cur, consumed, fee_left):
    d = p["discount"]
    t = d["type"]
    cond = p.get("conditions", {})
    if set(p) - KNOWN_PROMO or set(cond) - KNOWN_COND:
        raise Unmodelled(f"promotion fields {sorted(set(p) - KNOWN_PROMO)} {sorted(set(cond) - KNOWN_COND)}")
    original = p.get("base", "discounted") == "original"
    thr_original = p.get("threshold_on", "discounted") == "original"
    units = [u for u, (li, _) in enumerate(cart.units) if targeted(p, cart.lines[li])]
    if t != "delivery" and not units:
        raise Miss("not_targetable")
    base = lambda u: cart.units[u][1] if original else cur[u]
    thr_base = sum(cart.units[u][1] if thr_original else cur[u] for u in units)
    if "min_subtotal" in cond:
        req = cart.U(cond["min_subtotal"])
        if thr_base < req:
            raise Miss("min_spend_not_met", {"actual": cart.mo(thr_base)["amount"], "required": cart.mo(req)["amount"]},
                       {"code": "add_amount", "amount": cart.mo(req - thr_base)})
    consuming = t in ("nth_item", "buy_x_get_y") or (t == "fixed_price" and d.get("per") == "bundle")
    free = [u for u in units if not (consuming and consumed[u])]
    if "min_quantity" in cond:
        req = q(cond["min_quantity"])
        qty = sum((q(cart.lines[li]["quantity"]) for li in {cart.units[u][0] for u in units}), Fraction(0))
        if qty < req:
            raise Miss("min_quantity_not_met", {"actual": str(qty), "required": cond["min_quantity"]},
                       {"code": "add_items", "quantity": str(req - qty)})
    per_unit, delivery, gift, hint, used = {}, 0, None, None, []
    by_value = sorted(free, key=lambda u: (-base(u), u))

    def need(k):
        if len(free) < k:
            raise Miss("min_quantity_not_met", {"actual": str(len(free)), "required": str(k)},
                       {"code": "add_items", "quantity": str(k - len(free))})

    if t == "percent_off_items":
        for li in sorted({cart.units[u][0] for u in units}):
            us = [u for u in units if cart.units[u][0] == li]
            total = pct_of(sum(base(u) for u in us), d["percent"])
            for u, a in zip(us, lr(total, [Fraction(base(u)) for u in us])):
                per_unit[u] = a
    elif t == "amount_off_items":
        for u in units:
            per_unit[u] = cart.U(d["amount"])
    elif t == "fixed_price" and d.get("per", "item") == "item":
        for u in units:
            li = cart.units[u][0]
            qty = q(cart.lines[li]["quantity"])
            price = cart.U(d["price"]) if qty.denominator == 1 else round_frac(cart.U(d["price"]) * qty)
            per_unit[u] = max(0, base(u) - price)
    elif t == "fixed_price":
        size = d["bundle_size"]
        need(size)
        k = len(by_value) // size
        for b in range(k):
            us = by_value[b * size:(b + 1) * size]
            off = max(0, sum(base(u) for u in us) - cart.U(d["price"]))
            for u, a in zip(us, lr(off, [Fraction(base(u)) for u in us])):
                per_unit[u] = a
            used += us
    elif t == "nth_item":
        nn = d["n"]
        need(nn)
        k = len(by_value) // nn
        for g in range(k):
            u = by_value[g * nn + nn - 1]
            per_unit[u] = pct_of(base(u), d["percent"])
        used += by_value[:k * nn]
    elif t == "buy_x_get_y":
        grp = d["buy"] + d["get"]
        need(grp)
        k = len(by_value) // grp
        if d.get("max_applications") is not None:
            k = min(k, d["max_applications"])
        if d.get("reward", "cheapest_first") == "cheapest_first":
            rewards = by_value[len(by_value) - k * d["get"]:] if k else []
            quals = by_value[:k * d["buy"]]
        elif d["reward"] == "most_expensive_first":
            rewards = by_value[:k * d["get"]]
            quals = by_value[k * d["get"]:k * d["get"] + k * d["buy"]]
        else:
            raise Unmodelled(f"reward {d['reward']}")
        for u in rewards:
            per_unit[u] = pct_of(base(u), d["percent"])
        used += quals + rewards
    elif t == "member_price":
        prices = {x["product_id"]: cart.U(x["price"]) for x in d["prices"]}
        for u in units:
            li = cart.units[u][0]
            line = cart.lines[li]
            qty = q(line["quantity"])
            price = prices[line["product_id"]] if qty.denominator == 1 else round_frac(prices[line["product_id"]] * qty)
            per_unit[u] = max(0, base(u) - price)
    elif t in ORDER:
        left = sum(cur[u] for u in units)
        obase = sum(base(u) for u in units)
        if t == "percent_off_order":
            amount = pct_of(obase, d["percent"])
        elif t in ("amount_off_order", "no_threshold"):
            amount = cart.U(d["amount"])
        elif t == "threshold":
            tiers = sorted(d["tiers"], key=lambda x: cart.U(x["min_spend"]))
            reached = [x for x in tiers if cart.U(x["min_spend"]) <= thr_base]
            if not reached:
                req = cart.U(tiers[0]["min_spend"])
                raise Miss("min_spend_not_met", {"actual": cart.mo(thr_base)["amount"], "required": cart.mo(req)["amount"]},
                           {"code": "add_amount", "amount": cart.mo(req - thr_base)})
            amount = cart.U(reached[-1]["off"])
            nxt = [x for x in tiers if cart.U(x["min_spend"]) > thr_base]
            if nxt:
                hint = {"code": "add_amount", "amount": cart.mo(cart.U(nxt[0]["min_spend"]) - thr_base)}
        elif t == "repeating":
            step, off = cart.U(d["step"]), cart.U(d["off"])
            if thr_base < step:
                raise Miss("min_spend_not_met", {"actual": cart.mo(thr_base)["amount"], "required": cart.mo(step)["amount"]},
                           {"code": "add_amount", "amount": cart.mo(step - thr_base)})
            times = thr_base // step
            amount = times * off
            cap = cart.U(d["cap"]) if d.get("cap") else None
            if cap is not None:
                amount = min(amount, cap)
            if cap is None or (times + 1) * off <= cap:
                hint = {"code": "add_amount", "amount": cart.mo((times + 1) * step - thr_base)}
        elif t == "gift":
            gift = d
            amount = 0
        if p.get("max_discount"):
            amount = min(amount, cart.U(p["max_discount"]))
        amount = min(amount, left)
        if gift is None:
            if amount <= 0:
                raise Miss("nothing_to_discount")
            for u, a in zip(units, lr(amount, [Fraction(cur[u]) for u in units])):
                per_unit[u] = a
        return {u: a for u, a in per_unit.items() if a}, 0, gift, hint, used
    elif t == "delivery":
        if not fee_left:
            raise Miss("nothing_to_discount")
        delivery = pct_of(fee_left, d["percent"]) if "percent" in d else cart.U(d["amount"])
        if p.get("max_discount"):
            delivery = min(delivery, cart.U(p["max_discount"]))
        delivery = min(delivery, fee_left)
        if delivery <= 0:
            raise Miss("nothing_to_discount")
        return {}, delivery, None, None, []
    else:
        raise Unmodelled(f"discount kind {t}")
    # item level: never below zero, then max_discount spread over the desired discounts
    per_unit = {u: min(a, cur[u]) for u, a in per_unit.items()}
    total = sum(per_unit.values())
    if p.get("max_discount") and total > cart.U(p["max_discount"]):
        us = sorted(per_unit)
        capped = lr(cart.U(p["max_discount"]), [Fraction(per_unit[u]) for u in us])
        per_unit = dict(zip(us, capped))
    per_unit = {u: a for u, a in per_unit.items() if a}
    if not per_unit:
        raise Miss("nothing_to_discount")
    return per_unit, 0, None, None, used


def saving_of(applied):
    s = 0
    for a in applied:
        s += sum(a["per_unit"].values()) + a["delivery"]
        if a["gift"]:
            code = a["gift"]["value"]["currency"]
            s += int(q(a["gift"]["value"]["amount"]) * 10 ** minor(code)) * a["gift"]["quantity"]
    return s


def valid(combo):
    groups = [p.get("stacking", {}).get("group") for p in combo]
    groups = [g for g in groups if g]
    if len(groups) != len(set(groups)):
        return False
    if any(p.get("stacking", {}).get("exclusive") for p in combo) and len(combo) > 1:
        return False
    return True


EXHAUSTIVE_LIMIT = 4096


def consuming(p):
    d = p["discount"]
    return d["type"] in ("nth_item", "buy_x_get_y") or (d["type"] == "fixed_price" and d.get("per") == "bundle")


def best_saving(cart, ctx, free, forced):
    """The most any valid combination (the forced coupons plus any of `free`) saves, in this model.

    Every valid combination is priced when there are at most EXHAUSTIVE_LIMIT subsets; beyond, an exact
    branch and bound over the same combinations, sound in this model because a promotion never takes
    more beside others than alone (bases and what is left only fall, thresholds only get harder, and a
    stop_after only removes discounts), with two further bounds: one promotion per group, and no
    combination saves more than the bill plus every gift's value. Two consuming offers that can compete
    for the same units break the first rule, so such a wallet beyond the exhaustive limit is not modelled."""
    if 2 ** len(free) <= EXHAUSTIVE_LIMIT:
        best = 0
        for k in range(len(free) + 1):
            for combo in itertools.combinations(free, k):
                combo = list(combo) + forced
                if valid(combo):
                    best = max(best, saving_of(run(cart, combo, ctx)[0]))
        return best
    base = saving_of(run(cart, forced, ctx)[0]) if valid(forced) else 0
    singles = {}
    for p in free:
        if valid(forced + [p]):
            singles[p["id"]] = saving_of(run(cart, forced + [p], ctx)[0]) - base
    kept = [p for p in free if singles.get(p["id"], 0) > 0]
    cons = [p for p in kept if consuming(p)]
    for a, b in itertools.combinations(cons, 2):
        ua = {u for u, (li, _) in enumerate(cart.units) if targeted(a, cart.lines[li])}
        ub = {u for u, (li, _) in enumerate(cart.units) if targeted(b, cart.lines[li])}
        if ua & ub:
            raise Unmodelled(f"a large wallet with consuming offers {a['id']} and {b['id']} competing for units")
    cap = sum(p for _, p in cart.units) + (cart.fee or 0) + sum(
        cart.U(p["discount"]["value"]) * p["discount"]["quantity"] for p in kept if p["discount"]["type"] == "gift")
    best = base
    exclusive = [p for p in kept if p.get("stacking", {}).get("exclusive")]
    if not forced:
        for p in exclusive:
            best = max(best, base + singles[p["id"]])
    order = sorted([p for p in kept if p not in exclusive], key=lambda p: (-singles[p["id"]], pipeline_key(p)))

    def bound(i, groups):
        tot, per_group = 0, {}
        for p in order[i:]:
            g = p.get("stacking", {}).get("group")
            if g is None:
                tot += singles[p["id"]]
            elif g not in groups:
                per_group[g] = max(per_group.get(g, 0), singles[p["id"]])
        return tot + sum(per_group.values())

    def dfs(i, chosen, groups, saving):
        nonlocal best
        best = max(best, saving)
        if best >= cap or saving + bound(i, groups) <= best:
            return
        for j in range(i, len(order)):
            p = order[j]
            g = p.get("stacking", {}).get("group")
            if g is not None and g in groups:
                continue
            combo = forced + chosen + [p]
            if not valid(combo):
                continue
            dfs(j + 1, chosen + [p], groups | ({g} if g else set()), saving_of(run(cart, combo, ctx)[0]))
            if best >= cap:
                return

    dfs(0, [], {p.get("stacking", {}).get("group") for p in forced} - {None}, base)
    return best


def check_quote(c, case):
    inp, exp = case["input"], case["expected"]
    cart = Cart(inp["cart"])
    ctx = inp["context"]
    promos = inp["promotions"]
    if set(ctx) - {"now", "channel", "store_id", "customer", "usage", "coupons"}:
        raise Unmodelled(f"context {sorted(ctx)}")
    static = {p["id"]: static_reason(p, ctx) for p in promos}
    explicit = ctx.get("coupons", {}).get("mode") == "explicit"
    chosen_coupons = set(ctx.get("coupons", {}).get("coupons", [])) if explicit else set()
    cands = [p for p in promos if static[p["id"]] is None and (
        p.get("trigger", "automatic") == "automatic" or not explicit or p["id"] in chosen_coupons)]
    forced = [p for p in cands if p["id"] in chosen_coupons]
    free = [p for p in cands if p["id"] not in chosen_coupons]
    best = best_saving(cart, ctx, free, forced)
    applied_ids = [d["promotion_id"] for d in exp["discounts"]]
    by_id = {p["id"]: p for p in promos}
    applied, cur, _ = run(cart, [by_id[i] for i in applied_ids], ctx)
    saving = saving_of(applied)
    c.eq(case, "the applied set saves the most of every valid combination", saving, best)
    c.eq(case, "applied promotions (in pipeline order)", applied_ids, [a["p"]["id"] for a in applied])
    # discounts
    disc_total = 0
    deliv = 0
    want_discounts = []
    for a in applied:
        p = a["p"]
        amt = sum(a["per_unit"].values()) + a["delivery"]
        lines = {}
        for u, x in sorted(a["per_unit"].items()):
            li = cart.units[u][0]
            lines[li] = lines.get(li, 0) + x
        w = {"promotion_id": p["id"], "kind": p["discount"]["type"],
             "level": ["item", "order", "delivery"][level(p)], "amount": cart.mo(amt), "funded_by": p["funded_by"],
             "base": p.get("base", "discounted"),
             "lines": [{"line_id": cart.lines[li]["id"], "amount": cart.mo(x)} for li, x in sorted(lines.items())]}
        if a["hint"]:
            w["hint"] = a["hint"]
        want_discounts.append(w)
        if level(p) < 2:
            disc_total += sum(a["per_unit"].values())
        deliv += a["delivery"]
    for i, (g, w) in enumerate(zip(exp["discounts"], want_discounts)):
        g = dict(g)
        if "hint" in g:
            g["hint"] = {k: v for k, v in g["hint"].items() if k != "message"}
        c.eq(case, f"discounts[{i}]", g, w)
    subtotal = sum(p for _, p in cart.units)
    c.eq(case, "subtotal", exp["subtotal"], cart.mo(subtotal))
    c.eq(case, "discount_total", exp["discount_total"], cart.mo(disc_total))
    if cart.fee is not None:
        c.eq(case, "delivery", exp.get("delivery"), {"fee": cart.mo(cart.fee), "discount": cart.mo(deliv),
                                                     "charged": cart.mo(cart.fee - deliv)})
    else:
        c.eq(case, "delivery", exp.get("delivery"), None)
    c.eq(case, "total", exp["total"], cart.mo(subtotal - disc_total + (cart.fee - deliv if cart.fee is not None else 0)))
    want_lines = []
    for li, line in enumerate(cart.lines):
        us = [u for u in range(len(cart.units)) if cart.units[u][0] == li]
        orig = sum(cart.units[u][1] for u in us)
        net = sum(cur[u] for u in us)
        runs = []
        for u in us:
            if runs and runs[-1][1] == cur[u]:
                runs[-1][0] += 1
            else:
                runs.append([1, cur[u]])
        want_lines.append({"line_id": line["id"], "quantity": line["quantity"], "original": cart.mo(orig),
                           "discount": cart.mo(orig - net), "net": cart.mo(net),
                           "units": [{"count": k, "net": cart.mo(v)} for k, v in runs]})
    c.eq(case, "lines count", len(exp["lines"]), len(want_lines))
    for g, w in zip(exp["lines"], want_lines):
        g = dict(g)
        c.eq_dec(case, f"line {w['line_id']}.quantity", g.pop("quantity"), w.pop("quantity"))
        c.eq(case, f"line {w['line_id']}", g, w)
    gifts = [{"promotion_id": a["p"]["id"], "product_id": a["gift"]["product_id"], "quantity": a["gift"]["quantity"],
              "value": a["gift"]["value"], "funded_by": a["p"]["funded_by"]} for a in applied if a["gift"]]
    c.eq(case, "gifts", exp.get("gifts", []), gifts)
    sel = exp["selection"]
    c.eq(case, "selection.mode", sel["mode"], "explicit" if explicit else "best_for_customer")
    c.eq(case, "selection.saving", sel["saving"], cart.mo(int(saving)) if Fraction(saving).denominator == 1 else None)
    c.eq(case, "selection.optimal", sel["optimal"], True)
    # rejections
    rejected = {r["promotion_id"]: r for r in exp["rejected"]}
    c.eq(case, "rejected = the promotions not applied", sorted(rejected), sorted(p["id"] for p in promos if p["id"] not in applied_ids))
    for pid, r in rejected.items():
        p = by_id[pid]
        st = static[pid]
        if st:
            code, params = st
            c.eq(case, f"rejected {pid}.reason", r["reason"], code)
            if params is not None and code != "member_tier_required":
                c.eq(case, f"rejected {pid}.params", r.get("params"), params)
            continue
        if explicit and p.get("trigger") == "coupon" and pid not in chosen_coupons:
            c.eq(case, f"rejected {pid}.reason", r["reason"], "not_selected")
            continue
        # beside the chosen combination (pipeline order), else alone
        beside_applied, _, beside_miss = run(cart, [by_id[i] for i in applied_ids] + [p], ctx)
        if pid in beside_miss:
            m = beside_miss[pid]
            c.eq(case, f"rejected {pid}.reason (beside the chosen set)", r["reason"], m.code)
            if m.params is not None:
                c.eq(case, f"rejected {pid}.params", r.get("params"), m.params)
            if m.hint is not None:
                c.eq(case, f"rejected {pid}.hint", {k: v for k, v in (r.get("hint") or {}).items() if k != "message"}, m.hint)
        else:
            c.eq(case, f"rejected {pid}.reason (it applies beside the chosen set: lost to it)",
                 r["reason"] in ("lost_to_better_combination", "excluded_by_exclusive"), True)
            if r["reason"] == "excluded_by_exclusive":
                c.eq(case, f"rejected {pid}: an exclusive promotion applies",
                     any(by_id[i].get("stacking", {}).get("exclusive") for i in applied_ids), True)


def check_file(file):
    return Checker(file)


if __name__ == "__main__":
    Checker("quote.json").main({"quote": check_quote})
