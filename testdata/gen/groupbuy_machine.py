# A second, independent run of the group-buy state machine for groupbuy_reference.py, written from its
# documented rules (module docs of o2okit's groupbuy: event, state, step, tipping, team, ladder, effect):
# places p1, p2, ... and teams t1, t2, ... in order; a join or open_team takes a place pending payment and
# charges the price due; payment_confirmed marks it paid and completes a team (size paid places) or a
# tipping point / ladder whose every place of max_participants is paid; leave refunds a paid place in full or
# voids a pending one, a leaving leader is succeeded by the earliest member still holding a place, a team
# nobody holds a place in is cancelled (everyone_left); time passing first ends teams whose window has ended
# (virtual fill: at least min_real paid places succeed, else the team fails, expired) in opening order, then a
# passed deadline decides a tipping point or ladder (at least the minimum paid places succeed: ladder
# differences, vouchers, pending places lapse; else failure with full refunds, below_minimum) and closes a team
# buy with no team forming; cancel fails one team or the whole campaign (cancelled), close decides everything now
# (forming teams as if their window had ended, reason closed). Effects of a decision: per place in joining order
# (refund_difference then issue_vouchers, or refund_full, or void_charge), then one notify. A retried key is a
# duplicate. Only what the vectors use is modelled; anything else raises Unmodelled.
from datetime import datetime, timedelta
from fractions import Fraction

from oracle import Unmodelled, m


def ts(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def tier_for(tiers, count):
    """The last tier whose min_participants <= count, or the first tier below the first threshold."""
    chosen = tiers[0]
    for t in tiers:
        if t["min_participants"] <= count:
            chosen = t
    return chosen


class Machine:
    def __init__(self, campaign, state=None):
        self.c = campaign
        self.k = campaign["kind"]
        st = state or {}
        self.status = st.get("status", "open")
        self.failure_reason = st.get("failure_reason")
        self.final_price = m(st["final_price"]) if st.get("final_price") else None
        self.teams = [dict(t, members=list(t["members"])) for t in st.get("teams", [])]
        self.parts = []
        for p in st.get("participations", []):
            q = dict(p)
            q["price"] = m(p["price"])
            q["refunded"] = m(p["refunded"]) if p.get("refunded") else Fraction(0)
            self.parts.append(q)
        self.keys = [e.get("key") for e in st.get("processed", [])]
        self.vpp = campaign.get("vouchers_per_participant", 0)

    # --- helpers
    def part(self, pid):
        return next(p for p in self.parts if p["id"] == pid)

    def team(self, tid):
        return next(t for t in self.teams if t["id"] == tid)

    def holding(self, team=None):
        return [p for p in self.parts if p["status"] in ("pending", "paid") and (team is None or p.get("team_id") == team)]

    def paid(self, team=None):
        return [p for p in self.holding(team) if p["status"] == "paid"]

    def release(self, p, into, effects):
        if p["status"] == "paid":
            effects.append(("refund_full", p["id"], p["price"], None))
            p["refunded"] += p["price"]
            p["status"] = into if into != "left" else "left"
        elif p["status"] == "pending":
            effects.append(("void_charge", p["id"], p["price"], None))
            p["status"] = "left" if into == "left" else "lapsed"

    def fail(self, places, reason, team, effects):
        for p in places:
            self.release(p, "refunded", effects)
        effects.append(("notify_failure", team, None, reason))

    def succeed(self, places, team, final, effects):
        n = 0
        for p in places:
            if p["status"] == "paid":
                n += 1
                if final is not None and p["price"] > final:
                    diff = p["price"] - final
                    effects.append(("refund_difference", p["id"], diff, None))
                    p["refunded"] += diff
                if self.vpp:
                    effects.append(("issue_vouchers", p["id"], None, self.vpp))
            elif p["status"] == "pending":
                effects.append(("void_charge", p["id"], p["price"], None))
                p["status"] = "lapsed"
        effects.append(("notify_success", team, final, n))

    def end_team(self, t, reason, effects):
        paid = len(self.paid(t["id"]))
        members = [self.part(pid) for pid in t["members"]]
        vf = self.k.get("virtual_fill")
        if reason in ("expired", "closed") and vf and paid >= vf["min_real"] and paid > 0:
            t["status"] = "succeeded"
            t["virtual_fill"] = {"real": paid, "filled": self.k["size"] - paid}
            self.succeed(members, t["id"], None, effects)
        else:
            t["status"] = "cancelled" if reason in ("cancelled", "everyone_left") else "failed"
            t["failure_reason"] = reason
            self.fail([p for p in members if p["status"] in ("pending", "paid")], reason, t["id"], effects)

    def decide_deal(self, effects):
        paid = self.paid()
        need = self.k["min_participants"] if self.k["type"] == "tipping_point" else self.k["tiers"][0]["min_participants"]
        if len(paid) >= need:
            self.status = "succeeded"
            final = None
            if self.k["type"] == "ladder":
                final = min([m(tier_for(self.k["tiers"], len(paid))["price"])] + [p["price"] for p in paid])
                self.final_price = final
            self.succeed(list(self.parts), None, final, effects)
        else:
            self.status = "failed"
            self.failure_reason = "below_minimum"
            self.fail(self.holding(), "below_minimum", None, effects)

    def pass_time(self, now, effects):
        for t in self.teams:
            if t["status"] == "open" and ts(t["expires_at"]) <= now:
                self.end_team(t, "expired", effects)
        if self.status == "open" and now >= ts(self.c["deadline"]):
            if self.k["type"] == "team_buy":
                if not any(t["status"] == "open" for t in self.teams):
                    self.status = "closed"
            else:
                self.decide_deal(effects)

    # --- one event
    def step(self, ev, at):
        now = ts(at)
        effects = []
        key = ev.get("key")
        if key is not None and key in self.keys:
            return effects, "duplicate"
        if self.status != "open":
            raise Unmodelled("an event on an ended campaign")
        self.pass_time(now, effects)
        t = ev["type"]
        if t != "tick" and self.status != "open":
            raise Unmodelled("an event after time ended the campaign")
        if self.c.get("starts_at") and t in ("join", "open_team") and now < ts(self.c["starts_at"]):
            raise Unmodelled("a join before the start")
        kind = t
        if t == "open_team":
            tid = f"t{len(self.teams) + 1}"
            pid = f"p{len(self.parts) + 1}"
            price = m(self.k.get("leader_price") or self.k["price"])
            self.teams.append({"id": tid, "status": "open", "opened_at": at,
                               "expires_at": (now + timedelta(seconds=self.k["window_seconds"])).isoformat(),
                               "leader": pid, "members": [pid]})
            self.parts.append({"id": pid, "customer_id": ev["customer_id"], "team_id": tid, "price": price,
                               "status": "pending", "joined_at": at, "refunded": Fraction(0)})
            effects.append(("charge", pid, price, None))
        elif t == "join":
            pid = f"p{len(self.parts) + 1}"
            if self.k["type"] == "team_buy":
                tm = self.team(ev["team_id"])
                if tm["status"] != "open" or now >= ts(tm["expires_at"]) or len(self.holding(tm["id"])) >= self.k["size"]:
                    raise Unmodelled("a rejected join")
                price = m(self.k["price"])
                tm["members"].append(pid)
                p = {"id": pid, "customer_id": ev["customer_id"], "team_id": tm["id"], "price": price}
            else:
                if self.c.get("max_participants") and len(self.holding()) >= self.c["max_participants"]:
                    raise Unmodelled("a rejected join")
                price = m(self.k["price"]) if self.k["type"] == "tipping_point" else m(
                    tier_for(self.k["tiers"], len(self.holding()) + 1)["price"])
                p = {"id": pid, "customer_id": ev["customer_id"], "price": price}
            p.update(status="pending", joined_at=at, refunded=Fraction(0))
            self.parts.append(p)
            effects.append(("charge", pid, price, None))
        elif t == "payment_confirmed":
            p = self.part(ev["participation_id"])
            if p["status"] != "pending":
                raise Unmodelled("a payment for a place not pending")
            p["status"] = "paid"
            p["paid_at"] = at
            if p.get("team_id"):
                tm = self.team(p["team_id"])
                if len(self.paid(tm["id"])) >= self.k["size"]:
                    tm["status"] = "succeeded"
                    self.succeed([self.part(x) for x in tm["members"]], tm["id"], None, effects)
            elif self.c.get("max_participants") and len(self.paid()) >= self.c["max_participants"]:
                self.decide_deal(effects)
        elif t == "leave":
            p = self.part(ev["participation_id"])
            self.release(p, "left", effects)
            p["status"] = "left"
            if p.get("team_id"):
                tm = self.team(p["team_id"])
                if tm.get("leader") == p["id"]:
                    rest = [x for x in tm["members"] if self.part(x)["status"] in ("pending", "paid")]
                    if rest:
                        tm["leader"] = rest[0]
                    else:
                        tm.pop("leader", None)
                if not self.holding(tm["id"]):
                    self.end_team(tm, "everyone_left", effects)
        elif t == "cancel":
            if ev.get("team_id"):
                self.end_team(self.team(ev["team_id"]), "cancelled", effects)
            else:
                if self.k["type"] == "team_buy":
                    raise Unmodelled("cancelling a team-buy campaign")
                self.status = "cancelled"
                self.failure_reason = "cancelled"
                self.fail(self.holding(), "cancelled", None, effects)
        elif t == "close":
            if self.k["type"] == "team_buy":
                for tm in self.teams:
                    if tm["status"] == "open":
                        self.end_team(tm, "closed", effects)
                self.status = "closed"
            else:
                self.decide_deal(effects)
        elif t == "tick":
            pass
        else:
            raise Unmodelled(f"event {t}")
        if key is not None:
            self.keys.append(key)
        return effects, kind
