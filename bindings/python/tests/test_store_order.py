"""The store-order lifecycle (flows 2, 3 and 4) from Python: a Suning-style QR scan in a store
then a delivered online order (the bound store and staff member credited), a JD-style showroom
experience then an online order routed to the nearest partner store with stock (the experience
store credited), a Papa John's-style mini-program order eaten in the store (the channel's fee
first); cancel, void, refunds after settlement with clawback, a duplicate, errors with .code and
.category == "lifecycle", floats rejected for money."""

from __future__ import annotations

import doctest
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

import o2okit
import o2okit._lifecycle
from o2okit import (
    GroupBuyError,
    InputError,
    LifecycleError,
    Money,
    MoneyError,
    SplitError,
    store_order_open,
    store_order_replay,
    store_order_step,
)

CST = timezone(timedelta(hours=8))


def cny(amount: str) -> Money:
    return Money(Decimal(amount), "CNY")


def at(day: str, time: str = "10:00:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=CST)


def cmd(kind: str, key: str, actor: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "key": key, "actor": actor, **fields}


def pct(rule: str, role: str, percent: str, party: str | None = None) -> dict[str, Any]:
    to = {"role": role} if party is None else {"role": role, "party_id": party}
    return {"id": rule, "to": to, "base": "gross_paid", "pay": {"type": "percent", "percent": Decimal(percent)}}


def lines(effect: Any) -> list[tuple[str, str, str]]:
    """(role, party, amount) of a settle or clawback effect's ledger lines."""
    ledger = effect.ledger if effect.type == "settle" else effect.clawback
    return [(line.role, line.party_id, str(line.amount.amount)) for line in ledger.lines]


def money(value: Money) -> Decimal:
    return value.amount


def nets_to_zero(state: o2okit.StoreOrderState) -> bool:
    t = state.totals
    return money(t.charged) == money(t.refunded) + money(t.settled) - money(t.clawed_back)


# Flow 2 (offline → online): a staff member's QR code in the Xinjiekou store; ten days later an
# online order, delivered from the Hunan Road store. 3% to the bound store, 1% to the staff member.
SUNING: dict[str, Any] = {
    "id": "suning-qr",
    "flow": "offline_to_online",
    "currency": "CNY",
    "plan": {
        "rules": [pct("bound", "bound_store", "3"), pct("staff", "store_staff", "1")],
        "remainder": {"role": "merchant", "party_id": "suning"},
    },
}

# Flow 3 (online → offline → online): a showroom visit, then an order routed to the nearest
# partner store that has the TV (jd-a is nearer but has none).
JD: dict[str, Any] = {
    "id": "jd-showroom",
    "flow": "online_to_offline_to_online",
    "currency": "CNY",
    "plan": {
        "rules": [
            pct("platform", "platform", "5", "jd"),
            pct("experience", "experience_store", "4"),
            {"id": "fulfilment", "to": {"role": "store"}, "base": "gross_paid",
             "pay": {"type": "fixed", "amount": cny("8.00")}},
        ],
        "remainder": {"role": "merchant", "party_id": "jd-retail"},
    },
    "partner_stores": [
        {"id": "jd-a", "location": {"lat": 39.9132, "lng": 116.4074},
         "area": {"type": "radius", "radius_m": 3000}, "stock": {"tv": 0}},
        {"id": "jd-b", "location": {"lat": 39.9222, "lng": 116.4074},
         "area": {"type": "radius", "radius_m": 3000}, "stock": {"tv": 2}},
        {"id": "jd-c", "location": {"lat": 39.9312, "lng": 116.4074},
         "area": {"type": "radius", "radius_m": 5000}, "stock": {"tv": 5}},
    ],
}

# Flow 4 (offline → online → offline): store marketing, a WeChat mini-program order (0.6% to
# the payment processor), eaten in the store; 10% to the store.
PAPA: dict[str, Any] = {
    "id": "papa",
    "flow": "offline_to_online_to_offline",
    "currency": "CNY",
    "plan": {"rules": [pct("store", "store", "10")], "remainder": {"role": "merchant", "party_id": "papa-johns"}},
    "channels": [
        {"id": "wechat", "kind": "mini_program", "fee": {"type": "percent", "percent": Decimal("0.6")},
         "fee_to": {"role": "payment_processor", "party_id": "wxpay"}},
        {"id": "own_app", "kind": "own_app"},
    ],
    "cancel_minutes": 5,
}

PAPA_PLACE = cmd("place", "p", "customer", channel="wechat", amount=cny("88.00"), fulfilment="dine_in",
                 store_id="xuhui")


def papa_log(*extra: tuple[datetime, dict[str, Any]]) -> list[dict[str, Any]]:
    """Place, accept, ready, complete, settle, then `extra`."""
    log = [
        (at("2026-03-06", "12:00:00"), PAPA_PLACE),
        (at("2026-03-06", "12:01:00"), cmd("accept", "a", "staff")),
        (at("2026-03-06", "12:15:00"), cmd("ready", "r", "staff")),
        (at("2026-03-06", "12:16:00"), cmd("complete", "c", "staff")),
        (at("2026-03-06", "23:00:00"), cmd("settle", "s", "platform")),
        *extra,
    ]
    return [{"at": when, "command": command} for when, command in log]


def test_flow_2_qr_touch_then_delivery_credits_the_bound_store_and_staff() -> None:
    state = store_order_open(SUNING, "o-1", "ann")
    assert (state.status, state.flow) == ("created", "offline_to_online")
    steps = [
        (at("2026-11-01", "15:00:00"), cmd("touch", "t", "staff", store_id="xinjiekou", staff_id="li",
                                           channel="store_qr")),
        (at("2026-11-11", "12:00:00"), cmd("place", "p", "customer", amount=cny("1000.00"),
                                           fulfilment="delivery", store_id="hunan-rd",
                                           address={"lat": 32.05, "lng": 118.78})),
        (at("2026-11-11", "12:01:00"), cmd("accept", "a", "staff")),
        (at("2026-11-11", "12:15:00"), cmd("ready", "r", "staff")),
        (at("2026-11-11", "12:20:00"), cmd("dispatch", "d", "logistics")),
        (at("2026-11-11", "12:50:00"), cmd("complete", "c", "logistics")),
        (at("2026-11-18", "23:00:00"), cmd("settle", "s", "platform")),
    ]
    statuses = []
    effects: list[Any] = []
    for now, command in steps:
        step = store_order_step(state, SUNING, command, now)
        assert step.duplicate is False
        state = step.state
        statuses.append(state.status)
        effects.extend(step.effects)
    assert statuses == ["created", "received", "in_preparation", "ready", "out_for_delivery", "completed", "closed"]
    assert effects[0].type == "bind"
    completed = next(e for e in effects if e.type == "completed")
    assert completed.handover == "delivered"
    settle = effects[-1]
    assert lines(settle) == [
        ("bound_store", "xinjiekou", "30.00"),
        ("store_staff", "li", "10.00"),
        ("merchant", "suning", "960.00"),
    ]
    assert nets_to_zero(state) and money(state.totals.settled) == Decimal("1000.00")


def test_flow_3_showroom_experience_routed_to_the_nearest_partner_store() -> None:
    log = [
        {"at": at("2026-06-01", "14:00:00"),
         "command": cmd("touch", "t1", "customer", store_id="jd-showroom-sanlitun", channel="showroom")},
        {"at": at("2026-06-02", "12:00:00"),
         "command": cmd("place", "p", "customer", amount=cny("4999.00"), fulfilment="delivery",
                        address={"lat": 39.9042, "lng": 116.4074},
                        items=[{"product_id": "tv", "quantity": 1}])},
        {"at": at("2026-06-02", "12:01:00"), "command": cmd("accept", "a", "staff")},
        {"at": at("2026-06-02", "12:15:00"), "command": cmd("ready", "r", "staff")},
        {"at": at("2026-06-02", "12:20:00"), "command": cmd("dispatch", "d", "logistics")},
        {"at": at("2026-06-02", "12:50:00"), "command": cmd("complete", "c", "logistics")},
        {"at": at("2026-06-09", "23:00:00"), "command": cmd("settle", "s", "platform")},
    ]
    replay = store_order_replay(JD, "o-1", "ann", log)
    assert replay.state.status == "closed"
    assign = next(e for e in replay.effects if e.type == "assign_store")
    assert (assign.store_id, assign.distance_m) == ("jd-b", 2002)
    passed = {p.store_id: [r.code for r in p.reasons] for p in assign.passed_over}
    assert passed == {"jd-a": ["out_of_stock"], "jd-c": ["farther"]}
    assert lines(replay.effects[-1]) == [
        ("platform", "jd", "249.95"),
        ("experience_store", "jd-showroom-sanlitun", "199.96"),
        ("store", "jd-b", "8.00"),
        ("merchant", "jd-retail", "4541.09"),
    ]
    assert nets_to_zero(replay.state)
    # No partner store has the stock: the order cannot be placed.
    out = {**JD, "partner_stores": [{**s, "stock": {"tv": 0}} for s in JD["partner_stores"]]}
    with pytest.raises(LifecycleError) as err:
        store_order_replay(out, "o-1", "ann", log)
    assert err.value.code == "no_store_available"
    assert err.value.details["event_index"] == 1


def test_flow_4_mini_program_dine_in_pays_the_channel_fee_first() -> None:
    replay = store_order_replay(PAPA, "o-1", "ann", papa_log())
    state = replay.state
    assert state.status == "closed"
    assert [e.type for e in replay.effects] == ["charge", "completed", "settle"]
    assert replay.effects[1].handover == "served"
    settle = replay.effects[-1]
    # 0.6% of 88.00 = 0.528 -> 0.53 (half-even); 10% = 8.80; the rest to the merchant.
    assert lines(settle) == [
        ("payment_processor", "wxpay", "0.53"),
        ("store", "xuhui", "8.80"),
        ("merchant", "papa-johns", "78.67"),
    ]
    assert settle.ledger is not None and settle.ledger.lines[0].rule == "channel_fee"
    assert nets_to_zero(state)
    # The same through step, one command at a time, ends in the same state.
    stepped = store_order_open(PAPA, "o-1", "ann")
    for entry in papa_log():
        stepped = store_order_step(stepped, PAPA, entry["command"], entry["at"]).state
    assert stepped == state


def test_cancel_inside_and_outside_the_window() -> None:
    place = cmd("place", "p", "customer", channel="own_app", amount=cny("59.90"), fulfilment="pickup",
                store_id="xuhui")
    placed = store_order_step(store_order_open(PAPA, "o-1", "ann"), PAPA, place, at("2026-03-06", "12:00:00"))
    cancel = cmd("cancel", "x", "customer")
    inside = store_order_step(placed.state, PAPA, cancel, at("2026-03-06", "12:04:59"))
    assert inside.state.status == "cancelled"
    assert [e.to_dict() for e in inside.effects] == [
        {"type": "refund", "customer_id": "ann", "amount": {"amount": "59.90", "currency": "CNY"}}
    ]
    assert nets_to_zero(inside.state)
    with pytest.raises(LifecycleError) as late:
        store_order_step(placed.state, PAPA, cancel, at("2026-03-06", "12:05:01"))
    assert late.value.code == "command_not_allowed"
    # Cancelled is terminal: it absorbs every command.
    with pytest.raises(LifecycleError) as absorbed:
        store_order_step(inside.state, PAPA, cmd("accept", "a", "staff"), at("2026-03-06", "12:06:00"))
    assert absorbed.value.code == "command_not_allowed"


def test_void_out_for_delivery_refunds_in_full() -> None:
    log = [
        {"at": at("2026-03-06", "12:00:00"),
         "command": cmd("place", "p", "customer", channel="own_app", amount=cny("120.00"),
                        fulfilment="delivery", store_id="xuhui",
                        address={"lat": 31.19, "lng": 121.43})},
        {"at": at("2026-03-06", "12:01:00"), "command": cmd("accept", "a", "staff")},
        {"at": at("2026-03-06", "12:15:00"), "command": cmd("ready", "r", "staff")},
        {"at": at("2026-03-06", "12:20:00"), "command": cmd("dispatch", "d", "logistics")},
        {"at": at("2026-03-06", "13:30:00"), "command": cmd("void", "v", "platform")},
    ]
    replay = store_order_replay(PAPA, "o-1", "ann", log)
    assert replay.state.status == "voided"
    assert replay.effects[-1].to_dict() == {"type": "refund", "customer_id": "ann",
                                     "amount": {"amount": "120.00", "currency": "CNY"}}
    assert nets_to_zero(replay.state)


def test_refund_after_settlement_claws_back_to_the_cent() -> None:
    replay = store_order_replay(PAPA, "o-1", "ann", papa_log(
        (at("2026-03-07"), cmd("refund", "f1", "customer", amount=cny("30.00"))),
        (at("2026-03-07", "11:00:00"), cmd("refund", "f2", "platform")),
    ))
    state = replay.state
    assert state.status == "refunded"
    refunds = [money(e.amount) for e in replay.effects if e.type == "refund" and e.amount is not None]
    assert refunds == [Decimal("30.00"), Decimal("58.00")]
    clawbacks = [e for e in replay.effects if e.type == "clawback"]
    assert len(clawbacks) == 2
    for clawback, refund in zip(clawbacks, refunds):
        assert sum(Decimal(amount) for _, _, amount in lines(clawback)) == -refund
    # Over both refunds every party gives back exactly what it was settled.
    by_party: dict[str, Decimal] = {}
    for clawback in clawbacks:
        for _, party, amount in lines(clawback):
            by_party[party] = by_party.get(party, Decimal(0)) + Decimal(amount)
    assert by_party == {"wxpay": Decimal("-0.53"), "xuhui": Decimal("-8.80"), "papa-johns": Decimal("-78.67")}
    totals = state.totals
    assert money(totals.settled) == money(totals.clawed_back) == Decimal("88.00")
    assert nets_to_zero(state)
    # A part after settlement leaves the order closed.
    part = store_order_replay(PAPA, "o-1", "ann", papa_log(
        (at("2026-03-07"), cmd("refund", "f1", "customer", amount=cny("30.00"))),
    ))
    assert part.state.status == "closed"
    # More than is left is refused.
    with pytest.raises(SplitError) as err:
        store_order_replay(PAPA, "o-1", "ann", papa_log(
            (at("2026-03-07"), cmd("refund", "f1", "customer", amount=cny("88.01"))),
        ))
    assert err.value.code == "refund_exceeds_paid"


def test_a_retried_command_is_a_duplicate() -> None:
    state = store_order_open(PAPA, "o-1", "ann")
    once = store_order_step(state, PAPA, PAPA_PLACE, at("2026-03-06", "12:00:00"))
    twice = store_order_step(once.state, PAPA, PAPA_PLACE, at("2026-03-06", "12:00:30"))
    assert twice.duplicate is True
    assert twice.effects == once.effects
    assert twice.state == once.state
    log = papa_log()
    log.insert(1, {"at": at("2026-03-06", "12:00:30"), "command": PAPA_PLACE})
    replay = store_order_replay(PAPA, "o-1", "ann", log)
    assert replay.duplicates == [1]
    assert [e.type for e in replay.effects] == ["charge", "completed", "settle"]
    # Another command under a used key is a conflict (a code shared with group-buy).
    with pytest.raises(GroupBuyError) as conflict:
        store_order_step(once.state, PAPA, {**PAPA_PLACE, "amount": cny("89.00")}, at("2026-03-06", "12:01:00"))
    assert conflict.value.code == "idempotency_conflict"


def test_wrong_actor_and_the_other_guards_raise_lifecycle_errors() -> None:
    state = store_order_open(PAPA, "o-1", "ann")
    cases = [
        ({**PAPA_PLACE, "actor": "staff"}, "command_not_allowed"),
        (cmd("accept", "a", "staff"), "command_not_allowed"),
        ({**PAPA_PLACE, "channel": "meituan"}, "unknown_channel"),
    ]
    for command, code in cases:
        with pytest.raises(LifecycleError) as err:
            store_order_step(state, PAPA, command, at("2026-03-06", "12:00:00"))
        assert err.value.code == code
        assert err.value.category == "lifecycle"
        assert err.value.details["code"] == code
    # Staff cannot complete a delivery (logistics does): the event index names the command.
    log = [
        {"at": at("2026-11-11", "12:00:00"),
         "command": cmd("place", "p", "customer", amount=cny("10.00"), fulfilment="delivery",
                        store_id="hunan-rd", address={"lat": 32.05, "lng": 118.78})},
        {"at": at("2026-11-11", "12:01:00"), "command": cmd("accept", "a", "staff")},
        {"at": at("2026-11-11", "12:02:00"), "command": cmd("ready", "r", "staff")},
        {"at": at("2026-11-11", "12:03:00"), "command": cmd("dispatch", "d", "staff")},
        {"at": at("2026-11-11", "12:04:00"), "command": cmd("complete", "c", "staff")},
    ]
    with pytest.raises(LifecycleError) as err:
        store_order_replay(SUNING, "o-1", "ann", log)
    assert (err.value.code, err.value.details["event_index"]) == ("command_not_allowed", 4)
    # Commands come in time order (a code shared with group-buy).
    placed = store_order_step(state, PAPA, PAPA_PLACE, at("2026-03-06", "12:00:00")).state
    with pytest.raises(GroupBuyError) as order:
        store_order_step(placed, PAPA, cmd("accept", "a", "staff"), at("2026-03-06", "11:59:00"))
    assert order.value.code == "time_out_of_order"


def test_flow_1_is_the_voucher_lifecycle() -> None:
    with pytest.raises(LifecycleError) as err:
        store_order_open({**PAPA, "flow": "online_to_offline"}, "o-1", "ann")
    assert err.value.code == "invalid_store_order_policy"


def test_floats_for_money_and_naive_times_are_rejected() -> None:
    state = store_order_open(PAPA, "o-1", "ann")
    float_place = {**PAPA_PLACE, "amount": {"amount": 88.0, "currency": "CNY"}}
    with pytest.raises(MoneyError) as err:
        store_order_step(state, PAPA, float_place, at("2026-03-06"))
    assert (err.value.code, err.value.category) == ("number_for_money", "money")
    with pytest.raises(MoneyError):
        store_order_replay(PAPA, "o-1", "ann", [{"at": at("2026-03-06"), "command": float_place}])
    with pytest.raises(InputError) as naive:
        store_order_step(state, PAPA, PAPA_PLACE, datetime(2026, 3, 6, 12))
    assert naive.value.code == "invalid_input"


def test_docstring_examples_run() -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder().find(o2okit._lifecycle):
        if "store_order" in test.name:
            runner.run(test)
    assert runner.summarize(verbose=False).attempted >= 10
    assert runner.summarize(verbose=False).failed == 0
