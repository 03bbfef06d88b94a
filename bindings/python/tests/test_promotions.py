"""Promotions from Python: `quote` / `quote_request` inputs (Python values in the wire
shape), the read-only `Quote`, and `PromotionError`."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Callable, TypeVar

import pytest

import o2okit
from o2okit import (
    AppliedDiscount,
    DeliveryQuote,
    FundedBy,
    GiftItem,
    Hint,
    InputError,
    LineShare,
    Money,
    MoneyError,
    O2OError,
    PromotionError,
    Quote,
    QuotedLine,
    Rejection,
    SelectionReport,
    UnitRun,
    call,
    quote,
    quote_request,
)

try:
    from zoneinfo import ZoneInfo

    SHANGHAI: Any = ZoneInfo("Asia/Shanghai")
except Exception:  # pragma: no cover - no tz database on this machine
    SHANGHAI = timezone(timedelta(hours=8), "CST")

E = TypeVar("E", bound=O2OError)

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=SHANGHAI)


def cny(amount: str) -> Money:
    return Money(Decimal(amount), "CNY")


def raised(cls: type[E], make: Callable[[], object]) -> E:
    with pytest.raises(cls) as info:
        make()
    return info.value


def latte_cart(quantity: Any = 3, price: Any = None) -> dict[str, Any]:
    return {
        "lines": [
            {
                "id": "a",
                "product_id": "latte",
                "unit_price": cny("30.00") if price is None else price,
                "quantity": quantity,
            }
        ]
    }


def second_half(percent: Any = Decimal("50")) -> dict[str, Any]:
    return {
        "id": "second-half",
        "name": "第二件半价",
        "discount": {"type": "nth_item", "n": 2, "percent": percent},
        "funded_by": {"role": "merchant"},
    }


def context(now: Any = NOW, **more: Any) -> dict[str, Any]:
    return {"now": now, "channel": "in_store", **more}


# --- the 第二件半价 example -----------------------------------------------------------------


def test_second_item_half_price() -> None:
    q = quote(latte_cart(), [second_half()], context())
    assert isinstance(q, Quote)
    assert q.subtotal == cny("90.00")
    assert q.discount_total == cny("15.00")
    assert q.total == cny("75.00")
    assert repr(q) == "Quote(total=Money('75.00', 'CNY'), discounts=1, rejected=0)"
    (d,) = q.discounts
    assert isinstance(d, AppliedDiscount)
    assert (d.promotion_id, d.kind, d.level, d.base) == ("second-half", "nth_item", "item", "discounted")
    assert d.amount == cny("15.00")
    assert isinstance(d.funded_by, FundedBy)
    assert (d.funded_by.role, d.funded_by.party_id) == ("merchant", None)
    assert len(d.lines) == 1
    assert isinstance(d.lines[0], LineShare)
    assert (d.lines[0].line_id, d.lines[0].amount) == ("a", cny("15.00"))
    assert d.hint is None
    assert repr(d) == "AppliedDiscount(promotion_id='second-half', kind='nth_item', amount=Money('15.00', 'CNY'))"
    (line,) = q.lines
    assert isinstance(line, QuotedLine)
    assert line.line_id == "a"
    assert line.quantity == Decimal("3") and isinstance(line.quantity, Decimal)
    assert (line.original, line.discount, line.net) == (cny("90.00"), cny("15.00"), cny("75.00"))
    assert all(isinstance(u, UnitRun) for u in line.units)
    assert [(u.count, u.net) for u in line.units] == [(1, cny("30.00")), (1, cny("15.00")), (1, cny("30.00"))]
    assert repr(line.units[1]) == "UnitRun(count=1, net=Money('15.00', 'CNY'))"
    assert q.rejected == [] and q.gifts == [] and q.delivery is None
    sel = q.selection
    assert isinstance(sel, SelectionReport)
    assert (sel.mode, sel.optimal, sel.candidates) == ("best_for_customer", True, 1)
    assert isinstance(sel.evaluations, int) and sel.evaluations >= 1
    assert sel.saving == cny("15.00")
    assert q.discount("second-half") == d
    assert q.discount("nope") is None and q.rejection("second-half") is None


def test_to_dict_is_the_wire_json() -> None:
    cart, promos, ctx = latte_cart(), [second_half()], context()
    q = quote(cart, promos, ctx)
    wire = call("quote", {"cart": cart, "promotions": promos, "context": ctx})
    assert q.to_dict() == wire
    assert wire["total"] == {"amount": "75.00", "currency": "CNY"}
    assert wire["lines"][0]["quantity"] == "3"
    text = json.dumps(
        {
            "cart": {
                "lines": [
                    {"id": "a", "product_id": "latte", "unit_price": {"amount": "30.00", "currency": "CNY"}, "quantity": "3"}
                ]
            },
            "promotions": [
                {"id": "second-half", "name": "第二件半价", "discount": {"type": "nth_item", "n": 2, "percent": "50"},
                 "funded_by": {"role": "merchant"}}
            ],
            "context": {"now": "2026-11-22T10:00:00+08:00", "channel": "in_store"},
        }
    )
    assert call("quote", text) == wire
    assert quote_request(text) == q
    assert quote_request({"cart": cart, "promotions": promos, "context": ctx}) == q
    assert quote_request(json.loads(text)) == q
    parts: list[AppliedDiscount | QuotedLine | UnitRun | SelectionReport | LineShare] = [
        q.discounts[0],
        q.lines[0],
        q.lines[0].units[0],
        q.selection,
        q.discounts[0].lines[0],
    ]
    for part in parts:
        assert json.loads(json.dumps(part.to_dict())) == part.to_dict()
    assert q.discounts[0].to_dict() == wire["discounts"][0]
    assert q.lines[0].to_dict() == wire["lines"][0]
    assert q.selection.to_dict() == wire["selection"]
    assert q.discounts[0].funded_by.to_dict() == {"role": "merchant"}
    assert Quote.from_dict(q.to_dict()) == q
    assert Quote.from_dict(json.loads(json.dumps(wire))) == q


def test_quote_is_read_only() -> None:
    q = quote(latte_cart(), [second_half()], context())
    with pytest.raises(AttributeError):
        q.total = cny("1.00")  # type: ignore[misc]
    with pytest.raises(AttributeError):
        q.discounts[0].amount = cny("1.00")  # type: ignore[misc]
    q.discounts.clear()  # a fresh list each time: the quote is unchanged
    assert len(q.discounts) == 1
    with pytest.raises(TypeError):
        hash(q)
    with pytest.raises(TypeError):
        Quote()  # type: ignore[call-arg]
    # A record pickles (multiprocessing, Spark) and deep-copies: an equal value back.
    assert pickle.loads(pickle.dumps(q)) == q
    assert copy.deepcopy(q) == q and copy.copy(q) == q


# --- Python values in, no floats ----------------------------------------------------------


@pytest.mark.parametrize(
    "price",
    [
        cny("30.00"),
        {"amount": "30.00", "currency": "CNY"},
        {"amount": Decimal("30"), "currency": "CNY"},
        {"amount": "30", "currency": o2okit.Currency("CNY")},
    ],
)
@pytest.mark.parametrize("quantity", [3, "3", Decimal("3"), Decimal("3.000")])
def test_money_and_decimal_forms(price: Any, quantity: Any) -> None:
    q = quote(latte_cart(quantity, price), (second_half(),), context())
    assert q.total == cny("75.00")
    # Records compare by wire value: the quote echoes the quantity as given ("3.000").
    assert q == quote(latte_cart(quantity), [second_half("50")], context())
    assert q.lines[0].quantity == Decimal(3)


def test_float_price_is_rejected() -> None:
    err = raised(MoneyError, lambda: quote(latte_cart(price={"amount": 30.0, "currency": "CNY"}), [], context()))
    assert err.code == "number_for_money"
    assert "decimal.Decimal" in str(err)
    assert " at line " not in str(err)  # no position in text the caller never wrote
    assert err.details == {"code": "number_for_money", "category": "money", "message": str(err)}


def test_float_percent_and_quantity_are_rejected() -> None:
    err = raised(MoneyError, lambda: quote(latte_cart(), [second_half(50.0)], context()))
    assert err.code == "invalid_decimal"
    err = raised(MoneyError, lambda: quote(latte_cart(quantity=1.5), [], context()))
    assert err.code == "invalid_decimal"
    err = raised(MoneyError, lambda: quote_request({"cart": latte_cart(quantity=3.0), "context": context()}))
    assert err.code == "invalid_decimal"
    with pytest.raises(O2OError) as info:
        quote(latte_cart(), [second_half(float("nan"))], context())
    assert info.value.code == "invalid_json"
    assert "promotions[0].discount.percent" in str(info.value)


def test_int_amount_in_a_money_dict_is_a_json_number() -> None:
    # Wire rules apply to money dicts: the amount is a str or a Decimal (or use Money).
    err = raised(MoneyError, lambda: quote(latte_cart(price={"amount": 30, "currency": "CNY"}), [], context()))
    assert err.code == "number_for_money"


def test_unencodable_values_say_where() -> None:
    err = raised(InputError, lambda: quote(latte_cart(quantity=object()), [], context()))
    assert err.code == "invalid_json"
    assert "cart.lines[0].quantity" in str(err)
    err = raised(InputError, lambda: quote({"lines": [], 1: "x"}, [], context()))  # type: ignore[dict-item]
    assert err.code == "invalid_json"
    assert "keys must be str" in str(err)
    err = raised(InputError, lambda: quote(latte_cart(quantity=b"3"), [], context()))
    assert err.code == "invalid_json"


def test_core_input_errors() -> None:
    assert raised(InputError, lambda: quote({"lines": []}, [], context())).code == "invalid_input"
    two = {"lines": latte_cart()["lines"] * 2}
    assert raised(InputError, lambda: quote(two, [], context())).code == "duplicate_id"
    assert raised(InputError, lambda: quote(latte_cart(0), [], context())).code == "invalid_quantity"
    assert raised(InputError, lambda: quote(latte_cart(10**6), [], context())).code == "too_many_units"
    err = raised(InputError, lambda: quote(latte_cart(), [], {"now": NOW, "channel": "drive_through"}))
    assert err.code == "invalid_json"
    usd = {"lines": latte_cart()["lines"], "delivery_fee": Money("5", "USD")}
    assert raised(o2okit.CurrencyError, lambda: quote(usd, [], context())).code == "currency_mismatch"


# --- times --------------------------------------------------------------------------------


def test_naive_datetime_is_rejected() -> None:
    err = raised(InputError, lambda: quote(latte_cart(), [second_half()], context(datetime(2026, 11, 22, 10, 0))))
    assert err.code == "invalid_input"
    assert err.category == "input"
    assert "context.now" in str(err)
    assert "tzinfo" in str(err)
    later = dict(second_half(), conditions={"schedule": {"valid_from": datetime(2026, 12, 1)}})
    err = raised(InputError, lambda: quote(latte_cart(), [later], context()))
    assert err.code == "invalid_input"
    assert "promotions[0].conditions.schedule.valid_from" in str(err)
    err = raised(InputError, lambda: call("quote", {"cart": latte_cart(), "context": context(datetime(2026, 1, 1))}))
    assert err.code == "invalid_input"
    assert "context.now" in str(err)


def test_offset_with_seconds_is_rejected() -> None:
    odd = timezone(timedelta(hours=8, seconds=5))
    err = raised(InputError, lambda: quote(latte_cart(), [], context(datetime(2026, 11, 22, 10, 0, tzinfo=odd))))
    assert err.code == "invalid_input"
    assert "minutes" in str(err)


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 22, 10, 0, tzinfo=SHANGHAI),
        datetime(2026, 11, 22, 2, 0, tzinfo=timezone.utc),
        datetime(2026, 11, 21, 21, 0, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2026, 11, 22, 10, 0, 0, 123456, tzinfo=timezone(timedelta(hours=8))),
        "2026-11-22T10:00:00+08:00",
    ],
)
def test_aware_datetimes_are_accepted(now: Any) -> None:
    q = quote(latte_cart(), [second_half()], context(now))
    assert q.total == cny("75.00")


def happy_hour() -> dict[str, Any]:
    return {
        "id": "happy-hour",
        "discount": {"type": "percent_off_items", "percent": "20"},
        "funded_by": {"role": "merchant"},
        "conditions": {
            "schedule": {
                "time_zone": "Asia/Shanghai",
                "slots": [{"start": "14:00", "end": "17:00"}],
            }
        },
    }


def test_time_slots_use_the_instant_not_the_wall_clock() -> None:
    inside = datetime(2026, 11, 22, 7, 30, tzinfo=timezone.utc)  # 15:30 in Shanghai
    outside = datetime(2026, 11, 22, 15, 30, tzinfo=SHANGHAI) + timedelta(hours=2)
    assert quote(latte_cart(), [happy_hour()], context(inside)).discount_total == cny("18.00")
    q = quote(latte_cart(), [happy_hour()], context(outside))
    assert q.discount_total == cny("0.00")
    (r,) = q.rejected
    assert r.reason == "not_in_time_slot"


def test_hint_times_are_aware_datetimes() -> None:
    starts = datetime(2026, 12, 1, 0, 0, tzinfo=SHANGHAI)
    later = dict(second_half(), conditions={"schedule": {"valid_from": starts}})
    q = quote(latte_cart(), [later], context())
    r = q.rejection("second-half")
    assert isinstance(r, Rejection)
    assert r.reason == "not_started"
    hint = r.hint
    assert isinstance(hint, Hint)
    assert hint.code == "wait_until"
    assert isinstance(hint.at, datetime)
    assert hint.at == starts
    assert hint.at.utcoffset() == timedelta(hours=8)
    assert hint.amount is None and hint.quantity is None
    assert r.to_dict()["hint"]["at"] == "2026-12-01T00:00:00+08:00"
    assert repr(r) == "Rejection(promotion_id='second-half', reason='not_started')"


# --- rejections, hints, delivery, gifts ---------------------------------------------------


def test_threshold_hint_and_rejection_params() -> None:
    threshold = {
        "id": "man-200-jian-20",
        "discount": {"type": "threshold", "tiers": [{"min_spend": cny("200"), "off": cny("20")}]},
        "funded_by": {"role": "platform"},
    }
    q = quote(latte_cart(), [threshold], context())
    (r,) = q.rejected
    assert r.reason == "min_spend_not_met"
    assert r.params == {"required": "200.00", "actual": "90.00"}
    assert r.hint is not None
    assert r.hint.code == "add_amount"
    assert r.hint.amount == cny("110.00")
    assert "110.00" in r.hint.message
    assert quote(latte_cart(7), [threshold], context()).total == cny("190.00")


def test_delivery_gift_and_lines() -> None:
    cart = {
        "lines": [
            {"id": "a", "product_id": "latte", "unit_price": cny("30.00"), "quantity": 2},
            {"id": "b", "product_id": "beans", "categories": ["retail"], "unit_price": cny("12.50"), "quantity": Decimal("1.5")},
        ],
        "delivery_fee": cny("6.00"),
    }
    promos = [
        {"id": "free-delivery", "discount": {"type": "delivery", "percent": 100}, "funded_by": {"role": "platform"}},
        {"id": "cookie", "discount": {"type": "gift", "product_id": "cookie", "value": cny("8.00")},
         "funded_by": {"role": "brand", "party_id": "acme"}},
        {"id": "ten-off", "discount": {"type": "amount_off_order", "amount": cny("10.00")}, "funded_by": {"role": "merchant"}},
    ]
    q = quote(cart, promos, context(channel="online_delivery"))
    delivery = q.delivery
    assert isinstance(delivery, DeliveryQuote)
    assert (delivery.fee, delivery.discount, delivery.charged) == (cny("6.00"), cny("6.00"), cny("0.00"))
    (gift,) = q.gifts
    assert isinstance(gift, GiftItem)
    assert (gift.promotion_id, gift.product_id, gift.quantity, gift.value) == ("cookie", "cookie", 1, cny("8.00"))
    assert (gift.funded_by.role, gift.funded_by.party_id) == ("brand", "acme")
    ten = q.discount("ten-off")
    assert ten is not None
    assert sum((s.amount.minor_units for s in ten.lines), 0) == ten.amount.minor_units == 1000
    assert q.lines[1].quantity == Decimal("1.5")
    assert q.subtotal == cny("78.75")  # 60.00 + 18.75 (12.50 × 1.5, half-even)
    assert q.total == q.subtotal - q.discount_total + delivery.charged
    assert q.selection.saving == q.discount_total + delivery.discount + gift.value
    assert q.to_dict() == call("quote", {"cart": cart, "promotions": promos, "context": context(channel="online_delivery")})


def test_best_for_customer_and_explicit_coupons() -> None:
    coupons = [
        {"id": "c5", "trigger": "coupon", "discount": {"type": "no_threshold", "amount": cny("5")},
         "funded_by": {"role": "platform"}, "stacking": {"group": "coupons"}},
        {"id": "c12", "trigger": "coupon", "discount": {"type": "no_threshold", "amount": cny("12")},
         "funded_by": {"role": "platform"}, "stacking": {"group": "coupons"}},
    ]
    best = quote(latte_cart(), coupons, context())
    assert [d.promotion_id for d in best.discounts] == ["c12"]
    assert best.rejection("c5") is not None
    explicit = quote(latte_cart(), coupons, context(coupons={"mode": "explicit", "coupons": ["c5"]}))
    assert [d.promotion_id for d in explicit.discounts] == ["c5"]
    assert explicit.selection.mode == "explicit"
    not_selected = explicit.rejection("c12")
    assert not_selected is not None and not_selected.reason == "not_selected"


# --- errors -------------------------------------------------------------------------------


def test_promotion_error_hierarchy() -> None:
    assert issubclass(PromotionError, O2OError)
    assert issubclass(PromotionError, ValueError)
    assert PromotionError.__module__ == "o2okit"
    bad_zone = dict(happy_hour())
    bad_zone["conditions"] = {"schedule": {"time_zone": "Mars/Olympus", "slots": [{"start": "14:00", "end": "17:00"}]}}
    err = raised(PromotionError, lambda: quote(latte_cart(), [bad_zone], context()))
    assert err.code == "unknown_time_zone"
    assert err.category == "promotion"
    assert err.details == {"code": "unknown_time_zone", "category": "promotion", "message": str(err)}
    assert "Mars/Olympus" in str(err)
    err = raised(PromotionError, lambda: call("quote", {"cart": latte_cart(), "promotions": [bad_zone], "context": context()}))
    assert err.code == "unknown_time_zone"


def test_error_codes_and_categories() -> None:
    for code in [
        "invalid_input",
        "duplicate_id",
        "invalid_quantity",
        "too_many_units",
        "unknown_time_zone",
        "coupon_exhausted",
        "coupon_not_usable",
        "redemption_conflict",
        "redemption_not_found",
        "rollback_exceeds_redemption",
    ]:
        assert code in o2okit.ERROR_CODES
    assert "quote" in o2okit.FUNCTIONS
