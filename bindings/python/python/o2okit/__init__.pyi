from ._o2okit import ERROR_CODES as ERROR_CODES
from ._o2okit import FUNCTIONS as FUNCTIONS
from ._o2okit import ROUNDING_MODES as ROUNDING_MODES
from ._o2okit import Allocation as Allocation
from ._o2okit import AllocationError as AllocationError
from ._o2okit import AllocationPart as AllocationPart
from ._o2okit import Currency as Currency
from ._o2okit import CurrencyError as CurrencyError
from ._o2okit import InputError as InputError
from ._o2okit import Money as Money
from ._o2okit import MoneyError as MoneyError
from ._o2okit import O2OError as O2OError
from ._o2okit import __version__ as __version__
from ._o2okit import allocate as allocate
from ._o2okit import call as call
from ._o2okit import currency as currency

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
