//! Checking a quote's input and laying the cart out as units in minor units.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::cart::Cart;
use super::promotion::{Discount, FixedPricePer, Promotion};
use crate::money::{Currency, Money, Rounding};
use crate::Error;

/// The most countable units one quote handles (weighed lines count as one unit each).
pub const MAX_UNITS: u64 = 10_000;

/// The cart as units, in minor units of its one currency.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub(crate) currency: Currency,
    /// Unit → line index.
    pub(crate) unit_line: Vec<usize>,
    /// Unit → original price (minor units).
    pub(crate) unit_original: Vec<i128>,
    /// Line → its units `[start, end)`.
    pub(crate) line_units: Vec<(usize, usize)>,
    /// The delivery fee in minor units (0 when absent).
    pub(crate) delivery_fee: i128,
    /// Sum of the original unit prices.
    pub(crate) subtotal: i128,
}

impl Prepared {
    pub(crate) fn money(&self, units: i128) -> Result<Money, Error> {
        Money::from_minor(units, self.currency)
    }
}

fn check_currency(expected: Currency, money: &Money) -> Result<(), Error> {
    if money.currency() == expected {
        Ok(())
    } else {
        Err(Error::CurrencyMismatch {
            left: expected.code().to_string(),
            right: money.currency().code().to_string(),
        })
    }
}

/// `units`, or [`Error::TooManyUnits`] above [`MAX_UNITS`].
fn within_unit_limit(units: u64) -> Result<u64, Error> {
    if units > MAX_UNITS {
        Err(Error::TooManyUnits {
            units: format!("more than {MAX_UNITS}"),
            limit: MAX_UNITS,
        })
    } else {
        Ok(units)
    }
}

/// Check a cart and lay it out as units.
pub(crate) fn prepare_cart(cart: &Cart) -> Result<Prepared, Error> {
    let first = cart.lines.first().ok_or_else(|| Error::InvalidInput {
        field: "cart.lines".into(),
        reason: "a cart needs at least one line".into(),
    })?;
    let currency = first.unit_price.currency();
    let mut ids = BTreeSet::new();
    // Room for the units up front (whole quantities, one unit per weighed line), within the
    // unit limit; a bad quantity is reported below.
    let expected = cart
        .lines
        .iter()
        .map(|l| {
            let q = l.quantity.normalize();
            if q.scale() == 0 {
                usize::try_from(q.mantissa()).unwrap_or(0)
            } else {
                1
            }
        })
        .fold(0usize, usize::saturating_add)
        .min(usize::try_from(MAX_UNITS).unwrap_or(usize::MAX));
    let mut unit_line = Vec::with_capacity(expected);
    let mut unit_original = Vec::with_capacity(expected);
    let mut line_units = Vec::with_capacity(cart.lines.len());
    let mut total_units: u64 = 0;
    let mut subtotal: i128 = 0;
    let overflow = || Error::out_of_range("the cart subtotal");
    for (index, line) in cart.lines.iter().enumerate() {
        if !ids.insert(line.id.as_str()) {
            return Err(Error::DuplicateId {
                what: "line".into(),
                id: line.id.clone(),
            });
        }
        check_currency(currency, &line.unit_price)?;
        if line.unit_price.is_negative() {
            return Err(Error::InvalidInput {
                field: format!("cart.lines[{index}].unit_price"),
                reason: format!(
                    "{} is negative; a price must be zero or more",
                    line.unit_price
                ),
            });
        }
        if line.quantity <= Decimal::ZERO {
            return Err(Error::InvalidQuantity {
                line: line.id.clone(),
                quantity: line.quantity.to_string(),
            });
        }
        let start = unit_original.len();
        let whole = line.quantity.normalize();
        if whole.scale() == 0 {
            let count = u64::try_from(whole.mantissa()).map_err(|_| Error::InvalidQuantity {
                line: line.id.clone(),
                quantity: line.quantity.to_string(),
            })?;
            total_units = within_unit_limit(total_units.saturating_add(count))?;
            let price = line.unit_price.minor_units();
            for _ in 0..count {
                unit_line.push(index);
                unit_original.push(price);
                subtotal = subtotal.checked_add(price).ok_or_else(overflow)?;
            }
        } else {
            total_units = within_unit_limit(total_units.saturating_add(1))?;
            let price = line
                .unit_price
                .checked_mul(line.quantity, Rounding::HalfEven)?;
            unit_line.push(index);
            unit_original.push(price.minor_units());
            subtotal = subtotal
                .checked_add(price.minor_units())
                .ok_or_else(overflow)?;
        }
        line_units.push((start, unit_original.len()));
    }
    let delivery_fee = match &cart.delivery_fee {
        Some(fee) => {
            check_currency(currency, fee)?;
            if fee.is_negative() {
                return Err(Error::InvalidInput {
                    field: "cart.delivery_fee".into(),
                    reason: format!("{fee} is negative"),
                });
            }
            fee.minor_units()
        }
        None => 0,
    };
    Ok(Prepared {
        currency,
        unit_line,
        unit_original,
        line_units,
        delivery_fee,
        subtotal,
    })
}

fn percent_ok(id: &str, percent: &Decimal) -> Result<(), Error> {
    if *percent < Decimal::ZERO || *percent > Decimal::ONE_HUNDRED {
        return Err(Error::InvalidInput {
            field: format!("promotion {id:?} percent"),
            reason: format!("{percent} is not between 0 and 100"),
        });
    }
    Ok(())
}

fn positive(id: &str, what: &str, money: &Money) -> Result<(), Error> {
    if money.is_positive() {
        Ok(())
    } else {
        Err(Error::InvalidInput {
            field: format!("promotion {id:?} {what}"),
            reason: format!("{money} must be positive"),
        })
    }
}

fn non_negative(id: &str, what: &str, money: &Money) -> Result<(), Error> {
    if money.is_negative() {
        Err(Error::InvalidInput {
            field: format!("promotion {id:?} {what}"),
            reason: format!("{money} must not be negative"),
        })
    } else {
        Ok(())
    }
}

fn at_least_one(id: &str, what: &str, n: u32) -> Result<(), Error> {
    if n == 0 {
        Err(Error::InvalidInput {
            field: format!("promotion {id:?} {what}"),
            reason: "must be at least 1".into(),
        })
    } else {
        Ok(())
    }
}

/// Check the promotions against each other and the cart's currency.
pub(crate) fn check_promotions(promotions: &[Promotion], currency: Currency) -> Result<(), Error> {
    let mut ids = BTreeSet::new();
    for p in promotions {
        if !ids.insert(p.id.as_str()) {
            return Err(Error::DuplicateId {
                what: "promotion".into(),
                id: p.id.clone(),
            });
        }
        let id = p.id.as_str();
        p.conditions.schedule.validate()?;
        if let Some(m) = &p.max_discount {
            check_currency(currency, m)?;
            non_negative(id, "max_discount", m)?;
        }
        if let Some(m) = &p.conditions.min_subtotal {
            check_currency(currency, m)?;
        }
        match &p.discount {
            Discount::PercentOffItems { percent }
            | Discount::PercentOffOrder { percent }
            | Discount::NthItem { percent, .. }
            | Discount::BuyXGetY { percent, .. } => percent_ok(id, percent)?,
            Discount::AmountOffItems { amount }
            | Discount::AmountOffOrder { amount }
            | Discount::NoThreshold { amount } => {
                check_currency(currency, amount)?;
                non_negative(id, "amount", amount)?;
            }
            Discount::FixedPrice {
                price,
                per,
                bundle_size,
            } => {
                check_currency(currency, price)?;
                non_negative(id, "price", price)?;
                if *per == FixedPricePer::Bundle {
                    at_least_one(id, "bundle_size", bundle_size.unwrap_or(0))?;
                }
            }
            Discount::MemberPrice { prices } => {
                for entry in prices {
                    check_currency(currency, &entry.price)?;
                    non_negative(id, "member price", &entry.price)?;
                }
            }
            Discount::Threshold { tiers } => {
                if tiers.is_empty() {
                    return Err(Error::InvalidInput {
                        field: format!("promotion {id:?} tiers"),
                        reason: "a threshold needs at least one tier".into(),
                    });
                }
                for tier in tiers {
                    check_currency(currency, &tier.min_spend)?;
                    check_currency(currency, &tier.off)?;
                    non_negative(id, "tier min_spend", &tier.min_spend)?;
                    non_negative(id, "tier off", &tier.off)?;
                }
            }
            Discount::Repeating { step, off, cap } => {
                check_currency(currency, step)?;
                check_currency(currency, off)?;
                positive(id, "step", step)?;
                non_negative(id, "off", off)?;
                if let Some(cap) = cap {
                    check_currency(currency, cap)?;
                    non_negative(id, "cap", cap)?;
                }
            }
            Discount::Delivery { percent, amount } => match (percent, amount) {
                (Some(p), None) => percent_ok(id, p)?,
                (None, Some(a)) => {
                    check_currency(currency, a)?;
                    non_negative(id, "amount", a)?;
                }
                _ => {
                    return Err(Error::InvalidInput {
                        field: format!("promotion {id:?} discount"),
                        reason: "a delivery discount needs exactly one of `percent` or `amount`"
                            .into(),
                    })
                }
            },
            Discount::Gift {
                value, quantity, ..
            } => {
                check_currency(currency, value)?;
                non_negative(id, "gift value", value)?;
                at_least_one(id, "gift quantity", *quantity)?;
            }
        }
        if let Discount::NthItem { n, .. } = &p.discount {
            at_least_one(id, "n", *n)?;
        }
        if let Discount::BuyXGetY {
            buy,
            get,
            max_applications,
            ..
        } = &p.discount
        {
            at_least_one(id, "buy", *buy)?;
            at_least_one(id, "get", *get)?;
            if let Some(max) = max_applications {
                at_least_one(id, "max_applications", *max)?;
            }
        }
    }
    Ok(())
}
