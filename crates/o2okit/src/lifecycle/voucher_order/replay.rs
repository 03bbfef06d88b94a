//! Fold a command log into a state: the same result as stepping one command at a time.

use serde::{Deserialize, Serialize};

use super::command::TimedVoucherCommand;
use super::deal::VoucherDeal;
use super::effect::VoucherOrderEffect;
use super::state::{voucher_order_open, VoucherOrderState};
use super::step::voucher_order_step;
use crate::lifecycle::machine::{fold, Stepped};
use crate::Error;

/// The result of replaying a command log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherOrderReplay {
    /// The state after the last command.
    pub state: VoucherOrderState,
    /// The effects of every applied command, in order (duplicates add none).
    pub effects: Vec<VoucherOrderEffect>,
    /// The zero-based positions of the commands that were duplicates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<usize>,
}

/// Open an order and apply a command log to it: the same state as calling
/// [`voucher_order_step`](crate::voucher_order_step) on each command with its `at` as
/// `now`. Deterministic: the same log always gives the same result.
///
/// The first rejected command stops the replay with [`Error::AtEvent`], whose code is the
/// rejection's code and whose `event_index` is the command's position.
pub fn voucher_order_replay(
    deal: &VoucherDeal,
    order_id: &str,
    customer_id: &str,
    commands: &[TimedVoucherCommand],
) -> Result<VoucherOrderReplay, Error> {
    let opened = voucher_order_open(deal, order_id, customer_id)?;
    let timed = commands.iter().map(|timed| (timed.at, &timed.command));
    let (state, effects, duplicates) = fold(opened, timed, |state, command, at| {
        let step = voucher_order_step(state, deal, command, at)?;
        Ok(Stepped {
            state: step.state,
            effects: step.effects,
            duplicate: step.duplicate,
        })
    })?;
    Ok(VoucherOrderReplay {
        state,
        effects,
        duplicates,
    })
}
