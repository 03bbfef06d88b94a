//! Delivery fee and ETA tiers by distance, and the minimum order of a zone.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{Error, Money, Rounding};

/// A delivery fee and ETA table by distance.
///
/// Up to `base_distance_m` the fee is `base_fee` and the ETA `base_eta_minutes`; each
/// further kilometre, **a started kilometre counting as a whole one** (the extra distance
/// is rounded up to whole km), adds `per_km_fee` and `per_km_eta_minutes`. `min_order` is
/// the smallest order subtotal the zone delivers (checked when the order gives a subtotal).
///
/// ```
/// use o2okit::FeeTable;
/// let table: FeeTable = o2okit::decode(r#"{"base_distance_m": 3000,
///     "base_fee": {"amount": "5.00", "currency": "CNY"}, "base_eta_minutes": 30,
///     "per_km_fee": {"amount": "1.00", "currency": "CNY"}, "per_km_eta_minutes": 10}"#)?;
/// // 4.2 km: 1.2 km beyond the base, which is 2 started kilometres.
/// let (fee, eta) = table.fee_and_eta(4200)?;
/// assert_eq!(fee.to_string(), "7.00 CNY");
/// assert_eq!(eta, 50);
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FeeTable {
    /// The distance the base fee and ETA cover, in metres.
    pub base_distance_m: u32,
    /// The fee up to `base_distance_m`.
    pub base_fee: Money,
    /// The ETA up to `base_distance_m`, in minutes.
    pub base_eta_minutes: u32,
    /// The fee for each further (started) kilometre.
    pub per_km_fee: Money,
    /// The minutes added for each further (started) kilometre.
    pub per_km_eta_minutes: u32,
    /// The smallest order subtotal this zone delivers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_order: Option<Money>,
}

impl FeeTable {
    pub(crate) fn validate(&self, field: &str) -> Result<(), Error> {
        let currency = self.base_fee.currency();
        for (name, money) in [
            ("per_km_fee", Some(&self.per_km_fee)),
            ("min_order", self.min_order.as_ref()),
        ] {
            if let Some(money) = money {
                if money.currency() != currency {
                    return Err(Error::InvalidStore {
                        field: format!("{field}.{name}"),
                        reason: format!(
                            "{} is not in {}, the currency of base_fee; use one currency per table",
                            money,
                            currency.code()
                        ),
                    });
                }
            }
        }
        for (name, money) in [
            ("base_fee", Some(&self.base_fee)),
            ("per_km_fee", Some(&self.per_km_fee)),
            ("min_order", self.min_order.as_ref()),
        ] {
            if money.is_some_and(Money::is_negative) {
                return Err(Error::InvalidStore {
                    field: format!("{field}.{name}"),
                    reason: "fees and minimum orders cannot be negative".into(),
                });
            }
        }
        Ok(())
    }

    /// The started kilometres beyond the base distance.
    fn extra_km(&self, distance_m: u32) -> u32 {
        distance_m
            .saturating_sub(self.base_distance_m)
            .div_ceil(1000)
    }

    /// The fee and the ETA in minutes for a distance in metres.
    pub fn fee_and_eta(&self, distance_m: u32) -> Result<(Money, u32), Error> {
        let km = self.extra_km(distance_m);
        let fee = self.base_fee.checked_add(
            self.per_km_fee
                .checked_mul(Decimal::from(km), Rounding::HalfEven)?,
        )?;
        let eta = self
            .per_km_eta_minutes
            .checked_mul(km)
            .and_then(|extra| extra.checked_add(self.base_eta_minutes))
            .ok_or_else(|| Error::out_of_range("delivery ETA in minutes"))?;
        Ok((fee, eta))
    }
}
