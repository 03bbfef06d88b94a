//! One simulated team at one size: its members within the window, and how it ends. The
//! per-team form of [`groupbuy_simulate`](super::groupbuy_simulate), for columnar batches and
//! what-if tables that need each team (or the refunds) rather than the totals.

use serde::{Deserialize, Serialize};

use super::campaign::{add_seconds, invalid, VirtualFill};
use super::simulate::SimulatedTeam;
use crate::Error;

/// How a simulated team ends at one team size (every join taken as paid at once, as in
/// [`groupbuy_simulate`](super::groupbuy_simulate)).
///
/// ```
/// use o2okit::{TeamOutcome, VirtualFill};
/// assert_eq!(TeamOutcome::of(3, 3, None), TeamOutcome::Succeeded);
/// assert_eq!(TeamOutcome::of(2, 3, None), TeamOutcome::Failed);
/// assert_eq!(TeamOutcome::of(2, 3, Some(VirtualFill { min_real: 2 })), TeamOutcome::VirtuallyFilled);
/// assert_eq!(TeamOutcome::Failed.refunded(2), 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TeamOutcome {
    /// The leader and the in-window joins reach the size.
    Succeeded,
    /// Short of the size, but with at least the virtual-fill rule's `min_real` members.
    VirtuallyFilled,
    /// Short of the size: the team fails and every member is refunded in full.
    Failed,
}

impl TeamOutcome {
    /// The outcome of a team of `members` (leader included) at `size`, with an optional
    /// virtual-fill rule (which applies only below the size, from `min_real` members).
    pub fn of(members: u32, size: u32, virtual_fill: Option<VirtualFill>) -> TeamOutcome {
        if members >= size {
            TeamOutcome::Succeeded
        } else if virtual_fill.is_some_and(|fill| fill.min_real < size && members >= fill.min_real)
        {
            TeamOutcome::VirtuallyFilled
        } else {
            TeamOutcome::Failed
        }
    }

    /// The participants refunded: all `members` of a failed team (each paid on joining and
    /// gets a full refund when the window ends short), none otherwise.
    pub fn refunded(self, members: u32) -> u32 {
        match self {
            TeamOutcome::Failed => members,
            TeamOutcome::Succeeded | TeamOutcome::VirtuallyFilled => 0,
        }
    }

    /// The wire name: `succeeded`, `virtually_filled` or `failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            TeamOutcome::Succeeded => "succeeded",
            TeamOutcome::VirtuallyFilled => "virtually_filled",
            TeamOutcome::Failed => "failed",
        }
    }
}

impl SimulatedTeam {
    /// The leader plus the members who joined within `window_seconds` of the opening
    /// (`opened_at <= t < opened_at + window`, half-open): the count
    /// [`groupbuy_simulate`](super::groupbuy_simulate) compares with each size.
    ///
    /// Errors ([`Error::InvalidInput`]): `join_times` without `opened_at`, a join time before
    /// the opening.
    ///
    /// ```
    /// use o2okit::SimulatedTeam;
    /// let team = SimulatedTeam { opened_at: None, join_times: vec![], join_offsets: vec![60, 3599, 3600] };
    /// assert_eq!(team.members(3600)?, 3);
    /// # Ok::<(), o2okit::Error>(())
    /// ```
    pub fn members(&self, window_seconds: u64) -> Result<u32, Error> {
        self.members_at(|| "team".to_string(), window_seconds)
    }

    /// [`SimulatedTeam::members`], with errors naming the team as `at()` (`teams[3]`).
    pub(crate) fn members_at(
        &self,
        at: impl Fn() -> String,
        window_seconds: u64,
    ) -> Result<u32, Error> {
        let mut members: u32 = 1;
        for offset in &self.join_offsets {
            if *offset < window_seconds {
                members = members.saturating_add(1);
            }
        }
        if !self.join_times.is_empty() {
            let opened = self.opened_at.ok_or_else(|| {
                invalid(
                    format!("{}.opened_at", at()),
                    "is needed with join_times (or give join_offsets)",
                )
            })?;
            let ends = add_seconds(opened, window_seconds)?;
            for (j, joined) in self.join_times.iter().enumerate() {
                if *joined < opened {
                    return Err(invalid(
                        format!("{}.join_times[{j}]", at()),
                        format!("{} is before the team opened", joined.to_rfc3339()),
                    ));
                }
                if *joined < ends {
                    members = members.saturating_add(1);
                }
            }
        }
        Ok(members)
    }
}
