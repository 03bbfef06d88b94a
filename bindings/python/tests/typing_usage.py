"""Type-checked (mypy --strict, by test_typing.py) against the stubs; also executed there."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from typing_extensions import assert_type

import o2okit
from o2okit import (
    Allocation,
    AllocationPart,
    Currency,
    Money,
    O2OError,
    allocate,
    call,
    currency,
)

cny: Currency = currency("CNY")
assert_type(cny.code, str)
assert_type(cny.minor_units, int)
assert_type(cny.name, str)
assert_type(Currency("JPY"), Currency)

price = Money(Decimal("12.30"), "CNY")
assert_type(price, Money)
assert_type(Money("1", cny), Money)
assert_type(Money(5, "JPY"), Money)
assert_type(price.amount, Decimal)
assert_type(price.currency, str)
assert_type(price.minor_units, int)
assert_type(price + price, Money)
assert_type(price - price, Money)
assert_type(-price, Money)
assert_type(abs(price), Money)
assert_type(price < price, bool)
assert_type(price == price, bool)
assert_type(hash(price), int)
assert_type(price.multiply(Decimal("0.5"), rounding="half_up"), Money)
assert_type(price.round_to_step("0.1"), Money)
assert_type(price.to_dict(), dict[str, str])
assert_type(Money.parse("0.125", "CNY", "half_even"), Money)
assert_type(Money.parse("1", "CNY"), Money)
assert_type(Money.from_minor(1234, "CNY"), Money)
assert_type(Money.zero(cny), Money)
assert_type(Money.from_dict({"amount": "1.00", "currency": "CNY"}), Money)

split = allocate(Money("99.99", "CNY"), [75, Decimal("25")])
assert_type(split, Allocation)
assert_type(split.total, Money)
assert_type(split.unit, Money)
assert_type(split.leftover_units, int)
assert_type(split.parts, list[AllocationPart])
assert_type(split.amounts(), list[Money])
assert_type(split.to_dict(), dict[str, Any])
part = split.parts[0]
assert_type(part.amount, Money)
assert_type(part.weight, Decimal)
assert_type(part.exact_share, Decimal)
assert_type(part.remainder, Decimal)
assert_type(part.extra_unit, bool)
assert_type(part.capped, bool)
capped = allocate(Money("100", "CNY"), ["1", "1"], caps=[Money("10", "CNY"), None], step=Decimal("0.05"))
assert_type(capped, Allocation)

assert_type(call("currency", {"code": "CNY"}), dict[str, Any])
assert_type(call("currency", '{"code": "CNY"}'), dict[str, Any])
assert_type(o2okit.FUNCTIONS, tuple[str, ...])
assert_type(o2okit.ROUNDING_MODES, tuple[str, ...])
assert_type(o2okit.ERROR_CODES, tuple[str, ...])

try:
    Money("0.125", "CNY")
except O2OError as err:
    assert_type(err.code, str)
    assert_type(err.category, str)
    assert_type(err.details, dict[str, Any])
    assert isinstance(err, ValueError)

# --- promotions -----------------------------------------------------------------------------

import json  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

from o2okit import (  # noqa: E402
    AppliedDiscount,
    DeliveryQuote,
    FundedBy,
    GiftItem,
    Hint,
    LineShare,
    PromotionError,
    Quote,
    QuotedLine,
    Rejection,
    SelectionReport,
    UnitRun,
    quote,
    quote_request,
)

cart = {"lines": [{"id": "a", "product_id": "latte", "unit_price": Money("30.00", "CNY"), "quantity": 3}]}
promotions = [{"id": "second-half", "discount": {"type": "nth_item", "n": 2, "percent": Decimal("50")},
               "funded_by": {"role": "merchant"}}]
context = {"now": datetime(2026, 11, 22, 2, 0, tzinfo=timezone.utc), "channel": "in_store"}
q = quote(cart, promotions, context)
assert_type(q, Quote)
assert_type(quote_request({"cart": cart, "promotions": promotions, "context": context}), Quote)
request_text = json.dumps(
    {"cart": cart, "promotions": promotions, "context": context},
    default=lambda v: v.to_dict() if isinstance(v, Money) else str(v) if isinstance(v, Decimal) else v.isoformat(),
)
assert_type(quote_request(request_text), Quote)
assert_type(q.subtotal, Money)
assert_type(q.discount_total, Money)
assert_type(q.total, Money)
assert_type(q.discounts, list[AppliedDiscount])
assert_type(q.delivery, "DeliveryQuote | None")
assert_type(q.lines, list[QuotedLine])
assert_type(q.gifts, list[GiftItem])
assert_type(q.rejected, list[Rejection])
assert_type(q.selection, SelectionReport)
assert_type(q.discount("second-half"), "AppliedDiscount | None")
assert_type(q.rejection("second-half"), "Rejection | None")
assert_type(q.to_dict(), dict[str, Any])
assert_type(Quote.from_dict(q.to_dict()), Quote)
d = q.discounts[0]
assert_type(d.promotion_id, str)
assert_type(d.amount, Money)
assert_type(d.funded_by, FundedBy)
assert_type(d.funded_by.party_id, "str | None")
assert_type(d.lines, list[LineShare])
assert_type(d.hint, "Hint | None")
assert d.level in ("item", "order", "delivery")
line = q.lines[0]
assert_type(line.quantity, Decimal)
assert_type(line.net, Money)
assert_type(line.units, list[UnitRun])
assert_type(line.units[0].count, int)
assert_type(q.selection.optimal, bool)
assert_type(q.selection.saving, Money)
for r in q.rejected:
    assert_type(r.params, dict[str, str])
    if r.hint is not None:
        assert_type(r.hint.at, "datetime | None")
        assert_type(r.hint.quantity, "Decimal | None")
        assert_type(r.hint.amount, "Money | None")
assert issubclass(PromotionError, O2OError)

# --- held coupons ---------------------------------------------------------------------------

from o2okit import (  # noqa: E402
    CouponProblem,
    CouponValidation,
    HeldCoupon,
    Redemption,
    redeem_coupon,
    rollback_coupon,
    validate_coupon,
)

record = {"coupon_id": "C-1", "promotion_id": "second-half", "customer_id": "alice"}
held = redeem_coupon(record, "o-1", Money("15.00", "CNY"), now=datetime(2026, 11, 22, 2, 0, tzinfo=timezone.utc), customer_id="alice")
assert_type(held, HeldCoupon)
assert_type(held.uses, int)
assert_type(held.max_uses, int)
assert_type(held.customer_id, "str | None")
assert_type(held.valid_until, "datetime | None")
assert_type(held.redemptions, list[Redemption])
assert_type(held.redemptions[0].at, datetime)
assert_type(held.redemptions[0].amount, Money)
assert_type(held.redemptions[0].released, bool)
assert_type(held.remaining("o-1"), "Money | None")
assert_type(held.to_dict(), dict[str, Any])
assert_type(HeldCoupon.from_dict(held.to_dict()), HeldCoupon)
assert_type(rollback_coupon(held, "o-1"), HeldCoupon)
assert_type(rollback_coupon(held, "o-1", Money("5.00", "CNY")), HeldCoupon)
checked = validate_coupon(record, cart, [dict(promotions[0], trigger="coupon")], dict(context, customer={"id": "alice"}))
assert_type(checked, CouponValidation)
assert_type(checked.valid, bool)
assert_type(checked.discount, "Money | None")
assert_type(checked.rejection, "Rejection | None")
assert_type(checked.problem, "CouponProblem | None")
assert checked.valid
