//! Split rules: what one step of a waterfall pays, to whom, on which base.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::base::SplitBase;
use super::payee::Payee;
use crate::money::{Money, Rounding};
use crate::wire::decimal::decimal_string;

/// One step of a split plan's waterfall: pay `to` an amount computed by `pay` on `base`,
/// then clamp it to `min`/`max` and cap it at a ratio of a base.
///
/// The six rule forms of the revenue split are written like this:
///
/// | form | JSON |
/// |---|---|
/// | percent | `"pay": {"type": "percent", "percent": "8"}` (8%) |
/// | fixed amount | `"pay": {"type": "fixed", "amount": {"amount": "5.00", "currency": "CNY"}}` |
/// | percent plus fixed | `"pay": {"type": "percent_plus_fixed", "percent": "0.6", "fixed": {…}}` |
/// | min/max clamp | any `pay` with `"min": {…}` and/or `"max": {…}` |
/// | tiered percent | `"pay": {"type": "tiered", "by": "amount" \| "volume", "tiers": [{"from": "0", "percent": "5"}, …]}` |
/// | ratio cap | any `pay` with `"cap": {"percent": "30"}` (at most 30% of the rule's base, or of `cap.base`) |
///
/// Percents are decimal strings meaning percent, as in promotions: `"0.6"` is 0.6%.
///
/// **Order of computation and rounding.** The base is taken (a negative base counts as zero
/// unless `allow_negative`); the percent of it is computed exactly and rounded once to the
/// minor unit with `rounding` (half-even by default), and a fixed amount is added; then the
/// amount is raised to `min` and lowered to `max`; then it is lowered to the ratio cap, which
/// is rounded **down** (toward negative infinity) so that the cap is never exceeded, not even
/// by one unit: "platform ≤ 30%" of 33.33 allows 9.99, not 10.00.
///
/// ```
/// use o2okit::Rule;
/// let rule: Rule = o2okit::decode(r#"{"id": "platform", "to": {"role": "platform"}, "base": "gross_paid",
///     "pay": {"type": "percent", "percent": "35"}, "cap": {"percent": "30"}}"#)?;
/// assert_eq!(rule.base.as_str(), "gross_paid");
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Unique within the plan; written on every ledger line the rule makes.
    pub id: String,
    /// Who is paid.
    pub to: Payee,
    /// What the percent is of (and what `by: amount` tiers look at).
    pub base: SplitBase,
    /// How the amount is computed.
    pub pay: Pay,
    /// The least the rule pays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Money>,
    /// The most the rule pays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Money>,
    /// A ratio cap: at most a percent of a base, rounded down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<RatioCap>,
    /// How the percent is rounded to the minor unit (default half-even).
    #[serde(default)]
    pub rounding: Rounding,
    /// Allow negative percents, amounts and bases, so the rule can take money from its payee
    /// (a share of a loss). Without it a rule never pays less than zero.
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_negative: bool,
}

fn is_false(v: &bool) -> bool {
    !*v
}

impl Rule {
    /// A rule paying `to` with `pay` on `base`, no clamp, no cap, half-even rounding.
    pub fn new(id: impl Into<String>, to: Payee, base: SplitBase, pay: Pay) -> Rule {
        Rule {
            id: id.into(),
            to,
            base,
            pay,
            min: None,
            max: None,
            cap: None,
            rounding: Rounding::HalfEven,
            allow_negative: false,
        }
    }
}

/// How a rule's amount is computed from its base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Pay {
    /// A percent of the base (`"8"` is 8%), rounded with the rule's rounding.
    Percent {
        /// 0–100 (−100–100 with `allow_negative`).
        #[serde(with = "decimal_string")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
        percent: Decimal,
    },
    /// A fixed amount, whatever the base.
    Fixed {
        /// The amount.
        amount: Money,
    },
    /// A percent of the base plus a fixed amount (a card fee such as 0.6% + 0.10).
    PercentPlusFixed {
        /// 0–100.
        #[serde(with = "decimal_string")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
        percent: Decimal,
        /// Added after rounding the percent.
        fixed: Money,
    },
    /// The percent of the highest tier reached (the whole base at that tier's percent).
    Tiered {
        /// What selects the tier: the rule's base amount, or the order's `volume`.
        by: TierBy,
        /// Tiers in increasing `from` order; below the first one the rule pays nothing.
        tiers: Vec<Tier>,
    },
}

/// How [`Pay`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(remote = "Pay", rename_all = "snake_case", deny_unknown_fields)]
enum PayWire {
    Percent {
        #[serde(with = "decimal_string")]
        percent: Decimal,
    },
    Fixed {
        amount: Money,
    },
    PercentPlusFixed {
        #[serde(with = "decimal_string")]
        percent: Decimal,
        fixed: Money,
    },
    Tiered {
        by: TierBy,
        tiers: Vec<Tier>,
    },
}
crate::wire::tagged_deserialize!(Pay, PayWire, "type");

/// What selects the tier of a tiered rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TierBy {
    /// The rule's base amount, in currency units (`"from": "1000"` is 1,000.00).
    Amount,
    /// The order's `volume`, supplied by the caller (month-to-date orders, GMV…).
    Volume,
}

/// One tier: from `from` (inclusive) on, pay `percent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// The threshold, inclusive (an amount in currency units, or a volume).
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub from: Decimal,
    /// The percent paid on the whole base from this tier on.
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub percent: Decimal,
}

/// A ratio cap: the rule pays at most `percent` of `base` (of the rule's own base when
/// absent), rounded down so the cap is never exceeded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RatioCap {
    /// 0–100.
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub percent: Decimal,
    /// The base of the cap (default: the rule's base).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<SplitBase>,
}
