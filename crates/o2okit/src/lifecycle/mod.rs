//! Order lifecycles of the four O2O flows as pure state machines: each step takes the
//! order's state, a command and the time, and returns the next state and the effects
//! (money to move, codes to issue) for the caller to carry out.
//!
//! So far: online → offline ([`voucher_order_step`](crate::voucher_order_step), the
//! [`LifecycleKind::Voucher`](crate::LifecycleKind::Voucher) lifecycle).

pub(crate) mod voucher_order;
