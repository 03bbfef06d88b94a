"""Type stubs of the native module ``o2okit._o2okit`` (wrapped by the ``o2okit`` package).

Only `Money`, `Currency`, the errors, `call` and the generic record machinery are native;
every domain function is a thin Python wrapper (``o2okit/_*.py``) over `_call`.
"""

from collections.abc import Iterable, Mapping
from datetime import timedelta
from decimal import Decimal
from typing import Any, Literal, SupportsIndex, final

from typing_extensions import Self, TypeAlias, disjoint_base

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
    "_Wire",
    "_Record",
    "_Field",
    "currency",
    "call",
    "_call",
    "_decode",
    "_record_from_json",
    "_allocate",
    "_simulate_teams",
    "_coupon_uses",
    "_coupon_remaining",
    "_coupon_validate",
    "_panic_for_tests",
    "FUNCTIONS",
    "ROUNDING_MODES",
    "ERROR_CODES",
    "_DECODABLE",
    "_batch",
]

__version__: str

#: Wire names of the functions `call` knows.
FUNCTIONS: tuple[str, ...]
#: Rounding mode names: half_even (the default), half_up, half_down, up, down, ceiling, floor.
ROUNDING_MODES: tuple[str, ...]
#: Every stable error code (the core's, and ``internal``).
ERROR_CODES: tuple[str, ...]
_DECODABLE: tuple[str, ...]
#: The columnar batch API's native functions (private; the typed API is ``o2okit.batch``).
_batch: Any

#: An exact number: `Decimal`, `str`, `int` or another integer (`SupportsIndex`: NumPy's
#: `int64`, ...). Binary floats are not exact and are rejected.
_Exact: TypeAlias = Decimal | str | SupportsIndex

class O2OError(ValueError):
    """Base class of every o2okit error."""

    #: Stable machine-readable code, one of `ERROR_CODES`.
    code: str
    #: "currency", "money", "allocation", "promotion", "groupbuy", "split", "store",
    #: "membership", "intake", "voucher", "flow", "lifecycle", "input", or "internal" (a
    #: bug in o2okit caught at the boundary: code ``internal``).
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
    def __reduce__(self) -> tuple[type[Currency], tuple[str]]: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...

def currency(code: str) -> Currency:
    """Look up an ISO 4217 currency by code (case-insensitive)."""

@final
class Money:
    """An exact amount in one currency, held at the currency's scale.

    Amounts are `Decimal`, `int` (or a NumPy integer) or `str`; a binary float (`float`,
    NumPy's floats) raises `MoneyError` (code ``number_for_money``).
    """

    def __new__(cls, amount: _Exact, currency: str | Currency) -> Money: ...
    @classmethod
    def parse(
        cls,
        s: _Exact,
        currency: str | Currency,
        rounding: str | None = None,
    ) -> Money: ...
    @classmethod
    def from_minor(cls, units: SupportsIndex, currency: str | Currency) -> Money: ...
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
    def multiply(self, factor: _Exact, rounding: str = "half_even") -> Money: ...
    def round_to_step(self, step: _Exact, rounding: str = "half_even") -> Money: ...
    def to_dict(self) -> dict[str, str]: ...
    def __add__(self, other: Money | Literal[0], /) -> Money: ...
    def __radd__(self, other: int, /) -> Money:
        """``0 + money`` is ``money``, so ``sum(amounts)`` needs no start value (any other
        int raises ``TypeError``)."""
    def __sub__(self, other: Money, /) -> Money: ...
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
    def __reduce__(self) -> tuple[type[Money], tuple[str, str]]: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...

# --- the generic record machinery (private; see o2okit/_record.py and o2okit/records.py) ---

@final
class _Wire:
    @staticmethod
    def from_json(text: str) -> _Wire: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> Any: ...
    def items(self) -> list[_Wire]: ...

@disjoint_base
class _Record:
    def __new__(cls, wire: _Wire) -> Self: ...
    def to_dict(self) -> dict[str, Any]:
        """The wire JSON of this record as Python values (decimals and times as strings),
        exactly what the core wrote. A new object on every call."""
    def to_json(self) -> str:
        """The wire JSON text of this record."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[type[Self], str]]: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...

@final
class _Field:
    def __new__(cls, name: str, kind: str, doc: str | None = None, default: str | None = None) -> _Field: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def doc(self) -> str | None: ...
    @property
    def record_name(self) -> str | None: ...
    def bind(self, cls: type, /) -> None: ...
    def __call__(self, record: Any, /) -> Any: ...

def call(function: str, input: str | Mapping[str, Any]) -> Any:
    """The wire-level dispatcher: JSON text or Python values in, wire JSON (as plain Python
    values: dicts, lists, strings) out."""

def _call(function: str, input: str | Mapping[str, Any]) -> _Wire: ...
def _decode(name: str, input: str | Mapping[str, Any]) -> _Wire: ...
def _record_from_json(cls: type[_Record], text: str) -> _Record: ...
def _allocate(
    total: Money,
    weights: Iterable[_Exact],
    *,
    caps: Iterable[Money | None] | None = None,
    step: _Exact | None = None,
) -> _Wire: ...
def _simulate_teams(
    teams: Iterable[Any],
    *,
    sizes: Iterable[SupportsIndex],
    window: SupportsIndex | timedelta,
    virtual_fill: SupportsIndex | Mapping[str, int] | None = None,
    target_success_rate: _Exact | None = None,
) -> _Wire: ...
def _coupon_uses(coupon: _Record) -> int: ...
def _coupon_remaining(coupon: _Record, order_id: str) -> Money | None: ...
def _coupon_validate(coupon: _Record) -> None: ...
def _panic_for_tests() -> None: ...

