//! Fold a card's event log into its final state, its ledger and totals that reconcile.

use serde::{Deserialize, Serialize};

use super::apply::{apply, CardEntry, CardEntryKind};
use super::event::TimedCardEvent;
use super::rules::CardRules;
use super::state::{card_open, CardSpec, CardState};
use crate::money::{Currency, Money};
use crate::Error;

/// The input of the `card.replay` wire function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CardReplayRequest {
    /// The card as opened.
    pub card: CardSpec,
    /// The programme's rules.
    #[serde(default)]
    pub rules: CardRules,
    /// The event log, in time order.
    #[serde(default)]
    pub events: Vec<TimedCardEvent>,
}

/// Sums of a card's ledger. They reconcile to the cent:
/// `principal = topped_up − spent_principal + refunded_principal − paid_out` and
/// `bonus = bonus_granted − spent_bonus + refunded_bonus − bonus_forfeited`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CardTotals {
    /// Principal paid in by top-ups.
    pub topped_up: Money,
    /// Bonus credited by top-up tiers.
    pub bonus_granted: Money,
    /// Principal taken by spends.
    pub spent_principal: Money,
    /// Bonus taken by spends.
    pub spent_bonus: Money,
    /// Principal given back by refunds.
    pub refunded_principal: Money,
    /// Bonus given back by refunds.
    pub refunded_bonus: Money,
    /// Principal paid out on closing.
    pub paid_out: Money,
    /// Bonus forfeited on closing.
    pub bonus_forfeited: Money,
    /// Principal at the end.
    pub principal: Money,
    /// Bonus at the end.
    pub bonus: Money,
}

impl CardTotals {
    /// Sum ledger entries in `currency`. `principal` and `bonus` are the sums of the
    /// deltas, so they equal the card's balances when the entries are its whole ledger.
    pub fn from_entries(currency: Currency, entries: &[CardEntry]) -> Result<CardTotals, Error> {
        let zero = Money::zero(currency);
        let mut t = CardTotals {
            topped_up: zero,
            bonus_granted: zero,
            spent_principal: zero,
            spent_bonus: zero,
            refunded_principal: zero,
            refunded_bonus: zero,
            paid_out: zero,
            bonus_forfeited: zero,
            principal: zero,
            bonus: zero,
        };
        for e in entries {
            let (p, b) = (e.principal_delta, e.bonus_delta);
            match e.kind {
                CardEntryKind::TopUp => {
                    t.topped_up = t.topped_up.checked_add(p)?;
                    t.bonus_granted = t.bonus_granted.checked_add(b)?;
                }
                CardEntryKind::Spend => {
                    t.spent_principal = t.spent_principal.checked_sub(p)?;
                    t.spent_bonus = t.spent_bonus.checked_sub(b)?;
                }
                CardEntryKind::Refund => {
                    t.refunded_principal = t.refunded_principal.checked_add(p)?;
                    t.refunded_bonus = t.refunded_bonus.checked_add(b)?;
                }
                CardEntryKind::Close => {
                    t.paid_out = t.paid_out.checked_sub(p)?;
                    t.bonus_forfeited = t.bonus_forfeited.checked_sub(b)?;
                }
                CardEntryKind::Duplicate => {}
            }
            t.principal = t.principal.checked_add(p)?;
            t.bonus = t.bonus.checked_add(b)?;
        }
        Ok(t)
    }
}

/// The result of [`card_replay`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CardReplay {
    /// The card after the last event.
    pub card: CardState,
    /// One ledger entry per event, in order.
    pub entries: Vec<CardEntry>,
    /// The ledger's sums; `principal` and `bonus` equal the card's.
    pub totals: CardTotals,
}

/// Replay a card's event log from its opening: the same state and entries as calling
/// [`card_apply`](crate::card_apply) on each event in turn. The first rejected event stops
/// the replay with [`Error::AtEvent`] (its code is the rejection's code, `event_index` its
/// zero-based position).
///
/// Hand-computed: top up 100 (bonus 20), spend 60 (50 principal + 10 bonus), refund 30
/// (25 + 5), close: 75.00 paid out, 15.00 bonus forfeited.
///
/// ```
/// use o2okit::{card_replay, CardReplayRequest};
/// let request: CardReplayRequest = o2okit::decode(r#"{
///   "card": {"id": "c1", "currency": "CNY"},
///   "rules": {"bonus_tiers": [{"min_top_up": {"amount": "100.00", "currency": "CNY"}, "bonus": {"amount": "20.00", "currency": "CNY"}}]},
///   "events": [
///     {"at": "2026-03-01T10:00:00+08:00", "event": {"type": "top_up", "amount": {"amount": "100.00", "currency": "CNY"}}},
///     {"at": "2026-03-02T12:00:00+08:00", "event": {"type": "spend", "order_id": "o1", "amount": {"amount": "60.00", "currency": "CNY"}}},
///     {"at": "2026-03-03T09:00:00+08:00", "event": {"type": "refund", "order_id": "o1", "amount": {"amount": "30.00", "currency": "CNY"}}},
///     {"at": "2026-03-04T09:00:00+08:00", "event": {"type": "close"}}]}"#)?;
/// let replay = card_replay(&request.card, &request.rules, &request.events)?;
/// assert_eq!(replay.totals.paid_out.to_string(), "75.00 CNY");
/// assert_eq!(replay.totals.bonus_forfeited.to_string(), "15.00 CNY");
/// assert!(replay.card.balance()?.is_zero());
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn card_replay(
    card: &CardSpec,
    rules: &CardRules,
    events: &[TimedCardEvent],
) -> Result<CardReplay, Error> {
    let mut state = card_open(card)?;
    let mut lookup = state.check()?;
    rules.check(state.currency)?;
    let mut entries = Vec::with_capacity(events.len());
    for (index, timed) in events.iter().enumerate() {
        let entry =
            apply(&mut state, &mut lookup, rules, &timed.event, timed.at).map_err(|error| {
                Error::AtEvent {
                    index,
                    error: Box::new(error),
                }
            })?;
        entries.push(entry);
    }
    let totals = CardTotals::from_entries(state.currency, &entries)?;
    Ok(CardReplay {
        card: state,
        entries,
        totals,
    })
}
