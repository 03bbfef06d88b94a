//! Points (积分): earned per amount, per visit or per category; expiring oldest first on
//! a calendar rule; redeemed as a funded discount; breakage by period.

mod breakage;
mod earn;
mod expiry;
mod ledger;
mod program;
mod redeem;
mod replay;

pub use breakage::{points_breakage, Breakage, BreakagePeriod};
pub use earn::{points_for, EarnLine, EarnRule};
pub use expiry::{ExpiryAt, ExpiryRule, MAX_EXPIRY_MONTHS};
pub use ledger::{
    points_apply, LotTake, PointsEntry, PointsEntryKind, PointsEvent, PointsLot, PointsState,
    PointsStep, TimedPointsEvent,
};
pub use program::{PointsProgram, MAX_EARN_RULES};
pub use redeem::{points_redeem, PointsRedeemRequest, PointsRedemption};
pub use replay::{points_replay, PointsReplay, PointsReplayRequest, PointsTotals};
