//! Group-buy as a pure state machine: tipping points, team buys (拼团), ladder prices
//! (阶梯团), refunds and progress hints.
//!
//! A campaign's whole state is a plain value ([`GroupBuyState`]) that the caller stores.
//! [`groupbuy_step`]`(state, event, now)` returns the next state, the effects to carry out
//! (charge, void a charge, refund in full, refund a ladder difference, issue vouchers,
//! notify success or failure) and an outcome; on an error nothing changes. Time is always an
//! input (`now`); o2okit reads no clock.
//!
//! - **Windows are half-open.** A team opened at `t` with window `W` takes members while
//!   `now < t + W`; a campaign takes joins while `now < deadline`.
//! - **Payment.** A join takes a place pending payment and emits a `charge`;
//!   `payment_confirmed` marks it paid. Pending places hold their place (no overfilling);
//!   success counts paid places; places still pending at the end lapse (`void_charge`).
//! - **Idempotency.** Every command carries a key; a retry is a `duplicate` with no change
//!   and no effects; the same key for another command is an error.
//! - **Terminal states absorb.** Once succeeded, failed, cancelled or closed, a campaign
//!   rejects every new event ([`Error::CampaignEnded`](crate::Error::CampaignEnded)).
//! - **Effects are ordered**: time passing first, then the event; per decided deal or team,
//!   money effects in joining order, then one notification.
//!
//! [`groupbuy_replay`] folds an event log, [`groupbuy_progress`] reports counts, time left,
//! ladder prices and a hint, and [`groupbuy_simulate`] answers "what team size makes 80% of
//! teams succeed?" from observed join times.
//!
//! Hand-computed: a ladder 1+ → 100, 5+ → 90, 10+ → 80 closing with 10 paid members who
//! paid 100 × 4, 90 × 5 and 80 × 1 refunds 20 × 4 + 10 × 5 = 130.00:
//!
//! ```
//! use o2okit::{groupbuy_replay, GroupBuyCampaign, GroupBuyEffect, TimedEvent};
//! let campaign: GroupBuyCampaign = o2okit::decode(r#"{"id": "ladder", "deadline": "2026-12-01T00:00:00+08:00",
//!     "kind": {"type": "ladder", "tiers": [
//!         {"min_participants": 1, "price": {"amount": "100.00", "currency": "CNY"}},
//!         {"min_participants": 5, "price": {"amount": "90.00", "currency": "CNY"}},
//!         {"min_participants": 10, "price": {"amount": "80.00", "currency": "CNY"}}]}}"#)?;
//! let mut log = Vec::new();
//! for i in 1..=10 {
//!     log.push(format!(r#"{{"at": "2026-11-22T10:00:{i:02}+08:00", "event": {{"type": "join", "key": "j{i}", "customer_id": "c{i}"}}}}"#));
//!     log.push(format!(r#"{{"at": "2026-11-22T10:00:{i:02}+08:00", "event": {{"type": "payment_confirmed", "key": "p{i}", "participation_id": "p{i}"}}}}"#));
//! }
//! log.push(r#"{"at": "2026-12-01T00:00:00+08:00", "event": {"type": "tick"}}"#.to_string());
//! let log: Vec<TimedEvent> = o2okit::decode(&format!("[{}]", log.join(",")))?;
//! let replay = groupbuy_replay(&campaign, &log)?;
//! let mut refunded = o2okit::Money::zero(o2okit::Currency::from_code("CNY")?);
//! for effect in &replay.effects {
//!     if let GroupBuyEffect::RefundDifference { amount, .. } = effect {
//!         refunded = refunded.checked_add(*amount)?;
//!     }
//! }
//! assert_eq!(refunded.to_string(), "130.00 CNY");
//! assert_eq!(replay.state.final_price.unwrap().to_string(), "80.00 CNY");
//! # Ok::<(), o2okit::Error>(())
//! ```
mod campaign;
mod effect;
mod event;
mod ladder;
mod outcome;
mod progress;
mod replay;
mod simulate;
mod state;
mod step;
mod team;
mod tipping;

pub use campaign::{
    GroupBuyCampaign, GroupBuyKind, LadderTier, VirtualFill, MAX_LADDER_TIERS, MAX_TEAM_SIZE,
    MAX_VOUCHERS_PER_PARTICIPANT, MAX_WINDOW_SECONDS,
};
pub use effect::{FailureReason, GroupBuyEffect, VirtualFillReport};
pub use event::{GroupBuyEvent, TimedEvent};
pub use outcome::TeamOutcome;
pub use progress::{
    groupbuy_progress, GroupBuyProgress, ProgressHint, ProgressHintCode, TeamProgress,
};
pub use replay::{groupbuy_replay, GroupBuyReplay};
pub use simulate::{
    groupbuy_simulate, SimulatedTeam, SimulationReport, SizeResult, TeamSimulation,
    MAX_SIMULATION_JOINS, MAX_SIMULATION_SIZES, MAX_SIMULATION_TEAMS,
};
pub use state::{
    groupbuy_open, GroupBuyState, GroupBuyStatus, Participation, ParticipationStatus, Team,
};
pub use step::{groupbuy_step, GroupBuyOutcome, GroupBuyStep, OutcomeKind, Resolution};
