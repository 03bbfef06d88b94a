//! Fold a command log into a state: the same result as stepping one command at a time.

use serde::{Deserialize, Serialize};

use super::command::TimedStoreOrderCommand;
use super::effect::StoreOrderEffect;
use super::policy::StoreOrderPolicy;
use super::state::{store_order_open, StoreOrderState};
use super::step::store_order_step;
use crate::lifecycle::machine::{fold, Stepped};
use crate::Error;

/// The result of replaying a command log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreOrderReplay {
    /// The state after the last command.
    pub state: StoreOrderState,
    /// The effects of every applied command, in order (duplicates add none).
    pub effects: Vec<StoreOrderEffect>,
    /// The zero-based positions of the commands that were duplicates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<usize>,
}

/// Open a store order and apply a command log to it: the same state as calling
/// [`store_order_step`](crate::store_order_step) on each command with its `at` as `now`.
/// Deterministic: the same log always gives the same result.
///
/// The first rejected command stops the replay with [`Error::AtEvent`], whose code is the
/// rejection's code and whose `event_index` is the command's position.
pub fn store_order_replay(
    policy: &StoreOrderPolicy,
    order_id: &str,
    customer_id: &str,
    commands: &[TimedStoreOrderCommand],
) -> Result<StoreOrderReplay, Error> {
    let opened = store_order_open(policy, order_id, customer_id)?;
    let timed = commands.iter().map(|timed| (timed.at, &timed.command));
    let (state, effects, duplicates) = fold(opened, timed, |state, command, at| {
        let step = store_order_step(state, policy, command, at)?;
        Ok(Stepped {
            state: step.state,
            effects: step.effects,
            duplicate: step.duplicate,
        })
    })?;
    Ok(StoreOrderReplay {
        state,
        effects,
        duplicates,
    })
}
