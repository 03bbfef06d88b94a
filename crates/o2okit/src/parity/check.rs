//! The parity check itself.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::observation::{ParityRequest, PriceObservation, Tolerance};
use super::report::{Deviation, Direction, ParityReport, ProductParity, ReferenceBasis};
use crate::money::{Currency, Money};
use crate::Error;

fn invalid(field: String, reason: &str) -> Error {
    Error::InvalidParityCheck {
        field,
        reason: reason.to_string(),
    }
}

/// Report where the same product has different prices across channels or stores (for a
/// merchant that promises online/offline price parity, as Suning does).
///
/// Observations are grouped by product id and **currency**: prices of one product in two
/// currencies are reported as two separate entries, never compared (o2okit never
/// converts). For each entry: the lowest and highest price and their spread; the
/// **reference** price, the most common price among the observations in the `reference`
/// channel (a tie goes to the lower price; all observations when no reference channel is
/// asked for or none is in it, as `reference_basis` says); and each observation beyond the
/// tolerance as a [`Deviation`] (position, channel, store, `price − reference`, its percent,
/// higher or lower). A price exactly at the tolerance is at parity. Every observation is
/// in exactly one entry's `matching` or `deviations`. Entries are sorted by product id, then
/// currency code; positions ascending.
///
/// Errors: [`Error::InvalidParityCheck`] for an empty product id, a negative price or a
/// negative tolerance; [`Error::CurrencyMismatch`] for an amount tolerance in another
/// currency than a product's prices (use a percent tolerance for several currencies).
///
/// ```
/// use o2okit::{price_parity, ParityRequest};
/// let request: ParityRequest = o2okit::decode(r#"{"reference": "online_delivery",
///   "tolerance": {"amount": {"amount": "0.50", "currency": "CNY"}},
///   "observations": [
///     {"product_id": "tv-55", "channel": "online_delivery", "price": {"amount": "2999.00", "currency": "CNY"}},
///     {"product_id": "tv-55", "channel": "in_store", "store_id": "nj-1", "price": {"amount": "2999.00", "currency": "CNY"}},
///     {"product_id": "tv-55", "channel": "in_store", "store_id": "nj-2", "price": {"amount": "3199.00", "currency": "CNY"}}]}"#)?;
/// let report = price_parity(&request)?;
/// let tv = &report.products[0];
/// assert_eq!(tv.spread.to_string(), "200.00 CNY");
/// assert_eq!(tv.deviations[0].store_id.as_deref(), Some("nj-2"));
/// assert_eq!(tv.deviations[0].difference.to_string(), "200.00 CNY");
/// assert_eq!(tv.matching, [0, 1]);
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn price_parity(request: &ParityRequest) -> Result<ParityReport, Error> {
    match &request.tolerance {
        Some(Tolerance::Amount(m)) if m.is_negative() => {
            return Err(invalid("tolerance".into(), "must not be negative"))
        }
        Some(Tolerance::Percent(p)) if p.is_sign_negative() && !p.is_zero() => {
            return Err(invalid("tolerance".into(), "must not be negative"))
        }
        _ => {}
    }
    let mut groups: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, o) in request.observations.iter().enumerate() {
        if o.product_id.trim().is_empty() {
            return Err(invalid(
                format!("observations[{i}].product_id"),
                "must not be empty",
            ));
        }
        if o.price.is_negative() {
            return Err(invalid(
                format!("observations[{i}].price"),
                "must not be negative",
            ));
        }
        groups
            .entry((o.product_id.as_str(), o.price.currency().code()))
            .or_default()
            .push(i);
    }
    let mut products = Vec::with_capacity(groups.len());
    for ((product_id, _), indices) in groups {
        products.push(product(request, product_id, &indices)?);
    }
    let at_parity = products.iter().filter(|p| p.at_parity).count();
    Ok(ParityReport {
        observations: request.observations.len(),
        products_at_parity: at_parity,
        products_deviating: products.len().saturating_sub(at_parity),
        products,
    })
}

fn product(
    request: &ParityRequest,
    product_id: &str,
    indices: &[usize],
) -> Result<ProductParity, Error> {
    let seen: Vec<(usize, &PriceObservation)> = indices
        .iter()
        .filter_map(|&i| request.observations.get(i).map(|o| (i, o)))
        .collect();
    let Some((_, first)) = seen.first() else {
        return Err(invalid("observations".into(), "an empty group"));
    };
    let currency: Currency = first.price.currency();
    let units = |o: &PriceObservation| o.price.minor_units();
    let min = seen.iter().map(|(_, o)| units(o)).min().unwrap_or_default();
    let max = seen.iter().map(|(_, o)| units(o)).max().unwrap_or_default();
    let in_reference: Vec<i128> = match request.reference {
        Some(channel) => seen
            .iter()
            .filter(|(_, o)| o.channel == channel)
            .map(|(_, o)| units(o))
            .collect(),
        None => Vec::new(),
    };
    let (basis, candidates) = if in_reference.is_empty() {
        (
            ReferenceBasis::AllObservations,
            seen.iter().map(|(_, o)| units(o)).collect(),
        )
    } else {
        (ReferenceBasis::Channel, in_reference)
    };
    let mut counts: BTreeMap<i128, usize> = BTreeMap::new();
    for c in candidates {
        let n = counts.entry(c).or_default();
        *n = n.saturating_add(1);
    }
    // Ascending prices: a later price replaces the choice only with a strictly higher count,
    // so a tie keeps the lower price.
    let mut reference = (0i128, 0usize);
    for (price, count) in counts {
        if count > reference.1 {
            reference = (price, count);
        }
    }
    let reference = Money::from_minor(reference.0, currency)?;
    let spread = max
        .checked_sub(min)
        .ok_or_else(|| Error::out_of_range("the price spread"))?;
    let mut matching = Vec::new();
    let mut deviations = Vec::new();
    for (i, o) in &seen {
        let difference = o.price.checked_sub(reference)?;
        if within(request.tolerance.as_ref(), difference, reference)? {
            matching.push(*i);
            continue;
        }
        let percent = if reference.is_zero() {
            None
        } else {
            difference
                .amount()
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|d| d.checked_div(reference.amount()))
                .map(|d| {
                    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointNearestEven)
                })
                .map(|d| d.normalize())
        };
        deviations.push(Deviation {
            index: *i,
            channel: o.channel,
            store_id: o.store_id.clone(),
            price: o.price,
            difference,
            percent,
            direction: if difference.is_negative() {
                Direction::Lower
            } else {
                Direction::Higher
            },
        });
    }
    Ok(ProductParity {
        product_id: product_id.to_string(),
        currency,
        count: seen.len(),
        min: Money::from_minor(min, currency)?,
        max: Money::from_minor(max, currency)?,
        spread: Money::from_minor(spread, currency)?,
        reference,
        reference_basis: basis,
        at_parity: deviations.is_empty(),
        matching,
        deviations,
    })
}

/// Whether `difference` from `reference` is within the tolerance (inclusive).
fn within(
    tolerance: Option<&Tolerance>,
    difference: Money,
    reference: Money,
) -> Result<bool, Error> {
    let gap = difference.abs();
    match tolerance {
        None => Ok(gap.is_zero()),
        Some(Tolerance::Amount(limit)) => Ok(gap.checked_cmp(limit)?.is_le()),
        Some(Tolerance::Percent(percent)) => {
            // gap <= percent% of reference, compared exactly: gap × 100 <= percent × reference.
            let left = gap
                .amount()
                .checked_mul(Decimal::ONE_HUNDRED)
                .ok_or_else(|| Error::out_of_range("the price difference"))?;
            let right = percent
                .checked_mul(reference.amount())
                .ok_or_else(|| Error::out_of_range("the tolerance"))?;
            Ok(left <= right)
        }
    }
}
