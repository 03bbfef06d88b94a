"""Time o2okit.quote from Python against the raw wire path, o2okit.call('quote', json_text).

Run after installing the package (e.g. with bindings/python/ci.sh):

    .venv/bin/python bindings/python/bench/bench_quote.py

Not a test. The request: a 20-line cart with a delivery fee and 10 candidate promotions
(item, order and delivery kinds; four held coupons, so the best-for-customer search runs).
Both paths price the same request and must agree; the script prints per-call times.

- ``quote(cart, promotions, context)``: Python values in (Money, Decimal, aware datetime),
  a read-only Quote out (fields converted when read).
- ``quote(...).to_dict()``: the same, plus the whole result as wire dicts.
- ``call('quote', json_text)``: JSON text in, wire dicts out (the baseline).
"""

from __future__ import annotations

import json
import timeit
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Callable

import o2okit
from o2okit import Money

CST = timezone(timedelta(hours=8))


def cny(amount: str) -> Money:
    return Money(amount, "CNY")


def build() -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    lines = []
    for i in range(20):
        lines.append(
            {
                "id": f"line-{i}",
                "product_id": f"sku-{i % 7}",
                "categories": ["coffee" if i % 2 == 0 else "bakery"],
                "unit_price": cny(f"{12 + i * 3}.{(i * 37) % 100:02d}"),
                "quantity": 1 + i % 3,
            }
        )
    cart = {"lines": lines, "delivery_fee": cny("6.00")}
    merchant = {"role": "merchant"}
    platform = {"role": "platform"}
    promotions: list[dict[str, Any]] = [
        # item level
        {"id": "coffee-20", "discount": {"type": "percent_off_items", "percent": Decimal("20")},
         "funded_by": merchant, "conditions": {"target": {"categories": ["coffee"]}}},
        {"id": "second-half", "discount": {"type": "nth_item", "n": 2, "percent": Decimal("50")},
         "funded_by": merchant, "conditions": {"target": {"products": ["sku-1", "sku-3"]}}},
        {"id": "bogo-bakery", "discount": {"type": "buy_x_get_y", "buy": 2, "get": 1, "percent": 100},
         "funded_by": {"role": "brand", "party_id": "acme"}, "conditions": {"target": {"categories": ["bakery"]}}},
        # order level
        {"id": "man-300-jian-30", "discount": {"type": "threshold", "tiers": [
            {"min_spend": cny("300"), "off": cny("30")}, {"min_spend": cny("500"), "off": cny("60")}]},
         "funded_by": platform, "stacking": {"group": "order-offer"}},
        {"id": "every-100-5", "discount": {"type": "repeating", "step": cny("100"), "off": cny("5"), "cap": cny("40")},
         "funded_by": platform, "stacking": {"group": "order-offer"}},
        # held coupons: the best combination for the customer is searched
        {"id": "coupon-15", "trigger": "coupon", "discount": {"type": "no_threshold", "amount": cny("15")},
         "funded_by": platform, "stacking": {"group": "coupon"}},
        {"id": "coupon-9-pct", "trigger": "coupon", "discount": {"type": "percent_off_order", "percent": "9"},
         "funded_by": platform, "max_discount": cny("50"), "stacking": {"group": "coupon"}},
        {"id": "coupon-merchant-25", "trigger": "coupon",
         "discount": {"type": "amount_off_order", "amount": cny("25")},
         "funded_by": merchant, "conditions": {"min_subtotal": cny("200")}},
        {"id": "coupon-free-delivery", "trigger": "coupon", "discount": {"type": "delivery", "percent": 100},
         "funded_by": platform},
        # delivery level
        {"id": "delivery-3-off", "discount": {"type": "delivery", "amount": cny("3")}, "funded_by": merchant,
         "conditions": {"schedule": {"valid_from": datetime(2026, 11, 1, tzinfo=CST),
                                     "valid_until": datetime(2026, 12, 1, tzinfo=CST)}}},
    ]
    context = {
        "now": datetime(2026, 11, 22, 12, 30, tzinfo=CST),
        "channel": "online_delivery",
        "store_id": "store-1",
        "customer": {"id": "c-42", "member_tier": "gold"},
    }
    return cart, promotions, context


def wire(value: Any) -> Any:
    """The request as wire JSON values (what a service would receive as text)."""
    if isinstance(value, Money):
        return value.to_dict()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [wire(v) for v in value]
    return value


def per_call_us(stmts: dict[str, Callable[[], object]], rounds: int = 9) -> dict[str, float]:
    """Best time per call of each statement, measured in interleaved rounds so that a
    change in machine load affects every statement alike."""
    timers = {name: timeit.Timer(stmt) for name, stmt in stmts.items()}
    numbers = {name: timer.autorange()[0] for name, timer in timers.items()}
    best = {name: float("inf") for name in stmts}
    for _ in range(rounds):
        for name, timer in timers.items():
            best[name] = min(best[name], timer.timeit(numbers[name]) / numbers[name])
    return {name: t * 1e6 for name, t in best.items()}


def main() -> None:
    cart, promotions, context = build()
    text = json.dumps(wire({"cart": cart, "promotions": promotions, "context": context}))
    q = o2okit.quote(cart, promotions, context)
    assert q.to_dict() == o2okit.call("quote", text)
    print(f"{len(cart['lines'])} lines, {len(promotions)} promotions -> {q!r}")
    print(f"applied: {[d.promotion_id for d in q.discounts]}, selection: {q.selection!r}")

    us = per_call_us(
        {
            "idiomatic": lambda: o2okit.quote(cart, promotions, context),
            "full": lambda: o2okit.quote(cart, promotions, context).to_dict(),
            "from_text": lambda: o2okit.quote_request(text),
            "baseline": lambda: o2okit.call("quote", text),
        }
    )
    idiomatic, full, from_text, baseline = us["idiomatic"], us["full"], us["from_text"], us["baseline"]
    print(f"o2okit.quote(cart, promotions, context)  : {idiomatic:9.1f} µs/call")
    print(f"o2okit.quote(...).to_dict()              : {full:9.1f} µs/call")
    print(f"o2okit.quote_request(json_text)          : {from_text:9.1f} µs/call")
    print(f"o2okit.call('quote', json_text) baseline : {baseline:9.1f} µs/call")
    print(f"ratio quote / call                       : {idiomatic / baseline:9.2f}x")
    print(f"ratio quote+to_dict / call               : {full / baseline:9.2f}x")


if __name__ == "__main__":
    main()
