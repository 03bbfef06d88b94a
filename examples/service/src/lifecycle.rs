//! The two order lifecycles of o2okit behind one trait, so that the writer, the replay check
//! and the consumer are written once. Every rule stays in the core: this file only names
//! which core function or field serves each purpose.

use chrono::{DateTime, FixedOffset};
use o2okit::{
    store_order_open, store_order_replay, store_order_step, voucher_order_open,
    voucher_order_replay, voucher_order_step, Error, Flow, LedgerLine, Money, StoreOrderCommand,
    StoreOrderEffect, StoreOrderPolicy, StoreOrderState, TimedStoreOrderCommand,
    TimedVoucherCommand, VoucherDeal, VoucherOrderCommand, VoucherOrderEffect, VoucherOrderState,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// One step's result, as the service needs it.
#[derive(Debug)]
pub struct Stepped<S, E> {
    /// The state after the command.
    pub state: S,
    /// The effects (for a duplicate, the original command's).
    pub effects: Vec<E>,
    /// Whether the key was applied before with the identical command.
    pub duplicate: bool,
}

/// What the service needs from an order lifecycle.
pub trait Lifecycle {
    /// `voucher_order` or `store_order` (the `kind` column).
    const KIND: &'static str;
    /// The deal (flow 1) or the policy (flows 2-4).
    type Terms: Serialize + DeserializeOwned + Send + Sync;
    /// The core's order state.
    type State: Serialize + DeserializeOwned + PartialEq + Clone + Send + Sync;
    /// A command.
    type Command: Serialize + DeserializeOwned + Clone + Send;
    /// A command with its time (the body of `POST /orders/{id}/commands`).
    type Timed: DeserializeOwned;
    /// An effect.
    type Effect: Serialize + DeserializeOwned + PartialEq + Send;

    /// The terms' id.
    fn terms_id(terms: &Self::Terms) -> &str;
    /// The flow the terms' orders follow.
    fn flow(terms: &Self::Terms) -> Flow;
    /// Check the terms (before they are stored).
    fn validate(terms: &Self::Terms) -> Result<(), Error>;
    /// Open an order.
    fn open(terms: &Self::Terms, order_id: &str, customer_id: &str) -> Result<Self::State, Error>;
    /// Split a timed command.
    fn untime(timed: Self::Timed) -> (DateTime<FixedOffset>, Self::Command);
    /// Join a command and its time (for a replay).
    fn timed(at: DateTime<FixedOffset>, command: Self::Command) -> Self::Timed;
    /// Apply one command.
    fn step(
        state: &Self::State,
        terms: &Self::Terms,
        command: &Self::Command,
        at: DateTime<FixedOffset>,
    ) -> Result<Stepped<Self::State, Self::Effect>, Error>;
    /// Open the order and apply a whole log: the state and the effects of every command.
    fn replay(
        terms: &Self::Terms,
        order_id: &str,
        customer_id: &str,
        log: &[Self::Timed],
    ) -> Result<(Self::State, Vec<Self::Effect>), Error>;
    /// The status's wire name.
    fn status(state: &Self::State) -> &'static str;
    /// Whether the order's money is resolved (the platform holds nothing and will not).
    fn is_final(state: &Self::State) -> bool;
    /// What the platform still holds for the order.
    fn held(state: &Self::State) -> Result<Money, Error>;
    /// A command's idempotency key.
    fn key(command: &Self::Command) -> &str;
    /// The money an effect moves out of the platform's hands (negative: into them).
    fn outflow(effect: &Self::Effect) -> Option<Money>;
    /// The ledger lines an effect pays (settlements) or claws back.
    fn ledger_lines(effect: &Self::Effect) -> &[LedgerLine];
    /// The serial and id of a voucher an effect issues.
    fn issued(effect: &Self::Effect) -> Option<(u64, &str)>;
    /// How many consecutive serials a command needs from the service (flow 1's `pay` of a
    /// deal with codes: one per voucher), and whether the client sent one itself.
    fn serials_needed(terms: &Self::Terms, command: &Self::Command) -> Option<(u32, bool)>;
    /// Give a command the first serial the service allocated.
    fn set_serial(command: &mut Self::Command, serial: u64);
    /// The serial a command carries.
    fn serial(command: &Self::Command) -> Option<u64>;
    /// The serial of the command the state applied under `key`, if any (a retried `pay`
    /// must be the identical command, serial included).
    fn earlier_serial(state: &Self::State, key: &str) -> Option<u64>;
}

/// Flow 1: voucher orders under a deal.
#[derive(Debug)]
pub enum VoucherOrders {}

impl Lifecycle for VoucherOrders {
    const KIND: &'static str = "voucher_order";
    type Terms = VoucherDeal;
    type State = VoucherOrderState;
    type Command = VoucherOrderCommand;
    type Timed = TimedVoucherCommand;
    type Effect = VoucherOrderEffect;

    fn terms_id(terms: &VoucherDeal) -> &str {
        &terms.id
    }

    fn flow(_: &VoucherDeal) -> Flow {
        Flow::OnlineToOffline
    }

    fn validate(terms: &VoucherDeal) -> Result<(), Error> {
        terms.validate()
    }

    fn open(terms: &VoucherDeal, order_id: &str, customer_id: &str) -> Result<Self::State, Error> {
        voucher_order_open(terms, order_id, customer_id)
    }

    fn untime(timed: TimedVoucherCommand) -> (DateTime<FixedOffset>, VoucherOrderCommand) {
        (timed.at, timed.command)
    }

    fn timed(at: DateTime<FixedOffset>, command: VoucherOrderCommand) -> TimedVoucherCommand {
        TimedVoucherCommand { at, command }
    }

    fn step(
        state: &VoucherOrderState,
        terms: &VoucherDeal,
        command: &VoucherOrderCommand,
        at: DateTime<FixedOffset>,
    ) -> Result<Stepped<VoucherOrderState, VoucherOrderEffect>, Error> {
        let step = voucher_order_step(state, terms, command, at)?;
        Ok(Stepped {
            state: step.state,
            effects: step.effects,
            duplicate: step.duplicate,
        })
    }

    fn replay(
        terms: &VoucherDeal,
        order_id: &str,
        customer_id: &str,
        log: &[TimedVoucherCommand],
    ) -> Result<(VoucherOrderState, Vec<VoucherOrderEffect>), Error> {
        let replay = voucher_order_replay(terms, order_id, customer_id, log)?;
        Ok((replay.state, replay.effects))
    }

    fn status(state: &VoucherOrderState) -> &'static str {
        state.status.as_str()
    }

    fn is_final(state: &VoucherOrderState) -> bool {
        state.status.is_terminal()
    }

    fn held(state: &VoucherOrderState) -> Result<Money, Error> {
        state.totals.held()
    }

    fn key(command: &VoucherOrderCommand) -> &str {
        command.key()
    }

    fn outflow(effect: &VoucherOrderEffect) -> Option<Money> {
        effect.outflow()
    }

    fn ledger_lines(effect: &VoucherOrderEffect) -> &[LedgerLine] {
        match effect {
            VoucherOrderEffect::Settle { ledger, .. } => &ledger.lines,
            _ => &[],
        }
    }

    fn issued(effect: &VoucherOrderEffect) -> Option<(u64, &str)> {
        match effect {
            VoucherOrderEffect::IssueVoucher {
                serial: Some(serial),
                voucher,
                ..
            } => Some((*serial, voucher.as_str())),
            _ => None,
        }
    }

    fn serials_needed(terms: &VoucherDeal, command: &VoucherOrderCommand) -> Option<(u32, bool)> {
        match command {
            VoucherOrderCommand::Pay { serial, .. } if terms.codes.is_some() => {
                Some((terms.vouchers, serial.is_some()))
            }
            _ => None,
        }
    }

    fn set_serial(command: &mut VoucherOrderCommand, first: u64) {
        if let VoucherOrderCommand::Pay { serial, .. } = command {
            *serial = Some(first);
        }
    }

    fn serial(command: &VoucherOrderCommand) -> Option<u64> {
        match command {
            VoucherOrderCommand::Pay { serial, .. } => *serial,
            _ => None,
        }
    }

    fn earlier_serial(state: &VoucherOrderState, key: &str) -> Option<u64> {
        state
            .processed
            .iter()
            .find(|p| p.command.key() == key)
            .and_then(|p| Self::serial(&p.command))
    }
}

/// Flows 2, 3 and 4: store orders under a policy.
#[derive(Debug)]
pub enum StoreOrders {}

impl Lifecycle for StoreOrders {
    const KIND: &'static str = "store_order";
    type Terms = StoreOrderPolicy;
    type State = StoreOrderState;
    type Command = StoreOrderCommand;
    type Timed = TimedStoreOrderCommand;
    type Effect = StoreOrderEffect;

    fn terms_id(terms: &StoreOrderPolicy) -> &str {
        &terms.id
    }

    fn flow(terms: &StoreOrderPolicy) -> Flow {
        terms.flow
    }

    fn validate(terms: &StoreOrderPolicy) -> Result<(), Error> {
        terms.validate()
    }

    fn open(
        terms: &StoreOrderPolicy,
        order_id: &str,
        customer_id: &str,
    ) -> Result<Self::State, Error> {
        store_order_open(terms, order_id, customer_id)
    }

    fn untime(timed: TimedStoreOrderCommand) -> (DateTime<FixedOffset>, StoreOrderCommand) {
        (timed.at, timed.command)
    }

    fn timed(at: DateTime<FixedOffset>, command: StoreOrderCommand) -> TimedStoreOrderCommand {
        TimedStoreOrderCommand { at, command }
    }

    fn step(
        state: &StoreOrderState,
        terms: &StoreOrderPolicy,
        command: &StoreOrderCommand,
        at: DateTime<FixedOffset>,
    ) -> Result<Stepped<StoreOrderState, StoreOrderEffect>, Error> {
        let step = store_order_step(state, terms, command, at)?;
        Ok(Stepped {
            state: step.state,
            effects: step.effects,
            duplicate: step.duplicate,
        })
    }

    fn replay(
        terms: &StoreOrderPolicy,
        order_id: &str,
        customer_id: &str,
        log: &[TimedStoreOrderCommand],
    ) -> Result<(StoreOrderState, Vec<StoreOrderEffect>), Error> {
        let replay = store_order_replay(terms, order_id, customer_id, log)?;
        Ok((replay.state, replay.effects))
    }

    fn status(state: &StoreOrderState) -> &'static str {
        state.status.as_str()
    }

    fn is_final(state: &StoreOrderState) -> bool {
        state.status.is_final()
    }

    fn held(state: &StoreOrderState) -> Result<Money, Error> {
        state.totals.held()
    }

    fn key(command: &StoreOrderCommand) -> &str {
        command.key()
    }

    fn outflow(effect: &StoreOrderEffect) -> Option<Money> {
        effect.outflow()
    }

    fn ledger_lines(effect: &StoreOrderEffect) -> &[LedgerLine] {
        match effect {
            StoreOrderEffect::Settle { ledger, .. } => &ledger.lines,
            StoreOrderEffect::Clawback { clawback, .. } => &clawback.lines,
            _ => &[],
        }
    }

    fn issued(_: &StoreOrderEffect) -> Option<(u64, &str)> {
        None
    }

    fn serials_needed(_: &StoreOrderPolicy, _: &StoreOrderCommand) -> Option<(u32, bool)> {
        None
    }

    fn set_serial(_: &mut StoreOrderCommand, _: u64) {}

    fn serial(_: &StoreOrderCommand) -> Option<u64> {
        None
    }

    fn earlier_serial(_: &StoreOrderState, _: &str) -> Option<u64> {
        None
    }
}
