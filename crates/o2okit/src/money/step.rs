//! Cash rounding to a step coarser than the minor unit (CHF 0.05, CNY 0.10 on some tills).

use super::{Currency, Money, Rounding};
use crate::Error;
use rust_decimal::Decimal;

/// A cash-rounding step: a positive whole multiple of a currency's minor unit, such as
/// CHF 0.05 (Swiss cash) or SEK 1.
///
/// ```
/// use o2okit::{CashStep, Currency, Money, Rounding};
/// let chf = Currency::from_code("CHF")?;
/// let step = CashStep::new("0.05".parse().unwrap(), chf)?;
/// assert_eq!(step.round(Money::parse("2.32", chf)?, Rounding::HalfEven)?.to_string(), "2.30 CHF");
/// assert_eq!(step.round(Money::parse("2.33", chf)?, Rounding::HalfEven)?.to_string(), "2.35 CHF");
/// // A step finer than the minor unit is an error.
/// assert_eq!(CashStep::new("0.005".parse().unwrap(), chf).unwrap_err().code(), "invalid_step");
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CashStep {
    step: Money,
}

impl CashStep {
    /// A step of `step` in `currency`. Errors with [`Error::InvalidStep`] unless the step
    /// is positive and a whole multiple of the currency's minor unit.
    pub fn new(step: Decimal, currency: Currency) -> Result<CashStep, Error> {
        let invalid = || Error::InvalidStep {
            step: step.to_string(),
            currency: currency.code().to_string(),
        };
        let money = Money::new(step, currency).map_err(|_| invalid())?;
        if !money.is_positive() {
            return Err(invalid());
        }
        Ok(CashStep { step: money })
    }

    /// The minor unit of `currency` as a step (rounding to it is a no-op for valid money).
    pub fn minor_unit(currency: Currency) -> CashStep {
        CashStep {
            step: Money::from_minor(1, currency).unwrap_or_else(|_| Money::zero(currency)),
        }
    }

    /// The step as money.
    pub fn amount(&self) -> Money {
        self.step
    }

    /// The step in minor units (CHF 0.05 → 5).
    pub fn units(&self) -> i128 {
        self.step.minor_units()
    }

    /// Round `money` to a whole number of steps.
    pub fn round(&self, money: Money, rounding: Rounding) -> Result<Money, Error> {
        self.step.same_currency(&money)?;
        let steps = rounding
            .div_i128(money.minor_units(), self.units())
            .ok_or_else(|| Error::out_of_range(format!("{money} in steps of {}", self.step)))?;
        let units = steps
            .checked_mul(self.units())
            .ok_or_else(|| Error::out_of_range(format!("{money} rounded to {}", self.step)))?;
        Money::from_minor(units, money.currency())
    }

    /// How many whole steps `money` holds; errors with [`Error::NotOnStep`] when it is not
    /// a whole number of steps.
    pub fn count(&self, money: Money) -> Result<i128, Error> {
        self.step.same_currency(&money)?;
        let units = money.minor_units();
        match (
            units.checked_rem(self.units()),
            units.checked_div(self.units()),
        ) {
            (Some(0), Some(count)) => Ok(count),
            _ => Err(Error::NotOnStep {
                amount: money.to_string(),
                step: self.step.to_string(),
            }),
        }
    }
}
