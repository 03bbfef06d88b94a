//! The amounts a rule can be computed on.

use serde::{Deserialize, Serialize};

use super::exact::sub;
use crate::Error;

/// The named amount a rule is a percent of (its *base*).
///
/// Discounts subsidised by a party other than the remainder party (usually the merchant)
/// are added back: the sellers are paid as if the customer had paid that part too, and the
/// subsidy is charged to its funder on a line of its own (see [`split`](fn@crate::split)).
///
/// | base | wire name | amount |
/// |---|---|---|
/// | [`SplitBase::GrossPaid`] | `gross_paid` | what the customer paid plus the subsidised discounts: the order's gross |
/// | [`SplitBase::CustomerPaid`] | `customer_paid` | exactly what the customer paid (the money a processor moved) |
/// | [`SplitBase::Goods`] | `goods` | the goods after the discounts the remainder party bears: gross less the delivery fee |
/// | [`SplitBase::DeliveryFee`] | `delivery_fee` | the delivery fee charged plus subsidised delivery discounts |
/// | [`SplitBase::Margin`] | `margin` | goods less the order's `cost` (price − cost) |
/// | [`SplitBase::Remainder`] | `remainder` | the gross less everything the rules before this one paid |
///
/// A negative base (a margin below cost) counts as zero unless the rule sets
/// `allow_negative`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SplitBase {
    /// What the customer paid plus the subsidised discounts.
    GrossPaid,
    /// Exactly what the customer paid.
    CustomerPaid,
    /// The goods: the gross less the delivery fee.
    Goods,
    /// The delivery fee charged plus subsidised delivery discounts.
    DeliveryFee,
    /// The goods less the cost.
    Margin,
    /// What the earlier rules left.
    Remainder,
}

impl SplitBase {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            SplitBase::GrossPaid => "gross_paid",
            SplitBase::CustomerPaid => "customer_paid",
            SplitBase::Goods => "goods",
            SplitBase::DeliveryFee => "delivery_fee",
            SplitBase::Margin => "margin",
            SplitBase::Remainder => "remainder",
        }
    }
}

/// An order's amounts in minor units, after the discounts were charged to their funders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Figures {
    /// What the customer paid.
    pub(crate) paid: i128,
    /// Paid plus subsidies: what the rules and the remainder share.
    pub(crate) gross: i128,
    /// The delivery fee charged plus delivery subsidies.
    pub(crate) delivery: i128,
    /// The delivery fee charged (part of `paid`).
    pub(crate) delivery_charged: i128,
    /// The cost of the goods, when given.
    pub(crate) cost: Option<i128>,
}

impl Figures {
    /// The value of `base` once the rules before have paid `paid_out`; `None` for the
    /// margin of an order without a cost.
    pub(crate) fn base(&self, base: SplitBase, paid_out: i128) -> Result<Option<i128>, Error> {
        let goods = || sub(self.gross, self.delivery, "the goods base");
        Ok(Some(match base {
            SplitBase::GrossPaid => self.gross,
            SplitBase::CustomerPaid => self.paid,
            SplitBase::Goods => goods()?,
            SplitBase::DeliveryFee => self.delivery,
            SplitBase::Margin => match self.cost {
                Some(cost) => sub(goods()?, cost, "the margin base")?,
                None => return Ok(None),
            },
            SplitBase::Remainder => sub(self.gross, paid_out, "the remainder base")?,
        }))
    }
}
