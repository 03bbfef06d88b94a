//! A card's whole state as a plain value the caller stores.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::limits::{CardKind, CardLimits};
use crate::member::invalid;
use crate::money::{Currency, Money};
use crate::Error;

/// A new card: its id, currency, kind and limits.
///
/// On the wire: `{"id": "card-1", "currency": "CNY", "kind": "anonymous", "limits":
/// {"max_balance": {"amount": "1000.00", "currency": "CNY"}}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CardSpec {
    /// The card id.
    pub id: String,
    /// The currency of every amount on the card.
    pub currency: Currency,
    /// Registered (the default) or anonymous.
    #[serde(default)]
    pub kind: CardKind,
    /// Optional limits.
    #[serde(default, skip_serializing_if = "CardLimits::is_unlimited")]
    pub limits: CardLimits,
}

/// Open or closed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CardStatus {
    /// Takes top-ups, spends and refunds.
    #[default]
    Open,
    /// Closed: takes nothing more.
    Closed,
}

/// What one order spent from the card, and how much of it was refunded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CardSpend {
    /// The order.
    pub order_id: String,
    /// Taken from principal.
    pub principal: Money,
    /// Taken from bonus.
    pub bonus: Money,
    /// Principal given back by refunds so far.
    pub refunded_principal: Money,
    /// Bonus given back by refunds so far.
    pub refunded_bonus: Money,
}

/// A keyed top-up, remembered so that a retry is recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyedTopUp {
    /// The idempotency key.
    pub key: String,
    /// The amount paid in.
    pub amount: Money,
}

/// The whole state of a stored-value card: principal (本金) and bonus (赠送金) kept apart,
/// the spends that refunds may still return to, and the keys of keyed top-ups.
///
/// Principal and bonus are never negative; principal + bonus is the balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CardState {
    /// The card id.
    pub id: String,
    /// The card currency.
    pub currency: Currency,
    /// Registered or anonymous.
    #[serde(default)]
    pub kind: CardKind,
    /// The card's limits.
    #[serde(default, skip_serializing_if = "CardLimits::is_unlimited")]
    pub limits: CardLimits,
    /// Open or closed.
    #[serde(default)]
    pub status: CardStatus,
    /// Principal: money the holder paid in and may get back on closing.
    pub principal: Money,
    /// Bonus: credited by top-up tiers; spendable, never paid out.
    pub bonus: Money,
    /// Every spend, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spends: Vec<CardSpend>,
    /// Every keyed top-up, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub top_ups: Vec<KeyedTopUp>,
    /// The time of the last applied event; the next must not be earlier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub as_of: Option<DateTime<FixedOffset>>,
}

/// Open a card: zero principal, zero bonus.
///
/// Errors: [`Error::CurrencyMismatch`] when a limit is in another currency,
/// [`Error::InvalidMembership`] for an empty id or a negative limit.
///
/// ```
/// let spec: o2okit::CardSpec = o2okit::decode(r#"{"id": "c1", "currency": "CNY"}"#)?;
/// let card = o2okit::card_open(&spec)?;
/// assert_eq!(card.balance()?.to_string(), "0.00 CNY");
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn card_open(spec: &CardSpec) -> Result<CardState, Error> {
    let state = CardState {
        id: spec.id.clone(),
        currency: spec.currency,
        kind: spec.kind,
        limits: spec.limits.clone(),
        status: CardStatus::Open,
        principal: Money::zero(spec.currency),
        bonus: Money::zero(spec.currency),
        spends: Vec::new(),
        top_ups: Vec::new(),
        as_of: None,
    };
    state.check()?;
    Ok(state)
}

/// Positions of a card's spends by order id and of its keyed top-ups by key, so that one
/// event costs no scan of the card's history. Only looked up, never iterated.
#[derive(Debug, Default)]
pub(crate) struct CardIndex {
    pub(crate) spends: HashMap<String, usize>,
    pub(crate) top_ups: HashMap<String, usize>,
}

impl CardState {
    /// Principal plus bonus.
    pub fn balance(&self) -> Result<Money, Error> {
        self.principal.checked_add(self.bonus)
    }

    /// Check a state given by a caller: one currency throughout, nothing negative, refunds
    /// within their spends, a closed card empty, order ids and keys unique. Returns the
    /// index of its spends and keyed top-ups.
    pub(crate) fn check(&self) -> Result<CardIndex, Error> {
        let mut index = CardIndex::default();
        if self.id.is_empty() {
            return Err(invalid("card.id", "a card needs a non-empty id"));
        }
        let currency = self.currency;
        let same = |money: &Money| -> Result<(), Error> {
            if money.currency() == currency {
                Ok(())
            } else {
                Err(Error::CurrencyMismatch {
                    left: currency.code().into(),
                    right: money.currency().code().into(),
                })
            }
        };
        if let Some(max) = &self.limits.max_balance {
            same(max)?;
            if max.is_negative() {
                return Err(invalid(
                    "card.limits.max_balance",
                    "must be zero or positive",
                ));
            }
        }
        for (field, money) in [
            ("card.principal", &self.principal),
            ("card.bonus", &self.bonus),
        ] {
            same(money)?;
            if money.is_negative() {
                return Err(invalid(field, "a card balance is never negative"));
            }
        }
        if self.status == CardStatus::Closed && !self.balance()?.is_zero() {
            return Err(invalid("card.status", "a closed card holds nothing"));
        }
        for (i, spend) in self.spends.iter().enumerate() {
            let parts = [
                spend.principal,
                spend.bonus,
                spend.refunded_principal,
                spend.refunded_bonus,
            ];
            for money in &parts {
                same(money)?;
                if money.is_negative() {
                    return Err(invalid(
                        format!("card.spends[{i}]"),
                        "spend amounts are never negative",
                    ));
                }
            }
            if spend.refunded_principal.amount() > spend.principal.amount()
                || spend.refunded_bonus.amount() > spend.bonus.amount()
            {
                return Err(invalid(
                    format!("card.spends[{i}]"),
                    "more refunded than spent",
                ));
            }
            if index.spends.insert(spend.order_id.clone(), i).is_some() {
                return Err(Error::DuplicateId {
                    what: "card spend order".into(),
                    id: spend.order_id.clone(),
                });
            }
        }
        for (i, top_up) in self.top_ups.iter().enumerate() {
            same(&top_up.amount)?;
            if index.top_ups.insert(top_up.key.clone(), i).is_some() {
                return Err(Error::DuplicateId {
                    what: "top-up key".into(),
                    id: top_up.key.clone(),
                });
            }
        }
        Ok(index)
    }
}

impl CardSpend {
    /// What the order spent in all.
    pub fn amount(&self) -> Result<Money, Error> {
        self.principal.checked_add(self.bonus)
    }

    /// What refunds have given back so far.
    pub fn refunded(&self) -> Result<Money, Error> {
        self.refunded_principal.checked_add(self.refunded_bonus)
    }
}
