//! Top-up rules: bonus tiers ("top up 100, get 20; top up 300, get 50") and the spend
//! policy.

use serde::{Deserialize, Serialize};

use super::policy::SpendPolicy;
use crate::member::invalid;
use crate::money::{Currency, Money};
use crate::Error;

/// The most bonus tiers one rule set may have.
pub const MAX_BONUS_TIERS: usize = 64;

/// One top-up bonus tier: a top-up of at least `min_top_up` earns `bonus`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BonusTier {
    /// The smallest top-up that reaches the tier.
    pub min_top_up: Money,
    /// The bonus credited with such a top-up.
    pub bonus: Money,
}

/// The rules of a stored-value card programme (储值卡): bonus tiers, the spend policy and
/// the smallest top-up.
///
/// **Tiers do not repeat and do not add up**: of the tiers whose `min_top_up` the top-up
/// reaches, the highest one applies, once. With tiers 100 → 20 and 300 → 50, a top-up of
/// 99.99 earns nothing, 100 to 299.99 earn 20.00, 300 and above (even 1,000) earn 50.00.
///
/// On the wire: `{"bonus_tiers": [{"min_top_up": {"amount": "100.00", "currency": "CNY"},
/// "bonus": {"amount": "20.00", "currency": "CNY"}}], "spend_policy": "proportional"}`.
///
/// ```
/// use o2okit::CardRules;
/// let rules: CardRules = o2okit::decode(r#"{"bonus_tiers": [
///     {"min_top_up": {"amount": "100.00", "currency": "CNY"}, "bonus": {"amount": "20.00", "currency": "CNY"}},
///     {"min_top_up": {"amount": "300.00", "currency": "CNY"}, "bonus": {"amount": "50.00", "currency": "CNY"}}]}"#)?;
/// let cny = o2okit::Currency::from_code("CNY")?;
/// let bonus = |a: &str| rules.bonus_for(o2okit::Money::parse(a, cny).unwrap()).map(|m| m.to_string());
/// assert_eq!(bonus("99.99")?, "0.00 CNY");
/// assert_eq!(bonus("250.00")?, "20.00 CNY");
/// assert_eq!(bonus("1000.00")?, "50.00 CNY");
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CardRules {
    /// Bonus tiers, in any order; thresholds must be distinct.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bonus_tiers: Vec<BonusTier>,
    /// How a spend is taken from principal and bonus (default `proportional`).
    #[serde(default)]
    pub spend_policy: SpendPolicy,
    /// The smallest top-up accepted (none: any positive amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_top_up: Option<Money>,
}

impl CardRules {
    /// The bonus a top-up of `amount` earns: the bonus of the highest tier reached, or zero.
    ///
    /// Errors: [`Error::CurrencyMismatch`] when a tier is in another currency.
    pub fn bonus_for(&self, amount: Money) -> Result<Money, Error> {
        let mut best: Option<&BonusTier> = None;
        for tier in &self.bonus_tiers {
            amount.same_currency(&tier.min_top_up)?;
            amount.same_currency(&tier.bonus)?;
            if tier.min_top_up.amount() <= amount.amount()
                && best.is_none_or(|b| tier.min_top_up.amount() > b.min_top_up.amount())
            {
                best = Some(tier);
            }
        }
        Ok(best.map_or(Money::zero(amount.currency()), |tier| tier.bonus))
    }

    /// Check the rules against a card currency: every amount in it, thresholds positive and
    /// distinct, bonuses zero or positive.
    pub(crate) fn check(&self, currency: Currency) -> Result<(), Error> {
        if self.bonus_tiers.len() > MAX_BONUS_TIERS {
            return Err(invalid(
                "rules.bonus_tiers",
                format!(
                    "{} tiers, more than the {MAX_BONUS_TIERS} allowed",
                    self.bonus_tiers.len()
                ),
            ));
        }
        for (i, tier) in self.bonus_tiers.iter().enumerate() {
            for money in [tier.min_top_up, tier.bonus] {
                if money.currency() != currency {
                    return Err(Error::CurrencyMismatch {
                        left: currency.code().into(),
                        right: money.currency().code().into(),
                    });
                }
            }
            if !tier.min_top_up.is_positive() {
                return Err(invalid(
                    format!("rules.bonus_tiers[{i}].min_top_up"),
                    "a tier threshold must be positive",
                ));
            }
            if tier.bonus.is_negative() {
                return Err(invalid(
                    format!("rules.bonus_tiers[{i}].bonus"),
                    "a bonus must be zero or positive",
                ));
            }
            let repeated = self
                .bonus_tiers
                .iter()
                .take(i)
                .any(|other| other.min_top_up == tier.min_top_up);
            if repeated {
                return Err(invalid(
                    format!("rules.bonus_tiers[{i}].min_top_up"),
                    format!(
                        "two tiers start at {}; thresholds must be distinct",
                        tier.min_top_up
                    ),
                ));
            }
        }
        if let Some(min) = self.min_top_up {
            if min.currency() != currency {
                return Err(Error::CurrencyMismatch {
                    left: currency.code().into(),
                    right: min.currency().code().into(),
                });
            }
            if min.is_negative() {
                return Err(invalid("rules.min_top_up", "must be zero or positive"));
            }
        }
        Ok(())
    }
}
