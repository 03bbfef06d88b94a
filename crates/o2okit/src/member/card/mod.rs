//! Stored-value cards (储值卡): top-up bonus tiers, principal and bonus kept apart, spend
//! policies, refunds, closing and limits.

mod apply;
mod event;
mod limits;
mod policy;
mod replay;
mod rules;
mod state;

pub use apply::{card_apply, CardEntry, CardEntryKind, CardStep};
pub use event::{CardEvent, TimedCardEvent};
pub use limits::{CardKind, CardLimits};
pub use policy::SpendPolicy;
pub use replay::{card_replay, CardReplay, CardReplayRequest, CardTotals};
pub use rules::{BonusTier, CardRules, MAX_BONUS_TIERS};
pub use state::{card_open, CardSpec, CardSpend, CardState, CardStatus, KeyedTopUp};
