"""Type-checked (mypy --strict, by test_typing.py) against the stubs; also executed there."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

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

assert_type(call("currency", {"code": "CNY"}), Any)  # wire JSON: a dict, or a list for issue_batch
assert_type(call("currency", '{"code": "CNY"}'), Any)
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

# --- group-buy ------------------------------------------------------------------------------

from datetime import timedelta  # noqa: E402

from o2okit import (  # noqa: E402
    GroupBuyEffect,
    GroupBuyError,
    GroupBuyOutcome,
    GroupBuyProgress,
    GroupBuyReplay,
    GroupBuyState,
    GroupBuyStep,
    Participation,
    ProgressHint,
    Resolution,
    SimulationReport,
    SizeResult,
    Team,
    TeamProgress,
    VirtualFillReport,
    groupbuy_open,
    groupbuy_progress,
    groupbuy_replay,
    groupbuy_simulate,
    groupbuy_step,
    simulate_teams,
)

opening = datetime(2026, 11, 22, 2, 0, tzinfo=timezone.utc)
campaign = {"id": "duo", "deadline": datetime(2026, 12, 1, tzinfo=timezone.utc),
            "kind": {"type": "team_buy", "size": 2, "window_seconds": 86400, "price": Money("50.00", "CNY")},
            "vouchers_per_participant": 1}
gb_state = groupbuy_open(campaign)
assert_type(gb_state, GroupBuyState)
gb_step = groupbuy_step(gb_state, {"type": "open_team", "key": "a", "customer_id": "ann"}, opening)
assert_type(gb_step, GroupBuyStep)
assert_type(gb_step.state, GroupBuyState)
assert_type(gb_step.effects, list[GroupBuyEffect])
assert_type(gb_step.outcome, GroupBuyOutcome)
assert_type(gb_step.outcome.resolved, list[Resolution])
assert_type(gb_step.outcome.participation_id, "str | None")
assert_type(gb_step.to_dict(), dict[str, Any])
assert_type(groupbuy_step(gb_step.state.to_dict(), {"type": "tick"}, "2026-11-22T03:00:00Z"), GroupBuyStep)
effect = gb_step.effects[0]
assert_type(effect.amount, "Money | None")
assert_type(effect.count, "int | None")
assert_type(effect.virtual_fill, "VirtualFillReport | None")
assert effect.type == "charge" and effect.reason is None
gb = gb_step.state
assert gb.status == "open"
assert_type(gb.as_of, "datetime | None")
assert_type(gb.final_price, "Money | None")
assert_type(gb.teams, list[Team])
assert_type(gb.participations, list[Participation])
assert_type(gb.participation("p1"), "Participation | None")
assert_type(gb.team("t1"), "Team | None")
assert_type(gb.campaign, o2okit.GroupBuyCampaign)
assert_type(gb.campaign_id, str)
assert_type(gb.processed, list[o2okit.records.GroupBuyEvent])
assert_type(GroupBuyState.from_dict(gb.to_dict()), GroupBuyState)
assert_type(gb.teams[0].expires_at, datetime)
assert_type(gb.teams[0].members, list[str])
assert_type(gb.participations[0].price, Money)
assert_type(gb.participations[0].paid_at, "datetime | None")
replayed = groupbuy_replay(campaign, [{"at": opening, "event": {"type": "open_team", "key": "a", "customer_id": "ann"}}])
assert_type(replayed, GroupBuyReplay)
assert_type(replayed.outcomes, list[GroupBuyOutcome])
gb_progress = groupbuy_progress(replayed.state, opening + timedelta(hours=1))
assert_type(gb_progress, GroupBuyProgress)
assert_type(gb_progress.teams, list[TeamProgress])
assert_type(gb_progress.teams[0].hint, "ProgressHint | None")
assert_type(gb_progress.remaining_seconds, "int | None")
assert_type(gb_progress.current_price, "Money | None")
assert gb_progress.kind == "team_buy"
report = simulate_teams([[60, 120], [timedelta(minutes=5)], (opening, [opening + timedelta(minutes=1)])], sizes=[2, 3], window=3600,
                        virtual_fill=2, target_success_rate=Decimal("0.8"))
assert_type(report, SimulationReport)
assert_type(report.results, list[SizeResult])
assert_type(report.results[0].success_rate, Decimal)
assert_type(report.results[0].meets_target, "bool | None")
assert_type(report.largest_size_meeting_target, "int | None")
assert_type(simulate_teams([[1]], sizes=[2], window=timedelta(hours=1)), SimulationReport)
assert_type(groupbuy_simulate({"sizes": [2], "window_seconds": 60, "teams": [{"join_offsets": [1]}]}), SimulationReport)
assert issubclass(GroupBuyError, O2OError)
try:
    groupbuy_step(gb, {"type": "join", "key": "b", "customer_id": "bo", "team_id": "t9"}, opening)
except GroupBuyError as gb_err:
    assert gb_err.code == "unknown_team" and gb_err.category == "groupbuy"

# --- store assignment, membership, order intake and price parity ----------------------------

from o2okit import (  # noqa: E402
    IntakeError,
    MembershipError,
    StoreError,
    assign,
    card_apply,
    card_replay,
    normalize,
    points_redeem,
    points_replay,
    price_parity,
)

yuan = Money("1.00", "CNY")
milk_store = {"id": "A", "location": {"lat": 31.2412, "lng": 121.4737}, "area": {"type": "radius", "radius_m": 3000}}
milk_order = {"location": {"lat": 31.2304, "lng": 121.4737}, "items": [{"product_id": "milk", "quantity": 2}]}
assignment = assign(milk_order, [milk_store], opening)
assert_type(assignment, o2okit.Assignment)
assert_type(assignment.chosen[0].store_id, str)
assert_type(assignment.fee, "Money | None")
assert assignment.chosen[0].store_id == "A"
assert_type(assign(milk_order, (s for s in [milk_store]), "2026-03-02T10:00:00+08:00", {"explain": "nearby"}), o2okit.Assignment)

card = {"id": "c1", "currency": "CNY"}
topped = card_replay(card, [{"at": opening, "event": {"type": "top_up", "amount": yuan}}], rules={"bonus_tiers": []})
assert_type(topped, o2okit.CardReplay)
assert_type(topped.card.principal, Money)
assert_type(card_apply(topped.card, {"type": "spend", "order_id": "o1", "amount": yuan}, opening), o2okit.CardStep)
program = {"earn": [{"type": "per_visit", "points": 5}], "expiry": {"months_after": 6, "at": "end_of_month"},
           "time_zone": "Asia/Shanghai", "point_value": Money("0.01", "CNY")}
points = points_replay(program, [{"at": opening, "event": {"type": "earn", "amount": yuan}}], until=opening)
assert_type(points, o2okit.PointsReplay)
assert_type(points.state.lots[0].expires_at, "datetime | None")
assert_type(points_redeem(points.state, program, 5, opening, order_id="o1"), o2okit.PointsRedemption)

counter = {"receipt_no": "r-1", "store_id": "s-1", "cashier_id": "staff-1", "rung_at": opening,
           "items": [{"sku": "tea", "qty": Decimal("1"), "price": yuan}],
           "tender": {"method": "cash", "received": Money("5.00", "CNY"), "change": Money("4.00", "CNY")}}
intake = normalize("store_counter", counter)
assert_type(intake, o2okit.Intake)
assert_type(normalize("store_counter", counter, [{"id": intake.order.id, "fingerprint": intake.fingerprint}]),
            o2okit.Intake)
parity = price_parity([{"product_id": "tea", "channel": "in_store", "price": yuan}], tolerance={"percent": Decimal("2")},
                      reference="in_store")
assert_type(parity, o2okit.ParityReport)
for error_class in (StoreError, MembershipError, IntakeError):
    assert issubclass(error_class, O2OError) and issubclass(error_class, ValueError)
try:
    card_replay(card, [{"at": opening, "event": {"type": "spend", "order_id": "o1", "amount": yuan}}])
except MembershipError as membership_err:
    assert_type(membership_err.code, str)
    assert membership_err.code == "insufficient_balance" and membership_err.details["event_index"] == 0

# --- voucher codes and the four flows -------------------------------------------------------

from o2okit import (  # noqa: E402
    FlowError,
    VoucherError,
    classify,
    flow_definition,
    issue_code,
    issue_codes,
    verify_code,
)

voucher_key = bytes(range(32))
voucher_scope = {"store_id": "S1", "deal_id": "hotpot-for-2", "expires_at": opening}
issued = issue_code(voucher_key, 42, scope=voucher_scope)
assert_type(issued, o2okit.VoucherCode)
assert_type(issued.code, str)
assert_type(issue_code(voucher_key.hex(), 42, spec={"digits": 8, "serial_digits": 8, "check": "luhn"}), o2okit.VoucherCode)
batch = issue_codes(bytearray(voucher_key), 40, 3, scope=voucher_scope)
assert_type(batch, list[o2okit.VoucherCode])
assert batch[2] == issued
check = verify_code(voucher_key, issued.code, "2026-03-01T10:00:00+08:00", scope=voucher_scope)
assert_type(check, o2okit.Verification)
assert_type(check.reason, "Literal['bad_check_digit', 'mismatch', 'expired'] | None")
assert check.valid and check.serial == 42

journey: list[dict[str, Any]] = [
    {"channel": "online", "stage": "marketing", "at": opening},
    {"channel": "online", "stage": "transaction", "at": "2026-11-22T11:00:00+08:00"},
]
classification = classify(journey)
assert_type(classification, o2okit.Classification)
assert classification.result == "incomplete"
assert_type(flow_definition("online_to_offline"), o2okit.FlowDefinition)
for new_error_class in (VoucherError, FlowError):
    assert issubclass(new_error_class, O2OError) and issubclass(new_error_class, ValueError)
try:
    issue_code(b"short", 1)
except VoucherError as voucher_err:
    assert_type(voucher_err.code, str)
    assert voucher_err.code == "invalid_voucher_key" and voucher_err.category == "voucher"
