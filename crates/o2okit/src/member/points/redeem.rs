//! Redeem points as a funded discount for the promotions pipeline.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::breakage::points_value;
use super::ledger::{apply, LotTake, PointsEntry, PointsEntryKind, PointsEvent, PointsState};
use super::program::PointsProgram;
use crate::member::invalid;
use crate::money::Money;
use crate::promo::{Base, Conditions, Discount, FundedBy, Promotion, Stacking, Trigger};
use crate::Error;

/// The input of the `points.redeem` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointsRedeemRequest {
    /// The member's points.
    pub state: PointsState,
    /// The programme (it must have a `point_value`).
    pub program: PointsProgram,
    /// Points to redeem.
    pub points: u64,
    /// When.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// The order the discount is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
}

/// The result of [`points_redeem`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointsRedemption {
    /// The points after the redemption (and the expiries due at `at`).
    pub state: PointsState,
    /// Expiries due at `at`, then the `redeem` entry.
    pub entries: Vec<PointsEntry>,
    /// The points taken, by lot, oldest (soonest-expiring) first.
    pub taken: Vec<LotTake>,
    /// The discount: points × point value.
    pub discount: Money,
    /// The discount as an automatic amount-off-order [`Promotion`] funded by the
    /// programme's payer: pass it to [`quote`](crate::quote) with the order's cart.
    pub promotion: Promotion,
}

/// Redeem `points` at `at` as a discount worth `points × point_value`, taking points from
/// the soonest-expiring lots first (lots due to expire at `at` expire first).
///
/// The promotion is `{"id": "points-<order_id>" (or "points"), "discount": {"type":
/// "amount_off_order", "amount": ...}, "funded_by": program.funded_by or {"role":
/// "merchant"}}`, automatic, with no conditions. Redeem no more than the order can
/// absorb: the quote caps an order discount at what is left to pay, and the points are
/// spent either way.
///
/// Errors: [`Error::InvalidMembership`] when the programme has no `point_value`,
/// [`Error::InsufficientPoints`], [`Error::EventsOutOfOrder`].
///
/// ```
/// use o2okit::{points_redeem, PointsProgram, PointsState};
/// let program: PointsProgram = o2okit::decode(r#"{"point_value": {"amount": "0.01", "currency": "CNY"},
///     "funded_by": {"role": "platform"}}"#)?;
/// let state: PointsState = o2okit::decode(r#"{"lots": [
///     {"id": "l1", "earned_at": "2026-01-15T10:00:00+08:00", "points": 300, "remaining": 300}], "balance": 300}"#)?;
/// let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T12:00:00+08:00").unwrap();
/// let redemption = points_redeem(&state, &program, 250, at, Some("o9"))?;
/// assert_eq!(redemption.discount.to_string(), "2.50 CNY");
/// assert_eq!(redemption.promotion.id, "points-o9");
/// assert_eq!(redemption.state.balance, 50);
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn points_redeem(
    state: &PointsState,
    program: &PointsProgram,
    points: u64,
    at: DateTime<FixedOffset>,
    order_id: Option<&str>,
) -> Result<PointsRedemption, Error> {
    let zone = program.check()?;
    state.check()?;
    let value = program.point_value.ok_or_else(|| {
        invalid(
            "program.point_value",
            "a redemption needs the value of one point, e.g. {\"amount\": \"0.01\", \"currency\": \"CNY\"}",
        )
    })?;
    let discount = points_value(points, value)?;
    let mut next = state.clone();
    let mut entries = Vec::new();
    let event = PointsEvent::Redeem {
        points,
        order_id: order_id.map(str::to_string),
    };
    apply(&mut next, program, &zone, &event, at, &mut entries)?;
    let taken = entries
        .iter()
        .rev()
        .find(|e| e.kind == PointsEntryKind::Redeem)
        .map(|e| e.lots.clone())
        .unwrap_or_default();
    let promotion = Promotion {
        id: order_id.map_or_else(|| "points".to_string(), |o| format!("points-{o}")),
        name: Some(format!("{points} points")),
        trigger: Trigger::Automatic,
        discount: Discount::AmountOffOrder { amount: discount },
        funded_by: program.funded_by.clone().unwrap_or(FundedBy {
            role: "merchant".into(),
            party_id: None,
        }),
        max_discount: None,
        conditions: Conditions::default(),
        stacking: Stacking::default(),
        base: Base::default(),
        threshold_on: Base::default(),
    };
    Ok(PointsRedemption {
        state: next,
        entries,
        taken,
        discount,
        promotion,
    })
}
