//! Spend policies: how a spend is taken from principal and bonus, and how a refund gives
//! it back.

use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::Error;

/// How a spend is taken from a card's principal (本金) and bonus (赠送金).
///
/// - `proportional` (the default): in the ratio of the balances before the spend. The
///   bonus share is rounded **down** to the minor unit and the principal takes the rest, so
///   the odd cent always comes out of principal: spending 0.01 from 100.00 + 20.00 takes
///   0.01 principal and 0.00 bonus; spending 60.00 takes 50.00 + 10.00. Neither share can
///   exceed its balance.
/// - `bonus_first`: bonus until it is used up, then principal.
/// - `principal_first`: principal until it is used up, then bonus.
///
/// ```
/// use o2okit::{Currency, Money, SpendPolicy};
/// let cny = Currency::from_code("CNY")?;
/// let m = |a: &str| Money::parse(a, cny).unwrap();
/// let (p, b) = SpendPolicy::Proportional.take(m("60.00"), m("100.00"), m("20.00"))?;
/// assert_eq!((p.to_string(), b.to_string()), ("50.00 CNY".into(), "10.00 CNY".into()));
/// let (p, b) = SpendPolicy::Proportional.take(m("0.05"), m("100.00"), m("20.00"))?;
/// assert_eq!((p.to_string(), b.to_string()), ("0.05 CNY".into(), "0.00 CNY".into()));
/// let (p, b) = SpendPolicy::BonusFirst.take(m("30.00"), m("100.00"), m("20.00"))?;
/// assert_eq!((p.to_string(), b.to_string()), ("10.00 CNY".into(), "20.00 CNY".into()));
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SpendPolicy {
    /// In the ratio of the balances; bonus share rounded down, principal takes the rest.
    #[default]
    Proportional,
    /// Bonus first, then principal.
    BonusFirst,
    /// Principal first, then bonus.
    PrincipalFirst,
}

impl SpendPolicy {
    /// Split `amount` into `(principal, bonus)` taken from balances `principal` and `bonus`.
    /// The two parts add up to `amount` exactly.
    ///
    /// Errors: [`Error::InsufficientBalance`] (with an empty card id) when `amount` is more
    /// than `principal + bonus`; [`Error::CurrencyMismatch`]; [`Error::AmountOutOfRange`].
    pub fn take(
        self,
        amount: Money,
        principal: Money,
        bonus: Money,
    ) -> Result<(Money, Money), Error> {
        amount.same_currency(&principal)?;
        amount.same_currency(&bonus)?;
        let currency = amount.currency();
        let (a, p, b) = (
            amount.minor_units(),
            principal.minor_units(),
            bonus.minor_units(),
        );
        let total = p.checked_add(b).ok_or_else(overflow)?;
        if a < 0 || p < 0 || b < 0 || a > total {
            return Err(Error::InsufficientBalance {
                card: String::new(),
                requested: amount.to_string(),
                available: Money::from_minor(total, currency)?.to_string(),
            });
        }
        let from_bonus = match self {
            SpendPolicy::Proportional => share_down(a, b, total)?,
            SpendPolicy::BonusFirst => a.min(b),
            SpendPolicy::PrincipalFirst => a.checked_sub(a.min(p)).ok_or_else(overflow)?,
        };
        let from_principal = a.checked_sub(from_bonus).ok_or_else(overflow)?;
        Ok((
            Money::from_minor(from_principal, currency)?,
            Money::from_minor(from_bonus, currency)?,
        ))
    }
}

/// `floor(amount × part / whole)` on whole minor units (all non-negative); zero when
/// `whole` is zero.
pub(crate) fn share_down(amount: i128, part: i128, whole: i128) -> Result<i128, Error> {
    if whole == 0 {
        return Ok(0);
    }
    amount
        .checked_mul(part)
        .and_then(|x| x.checked_div(whole))
        .ok_or_else(overflow)
}

fn overflow() -> Error {
    Error::out_of_range("stored-value card arithmetic")
}
