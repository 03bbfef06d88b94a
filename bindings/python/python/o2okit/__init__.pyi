from ._o2okit import ERROR_CODES as ERROR_CODES
from ._o2okit import FUNCTIONS as FUNCTIONS
from ._o2okit import ROUNDING_MODES as ROUNDING_MODES
from ._o2okit import Allocation as Allocation
from ._o2okit import AllocationError as AllocationError
from ._o2okit import AllocationPart as AllocationPart
from ._o2okit import AppliedDiscount as AppliedDiscount
from ._o2okit import CouponProblem as CouponProblem
from ._o2okit import CouponValidation as CouponValidation
from ._o2okit import Currency as Currency
from ._o2okit import CurrencyError as CurrencyError
from ._o2okit import DeliveryQuote as DeliveryQuote
from ._o2okit import FlowError as FlowError
from ._o2okit import FundedBy as FundedBy
from ._o2okit import GiftItem as GiftItem
from ._o2okit import GroupBuyEffect as GroupBuyEffect
from ._o2okit import GroupBuyError as GroupBuyError
from ._o2okit import GroupBuyOutcome as GroupBuyOutcome
from ._o2okit import GroupBuyProgress as GroupBuyProgress
from ._o2okit import GroupBuyReplay as GroupBuyReplay
from ._o2okit import GroupBuyState as GroupBuyState
from ._o2okit import GroupBuyStep as GroupBuyStep
from ._o2okit import HeldCoupon as HeldCoupon
from ._o2okit import Hint as Hint
from ._o2okit import InputError as InputError
from ._o2okit import IntakeError as IntakeError
from ._o2okit import LifecycleError as LifecycleError
from ._o2okit import LineShare as LineShare
from ._o2okit import MembershipError as MembershipError
from ._o2okit import Money as Money
from ._o2okit import MoneyError as MoneyError
from ._o2okit import O2OError as O2OError
from ._o2okit import Participation as Participation
from ._o2okit import ProgressHint as ProgressHint
from ._o2okit import PromotionError as PromotionError
from ._o2okit import Quote as Quote
from ._o2okit import QuotedLine as QuotedLine
from ._o2okit import Redemption as Redemption
from ._o2okit import Rejection as Rejection
from ._o2okit import Resolution as Resolution
from ._o2okit import SelectionReport as SelectionReport
from ._o2okit import SimulationReport as SimulationReport
from ._o2okit import SizeResult as SizeResult
from ._o2okit import SplitError as SplitError
from ._o2okit import StoreError as StoreError
from ._o2okit import Team as Team
from ._o2okit import TeamProgress as TeamProgress
from ._o2okit import UnitRun as UnitRun
from ._o2okit import VirtualFillReport as VirtualFillReport
from ._o2okit import VoucherError as VoucherError
from ._o2okit import __version__ as __version__
from ._o2okit import allocate as allocate
from ._o2okit import call as call
from ._o2okit import currency as currency
from ._o2okit import groupbuy_open as groupbuy_open
from ._o2okit import groupbuy_progress as groupbuy_progress
from ._o2okit import groupbuy_replay as groupbuy_replay
from ._o2okit import groupbuy_simulate as groupbuy_simulate
from ._o2okit import groupbuy_step as groupbuy_step
from ._o2okit import quote as quote
from ._o2okit import quote_request as quote_request
from ._o2okit import redeem_coupon as redeem_coupon
from ._o2okit import rollback_coupon as rollback_coupon
from ._o2okit import simulate_teams as simulate_teams
from ._o2okit import validate_coupon as validate_coupon

from ._batch import allocate_batch as allocate_batch
from ._batch import groupbuy_progress_batch as groupbuy_progress_batch
from ._batch import quote_batch as quote_batch

from ._flows import classify as classify
from ._flows import flow_definition as flow_definition

from ._intake import normalize as normalize
from ._intake import price_parity as price_parity

from ._membership import card_apply as card_apply
from ._lifecycle import store_order_open as store_order_open
from ._lifecycle import store_order_replay as store_order_replay
from ._lifecycle import store_order_step as store_order_step
from ._lifecycle import voucher_order_open as voucher_order_open
from ._lifecycle import voucher_order_replay as voucher_order_replay
from ._lifecycle import voucher_order_step as voucher_order_step
from ._membership import card_replay as card_replay
from ._membership import points_redeem as points_redeem
from ._membership import points_replay as points_replay

from ._split import attribute as attribute
from ._split import attribute_shapley as attribute_shapley
from ._split import bind as bind
from ._split import settle as settle
from ._split import split as split
from ._split import split_batch as split_batch
from ._split import split_pool as split_pool
from ._split import split_refund as split_refund
from ._split import statements_frame as statements_frame

from ._stores import assign as assign

from ._voucher import issue_code as issue_code
from ._voucher import issue_codes as issue_codes
from ._voucher import verify_code as verify_code

__all__ = [
    "ERROR_CODES",
    "FUNCTIONS",
    "ROUNDING_MODES",
    "Allocation",
    "AllocationError",
    "AllocationPart",
    "AppliedDiscount",
    "CouponProblem",
    "CouponValidation",
    "Currency",
    "CurrencyError",
    "DeliveryQuote",
    "FlowError",
    "FundedBy",
    "GiftItem",
    "GroupBuyEffect",
    "GroupBuyError",
    "GroupBuyOutcome",
    "GroupBuyProgress",
    "GroupBuyReplay",
    "GroupBuyState",
    "GroupBuyStep",
    "HeldCoupon",
    "Hint",
    "InputError",
    "IntakeError",
    "LifecycleError",
    "LineShare",
    "MembershipError",
    "Money",
    "MoneyError",
    "O2OError",
    "Participation",
    "ProgressHint",
    "PromotionError",
    "Quote",
    "QuotedLine",
    "Redemption",
    "Rejection",
    "Resolution",
    "SelectionReport",
    "SimulationReport",
    "SizeResult",
    "SplitError",
    "StoreError",
    "Team",
    "TeamProgress",
    "UnitRun",
    "VirtualFillReport",
    "VoucherError",
    "__version__",
    "allocate",
    "allocate_batch",
    "assign",
    "attribute",
    "attribute_shapley",
    "bind",
    "call",
    "card_apply",
    "card_replay",
    "classify",
    "currency",
    "flow_definition",
    "groupbuy_open",
    "groupbuy_progress",
    "groupbuy_progress_batch",
    "groupbuy_replay",
    "groupbuy_simulate",
    "groupbuy_step",
    "issue_code",
    "issue_codes",
    "normalize",
    "points_redeem",
    "points_replay",
    "price_parity",
    "quote",
    "quote_batch",
    "quote_request",
    "redeem_coupon",
    "rollback_coupon",
    "settle",
    "simulate_teams",
    "split",
    "split_batch",
    "split_pool",
    "split_refund",
    "statements_frame",
    "store_order_open",
    "store_order_replay",
    "store_order_step",
    "validate_coupon",
    "verify_code",
    "voucher_order_open",
    "voucher_order_replay",
    "voucher_order_step",
]
