//! Attribution: crediting a pool to the touchpoints of an order's journey.

pub(crate) mod decay;
pub(crate) mod models;
pub(crate) mod shapley;

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::exact::{ratio_decimal, shares_into};
use crate::money::Money;
use crate::wire::decimal::decimal_string;
use crate::Error;
pub use decay::{DECAY_FRACTION_BITS, DEFAULT_HALF_LIFE_SECONDS};
pub(crate) use models::Weigher;

/// One touchpoint of a journey: a channel, the party behind it, the stage, the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Touchpoint {
    /// The channel (`douyin`, `wechat`, `store_qr`, `dianping`, …).
    pub channel: String,
    /// The party credited for it (the medium, the influencer, the staff member…).
    pub party_id: String,
    /// The stage of the customer's journey, free-form; conventionally one of `acquire`,
    /// `nurture`, `convert`, `retain`, `share`, `serve` (the seed's 渠媒 stages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// When it happened, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
}

/// How a pool is credited to the touchpoints of a journey.
///
/// A journey is listed oldest first (equal times keep their order) and ends no later than
/// the conversion. Every model gives each touch an exact integer weight, and the pool is
/// split by those weights with the foundation's largest remainder method (ties to the
/// earlier touch), so the shares always add up to the pool and a zero weight gets zero.
///
/// | model | wire | weights |
/// |---|---|---|
/// | first touch | `{"type": "first_touch"}` | 1 for the first, 0 for the others |
/// | last touch | `{"type": "last_touch"}` | 1 for the last, 0 for the others |
/// | linear | `{"type": "linear"}` | 1 each |
/// | time decay | `{"type": "time_decay", "half_life_seconds": 604800}` | `2^(−Δt/H)` with Δt the whole seconds from the touch to the conversion, at 60 fractional bits (see below); H defaults to 7 days |
/// | position-based | `{"type": "position_based", "first_percent": "40", "last_percent": "40"}` | first F%, last L%, the rest shared equally by the middle touches; one touch gets 100%, two get 50/50 |
///
/// **Time-decay maths.** No float is involved: with `q = Δt div H` and `r = Δt mod H`, the
/// weight is `⌊E(r) / 2^q⌋` where `E(r) = 2^(−r/H)` is a product, over the base-256 digits
/// `d·256ⁱ` of `r`, of `2^(−d·256ⁱ/H)`, each the 24-term Taylor series of `e^(−y)` at
/// `y = d·256ⁱ·ln 2 / H`, all on integers with 60 fractional bits and truncating at every
/// step (`ln 2` is the constant `799144290325165978 / 2^60`). The result is within `2^-52` of
/// the true value, identical on every platform, and zero for a touch more than 60 half-lives
/// old.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum AttributionModel {
    /// All credit to the first touch.
    FirstTouch,
    /// All credit to the last touch.
    LastTouch,
    /// Equal credit to every touch.
    Linear,
    /// Credit halving every `half_life_seconds` before the conversion.
    TimeDecay {
        /// The half-life in seconds (default 604800, 7 days).
        #[serde(default = "default_half_life")]
        half_life_seconds: u64,
    },
    /// U-shaped: `first_percent` to the first touch, `last_percent` to the last, the rest
    /// shared by the touches in between (one touch: 100%; two: 50/50).
    PositionBased {
        /// The first touch's percent (default 40).
        #[serde(default = "forty", with = "decimal_string")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
        first_percent: Decimal,
        /// The last touch's percent (default 40).
        #[serde(default = "forty", with = "decimal_string")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
        last_percent: Decimal,
    },
}

/// How [`AttributionModel`] is decoded: the same variants and fields, externally tagged, fed the tag
/// first by [`crate::wire::tagged`] (the encoding above stays serde's internally tagged one).
#[derive(Deserialize)]
#[serde(
    remote = "AttributionModel",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum AttributionModelWire {
    FirstTouch,
    LastTouch,
    Linear,
    TimeDecay {
        #[serde(default = "default_half_life")]
        half_life_seconds: u64,
    },
    PositionBased {
        #[serde(default = "forty", with = "decimal_string")]
        first_percent: Decimal,
        #[serde(default = "forty", with = "decimal_string")]
        last_percent: Decimal,
    },
}
crate::wire::tagged_deserialize!(AttributionModel, AttributionModelWire, "type");

fn default_half_life() -> u64 {
    DEFAULT_HALF_LIFE_SECONDS
}

fn forty() -> Decimal {
    Decimal::from(40)
}

impl AttributionModel {
    /// The time-decay model with the default half-life of 7 days.
    pub fn time_decay() -> AttributionModel {
        AttributionModel::TimeDecay {
            half_life_seconds: DEFAULT_HALF_LIFE_SECONDS,
        }
    }

    /// The position-based model with the default 40 / 20 / 40.
    pub fn position_based() -> AttributionModel {
        AttributionModel::PositionBased {
            first_percent: forty(),
            last_percent: forty(),
        }
    }
}

/// The input of the `attribute` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AttributionRequest {
    /// The amount to credit.
    pub pool: Money,
    /// The touchpoints, oldest first.
    pub journey: Vec<Touchpoint>,
    /// When the journey converted (the order time), RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub converted_at: DateTime<FixedOffset>,
    /// The model.
    pub model: AttributionModel,
}

/// A pool credited to the touchpoints of a journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// The pool.
    pub pool: Money,
    /// The model used.
    pub model: AttributionModel,
    /// One share per touchpoint, in journey order; they add up to the pool.
    pub shares: Vec<TouchShare>,
}

/// One touchpoint's share of a pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TouchShare {
    /// Position in the journey (0 = first).
    pub touchpoint: u32,
    /// The touch's channel.
    pub channel: String,
    /// The party credited.
    pub party_id: String,
    /// The touch's stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Its fraction of the credit (weight ÷ total weight), truncated to 18 decimals; for
    /// reading only, the amounts come from the exact integer weights.
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub credit: Decimal,
    /// Its amount.
    pub amount: Money,
}

/// Credit `pool` to the touchpoints of `journey` with `model` (see [`AttributionModel`]).
///
/// ```
/// use o2okit::{attribute, AttributionModel, Currency, Money, Touchpoint};
/// let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
/// let touch = |channel: &str, day: &str| Touchpoint {
///     channel: channel.into(), party_id: format!("{channel}-media"), stage: None,
///     at: at(&format!("2026-11-{day}T10:00:00+08:00")),
/// };
/// let journey = [touch("douyin", "01"), touch("wechat", "05"), touch("dianping", "08"), touch("store_qr", "09")];
/// let pool = Money::parse("10.00", Currency::from_code("CNY")?)?;
/// let split = attribute(pool, &journey, at("2026-11-10T10:00:00+08:00"), &AttributionModel::position_based())?;
/// let amounts: Vec<String> = split.shares.iter().map(|s| s.amount.amount().to_string()).collect();
/// assert_eq!(amounts, ["4.00", "1.00", "1.00", "4.00"]);
/// # Ok::<(), o2okit::Error>(())
/// ```
///
/// Errors: [`Error::InvalidAttribution`] for an empty journey, a journey out of time order,
/// a touch after the conversion, a zero half-life, bad position percents, or when every
/// touch has a zero weight (all of them more than 60 half-lives old).
pub fn attribute(
    pool: Money,
    journey: &[Touchpoint],
    converted_at: DateTime<FixedOffset>,
    model: &AttributionModel,
) -> Result<Attribution, Error> {
    if journey.is_empty() {
        return Err(Error::InvalidAttribution {
            reason: "the journey has no touchpoint to credit".into(),
        });
    }
    let weigher = Weigher::new(model, false)?;
    let mut weights = Vec::with_capacity(journey.len());
    weigher.weights(journey, &converted_at, &mut weights)?;
    let total = weights
        .iter()
        .try_fold(0u128, |acc, w| acc.checked_add(*w))
        .ok_or_else(|| Error::out_of_range("the attribution weights"))?;
    if total == 0 {
        return Err(Error::InvalidAttribution {
            reason: "every touchpoint has a zero weight (all are more than 60 half-lives before the conversion)".into(),
        });
    }
    let mut amounts = Vec::with_capacity(journey.len());
    shares_into(pool.minor_units(), &weights, &mut amounts)?;
    let currency = pool.currency();
    let shares = journey
        .iter()
        .zip(weights.iter().zip(amounts))
        .zip(0u32..)
        .map(|((touch, (weight, amount)), index)| {
            Ok(TouchShare {
                touchpoint: index,
                channel: touch.channel.clone(),
                party_id: touch.party_id.clone(),
                stage: touch.stage.clone(),
                credit: ratio_decimal(i128::try_from(*weight).unwrap_or(i128::MAX), total),
                amount: Money::from_minor(amount, currency)?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Attribution {
        pool,
        model: model.clone(),
        shares,
    })
}
