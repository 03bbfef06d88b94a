"""Type stubs of the native module ``o2okit._o2okit`` (re-exported by ``o2okit``)."""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar, final

__all__ = [
    "__version__",
    "O2OError",
    "CurrencyError",
    "MoneyError",
    "AllocationError",
    "InputError",
    "Currency",
    "Money",
    "Allocation",
    "AllocationPart",
    "currency",
    "allocate",
    "call",
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
    #: "currency", "money", "allocation" or "input".
    category: str
    #: ``{"code": ..., "category": ..., "message": ...}``.
    details: dict[str, Any]

class CurrencyError(O2OError):
    """Unknown currency or currency mismatch."""

class MoneyError(O2OError):
    """Bad amount: decimals, range, rounding step, float given for money."""

class AllocationError(O2OError):
    """Bad weights or caps for an allocation."""

class InputError(O2OError):
    """Input that could not be decoded (unknown field, bad JSON), or an unknown function."""

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
