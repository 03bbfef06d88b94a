"""o2okit: online-to-offline commerce with exact money.

Every rule lives in the Rust core; this package is a thin binding over it. Amounts are
exact decimals: pass ``decimal.Decimal``, ``int`` or ``str``, never ``float``.
"""

from ._o2okit import (
    ERROR_CODES,
    FUNCTIONS,
    ROUNDING_MODES,
    Allocation,
    AllocationError,
    AllocationPart,
    Currency,
    CurrencyError,
    InputError,
    Money,
    MoneyError,
    O2OError,
    __version__,
    allocate,
    call,
    currency,
)

__all__ = [
    "ERROR_CODES",
    "FUNCTIONS",
    "ROUNDING_MODES",
    "Allocation",
    "AllocationError",
    "AllocationPart",
    "Currency",
    "CurrencyError",
    "InputError",
    "Money",
    "MoneyError",
    "O2OError",
    "__version__",
    "allocate",
    "call",
    "currency",
]
