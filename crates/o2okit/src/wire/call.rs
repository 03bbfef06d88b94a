//! A JSON-in, JSON-out dispatcher over the public functions: what the CLI, the golden
//! vectors and the WebAssembly package call.

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::batch;
use super::decimal::decimal_string;
use crate::money::{Currency, CurrencyDescription, Money, Rounding};
use crate::{AllocationRequest, Error};

/// A wire function: its name, the cargo feature of the `o2okit` crate that compiles it in,
/// and whether this build has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WireFunction {
    /// The wire name, e.g. `"quote"`.
    pub name: &'static str,
    /// The cargo feature that compiles it in, e.g. `"promotions"`; `None` for money and
    /// allocation, which every build has.
    pub feature: Option<&'static str>,
    /// Whether this build has it (its feature is on). When not, [`call`] answers
    /// [`Error::NotInBuild`] naming the feature.
    pub compiled: bool,
}

impl WireFunction {
    const fn always(name: &'static str) -> WireFunction {
        WireFunction {
            name,
            feature: None,
            compiled: true,
        }
    }

    const fn gated(name: &'static str, feature: &'static str, compiled: bool) -> WireFunction {
        WireFunction {
            name,
            feature: Some(feature),
            compiled,
        }
    }
}

/// Every wire function o2okit defines, compiled into this build or not, with its feature.
pub const WIRE_FUNCTIONS: &[WireFunction] = &[
    WireFunction::always("allocate"),
    WireFunction::always("allocate.batch"),
    WireFunction::always("currency"),
    WireFunction::always("money.parse"),
    WireFunction::always("money.add"),
    WireFunction::always("money.sub"),
    WireFunction::always("money.multiply"),
    WireFunction::always("money.round_to_step"),
    WireFunction::gated("quote", "promotions", cfg!(feature = "promotions")),
    WireFunction::gated("quote.batch", "promotions", cfg!(feature = "promotions")),
    WireFunction::gated(
        "coupon.validate",
        "promotions",
        cfg!(feature = "promotions"),
    ),
    WireFunction::gated("coupon.redeem", "promotions", cfg!(feature = "promotions")),
    WireFunction::gated(
        "coupon.rollback",
        "promotions",
        cfg!(feature = "promotions"),
    ),
    WireFunction::gated("groupbuy.open", "groupbuy", cfg!(feature = "groupbuy")),
    WireFunction::gated("groupbuy.step", "groupbuy", cfg!(feature = "groupbuy")),
    WireFunction::gated("groupbuy.replay", "groupbuy", cfg!(feature = "groupbuy")),
    WireFunction::gated("groupbuy.progress", "groupbuy", cfg!(feature = "groupbuy")),
    WireFunction::gated(
        "groupbuy.progress_batch",
        "groupbuy",
        cfg!(feature = "groupbuy"),
    ),
    WireFunction::gated("groupbuy.simulate", "groupbuy", cfg!(feature = "groupbuy")),
    WireFunction::gated("split", "split", cfg!(feature = "split")),
    WireFunction::gated("split.batch", "split", cfg!(feature = "split")),
    WireFunction::gated("split.refund", "split", cfg!(feature = "split")),
    WireFunction::gated("split.pool", "split", cfg!(feature = "split")),
    WireFunction::gated("attribute", "split", cfg!(feature = "split")),
    WireFunction::gated("attribute.shapley", "split", cfg!(feature = "split")),
    WireFunction::gated("bind", "split", cfg!(feature = "split")),
    WireFunction::gated("settle", "split", cfg!(feature = "split")),
    WireFunction::gated("store.assign", "stores", cfg!(feature = "stores")),
    WireFunction::gated("card.apply", "membership", cfg!(feature = "membership")),
    WireFunction::gated("card.replay", "membership", cfg!(feature = "membership")),
    WireFunction::gated("points.replay", "membership", cfg!(feature = "membership")),
    WireFunction::gated("points.redeem", "membership", cfg!(feature = "membership")),
    WireFunction::gated("order.normalize", "intake", cfg!(feature = "intake")),
    WireFunction::gated("price.parity", "intake", cfg!(feature = "intake")),
    WireFunction::gated("voucher.issue", "vouchers", cfg!(feature = "vouchers")),
    WireFunction::gated(
        "voucher.issue_batch",
        "vouchers",
        cfg!(feature = "vouchers"),
    ),
    WireFunction::gated("voucher.verify", "vouchers", cfg!(feature = "vouchers")),
    WireFunction::gated("flow.classify", "flows", cfg!(feature = "flows")),
    WireFunction::gated("flow.definition", "flows", cfg!(feature = "flows")),
    WireFunction::gated(
        "voucher_order.open",
        "lifecycles",
        cfg!(feature = "lifecycles"),
    ),
    WireFunction::gated(
        "voucher_order.step",
        "lifecycles",
        cfg!(feature = "lifecycles"),
    ),
    WireFunction::gated(
        "voucher_order.replay",
        "lifecycles",
        cfg!(feature = "lifecycles"),
    ),
    WireFunction::gated(
        "store_order.open",
        "lifecycles",
        cfg!(feature = "lifecycles"),
    ),
    WireFunction::gated(
        "store_order.step",
        "lifecycles",
        cfg!(feature = "lifecycles"),
    ),
    WireFunction::gated(
        "store_order.replay",
        "lifecycles",
        cfg!(feature = "lifecycles"),
    ),
];

/// The functions [`call`] knows in this build, by wire name: the [`WIRE_FUNCTIONS`] whose
/// feature is on (all of them with the default features).
pub const FUNCTIONS: &[&str] = &compiled_names();

const COMPILED_COUNT: usize = compiled_count();

// Evaluated at compile time only (as are `compiled_names`): an overflow or a bad index is a
// build error, never a panic at run time.
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
const fn compiled_count() -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < WIRE_FUNCTIONS.len() {
        if WIRE_FUNCTIONS[i].compiled {
            count += 1;
        }
        i += 1;
    }
    count
}

#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
const fn compiled_names() -> [&'static str; COMPILED_COUNT] {
    let mut names = [""; COMPILED_COUNT];
    let mut i = 0;
    let mut j = 0;
    while i < WIRE_FUNCTIONS.len() {
        if WIRE_FUNCTIONS[i].compiled {
            names[j] = WIRE_FUNCTIONS[i].name;
            j += 1;
        }
        i += 1;
    }
    names
}

/// `Ok(())` when `name` is a wire function of this build; [`Error::NotInBuild`] when o2okit
/// has it but its feature is off in this build; else [`Error::UnknownFunction`] listing the
/// functions of this build.
pub fn check_function(name: &str) -> Result<(), Error> {
    if FUNCTIONS.contains(&name) {
        Ok(())
    } else {
        Err(unknown_function(name))
    }
}

fn unknown_function(name: &str) -> Error {
    match WIRE_FUNCTIONS.iter().find(|f| f.name == name) {
        Some(WireFunction {
            feature: Some(feature),
            compiled: false,
            ..
        }) => Error::NotInBuild {
            function: name.to_string(),
            feature,
        },
        _ => Error::UnknownFunction {
            name: name.to_string(),
            known: FUNCTIONS.join(", "),
        },
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
    /// Decode without consuming the input, so that a batch can be decoded a second time,
    /// item by item, when it does not decode as a whole.
    fn decode_ref<T: DeserializeOwned>(&self) -> Result<T, Error>;
    fn encode<T: Serialize>(value: &T) -> Result<Self::Output, Error>;
}

impl Carrier for &str {
    type Output = String;
    fn decode<T: DeserializeOwned>(self) -> Result<T, Error> {
        decode(self)
    }
    fn decode_ref<T: DeserializeOwned>(&self) -> Result<T, Error> {
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
    fn decode_ref<T: DeserializeOwned>(&self) -> Result<T, Error> {
        T::deserialize(self).map_err(|e| Error::from_serde_message(e.to_string()))
    }
    fn encode<T: Serialize>(value: &T) -> Result<Value, Error> {
        serde_json::to_value(value).map_err(encoding_failed)
    }
}

/// A batch function: the request decoded as a whole (the fast path), or, when that fails,
/// with each item kept as parsed JSON and decoded on its own, so that an item that does not
/// decode gets its own error result instead of failing the batch.
fn batched<C: Carrier, S: DeserializeOwned, L: DeserializeOwned, O>(
    input: &C,
    strict: fn(S) -> Result<O, Error>,
    loose: fn(L) -> Result<O, Error>,
) -> Result<O, Error> {
    match input.decode_ref::<S>() {
        Ok(request) => strict(request),
        Err(err) if batch::is_too_long(&err) => Err(err),
        Err(_) => loose(input.decode_ref::<L>()?),
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
        "allocate.batch" => C::encode(&batched(
            &input,
            batch::allocate_batch,
            batch::allocate_batch_loose,
        )?),
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
        #[cfg(feature = "promotions")]
        "quote" => {
            let crate::QuoteRequest {
                cart,
                promotions,
                context,
            } = input.decode()?;
            C::encode(&crate::quote(&cart, &promotions, &context)?)
        }
        #[cfg(feature = "promotions")]
        "quote.batch" => C::encode(&batched(
            &input,
            batch::quote_batch,
            batch::quote_batch_loose,
        )?),
        #[cfg(feature = "promotions")]
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
        #[cfg(feature = "promotions")]
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
        #[cfg(feature = "promotions")]
        "coupon.rollback" => {
            let RollbackInput {
                coupon,
                order_id,
                amount,
            } = input.decode()?;
            C::encode(&coupon.rollback(&order_id, amount)?)
        }
        #[cfg(feature = "groupbuy")]
        "groupbuy.open" => {
            let GroupBuyOpenInput { campaign } = input.decode()?;
            C::encode(&crate::groupbuy_open(&campaign)?)
        }
        #[cfg(feature = "groupbuy")]
        "groupbuy.step" => {
            let GroupBuyStepInput { state, event, now } = input.decode()?;
            C::encode(&crate::groupbuy_step(&state, &event, now)?)
        }
        #[cfg(feature = "groupbuy")]
        "groupbuy.replay" => {
            let GroupBuyReplayInput { campaign, events } = input.decode()?;
            C::encode(&crate::groupbuy_replay(&campaign, &events)?)
        }
        #[cfg(feature = "groupbuy")]
        "groupbuy.progress" => {
            let GroupBuyProgressInput { state, now } = input.decode()?;
            C::encode(&crate::groupbuy_progress(&state, now)?)
        }
        #[cfg(feature = "groupbuy")]
        "groupbuy.progress_batch" => C::encode(&batched(
            &input,
            batch::progress_batch,
            batch::progress_batch_loose,
        )?),
        #[cfg(feature = "groupbuy")]
        "groupbuy.simulate" => C::encode(&crate::groupbuy_simulate(
            &input.decode::<crate::TeamSimulation>()?,
        )?),
        #[cfg(feature = "split")]
        "split" => {
            let crate::SplitRequest { order, plan } = input.decode()?;
            C::encode(&crate::split(&order, &plan)?)
        }
        #[cfg(feature = "split")]
        "split.batch" => {
            let crate::SplitBatchRequest { plan, orders } = input.decode()?;
            C::encode(&crate::split_batch(&plan, &orders)?)
        }
        #[cfg(feature = "split")]
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
        #[cfg(feature = "split")]
        "split.pool" => C::encode(&input.decode::<crate::PoolRequest>()?.split()?),
        #[cfg(feature = "split")]
        "attribute" => {
            let crate::AttributionRequest {
                pool,
                journey,
                converted_at,
                model,
            } = input.decode()?;
            C::encode(&crate::attribute(pool, &journey, converted_at, &model)?)
        }
        #[cfg(feature = "split")]
        "attribute.shapley" => {
            let crate::ShapleyRequest {
                journeys,
                game,
                pool,
            } = input.decode()?;
            C::encode(&crate::shapley(&journeys, game, pool)?)
        }
        #[cfg(feature = "split")]
        "bind" => C::encode(&input.decode::<crate::BindRequest>()?.bind()?),
        #[cfg(feature = "split")]
        "settle" => {
            let crate::SettleRequest {
                lines,
                period,
                time_zone,
            } = input.decode()?;
            C::encode(&crate::settle(&lines, period, time_zone.as_deref())?)
        }
        #[cfg(feature = "stores")]
        "store.assign" => {
            let crate::AssignRequest {
                order,
                stores,
                now,
                policy,
            } = input.decode()?;
            C::encode(&crate::assign(&order, &stores, now, &policy)?)
        }
        #[cfg(feature = "membership")]
        "card.apply" => {
            let CardApplyInput {
                card,
                rules,
                event,
                at,
            } = input.decode()?;
            C::encode(&crate::card_apply(&card, &rules, &event, at)?)
        }
        #[cfg(feature = "membership")]
        "card.replay" => {
            let crate::CardReplayRequest {
                card,
                rules,
                events,
            } = input.decode()?;
            C::encode(&crate::card_replay(&card, &rules, &events)?)
        }
        #[cfg(feature = "membership")]
        "points.replay" => {
            let crate::PointsReplayRequest {
                program,
                events,
                until,
            } = input.decode()?;
            C::encode(&crate::points_replay(&program, &events, until)?)
        }
        #[cfg(feature = "membership")]
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
        #[cfg(feature = "intake")]
        "order.normalize" => C::encode(&input.decode::<crate::NormalizeRequest>()?.normalize()?),
        #[cfg(feature = "intake")]
        "price.parity" => C::encode(&crate::price_parity(
            &input.decode::<crate::ParityRequest>()?,
        )?),
        #[cfg(feature = "vouchers")]
        "voucher.issue" => C::encode(&input.decode::<crate::VoucherIssueRequest>()?.issue()?),
        #[cfg(feature = "vouchers")]
        "voucher.issue_batch" => C::encode(&input.decode::<crate::VoucherBatchRequest>()?.issue()?),
        #[cfg(feature = "vouchers")]
        "voucher.verify" => C::encode(&input.decode::<crate::VoucherVerifyRequest>()?.verify()?),
        #[cfg(feature = "flows")]
        "flow.classify" => C::encode(&crate::classify(&input.decode::<crate::Journey>()?)?),
        #[cfg(feature = "flows")]
        "flow.definition" => C::encode(&crate::flow_definition(
            input.decode::<crate::FlowDefinitionRequest>()?.flow,
        )),
        #[cfg(feature = "lifecycles")]
        "voucher_order.open" => {
            C::encode(&input.decode::<crate::VoucherOrderOpenRequest>()?.open()?)
        }
        #[cfg(feature = "lifecycles")]
        "voucher_order.step" => {
            C::encode(&input.decode::<crate::VoucherOrderStepRequest>()?.step()?)
        }
        #[cfg(feature = "lifecycles")]
        "voucher_order.replay" => C::encode(
            &input
                .decode::<crate::VoucherOrderReplayRequest>()?
                .replay()?,
        ),
        // Store orders (flows 2, 3 and 4).
        #[cfg(feature = "lifecycles")]
        "store_order.open" => C::encode(&input.decode::<crate::StoreOrderOpenRequest>()?.open()?),
        #[cfg(feature = "lifecycles")]
        "store_order.step" => C::encode(&input.decode::<crate::StoreOrderStepRequest>()?.step()?),
        #[cfg(feature = "lifecycles")]
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

#[cfg(feature = "promotions")]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValidateInput {
    coupon: crate::HeldCoupon,
    cart: crate::Cart,
    #[serde(default)]
    promotions: Vec<crate::Promotion>,
    context: crate::QuoteContext,
}

#[cfg(feature = "promotions")]
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

#[cfg(feature = "promotions")]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RollbackInput {
    coupon: crate::HeldCoupon,
    order_id: String,
    #[serde(default)]
    amount: Option<Money>,
}

#[cfg(feature = "groupbuy")]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupBuyOpenInput {
    campaign: crate::GroupBuyCampaign,
}

#[cfg(feature = "groupbuy")]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupBuyStepInput {
    state: crate::GroupBuyState,
    event: crate::GroupBuyEvent,
    now: chrono::DateTime<chrono::FixedOffset>,
}

#[cfg(feature = "groupbuy")]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupBuyReplayInput {
    campaign: crate::GroupBuyCampaign,
    #[serde(default)]
    events: Vec<crate::TimedEvent>,
}

#[cfg(feature = "groupbuy")]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupBuyProgressInput {
    state: crate::GroupBuyState,
    now: chrono::DateTime<chrono::FixedOffset>,
}

#[cfg(feature = "membership")]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardApplyInput {
    card: crate::CardState,
    #[serde(default)]
    rules: crate::CardRules,
    event: crate::CardEvent,
    at: chrono::DateTime<chrono::FixedOffset>,
}
