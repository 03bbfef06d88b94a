//! Flows 2, 3 and 4: an order placed online and fulfilled by a store, as one pure state
//! machine. Offline → online (先线下后线上: a QR scan or a staff referral in a store, then an
//! online order, delivered or picked up, the bound store and staff credited);
//! online → offline → online (先线上后线下再线上: an offline experience in a showroom or
//! partner store, then an online order routed to the nearest eligible partner store, the
//! experience store credited); offline → online → offline (先线下后线上再线下: store
//! marketing, an order on the own app, a mini-program or a platform with its fee, eaten in
//! the store or delivered or picked up from it).
//!
//! [`store_order_open`](crate::store_order_open)`(policy, order_id, customer_id)` opens an
//! order; [`store_order_step`](crate::store_order_step)`(state, policy, command, now)`
//! returns the next state and the effects; [`store_order_replay`](crate::store_order_replay)
//! folds a command log. The [`StoreOrderPolicy`](crate::StoreOrderPolicy) says which flow
//! the order follows. Time is an input; nothing is read from a clock.
//!
//! ```text
//!   created   ↺ touch (customer, staff; flows 2 and 3)
//!      │ place (customer)
//!      ▼
//!   received ── cancel (customer, within cancel_minutes) ──▶ cancelled
//!      │ accept (staff)
//!      ▼
//!   in_preparation
//!      │ ready (staff)
//!      ▼
//!   ready ── dispatch (staff, logistics; delivery) ──▶ out_for_delivery
//!      │ complete (staff; pickup, dine-in)               │ complete (logistics)
//!      ▼                                                 │
//!   completed ◀──────────────────────────────────────────┘
//!
//!   completed ── refund (customer, platform; the whole amount) ──▶ refunded
//!      │ settle (platform)                                           ▲
//!      ▼                                                             │
//!   closed ── refund (customer, platform; the rest or a part) ───────┘
//!            (a part leaves the order closed)
//!
//!   void (staff, platform) from received, in_preparation, ready or out_for_delivery ──▶ voided
//! ```
//!
//! The status is derived after every step from the order's milestones and money:
//! - `created`: not placed; flows 2 and 3 record `touch`es. `place` → `received`.
//! - `received` → `in_preparation` (`accept`) → `ready` (`ready`) → `out_for_delivery`
//!   (`dispatch`, delivery only) → `completed` (`complete`: picked up, delivered or served).
//! - `closed`: settled; the platform holds nothing. It is not absorbing: it takes an
//!   after-sales `refund` (all or part), which claws back the settled ledger; a partial
//!   refund leaves the order `closed`, the whole amount makes it `refunded`.
//! - terminal, absorbing every command (`command_not_allowed`): `cancelled` (by the customer
//!   before the store accepts, within the cancel window: full refund), `voided` (by staff or
//!   the platform before completion: full refund), `refunded` (everything refunded after
//!   completion).
//!
//! | command | actor | statuses |
//! |---|---|---|
//! | `touch` | customer, staff | created (flows 2, 3) |
//! | `place` | customer | created |
//! | `accept`, `ready` | staff | received, in_preparation |
//! | `dispatch` | staff, logistics | ready (delivery) |
//! | `complete` | staff (pickup, dine-in), logistics (delivery) | ready, out_for_delivery |
//! | `settle` | platform | completed |
//! | `cancel` | customer | received |
//! | `void` | staff, platform | received, in_preparation, ready, out_for_delivery |
//! | `refund` | customer, platform | completed, closed |
//!
//! **Who is credited.** Settlement splits the paid amount with the policy's plan, after the
//! sales channel's fee (rule `channel_fee`, first), filling the order's roles from the
//! lifecycle: `store` is the store that fulfilled the order (named in flows 2 and 4, chosen
//! by routing in flow 3); in flow 2 the staff member the touches bound (the binding rule's
//! role, `store_staff` by default) and the store they bound (`bound_store`); in flow 3 the
//! store of the offline experience (`experience_store`): credited by its own rule although
//! the sale closed online, which is how the seeds' conflict between the showroom and the
//! online channel is settled. A rule paying a lifecycle role the order did not fill (no
//! touch, an expired binding) is left out and its share stays in the remainder.
//!
//! **Money.** o2okit moves none: `charge`, `refund`, `settle` and `clawback` effects tell
//! the caller what to move. At every step `charged = refunded + settled − clawed_back +
//! held`; in `closed` and every terminal status `held = 0`, so what the customer paid is
//! exactly what the customer got back plus what the parties kept.
//!
//! **Idempotency.** Every command has a key; the identical command again returns the
//! original effects with `duplicate: true` and the state unchanged; another command under
//! a used key is `idempotency_conflict`. A rejected command changes nothing and does not use
//! its key. Commands must come in time order (`time_out_of_order`).
//!
//! A Papa John's-style order: a poster in the store, an order in the WeChat mini-program
//! (0.6% to the payment processor), eaten in the store.
//!
//! ```
//! use o2okit::{store_order_open, store_order_step, StoreOrderCommand, StoreOrderEffect,
//!     StoreOrderPolicy, StoreOrderStatus};
//! let policy: StoreOrderPolicy = o2okit::decode(r#"{"id": "papa", "flow": "offline_to_online_to_offline",
//!     "currency": "CNY",
//!     "plan": {"rules": [{"id": "store", "to": {"role": "store"}, "base": "gross_paid",
//!                         "pay": {"type": "percent", "percent": "10"}}],
//!              "remainder": {"role": "merchant", "party_id": "papa-johns"}},
//!     "channels": [{"id": "wechat", "kind": "mini_program",
//!                   "fee": {"type": "percent", "percent": "0.6"},
//!                   "fee_to": {"role": "payment_processor", "party_id": "wxpay"}}],
//!     "cancel_minutes": 5}"#)?;
//! let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
//! let cmd = |json: &str| o2okit::decode::<StoreOrderCommand>(json);
//! let mut state = store_order_open(&policy, "o-1", "ann")?;
//! let mut effects = Vec::new();
//! for (time, json) in [
//!     ("12:00", r#"{"type": "place", "key": "p", "actor": "customer", "channel": "wechat",
//!         "amount": {"amount": "88.00", "currency": "CNY"}, "fulfilment": "dine_in", "store_id": "xuhui"}"#),
//!     ("12:01", r#"{"type": "accept", "key": "a", "actor": "staff"}"#),
//!     ("12:15", r#"{"type": "ready", "key": "r", "actor": "staff"}"#),
//!     ("12:16", r#"{"type": "complete", "key": "c", "actor": "staff"}"#),
//!     ("23:00", r#"{"type": "settle", "key": "s", "actor": "platform"}"#),
//! ] {
//!     let step = store_order_step(&state, &policy, &cmd(json)?, at(&format!("2026-03-06T{time}:00+08:00")))?;
//!     effects.extend(step.effects);
//!     state = step.state;
//! }
//! assert_eq!(state.status, StoreOrderStatus::Closed);
//! let StoreOrderEffect::Settle { ledger, .. } = effects.last().unwrap() else { panic!() };
//! // 0.6% of 88.00 = 0.528 → 0.53 to wxpay; 10% = 8.80 to the store; 78.67 to the merchant.
//! let amounts: Vec<String> = ledger.lines.iter().map(|l| l.amount.to_string()).collect();
//! assert_eq!(amounts, ["0.53 CNY", "8.80 CNY", "78.67 CNY"]);
//! assert_eq!(ledger.lines[1].party_id, "xuhui");
//! assert!(state.totals.held()?.is_zero());
//! # Ok::<(), o2okit::Error>(())
//! ```
mod command;
mod effect;
mod policy;
mod replay;
mod request;
mod state;
mod step;

pub use command::{StoreOrderCommand, TimedStoreOrderCommand};
pub use effect::{Handover, StoreOrderEffect};
pub use policy::{
    SalesChannel, SalesChannelKind, StoreOrderPolicy, BOUND_STORE_ROLE, CHANNEL_FEE_RULE,
    EXPERIENCE_STORE_ROLE, MAX_CANCEL_MINUTES, MAX_ORDER_TOUCHES, MAX_PARTNER_STORES,
    MAX_SALES_CHANNELS,
};
pub use replay::{store_order_replay, StoreOrderReplay};
pub use request::{StoreOrderOpenRequest, StoreOrderReplayRequest, StoreOrderStepRequest};
pub use state::{
    store_order_open, PlacedOrder, ProcessedStoreCommand, StoreOrderMilestones, StoreOrderState,
    StoreOrderStatus, StoreOrderTotals, StoreTouch,
};
pub use step::{store_order_step, StoreOrderStep};
