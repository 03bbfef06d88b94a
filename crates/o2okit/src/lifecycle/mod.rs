//! Order lifecycles of the four O2O flows as pure state machines: each step takes the
//! order's state, a command and the time, and returns the next state and the effects
//! (money to move, codes to issue) for the caller to carry out.
//!
//! - online → offline: [`voucher_order_step`](crate::voucher_order_step), the
//!   [`LifecycleKind::Voucher`](crate::LifecycleKind::Voucher) lifecycle;
//! - offline → online, online → offline → online and offline → online → offline:
//!   [`store_order_step`](crate::store_order_step), one machine for the
//!   [`BoundStoreOrder`](crate::LifecycleKind::BoundStoreOrder),
//!   [`ShowroomOrder`](crate::LifecycleKind::ShowroomOrder) and
//!   [`StoreOrder`](crate::LifecycleKind::StoreOrder) lifecycles, its policy naming the flow.

mod machine;
pub(crate) mod store_order;
pub(crate) mod voucher_order;
