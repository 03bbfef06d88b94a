# Independent reference for testdata/vectors/coupon.json (run: python3 testdata/gen/coupon_reference.py --check).
#
# Written from the documented lifecycle of a held coupon (module docs of o2okit's promo::coupon): a redemption
# counts as one of max_uses until it is released; redeeming again for an order whose redemption counts, with the
# same amount, returns the identical record; a full rollback releases the use (rolled_back = amount); partial
# rollbacks add up and release it when they reach the amount. `coupon.validate`: the coupon must be usable (uses
# below max_uses, before valid_until, the right customer), then its promotion is priced on the cart by the quote
# reference (quote_reference.py): valid with the discount it takes, or not, with the reason and its amounts.
# Checked: every redemption's amount, rolled-back amount and release flag, the coupon's other fields (echoed);
# validate's validity, discount, rejection reason, params and hint amount, and the usability problem's code.
# Not checked: message texts.
from oracle import Checker, Unmodelled, minor, q, units_to_str
from quote_reference import Cart, Miss, run, static_reason


def uses(coupon):
    return sum(1 for r in coupon.get("redemptions", []) if not r.get("released"))


def mo(units, code):
    return {"amount": units_to_str(units, minor(code)), "currency": code}


def U(m):
    return int(q(m["amount"]) * 10 ** minor(m["currency"]))


def held(inp):
    """A copy of the input coupon, its redemptions copied, and the order's live (unreleased) ones."""
    cp = dict(inp["coupon"])
    reds = [dict(r) for r in cp.get("redemptions", [])]
    live = [r for r in reds if r["order_id"] == inp["order_id"] and not r.get("released")]
    return cp, reds, live


def redeem(c, case):
    inp = case["input"]
    cp, reds, live = held(inp)
    if live:
        assert U(live[0]["amount"]) == U(inp["amount"]), "conflict"
    else:
        reds.append({"order_id": inp["order_id"], "amount": inp["amount"],
                     "rolled_back": mo(0, inp["amount"]["currency"]), "at": inp["now"]})
    cp["redemptions"] = reds
    c.eq(case, "coupon", case["expected"], cp)


def rollback(c, case):
    inp = case["input"]
    cp, reds, live = held(inp)
    if live:
        r = live[0]
        code = r["amount"]["currency"]
        back = U(r["amount"]) if inp.get("amount") is None else U(r["rolled_back"]) + U(inp["amount"])
        assert back <= U(r["amount"]), "rollback above the amount"
        r["rolled_back"] = mo(back, code)
        if back == U(r["amount"]):
            r["released"] = True
    cp["redemptions"] = reds
    c.eq(case, "coupon", case["expected"], cp)


def validate(c, case):
    inp, exp = case["input"], case["expected"]
    cp = inp["coupon"]
    ctx = inp["context"]
    c.eq(case, "ids", (exp["coupon_id"], exp["promotion_id"]), (cp["coupon_id"], cp["promotion_id"]))
    promos = [p for p in inp["promotions"] if p["id"] == cp["promotion_id"]]
    if len(inp["promotions"]) != 1 or not promos:
        raise Unmodelled("validate with other promotions besides the coupon's")
    p = promos[0]
    from datetime import datetime
    now = datetime.fromisoformat(ctx["now"])
    problem = None
    if uses(cp) >= cp.get("max_uses", 1):
        problem = "coupon_exhausted"
    elif cp.get("valid_until") and now >= datetime.fromisoformat(cp["valid_until"]):
        problem = "coupon_expired"
    elif cp.get("customer_id") and ctx.get("customer", {}).get("id") != cp["customer_id"]:
        problem = "coupon_not_owned"
    if problem:
        c.eq(case, "valid", exp["valid"], False)
        c.eq(case, "problem.code", exp.get("problem", {}).get("code"), problem)
        return
    st = static_reason(p, ctx)
    if st:
        c.eq(case, "valid", exp["valid"], False)
        c.eq(case, "rejection.reason", exp["rejection"]["reason"], st[0])
        return
    cart = Cart(inp["cart"])
    applied, _, misses = run(cart, [p], ctx)
    if applied:
        a = applied[0]
        c.eq(case, "valid", exp["valid"], True)
        c.eq(case, "discount", exp["discount"], cart.mo(sum(a["per_unit"].values()) + a["delivery"]))
    else:
        m = misses[p["id"]]
        c.eq(case, "valid", exp["valid"], False)
        r = exp["rejection"]
        c.eq(case, "rejection", (r["promotion_id"], r["reason"], r.get("params")), (p["id"], m.code, m.params))
        c.eq(case, "rejection.hint", {k: v for k, v in (r.get("hint") or {}).items() if k != "message"}, m.hint or {})


if __name__ == "__main__":
    Checker("coupon.json").main({"coupon.redeem": redeem, "coupon.rollback": rollback, "coupon.validate": validate})
