//! `voucher_order_step(state, deal, command, now)`: one transition.

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::command::VoucherOrderCommand;
use super::deal::{DealRefundPolicy, VoucherDeal};
use super::effect::VoucherOrderEffect;
use super::state::{IssuedVoucher, ProcessedCommand, VoucherOrderState, VoucherRedemption};
use crate::allocate::allocate;
use crate::lifecycle::machine::{command_not_allowed, earlier_reply, in_time_order, input};
use crate::money::Money;
use crate::split::SplitOrder;
use crate::voucher::{issue_code, VoucherScope};
use crate::Error;

/// The result of one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherOrderStep {
    /// The state after the command (the input, unchanged, for a duplicate).
    pub state: VoucherOrderState,
    /// What to do, in order. For a duplicate: the effects of the original command, which
    /// were already returned once and must not be carried out again.
    pub effects: Vec<VoucherOrderEffect>,
    /// Whether the command was applied before under the same key.
    pub duplicate: bool,
}

/// Apply one command to a voucher order at `now`. Pure: on an error nothing is applied.
/// `deal` must be the deal the order was opened with (checked by id; the values the order
/// depends on, such as the vouchers' open values, are kept in the state).
///
/// **Order of checks.** A key applied before returns the original effects with
/// `duplicate: true` (the identical command) or [`Error::IdempotencyConflict`] (another
/// command), in any status, at any time. Then: the deal ([`Error::InvalidDeal`]); a terminal
/// status, an actor other than the command's own, or a command the status does not take
/// ([`Error::CommandNotAllowed`]); `now` before the last applied command
/// ([`Error::TimeOutOfOrder`]); then the command's own guards.
///
/// **Guards.**
/// - `pay`: `amount = price × vouchers` ([`Error::AmountMismatch`]), `now < valid_until`
///   ([`Error::OutsideValidity`]), a `serial` exactly when the deal has codes.
/// - `redeem`: a voucher of the order ([`Error::UnknownVoucher`]), an allowed store
///   ([`Error::StoreNotAllowed`]), `valid_from <= now < valid_until`
///   ([`Error::OutsideValidity`]), `1 <= count <= uses left` ([`Error::NoUsesLeft`]).
/// - `reverse`: a redemption of the order ([`Error::UnknownRedemption`]), not reversed
///   ([`Error::AlreadyReversed`]), not settled ([`Error::AlreadySettled`], checked before
///   the window), `now < redeemed at + reversal window` ([`Error::ReversalWindowPassed`];
///   a window of 0 minutes never allows a reversal). The uses go back to the voucher with
///   the value they took; after `expire` they are refunded or lapse at once, as at expiry.
/// - `refund`: policy `any_time` ([`Error::RefundNotAllowed`]), listed vouchers known and
///   distinct, each with uses left ([`Error::NoUsesLeft`]). Refunds every open use of each
///   voucher. (Settled value is never refunded here: refund it outside o2okit with
///   [`clawback`](crate::clawback).)
/// - `expire`: `now >= valid_until` and not expired before ([`Error::CommandNotAllowed`]).
/// - `settle`: settles each pending redemption with `now >= redeemed at + reversal
///   window`, in redemption order; none due is a success without effects. With a list,
///   exactly the listed ones, each known ([`Error::UnknownRedemption`]), not reversed
///   ([`Error::AlreadyReversed`]), not settled ([`Error::AlreadySettled`]) and past its
///   window ([`Error::CommandNotAllowed`]).
///
/// **Values of uses.** A voucher's price is its open value. Redeeming `c` of its `L` open
/// uses takes the share `c / L` of the open value, split by [`allocate`](crate::allocate)
/// (largest remainder; a tie goes to the redeemed part), or all of it for the last uses;
/// so the uses of a voucher always add up exactly to its price (100.00 for 3 uses, one at a
/// time: 33.33, 33.34, 33.33). A reversal gives back exactly the value its redemption
/// took; a refund, a breakage or a settlement moves exactly the recorded values.
///
/// Errors: as above, and [`Error::InvalidInput`] for an empty key, a state of another deal,
/// or a bad `count` or `serial`.
pub fn voucher_order_step(
    state: &VoucherOrderState,
    deal: &VoucherDeal,
    command: &VoucherOrderCommand,
    now: DateTime<FixedOffset>,
) -> Result<VoucherOrderStep, Error> {
    let key = command.key();
    if key.is_empty() {
        return Err(input("command.key", "must not be empty"));
    }
    if state.deal_id != deal.id {
        return Err(input(
            "deal.id",
            format!(
                "the order is for deal {:?}, not {:?}",
                state.deal_id, deal.id
            ),
        ));
    }
    let processed = state
        .processed
        .iter()
        .map(|p| (&p.command, p.effects.as_slice()));
    if let Some(effects) = earlier_reply(processed, command, VoucherOrderCommand::key)? {
        return Ok(VoucherOrderStep {
            state: state.clone(),
            effects,
            duplicate: true,
        });
    }
    deal.validate()?;
    let allowed = state.allowed_commands();
    if state.status.is_terminal() {
        return Err(not_allowed(
            state,
            command,
            "the order has ended; a terminal status takes no command",
        ));
    }
    if command.actor() != command.expected_actor() {
        return Err(not_allowed(
            state,
            command,
            &format!(
                "only the {} sends {}",
                command.expected_actor().as_str(),
                command.name()
            ),
        ));
    }
    if !allowed.contains(&command.name()) {
        return Err(not_allowed(state, command, "the status does not take it"));
    }
    in_time_order(now, state.as_of)?;
    let mut next = state.clone();
    let mut effects = Vec::new();
    match command {
        VoucherOrderCommand::Pay { amount, serial, .. } => {
            pay(&mut next, deal, *amount, *serial, now, &mut effects)?
        }
        VoucherOrderCommand::Redeem {
            key,
            voucher,
            store_id,
            staff_id,
            count,
            ..
        } => {
            let redemption = VoucherRedemption {
                key: key.clone(),
                voucher: voucher.clone(),
                store_id: store_id.clone(),
                staff_id: staff_id.clone(),
                count: *count,
                amount: Money::zero(deal.price.currency()),
                at: now,
                reversed_at: None,
                settled_at: None,
            };
            redeem(&mut next, deal, redemption, &mut effects)?
        }
        VoucherOrderCommand::Reverse { redemption, .. } => {
            reverse(&mut next, deal, redemption, now, &mut effects)?
        }
        VoucherOrderCommand::Refund { vouchers, .. } => {
            refund(&mut next, deal, vouchers, &mut effects)?
        }
        VoucherOrderCommand::Expire { .. } => expire(&mut next, deal, command, now, &mut effects)?,
        VoucherOrderCommand::Settle { redemptions, .. } => {
            settle(&mut next, deal, command, redemptions, now, &mut effects)?
        }
    }
    next.as_of = Some(now);
    next.derive_status();
    next.processed.push(ProcessedCommand {
        command: command.clone(),
        effects: effects.clone(),
    });
    Ok(VoucherOrderStep {
        state: next,
        effects,
        duplicate: false,
    })
}

fn not_allowed(state: &VoucherOrderState, command: &VoucherOrderCommand, reason: &str) -> Error {
    command_not_allowed(
        command.name(),
        command.actor().as_str(),
        state.status.as_str(),
        reason,
        state.allowed_commands(),
    )
}

fn outside(deal: &VoucherDeal, now: DateTime<FixedOffset>) -> Error {
    Error::OutsideValidity {
        deal: deal.id.clone(),
        now: now.to_rfc3339(),
        valid_from: deal.valid_from.to_rfc3339(),
        valid_until: deal.valid_until.to_rfc3339(),
    }
}

fn pay(
    next: &mut VoucherOrderState,
    deal: &VoucherDeal,
    amount: Money,
    serial: Option<u64>,
    now: DateTime<FixedOffset>,
    effects: &mut Vec<VoucherOrderEffect>,
) -> Result<(), Error> {
    let price = deal.order_price()?;
    if amount != price {
        return Err(Error::AmountMismatch {
            order: next.order_id.clone(),
            expected: price.to_string(),
            found: amount.to_string(),
        });
    }
    if now >= deal.valid_until {
        return Err(outside(deal, now));
    }
    if deal.codes.is_some() != serial.is_some() {
        return Err(input(
            "command.serial",
            if deal.codes.is_some() {
                "the deal issues codes: give the serial of the first voucher"
            } else {
                "the deal issues no codes: leave serial out"
            },
        ));
    }
    effects.push(VoucherOrderEffect::Charge {
        customer_id: next.customer_id.clone(),
        amount,
    });
    let scope = VoucherScope {
        store_id: None,
        deal_id: Some(deal.id.clone()),
        expires_at: Some(deal.valid_until),
    };
    for i in 0..deal.vouchers {
        let number = i.saturating_add(1);
        let id = format!("{}/v{number}", next.order_id);
        let (serial, code) = match (&deal.codes, serial) {
            (Some(codes), Some(first)) => {
                let serial = first
                    .checked_add(u64::from(i))
                    .ok_or_else(|| input("command.serial", "too large"))?;
                let issued = issue_code(&codes.key, &codes.spec, serial, &scope)?;
                (Some(serial), Some(issued.code))
            }
            _ => (None, None),
        };
        effects.push(VoucherOrderEffect::IssueVoucher {
            voucher: id.clone(),
            uses: deal.uses,
            serial,
            code: code.clone(),
        });
        next.vouchers.push(IssuedVoucher {
            id,
            serial,
            code,
            uses_left: deal.uses,
            value_left: deal.price,
            uses_refunded: 0,
            uses_lapsed: 0,
        });
    }
    next.totals.charged = amount;
    Ok(())
}

fn voucher_index(next: &VoucherOrderState, voucher: &str) -> Result<usize, Error> {
    next.vouchers
        .iter()
        .position(|v| v.id == voucher)
        .ok_or_else(|| Error::UnknownVoucher {
            order: next.order_id.clone(),
            voucher: voucher.to_string(),
        })
}

/// The value of `count` of `left` open uses worth `value` in all.
fn take(value: Money, left: u32, count: u32) -> Result<Money, Error> {
    if count >= left {
        return Ok(value);
    }
    let rest = left.saturating_sub(count);
    let parts = allocate(value, &[Decimal::from(count), Decimal::from(rest)])?;
    parts
        .parts
        .first()
        .map(|p| p.amount)
        .ok_or_else(|| Error::out_of_range("allocation returned no part"))
}

fn redeem(
    next: &mut VoucherOrderState,
    deal: &VoucherDeal,
    mut redemption: VoucherRedemption,
    effects: &mut Vec<VoucherOrderEffect>,
) -> Result<(), Error> {
    let index = voucher_index(next, &redemption.voucher)?;
    if !deal.stores.contains(&redemption.store_id) {
        return Err(Error::StoreNotAllowed {
            store: redemption.store_id.clone(),
            deal: deal.id.clone(),
            allowed: deal.stores.join(", "),
        });
    }
    let now = redemption.at;
    if now < deal.valid_from || now >= deal.valid_until {
        return Err(outside(deal, now));
    }
    if redemption.count == 0 {
        return Err(input("command.count", "redeem at least 1 use"));
    }
    let voucher = next
        .vouchers
        .get_mut(index)
        .ok_or_else(|| input("state.vouchers", "index out of range"))?;
    if redemption.count > voucher.uses_left {
        return Err(Error::NoUsesLeft {
            voucher: voucher.id.clone(),
            left: voucher.uses_left,
            requested: redemption.count,
        });
    }
    let amount = take(voucher.value_left, voucher.uses_left, redemption.count)?;
    voucher.value_left = voucher.value_left.checked_sub(amount)?;
    voucher.uses_left = voucher.uses_left.saturating_sub(redemption.count);
    redemption.amount = amount;
    effects.push(VoucherOrderEffect::Redeemed {
        voucher: redemption.voucher.clone(),
        redemption: redemption.key.clone(),
        store_id: redemption.store_id.clone(),
        count: redemption.count,
        amount,
    });
    next.redemptions.push(redemption);
    Ok(())
}

fn reverse(
    next: &mut VoucherOrderState,
    deal: &VoucherDeal,
    key: &str,
    now: DateTime<FixedOffset>,
    effects: &mut Vec<VoucherOrderEffect>,
) -> Result<(), Error> {
    let order = next.order_id.clone();
    let redemption = next
        .redemptions
        .iter_mut()
        .find(|r| r.key == key)
        .ok_or_else(|| Error::UnknownRedemption {
            order,
            redemption: key.to_string(),
        })?;
    if redemption.reversed_at.is_some() {
        return Err(Error::AlreadyReversed {
            redemption: key.to_string(),
        });
    }
    if redemption.settled_at.is_some() {
        return Err(Error::AlreadySettled {
            redemption: key.to_string(),
        });
    }
    let until = window_end(deal, redemption.at)?;
    if now >= until {
        return Err(Error::ReversalWindowPassed {
            redemption: key.to_string(),
            at: redemption.at.to_rfc3339(),
            until: until.to_rfc3339(),
            now: now.to_rfc3339(),
        });
    }
    redemption.reversed_at = Some(now);
    let (voucher_id, count, amount) = (
        redemption.voucher.clone(),
        redemption.count,
        redemption.amount,
    );
    let index = voucher_index(next, &voucher_id)?;
    let voucher = next
        .vouchers
        .get_mut(index)
        .ok_or_else(|| input("state.vouchers", "index out of range"))?;
    voucher.uses_left = voucher.uses_left.saturating_add(count);
    voucher.value_left = voucher.value_left.checked_add(amount)?;
    effects.push(VoucherOrderEffect::Reversed {
        voucher: voucher_id,
        redemption: key.to_string(),
        count,
        amount,
    });
    if next.expired {
        release(next, deal, index, Release::Expiry, effects)?;
    }
    Ok(())
}

fn window_end(
    deal: &VoucherDeal,
    at: DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>, Error> {
    at.checked_add_signed(deal.reversal_window())
        .ok_or_else(|| Error::out_of_range("reversal window end"))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Release {
    /// The customer asked.
    Request,
    /// The validity ended.
    Expiry,
}

/// Refund (or, at expiry under `none`, lapse) every open use of one voucher.
fn release(
    next: &mut VoucherOrderState,
    deal: &VoucherDeal,
    index: usize,
    why: Release,
    effects: &mut Vec<VoucherOrderEffect>,
) -> Result<(), Error> {
    let customer_id = next.customer_id.clone();
    let voucher = next
        .vouchers
        .get_mut(index)
        .ok_or_else(|| input("state.vouchers", "index out of range"))?;
    if voucher.uses_left == 0 {
        return Ok(());
    }
    let (uses, amount) = (voucher.uses_left, voucher.value_left);
    voucher.uses_left = 0;
    voucher.value_left = Money::zero(amount.currency());
    let lapse = why == Release::Expiry && deal.refund == DealRefundPolicy::None;
    if lapse {
        voucher.uses_lapsed = voucher.uses_lapsed.saturating_add(uses);
        effects.push(VoucherOrderEffect::Breakage {
            voucher: voucher.id.clone(),
            uses,
            amount,
        });
        next.totals.breakage = next.totals.breakage.checked_add(amount)?;
    } else {
        voucher.uses_refunded = voucher.uses_refunded.saturating_add(uses);
        effects.push(VoucherOrderEffect::Refund {
            customer_id,
            voucher: voucher.id.clone(),
            uses,
            amount,
        });
        next.totals.refunded = next.totals.refunded.checked_add(amount)?;
    }
    Ok(())
}

fn refund(
    next: &mut VoucherOrderState,
    deal: &VoucherDeal,
    vouchers: &[String],
    effects: &mut Vec<VoucherOrderEffect>,
) -> Result<(), Error> {
    if deal.refund != DealRefundPolicy::AnyTime {
        return Err(Error::RefundNotAllowed {
            policy: deal.refund.as_str().into(),
            reason: match deal.refund {
                DealRefundPolicy::AtExpiry => {
                    "unused uses are refunded automatically when the scheduler expires the order"
                }
                _ => "unused uses are not refundable; they lapse to the merchant at expiry",
            }
            .into(),
        });
    }
    let indices: Vec<usize> = if vouchers.is_empty() {
        (0..next.vouchers.len())
            .filter(|i| next.vouchers.get(*i).is_some_and(|v| v.uses_left > 0))
            .collect()
    } else {
        let mut indices = Vec::with_capacity(vouchers.len());
        for (i, voucher) in vouchers.iter().enumerate() {
            if vouchers.iter().take(i).any(|v| v == voucher) {
                return Err(input(
                    &format!("command.vouchers[{i}]"),
                    "repeats a voucher",
                ));
            }
            let index = voucher_index(next, voucher)?;
            if next.vouchers.get(index).is_some_and(|v| v.uses_left == 0) {
                return Err(Error::NoUsesLeft {
                    voucher: voucher.clone(),
                    left: 0,
                    requested: 1,
                });
            }
            indices.push(index);
        }
        indices
    };
    for index in indices {
        release(next, deal, index, Release::Request, effects)?;
    }
    Ok(())
}

fn expire(
    next: &mut VoucherOrderState,
    deal: &VoucherDeal,
    command: &VoucherOrderCommand,
    now: DateTime<FixedOffset>,
    effects: &mut Vec<VoucherOrderEffect>,
) -> Result<(), Error> {
    if next.expired {
        return Err(not_allowed(next, command, "the order has already expired"));
    }
    if now < deal.valid_until {
        return Err(not_allowed(
            next,
            command,
            &format!(
                "expire runs at or after valid_until ({})",
                deal.valid_until.to_rfc3339()
            ),
        ));
    }
    next.expired = true;
    for index in 0..next.vouchers.len() {
        release(next, deal, index, Release::Expiry, effects)?;
    }
    Ok(())
}

fn settle(
    next: &mut VoucherOrderState,
    deal: &VoucherDeal,
    command: &VoucherOrderCommand,
    listed: &[String],
    now: DateTime<FixedOffset>,
    effects: &mut Vec<VoucherOrderEffect>,
) -> Result<(), Error> {
    // Check the listed redemptions first, so that an error settles none of them.
    for (i, key) in listed.iter().enumerate() {
        if listed.iter().take(i).any(|k| k == key) {
            return Err(input(
                &format!("command.redemptions[{i}]"),
                "repeats a redemption",
            ));
        }
        let redemption = next
            .redemptions
            .iter()
            .find(|r| r.key == *key)
            .ok_or_else(|| Error::UnknownRedemption {
                order: next.order_id.clone(),
                redemption: key.clone(),
            })?;
        if redemption.reversed_at.is_some() {
            return Err(Error::AlreadyReversed {
                redemption: key.clone(),
            });
        }
        if redemption.settled_at.is_some() {
            return Err(Error::AlreadySettled {
                redemption: key.clone(),
            });
        }
        let until = window_end(deal, redemption.at)?;
        if now < until {
            return Err(not_allowed(
                next,
                command,
                &format!(
                    "redemption {key:?} may still be reversed until {}; settle it from then on",
                    until.to_rfc3339()
                ),
            ));
        }
    }
    let plan = deal.plan.compile_with(false)?;
    let order_id = next.order_id.clone();
    let mut settled = next.totals.settled;
    for redemption in next.redemptions.iter_mut() {
        if !redemption.is_pending() || now < window_end(deal, redemption.at)? {
            continue;
        }
        if !listed.is_empty() && !listed.contains(&redemption.key) {
            continue;
        }
        let order = SplitOrder::new(
            format!("{order_id}/{}", redemption.key),
            now,
            redemption.amount,
        );
        let ledger = plan.split(&order)?;
        redemption.settled_at = Some(now);
        settled = settled.checked_add(redemption.amount)?;
        effects.push(VoucherOrderEffect::Settle {
            voucher: redemption.voucher.clone(),
            redemption: redemption.key.clone(),
            amount: redemption.amount,
            ledger,
        });
    }
    next.totals.settled = settled;
    Ok(())
}
