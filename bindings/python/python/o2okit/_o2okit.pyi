"""Type stubs of the native module ``o2okit._o2okit`` (re-exported by ``o2okit``)."""

from collections.abc import Mapping, Sequence
from datetime import datetime
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
    #: "currency", "money", "allocation", "promotion" or "input".
    category: str
    #: ``{"code": ..., "category": ..., "message": ...}``.
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
