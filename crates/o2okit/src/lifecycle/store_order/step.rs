//! `store_order_step(state, policy, command, now)`: one transition.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::command::StoreOrderCommand;
use super::effect::{Handover, StoreOrderEffect};
use super::policy::{StoreOrderPolicy, BOUND_STORE_ROLE, EXPERIENCE_STORE_ROLE, MAX_ORDER_TOUCHES};
use super::state::{PlacedOrder, ProcessedStoreCommand, StoreOrderState, StoreTouch};
use crate::flow::Flow;
use crate::intake::Fulfilment;
use crate::lifecycle::machine::{command_not_allowed, earlier_reply, in_time_order, input};
use crate::money::Money;
use crate::roles::{Party, Role};
use crate::split::{bind, BindEvent, Binding, FundedDiscount, Refund, SplitOrder, Touchpoint};
use crate::stores::{assign, AssignItem, AssignOrder, AssignStatus, Assignment, Location};
use crate::Error;

/// The result of one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreOrderStep {
    /// The state after the command (the input, unchanged, for a duplicate).
    pub state: StoreOrderState,
    /// What to do, in order. For a duplicate: the effects of the original command, which
    /// were already returned once and must not be carried out again.
    pub effects: Vec<StoreOrderEffect>,
    /// Whether the command was applied before under the same key.
    pub duplicate: bool,
}

/// Apply one command to a store order at `now`. Pure: on an error nothing is applied.
/// `policy` must be the policy the order was opened with (checked by id; what the order
/// depends on, such as its store and parties, is kept in the state).
///
/// **Order of checks.** A key applied before returns the original effects with
/// `duplicate: true` (the identical command) or [`Error::IdempotencyConflict`] (another
/// command), in any status, at any time. Then: the policy
/// ([`Error::InvalidStoreOrderPolicy`]); a terminal status, a command the status does not
/// take, or an actor the command does not allow ([`Error::CommandNotAllowed`]); `now` before
/// the last applied command ([`Error::TimeOutOfOrder`]); then the command's own guards.
///
/// **Guards.**
/// - `touch`: flows 2 and 3 only, before `place`; a non-empty store id (and staff id when
///   given); at most [`MAX_ORDER_TOUCHES`] per order ([`Error::InvalidInput`]).
/// - `place`: a positive amount in the policy's currency and discounts that are not
///   negative ([`Error::InvalidInput`], [`Error::CurrencyMismatch`]); a channel the policy
///   lists ([`Error::UnknownChannel`]; flow 4 must name one); `dine_in` only in flow 4; an
///   `address` for delivery and for every flow 3 order; flows 2 and 4 name the `store_id`,
///   flow 3 must not: [`assign`](crate::assign) routes the order to the nearest eligible
///   partner store at `now` ([`Error::NoStoreAvailable`] when there is none, with every
///   store's reasons). The bindings are evaluated with [`bind`](crate::bind) at `now`: in
///   flow 2 the staff members of the touches (the binding's role, default `store_staff`)
///   and their stores (`bound_store`), in flow 3 the experience stores
///   (`experience_store`). The split that settlement will do is tried at once, so an
///   order the plan cannot split (a funder or a role nobody fills) is rejected here, before
///   any money moves. Emits `assign_store` (flow 3), `bind` (one per binding in force) and
///   `charge`, in that order.
/// - `accept`, `ready`: staff. `dispatch`: staff or logistics, delivery only. `complete`:
///   logistics for delivery, staff for pickup and dine-in; emits `completed`.
/// - `settle`: the platform, once completed: splits the paid amount by the plan with the
///   channel's fee rule first and the order's parties filled; emits `settle`.
/// - `cancel`: the customer, while `received`, within `cancel_minutes` of placing
///   ([`Error::CommandNotAllowed`] after it: ask staff to void); emits `refund` of the whole
///   amount.
/// - `void`: staff or the platform, before completion; emits `refund` of the whole amount.
/// - `refund`: the customer or the platform. In `completed`, only the whole amount (the
///   default; a part is [`Error::RefundNotAllowed`]: settle first). In `closed`, any
///   positive amount up to what is left (default: all of it; more is
///   [`Error::RefundExceedsPaid`]); emits `refund` and `clawback`, the cumulative
///   [`Ledger::clawback`](crate::Ledger::clawback) of the settled ledger under the policy's
///   refund policy, so each party gives back exactly its share and the whole order
///   refunded gives back every line. The order is `refunded` once everything is.
///
/// Errors: as above, and [`Error::InvalidInput`] for an empty key or a state of another
/// policy.
pub fn store_order_step(
    state: &StoreOrderState,
    policy: &StoreOrderPolicy,
    command: &StoreOrderCommand,
    now: DateTime<FixedOffset>,
) -> Result<StoreOrderStep, Error> {
    let key = command.key();
    if key.is_empty() {
        return Err(input("command.key", "must not be empty"));
    }
    if state.policy_id != policy.id || state.flow != policy.flow {
        return Err(input(
            "policy.id",
            format!(
                "the order is under policy {:?} ({}), not {:?} ({})",
                state.policy_id, state.flow, policy.id, policy.flow
            ),
        ));
    }
    let processed = state
        .processed
        .iter()
        .map(|p| (&p.command, p.effects.as_slice()));
    if let Some(effects) = earlier_reply(processed, command, StoreOrderCommand::key)? {
        return Ok(StoreOrderStep {
            state: state.clone(),
            effects,
            duplicate: true,
        });
    }
    policy.validate()?;
    if state.status.is_terminal() {
        return Err(not_allowed(
            state,
            command,
            "the order has ended; a terminal status takes no command",
        ));
    }
    if !state.allowed_commands().contains(&command.name()) {
        return Err(not_allowed(state, command, "the status does not take it"));
    }
    let actors = command.allowed_actors(state.is_delivery());
    if !actors.contains(&command.actor()) {
        let names: Vec<&str> = actors.iter().map(|a| a.as_str()).collect();
        return Err(not_allowed(
            state,
            command,
            &format!("only the {} sends {}", names.join(" or "), command.name()),
        ));
    }
    in_time_order(now, state.as_of)?;
    let mut next = state.clone();
    let mut effects = Vec::new();
    match command {
        StoreOrderCommand::Touch {
            key,
            actor,
            store_id,
            staff_id,
            channel,
        } => {
            let touch = StoreTouch {
                key: key.clone(),
                store_id: store_id.clone(),
                staff_id: staff_id.clone(),
                channel: channel.clone().unwrap_or_else(|| "store".into()),
                actor: *actor,
                at: now,
            };
            touch_in(&mut next, touch)?
        }
        StoreOrderCommand::Place {
            amount,
            discounts,
            channel,
            fulfilment,
            store_id,
            address,
            items,
            ..
        } => {
            let request = PlaceRequest {
                amount: *amount,
                discounts,
                channel: channel.as_deref(),
                fulfilment: *fulfilment,
                store_id: store_id.as_deref(),
                address: *address,
                items,
            };
            place(&mut next, policy, request, now, &mut effects)?
        }
        StoreOrderCommand::Accept { .. } => next.milestones.accepted_at = Some(now),
        StoreOrderCommand::Ready { .. } => next.milestones.ready_at = Some(now),
        StoreOrderCommand::Dispatch { .. } => next.milestones.dispatched_at = Some(now),
        StoreOrderCommand::Complete { .. } => {
            let order = placed(&next)?;
            effects.push(StoreOrderEffect::Completed {
                store_id: order.store_id.clone(),
                handover: Handover::of(order.fulfilment),
            });
            next.milestones.completed_at = Some(now);
        }
        StoreOrderCommand::Settle { .. } => settle(&mut next, policy, now, &mut effects)?,
        StoreOrderCommand::Cancel { .. } => {
            cancel_window(state, policy, command, now)?;
            refund_all(&mut next, &mut effects)?;
            next.milestones.cancelled_at = Some(now);
        }
        StoreOrderCommand::Void { .. } => {
            refund_all(&mut next, &mut effects)?;
            next.milestones.voided_at = Some(now);
        }
        StoreOrderCommand::Refund { amount, .. } => {
            refund(&mut next, policy, *amount, now, &mut effects)?
        }
    }
    next.as_of = Some(now);
    next.derive_status();
    next.processed.push(ProcessedStoreCommand {
        command: command.clone(),
        effects: effects.clone(),
    });
    Ok(StoreOrderStep {
        state: next,
        effects,
        duplicate: false,
    })
}

fn not_allowed(state: &StoreOrderState, command: &StoreOrderCommand, reason: &str) -> Error {
    command_not_allowed(
        command.name(),
        command.actor().as_str(),
        state.status.as_str(),
        reason,
        state.allowed_commands(),
    )
}

fn placed(state: &StoreOrderState) -> Result<&PlacedOrder, Error> {
    state
        .order
        .as_ref()
        .ok_or_else(|| input("state.order", "the order has not been placed"))
}

fn touch_in(next: &mut StoreOrderState, touch: StoreTouch) -> Result<(), Error> {
    if touch.store_id.is_empty() {
        return Err(input("command.store_id", "must not be empty"));
    }
    if touch.staff_id.as_deref().is_some_and(str::is_empty) {
        return Err(input("command.staff_id", "must not be empty when given"));
    }
    if touch.channel.is_empty() {
        return Err(input("command.channel", "must not be empty when given"));
    }
    if next.touches.len() >= MAX_ORDER_TOUCHES {
        return Err(input(
            "command",
            format!("an order records at most {MAX_ORDER_TOUCHES} touches"),
        ));
    }
    next.touches.push(touch);
    Ok(())
}

struct PlaceRequest<'a> {
    amount: Money,
    discounts: &'a [FundedDiscount],
    channel: Option<&'a str>,
    fulfilment: Fulfilment,
    store_id: Option<&'a str>,
    address: Option<Location>,
    items: &'a [AssignItem],
}

fn place(
    next: &mut StoreOrderState,
    policy: &StoreOrderPolicy,
    request: PlaceRequest<'_>,
    now: DateTime<FixedOffset>,
    effects: &mut Vec<StoreOrderEffect>,
) -> Result<(), Error> {
    let amount = request.amount;
    Money::zero(policy.currency).same_currency(&amount)?;
    if !amount.is_positive() {
        return Err(input("command.amount", "the paid amount must be positive"));
    }
    for (i, discount) in request.discounts.iter().enumerate() {
        amount.same_currency(&discount.amount)?;
        if discount.amount.is_negative() {
            return Err(input(
                &format!("command.discounts[{i}].amount"),
                "must not be negative",
            ));
        }
    }
    let channel = match request.channel {
        Some(id) => Some(policy.channel(id).ok_or_else(|| Error::UnknownChannel {
            order: next.order_id.clone(),
            channel: id.to_string(),
            known: if policy.channels.is_empty() {
                "none".into()
            } else {
                policy
                    .channels
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })?),
        None if policy.flow == Flow::OfflineToOnlineToOffline => {
            return Err(input(
                "command.channel",
                "a flow 4 order names the sales channel it came in on (own app, mini-program, platform)",
            ))
        }
        None => None,
    };
    if request.fulfilment == Fulfilment::DineIn && policy.flow != Flow::OfflineToOnlineToOffline {
        return Err(input(
            "command.fulfilment",
            "dine_in is only for flow 4 (offline_to_online_to_offline); deliver or pick up",
        ));
    }
    if let Some(address) = &request.address {
        address.validate("command.address")?;
    }
    let routed = policy.flow == Flow::OnlineToOfflineToOnline;
    if request.address.is_none() && (routed || request.fulfilment == Fulfilment::Delivery) {
        return Err(input(
            "command.address",
            if routed {
                "flow 3 routes the order to the partner store nearest the address: give it"
            } else {
                "a delivery needs the address to deliver to"
            },
        ));
    }
    let store_id = match (routed, request.store_id) {
        (true, Some(_)) => {
            return Err(input(
                "command.store_id",
                "flow 3 routes the order to a partner store: leave store_id out",
            ))
        }
        (true, None) => route(next, policy, &request, now, effects)?,
        (false, Some(id)) if !id.is_empty() => {
            if !policy.partner_stores.is_empty() {
                check_named_store(next, policy, &request, id, now)?;
            }
            id.to_string()
        }
        (false, _) => {
            return Err(input(
                "command.store_id",
                "name the store that fulfils the order",
            ))
        }
    };
    let bindings = bindings_at(next, policy, now)?;
    let mut parties = vec![Party::new(Role::Store, store_id.clone())];
    for binding in &bindings {
        parties.push(Party::new(binding.role.clone(), binding.party_id.clone()));
    }
    let order = PlacedOrder {
        amount,
        discounts: request.discounts.to_vec(),
        channel: channel.map(|c| c.id.clone()),
        fulfilment: request.fulfilment,
        store_id,
        address: request.address,
        bindings: bindings.clone(),
        parties,
        at: now,
    };
    // The split settlement will do, tried now: an order that cannot be split is not taken.
    split_order(next, policy, &order)?;
    for binding in bindings {
        effects.push(StoreOrderEffect::Bind { binding });
    }
    effects.push(StoreOrderEffect::Charge {
        customer_id: next.customer_id.clone(),
        amount,
    });
    next.totals.charged = amount;
    next.order = Some(order);
    Ok(())
}

/// Flow 3: route the order to the nearest eligible partner store at `now`.
fn route(
    next: &StoreOrderState,
    policy: &StoreOrderPolicy,
    request: &PlaceRequest<'_>,
    now: DateTime<FixedOffset>,
    effects: &mut Vec<StoreOrderEffect>,
) -> Result<String, Error> {
    let location = request
        .address
        .ok_or_else(|| input("command.address", "flow 3 needs the address"))?;
    if request.items.is_empty() {
        return Err(input(
            "command.items",
            "flow 3 checks the partner stores' stock: list the order's items",
        ));
    }
    let order = AssignOrder {
        location,
        items: request.items.to_vec(),
        subtotal: None,
    };
    let assignment = assign(&order, &policy.partner_stores, now, &policy.assign)?;
    let chosen = match (assignment.status, assignment.chosen.first()) {
        (AssignStatus::Assigned, Some(chosen)) => chosen.clone(),
        _ => {
            return Err(Error::NoStoreAvailable {
                order: next.order_id.clone(),
                reasons: passed_over_reasons(&assignment),
            });
        }
    };
    effects.push(StoreOrderEffect::AssignStore {
        store_id: chosen.store_id.clone(),
        distance_m: chosen.distance_m,
        eta_minutes: chosen.eta_minutes,
        passed_over: assignment.passed_over,
    });
    Ok(chosen.store_id)
}

/// Why each store was passed over, as `store: reason, reason; …`.
fn passed_over_reasons(assignment: &Assignment) -> String {
    let reasons: Vec<String> = assignment
        .passed_over
        .iter()
        .map(|p| {
            let codes: Vec<&str> = p.reasons.iter().map(|r| r.code()).collect();
            format!("{}: {}", p.store_id, codes.join(", "))
        })
        .collect();
    reasons.join("; ")
}

/// Flows 2 and 4 with listed partner stores: the named store must be one of them and pass
/// [`assign`]'s checks at `now` (open, in stock for the items, serving the delivery address,
/// under its daily capacity). A pickup or dine-in order is checked at the store's own
/// location.
fn check_named_store(
    next: &StoreOrderState,
    policy: &StoreOrderPolicy,
    request: &PlaceRequest<'_>,
    store_id: &str,
    now: DateTime<FixedOffset>,
) -> Result<(), Error> {
    let unavailable = |reasons: String| Error::NoStoreAvailable {
        order: next.order_id.clone(),
        reasons,
    };
    let store = policy
        .partner_stores
        .iter()
        .find(|s| s.id == store_id)
        .ok_or_else(|| unavailable(format!("{store_id}: not_a_partner_store")))?;
    let location = match (request.fulfilment, request.address) {
        (Fulfilment::Delivery, Some(address)) => address,
        _ => store.location,
    };
    let order = AssignOrder {
        location,
        items: request.items.to_vec(),
        subtotal: None,
    };
    let assignment = assign(&order, std::slice::from_ref(store), now, &policy.assign)?;
    if assignment.status == AssignStatus::Assigned {
        return Ok(());
    }
    Err(unavailable(passed_over_reasons(&assignment)))
}

/// The bindings in force at `now` from the touches: flow 2 binds the staff members (the
/// rule's role) and the stores (`bound_store`); flow 3 the experience stores.
fn bindings_at(
    next: &StoreOrderState,
    policy: &StoreOrderPolicy,
    now: DateTime<FixedOffset>,
) -> Result<Vec<Binding>, Error> {
    let rule = policy.binding_rule();
    let stores: Vec<BindEvent> = next
        .touches
        .iter()
        .map(|t| BindEvent {
            party_id: t.store_id.clone(),
            at: t.at,
        })
        .collect();
    let mut out = Vec::new();
    match policy.flow {
        Flow::OfflineToOnline => {
            let staff: Vec<BindEvent> = next
                .touches
                .iter()
                .filter_map(|t| {
                    t.staff_id.as_ref().map(|id| BindEvent {
                        party_id: id.clone(),
                        at: t.at,
                    })
                })
                .collect();
            out.extend(bind(&staff, &rule, now)?.binding);
            let store_rule = crate::split::BindRule {
                role: Role::from_name(BOUND_STORE_ROLE),
                ..rule
            };
            out.extend(bind(&stores, &store_rule, now)?.binding);
        }
        Flow::OnlineToOfflineToOnline => {
            let store_rule = crate::split::BindRule {
                role: Role::from_name(EXPERIENCE_STORE_ROLE),
                ..rule
            };
            out.extend(bind(&stores, &store_rule, now)?.binding);
        }
        Flow::OnlineToOffline | Flow::OfflineToOnlineToOffline => {}
    }
    Ok(out)
}

/// Split the order's paid amount by the policy's plan, the channel's fee rule first.
fn split_order(
    next: &StoreOrderState,
    policy: &StoreOrderPolicy,
    order: &PlacedOrder,
) -> Result<crate::split::Ledger, Error> {
    let channel = order.channel.as_deref().and_then(|id| policy.channel(id));
    let plan = policy.settlement_plan(channel, &order.parties);
    let mut split = SplitOrder::new(next.order_id.clone(), order.at, order.amount);
    split.discounts.clone_from(&order.discounts);
    split.parties.clone_from(&order.parties);
    split.journey = next
        .touches
        .iter()
        .map(|t| Touchpoint {
            channel: t.channel.clone(),
            party_id: t.staff_id.clone().unwrap_or_else(|| t.store_id.clone()),
            stage: None,
            at: t.at,
        })
        .collect();
    plan.compile_with(false)?.split(&split)
}

fn settle(
    next: &mut StoreOrderState,
    policy: &StoreOrderPolicy,
    now: DateTime<FixedOffset>,
    effects: &mut Vec<StoreOrderEffect>,
) -> Result<(), Error> {
    let order = placed(next)?.clone();
    let ledger = split_order(next, policy, &order)?;
    next.totals.settled = next.totals.settled.checked_add(order.amount)?;
    next.milestones.settled_at = Some(now);
    effects.push(StoreOrderEffect::Settle {
        amount: order.amount,
        ledger: ledger.clone(),
    });
    next.ledger = Some(ledger);
    Ok(())
}

fn cancel_window(
    state: &StoreOrderState,
    policy: &StoreOrderPolicy,
    command: &StoreOrderCommand,
    now: DateTime<FixedOffset>,
) -> Result<(), Error> {
    let Some(minutes) = policy.cancel_minutes else {
        return Ok(());
    };
    let placed_at = placed(state)?.at;
    let until = placed_at
        .checked_add_signed(chrono::Duration::minutes(i64::from(minutes)))
        .ok_or_else(|| Error::out_of_range("cancel window end"))?;
    if now >= until {
        return Err(not_allowed(
            state,
            command,
            &format!(
                "the customer may cancel within {minutes} minutes of placing (until {}); ask the store or the platform to void the order",
                until.to_rfc3339()
            ),
        ));
    }
    Ok(())
}

/// Refund everything the platform holds (cancel, void: nothing is settled yet).
fn refund_all(
    next: &mut StoreOrderState,
    effects: &mut Vec<StoreOrderEffect>,
) -> Result<(), Error> {
    let amount = next.totals.held()?;
    if amount.is_positive() {
        effects.push(StoreOrderEffect::Refund {
            customer_id: next.customer_id.clone(),
            amount,
        });
        next.totals.refunded = next.totals.refunded.checked_add(amount)?;
    }
    Ok(())
}

fn refund(
    next: &mut StoreOrderState,
    policy: &StoreOrderPolicy,
    amount: Option<Money>,
    now: DateTime<FixedOffset>,
    effects: &mut Vec<StoreOrderEffect>,
) -> Result<(), Error> {
    let order = placed(next)?.clone();
    let left = order.amount.checked_sub(next.totals.refunded)?;
    let amount = amount.unwrap_or(left);
    left.same_currency(&amount)?;
    if !amount.is_positive() {
        return Err(input("command.amount", "a refund must be positive"));
    }
    let Some(ledger) = next.ledger.clone() else {
        // Completed, not settled: the platform still holds everything.
        if amount != left {
            return Err(Error::RefundNotAllowed {
                policy: "before_settlement".into(),
                reason: format!(
                    "before settlement only the whole {left} is refunded; settle first to refund a part"
                ),
            });
        }
        return refund_all(next, effects);
    };
    let clawback = ledger.clawback(
        &Refund {
            refunded_before: next.totals.refunded,
            amount,
            at: now,
            delivered: order.fulfilment == Fulfilment::Delivery,
        },
        &policy.refund,
    )?;
    effects.push(StoreOrderEffect::Refund {
        customer_id: next.customer_id.clone(),
        amount,
    });
    effects.push(StoreOrderEffect::Clawback { amount, clawback });
    next.totals.refunded = next.totals.refunded.checked_add(amount)?;
    next.totals.clawed_back = next.totals.clawed_back.checked_add(amount)?;
    Ok(())
}
