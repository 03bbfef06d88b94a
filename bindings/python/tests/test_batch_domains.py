"""The columnar forms of quote, group-buy, store assignment, cards, points and voucher codes
against their row-wise functions: the same results, an error code per bad row, typed errors
naming a missing or mistyped column, streams equal to tables."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

import o2okit  # noqa: E402
from o2okit import InputError, Money, MoneyError, batch, datasets  # noqa: E402

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 7, 4, 12, 0, tzinfo=CST)  # a Saturday
TS = pa.timestamp("us", tz="Asia/Shanghai")


# ---- quote ----------------------------------------------------------------------------

def cart_of(row: dict[str, Any]) -> dict[str, Any]:
    lines = []
    for line in row["lines"]:
        item = {"id": line["id"], "product_id": line["product_id"], "unit_price": Money(line["unit_price"], "CNY"),
                "quantity": line["quantity"]}
        if line.get("categories"):
            item["categories"] = line["categories"]
        lines.append(item)
    return {"lines": lines}


def funded_of(q: Any) -> list[tuple[Any, ...]]:
    """Who pays what in a row-wise Quote (nonzero discounts, then gifts at their value)."""
    out = [(d.promotion_id, d.funded_by.role, d.funded_by.party_id,
            "delivery" if d.level == "delivery" else "goods", d.amount.amount)
           for d in q.discounts if d.amount]
    out += [(g.promotion_id, g.funded_by.role, g.funded_by.party_id, "goods", g.value.amount * g.quantity)
            for g in q.gifts if g.value.amount * g.quantity]
    return out


@pytest.mark.parametrize("kind", ["weekend", "everyday", "none"])
def test_quote_matches_the_row_wise_quote(kind: str) -> None:
    carts = datasets.carts(400, seed=7)
    promotions = datasets.promotions(kind)
    wide = batch.quote(carts, promotions, currency="CNY").to_pylist()
    long = batch.quote(carts, promotions, currency="CNY", shape="long").to_pylist()
    by_cart: dict[str, list[tuple[Any, ...]]] = {}
    for r in long:
        by_cart.setdefault(r["cart_id"], []).append(
            (r["promotion_id"], r["funded_by_role"], r["funded_by_party_id"], r["on"], r["amount"]))
    for row, w in zip(carts.to_pylist(), wide):
        q = o2okit.quote(cart_of(row), promotions, {"now": row["now"], "channel": row["channel"],
                                                    "store_id": row["store_id"]})
        assert w["error_code"] is None
        assert (w["subtotal"], w["discount_total"], w["total"]) == (
            q.subtotal.amount, q.discount_total.amount, q.total.amount)
        assert w["applied"] == [d.promotion_id for d in q.discounts]
        assert w["rejected"] == len(q.rejected)
        assert by_cart.get(row["cart_id"], []) == funded_of(q)
        assert [(f["promotion_id"], f["funded_by_role"], f["funded_by_party_id"], f["on"], f["amount"])
                for f in w["funded"]] == funded_of(q)


def test_quote_defaults_bad_rows_and_errors() -> None:
    line = pa.struct([("product_id", pa.string()), ("unit_price", pa.decimal128(18, 2)), ("quantity", pa.int64())])
    carts = pa.table({
        "cart_id": ["a", "b", "c"],
        "lines": pa.array([[{"product_id": "latte", "unit_price": Decimal("30.00"), "quantity": 3}],
                           [{"product_id": "latte", "unit_price": Decimal("30.00"), "quantity": 0}],
                           []], pa.list_(line)),
    })
    promotions = [{"id": "second-half", "discount": {"type": "nth_item", "n": 2, "percent": "50"},
                   "funded_by": {"role": "merchant"}}]
    out = batch.quote(carts, promotions, currency="CNY", now=T0, channel="in_store")
    assert out.column("total").to_pylist() == [Decimal("75.00"), None, None]
    assert out.column("error_code").to_pylist() == [None, "invalid_quantity", "invalid_input"]
    with pytest.raises(InputError) as info:
        batch.quote(carts, promotions, currency="CNY", channel="in_store")
    assert info.value.details["column"] == "now"
    floats = pa.table({"cart_id": ["a"], "lines": pa.array(
        [[{"product_id": "x", "unit_price": 1.5, "quantity": 1}]])})
    with pytest.raises(MoneyError) as info2:
        batch.quote(floats, promotions, currency="CNY", now=T0, channel="in_store")
    assert info2.value.details["column"] == "lines.unit_price"


def test_quote_stream_equals_the_table() -> None:
    carts = datasets.carts(900, seed=8)
    promotions = datasets.promotions("weekend")
    streamed = batch.quote_stream(pa.RecordBatchReader.from_batches(carts.schema, carts.to_batches()),
                                  promotions, currency="CNY", batch_size=250).read_all()
    assert streamed.to_pylist() == batch.quote(carts, promotions, currency="CNY").to_pylist()


# ---- group-buy ------------------------------------------------------------------------

def test_groupbuy_simulate_matches_simulate_teams() -> None:
    teams = datasets.teams(3000, seed=2)
    offsets = teams.column("join_offsets").to_pylist()
    sizes = [2, 3, 4, 5, 8]
    report = batch.groupbuy_simulate(teams, sizes=sizes, window_seconds=86_400, target_success_rate="0.5").to_pylist()
    want = o2okit.simulate_teams(offsets, sizes=sizes, window=86_400, target_success_rate="0.5")
    assert [(r["size"], r["succeeded"], r["virtually_filled"], r["failed"], r["success_rate"], r["meets_target"])
            for r in report] == [(r.size, r.succeeded, r.virtually_filled, r.failed, r.success_rate, r.meets_target)
                                 for r in want.results]
    for r in report:
        members = [1 + sum(1 for o in team if o < 86_400) for team in offsets]
        assert r["refunded"] == sum(m for m in members if m < r["size"])


def test_groupbuy_teams_per_team_and_virtual_fill() -> None:
    teams = pa.table({"team_id": ["t1", "t2", "t3"],
                      "join_offsets": pa.array([[10, 20], [5], [99999]], pa.list_(pa.int64()))})
    out = batch.groupbuy_teams(teams, sizes=[3], window_seconds=3600, virtual_fill_min_real=2).to_pylist()
    assert [(r["team_id"], r["members"], r["outcome"], r["refunded"]) for r in out] == [
        ("t1", 3, "succeeded", 0), ("t2", 2, "virtually_filled", 0), ("t3", 1, "failed", 1)]
    timed = pa.table({"team_id": ["a", "b"], "opened_at": pa.array([T0, None], TS),
                      "join_times": pa.array([[T0 + timedelta(minutes=5)], [T0]], pa.list_(TS))})
    out = batch.groupbuy_teams(timed, sizes=[2], window_seconds=600)
    assert out.column("outcome").to_pylist() == ["succeeded", None]
    assert out.column("error_code").to_pylist() == [None, "invalid_input"]
    with pytest.raises(InputError) as info:
        batch.groupbuy_simulate(timed, sizes=[2], window_seconds=600)
    assert info.value.details["row"] == 1 and info.value.details["id"] == "b"
    with pytest.raises(o2okit.O2OError):
        batch.groupbuy_teams(teams, sizes=[1], window_seconds=600)


# ---- store assignment -----------------------------------------------------------------

def test_assign_matches_the_row_wise_assign() -> None:
    stores = datasets.stores(12, seed=1)
    orders = datasets.deliveries(300, seed=4)
    out = batch.assign(orders, stores, currency="CNY").to_pylist()
    for row, got in zip(orders.to_pylist(), out):
        order = {"location": {"lat": row["lat"], "lng": row["lng"]},
                 "items": [dict(i) for i in row["items"]], "subtotal": Money(row["subtotal"], "CNY")}
        want = o2okit.assign(order, stores, row["at"]).to_dict()
        assert got["status"] == want["status"]
        assert got["stores"] == [c["store_id"] for c in want["chosen"]]
        assert got["store_id"] == (want["chosen"][0]["store_id"] if want["chosen"] else None)
        assert got["distance_m"] == (want["chosen"][0]["distance_m"] if want["chosen"] else None)
        assert got["fee"] == (Decimal(want["fee"]["amount"]) if "fee" in want else None)
        assert got["eta_minutes"] == want.get("eta_minutes")


def test_assign_bad_rows_and_columns() -> None:
    items = pa.array([[{"product_id": "latte", "quantity": 1}]] * 2,
                     pa.list_(pa.struct([("product_id", pa.string()), ("quantity", pa.int32())])))
    orders = pa.table({"order_id": ["a", "b"], "lat": [31.23, 123.0], "lng": [121.47, 121.47], "items": items})
    out = batch.assign(orders, datasets.stores(5), currency="CNY", now=T0)
    assert out.column("error_code").to_pylist()[1] == "invalid_location"
    with pytest.raises(InputError) as info:
        batch.assign(orders.drop(["lng"]), datasets.stores(5), currency="CNY", now=T0)
    assert info.value.details["column"] == "lng"


# ---- cards and points -----------------------------------------------------------------

RULES = {"bonus_tiers": [{"min_top_up": {"amount": "100.00", "currency": "CNY"},
                          "bonus": {"amount": "20.00", "currency": "CNY"}}]}


def card_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for e in events:
        event: dict[str, Any] = {"type": e["type"]}
        if e["amount"] is not None:
            event["amount"] = Money(e["amount"], "CNY")
        if e["order_id"] is not None:
            event["order_id"] = e["order_id"]
        if e["key"] is not None:
            event["key"] = e["key"]
        out.append({"at": e["at"], "event": event})
    return out


def test_card_replay_matches_the_row_wise_replay() -> None:
    cards = datasets.card_logs(150, seed=3)
    out = batch.card_replay(cards, currency="CNY", rules=RULES).to_pylist()
    for row, got in zip(cards.to_pylist(), out):
        try:
            want = o2okit.card_replay({"id": row["card_id"], "currency": "CNY"}, card_events(row["events"]), rules=RULES).to_dict()
        except o2okit.O2OError as e:
            assert got["error_code"] == e.code
            continue
        assert got["error_code"] is None
        assert got["status"] == want["card"].get("status", "open")
        assert got["principal"] == Decimal(want["card"]["principal"]["amount"])
        assert got["bonus"] == Decimal(want["card"]["bonus"]["amount"])
        for name, value in want["totals"].items():
            assert got[name] == Decimal(value["amount"]), name


def test_points_replay_matches_the_row_wise_replay() -> None:
    program = {"earn": [{"type": "per_amount", "points": 1, "per": {"amount": "1.00", "currency": "CNY"}}],
               "expiry": {"months_after": 6, "at": "end_of_month"}, "time_zone": "Asia/Shanghai"}
    members = datasets.points_logs(150, seed=3)
    until = datetime(2026, 12, 31, tzinfo=CST)
    out = batch.points_replay(members, program, currency="CNY", until=until).to_pylist()
    for row, got in zip(members.to_pylist(), out):
        events = []
        for e in row["events"]:
            if e["type"] == "earn":
                event: dict[str, Any] = {"type": "earn", "amount": Money(e["amount"], "CNY"), "order_id": e["order_id"]}
            else:
                event = {"type": "redeem", "points": e["points"], "order_id": e["order_id"]}
            events.append({"at": e["at"], "event": event})
        try:
            want = o2okit.points_replay(program, events, until=until).to_dict()
        except o2okit.O2OError as e:
            assert got["error_code"] == e.code
            continue
        assert got["error_code"] is None
        assert (got["balance"], got["earned"], got["redeemed"], got["expired"]) == (
            want["totals"]["balance"], want["totals"]["earned"], want["totals"]["redeemed"], want["totals"]["expired"])


# ---- voucher codes --------------------------------------------------------------------

KEY = bytes(range(32))


def test_voucher_issue_and_verify_match_the_row_wise_functions() -> None:
    expires = datetime(2026, 9, 1, tzinfo=CST)
    rows = pa.table({"serial": pa.array(range(1, 301), pa.uint64()),
                     "store_id": ["S1", "S2", None] * 100,
                     "deal_id": pa.array(["hotpot"] * 300),
                     "expires_at": pa.array([expires] * 300, TS)})
    issued = batch.voucher_issue(rows, KEY)
    for r, code in zip(rows.to_pylist(), issued.column("code").to_pylist()):
        scope = {k: r[k] for k in ("store_id", "deal_id", "expires_at") if r[k] is not None}
        assert code == o2okit.issue_code(KEY, r["serial"], scope=scope).code
    presented = rows.append_column("code", issued.column("code"))
    check = batch.voucher_verify(presented, KEY, now=T0).to_pylist()
    assert all(c["valid"] and c["serial"] == s for c, s in zip(check, range(1, 301)))
    late = batch.voucher_verify(presented.slice(0, 3), KEY, now=expires).column("reason").to_pylist()
    assert late == ["expired"] * 3
    bad = pa.table({"code": ["12345", "000000424805447021345"], "now": pa.array([T0, T0], TS)})
    out = batch.voucher_verify(bad, KEY)
    assert out.column("error_code").to_pylist() == ["invalid_voucher_code", None]
    assert out.column("reason").to_pylist() == [None, "bad_check_digit"]
    assert "12345" not in (out.column("error_message")[0].as_py() or "")
    with pytest.raises(o2okit.VoucherError):
        batch.voucher_issue(rows, b"short")
