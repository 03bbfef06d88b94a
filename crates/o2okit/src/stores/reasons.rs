//! Why a store was passed over.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::TieBreak;
use crate::Money;

/// One reason a store was passed over. A store can have several; they are listed in this
/// order: `out_of_area`, `closed`, `out_of_stock`, `at_capacity`, `below_minimum_order`,
/// then (for a store that passed every filter) `farther` or `tie_break`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "code", rename_all = "snake_case", deny_unknown_fields)]
pub enum PassReason {
    /// The store's service area does not include the address.
    OutOfArea,
    /// The store is closed at `now`.
    Closed {
        /// When it next opens (RFC 3339, store-local offset), if within 14 days.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
        next_open: Option<DateTime<FixedOffset>>,
    },
    /// The store lacks some of the items.
    OutOfStock {
        /// The lines it cannot fill, in order-line order.
        short: Vec<Shortage>,
    },
    /// The store has taken all the orders it can today.
    AtCapacity {
        /// Its daily capacity.
        daily_capacity: u32,
        /// Orders taken today.
        used_today: u32,
    },
    /// The order subtotal is below the zone's minimum order.
    BelowMinimumOrder {
        /// The minimum.
        min_order: Money,
    },
    /// Eligible, but a nearer eligible store was chosen.
    Farther,
    /// Eligible and as near as the chosen store; a tie-break decided.
    TieBreak {
        /// The tie-break that decided.
        by: TieBreak,
    },
}

/// How [`PassReason`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(remote = "PassReason", rename_all = "snake_case", deny_unknown_fields)]
enum PassReasonWire {
    OutOfArea,
    Closed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next_open: Option<DateTime<FixedOffset>>,
    },
    OutOfStock {
        short: Vec<Shortage>,
    },
    AtCapacity {
        daily_capacity: u32,
        used_today: u32,
    },
    BelowMinimumOrder {
        min_order: Money,
    },
    Farther,
    TieBreak {
        by: TieBreak,
    },
}
crate::wire::tagged_deserialize!(PassReason, PassReasonWire, "code");

impl PassReason {
    /// The reason's stable code (`out_of_area`, `closed`, …).
    pub fn code(&self) -> &'static str {
        match self {
            PassReason::OutOfArea => "out_of_area",
            PassReason::Closed { .. } => "closed",
            PassReason::OutOfStock { .. } => "out_of_stock",
            PassReason::AtCapacity { .. } => "at_capacity",
            PassReason::BelowMinimumOrder { .. } => "below_minimum_order",
            PassReason::Farther => "farther",
            PassReason::TieBreak { .. } => "tie_break",
        }
    }
}

/// An order line a store cannot fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Shortage {
    /// The product.
    pub product_id: String,
    /// Units wanted.
    pub wanted: u32,
    /// Units the store has.
    pub available: u32,
}

/// Filter results of one store, as bits (the compact form the hot loop writes).
pub(crate) mod flags {
    pub const OUT_OF_AREA: u8 = 1;
    pub const CLOSED: u8 = 2;
    pub const OUT_OF_STOCK: u8 = 4;
    pub const AT_CAPACITY: u8 = 8;
    pub const BELOW_MINIMUM: u8 = 16;
    /// Set on the chosen store(s).
    pub const CHOSEN: u8 = 128;
}
