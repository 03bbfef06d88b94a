# Independent reference for the money facts of testdata/vectors/groupbuy.json
# (run: python3 testdata/gen/groupbuy_reference.py --check).
#
# Written from the documented rules (module docs of o2okit's groupbuy: effect.rs, ladder.rs, tipping.rs,
# team.rs, progress.rs, simulate.rs). This is a money oracle over the effects, not a second state machine:
# it walks each output's effects in order and recomputes every amount from the campaign and what came
# before:
# - a charge is the price due: the campaign price; a team's opener pays the leader price; a ladder
#   joiner pays the tier price for the places held including this one (places held: charges less
#   voided charges and full refunds so far, from the input state's held places for a step);
# - a void_charge is the voided participation's charge, for a participation that never paid;
# - a refund_full is what the participation paid (it must have paid);
# - a ladder's final price is the tier reached by its paid places, never above the lowest price a paid
#   place was charged; refund_difference = paid - final price; notify_success carries that final
#   price and the paid places;
# - each participation's price in the state is its charge, its `refunded` the sum of its refunds;
# - progress: current price (campaign price or the ladder tier for `count`), join price (tier for
#   count + 1), next tier and price, target, needed, percent = floor(100 x count / target) capped at
#   100, remaining seconds to the deadline or the team's window end, count = paid + pending;
# - simulate: per size, leader + joins inside the half-open window; virtual fill; the rate floored to
#   4 decimals; meets_target on the exact rate; the largest size meeting it.
# - in a replay, each place's money at the end agrees with its final status (see check_final_money).
# - and every step and replay is re-run by a second state machine (groupbuy_machine.py): effects,
#   statuses, failure reasons, leaders, members, virtual fills, refunds and outcome kinds must agree.
# Not checked: times (as_of, ended_at, expires_at), the `resolved` details of outcomes, hint messages. Progress counts (`count`, `paid`, `pending`) are checked for consistency only.
from fractions import Fraction

# ts (a wire time) and tier_for (the ladder tier for a count) are shared with the second machine.
from groupbuy_machine import Machine, tier_for, ts
from oracle import Checker, Unmodelled, m, q, units_to_str, minor


def next_tier(tiers, count):
    for t in tiers:
        if t["min_participants"] > count:
            return t
    return None


KNOWN_KIND = {"tipping_point": {"type", "price", "min_participants"},
              "team_buy": {"type", "size", "window_seconds", "price", "leader_price", "virtual_fill"},
              "ladder": {"type", "tiers"}}


def kind_of(campaign):
    k = campaign["kind"]
    if k["type"] not in KNOWN_KIND or set(k) - KNOWN_KIND[k["type"]]:
        raise Unmodelled(f"campaign kind {k}")
    return k


def check_effects(c, case, campaign, before_parts, effects, after_parts):
    k = kind_of(campaign)
    charged = {p["id"]: m(p["price"]) for p in before_parts}
    paid_before = {p["id"] for p in before_parts if p.get("paid_at")}
    held = sum(1 for p in before_parts if p["status"] in ("pending", "paid"))
    teams_seen = {p.get("team_id") for p in before_parts if p.get("team_id")}
    after = {p["id"]: p for p in after_parts}
    refunds = {}
    for p in before_parts:
        if p.get("refunded"):
            refunds[p["id"]] = m(p["refunded"])
    ladder_final = None
    if k["type"] == "ladder":
        paid_places = [p for p in after_parts if p.get("paid_at") and p["status"] == "paid"]
        if paid_places:
            tier = m(tier_for(k["tiers"], len(paid_places))["price"])
            ladder_final = min([tier] + [m(p["price"]) for p in paid_places])
    for i, e in enumerate(effects):
        t = e["type"]
        pid = e.get("participation_id")
        what = f"effects[{i}] {t} {pid or ''}"
        if t == "charge":
            held += 1
            if k["type"] == "tipping_point":
                due = m(k["price"])
            elif k["type"] == "ladder":
                due = m(tier_for(k["tiers"], held)["price"])
            else:
                team = e.get("team_id")
                opener = team not in teams_seen
                teams_seen.add(team)
                due = m(k["leader_price"] if opener and "leader_price" in k else k["price"])
            c.eq_dec(case, f"{what}.amount", e["amount"]["amount"], due)
            charged[pid] = due
            if pid in after:
                c.eq_dec(case, f"participation {pid}.price", after[pid]["price"]["amount"], due)
        elif t == "void_charge":
            held -= 1
            c.eq_dec(case, f"{what}.amount", e["amount"]["amount"], charged.get(pid))
            c.eq(case, f"{what}: the voided place never paid", bool(after.get(pid, {}).get("paid_at")), False)
        elif t == "refund_full":
            held -= 1
            c.eq_dec(case, f"{what}.amount", e["amount"]["amount"], charged.get(pid))
            c.eq(case, f"{what}: the refunded place paid", bool(after.get(pid, {}).get("paid_at")), True)
            refunds[pid] = refunds.get(pid, 0) + m(e["amount"])
        elif t == "refund_difference":
            if ladder_final is None:
                raise AssertionError("refund_difference outside a ladder that succeeded")
            c.eq_dec(case, f"{what}.paid", e["paid"]["amount"], charged.get(pid))
            c.eq_dec(case, f"{what}.final_price", e["final_price"]["amount"], ladder_final)
            c.eq_dec(case, f"{what}.amount", e["amount"]["amount"], charged.get(pid) - ladder_final)
            refunds[pid] = refunds.get(pid, 0) + m(e["amount"])
        elif t == "notify_success":
            if "final_price" in e:
                c.eq_dec(case, f"{what}.final_price", e["final_price"]["amount"], ladder_final)
                c.eq(case, f"{what}.participants", e["participants"],
                     sum(1 for p in after_parts if p.get("paid_at") and p["status"] == "paid"))
        elif t in ("issue_vouchers", "notify_failure"):
            if t == "issue_vouchers":
                c.eq(case, f"{what}.count", e["count"], campaign.get("vouchers_per_participant", 0))
        else:
            raise Unmodelled(f"effect {t}")
    for p in after_parts:
        want = refunds.get(p["id"], Fraction(0))
        got = m(p["refunded"]) if p.get("refunded") else Fraction(0)
        c.eq(case, f"participation {p['id']}.refunded", got, want)
        if p["id"] in charged:
            c.eq_dec(case, f"participation {p['id']}.price", p["price"]["amount"], charged[p["id"]])
    return ladder_final


def check_final_money(c, case, campaign, state, effects):
    """A replay from the opening: each participation's money at the end agrees with its final status by the
    documented decisions (a failed, cancelled or left place paid gets everything back, a place never paid is
    voided once it lapses or leaves, a paid place of a successful deal keeps the final price and gets its
    vouchers, nobody is still paid in a failed deal or team)."""
    k = kind_of(campaign)
    teams = {t["id"]: t for t in state.get("teams", [])}
    by_type = {}
    for e in effects:
        if "participation_id" in e:
            by_type.setdefault((e["type"], e["participation_id"]), []).append(e)
    final = m(state["final_price"]) if state.get("final_price") else None
    for p in state["participations"]:
        pid, st = p["id"], p["status"]
        price = m(p["price"])
        refunded = m(p["refunded"]) if p.get("refunded") else Fraction(0)
        paid = bool(p.get("paid_at"))
        team = teams.get(p.get("team_id")) if p.get("team_id") else None
        decided = team["status"] if team else state["status"]
        what = f"participation {pid} ({st})"
        if st == "paid":
            c.eq(case, f"{what}: paid", paid, True)
            keeps = final if (k["type"] == "ladder" and final is not None) else price
            c.eq(case, f"{what}: keeps", price - refunded, keeps)
            c.eq(case, f"{what}: its deal or team has not failed", decided in ("open", "succeeded"), True)
            if decided == "succeeded":
                # vouchers_per_participant: 0 (the default) issues none
                c.eq(case, f"{what}: vouchers issued", ("issue_vouchers", pid) in by_type,
                     campaign.get("vouchers_per_participant", 0) > 0)
        elif st == "refunded" or (st == "left" and paid):
            c.eq(case, f"{what}: refunded in full", (paid, refunded), (True, price))
            c.eq(case, f"{what}: one refund_full", len(by_type.get(("refund_full", pid), [])), 1)
        elif st in ("lapsed", "left"):
            c.eq(case, f"{what}: never paid, charge voided", (paid, len(by_type.get(("void_charge", pid), []))), (False, 1))
        elif st == "pending":
            c.eq(case, f"{what}: not paid, nothing voided, deal or team still open",
                 (paid, ("void_charge", pid) in by_type, decided), (False, False, "open"))
        else:
            raise Unmodelled(f"participation status {st}")


def compare_machine(c, case, machine, effects, exp):
    """The state machine re-run here against the vector: effects, statuses, refunds."""
    got = []
    for e in exp["effects"]:
        amount = e.get("amount") or e.get("final_price")
        extra = e.get("participants", e.get("count", e.get("reason")))
        got.append((e["type"], e.get("participation_id") or e.get("team_id"),
                    m(amount) if amount else None, extra))
    c.eq(case, "effects (type, place or team, amount, participants/count/reason)", got, effects)
    st = exp["state"]
    c.eq(case, "campaign status", (st["status"], st.get("failure_reason")), (machine.status, machine.failure_reason))
    c.eq(case, "final_price", m(st["final_price"]) if st.get("final_price") else None, machine.final_price)
    c.eq(case, "teams", [(t["id"], t["status"], t.get("failure_reason"), t.get("leader"), t["members"], t.get("virtual_fill"))
                         for t in st.get("teams", [])],
         [(t["id"], t["status"], t.get("failure_reason"), t.get("leader"), t["members"], t.get("virtual_fill"))
          for t in machine.teams])
    c.eq(case, "places", [(p["id"], p["customer_id"], p.get("team_id"), m(p["price"]), p["status"], bool(p.get("paid_at")),
                           m(p["refunded"]) if p.get("refunded") else Fraction(0)) for p in st["participations"]],
         [(p["id"], p["customer_id"], p.get("team_id"), p["price"], p["status"], bool(p.get("paid_at")), p["refunded"])
          for p in machine.parts])


def do_open(c, case):
    st = case["expected"]
    kind_of(case["input"]["campaign"])
    c.eq(case, "status", st["status"], "open")
    c.eq(case, "participations", st["participations"], [])
    c.eq(case, "campaign price", st["campaign"]["kind"].get("price"), case["input"]["campaign"]["kind"].get("price"))


def do_step(c, case):
    inp, exp = case["input"], case["expected"]
    st = inp["state"]
    final = check_effects(c, case, st["campaign"], st["participations"], exp["effects"], exp["state"]["participations"])
    mach = Machine(st["campaign"], st)
    effs, kind = mach.step(inp["event"], inp["now"])
    compare_machine(c, case, mach, effs, exp)
    c.eq(case, "outcome kind", exp["outcome"]["kind"], {"open_team": "opened_team", "join": "joined",
         "payment_confirmed": "paid", "leave": "left", "tick": "ticked", "cancel": "cancelled", "close": "closed",
         "duplicate": "duplicate"}[kind])
    c.eq(case, "state.campaign (echoed)", exp["state"]["campaign"], st["campaign"])
    dup = exp["outcome"].get("kind") == "duplicate"
    c.eq(case, "state.processed", exp["state"].get("processed", []),
         st.get("processed", []) + ([] if dup or "key" not in inp["event"] else [inp["event"]]))
    if exp["state"].get("final_price"):
        c.eq_dec(case, "state.final_price", exp["state"]["final_price"]["amount"], final)


def do_replay(c, case):
    inp, exp = case["input"], case["expected"]
    final = check_effects(c, case, inp["campaign"], [], exp["effects"], exp["state"]["participations"])
    check_final_money(c, case, inp["campaign"], exp["state"], exp["effects"])
    mach = Machine(inp["campaign"])
    effs, kinds = [], []
    for x in inp["events"]:
        e, kind = mach.step(x["event"], x["at"])
        effs += e
        kinds.append(kind)
    compare_machine(c, case, mach, effs, exp)
    c.eq(case, "outcome kinds", [o["kind"] for o in exp["outcomes"]], [{"open_team": "opened_team", "join": "joined",
         "payment_confirmed": "paid", "leave": "left", "tick": "ticked", "cancel": "cancelled", "close": "closed",
         "duplicate": "duplicate"}[k] for k in kinds])
    c.eq(case, "state.campaign (echoed)", exp["state"]["campaign"], inp["campaign"])
    events = [e["event"] for e in inp["events"]]
    c.eq(case, "state.processed are input events", [e for e in exp["state"].get("processed", []) if e not in events], [])
    if exp["state"].get("final_price"):
        c.eq_dec(case, "state.final_price", exp["state"]["final_price"]["amount"], final)


def do_progress(c, case):
    inp, exp = case["input"], case["expected"]
    camp = inp["state"]["campaign"]
    k = kind_of(camp)
    now = ts(inp["now"])
    c.eq(case, "count = paid + pending", exp["count"], exp["paid"] + exp["pending"])
    if exp["status"] == "open":
        c.eq(case, "remaining_seconds", exp.get("remaining_seconds"), int((ts(camp["deadline"]) - now).total_seconds()))
    count = exp["count"]
    if k["type"] == "ladder":
        tiers = k["tiers"]
        c.eq_dec(case, "current_price", exp["current_price"]["amount"], m(tier_for(tiers, count)["price"]))
        c.eq_dec(case, "join_price", exp["join_price"]["amount"], m(tier_for(tiers, count + 1)["price"]))
        nt = next_tier(tiers, count)
        c.eq(case, "next_price", exp.get("next_price"), nt and nt["price"])
        c.eq(case, "next_tier_at", exp.get("next_tier_at"), nt and nt["min_participants"])
        target = tiers[0]["min_participants"]
        hint = exp.get("hint", {})
        if hint.get("code") == "next_tier":
            c.eq(case, "hint.price", hint.get("price"), nt and nt["price"])
            c.eq(case, "hint.needed", hint.get("needed"), nt and nt["min_participants"] - count)
        elif hint.get("code") == "lowest_price":
            c.eq(case, "hint.price", hint.get("price"), exp["current_price"])
    else:
        c.eq_dec(case, "current_price", exp["current_price"]["amount"], m(k["price"]))
        c.eq_dec(case, "join_price", exp["join_price"]["amount"], m(k["price"]))
        target = k.get("min_participants")
    if target is not None:
        c.eq(case, "target", exp["target"], target)
        c.eq(case, "needed", exp["needed"], max(target - count, 0))
        c.eq(case, "percent", exp["percent"], min(100 * count // target, 100))
    teams = {t["id"]: t for t in inp["state"].get("teams", [])}
    tot = 0
    for t in exp.get("teams", []):
        size = k["size"]
        c.eq(case, f"team {t['team_id']}.count", t["count"], t["paid"] + t["pending"])
        c.eq(case, f"team {t['team_id']}.size", t["size"], size)
        c.eq(case, f"team {t['team_id']}.needed", t["needed"], max(size - t["count"], 0))
        c.eq(case, f"team {t['team_id']}.percent", t["percent"], min(100 * t["count"] // size, 100))
        if t["status"] == "open":
            c.eq(case, f"team {t['team_id']}.remaining_seconds", t.get("remaining_seconds"),
                 int((ts(teams[t["team_id"]]["expires_at"]) - now).total_seconds()))
        tot += t["count"]
    if "teams" in exp:
        c.eq(case, "count = the teams' places", count, tot)


def do_simulate(c, case):
    inp, exp = case["input"], case["expected"]
    window = inp["window_seconds"]
    vf = inp.get("virtual_fill")
    reals = []
    for team in inp["teams"]:
        offs = list(team.get("join_offsets", []))
        if team.get("join_times"):
            o = ts(team["opened_at"])
            offs += [int((ts(t) - o).total_seconds()) for t in team["join_times"]]
        reals.append(1 + sum(1 for x in offs if 0 <= x < window))
    n = len(reals)
    c.eq(case, "teams", exp["teams"], n)
    target = q(inp["target_success_rate"]) if "target_success_rate" in inp else None
    best = None
    for res, size in zip(exp["results"], inp["sizes"]):
        full = sum(1 for r in reals if r >= size)
        virt = sum(1 for r in reals if vf and vf["min_real"] <= r < size)
        ok = full + virt
        rate = Fraction(ok, n)
        floored = Fraction(int(rate * 10000), 10000)
        want = {"size": size, "succeeded": ok, "virtually_filled": virt, "failed": n - ok,
                "success_rate": units_to_str(int(floored * 10000), 4)}
        if target is not None:
            want["meets_target"] = rate >= target
            if rate >= target:
                best = size if best is None else max(best, size)
        c.eq(case, f"size {size}", res, want)
    if target is not None:
        c.eq(case, "largest_size_meeting_target", exp.get("largest_size_meeting_target"), best)


if __name__ == "__main__":
    Checker("groupbuy.json").main({"groupbuy.open": do_open, "groupbuy.step": do_step, "groupbuy.replay": do_replay,
                                   "groupbuy.progress": do_progress, "groupbuy.simulate": do_simulate})
