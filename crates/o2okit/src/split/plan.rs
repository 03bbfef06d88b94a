//! Split plans as data: the ordered rules, the remainder, the standing parties; validated
//! and compiled once, then applied to many orders.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::attribution::Weigher;
use super::base::SplitBase;
use super::exact::Fraction;
use super::payee::Payee;
use super::rule::{Pay, Rule, TierBy};
use crate::money::{Currency, Money};
use crate::roles::Party;
use crate::Error;

/// A split plan: an ordered waterfall of rules, each applied to a named base, and the party
/// that gets the remainder.
///
/// ```
/// use o2okit::SplitPlan;
/// let plan: SplitPlan = o2okit::decode(r#"{
///   "rules": [
///     {"id": "processor", "to": {"role": "payment_processor", "party_id": "wxpay"}, "base": "customer_paid",
///      "pay": {"type": "percent", "percent": "0.6"}},
///     {"id": "platform", "to": {"role": "platform", "party_id": "mall"}, "base": "gross_paid",
///      "pay": {"type": "percent", "percent": "8"}, "cap": {"percent": "30"}}
///   ],
///   "remainder": {"role": "merchant"}
/// }"#)?;
/// assert_eq!(plan.rules.len(), 2);
/// plan.validate()?;
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SplitPlan {
    /// A name for the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The waterfall, applied in order.
    pub rules: Vec<Rule>,
    /// Who gets what the rules leave (default: the order's merchant). Discounts funded by
    /// this party are price reductions; discounts funded by anyone else are subsidies.
    #[serde(default)]
    pub remainder: Payee,
    /// Parties that fill a role in every order (an order's own parties come first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
}

/// A validated plan with its numbers prepared (percents as exact fractions, amounts in minor
/// units, decay tables cached), ready to split many orders quickly. Build it with
/// [`SplitPlan::compile`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledPlan {
    pub(crate) plan: SplitPlan,
    pub(crate) currency: Option<Currency>,
    pub(crate) rules: Vec<CompiledRule>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompiledRule {
    pub(crate) pay: CompiledPay,
    pub(crate) min: Option<i128>,
    pub(crate) max: Option<i128>,
    pub(crate) cap: Option<(Fraction, SplitBase)>,
    pub(crate) weigher: Option<Weigher>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CompiledPay {
    Percent(Fraction),
    Fixed(i128),
    PercentPlusFixed(Fraction, i128),
    Tiered {
        by: TierBy,
        tiers: Vec<(Decimal, Fraction)>,
    },
}

fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::InvalidPlan {
        field: field.into(),
        reason: reason.into(),
    }
}

impl SplitPlan {
    /// A plan with these rules, the remainder to the merchant and no standing parties.
    pub fn new(rules: Vec<Rule>) -> SplitPlan {
        SplitPlan {
            id: None,
            rules,
            remainder: Payee::default(),
            parties: Vec::new(),
        }
    }

    /// Check the plan without splitting anything: [`Error::InvalidPlan`] for a bad percent
    /// (outside 0–100, or −100–100 with `allow_negative`), a negative amount without
    /// `allow_negative`, `min` above `max`, tiers out of order, an empty or attributed
    /// remainder, an attribution with a `party_id`, a role filled twice; [`Error::DuplicateId`]
    /// for two rules with one id; [`Error::CurrencyMismatch`] for amounts in two currencies;
    /// [`Error::InvalidAttribution`] for a bad attribution model.
    pub fn validate(&self) -> Result<(), Error> {
        self.compile_with(false).map(|_| ())
    }

    /// Validate and prepare the plan for many orders (see [`CompiledPlan`]).
    pub fn compile(&self) -> Result<CompiledPlan, Error> {
        self.compile_with(true)
    }

    /// Validate and prepare; `cache` builds the decay tables.
    pub(crate) fn compile_with(&self, cache: bool) -> Result<CompiledPlan, Error> {
        let mut currency: Option<Currency> = None;
        let mut see = |m: &Money| -> Result<i128, Error> {
            match currency {
                Some(c) if c != m.currency() => Err(Error::CurrencyMismatch {
                    left: c.code().to_string(),
                    right: m.currency().code().to_string(),
                }),
                _ => {
                    currency = Some(m.currency());
                    Ok(m.minor_units())
                }
            }
        };
        if self.remainder.attribution.is_some() {
            return Err(invalid(
                "remainder.attribution",
                "the remainder goes to one party; credit a journey with a rule instead",
            ));
        }
        check_party_id(&self.remainder, "remainder")?;
        let mut roles = BTreeSet::new();
        for (i, party) in self.parties.iter().enumerate() {
            if party.party_id.is_empty() {
                return Err(invalid(
                    format!("parties[{i}].party_id"),
                    "must not be empty",
                ));
            }
            if !roles.insert(&party.role) {
                return Err(invalid(
                    format!("parties[{i}]"),
                    format!(
                        "the role {:?} is filled twice; give each role one party",
                        party.role.as_str()
                    ),
                ));
            }
        }
        let mut ids = BTreeSet::new();
        let mut rules = Vec::with_capacity(self.rules.len());
        for (i, rule) in self.rules.iter().enumerate() {
            let at = |field: &str| format!("rules[{i}].{field}");
            if rule.id.is_empty() {
                return Err(invalid(at("id"), "a rule needs an id"));
            }
            if !ids.insert(rule.id.as_str()) {
                return Err(Error::DuplicateId {
                    what: "rule".into(),
                    id: rule.id.clone(),
                });
            }
            check_party_id(&rule.to, &at("to"))?;
            if rule.to.attribution.is_some() && rule.to.party_id.is_some() {
                return Err(invalid(
                    at("to"),
                    "give either a party_id or an attribution model, not both",
                ));
            }
            let negative_ok = rule.allow_negative;
            let percent = |p: &Decimal, field: &str| -> Result<Fraction, Error> {
                let low = if negative_ok {
                    Decimal::new(-100, 0)
                } else {
                    Decimal::ZERO
                };
                if *p < low || *p > Decimal::ONE_HUNDRED {
                    return Err(invalid(
                        at(field),
                        format!(
                            "{p} is not a percent from {low} to 100 (\"8\" means 8%){}",
                            if negative_ok {
                                ""
                            } else {
                                "; set allow_negative for a negative percent"
                            }
                        ),
                    ));
                }
                Fraction::percent(*p)
            };
            let mut amount = |m: &Money, field: &str| -> Result<i128, Error> {
                let units = see(m)?;
                if units < 0 && !negative_ok {
                    return Err(invalid(
                        at(field),
                        format!("{m} is negative; set allow_negative to take money from the payee"),
                    ));
                }
                Ok(units)
            };
            let pay = match &rule.pay {
                Pay::Percent { percent: p } => CompiledPay::Percent(percent(p, "pay.percent")?),
                Pay::Fixed { amount: a } => CompiledPay::Fixed(amount(a, "pay.amount")?),
                Pay::PercentPlusFixed { percent: p, fixed } => CompiledPay::PercentPlusFixed(
                    percent(p, "pay.percent")?,
                    amount(fixed, "pay.fixed")?,
                ),
                Pay::Tiered { by, tiers } => {
                    if tiers.is_empty() {
                        return Err(invalid(at("pay.tiers"), "give at least one tier"));
                    }
                    let mut compiled: Vec<(Decimal, Fraction)> = Vec::with_capacity(tiers.len());
                    for (t, tier) in tiers.iter().enumerate() {
                        if compiled.last().is_some_and(|(from, _)| tier.from <= *from) {
                            return Err(invalid(
                                at(&format!("pay.tiers[{t}].from")),
                                "tiers must be listed with strictly increasing `from`",
                            ));
                        }
                        compiled.push((
                            tier.from,
                            percent(&tier.percent, &format!("pay.tiers[{t}].percent"))?,
                        ));
                    }
                    CompiledPay::Tiered {
                        by: *by,
                        tiers: compiled,
                    }
                }
            };
            let min = rule.min.as_ref().map(|m| amount(m, "min")).transpose()?;
            let max = rule.max.as_ref().map(|m| amount(m, "max")).transpose()?;
            if let (Some(lo), Some(hi)) = (min, max) {
                if lo > hi {
                    return Err(invalid(at("min"), "min is above max"));
                }
            }
            let cap = match &rule.cap {
                None => None,
                Some(cap) => {
                    if cap.percent.is_sign_negative() && !cap.percent.is_zero()
                        || cap.percent > Decimal::ONE_HUNDRED
                    {
                        return Err(invalid(
                            at("cap.percent"),
                            format!("{} is not a percent from 0 to 100", cap.percent),
                        ));
                    }
                    Some((
                        Fraction::percent(cap.percent)?,
                        cap.base.unwrap_or(rule.base),
                    ))
                }
            };
            let weigher = match &rule.to.attribution {
                None => None,
                Some(model) => Some(Weigher::new(model, cache)?),
            };
            rules.push(CompiledRule {
                pay,
                min,
                max,
                cap,
                weigher,
            });
        }
        Ok(CompiledPlan {
            plan: self.clone(),
            currency,
            rules,
        })
    }
}

fn check_party_id(payee: &Payee, field: &str) -> Result<(), Error> {
    if payee.party_id.as_deref() == Some("") {
        return Err(invalid(
            format!("{field}.party_id"),
            "must not be empty; leave it out to take the party from the order or the plan",
        ));
    }
    Ok(())
}

impl CompiledPlan {
    /// The plan this was compiled from.
    pub fn plan(&self) -> &SplitPlan {
        &self.plan
    }

    /// The currency of the plan's fixed amounts, if it has any (orders must then use it).
    pub fn currency(&self) -> Option<Currency> {
        self.currency
    }
}
