# Independent reference for testdata/vectors/membership.json (run: python3 testdata/gen/membership_reference.py --check).
#
# Written from the documented rules (module docs of o2okit's member::card and member::points), in
# integer minor units:
# - cards: a top-up credits principal and the bonus of the highest tier reached (once); a keyed
#   retry is a `duplicate` that changes nothing; a spend is taken by the spend policy (proportional:
#   bonus share = floor(amount x bonus / balance), principal the rest; bonus_first; principal_first);
#   a refund gives back cumulatively (bonus refunded so far = floor(refunded so far x spend bonus /
#   spend), principal the rest); close pays principal out and forfeits the bonus; totals reconcile.
# - points: per_amount (points x floor(amount / per)), per_visit, per_category (category lines summed
#   first); each earn is a lot l1, l2, ... expiring at local midnight after the end of the month
#   `months_after` months after the month of earning (or the end of that year); before each event the
#   lots with expires_at <= at expire (soonest first, dated at their expiry); redemptions take the
#   soonest-expiring lots first; breakage by the period of the lot's last usable instant, valued at
#   point_value; points.redeem's discount = points x point value, as an automatic amount-off-order
#   promotion funded by the programme's payer.
# Checked: every amount and points figure of the card state, each entry, the spends, totals; lots,
# balances, entries, breakage, taken lots, the discount and the promotion. The `quote` case of this file
# is checked by quote_reference.py's model (imported here).
import os
import sys
from datetime import datetime, timedelta
from fractions import Fraction

from oracle import Checker, Unmodelled, minor, q, units_to_str, zone


def ts(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


class Card:
    def __init__(self, spec, code):
        self.code = code
        self.s = minor(code)
        self.U = lambda mo: int(q(mo["amount"]) * 10 ** self.s)
        self.principal = self.U(spec["principal"]) if spec.get("principal") else 0
        self.bonus = self.U(spec["bonus"]) if spec.get("bonus") else 0
        self.status = spec.get("status", "open")
        self.spends = [dict(order_id=x["order_id"], principal=self.U(x["principal"]), bonus=self.U(x["bonus"]),
                            refunded_principal=self.U(x["refunded_principal"]), refunded_bonus=self.U(x["refunded_bonus"]))
                       for x in spec.get("spends", [])]
        self.top_ups = [dict(key=x["key"], amount=self.U(x["amount"])) for x in spec.get("top_ups", [])]
        self.totals = dict.fromkeys(["topped_up", "bonus_granted", "spent_principal", "spent_bonus", "refunded_principal",
                                     "refunded_bonus", "paid_out", "bonus_forfeited"], 0)

    def mo(self, u):
        return {"amount": units_to_str(u, self.s), "currency": self.code}

    def apply(self, rules, ev, at):
        t = ev["type"]
        e = {"at": at, "kind": t}
        if t == "top_up":
            amt = self.U(ev["amount"])
            key = ev.get("key")
            if key and any(x["key"] == key for x in self.top_ups):
                e.update(kind="duplicate", amount=self.mo(amt), pd=0, bd=0)
            else:
                bonus = 0
                best = None
                for tier in rules.get("bonus_tiers", []):
                    if amt >= self.U(tier["min_top_up"]) and (best is None or self.U(tier["min_top_up"]) > best[0]):
                        best = (self.U(tier["min_top_up"]), self.U(tier["bonus"]))
                if best:
                    bonus = best[1]
                self.principal += amt
                self.bonus += bonus
                if key:
                    self.top_ups.append(dict(key=key, amount=amt))
                self.totals["topped_up"] += amt
                self.totals["bonus_granted"] += bonus
                e.update(amount=self.mo(amt), pd=amt, bd=bonus)
            if key:
                e["key"] = key
        elif t == "spend":
            amt = self.U(ev["amount"])
            policy = rules.get("spend_policy", "proportional")
            bal = self.principal + self.bonus
            if amt > bal:
                raise AssertionError("insufficient balance")
            if policy == "proportional":
                b = amt * self.bonus // bal if bal else 0
            elif policy == "bonus_first":
                b = min(amt, self.bonus)
            elif policy == "principal_first":
                b = amt - min(amt, self.principal)
            else:
                raise Unmodelled(f"spend policy {policy}")
            p = amt - b
            self.principal -= p
            self.bonus -= b
            self.spends.append(dict(order_id=ev["order_id"], principal=p, bonus=b, refunded_principal=0, refunded_bonus=0))
            self.totals["spent_principal"] += p
            self.totals["spent_bonus"] += b
            e.update(order_id=ev["order_id"], amount=self.mo(amt), pd=-p, bd=-b)
        elif t == "refund":
            amt = self.U(ev["amount"])
            sp = next(x for x in self.spends if x["order_id"] == ev["order_id"])
            whole = sp["principal"] + sp["bonus"]
            before = sp["refunded_principal"] + sp["refunded_bonus"]
            after = before + amt
            b_after = after * sp["bonus"] // whole if whole else 0
            b = b_after - sp["refunded_bonus"]
            p = amt - b
            sp["refunded_principal"] += p
            sp["refunded_bonus"] += b
            self.principal += p
            self.bonus += b
            self.totals["refunded_principal"] += p
            self.totals["refunded_bonus"] += b
            e.update(order_id=ev["order_id"], amount=self.mo(amt), pd=p, bd=b)
        elif t == "close":
            p, b = self.principal, self.bonus
            self.principal = self.bonus = 0
            self.status = "closed"
            self.totals["paid_out"] += p
            self.totals["bonus_forfeited"] += b
            e.update(amount=self.mo(p), pd=-p, bd=-b, forfeited_bonus=self.mo(b))
        else:
            raise Unmodelled(f"card event {t}")
        e["principal_delta"] = self.mo(e.pop("pd"))
        e["bonus_delta"] = self.mo(e.pop("bd"))
        e["principal"] = self.mo(self.principal)
        e["bonus"] = self.mo(self.bonus)
        return e


def check_card(c, case, card, got):
    c.eq(case, "card.principal", got["principal"], card.mo(card.principal))
    c.eq(case, "card.bonus", got["bonus"], card.mo(card.bonus))
    c.eq(case, "card.status", got["status"], card.status)
    want_spends = [{k: (card.mo(v) if k != "order_id" else v) for k, v in x.items()} for x in card.spends]
    c.eq(case, "card.spends", got.get("spends", []), want_spends)
    c.eq(case, "card.top_ups", got.get("top_ups", []), [{"key": x["key"], "amount": card.mo(x["amount"])} for x in card.top_ups])


def check_entry(c, case, i, got, want):
    for k in set(got) | set(want):
        c.eq(case, f"entries[{i}].{k}", got.get(k), want.get(k))


def card_replay(c, case):
    inp, exp = case["input"], case["expected"]
    card = Card(inp["card"], inp["card"]["currency"])
    ents = [card.apply(inp.get("rules", {}), x["event"], x["at"]) for x in inp["events"]]
    check_card(c, case, card, exp["card"])
    c.eq(case, "entries count", len(exp["entries"]), len(ents))
    for i, (g, w) in enumerate(zip(exp["entries"], ents)):
        check_entry(c, case, i, g, w)
    tot = dict(card.totals)
    tot["principal"] = card.principal
    tot["bonus"] = card.bonus
    c.eq(case, "totals", exp["totals"], {k: card.mo(v) for k, v in tot.items()})


def card_apply(c, case):
    inp, exp = case["input"], case["expected"]
    card = Card(inp["card"], inp["card"]["currency"])
    e = card.apply(inp.get("rules", {}), inp["event"], inp["at"])
    check_card(c, case, card, exp["card"])
    check_entry(c, case, 0, exp["entry"], e)


# --- points ---
def expires_at(program, earned):
    rule = program.get("expiry")
    if not rule:
        return None
    tz = zone(program.get("time_zone", "UTC"))
    local = ts(earned).astimezone(tz)
    months = local.year * 12 + (local.month - 1) + rule["months_after"]
    y, mth = divmod(months, 12)
    if rule.get("at", "end_of_month") == "end_of_month":
        y, mth = divmod(months + 1, 12)
        end = datetime(y, mth + 1, 1, tzinfo=tz)
    elif rule["at"] == "end_of_year":
        end = datetime(y + 1, 1, 1, tzinfo=tz)
    else:
        raise Unmodelled(f"expiry {rule}")
    return end


def fmt_time(dt):
    s = dt.isoformat()
    return s


def earn_points(program, ev):
    code = ev["amount"]["currency"]
    amt = q(ev["amount"]["amount"])
    pts = 0
    for r in program["earn"]:
        if r["type"] == "per_amount":
            pts += r["points"] * int(amt // q(r["per"]["amount"]))
        elif r["type"] == "per_visit":
            pts += r["points"]
        elif r["type"] == "per_category":
            tot = sum((q(l["amount"]["amount"]) for l in ev.get("lines", []) if l["category"] == r["category"]), Fraction(0))
            pts += r["points"] * int(tot // q(r["per"]["amount"]))
        else:
            raise Unmodelled(f"earn rule {r['type']}")
    return pts


class Points:
    def __init__(self, program, state=None):
        self.program = program
        self.lots = [dict(l) for l in (state or {}).get("lots", [])]

    def balance(self):
        return sum(l["remaining"] for l in self.lots)

    def expire(self, at):
        out = []
        due = [l for l in self.lots if l["remaining"] > 0 and l.get("expires_at") and ts(l["expires_at"]) <= ts(at)]
        due.sort(key=lambda l: ts(l["expires_at"]))
        for l in due:
            n = l["remaining"]
            l["remaining"] = 0
            e = {"at": l["expires_at"], "kind": "expire", "points": n, "balance": self.balance()}
            if l.get("order_id"):
                e["order_id"] = l["order_id"]
            e["lots"] = [{"lot_id": l["id"], "points": n}]
            out.append(e)
        return out

    def take(self, points):
        live = [l for l in self.lots if l["remaining"] > 0]
        live.sort(key=lambda l: (0 if l.get("expires_at") else 1, ts(l["expires_at"]) if l.get("expires_at") else 0,
                                 ts(l["earned_at"])))
        taken = []
        for l in live:
            if points == 0:
                break
            n = min(points, l["remaining"])
            l["remaining"] -= n
            points -= n
            taken.append({"lot_id": l["id"], "points": n})
        assert points == 0, "insufficient points"
        return taken

    def apply(self, ev, at):
        out = self.expire(at)
        t = ev["type"]
        if t == "earn":
            n = earn_points(self.program, ev)
            if n:
                lid = f"l{len(self.lots) + 1}"
                exp_at = expires_at(self.program, at)
                lot = {"id": lid, "earned_at": at}
                if exp_at:
                    lot["expires_at"] = fmt_time(exp_at)
                lot.update(points=n, remaining=n)
                if ev.get("order_id"):
                    lot["order_id"] = ev["order_id"]
                self.lots.append(lot)
                e = {"at": at, "kind": "earn", "points": n, "balance": self.balance()}
                if ev.get("order_id"):
                    e["order_id"] = ev["order_id"]
                e["lots"] = [{"lot_id": lid, "points": n}]
                out.append(e)
        elif t == "redeem":
            taken = self.take(ev["points"])
            e = {"at": at, "kind": "redeem", "points": ev["points"], "balance": self.balance()}
            if ev.get("order_id"):
                e["order_id"] = ev["order_id"]
            e["lots"] = taken
            out.append(e)
        elif t == "tick":
            pass
        else:
            raise Unmodelled(f"points event {t}")
        return out


def same_time(a, b):
    return a is b or (a is not None and b is not None and ts(a) == ts(b))


def check_lots(c, case, got, want):
    c.eq(case, "lots count", len(got), len(want))
    for g, w in zip(got, want):
        c.eq(case, f"lot {w['id']}", (g["id"], g["points"], g["remaining"], g.get("order_id")),
             (w["id"], w["points"], w["remaining"], w.get("order_id")))
        c.eq(case, f"lot {w['id']}.expires_at", same_time(g.get("expires_at"), w.get("expires_at")), True)


def check_entries(c, case, got, want):
    c.eq(case, "entries count", len(got), len(want))
    for i, (g, w) in enumerate(zip(got, want)):
        c.eq(case, f"entries[{i}]", {k: v for k, v in g.items() if k != "at"}, {k: v for k, v in w.items() if k != "at"})
        c.eq(case, f"entries[{i}].at", same_time(g["at"], w["at"]), True)


def points_replay(c, case):
    inp, exp = case["input"], case["expected"]
    prog = inp["program"]
    p = Points(prog)
    entries = []
    for x in inp["events"]:
        entries += p.apply(x["event"], x["at"])
    if inp.get("until"):
        entries += p.expire(inp["until"])
    check_lots(c, case, exp["state"]["lots"], p.lots)
    c.eq(case, "balance", exp["state"]["balance"], p.balance())
    check_entries(c, case, exp["entries"], entries)
    tot = {"earned": sum(e["points"] for e in entries if e["kind"] == "earn"),
           "redeemed": sum(e["points"] for e in entries if e["kind"] == "redeem"),
           "expired": sum(e["points"] for e in entries if e["kind"] == "expire"), "balance": p.balance()}
    c.eq(case, "totals", exp["totals"], tot)
    # breakage: by the month (local) of the lot's last usable instant
    period = prog.get("breakage_period", "month")
    tz = zone(prog.get("time_zone", "UTC"))
    br = {}
    for e in entries:
        if e["kind"] != "expire":
            continue
        last = (ts(e["at"]) - timedelta(seconds=1)).astimezone(tz)
        key = {"month": last.strftime("%Y-%m"), "year": last.strftime("%Y"), "all": "all"}[period]
        br[key] = br.get(key, 0) + e["points"]
    want = []
    for k in sorted(br):
        item = {"period": k, "points": br[k]}
        if prog.get("point_value"):
            pv = prog["point_value"]
            item["value"] = {"amount": units_to_str(int(br[k] * q(pv["amount"]) * 10 ** minor(pv["currency"])), minor(pv["currency"])),
                             "currency": pv["currency"]}
        want.append(item)
    c.eq(case, "breakage", exp["breakage"], want)


def points_redeem(c, case):
    inp, exp = case["input"], case["expected"]
    prog = inp["program"]
    p = Points(prog, inp["state"])
    ev = {"type": "redeem", "points": inp["points"]}
    if inp.get("order_id"):
        ev["order_id"] = inp["order_id"]
    entries = p.apply(ev, inp["at"])
    check_lots(c, case, exp["state"]["lots"], p.lots)
    c.eq(case, "balance", exp["state"]["balance"], p.balance())
    check_entries(c, case, exp["entries"], entries)
    c.eq(case, "taken", exp["taken"], entries[-1]["lots"])
    pv = prog["point_value"]
    s = minor(pv["currency"])
    disc = {"amount": units_to_str(int(inp["points"] * q(pv["amount"]) * 10 ** s), s), "currency": pv["currency"]}
    c.eq(case, "discount", exp["discount"], disc)
    promo = exp["promotion"]
    c.eq(case, "promotion.id", promo["id"], f"points-{inp['order_id']}" if inp.get("order_id") else "points")
    c.eq(case, "promotion.discount", promo["discount"], {"type": "amount_off_order", "amount": disc})
    c.eq(case, "promotion.funded_by", promo["funded_by"], prog.get("funded_by", {"role": "merchant"}))
    c.eq(case, "promotion.trigger", promo["trigger"], "automatic")


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    import quote_reference
except ImportError:
    quote_reference = None


def quote(c, case):
    quote_reference.check_quote(c, case)


if __name__ == "__main__":
    unchecked = {} if quote_reference else {
        "points-redeem-promotion-quotes-as-funded-discount": "a quote: no quote reference model yet"}
    Checker("membership.json").main({"card.replay": card_replay, "card.apply": card_apply, "points.replay": points_replay,
                                     "points.redeem": points_redeem, "quote": quote}, unchecked=unchecked)
