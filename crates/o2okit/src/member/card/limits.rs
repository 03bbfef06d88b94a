//! Optional per-card limits, with the PBOC prepaid-card figures as documented examples.

use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money};
use crate::Error;

/// Whether the card is registered to a named holder (记名卡) or anonymous (不记名卡).
/// o2okit attaches no rule to the kind by itself; it selects the example limits of
/// [`CardLimits::pboc_example`] and is reported back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    /// Registered to a named holder (记名卡). The default.
    #[default]
    Registered,
    /// Not registered (不记名卡).
    Anonymous,
}

/// Limits of one card. Every limit is an input: o2okit hard-codes no regulator's figure.
///
/// `max_balance` caps principal **plus** bonus after a top-up; a top-up that would go
/// above it is rejected whole with [`Error::BalanceLimitExceeded`] (nothing is credited).
/// Refunds are not capped: they give back value the card already held.
///
/// ```
/// use o2okit::{CardKind, CardLimits};
/// let limits = CardLimits::pboc_example(CardKind::Anonymous)?;
/// assert_eq!(limits.max_balance.unwrap().to_string(), "1000.00 CNY");
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CardLimits {
    /// The most principal plus bonus the card may hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_balance: Option<Money>,
}

impl CardLimits {
    /// Example limits after the People's Bank of China rule for single-purpose prepaid
    /// cards issued by businesses: at most 5,000.00 CNY on a registered card and
    /// 1,000.00 CNY on an anonymous one. An example to copy into a card's `limits`, not a
    /// default: check the rule that applies to you.
    pub fn pboc_example(kind: CardKind) -> Result<CardLimits, Error> {
        let cny = Currency::from_code("CNY")?;
        let yuan: i128 = match kind {
            CardKind::Registered => 5_000,
            CardKind::Anonymous => 1_000,
        };
        let minor = yuan
            .checked_mul(100)
            .ok_or_else(|| Error::out_of_range("example limit"))?;
        Ok(CardLimits {
            max_balance: Some(Money::from_minor(minor, cny)?),
        })
    }

    pub(crate) fn is_unlimited(&self) -> bool {
        self.max_balance.is_none()
    }
}
