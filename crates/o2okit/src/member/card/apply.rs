//! Apply one event to a card: the next state and one ledger entry, or an error and no
//! change.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::event::CardEvent;
use super::policy::share_down;
use super::rules::CardRules;
use super::state::{CardIndex, CardSpend, CardState, CardStatus, KeyedTopUp};
use crate::member::{check_order, invalid};
use crate::money::Money;
use crate::Error;

/// What a ledger entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CardEntryKind {
    /// Money paid in, with its bonus.
    TopUp,
    /// A retried keyed top-up: nothing changed.
    Duplicate,
    /// An order paid from the card.
    Spend,
    /// A refund back to the card.
    Refund,
    /// The card was closed: principal paid out, bonus forfeited.
    Close,
}

/// One line of a card's ledger: what happened, the principal and bonus deltas, and the
/// balances after. The deltas of all entries add up to the balances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CardEntry {
    /// When (the event's time).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// What happened.
    pub kind: CardEntryKind,
    /// The order of a spend or refund.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// The idempotency key of a top-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The money moved with the holder: paid in (top-up), spent, refunded, or paid out on
    /// closing.
    pub amount: Money,
    /// Change of principal (negative for spends and closing).
    pub principal_delta: Money,
    /// Change of bonus.
    pub bonus_delta: Money,
    /// Principal after.
    pub principal: Money,
    /// Bonus after.
    pub bonus: Money,
    /// On closing: the bonus forfeited (principal is paid out as `amount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forfeited_bonus: Option<Money>,
}

/// The result of [`card_apply`]: the next state and its ledger entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CardStep {
    /// The card after the event.
    pub card: CardState,
    /// The ledger entry of the event.
    pub entry: CardEntry,
}

/// Apply one event at time `at` to a card under `rules`. Pure: the input card is not
/// changed; on an error there is no next state.
///
/// - **top_up**: principal += amount, bonus += the highest tier's bonus; rejected whole
///   with [`Error::BalanceLimitExceeded`] if principal + bonus would exceed the card's
///   `max_balance`; below `rules.min_top_up` is [`Error::InvalidMembership`].
/// - **spend**: taken by the spend policy; more than the balance is
///   [`Error::InsufficientBalance`]; a second spend with the same order id is
///   [`Error::DuplicateId`].
/// - **refund**: back to principal and bonus in the proportion the order's spend took them
///   (cumulative: bonus refunded so far = floor(refunded so far × spend bonus / spend),
///   principal the rest); [`Error::SpendNotFound`], [`Error::RefundExceedsSpend`].
/// - **close**: principal paid out, bonus forfeited.
///
/// Any event on a closed card is [`Error::CardClosed`]; an event earlier than the last
/// one is [`Error::EventsOutOfOrder`].
///
/// ```
/// use o2okit::{card_apply, card_open, CardEvent, CardRules, CardSpec};
/// let card = card_open(&o2okit::decode::<CardSpec>(r#"{"id": "c1", "currency": "CNY"}"#)?)?;
/// let rules: CardRules = o2okit::decode(r#"{"bonus_tiers": [
///     {"min_top_up": {"amount": "100.00", "currency": "CNY"}, "bonus": {"amount": "20.00", "currency": "CNY"}}]}"#)?;
/// let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
/// let top_up: CardEvent = o2okit::decode(r#"{"type": "top_up", "amount": {"amount": "100.00", "currency": "CNY"}}"#)?;
/// let step = card_apply(&card, &rules, &top_up, at("2026-03-01T10:00:00+08:00"))?;
/// let spend: CardEvent = o2okit::decode(r#"{"type": "spend", "order_id": "o1", "amount": {"amount": "60.00", "currency": "CNY"}}"#)?;
/// let step = card_apply(&step.card, &rules, &spend, at("2026-03-02T12:00:00+08:00"))?;
/// assert_eq!(step.entry.principal_delta.to_string(), "-50.00 CNY");
/// assert_eq!(step.entry.bonus_delta.to_string(), "-10.00 CNY");
/// assert_eq!((step.card.principal.to_string(), step.card.bonus.to_string()),
///            ("50.00 CNY".to_string(), "10.00 CNY".to_string()));
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn card_apply(
    card: &CardState,
    rules: &CardRules,
    event: &CardEvent,
    at: DateTime<FixedOffset>,
) -> Result<CardStep, Error> {
    let mut index = card.check()?;
    rules.check(card.currency)?;
    let mut next = card.clone();
    let entry = apply(&mut next, &mut index, rules, event, at)?;
    Ok(CardStep { card: next, entry })
}

/// Apply in place. All checks and arithmetic happen before the first write, so an error
/// leaves `card` unchanged. The card and the rules must have been checked.
pub(crate) fn apply(
    card: &mut CardState,
    index: &mut CardIndex,
    rules: &CardRules,
    event: &CardEvent,
    at: DateTime<FixedOffset>,
) -> Result<CardEntry, Error> {
    if card.status == CardStatus::Closed {
        return Err(Error::CardClosed {
            card: card.id.clone(),
        });
    }
    check_order(card.as_of, at)?;
    let zero = Money::zero(card.currency);
    let entry = match event {
        CardEvent::TopUp { amount, key } => {
            positive(card, *amount, "event.amount")?;
            if let Some(key) = key {
                if let Some(seen) = index.top_ups.get(key).and_then(|&i| card.top_ups.get(i)) {
                    if seen.amount != *amount {
                        return Err(Error::IdempotencyConflict { key: key.clone() });
                    }
                    card.as_of = Some(at);
                    return Ok(CardEntry {
                        at,
                        kind: CardEntryKind::Duplicate,
                        order_id: None,
                        key: Some(key.clone()),
                        amount: *amount,
                        principal_delta: zero,
                        bonus_delta: zero,
                        principal: card.principal,
                        bonus: card.bonus,
                        forfeited_bonus: None,
                    });
                }
            }
            if let Some(min) = rules.min_top_up {
                if amount.amount() < min.amount() {
                    return Err(invalid(
                        "event.amount",
                        format!("a top-up of {amount} is below the smallest top-up {min}"),
                    ));
                }
            }
            let bonus = rules.bonus_for(*amount)?;
            let principal_after = card.principal.checked_add(*amount)?;
            let bonus_after = card.bonus.checked_add(bonus)?;
            let balance_after = principal_after.checked_add(bonus_after)?;
            if let Some(max) = card.limits.max_balance {
                if balance_after.amount() > max.amount() {
                    let room = max.checked_sub(card.balance()?)?;
                    return Err(Error::BalanceLimitExceeded {
                        card: card.id.clone(),
                        balance_after: balance_after.to_string(),
                        max_balance: max.to_string(),
                        room: if room.is_negative() { zero } else { room }.to_string(),
                    });
                }
            }
            card.principal = principal_after;
            card.bonus = bonus_after;
            if let Some(key) = key {
                index.top_ups.insert(key.clone(), card.top_ups.len());
                card.top_ups.push(KeyedTopUp {
                    key: key.clone(),
                    amount: *amount,
                });
            }
            CardEntry {
                at,
                kind: CardEntryKind::TopUp,
                order_id: None,
                key: key.clone(),
                amount: *amount,
                principal_delta: *amount,
                bonus_delta: bonus,
                principal: principal_after,
                bonus: bonus_after,
                forfeited_bonus: None,
            }
        }
        CardEvent::Spend { order_id, amount } => {
            positive(card, *amount, "event.amount")?;
            if index.spends.contains_key(order_id) {
                return Err(Error::DuplicateId {
                    what: "card spend order".into(),
                    id: order_id.clone(),
                });
            }
            let (from_principal, from_bonus) = rules
                .spend_policy
                .take(*amount, card.principal, card.bonus)
                .map_err(|e| match e {
                    Error::InsufficientBalance {
                        requested,
                        available,
                        ..
                    } => Error::InsufficientBalance {
                        card: card.id.clone(),
                        requested,
                        available,
                    },
                    other => other,
                })?;
            let principal_after = card.principal.checked_sub(from_principal)?;
            let bonus_after = card.bonus.checked_sub(from_bonus)?;
            card.principal = principal_after;
            card.bonus = bonus_after;
            index.spends.insert(order_id.clone(), card.spends.len());
            card.spends.push(CardSpend {
                order_id: order_id.clone(),
                principal: from_principal,
                bonus: from_bonus,
                refunded_principal: zero,
                refunded_bonus: zero,
            });
            CardEntry {
                at,
                kind: CardEntryKind::Spend,
                order_id: Some(order_id.clone()),
                key: None,
                amount: *amount,
                principal_delta: from_principal.negate(),
                bonus_delta: from_bonus.negate(),
                principal: principal_after,
                bonus: bonus_after,
                forfeited_bonus: None,
            }
        }
        CardEvent::Refund { order_id, amount } => {
            positive(card, *amount, "event.amount")?;
            let position =
                index
                    .spends
                    .get(order_id)
                    .copied()
                    .ok_or_else(|| Error::SpendNotFound {
                        card: card.id.clone(),
                        order: order_id.clone(),
                    })?;
            let spend = card
                .spends
                .get(position)
                .ok_or_else(|| Error::out_of_range("spend index"))?;
            let spent = spend.amount()?;
            let refunded_before = spend.refunded()?;
            let refundable = spent.checked_sub(refunded_before)?;
            if amount.amount() > refundable.amount() {
                return Err(Error::RefundExceedsSpend {
                    card: card.id.clone(),
                    order: order_id.clone(),
                    requested: amount.to_string(),
                    refundable: refundable.to_string(),
                });
            }
            let refunded_after = refunded_before.checked_add(*amount)?;
            let bonus_cumulative = Money::from_minor(
                share_down(
                    refunded_after.minor_units(),
                    spend.bonus.minor_units(),
                    spent.minor_units(),
                )?,
                card.currency,
            )?;
            let principal_cumulative = refunded_after.checked_sub(bonus_cumulative)?;
            let bonus_delta = bonus_cumulative.checked_sub(spend.refunded_bonus)?;
            let principal_delta = principal_cumulative.checked_sub(spend.refunded_principal)?;
            let principal_after = card.principal.checked_add(principal_delta)?;
            let bonus_after = card.bonus.checked_add(bonus_delta)?;
            if let Some(spend) = card.spends.get_mut(position) {
                spend.refunded_principal = principal_cumulative;
                spend.refunded_bonus = bonus_cumulative;
            }
            card.principal = principal_after;
            card.bonus = bonus_after;
            CardEntry {
                at,
                kind: CardEntryKind::Refund,
                order_id: Some(order_id.clone()),
                key: None,
                amount: *amount,
                principal_delta,
                bonus_delta,
                principal: principal_after,
                bonus: bonus_after,
                forfeited_bonus: None,
            }
        }
        CardEvent::Close => {
            let payout = card.principal;
            let forfeited = card.bonus;
            card.principal = zero;
            card.bonus = zero;
            card.status = CardStatus::Closed;
            CardEntry {
                at,
                kind: CardEntryKind::Close,
                order_id: None,
                key: None,
                amount: payout,
                principal_delta: payout.negate(),
                bonus_delta: forfeited.negate(),
                principal: zero,
                bonus: zero,
                forfeited_bonus: Some(forfeited),
            }
        }
    };
    card.as_of = Some(at);
    Ok(entry)
}

fn positive(card: &CardState, amount: Money, field: &str) -> Result<(), Error> {
    if amount.currency() != card.currency {
        return Err(Error::CurrencyMismatch {
            left: card.currency.code().into(),
            right: amount.currency().code().into(),
        });
    }
    if !amount.is_positive() {
        return Err(invalid(field, format!("{amount} must be positive")));
    }
    Ok(())
}
