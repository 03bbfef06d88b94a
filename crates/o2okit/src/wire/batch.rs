//! Batch forms of the calls a page makes many of: `allocate.batch`, `quote.batch` and
//! `groupbuy.progress_batch`. One call (one crossing of the WebAssembly or Python boundary)
//! for an array; every item gets its own result, the value or the error that item gave, so one
//! bad item never fails the others. Nothing here computes anything itself: each item goes
//! through the same function as its single form, so a batch result is, item by item, exactly
//! what the single call returns (or the error code it fails with).

#[cfg(feature = "groupbuy")]
use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{AllocationRequest, Error};
#[cfg(feature = "groupbuy")]
use crate::{GroupBuyProgress, GroupBuyState};
#[cfg(feature = "promotions")]
use crate::{Cart, Promotion, Quote, QuoteContext};

/// The most items one batch call takes (requests of `allocate.batch`, carts of `quote.batch`,
/// states of `groupbuy.progress_batch`). A longer batch is refused before any work starts
/// ([`Error::InvalidInput`]); split it into several calls.
pub const MAX_BATCH_ITEMS: usize = 100_000;

/// The error one item of a batch gave: the same `code`, `category` and `message` as the
/// single call would throw for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemError {
    /// The stable error code (one of [`crate::ERROR_CODES`]).
    pub code: String,
    /// The error's family (see [`crate::ErrorCategory`]).
    pub category: String,
    /// What is wrong, for a person.
    pub message: String,
}

impl From<&Error> for ItemError {
    fn from(err: &Error) -> ItemError {
        ItemError {
            code: err.code().to_string(),
            category: err.category().as_str().to_string(),
            message: err.to_string(),
        }
    }
}

/// What `allocate.batch` returns for each request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BatchDetail {
    /// The whole [`crate::Allocation`], as `allocate` returns it (the default).
    #[default]
    Full,
    /// Only the parts' amounts, as decimal strings in the total's currency (what a page
    /// shows; much less to encode and parse).
    Amounts,
}

/// The input of `allocate.batch`: many allocations in one call.
///
/// ```
/// let out = o2okit::call("allocate.batch", r#"{"detail": "amounts", "requests": [
///     {"total": {"amount": "100.00", "currency": "CNY"}, "weights": ["1", "1", "1"]},
///     {"total": {"amount": "10", "currency": "JPY"}, "weights": ["0"]}]}"#)?;
/// assert_eq!(out, r#"{"results":[{"amounts":["33.34","33.33","33.33"]},{"error":{"code":"zero_weights","category":"allocation","message":"all 1 weights are zero: at least one weight must be positive"}}]}"#);
/// # Ok::<(), o2okit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AllocateBatchRequest {
    /// The allocations, each exactly what `allocate` takes.
    #[serde(deserialize_with = "bounded::deserialize")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_BATCH_ITEMS)))]
    pub requests: Vec<AllocationRequest>,
    /// `full` (the default) or `amounts`.
    #[serde(default)]
    pub detail: BatchDetail,
}

/// One result of `allocate.batch`, in the order of the requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum AllocateBatchItem {
    /// The allocation (`detail: "full"`).
    Allocation(crate::Allocation),
    /// The parts' amounts in the total's currency (`detail: "amounts"`), as decimal
    /// strings with the currency's decimals (`"33.34"`).
    Amounts(
        #[serde(with = "crate::wire::decimal::vec_decimal_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
        Vec<Decimal>,
    ),
    /// The error this request gave.
    Error(ItemError),
}

/// The output of `allocate.batch`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AllocateBatch {
    /// One result per request, in order.
    pub results: Vec<AllocateBatchItem>,
}

/// The input of `quote.batch`: several carts priced under the same promotions and context
/// (the promotions and the context are decoded once).
#[cfg(feature = "promotions")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuoteBatchRequest {
    /// The carts, each exactly what `quote` takes as `cart`.
    #[serde(deserialize_with = "bounded::deserialize")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_BATCH_ITEMS)))]
    pub carts: Vec<Cart>,
    /// Automatic promotions and the customer's coupons, for every cart.
    #[serde(default)]
    pub promotions: Vec<Promotion>,
    /// Time, channel, store, customer, usage, coupon selection, for every cart.
    pub context: QuoteContext,
}

/// One result of `quote.batch`, in the order of the carts.
#[cfg(feature = "promotions")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[allow(clippy::large_enum_variant)]
pub enum QuoteBatchItem {
    /// The quote, as `quote` returns it.
    Quote(Quote),
    /// The error this cart gave.
    Error(ItemError),
}

/// The output of `quote.batch`.
#[cfg(feature = "promotions")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuoteBatch {
    /// One result per cart, in order.
    pub results: Vec<QuoteBatchItem>,
}

/// The input of `groupbuy.progress_batch`: where many campaigns stand at one instant (a page
/// listing deals, each with its progress bar).
#[cfg(feature = "groupbuy")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgressBatchRequest {
    /// The campaign states, each exactly what `groupbuy.progress` takes as `state`.
    #[serde(deserialize_with = "bounded::deserialize")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_BATCH_ITEMS)))]
    pub states: Vec<GroupBuyState>,
    /// The instant, RFC 3339.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub now: DateTime<FixedOffset>,
}

/// One result of `groupbuy.progress_batch`, in the order of the states.
#[cfg(feature = "groupbuy")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[allow(clippy::large_enum_variant)]
pub enum ProgressBatchItem {
    /// The progress, as `groupbuy.progress` returns it.
    Progress(GroupBuyProgress),
    /// The error this state gave.
    Error(ItemError),
}

/// The output of `groupbuy.progress_batch`.
#[cfg(feature = "groupbuy")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgressBatch {
    /// One result per state, in order.
    pub results: Vec<ProgressBatchItem>,
}

/// The items of a batch, each decoded on its own; an item that does not decode becomes the
/// error its single call would give, without the line and column (they would point into the
/// item's own text, not the caller's). Each item goes back to JSON text and through the same
/// text decoder as the single call: a decoder over parsed values as well would add a second
/// copy of every item type's decoding code to the WebAssembly module, for a path taken only
/// when some item is malformed.
pub(crate) fn decode_items<T: DeserializeOwned>(items: &[Value]) -> Vec<Result<T, Error>> {
    items
        .iter()
        .map(|item| {
            let text = serde_json::to_string(item).map_err(|e| Error::Decode {
                code: "invalid_json",
                message: e.to_string(),
            })?;
            serde_json::from_str(&text).map_err(|e| {
                let message = e.to_string();
                let place = format!(" at line {} column {}", e.line(), e.column());
                Error::from_serde_message(match message.strip_suffix(&place) {
                    Some(message) if e.line() > 0 => message.to_string(),
                    _ => message,
                })
            })
        })
        .collect()
}

fn too_long(field: &str) -> Error {
    Error::InvalidInput {
        field: field.to_string(),
        reason: format!(
            "a batch takes at most {MAX_BATCH_ITEMS} items; split it into several calls"
        ),
    }
}

/// Whether `err` is the refusal of an over-long batch (no second, item-by-item try then).
pub(crate) fn is_too_long(err: &Error) -> bool {
    err.code() == "invalid_input" && err.to_string().starts_with(&too_long("batch").to_string())
}

fn check_len(len: usize, field: &str) -> Result<(), Error> {
    if len > MAX_BATCH_ITEMS {
        return Err(too_long(field));
    }
    Ok(())
}

/// Decode the items of a batch, refusing the batch as soon as it has more than
/// [`MAX_BATCH_ITEMS`] (so that an over-long batch is refused without decoding it all).
mod bounded {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};

    use super::{too_long, MAX_BATCH_ITEMS};

    pub(super) fn deserialize<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        struct Items<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element()? {
                    if items.len() == MAX_BATCH_ITEMS {
                        return Err(de::Error::custom(too_long("batch").to_serde_message()));
                    }
                    items.push(item);
                }
                Ok(items)
            }
        }
        deserializer.deserialize_seq(Items(PhantomData))
    }
}

fn allocate_item(
    request: Result<AllocationRequest, Error>,
    detail: BatchDetail,
) -> AllocateBatchItem {
    // `amounts()` gives the same parts and the same errors as `allocate()`, without each
    // part's explanation (most of the work of a small split).
    let result = request.and_then(|r| match detail {
        BatchDetail::Full => r.allocate().map(AllocateBatchItem::Allocation),
        BatchDetail::Amounts => r.amounts().map(|amounts| {
            AllocateBatchItem::Amounts(amounts.iter().map(|m| m.amount()).collect())
        }),
    });
    result.unwrap_or_else(|err| AllocateBatchItem::Error(ItemError::from(&err)))
}

/// `allocate.batch` on decoded requests.
pub(crate) fn allocate_batch(request: AllocateBatchRequest) -> Result<AllocateBatch, Error> {
    check_len(request.requests.len(), "requests")?;
    let detail = request.detail;
    Ok(AllocateBatch {
        results: request
            .requests
            .into_iter()
            .map(|r| allocate_item(Ok(r), detail))
            .collect(),
    })
}

/// `allocate.batch` with every request kept as parsed JSON: the dispatcher's second try when
/// the batch did not decode as a whole, so that a request that does not decode gets its own
/// error instead of failing the batch.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LooseAllocateBatch {
    #[serde(deserialize_with = "bounded::deserialize")]
    requests: Vec<Value>,
    #[serde(default)]
    detail: BatchDetail,
}

pub(crate) fn allocate_batch_loose(request: LooseAllocateBatch) -> Result<AllocateBatch, Error> {
    check_len(request.requests.len(), "requests")?;
    Ok(AllocateBatch {
        results: decode_items(&request.requests)
            .into_iter()
            .map(|r| allocate_item(r, request.detail))
            .collect(),
    })
}

#[cfg(feature = "promotions")]
fn quote_item(
    cart: Result<Cart, Error>,
    promotions: &[Promotion],
    context: &QuoteContext,
) -> QuoteBatchItem {
    match cart.and_then(|cart| crate::quote(&cart, promotions, context)) {
        Ok(quote) => QuoteBatchItem::Quote(quote),
        Err(err) => QuoteBatchItem::Error(ItemError::from(&err)),
    }
}

/// `quote.batch` on decoded carts.
#[cfg(feature = "promotions")]
pub(crate) fn quote_batch(request: QuoteBatchRequest) -> Result<QuoteBatch, Error> {
    check_len(request.carts.len(), "carts")?;
    let QuoteBatchRequest {
        carts,
        promotions,
        context,
    } = request;
    Ok(QuoteBatch {
        results: carts
            .into_iter()
            .map(|cart| quote_item(Ok(cart), &promotions, &context))
            .collect(),
    })
}

/// `quote.batch` when some cart did not decode (the promotions and the context, shared by
/// every cart, must).
#[cfg(feature = "promotions")]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LooseQuoteBatch {
    #[serde(deserialize_with = "bounded::deserialize")]
    carts: Vec<Value>,
    #[serde(default)]
    promotions: Vec<Promotion>,
    context: QuoteContext,
}

#[cfg(feature = "promotions")]
pub(crate) fn quote_batch_loose(request: LooseQuoteBatch) -> Result<QuoteBatch, Error> {
    check_len(request.carts.len(), "carts")?;
    Ok(QuoteBatch {
        results: decode_items(&request.carts)
            .into_iter()
            .map(|cart| quote_item(cart, &request.promotions, &request.context))
            .collect(),
    })
}

#[cfg(feature = "groupbuy")]
fn progress_item(
    state: Result<GroupBuyState, Error>,
    now: DateTime<FixedOffset>,
) -> ProgressBatchItem {
    match state.and_then(|state| crate::groupbuy_progress(&state, now)) {
        Ok(progress) => ProgressBatchItem::Progress(progress),
        Err(err) => ProgressBatchItem::Error(ItemError::from(&err)),
    }
}

/// `groupbuy.progress_batch` on decoded states.
#[cfg(feature = "groupbuy")]
pub(crate) fn progress_batch(request: ProgressBatchRequest) -> Result<ProgressBatch, Error> {
    check_len(request.states.len(), "states")?;
    let now = request.now;
    Ok(ProgressBatch {
        results: request
            .states
            .into_iter()
            .map(|state| progress_item(Ok(state), now))
            .collect(),
    })
}

/// `groupbuy.progress_batch` when some state did not decode (`now` must).
#[cfg(feature = "groupbuy")]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LooseProgressBatch {
    #[serde(deserialize_with = "bounded::deserialize")]
    states: Vec<Value>,
    now: DateTime<FixedOffset>,
}

#[cfg(feature = "groupbuy")]
pub(crate) fn progress_batch_loose(request: LooseProgressBatch) -> Result<ProgressBatch, Error> {
    check_len(request.states.len(), "states")?;
    Ok(ProgressBatch {
        results: decode_items(&request.states)
            .into_iter()
            .map(|state| progress_item(state, request.now))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Items {
        #[serde(deserialize_with = "bounded::deserialize")]
        items: Vec<u8>,
    }

    fn zeros(n: usize) -> String {
        format!(r#"{{"items":[{}]}}"#, vec!["0"; n].join(","))
    }

    #[test]
    fn a_batch_takes_exactly_the_limit() {
        let items: Items = crate::decode(&zeros(MAX_BATCH_ITEMS)).unwrap();
        assert_eq!(items.items.len(), MAX_BATCH_ITEMS);
        let err = crate::decode::<Items>(&zeros(MAX_BATCH_ITEMS + 1))
            .err()
            .unwrap();
        assert_eq!(err.code(), "invalid_input");
        assert!(err.to_string().contains("at most 100000 items"), "{err}");
    }
}
