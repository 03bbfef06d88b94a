"""Type stubs of the native module ``o2okit._o2okit`` (re-exported by ``o2okit``)."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, ClassVar, Literal, final

from typing_extensions import TypeAlias

__all__ = [
    "__version__",
    "O2OError",
    "CurrencyError",
    "MoneyError",
    "AllocationError",
    "PromotionError",
    "GroupBuyError",
    "SplitError",
    "StoreError",
    "MembershipError",
    "IntakeError",
    "VoucherError",
    "FlowError",
    "LifecycleError",
    "InputError",
    "Currency",
    "Money",
    "Allocation",
    "AllocationPart",
    "Quote",
    "AppliedDiscount",
    "LineShare",
    "FundedBy",
    "DeliveryQuote",
    "QuotedLine",
    "UnitRun",
    "GiftItem",
    "Rejection",
    "Hint",
    "SelectionReport",
    "currency",
    "allocate",
    "call",
    "quote",
    "quote_request",
    "HeldCoupon",
    "Redemption",
    "CouponValidation",
    "CouponProblem",
    "redeem_coupon",
    "rollback_coupon",
    "validate_coupon",
    "GroupBuyState",
    "Team",
    "Participation",
    "VirtualFillReport",
    "GroupBuyEffect",
    "Resolution",
    "GroupBuyOutcome",
    "GroupBuyStep",
    "GroupBuyReplay",
    "ProgressHint",
    "TeamProgress",
    "GroupBuyProgress",
    "SizeResult",
    "SimulationReport",
    "groupbuy_open",
    "groupbuy_step",
    "groupbuy_replay",
    "groupbuy_progress",
    "groupbuy_simulate",
    "simulate_teams",
    "FUNCTIONS",
    "ROUNDING_MODES",
    "ERROR_CODES",
]

__version__: str

#: Wire names of the functions `call` knows.
FUNCTIONS: tuple[str, ...]
#: Rounding mode names: half_even (the default), half_up, half_down, up, down, ceiling, floor.
ROUNDING_MODES: tuple[str, ...]
#: Every stable error code.
ERROR_CODES: tuple[str, ...]

class O2OError(ValueError):
    """Base class of every o2okit error."""

    #: Stable machine-readable code, one of `ERROR_CODES`.
    code: str
    #: "currency", "money", "allocation", "promotion", "groupbuy", "split", "store",
    #: "membership", "intake", "voucher", "flow", "lifecycle" or "input".
    category: str
    #: ``{"code": ..., "category": ..., "message": ...}``; an error of a replayed event log
    #: (`groupbuy_replay`, `card_replay`, `points_replay`, `voucher_order_replay`,
    #: `store_order_replay`) also has ``"event_index"``, the
    #: zero-based position of the event.
    details: dict[str, Any]

class CurrencyError(O2OError):
    """Unknown currency or currency mismatch."""

class MoneyError(O2OError):
    """Bad amount: decimals, range, rounding step, float given for money."""

class AllocationError(O2OError):
    """Bad weights or caps for an allocation."""

class PromotionError(O2OError):
    """A promotion or held coupon cannot be used: unknown time zone, coupon exhausted or not
    usable, redemption conflicts."""

class SplitError(O2OError):
    """A revenue split was refused (``invalid_plan``, ``invalid_order``, ``missing_party``,
    ``split_exceeds_total``, ``refund_exceeds_paid``, ``invalid_attribution``,
    ``too_many_channels``, ``invalid_binding``, ``invalid_pool``)."""

class StoreError(O2OError):
    """A store assignment was refused (``invalid_store``: duplicate or empty store id, zero
    radius, empty or degenerate polygon, bad opening hours, negative fee, an order without
    lines or with a zero quantity; ``invalid_location``: a latitude or longitude that is not
    finite or out of range)."""

class MembershipError(O2OError):
    """A stored-value card or points event was rejected (``insufficient_balance``,
    ``card_closed``, ``balance_limit_exceeded``, ``spend_not_found``,
    ``refund_exceeds_spend``, ``insufficient_points``, ``events_out_of_order``,
    ``invalid_membership``). From `card_replay` and `points_replay`,
    ``details["event_index"]`` is the rejected event's position."""

class IntakeError(O2OError):
    """An order from a source channel or a price-parity check was refused
    (``invalid_source_order``, ``amounts_do_not_reconcile``, ``conflicting_duplicate``,
    ``invalid_parity_check``)."""

class VoucherError(O2OError):
    """A voucher code could not be issued or checked (``invalid_voucher_key``: not hex or
    shorter than 16 bytes; ``invalid_voucher_spec``: digits, serial width, a serial wider than
    its digits, a batch over 100,000; ``invalid_voucher_scope``: an empty or over-long store or
    deal id; ``invalid_voucher_code``: a code that is not digits or not the spec's length). A
    well-formed code that does not verify is a result (``valid: False`` with a ``reason``),
    not an error."""

class FlowError(O2OError):
    """A journey given to flow classification was refused (``invalid_journey``: an empty
    party role or id, id or label, a repeated touchpoint id, more than 10,000 touchpoints)."""

class LifecycleError(O2OError):
    """An order-lifecycle command was rejected (``command_not_allowed``: a terminal status,
    the wrong actor or a command the status does not take; ``store_not_allowed``,
    ``outside_validity``, ``no_uses_left``, ``reversal_window_passed``, ``already_settled``,
    ``already_reversed``, ``refund_not_allowed``, ``unknown_voucher``, ``unknown_redemption``,
    ``amount_mismatch``, ``invalid_deal``; for store orders ``invalid_store_order_policy``,
    ``unknown_channel``, ``no_store_available``). From `voucher_order_replay` and
    `store_order_replay`, ``details["event_index"]`` is the rejected command's position."""

class GroupBuyError(O2OError):
    """A group-buy event was rejected (``campaign_ended``, ``campaign_not_started``,
    ``deadline_passed``, ``team_expired``, ``team_ended``, ``team_full``, ``campaign_full``,
    ``customer_limit_reached``, ``already_member``, ``unknown_team``,
    ``unknown_participation``, ``participation_not_pending``, ``participation_not_active``,
    ``payment_mismatch``, ``idempotency_conflict``, ``time_out_of_order``,
    ``event_not_allowed``) or a simulation is too large (``simulation_too_large``). From
    `groupbuy_replay`, ``details["event_index"]`` is the rejected event's position."""

class InputError(O2OError):
    """Input that could not be decoded (unknown field, bad JSON), an inconsistent cart,
    promotion or context (``invalid_input``, ``duplicate_id``, ``invalid_quantity``,
    ``too_many_units``; a naive ``datetime`` is ``invalid_input``), or an unknown function."""

@final
class Currency:
    """An active ISO 4217 currency; unknown codes raise `CurrencyError`."""

    def __new__(cls, code: str) -> Currency: ...
    @property
    def code(self) -> str: ...
    @property
    def minor_units(self) -> int: ...
    @property
    def name(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def currency(code: str) -> Currency:
    """Look up an ISO 4217 currency by code (case-insensitive)."""

@final
class Money:
    """An exact amount in one currency, held at the currency's scale.

    Amounts are `Decimal`, `int` or `str`; a `float` raises `MoneyError` (code
    ``number_for_money``).
    """

    def __new__(cls, amount: Decimal | str | int, currency: str | Currency) -> Money: ...
    @classmethod
    def parse(
        cls,
        s: str | Decimal | int,
        currency: str | Currency,
        rounding: str | None = None,
    ) -> Money: ...
    @classmethod
    def from_minor(cls, units: int, currency: str | Currency) -> Money: ...
    @classmethod
    def zero(cls, currency: str | Currency) -> Money: ...
    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Money: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def minor_units(self) -> int: ...
    def multiply(self, factor: Decimal | str | int, rounding: str = "half_even") -> Money: ...
    def round_to_step(self, step: Decimal | str | int, rounding: str = "half_even") -> Money: ...
    def to_dict(self) -> dict[str, str]: ...
    def __add__(self, other: Money, /) -> Money: ...
    def __sub__(self, other: Money, /) -> Money: ...
    def __radd__(self, other: Money, /) -> Money: ...
    def __rsub__(self, other: Money, /) -> Money: ...
    def __neg__(self) -> Money: ...
    def __pos__(self) -> Money: ...
    def __abs__(self) -> Money: ...
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __lt__(self, other: Money, /) -> bool: ...
    def __le__(self, other: Money, /) -> bool: ...
    def __gt__(self, other: Money, /) -> bool: ...
    def __ge__(self, other: Money, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class AllocationPart:
    """One party's part of an `Allocation`, with its explanation."""

    @property
    def amount(self) -> Money: ...
    @property
    def weight(self) -> Decimal: ...
    @property
    def exact_share(self) -> Decimal: ...
    @property
    def remainder(self) -> Decimal: ...
    @property
    def extra_unit(self) -> bool: ...
    @property
    def capped(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Allocation:
    """The result of `allocate`: one part per weight, in the same order."""

    @property
    def total(self) -> Money: ...
    @property
    def unit(self) -> Money: ...
    @property
    def leftover_units(self) -> int: ...
    @property
    def parts(self) -> list[AllocationPart]: ...
    def amounts(self) -> list[Money]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def allocate(
    total: Money,
    weights: Sequence[Decimal | int | str],
    *,
    caps: Sequence[Money | None] | None = None,
    step: Decimal | str | int | None = None,
) -> Allocation:
    """Split `total` by `weights` with the largest remainder method; parts add up to `total`."""

def call(function: str, input: str | Mapping[str, Any]) -> dict[str, Any]:
    """The wire-level dispatcher: JSON text or Python values in, wire JSON (as a dict) out."""

# --- promotions -----------------------------------------------------------------------------

#: Wire-shaped input (a cart, a promotion, a context): a mapping whose values may be Python
#: values (`Money`, `Decimal`, `int`, `str`, aware `datetime`, lists, mappings, bool, None).
_WireInput: TypeAlias = Mapping[str, Any]

_Level: TypeAlias = Literal["item", "order", "delivery"]
_Base: TypeAlias = Literal["discounted", "original"]
_DiscountKind: TypeAlias = Literal[
    "percent_off_items",
    "amount_off_items",
    "fixed_price",
    "nth_item",
    "buy_x_get_y",
    "member_price",
    "percent_off_order",
    "amount_off_order",
    "no_threshold",
    "threshold",
    "repeating",
    "delivery",
    "gift",
]
_ReasonCode: TypeAlias = Literal[
    "not_started",
    "expired",
    "not_in_time_slot",
    "wrong_channel",
    "wrong_store",
    "not_first_order",
    "member_tier_required",
    "usage_limit_reached",
    "per_customer_limit_reached",
    "not_targetable",
    "min_quantity_not_met",
    "min_spend_not_met",
    "nothing_to_discount",
    "stopped_by_prior_discount",
    "lost_to_better_combination",
    "excluded_by_exclusive",
    "not_selected",
    "search_bound_reached",
]
_HintCode: TypeAlias = Literal["add_amount", "add_items", "wait_until"]
_SelectionMode: TypeAlias = Literal["best_for_customer", "explicit"]

@final
class FundedBy:
    """Who pays for a discount or a gift: a role (``platform``, ``merchant``, ...) and
    optionally the paying party."""

    @property
    def role(self) -> str: ...
    @property
    def party_id(self) -> str | None: ...
    def to_dict(self) -> dict[str, str]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Hint:
    """What would make a promotion apply (or an upsell on an applied one)."""

    @property
    def code(self) -> _HintCode: ...
    #: For ``add_amount``: how much more to spend.
    @property
    def amount(self) -> Money | None: ...
    #: For ``add_items``: how many more units.
    @property
    def quantity(self) -> Decimal | None: ...
    #: For ``wait_until``: when it becomes valid (aware, with the wire's fixed UTC offset).
    @property
    def at(self) -> datetime | None: ...
    @property
    def message(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class LineShare:
    """A discount's share on one line (shares of a discount sum exactly to its amount)."""

    @property
    def line_id(self) -> str: ...
    @property
    def amount(self) -> Money: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class AppliedDiscount:
    """One applied discount, with its payer and the lines it touched."""

    @property
    def promotion_id(self) -> str: ...
    @property
    def kind(self) -> _DiscountKind: ...
    @property
    def level(self) -> _Level: ...
    #: The amount taken off (for a delivery discount, off the delivery fee).
    @property
    def amount(self) -> Money: ...
    @property
    def funded_by(self) -> FundedBy: ...
    @property
    def base(self) -> _Base: ...
    @property
    def lines(self) -> list[LineShare]: ...
    #: An upsell, e.g. "add 30.00 more to get 50.00 off".
    @property
    def hint(self) -> Hint | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class DeliveryQuote:
    """The delivery fee, its discount and what is charged."""

    @property
    def fee(self) -> Money: ...
    @property
    def discount(self) -> Money: ...
    @property
    def charged(self) -> Money: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class UnitRun:
    """``count`` consecutive units of a line with the same net price."""

    @property
    def count(self) -> int: ...
    @property
    def net(self) -> Money: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class QuotedLine:
    """One line of a quote: original, discount and net, and net prices per unit."""

    @property
    def line_id(self) -> str: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def original(self) -> Money: ...
    @property
    def discount(self) -> Money: ...
    @property
    def net(self) -> Money: ...
    @property
    def units(self) -> list[UnitRun]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class GiftItem:
    """A free gift added by a promotion (its value does not change the total)."""

    @property
    def promotion_id(self) -> str: ...
    @property
    def product_id(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def value(self) -> Money: ...
    @property
    def funded_by(self) -> FundedBy: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Rejection:
    """Why one promotion did not apply, with a hint where something would make it apply."""

    @property
    def promotion_id(self) -> str: ...
    @property
    def reason(self) -> _ReasonCode: ...
    #: The reason's parameters (``required``, ``actual``, ``by``, ...), as wire strings.
    @property
    def params(self) -> dict[str, str]: ...
    @property
    def hint(self) -> Hint | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SelectionReport:
    """How the applied combination was chosen."""

    @property
    def mode(self) -> _SelectionMode: ...
    #: Whether the combination is proven to save the most (false when the search hit its bound).
    @property
    def optimal(self) -> bool: ...
    @property
    def candidates(self) -> int: ...
    @property
    def evaluations(self) -> int: ...
    #: The customer's saving: discounts, delivery discounts and gift values.
    @property
    def saving(self) -> Money: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Quote:
    """A priced cart (read-only): ``total = subtotal - discount_total + delivery.charged``."""

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Quote:
        """Build from the wire shape of a quote (e.g. ``quote.to_dict()`` stored as JSON)."""
    @property
    def subtotal(self) -> Money: ...
    @property
    def discount_total(self) -> Money: ...
    @property
    def total(self) -> Money: ...
    @property
    def discounts(self) -> list[AppliedDiscount]: ...
    @property
    def delivery(self) -> DeliveryQuote | None: ...
    @property
    def lines(self) -> list[QuotedLine]: ...
    @property
    def gifts(self) -> list[GiftItem]: ...
    @property
    def rejected(self) -> list[Rejection]: ...
    @property
    def selection(self) -> SelectionReport: ...
    def discount(self, promotion_id: str) -> AppliedDiscount | None:
        """The applied discount of a promotion, or None."""
    def rejection(self, promotion_id: str) -> Rejection | None:
        """Why a promotion did not apply, or None (also None when it applied)."""
    def to_dict(self) -> dict[str, Any]:
        """Exactly the wire JSON of the quote (decimals as strings)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def quote(
    cart: _WireInput,
    promotions: Sequence[_WireInput],
    context: _WireInput,
) -> Quote:
    """Price `cart` under `promotions` in `context`.

    Inputs are the wire shapes with Python values: money as `Money` (or a wire money dict
    with a `Decimal`/`str` amount), decimals as `Decimal`/`int`/`str`, times as aware
    `datetime` (naive ones raise `InputError`, code ``invalid_input``). A `float` is
    rejected by the core (``number_for_money`` for money, ``invalid_decimal`` otherwise).
    """

def quote_request(request: _WireInput | str) -> Quote:
    """`quote` on one request ``{"cart", "promotions", "context"}``, a mapping or JSON text."""

# --- held coupons ---------------------------------------------------------------------------

@final
class Redemption:
    """One order's use of a held coupon; it counts as a use until ``released``."""

    @property
    def order_id(self) -> str: ...
    #: The discount the coupon gave on that order.
    @property
    def amount(self) -> Money: ...
    #: The discount returned so far (never above ``amount``).
    @property
    def rolled_back(self) -> Money: ...
    #: When it was redeemed (aware, with the wire's fixed UTC offset).
    @property
    def at(self) -> datetime: ...
    @property
    def released(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class HeldCoupon:
    """A coupon a customer holds and every order that redeemed it: a record the caller
    stores (``to_dict()`` / ``from_dict()``); read-only, the lifecycle functions return a
    new record."""

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> HeldCoupon:
        """Build from the wire shape; Python values (Money, aware datetime) are accepted."""
    @property
    def coupon_id(self) -> str: ...
    @property
    def promotion_id(self) -> str: ...
    #: The owner; None for a bearer coupon.
    @property
    def customer_id(self) -> str | None: ...
    @property
    def max_uses(self) -> int: ...
    @property
    def valid_until(self) -> datetime | None: ...
    @property
    def redemptions(self) -> list[Redemption]: ...
    #: The redemptions that still count (not released by a rollback).
    @property
    def uses(self) -> int: ...
    def remaining(self, order_id: str) -> Money | None:
        """What a rollback of `order_id` could still return; None if it never redeemed."""
    def validate(self) -> None:
        """Raise `InputError` (``invalid_input``) if the record is inconsistent."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class CouponProblem:
    """Why a held coupon itself cannot be used (``coupon_exhausted``, ``coupon_not_usable``)."""

    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    def to_dict(self) -> dict[str, str]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class CouponValidation:
    """Whether a held coupon would apply to an order, and for how much."""

    @property
    def coupon_id(self) -> str: ...
    @property
    def promotion_id(self) -> str: ...
    @property
    def valid(self) -> bool: ...
    #: The discount it would give (with the automatic offers beside it), when valid.
    @property
    def discount(self) -> Money | None: ...
    #: Why its promotion would not apply to this cart.
    @property
    def rejection(self) -> Rejection | None: ...
    #: Why the coupon itself cannot be used (expired, another owner, no uses left).
    @property
    def problem(self) -> CouponProblem | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def redeem_coupon(
    coupon: HeldCoupon | _WireInput,
    order_id: str,
    amount: Money | _WireInput,
    *,
    now: datetime | str,
    customer_id: str | None = None,
) -> HeldCoupon:
    """Record that `order_id` used `coupon` for a discount of `amount` at `now` and return
    the new record. Idempotent per order id: a retry with the same amount returns an equal
    record; another amount raises `PromotionError` (``redemption_conflict``)."""

def rollback_coupon(
    coupon: HeldCoupon | _WireInput,
    order_id: str,
    amount: Money | _WireInput | None = None,
) -> HeldCoupon:
    """Give back the discount of `order_id`'s redemption: all of it (``amount=None``,
    releasing the use) or a part; returns the new record."""

def validate_coupon(
    coupon: HeldCoupon | _WireInput,
    cart: _WireInput,
    promotions: Sequence[_WireInput],
    context: _WireInput,
) -> CouponValidation:
    """Would `coupon` apply to this order (usable by the context's customer at its ``now``,
    and its promotion applying with only this coupon selected), and for how much? Pure."""

# --- order lifecycles (the wrappers in o2okit._lifecycle take and return wire dicts) ---------

#: Who may issue a lifecycle command (`LifecycleActor`).
_LifecycleActor: TypeAlias = Literal["customer", "staff", "platform", "scheduler", "logistics"]
_VoucherOrderStatus: TypeAlias = Literal[
    "created", "issued", "partially_redeemed", "redeemed", "refunded", "expired", "closed"
]
_VoucherOrderCommandType: TypeAlias = Literal["pay", "redeem", "reverse", "refund", "expire", "settle"]
_VoucherOrderEffectType: TypeAlias = Literal[
    "charge", "issue_voucher", "redeemed", "reversed", "refund", "breakage", "settle"
]
#: A store order's status (flows 2, 3 and 4); `cancelled`, `voided` and `refunded` are terminal.
_StoreOrderStatus: TypeAlias = Literal[
    "created",
    "received",
    "in_preparation",
    "ready",
    "out_for_delivery",
    "completed",
    "closed",
    "cancelled",
    "voided",
    "refunded",
]
_StoreOrderCommandType: TypeAlias = Literal[
    "touch", "place", "accept", "ready", "dispatch", "complete", "settle", "cancel", "void", "refund"
]
_StoreOrderEffectType: TypeAlias = Literal[
    "bind", "assign_store", "charge", "completed", "settle", "refund", "clawback"
]
_Fulfilment: TypeAlias = Literal["delivery", "pickup", "dine_in"]
_SalesChannelKind: TypeAlias = Literal["own_app", "mini_program", "third_party"]
_Handover: TypeAlias = Literal["picked_up", "delivered", "served"]

# --- group-buy ------------------------------------------------------------------------------

_GroupBuyStatus: TypeAlias = Literal["open", "succeeded", "failed", "cancelled", "closed"]
_ParticipationStatus: TypeAlias = Literal["pending", "paid", "left", "lapsed", "refunded"]
_FailureReason: TypeAlias = Literal["below_minimum", "expired", "closed", "cancelled", "everyone_left"]
_GroupBuyKind: TypeAlias = Literal["tipping_point", "team_buy", "ladder"]
_EffectType: TypeAlias = Literal[
    "charge",
    "void_charge",
    "refund_full",
    "refund_difference",
    "issue_vouchers",
    "notify_success",
    "notify_failure",
]
_OutcomeKind: TypeAlias = Literal[
    "opened_team", "joined", "left", "paid", "cancelled", "closed", "ticked", "duplicate"
]
_ProgressHintCode: TypeAlias = Literal[
    "not_started",
    "people_needed",
    "next_tier",
    "lowest_price",
    "deal_on",
    "full",
    "awaiting_payment",
    "ended",
]
#: A time: an aware `datetime` (a naive one raises `InputError`) or an RFC 3339 string.
_Time: TypeAlias = datetime | str
#: A join in `simulate_teams`: seconds after the opening (`int` or `timedelta`) or, in an
#: ``(opened_at, joins)`` pair, an aware `datetime`.
_Join: TypeAlias = int | timedelta | datetime
_SimulatedTeam: TypeAlias = Iterable[int | timedelta] | tuple[datetime, Iterable[_Join]]

@final
class VirtualFillReport:
    """How a virtually filled team was completed: ``real`` paid members and ``filled``
    places the platform filled (``real + filled`` is the team size)."""

    @property
    def real(self) -> int: ...
    @property
    def filled(self) -> int: ...
    def to_dict(self) -> dict[str, int]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Participation:
    """One place taken by one customer (``p1``, ``p2``, ... in the order places were taken)."""

    @property
    def id(self) -> str: ...
    @property
    def customer_id(self) -> str: ...
    #: The team (team buy); None in a tipping point or ladder.
    @property
    def team_id(self) -> str | None: ...
    #: The amount charged when the place was taken.
    @property
    def price(self) -> Money: ...
    @property
    def status(self) -> _ParticipationStatus: ...
    @property
    def joined_at(self) -> datetime: ...
    @property
    def paid_at(self) -> datetime | None: ...
    #: What was refunded (in full, or a ladder difference).
    @property
    def refunded(self) -> Money | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Team:
    """One team of a team buy (``t1``, ``t2``, ... in opening order)."""

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> _GroupBuyStatus: ...
    @property
    def opened_at(self) -> datetime: ...
    #: ``opened_at + window``: the team takes members while ``now < expires_at``.
    @property
    def expires_at(self) -> datetime: ...
    #: The leader's participation id; None once everyone left.
    @property
    def leader(self) -> str | None: ...
    #: Every participation that joined, in order (also those that left).
    @property
    def members(self) -> list[str]: ...
    @property
    def ended_at(self) -> datetime | None: ...
    @property
    def failure_reason(self) -> _FailureReason | None: ...
    @property
    def virtual_fill(self) -> VirtualFillReport | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class GroupBuyState:
    """The whole state of a campaign: a value you store (``to_dict()`` /
    ``GroupBuyState.from_dict()``) and pass to the next `groupbuy_step`. Read-only."""

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> GroupBuyState:
        """Build from the wire shape (e.g. a stored state); Python values are accepted."""
    @property
    def campaign_id(self) -> str: ...
    #: The campaign definition, as wire JSON.
    @property
    def campaign(self) -> dict[str, Any]: ...
    @property
    def status(self) -> _GroupBuyStatus: ...
    #: The time of the last applied event.
    @property
    def as_of(self) -> datetime | None: ...
    @property
    def ended_at(self) -> datetime | None: ...
    @property
    def failure_reason(self) -> _FailureReason | None: ...
    #: The ladder's final price, once it succeeded.
    @property
    def final_price(self) -> Money | None: ...
    @property
    def teams(self) -> list[Team]: ...
    @property
    def participations(self) -> list[Participation]: ...
    #: The applied commands (with their idempotency keys), as wire JSON.
    @property
    def processed(self) -> list[dict[str, Any]]: ...
    def participation(self, id: str) -> Participation | None:
        """The participation with this id, or None."""
    def team(self, id: str) -> Team | None:
        """The team with this id, or None."""
    def to_dict(self) -> dict[str, Any]:
        """Exactly the wire JSON of the state."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class GroupBuyEffect:
    """One thing to do after a step, by `type`; fields the type does not have are None.

    - ``charge``: ``participation_id``, ``customer_id``, ``team_id``, ``amount``;
    - ``void_charge``, ``refund_full``: ``participation_id``, ``customer_id``, ``amount``;
    - ``refund_difference``: ``participation_id``, ``customer_id``, ``paid``,
      ``final_price``, ``amount`` (``paid - final_price``);
    - ``issue_vouchers``: ``participation_id``, ``customer_id``, ``count``;
    - ``notify_success``: ``team_id``, ``participants``, ``virtual_fill``, ``final_price``;
    - ``notify_failure``: ``team_id``, ``reason``.
    """

    @property
    def type(self) -> _EffectType: ...
    @property
    def participation_id(self) -> str | None: ...
    @property
    def customer_id(self) -> str | None: ...
    @property
    def team_id(self) -> str | None: ...
    @property
    def amount(self) -> Money | None: ...
    @property
    def paid(self) -> Money | None: ...
    @property
    def final_price(self) -> Money | None: ...
    @property
    def count(self) -> int | None: ...
    @property
    def participants(self) -> int | None: ...
    @property
    def virtual_fill(self) -> VirtualFillReport | None: ...
    @property
    def reason(self) -> _FailureReason | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Resolution:
    """A deal, a team or the campaign that ended in a step."""

    #: The team; None for the campaign (or its deal).
    @property
    def team_id(self) -> str | None: ...
    @property
    def status(self) -> _GroupBuyStatus: ...
    @property
    def reason(self) -> _FailureReason | None: ...
    @property
    def virtual_fill(self) -> VirtualFillReport | None: ...
    @property
    def final_price(self) -> Money | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class GroupBuyOutcome:
    """What an accepted event did."""

    @property
    def kind(self) -> _OutcomeKind: ...
    #: For a ``duplicate``: the repeated key.
    @property
    def key(self) -> str | None: ...
    @property
    def participation_id(self) -> str | None: ...
    @property
    def team_id(self) -> str | None: ...
    #: After a leader left: the participation that became leader.
    @property
    def new_leader(self) -> str | None: ...
    #: Deals, teams and the campaign that ended in this step.
    @property
    def resolved(self) -> list[Resolution]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class GroupBuyStep:
    """The result of `groupbuy_step`."""

    #: The state after the event (equal to the one given for a ``duplicate``).
    @property
    def state(self) -> GroupBuyState: ...
    #: What to do, in order.
    @property
    def effects(self) -> list[GroupBuyEffect]: ...
    @property
    def outcome(self) -> GroupBuyOutcome: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class GroupBuyReplay:
    """The result of `groupbuy_replay`."""

    @property
    def state(self) -> GroupBuyState: ...
    #: Every effect of every event, in order.
    @property
    def effects(self) -> list[GroupBuyEffect]: ...
    #: One outcome per event, in order.
    @property
    def outcomes(self) -> list[GroupBuyOutcome]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class ProgressHint:
    """What to tell the customer: ``"2 more people needed within 3 h 12 min"``."""

    @property
    def code(self) -> _ProgressHintCode: ...
    @property
    def message(self) -> str: ...
    @property
    def needed(self) -> int | None: ...
    @property
    def remaining_seconds(self) -> int | None: ...
    @property
    def price(self) -> Money | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class TeamProgress:
    """Where one team stands (counts are places held, paid or awaiting payment)."""

    @property
    def team_id(self) -> str: ...
    @property
    def status(self) -> _GroupBuyStatus: ...
    @property
    def leader(self) -> str | None: ...
    @property
    def count(self) -> int: ...
    @property
    def paid(self) -> int: ...
    @property
    def pending(self) -> int: ...
    @property
    def size(self) -> int: ...
    @property
    def needed(self) -> int: ...
    @property
    def percent(self) -> int: ...
    @property
    def remaining_seconds(self) -> int | None: ...
    @property
    def virtual_fill(self) -> VirtualFillReport | None: ...
    @property
    def hint(self) -> ProgressHint | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class GroupBuyProgress:
    """Where a campaign stands at ``now``, for a progress bar."""

    @property
    def campaign_id(self) -> str: ...
    @property
    def kind(self) -> _GroupBuyKind: ...
    #: The status at ``now`` (as if a ``tick`` had been applied).
    @property
    def status(self) -> _GroupBuyStatus: ...
    @property
    def now(self) -> datetime: ...
    #: Places held (paid or awaiting payment) over the campaign.
    @property
    def count(self) -> int: ...
    @property
    def paid(self) -> int: ...
    @property
    def pending(self) -> int: ...
    #: Places the deal needs (None for a team buy: see ``teams``).
    @property
    def target(self) -> int | None: ...
    @property
    def needed(self) -> int | None: ...
    @property
    def percent(self) -> int | None: ...
    #: Whole seconds until the deadline; None once ended.
    @property
    def remaining_seconds(self) -> int | None: ...
    @property
    def current_price(self) -> Money | None: ...
    #: What the next place would be charged.
    @property
    def join_price(self) -> Money | None: ...
    #: The ladder's next lower price and the count where it applies.
    @property
    def next_price(self) -> Money | None: ...
    @property
    def next_tier_at(self) -> int | None: ...
    @property
    def final_price(self) -> Money | None: ...
    @property
    def hint(self) -> ProgressHint | None: ...
    @property
    def teams(self) -> list[TeamProgress]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SizeResult:
    """How teams of one size would have done."""

    @property
    def size(self) -> int: ...
    #: Teams that succeeded, virtual fills included.
    @property
    def succeeded(self) -> int: ...
    @property
    def virtually_filled(self) -> int: ...
    @property
    def failed(self) -> int: ...
    #: ``succeeded / teams`` rounded down to 4 decimals (``Decimal('0.8000')``).
    @property
    def success_rate(self) -> Decimal: ...
    #: With a target: whether the exact rate meets it.
    @property
    def meets_target(self) -> bool | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SimulationReport:
    """The answer of `simulate_teams` / `groupbuy_simulate`."""

    #: Teams simulated.
    @property
    def teams(self) -> int: ...
    #: One result per size, in the order asked.
    @property
    def results(self) -> list[SizeResult]: ...
    #: With a target: the largest size whose success rate meets it, or None.
    @property
    def largest_size_meeting_target(self) -> int | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def groupbuy_open(campaign: _WireInput) -> GroupBuyState:
    """Validate a campaign (wire shape with Python values: prices as `Money`, times as aware
    `datetime`) and return its initial state."""

def groupbuy_step(state: GroupBuyState | _WireInput, event: _WireInput, now: _Time) -> GroupBuyStep:
    """Apply one event (``{"type": "join", "key": ..., "customer_id": ..., "team_id": ...}``)
    at `now`; returns the new state, the effects and the outcome. Pure: `state` is not
    changed and nothing is applied on an error (`GroupBuyError` for a rejected event)."""

def groupbuy_replay(campaign: _WireInput, events: Sequence[_WireInput]) -> GroupBuyReplay:
    """Replay an event log ``[{"at": datetime, "event": {...}}, ...]`` (in time order) from the
    campaign's opening. The first rejected event raises with ``details["event_index"]``."""

def groupbuy_progress(state: GroupBuyState | _WireInput, now: _Time) -> GroupBuyProgress:
    """Where a campaign stands at `now` (read-only)."""

def groupbuy_simulate(request: _WireInput | str) -> SimulationReport:
    """The wire function ``groupbuy.simulate`` on ``{"sizes", "window_seconds",
    "virtual_fill"?, "target_success_rate"?, "teams"}``, a mapping or JSON text."""

def simulate_teams(
    teams: Iterable[_SimulatedTeam],
    *,
    sizes: Sequence[int],
    window: int | timedelta,
    virtual_fill: int | Mapping[str, int] | None = None,
    target_success_rate: Decimal | str | int | None = None,
) -> SimulationReport:
    """Simulate team buys of several sizes over observed teams ("what team size makes 80% of
    teams succeed?"), in one call of the core.

    Each team is a sequence of join offsets after its opening (`int` seconds, the fast form,
    or `timedelta`) or a pair ``(opened_at, joins)`` with aware `datetime` joins. The leader
    counts as the first member; a join counts when ``offset < window``; every join is taken
    as paid. `virtual_fill` is the ``min_real`` of a virtual-fill rule.

    >>> report = simulate_teams([[60, 120, 7200], [30], []], sizes=[2, 3], window=3600,
    ...                         target_success_rate="0.5")
    >>> report.largest_size_meeting_target
    2
    """
