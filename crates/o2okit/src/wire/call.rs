//! A JSON-in, JSON-out dispatcher over the public functions: what the CLI, the golden
//! vectors and the WebAssembly package call.

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::decimal::decimal_string;
use crate::money::{Currency, CurrencyDescription, Money, Rounding};
use crate::{AllocationRequest, Error};

/// The functions [`call`] knows, by wire name.
pub const FUNCTIONS: &[&str] = &[
    "allocate",
    "currency",
    "money.parse",
    "money.add",
    "money.sub",
    "money.multiply",
    "money.round_to_step",
    "quote",
    "coupon.validate",
    "coupon.redeem",
    "coupon.rollback",
    "groupbuy.open",
    "groupbuy.step",
    "groupbuy.replay",
    "groupbuy.progress",
    "groupbuy.simulate",
    "split",
    "split.batch",
    "split.refund",
    "split.pool",
    "attribute",
    "attribute.shapley",
    "bind",
    "settle",
    "store.assign",
    "card.apply",
    "card.replay",
    "points.replay",
    "points.redeem",
    "order.normalize",
    "price.parity",
    "voucher.issue",
    "voucher.issue_batch",
    "voucher.verify",
    "flow.classify",
    "flow.definition",
    "voucher_order.open",
    "voucher_order.step",
    "voucher_order.replay",
    // Store orders (flows 2, 3 and 4).
    "store_order.open",
    "store_order.step",
    "store_order.replay",
];

/// `Ok(())` when `name` is a wire function, else [`Error::UnknownFunction`] listing them.
pub fn check_function(name: &str) -> Result<(), Error> {
    if FUNCTIONS.contains(&name) {
        Ok(())
    } else {
        Err(unknown_function(name))
    }
}

fn unknown_function(name: &str) -> Error {
    Error::UnknownFunction {
        name: name.to_string(),
        known: FUNCTIONS.join(", "),
    }
}

/// Decode a wire value into `T`, mapping every problem to a typed [`Error`] whose code says
/// what was wrong (`number_for_money`, `unknown_currency`, …, or `invalid_json`).
pub fn decode<T: DeserializeOwned>(input: &str) -> Result<T, Error> {
    serde_json::from_str(input).map_err(|e| Error::from_serde_message(e.to_string()))
}

fn encoding_failed(e: serde_json::Error) -> Error {
    Error::Decode {
        code: "invalid_json",
        message: format!("could not encode the result: {e}"),
    }
}

/// The two carriers of the wire format: JSON text and parsed JSON values. The dispatcher is
/// written once over both, so text input is decoded straight into the typed request (no
/// intermediate `Value`) and the output is written straight to text.
trait Carrier: Sized {
    type Output;
    fn decode<T: DeserializeOwned>(self) -> Result<T, Error>;
    fn encode<T: Serialize>(value: &T) -> Result<Self::Output, Error>;
}

impl Carrier for &str {
    type Output = String;
    fn decode<T: DeserializeOwned>(self) -> Result<T, Error> {
        decode(self)
    }
    fn encode<T: Serialize>(value: &T) -> Result<String, Error> {
        serde_json::to_string(value).map_err(encoding_failed)
    }
}

impl Carrier for Value {
    type Output = Value;
    /// Through the JSON text, so that a value decodes exactly as its text does (the same
    /// errors in the same order: `serde_json::from_value` checks some shapes, such as an
    /// enum's single-key map, before the contents, where the text decoder does not).
    fn decode<T: DeserializeOwned>(self) -> Result<T, Error> {
        decode(&self.to_string())
    }
    fn encode<T: Serialize>(value: &T) -> Result<Value, Error> {
        serde_json::to_value(value).map_err(encoding_failed)
    }
}

/// Call a function by its wire name with a JSON input and get its JSON output.
///
/// ```
/// let out = o2okit::call("allocate", r#"{"total": {"amount": "100", "currency": "JPY"}, "weights": ["1", "1", "1"]}"#)?;
/// let out: serde_json::Value = serde_json::from_str(&out).unwrap();
/// assert_eq!(out["parts"][0]["amount"]["amount"], "34");
///
/// let err = o2okit::call("allocate", r#"{"total": {"amount": 100, "currency": "JPY"}, "weights": [1]}"#).unwrap_err();
/// assert_eq!(err.code(), "number_for_money");
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn call(function: &str, input: &str) -> Result<String, Error> {
    dispatch(function, input)
}

/// [`call`] on already-parsed JSON values: the input is decoded exactly as [`call`] decodes
/// its text, so both give the same output or the same error code.
pub fn call_value(function: &str, input: Value) -> Result<Value, Error> {
    dispatch(function, input)
}

fn dispatch<C: Carrier>(function: &str, input: C) -> Result<C::Output, Error> {
    match function {
        "allocate" => C::encode(&input.decode::<AllocationRequest>()?.allocate()?),
        "currency" => {
            let CurrencyInput { code } = input.decode()?;
            C::encode(&CurrencyDescription::from(Currency::from_code(&code)?))
        }
        "money.parse" => {
            let ParseInput {
                amount,
                currency,
                rounding,
            } = input.decode()?;
            let currency = Currency::from_code(&currency)?;
            C::encode(&match rounding {
                Some(rounding) => Money::parse_rounded(&amount.0, currency, rounding)?,
                None => Money::parse(&amount.0, currency)?,
            })
        }
        "money.add" => {
            let PairInput { a, b } = input.decode()?;
            C::encode(&a.checked_add(b)?)
        }
        "money.sub" => {
            let PairInput { a, b } = input.decode()?;
            C::encode(&a.checked_sub(b)?)
        }
        "money.multiply" => {
            let MultiplyInput {
                money,
                factor,
                rounding,
            } = input.decode()?;
            C::encode(&money.checked_mul(factor, rounding.unwrap_or_default())?)
        }
        "money.round_to_step" => {
            let StepInput {
                money,
                step,
                rounding,
            } = input.decode()?;
            C::encode(&money.round_to_step(step, rounding.unwrap_or_default())?)
        }
        "quote" => {
            let crate::QuoteRequest {
                cart,
                promotions,
                context,
            } = input.decode()?;
            C::encode(&crate::quote(&cart, &promotions, &context)?)
        }
        "coupon.validate" => {
            let ValidateInput {
                coupon,
                cart,
                promotions,
                context,
            } = input.decode()?;
            C::encode(&crate::validate_coupon(
                &coupon,
                &cart,
                &promotions,
                &context,
            )?)
        }
        "coupon.redeem" => {
            let RedeemInput {
                coupon,
                order_id,
                amount,
                customer_id,
                now,
            } = input.decode()?;
            C::encode(&coupon.redeem(&order_id, amount, customer_id.as_deref(), now)?)
        }
        "coupon.rollback" => {
            let RollbackInput {
                coupon,
                order_id,
                amount,
            } = input.decode()?;
            C::encode(&coupon.rollback(&order_id, amount)?)
        }
        "groupbuy.open" => {
            let GroupBuyOpenInput { campaign } = input.decode()?;
            C::encode(&crate::groupbuy_open(&campaign)?)
        }
        "groupbuy.step" => {
            let GroupBuyStepInput { state, event, now } = input.decode()?;
            C::encode(&crate::groupbuy_step(&state, &event, now)?)
        }
        "groupbuy.replay" => {
            let GroupBuyReplayInput { campaign, events } = input.decode()?;
            C::encode(&crate::groupbuy_replay(&campaign, &events)?)
        }
        "groupbuy.progress" => {
            let GroupBuyProgressInput { state, now } = input.decode()?;
            C::encode(&crate::groupbuy_progress(&state, now)?)
        }
        "groupbuy.simulate" => C::encode(&crate::groupbuy_simulate(
            &input.decode::<crate::TeamSimulation>()?,
        )?),
        "split" => {
            let crate::SplitRequest { order, plan } = input.decode()?;
            C::encode(&crate::split(&order, &plan)?)
        }
        "split.batch" => {
            let crate::SplitBatchRequest { plan, orders } = input.decode()?;
            C::encode(&crate::split_batch(&plan, &orders)?)
        }
        "split.refund" => {
            let crate::RefundRequest {
                order,
                plan,
                refunded_before,
                refund,
                at,
                delivered,
                policy,
            } = input.decode()?;
            let refund = crate::Refund {
                refunded_before: refunded_before.unwrap_or(Money::zero(refund.currency())),
                amount: refund,
                at,
                delivered,
            };
            C::encode(&crate::clawback(&order, &plan, &refund, &policy)?)
        }
        "split.pool" => C::encode(&input.decode::<crate::PoolRequest>()?.split()?),
        "attribute" => {
            let crate::AttributionRequest {
                pool,
                journey,
                converted_at,
                model,
            } = input.decode()?;
            C::encode(&crate::attribute(pool, &journey, converted_at, &model)?)
        }
        "attribute.shapley" => {
            let crate::ShapleyRequest {
                journeys,
                game,
                pool,
            } = input.decode()?;
            C::encode(&crate::shapley(&journeys, game, pool)?)
        }
        "bind" => C::encode(&input.decode::<crate::BindRequest>()?.bind()?),
        "settle" => {
            let crate::SettleRequest {
                lines,
                period,
                time_zone,
            } = input.decode()?;
            C::encode(&crate::settle(&lines, period, time_zone.as_deref())?)
        }
        "store.assign" => {
            let crate::AssignRequest {
                order,
                stores,
                now,
                policy,
            } = input.decode()?;
            C::encode(&crate::assign(&order, &stores, now, &policy)?)
        }
        "card.apply" => {
            let CardApplyInput {
                card,
                rules,
                event,
                at,
            } = input.decode()?;
            C::encode(&crate::card_apply(&card, &rules, &event, at)?)
        }
        "card.replay" => {
            let crate::CardReplayRequest {
                card,
                rules,
                events,
            } = input.decode()?;
            C::encode(&crate::card_replay(&card, &rules, &events)?)
        }
        "points.replay" => {
            let crate::PointsReplayRequest {
                program,
                events,
                until,
            } = input.decode()?;
            C::encode(&crate::points_replay(&program, &events, until)?)
        }
        "points.redeem" => {
            let crate::PointsRedeemRequest {
                state,
                program,
                points,
                at,
                order_id,
            } = input.decode()?;
            C::encode(&crate::points_redeem(
                &state,
                &program,
                points,
                at,
                order_id.as_deref(),
            )?)
        }
        "order.normalize" => C::encode(&input.decode::<crate::NormalizeRequest>()?.normalize()?),
        "price.parity" => C::encode(&crate::price_parity(
            &input.decode::<crate::ParityRequest>()?,
        )?),
        "voucher.issue" => C::encode(&input.decode::<crate::VoucherIssueRequest>()?.issue()?),
        "voucher.issue_batch" => C::encode(&input.decode::<crate::VoucherBatchRequest>()?.issue()?),
        "voucher.verify" => C::encode(&input.decode::<crate::VoucherVerifyRequest>()?.verify()?),
        "flow.classify" => C::encode(&crate::classify(&input.decode::<crate::Journey>()?)?),
        "flow.definition" => C::encode(&crate::flow_definition(
            input.decode::<crate::FlowDefinitionRequest>()?.flow,
        )),
        "voucher_order.open" => {
            C::encode(&input.decode::<crate::VoucherOrderOpenRequest>()?.open()?)
        }
        "voucher_order.step" => {
            C::encode(&input.decode::<crate::VoucherOrderStepRequest>()?.step()?)
        }
        "voucher_order.replay" => C::encode(
            &input
                .decode::<crate::VoucherOrderReplayRequest>()?
                .replay()?,
        ),
        // Store orders (flows 2, 3 and 4).
        "store_order.open" => C::encode(&input.decode::<crate::StoreOrderOpenRequest>()?.open()?),
        "store_order.step" => C::encode(&input.decode::<crate::StoreOrderStepRequest>()?.step()?),
        "store_order.replay" => {
            C::encode(&input.decode::<crate::StoreOrderReplayRequest>()?.replay()?)
        }
        other => Err(unknown_function(other)),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyInput {
    code: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParseInput {
    amount: crate::money::AmountText,
    currency: String,
    #[serde(default)]
    rounding: Option<Rounding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PairInput {
    a: Money,
    b: Money,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MultiplyInput {
    money: Money,
    #[serde(with = "decimal_string")]
    factor: Decimal,
    #[serde(default)]
    rounding: Option<Rounding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepInput {
    money: Money,
    #[serde(with = "decimal_string")]
    step: Decimal,
    #[serde(default)]
    rounding: Option<Rounding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValidateInput {
    coupon: crate::HeldCoupon,
    cart: crate::Cart,
    #[serde(default)]
    promotions: Vec<crate::Promotion>,
    context: crate::QuoteContext,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RedeemInput {
    coupon: crate::HeldCoupon,
    order_id: String,
    amount: Money,
    #[serde(default)]
    customer_id: Option<String>,
    now: chrono::DateTime<chrono::FixedOffset>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RollbackInput {
    coupon: crate::HeldCoupon,
    order_id: String,
    #[serde(default)]
    amount: Option<Money>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupBuyOpenInput {
    campaign: crate::GroupBuyCampaign,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupBuyStepInput {
    state: crate::GroupBuyState,
    event: crate::GroupBuyEvent,
    now: chrono::DateTime<chrono::FixedOffset>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupBuyReplayInput {
    campaign: crate::GroupBuyCampaign,
    #[serde(default)]
    events: Vec<crate::TimedEvent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupBuyProgressInput {
    state: crate::GroupBuyState,
    now: chrono::DateTime<chrono::FixedOffset>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardApplyInput {
    card: crate::CardState,
    #[serde(default)]
    rules: crate::CardRules,
    event: crate::CardEvent,
    at: chrono::DateTime<chrono::FixedOffset>,
}
