# Golden vectors for voucher_order.open, voucher_order.step and voucher_order.replay
# (testdata/vectors/voucher_orders.json).
#
# Run: python3 testdata/gen/voucher_orders.py
#
# The expected outputs come from the small, independent reference model below, written from the
# documented rules (the module docs of crates/o2okit/src/lifecycle/voucher_order and
# `voucher_order_step`'s guards), not from o2okit: money in integer minor units, a redemption of
# c of L open uses takes the largest-remainder share c/L of the open value (a tie goes to the
# redeemed part), a settlement splits the redemption by percent rules on the gross (half-even) with
# the rest to the remainder party. Codes come from voucher_reference.py. Each case also asserts the
# hand-computed numbers it is about (33.33/33.34/33.33, 8% of 66.67 = 5.33, ...), so a wrong model
# fails here before it reaches a vector.
import copy, contextlib, io, json, os
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(HERE, 'voucher_reference.py'), encoding='utf-8').read()
ref = {}
with contextlib.redirect_stdout(io.StringIO()):
    exec(src.split('key=bytes(range(32))')[0], ref)
ref_code = ref['code']

CUR = "CNY"


def m(units):
    sign = '-' if units < 0 else ''
    units = abs(units)
    return {"amount": f"{sign}{units // 100}.{units % 100:02d}", "currency": CUR}


def units(money):
    whole, frac = money["amount"].split(".")
    return int(whole) * 100 + int(frac)


def t(s):
    return datetime.fromisoformat(s)


class Rejected(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


# ---- the reference model -------------------------------------------------------------------

ACTOR = {"pay": "customer", "refund": "customer", "redeem": "staff", "reverse": "staff",
         "expire": "scheduler", "settle": "platform"}
ALLOWED = {"created": ["pay", "expire"], "issued": ["redeem", "reverse", "refund", "expire"],
           "partially_redeemed": ["redeem", "reverse", "refund", "expire", "settle"],
           "redeemed": ["reverse", "expire", "settle"], "refunded": [], "expired": [], "closed": []}


def normal(cmd):
    """The command as the engine serialises it (defaults filled, empty optionals left out)."""
    c = dict(cmd)
    if c["type"] == "redeem":
        c.setdefault("count", 1)
    for k in ("vouchers", "redemptions"):
        if k in c and not c[k]:
            del c[k]
    return c


def validate(deal):
    if not deal["id"]:
        raise Rejected("invalid_deal")
    if not 1 <= deal["vouchers"] <= 100 or not 1 <= deal.get("uses", 1) <= 100:
        raise Rejected("invalid_deal")
    if units(deal["price"]) < deal.get("uses", 1):
        raise Rejected("invalid_deal")
    if t(deal["valid_from"]) >= t(deal["valid_until"]):
        raise Rejected("invalid_deal")
    if not deal["stores"] or len(set(deal["stores"])) != len(deal["stores"]) or "" in deal["stores"]:
        raise Rejected("invalid_deal")


def open_order(deal, order_id, customer_id):
    validate(deal)
    if not order_id or not customer_id:
        raise Rejected("invalid_input")
    z = m(0)
    return {"order_id": order_id, "customer_id": customer_id, "deal_id": deal["id"], "status": "created",
            "vouchers": [], "redemptions": [],
            "totals": {"charged": z, "refunded": z, "settled": z, "breakage": z},
            "expired": False, "processed": []}


def take(value, left, count):
    """Largest remainder over weights [count, left - count]; a tie goes to the first part."""
    if count >= left:
        return value
    rest = left - count
    a, ra = divmod(value * count, left)
    b, rb = divmod(value * rest, left)
    if value - a - b == 1 and ra >= rb:
        a += 1
    return a


def half_even(num, den):
    q, r = divmod(num, den)
    if 2 * r > den or (2 * r == den and q % 2 == 1):
        q += 1
    return q


def split_ledger(deal, order_id, at, amount):
    lines, left = [], amount
    for rule in deal["plan"]["rules"]:
        assert rule["base"] == "gross_paid" and rule["pay"]["type"] == "percent"
        pct = rule["pay"]["percent"]
        whole, _, frac = pct.partition(".")
        scale = 10 ** len(frac)
        share = half_even(amount * int(whole + frac), 100 * scale)
        left -= share
        lines.append({"order_id": order_id, "at": at, "entry": "split", "kind": "rule", "rule": rule["id"],
                      "party_id": rule["to"]["party_id"], "role": rule["to"]["role"], "base": "gross_paid",
                      "base_amount": m(amount), "amount": m(share)})
    rem = deal["plan"]["remainder"]
    lines.append({"order_id": order_id, "at": at, "entry": "split", "kind": "remainder", "rule": "remainder",
                  "party_id": rem["party_id"], "role": rem["role"], "base": "remainder",
                  "base_amount": m(left), "amount": m(left)})
    return {"order_id": order_id, "at": at, "paid": m(amount), "gross": m(amount), "delivery_fee": m(0),
            "lines": lines}


def derive(s):
    paid = bool(s["vouchers"])
    open_ = any(v["uses_left"] > 0 for v in s["vouchers"])
    pending = any("reversed_at" not in r and "settled_at" not in r for r in s["redemptions"])
    settled = any("settled_at" in r for r in s["redemptions"])
    if not paid:
        return "expired" if s["expired"] else "created"
    if open_:
        return "partially_redeemed" if (pending or settled) else "issued"
    if pending:
        return "redeemed"
    if settled:
        return "closed"
    return "expired" if s["expired"] else "refunded"


def add(s, field, amount):
    s["totals"][field] = m(units(s["totals"][field]) + amount)


def release(s, deal, v, expiry, effects):
    if v["uses_left"] == 0:
        return
    uses, amount = v["uses_left"], units(v["value_left"])
    v["uses_left"], v["value_left"] = 0, m(0)
    if expiry and deal["refund"] == "none":
        v["uses_lapsed"] += uses
        effects.append({"type": "breakage", "voucher": v["id"], "uses": uses, "amount": m(amount)})
        add(s, "breakage", amount)
    else:
        v["uses_refunded"] += uses
        effects.append({"type": "refund", "customer_id": s["customer_id"], "voucher": v["id"], "uses": uses,
                        "amount": m(amount)})
        add(s, "refunded", amount)


def window_end(deal, r):
    return t(r["at"]) + timedelta(minutes=deal.get("reversal_minutes", 0))


def step(state, deal, cmd, now):
    cmd = normal(cmd)
    if not cmd["key"]:
        raise Rejected("invalid_input")
    if state["deal_id"] != deal["id"]:
        raise Rejected("invalid_input")
    for p in state["processed"]:
        if p["command"]["key"] == cmd["key"]:
            if p["command"] == cmd:
                return {"state": copy.deepcopy(state), "effects": copy.deepcopy(p["effects"]), "duplicate": True}
            raise Rejected("idempotency_conflict")
    validate(deal)
    kind = cmd["type"]
    if not ALLOWED[state["status"]] or cmd["actor"] != ACTOR[kind] or kind not in ALLOWED[state["status"]]:
        raise Rejected("command_not_allowed")
    tn = t(now)
    if "as_of" in state and tn < t(state["as_of"]):
        raise Rejected("time_out_of_order")
    s = copy.deepcopy(state)
    effects = []
    valid_from, valid_until = t(deal["valid_from"]), t(deal["valid_until"])
    if kind == "pay":
        price = units(deal["price"])
        if units(cmd["amount"]) != price * deal["vouchers"]:
            raise Rejected("amount_mismatch")
        if tn >= valid_until:
            raise Rejected("outside_validity")
        if ("codes" in deal) != ("serial" in cmd):
            raise Rejected("invalid_input")
        effects.append({"type": "charge", "customer_id": s["customer_id"], "amount": cmd["amount"]})
        for i in range(deal["vouchers"]):
            v = {"id": f"{s['order_id']}/v{i + 1}", "uses_left": deal.get("uses", 1), "value_left": deal["price"],
                 "uses_refunded": 0, "uses_lapsed": 0}
            e = {"type": "issue_voucher", "voucher": v["id"], "uses": deal.get("uses", 1)}
            if "codes" in deal:
                spec = {"digits": 12, "serial_digits": 8, "check": "damm", **deal["codes"].get("spec", {})}
                serial = cmd["serial"] + i
                code = ref_code(bytes.fromhex(deal["codes"]["key"]), spec["digits"], spec["serial_digits"],
                                spec["check"], None, deal["id"], deal["valid_until"], serial)
                v["serial"] = e["serial"] = serial
                v["code"] = e["code"] = code
            effects.append(e)
            s["vouchers"].append(v)
        s["totals"]["charged"] = cmd["amount"]
    elif kind == "redeem":
        v = next((v for v in s["vouchers"] if v["id"] == cmd["voucher"]), None)
        if v is None:
            raise Rejected("unknown_voucher")
        if cmd["store_id"] not in deal["stores"]:
            raise Rejected("store_not_allowed")
        if tn < valid_from or tn >= valid_until:
            raise Rejected("outside_validity")
        if cmd["count"] == 0:
            raise Rejected("invalid_input")
        if cmd["count"] > v["uses_left"]:
            raise Rejected("no_uses_left")
        amount = take(units(v["value_left"]), v["uses_left"], cmd["count"])
        v["value_left"] = m(units(v["value_left"]) - amount)
        v["uses_left"] -= cmd["count"]
        r = {"key": cmd["key"], "voucher": v["id"], "store_id": cmd["store_id"], "count": cmd["count"],
             "amount": m(amount), "at": now}
        if "staff_id" in cmd:
            r["staff_id"] = cmd["staff_id"]
        effects.append({"type": "redeemed", "voucher": v["id"], "redemption": cmd["key"],
                        "store_id": cmd["store_id"], "count": cmd["count"], "amount": m(amount)})
        s["redemptions"].append(r)
    elif kind == "reverse":
        r = next((r for r in s["redemptions"] if r["key"] == cmd["redemption"]), None)
        if r is None:
            raise Rejected("unknown_redemption")
        if "reversed_at" in r:
            raise Rejected("already_reversed")
        if "settled_at" in r:
            raise Rejected("already_settled")
        if tn >= window_end(deal, r):
            raise Rejected("reversal_window_passed")
        r["reversed_at"] = now
        v = next(v for v in s["vouchers"] if v["id"] == r["voucher"])
        v["uses_left"] += r["count"]
        v["value_left"] = m(units(v["value_left"]) + units(r["amount"]))
        effects.append({"type": "reversed", "voucher": v["id"], "redemption": r["key"], "count": r["count"],
                        "amount": r["amount"]})
        if s["expired"]:
            release(s, deal, v, True, effects)
    elif kind == "refund":
        if deal["refund"] != "any_time":
            raise Rejected("refund_not_allowed")
        listed = cmd.get("vouchers", [])
        if listed:
            targets = []
            for i, vid in enumerate(listed):
                if vid in listed[:i]:
                    raise Rejected("invalid_input")
                v = next((v for v in s["vouchers"] if v["id"] == vid), None)
                if v is None:
                    raise Rejected("unknown_voucher")
                if v["uses_left"] == 0:
                    raise Rejected("no_uses_left")
                targets.append(v)
        else:
            targets = [v for v in s["vouchers"] if v["uses_left"] > 0]
        for v in targets:
            release(s, deal, v, False, effects)
    elif kind == "expire":
        if s["expired"] or tn < valid_until:
            raise Rejected("command_not_allowed")
        s["expired"] = True
        for v in s["vouchers"]:
            release(s, deal, v, True, effects)
    elif kind == "settle":
        listed = cmd.get("redemptions", [])
        for i, key in enumerate(listed):
            if key in listed[:i]:
                raise Rejected("invalid_input")
            r = next((r for r in s["redemptions"] if r["key"] == key), None)
            if r is None:
                raise Rejected("unknown_redemption")
            if "reversed_at" in r:
                raise Rejected("already_reversed")
            if "settled_at" in r:
                raise Rejected("already_settled")
            if tn < window_end(deal, r):
                raise Rejected("command_not_allowed")
        for r in s["redemptions"]:
            if "reversed_at" in r or "settled_at" in r or tn < window_end(deal, r):
                continue
            if listed and r["key"] not in listed:
                continue
            ledger = split_ledger(deal, f"{s['order_id']}/{r['key']}", now, units(r["amount"]))
            r["settled_at"] = now
            add(s, "settled", units(r["amount"]))
            effects.append({"type": "settle", "voucher": r["voucher"], "redemption": r["key"], "amount": r["amount"],
                            "ledger": ledger})
    s["as_of"] = now
    s["status"] = derive(s)
    s["processed"].append({"command": cmd, "effects": effects})
    check_nets_to_zero(s)
    return {"state": s, "effects": effects, "duplicate": False}


def check_nets_to_zero(s):
    held = sum(units(v["value_left"]) for v in s["vouchers"]) + sum(
        units(r["amount"]) for r in s["redemptions"] if "reversed_at" not in r and "settled_at" not in r)
    tot = {k: units(v) for k, v in s["totals"].items()}
    assert tot["charged"] == tot["refunded"] + tot["settled"] + tot["breakage"] + held, s


def replay(deal, order_id, customer_id, commands):
    s = open_order(deal, order_id, customer_id)
    effects, dups = [], []
    for i, c in enumerate(commands):
        try:
            out = step(s, deal, c["command"], c["at"])
        except Rejected as e:
            raise Rejected(e.code) from None  # the engine wraps it with event_index = i
        if out["duplicate"]:
            dups.append(i)
        else:
            effects.extend(out["effects"])
        s = out["state"]
    out = {"state": s, "effects": effects}
    if dups:
        out["duplicates"] = dups
    return out


# ---- the cases -------------------------------------------------------------------------------

PLAN = {"rules": [{"id": "platform", "to": {"role": "platform", "party_id": "meituan"}, "base": "gross_paid",
                   "pay": {"type": "percent", "percent": "8"}}],
        "remainder": {"role": "merchant", "party_id": "hotpot-house"}}
DEAL = {"id": "hotpot-for-2", "price": m(10000), "vouchers": 2, "uses": 3,
        "valid_from": "2026-03-01T00:00:00+08:00", "valid_until": "2026-04-01T00:00:00+08:00",
        "stores": ["S1", "S2"], "refund": "any_time", "reversal_minutes": 10, "plan": PLAN}
SINGLE = {**DEAL, "id": "noodles-single", "price": m(3990), "vouchers": 1, "uses": 1, "stores": ["S1"]}
KEY = bytes(range(32)).hex()
CODED = {**DEAL, "id": "coded-hotpot", "vouchers": 2, "uses": 1, "codes": {"key": KEY}}

O, C = "o-1", "ann"
PAY = {"type": "pay", "key": "pay-1", "actor": "customer", "amount": m(20000)}
T_PAY = "2026-03-01T09:00:00+08:00"
T_R1 = "2026-03-05T19:00:00+08:00"
T_R1_IN = "2026-03-05T19:09:59+08:00"
T_R1_END = "2026-03-05T19:10:00+08:00"
T_R2 = "2026-03-12T19:30:00+08:00"
T_SETTLE = "2026-03-13T00:00:00+08:00"
T_EXP = "2026-04-01T00:00:00+08:00"


def redeem(key, voucher="o-1/v1", store="S1", count=1, staff=None):
    c = {"type": "redeem", "key": key, "actor": "staff", "voucher": voucher, "store_id": store, "count": count}
    if staff:
        c["staff_id"] = staff
    return c


def reverse(key, redemption):
    return {"type": "reverse", "key": key, "actor": "staff", "redemption": redemption}


def settle(key, redemptions=None):
    c = {"type": "settle", "key": key, "actor": "platform"}
    if redemptions:
        c["redemptions"] = redemptions
    return c


def expire(key="expire-1"):
    return {"type": "expire", "key": key, "actor": "scheduler"}


def refund(key, vouchers=None):
    c = {"type": "refund", "key": key, "actor": "customer"}
    if vouchers:
        c["vouchers"] = vouchers
    return c


def at(time, command):
    return {"at": time, "command": command}


def run(deal, log):
    return replay(deal, O, C, log)


def state_after(deal, log):
    return run(deal, log)["state"]


cases = []


def case(name, function, input, expected=None, error=None):
    c = {"name": name, "function": function, "input": input}
    if error is None:
        c["expected"] = expected
    else:
        c["error"] = error
    cases.append(c)


def replay_case(name, deal, log, check=None):
    inp = {"deal": deal, "order_id": O, "customer_id": C, "commands": log}
    try:
        out = run(deal, log)
    except Rejected as e:
        case(name, "voucher_order.replay", inp, error=e.code)
        if check:
            check(e.code)
        return
    if check:
        check(out)
    case(name, "voucher_order.replay", inp, out)


def step_case(name, deal, before, command, now, check=None):
    state = state_after(deal, before)
    inp = {"state": state, "deal": deal, "command": command, "now": now}
    try:
        out = step(state, deal, command, now)
    except Rejected as e:
        case(name, "voucher_order.step", inp, error=e.code)
        if check:
            check(e.code)
        return
    if check:
        check(out)
    case(name, "voucher_order.step", inp, out)


def amounts(effects, kind):
    return [e["amount"]["amount"] for e in effects if e["type"] == kind]


def eq(a, b):
    assert a == b, (a, b)


# 1. open
open_out = open_order(DEAL, O, C)
eq(open_out["status"], "created")
case("voucher-order-open", "voucher_order.open", {"deal": DEAL, "order_id": O, "customer_id": C}, open_out)
case("voucher-order-open-invalid-deal-dates", "voucher_order.open",
     {"deal": {**DEAL, "valid_until": DEAL["valid_from"]}, "order_id": O, "customer_id": C}, error="invalid_deal")
case("voucher-order-open-invalid-deal-no-stores", "voucher_order.open",
     {"deal": {**DEAL, "stores": []}, "order_id": O, "customer_id": C}, error="invalid_deal")

# 2. pay: charge 200.00, two vouchers of 3 uses
step_case("voucher-order-step-pay-issues-vouchers", DEAL, [], PAY, T_PAY,
          lambda o: (eq(o["state"]["status"], "issued"), eq(amounts(o["effects"], "charge"), ["200.00"]),
                     eq([e["voucher"] for e in o["effects"] if e["type"] == "issue_voucher"], ["o-1/v1", "o-1/v2"])))
step_case("voucher-order-step-pay-wrong-amount", DEAL, [], {**PAY, "amount": m(10000)}, T_PAY, lambda c: eq(c, "amount_mismatch"))

# 3. Meituan-style flow 1 end to end: pay online, redeem both vouchers in store (all 3 uses of each,
# one at S2), settle after the window with the 8% platform split, closed; nets to zero.
FULL = [at(T_PAY, PAY),
        at(T_R1, redeem("r-1", count=3, staff="staff-7")),
        at(T_R2, redeem("r-2", voucher="o-1/v2", store="S2", count=3)),
        at(T_SETTLE, settle("settle-1"))]


def check_full(o):
    s = o["state"]
    eq(s["status"], "closed")
    eq(amounts(o["effects"], "settle"), ["100.00", "100.00"])
    lines = [[(l["party_id"], l["amount"]["amount"]) for l in e["ledger"]["lines"]] for e in o["effects"] if e["type"] == "settle"]
    eq(lines, [[("meituan", "8.00"), ("hotpot-house", "92.00")]] * 2)
    eq(s["totals"]["settled"]["amount"], "200.00")


replay_case("voucher-order-replay-flow1-bought-online-redeemed-in-store-settled", DEAL, FULL, check_full)

# 4. multi-use voucher by count: 100.00 over 3 uses redeemed one at a time: 33.33, 33.34, 33.33
BY_COUNT = [at(T_PAY, PAY),
            at("2026-03-02T12:00:00+08:00", redeem("r-1")),
            at("2026-03-03T12:00:00+08:00", redeem("r-2")),
            at("2026-03-04T12:00:00+08:00", redeem("r-3"))]
replay_case("voucher-order-replay-redeem-by-count-thirds", DEAL, BY_COUNT,
            lambda o: (eq(amounts(o["effects"], "redeemed"), ["33.33", "33.34", "33.33"]),
                       eq(o["state"]["status"], "partially_redeemed")))
# 2 of 3 uses at once: 66.67 (the tie-free share 200/3 = 66.666.. rounds up by largest remainder)
step_case("voucher-order-step-redeem-two-uses", DEAL, [at(T_PAY, PAY)], redeem("r-1", count=2), T_R1,
          lambda o: eq(amounts(o["effects"], "redeemed"), ["66.67"]))

# 5. redeem twice with the same key: the second is a duplicate, nothing applied twice
step_case("voucher-order-step-redeem-same-key-duplicate", DEAL, [at(T_PAY, PAY), at(T_R1, redeem("r-1"))],
          redeem("r-1"), "2026-03-05T19:01:00+08:00",
          lambda o: (eq(o["duplicate"], True), eq(o["state"]["vouchers"][0]["uses_left"], 2)))
replay_case("voucher-order-replay-duplicate-redeem-applied-once", DEAL,
            [at(T_PAY, PAY), at(T_R1, redeem("r-1")), at("2026-03-05T19:01:00+08:00", redeem("r-1"))],
            lambda o: (eq(o.get("duplicates"), [2]), eq(amounts(o["effects"], "redeemed"), ["33.33"])))
# 6. another command under a used key
step_case("voucher-order-step-idempotency-conflict", DEAL, [at(T_PAY, PAY), at(T_R1, redeem("r-1"))],
          redeem("r-1", count=2), "2026-03-05T19:01:00+08:00", lambda c: eq(c, "idempotency_conflict"))

# 7. reversals
ONE = [at(T_PAY, PAY), at(T_R1, redeem("r-1", count=2))]
step_case("voucher-order-step-reverse-inside-window", DEAL, ONE, reverse("rev-1", "r-1"), T_R1_IN,
          lambda o: (eq(amounts(o["effects"], "reversed"), ["66.67"]), eq(o["state"]["status"], "issued"),
                     eq(o["state"]["vouchers"][0]["value_left"]["amount"], "100.00")))
step_case("voucher-order-step-reverse-window-passed", DEAL, ONE, reverse("rev-1", "r-1"), T_R1_END,
          lambda c: eq(c, "reversal_window_passed"))
step_case("voucher-order-step-reverse-after-settlement", DEAL, ONE + [at("2026-03-05T19:20:00+08:00", settle("s-1"))],
          reverse("rev-1", "r-1"), "2026-03-05T19:21:00+08:00", lambda c: eq(c, "already_settled"))
# settling 66.67: 8% = 5.3336 -> 5.33 to the platform, 61.34 to the merchant
step_case("voucher-order-step-settle-after-window", DEAL, ONE, settle("s-1"), T_R1_END,
          lambda o: eq([(l["party_id"], l["amount"]["amount"]) for l in o["effects"][0]["ledger"]["lines"]],
                       [("meituan", "5.33"), ("hotpot-house", "61.34")]))
step_case("voucher-order-step-settle-listed-inside-window", DEAL, ONE, settle("s-1", ["r-1"]), T_R1_IN,
          lambda c: eq(c, "command_not_allowed"))

# 8. refund any_time: the rest of v1 (1 use, 33.33) and all of v2 (100.00)
step_case("voucher-order-step-refund-any-time", DEAL, ONE, refund("rf-1"), "2026-03-06T10:00:00+08:00",
          lambda o: (eq(amounts(o["effects"], "refund"), ["33.33", "100.00"]),
                     eq(o["state"]["status"], "redeemed")))  # nothing open; r-1 awaits settlement
AT_EXPIRY = {**DEAL, "refund": "at_expiry"}
step_case("voucher-order-step-refund-at-expiry-policy-rejected", AT_EXPIRY, ONE, refund("rf-1"),
          "2026-03-06T10:00:00+08:00", lambda c: eq(c, "refund_not_allowed"))

# 9. at_expiry: redeem 2 uses, settle, expire -> the open 133.33 refunded automatically
replay_case("voucher-order-replay-at-expiry-refund", AT_EXPIRY,
            ONE + [at(T_SETTLE, settle("s-1")), at(T_EXP, expire())],
            lambda o: (eq(amounts(o["effects"], "refund"), ["33.33", "100.00"]), eq(o["state"]["status"], "closed"),
                       eq(o["state"]["totals"]["refunded"]["amount"], "133.33"),
                       eq(o["state"]["totals"]["settled"]["amount"], "66.67")))

# 10. none: breakage at expiry
NONE = {**DEAL, "refund": "none"}
replay_case("voucher-order-replay-none-breakage", NONE,
            ONE + [at(T_SETTLE, settle("s-1")), at(T_EXP, expire())],
            lambda o: (eq(amounts(o["effects"], "breakage"), ["33.33", "100.00"]),
                       eq(o["state"]["totals"]["breakage"]["amount"], "133.33")))

# 11. guards on redeem
PAID = [at(T_PAY, PAY)]
step_case("voucher-order-step-store-not-allowed", DEAL, PAID, redeem("r-1", store="S9"), T_R1,
          lambda c: eq(c, "store_not_allowed"))
step_case("voucher-order-step-redeem-before-validity", {**DEAL, "valid_from": "2026-03-02T00:00:00+08:00"}, PAID,
          redeem("r-1"), "2026-03-01T23:59:59+08:00", lambda c: eq(c, "outside_validity"))
step_case("voucher-order-step-redeem-at-valid-until", DEAL, PAID, redeem("r-1"), T_EXP,
          lambda c: eq(c, "outside_validity"))
step_case("voucher-order-step-no-uses-left", DEAL, ONE, redeem("r-2", count=2), T_R2, lambda c: eq(c, "no_uses_left"))
step_case("voucher-order-step-wrong-actor", DEAL, PAID, {**redeem("r-1"), "actor": "customer"}, T_R1,
          lambda c: eq(c, "command_not_allowed"))

# 12. terminal absorbs: a refunded order takes nothing (even a valid redeem)
REFUNDED = [at(T_PAY, SINGLE_PAY := {**PAY, "amount": m(3990)}), at("2026-03-02T10:00:00+08:00", refund("rf-1"))]
eq(state_after(SINGLE, REFUNDED)["status"], "refunded")
step_case("voucher-order-step-terminal-absorbs", SINGLE, REFUNDED, redeem("r-1"), "2026-03-03T10:00:00+08:00",
          lambda c: eq(c, "command_not_allowed"))

# 13. time out of order
step_case("voucher-order-step-time-out-of-order", DEAL, ONE, redeem("r-2", voucher="o-1/v2"), "2026-03-05T18:00:00+08:00",
          lambda c: eq(c, "time_out_of_order"))

# 14. invalid deal on a step
state = state_after(DEAL, PAID)
case("voucher-order-step-invalid-deal", "voucher_order.step",
     {"state": state, "deal": {**DEAL, "stores": ["S1", "S1"]}, "command": redeem("r-1"), "now": T_R1},
     error="invalid_deal")

# 15. a replay rejected at a later command (the error carries event_index 2)
replay_case("voucher-order-replay-rejected-at-event", DEAL,
            [at(T_PAY, PAY), at(T_R1, redeem("r-1")), at("2026-03-06T10:00:00+08:00", reverse("rev-1", "r-1"))],
            lambda c: eq(c, "reversal_window_passed"))

# 16. a deal with codes: pay issues one code per voucher (checked against voucher.verify below)
CODED_PAY = {**PAY, "serial": 1000}
step_case("voucher-order-step-pay-with-codes", CODED, [], CODED_PAY, T_PAY,
          lambda o: eq([e.get("serial") for e in o["effects"] if e["type"] == "issue_voucher"], [1000, 1001]))
coded_codes = [e["code"] for e in step(open_order(CODED, O, C), CODED, CODED_PAY, T_PAY)["effects"] if e["type"] == "issue_voucher"]
for serial, c in zip([1000, 1001], coded_codes):
    case(f"voucher-order-code-{serial}-verifies", "voucher.verify",
         {"key": KEY, "code": c, "now": T_R1,
          "scope": {"deal_id": CODED["id"], "expires_at": CODED["valid_until"]}},
         {"valid": True, "serial": serial})
step_case("voucher-order-step-pay-codes-need-serial", CODED, [], PAY, T_PAY, lambda c: eq(c, "invalid_input"))

# 17. the example of the CLI: hotpot voucher, redeem by count, one reversal inside the window, settle,
# expire with the rest refunded (examples/flows/online_to_offline.json holds the same log)
HOTPOT = [at(T_PAY, PAY),
          at("2026-03-05T19:00:00+08:00", redeem("r-1", count=2, staff="staff-7")),
          at("2026-03-05T19:04:00+08:00", reverse("rev-1", "r-1")),
          at("2026-03-05T19:05:00+08:00", redeem("r-2", count=1, staff="staff-7")),
          at("2026-03-12T19:30:00+08:00", redeem("r-3", voucher="o-1/v2", store="S2", count=2)),
          at("2026-03-13T00:00:00+08:00", settle("settle-1")),
          at(T_EXP, expire())]


def check_hotpot(o):
    s = o["state"]
    eq(s["status"], "closed")
    eq(amounts(o["effects"], "settle"), ["33.33", "66.67"])
    eq(amounts(o["effects"], "refund"), ["66.67", "33.33"])
    eq(s["totals"]["settled"]["amount"], "100.00")
    eq(s["totals"]["refunded"]["amount"], "100.00")


replay_case("voucher-order-replay-hotpot-example", DEAL, HOTPOT, check_hotpot)

# 18. expire on an unpaid order: expired, nothing moves
replay_case("voucher-order-replay-unpaid-expires", DEAL, [at(T_EXP, expire())],
            lambda o: (eq(o["state"]["status"], "expired"), eq(o["effects"], [])))

doc = {"description": "Online-to-offline voucher orders (flow 1): open, step and replay a prepaid group-buy voucher "
                      "order - pay, redeem in store by count, reverse inside the window, refund, expire, settle with the "
                      "split. Expected outputs come from the independent reference model in "
                      "testdata/gen/voucher_orders.py, with the hand-computed amounts asserted there.",
       "cases": cases}
out = os.path.join(HERE, '..', 'vectors', 'voucher_orders.json')
with open(out, 'w', encoding='utf-8') as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
print(f"{len(cases)} cases -> {os.path.normpath(out)}")
