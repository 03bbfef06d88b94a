//! Online → offline (先线上后线下): a prepaid voucher order (a group-buy voucher, 团购券)
//! as a pure state machine — paid online, redeemed in store (核销), reversed, refunded,
//! expired and settled.
//!
//! [`voucher_order_open`](crate::voucher_order_open)`(deal, order_id, customer_id)` opens
//! an order; [`voucher_order_step`](crate::voucher_order_step)`(state, deal, command, now)`
//! returns the next state and the effects; [`voucher_order_replay`](crate::voucher_order_replay)
//! folds a command log. Time is an input; nothing is read from a clock.
//!
//! ```text
//!                 pay (customer)
//!   created ─────────────────────────▶ issued ◀──────────────┐ reverse (all redemptions)
//!      │                                 │  redeem (staff)   │
//!      │ expire                          ▼                   │
//!      ▼                        partially_redeemed ──────────┘
//!   expired ◀── expire / refund ─┐       │ redeem the last open uses
//!   refunded ◀── refund ─────────┤       ▼   (or refund / expire the open rest)
//!   closed ◀── settle ───────────┴─── redeemed ── reverse ──▶ partially_redeemed / issued
//! ```
//!
//! The status is derived after every step from the vouchers and redemptions:
//! - `created`: not paid. `pay` → `issued`; `expire` → `expired` (nothing moves).
//! - `issued`: paid, uses open, nothing redeemed (or everything reversed).
//! - `partially_redeemed`: uses open and at least one redemption not reversed.
//! - `redeemed`: no use open, a redemption still pending (not settled; maybe reversible).
//! - terminal, absorbing every command (`command_not_allowed`): `refunded` (every use
//!   refunded on request, nothing settled), `expired` (ended by `expire`, nothing settled),
//!   `closed` (no use open, nothing pending, at least one redemption settled).
//!
//! | command | actor | statuses |
//! |---|---|---|
//! | `pay` | customer | created |
//! | `redeem` | staff | issued, partially_redeemed |
//! | `reverse` | staff | issued (a reversed redemption: `already_reversed`), partially_redeemed, redeemed |
//! | `refund` | customer | issued, partially_redeemed (policy `any_time`) |
//! | `expire` | scheduler | created, issued, partially_redeemed, redeemed (once, at or after `valid_until`) |
//! | `settle` | platform | partially_redeemed, redeemed |
//!
//! **Money.** o2okit moves none: `charge`, `refund`, `breakage` and `settle` effects tell
//! the caller what to move. Until settlement the platform holds the money; a settled
//! redemption is paid out by [`split`](crate::split) of its value by the deal's plan.
//! At every step `charged = refunded + settled + breakage + held`, with `held` the value
//! of the open uses plus the pending redemptions; at a terminal status `held = 0`, so
//! the customer's payment is exactly what the customer got back plus what the parties
//! were paid. Settled value is never refunded by this machine (only open uses are), so no
//! clawback is needed inside it.
//!
//! **Idempotency.** Every command has a key; the identical command again returns the
//! original effects with `duplicate: true` and the state unchanged; another command under
//! a used key is `idempotency_conflict`. A rejected command changes nothing and does not use
//! its key. Commands must come in time order (`time_out_of_order`).
//!
//! ```
//! use o2okit::{voucher_order_open, voucher_order_step, VoucherDeal, VoucherOrderCommand,
//!     VoucherOrderEffect, VoucherOrderStatus};
//! let deal: VoucherDeal = o2okit::decode(r#"{"id": "hotpot", "price": {"amount": "100.00", "currency": "CNY"},
//!     "vouchers": 1, "uses": 3, "valid_from": "2026-03-01T00:00:00+08:00",
//!     "valid_until": "2026-04-01T00:00:00+08:00", "stores": ["S1"], "refund": "at_expiry",
//!     "reversal_minutes": 10,
//!     "plan": {"rules": [{"id": "platform", "to": {"role": "platform", "party_id": "mt"},
//!              "base": "gross_paid", "pay": {"type": "percent", "percent": "5"}}],
//!              "remainder": {"role": "merchant", "party_id": "hotpot-house"}}}"#)?;
//! let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
//! let cmd = |json: &str| o2okit::decode::<VoucherOrderCommand>(json);
//! let s0 = voucher_order_open(&deal, "o-1", "ann")?;
//! let s1 = voucher_order_step(&s0, &deal, &cmd(r#"{"type": "pay", "key": "p", "actor": "customer",
//!     "amount": {"amount": "100.00", "currency": "CNY"}}"#)?, at("2026-03-01T09:00:00+08:00"))?;
//! let s2 = voucher_order_step(&s1.state, &deal, &cmd(r#"{"type": "redeem", "key": "r1", "actor": "staff",
//!     "voucher": "o-1/v1", "store_id": "S1", "count": 2}"#)?, at("2026-03-05T19:00:00+08:00"))?;
//! assert_eq!(s2.state.status, VoucherOrderStatus::PartiallyRedeemed);
//! let s3 = voucher_order_step(&s2.state, &deal, &cmd(r#"{"type": "settle", "key": "s", "actor": "platform"}"#)?,
//!     at("2026-03-06T00:00:00+08:00"))?;
//! let s4 = voucher_order_step(&s3.state, &deal, &cmd(r#"{"type": "expire", "key": "e", "actor": "scheduler"}"#)?,
//!     at("2026-04-01T00:00:00+08:00"))?;
//! assert_eq!(s4.state.status, VoucherOrderStatus::Closed);
//! // 66.67 settled (5% = 3.33 to the platform), 33.33 refunded at expiry.
//! assert!(matches!(&s3.effects[0], VoucherOrderEffect::Settle { amount, .. } if amount.to_string() == "66.67 CNY"));
//! assert!(matches!(&s4.effects[0], VoucherOrderEffect::Refund { amount, .. } if amount.to_string() == "33.33 CNY"));
//! assert!(s4.state.totals.held()?.is_zero());
//! # Ok::<(), o2okit::Error>(())
//! ```
mod command;
mod deal;
mod effect;
mod replay;
mod request;
mod state;
mod step;

pub use command::{LifecycleActor, TimedVoucherCommand, VoucherOrderCommand};
pub use deal::{
    DealCodes, DealRefundPolicy, VoucherDeal, MAX_DEAL_STORES, MAX_DEAL_VOUCHERS,
    MAX_REVERSAL_MINUTES, MAX_VOUCHER_USES,
};
pub use effect::VoucherOrderEffect;
pub use replay::{voucher_order_replay, VoucherOrderReplay};
pub use request::{VoucherOrderOpenRequest, VoucherOrderReplayRequest, VoucherOrderStepRequest};
pub use state::{
    voucher_order_open, IssuedVoucher, ProcessedCommand, VoucherOrderState, VoucherOrderStatus,
    VoucherOrderTotals, VoucherRedemption,
};
pub use step::{voucher_order_step, VoucherOrderStep};
