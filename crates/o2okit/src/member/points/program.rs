//! A points programme: how points are earned, when they expire, what one is worth and who
//! pays for a redemption.

use serde::{Deserialize, Serialize};

use super::breakage::BreakagePeriod;
use super::earn::EarnRule;
use super::expiry::ExpiryRule;
use crate::member::invalid;
use crate::money::Money;
use crate::promo::FundedBy;
use crate::Error;

/// The most earn rules one programme may have.
pub const MAX_EARN_RULES: usize = 64;

/// A points programme (积分).
///
/// On the wire: `{"earn": [{"type": "per_amount", "points": 1, "per": {"amount": "10.00",
/// "currency": "CNY"}}], "expiry": {"months_after": 6, "at": "end_of_month"},
/// "time_zone": "Asia/Shanghai", "point_value": {"amount": "0.01", "currency": "CNY"},
/// "funded_by": {"role": "merchant"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PointsProgram {
    /// Earn rules; the points of every rule add up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earn: Vec<EarnRule>,
    /// When earned points expire (none: never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<ExpiryRule>,
    /// The IANA time zone of the calendar rules and of the breakage periods (default `UTC`).
    #[serde(default = "utc")]
    pub time_zone: String,
    /// What one point is worth when redeemed (and as breakage value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point_value: Option<Money>,
    /// Who funds the discount of a redemption (default: the `merchant` role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funded_by: Option<FundedBy>,
    /// The periods breakage is reported by (default `month`).
    #[serde(default)]
    pub breakage_period: BreakagePeriod,
}

fn utc() -> String {
    "UTC".to_string()
}

impl PointsProgram {
    /// Check the programme and resolve its time zone.
    pub(crate) fn check(&self) -> Result<crate::calendar::Zone, Error> {
        if self.earn.len() > MAX_EARN_RULES {
            return Err(invalid(
                "program.earn",
                format!(
                    "{} rules, more than the {MAX_EARN_RULES} allowed",
                    self.earn.len()
                ),
            ));
        }
        for (i, rule) in self.earn.iter().enumerate() {
            rule.check(i)?;
        }
        if let Some(expiry) = &self.expiry {
            expiry.check()?;
        }
        if let Some(value) = self.point_value {
            if value.is_negative() {
                return Err(invalid("program.point_value", "must be zero or positive"));
            }
        }
        crate::calendar::time_zone(&self.time_zone)
    }
}
