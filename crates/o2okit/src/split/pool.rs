//! Staff and store pools: a store's share, part of it shared by its staff by their orders.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::allocate::allocate;
use crate::money::Money;
use crate::roles::Party;
use crate::roles::Role;
use crate::wire::decimal::decimal_string;
use crate::Error;

/// The input of the `split.pool` wire function: a pool, the percent of it that goes to the
/// members, the members' weights, and who keeps the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PoolRequest {
    /// The pool (a store's e-commerce profit share, say).
    pub pool: Money,
    /// The percent of the pool shared by the members (`"80"` is 80%).
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub members_percent: Decimal,
    /// Who keeps the rest (usually the store).
    pub keeper: Party,
    /// The members and their weights (order counts, hours…).
    pub members: Vec<PoolMember>,
}

/// One member of a pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PoolMember {
    /// The member.
    pub party_id: String,
    /// The member's role (default `store_staff`).
    #[serde(default = "staff")]
    pub role: Role,
    /// Its weight: a non-negative decimal such as an order count.
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub weight: Decimal,
}

fn staff() -> Role {
    Role::StoreStaff
}

/// A pool split between its members and its keeper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PoolSplit {
    /// The pool.
    pub pool: Money,
    /// The members' part, before it is shared.
    pub members_total: Money,
    /// The keeper's part.
    pub kept: Money,
    /// The keeper.
    pub keeper: Party,
    /// One share per member, in the given order.
    pub shares: Vec<PoolShare>,
}

/// One member's share of a pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PoolShare {
    /// The member.
    pub party_id: String,
    /// Its role.
    pub role: Role,
    /// Its weight.
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub weight: Decimal,
    /// Its share.
    pub amount: Money,
}

impl PoolRequest {
    /// Split the pool (see [`split_pool`]).
    pub fn split(&self) -> Result<PoolSplit, Error> {
        split_pool(self)
    }
}

/// Split a pool: first `members_percent` of it against the rest, then the members' part by
/// their weights, both with the foundation's largest remainder method ([`allocate`](fn@crate::allocate)):
/// the members' part gets the odd unit of the first split on a tie, and equal remainders
/// among the members go to the earlier member. When no member has a positive weight (or
/// there is none), the keeper keeps the whole pool.
///
/// The seed's convenience-store example: a store's e-commerce profit share of 1,000.00, of
/// which 80% goes to the staff in proportion to their orders, 120 : 75 : 5.
///
/// ```
/// use o2okit::{split_pool, PoolRequest};
/// let request: PoolRequest = o2okit::decode(r#"{
///   "pool": {"amount": "1000.00", "currency": "CNY"}, "members_percent": "80",
///   "keeper": {"role": "store", "party_id": "store-7"},
///   "members": [{"party_id": "li", "weight": "120"}, {"party_id": "wang", "weight": "75"},
///               {"party_id": "zhao", "weight": "5"}]}"#)?;
/// let split = split_pool(&request)?;
/// let shares: Vec<String> = split.shares.iter().map(|s| s.amount.amount().to_string()).collect();
/// assert_eq!(shares, ["480.00", "300.00", "20.00"]);
/// assert_eq!(split.kept.to_string(), "200.00 CNY");
/// # Ok::<(), o2okit::Error>(())
/// ```
///
/// Errors: [`Error::InvalidPool`] for a negative pool or a percent outside 0–100, an empty
/// party id; [`Error::NegativeWeight`] for a negative weight.
pub fn split_pool(request: &PoolRequest) -> Result<PoolSplit, Error> {
    let invalid = |reason: String| Error::InvalidPool { reason };
    if request.pool.is_negative() {
        return Err(invalid(format!("the pool {} is negative", request.pool)));
    }
    let percent = request.members_percent;
    if percent.is_sign_negative() && !percent.is_zero() || percent > Decimal::ONE_HUNDRED {
        return Err(invalid(format!(
            "members_percent {percent} is not a percent from 0 to 100 (\"80\" means 80%)"
        )));
    }
    if request.keeper.party_id.is_empty() || request.members.iter().any(|m| m.party_id.is_empty()) {
        return Err(invalid("a party id is empty".into()));
    }
    let weights: Vec<Decimal> = request.members.iter().map(|m| m.weight).collect();
    if let Some((index, m)) = request
        .members
        .iter()
        .enumerate()
        .find(|(_, m)| m.weight.is_sign_negative() && !m.weight.is_zero())
    {
        return Err(Error::NegativeWeight {
            index,
            weight: m.weight.to_string(),
        });
    }
    let currency = request.pool.currency();
    let zero = Money::zero(currency);
    let any_weight = weights.iter().any(|w| !w.is_zero());
    let (members_total, kept) = if any_weight && !percent.is_zero() {
        let rest = Decimal::ONE_HUNDRED
            .checked_sub(percent)
            .ok_or_else(|| Error::out_of_range("the pool percent"))?;
        let parts = allocate(request.pool, &[percent, rest])?.amounts();
        (
            parts.first().copied().unwrap_or(zero),
            parts.get(1).copied().unwrap_or(zero),
        )
    } else {
        (zero, request.pool)
    };
    let amounts = if any_weight {
        allocate(members_total, &weights)?.amounts()
    } else {
        vec![zero; weights.len()]
    };
    Ok(PoolSplit {
        pool: request.pool,
        members_total,
        kept,
        keeper: request.keeper.clone(),
        shares: request
            .members
            .iter()
            .zip(amounts)
            .map(|(m, amount)| PoolShare {
                party_id: m.party_id.clone(),
                role: m.role.clone(),
                weight: m.weight,
                amount,
            })
            .collect(),
    })
}
