//! The mini-program's payload: an order placed inside a super-app (WeChat-style 小程序).

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::normalize::{Draft, DraftFee, DraftLine, FeeAmount};
use super::source::{Fulfilment, Source};
use crate::money::Money;
use crate::promo::FundedBy;
use crate::roles::{Party, Role};
use crate::split::{FundedDiscount, SplitBase};
use crate::wire::decimal::decimal_string;
use crate::Error;

/// An order placed in the merchant's mini-program inside a super-app (source
/// `mini_program`). o2okit's own shape, not the super-app's API.
///
/// Goods come as whole counts with a unit price; a merchant coupon (funded by the
/// merchant) may apply; `total_fee` is what the customer paid. The super-app's payment
/// service takes `pay_fee.rate` percent of what the customer paid (rounded half-even to the
/// minor unit): a `payment_fee` paid to `pay_fee.processor` in the role
/// `payment_processor`. Trade numbers are unique per mini-program: `app_id` is the scope.
///
/// ```json
/// {"app_id": "wx-shop", "out_trade_no": "T-77", "store_id": "s-1", "openid": "o-abc",
///  "created_at": "2026-05-01T12:00:00+08:00", "mode": "dine_in", "table_no": "12",
///  "goods": [{"goods_id": "noodles", "count": 2, "price": {"amount": "30.00", "currency": "CNY"}}],
///  "total_fee": {"amount": "60.00", "currency": "CNY"},
///  "pay_fee": {"processor": "wxpay", "rate": "0.6"}}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MiniProgramPayload {
    /// The mini-program: the scope of `out_trade_no`.
    pub app_id: String,
    /// The merchant's trade number: the external id.
    pub out_trade_no: String,
    /// The store that fulfils the order.
    pub store_id: String,
    /// The user's id within this mini-program.
    pub openid: String,
    /// When the order was placed, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub created_at: DateTime<FixedOffset>,
    /// Delivery, pickup or dine-in.
    pub mode: Fulfilment,
    /// The table, for dine-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_no: Option<String>,
    /// The delivery address (needed for a delivery).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The goods.
    pub goods: Vec<MiniProgramGoods>,
    /// A merchant coupon used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coupon: Option<MiniProgramCoupon>,
    /// The delivery fee charged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_fee: Option<Money>,
    /// What the customer paid.
    pub total_fee: Money,
    /// The payment service's fee, if the merchant records it per order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_fee: Option<PayFee>,
}

/// One goods entry of a mini-program order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MiniProgramGoods {
    /// The product id.
    pub goods_id: String,
    /// How many (at least 1).
    pub count: u32,
    /// The unit price.
    pub price: Money,
}

/// A merchant coupon used in a mini-program order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MiniProgramCoupon {
    /// The coupon (promotion) id.
    pub coupon_id: String,
    /// What it took off.
    pub amount: Money,
}

/// The payment service's fee: `rate` percent of what the customer paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PayFee {
    /// The payment processor's party id.
    pub processor: String,
    /// Percent, 0–100 (`"0.6"` is 0.6%).
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub rate: Decimal,
}

impl MiniProgramPayload {
    pub(crate) fn draft(&self) -> Result<Draft, Error> {
        let mut draft = Draft::new(
            Source::MiniProgram,
            &self.out_trade_no,
            &self.store_id,
            self.mode.channel(),
            self.created_at,
            self.total_fee,
        )?;
        draft.scope = Some(self.app_id.clone());
        draft.customer.id = Some(self.openid.clone());
        draft.customer.address.clone_from(&self.address);
        draft.payment_method = Some("mini_program_pay".into());
        draft.lines = self
            .goods
            .iter()
            .map(|g| DraftLine::new(&g.goods_id, g.price, Decimal::from(g.count)))
            .collect();
        if let Some(coupon) = &self.coupon {
            draft.discounts.push(FundedDiscount {
                promotion_id: coupon.coupon_id.clone(),
                amount: coupon.amount,
                funded_by: FundedBy {
                    role: "merchant".into(),
                    party_id: None,
                },
                on: Default::default(),
            });
        }
        draft.delivery_fee = self.delivery_fee;
        if let Some(fee) = &self.pay_fee {
            draft.fees.push(DraftFee {
                id: "payment_fee".into(),
                party: Party::new(Role::PaymentProcessor, fee.processor.clone()),
                base: SplitBase::CustomerPaid,
                amount: FeeAmount::Percent(fee.rate),
                field: "payload.pay_fee",
            });
        }
        Ok(draft)
    }
}
