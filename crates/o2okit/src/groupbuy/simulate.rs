//! The analyst's helper: how many teams would succeed at each team size, from observed join
//! times ("what size makes 80% of teams succeed?").

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::campaign::{invalid, VirtualFill, MAX_TEAM_SIZE, MAX_WINDOW_SECONDS};
use crate::wire::decimal::{decimal_string, option_decimal_string};
use crate::Error;

/// The most teams one simulation takes.
pub const MAX_SIMULATION_TEAMS: usize = 1_000_000;
/// The most join times (and offsets) one simulation takes, over all teams.
pub const MAX_SIMULATION_JOINS: usize = 10_000_000;
/// The most team sizes one simulation tries.
pub const MAX_SIMULATION_SIZES: usize = 1_000;

/// The input of [`groupbuy_simulate`]: team sizes to try, one window, and for each observed
/// team when it opened and when people joined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TeamSimulation {
    /// Team sizes to try (each 2 to [`MAX_TEAM_SIZE`], at most [`MAX_SIMULATION_SIZES`]).
    pub sizes: Vec<u32>,
    /// The window every team gets, from its opening (1 s to [`MAX_WINDOW_SECONDS`]).
    pub window_seconds: u64,
    /// Apply this virtual-fill rule at the end of each window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_fill: Option<VirtualFill>,
    /// A success rate to meet (0 to 1, e.g. `"0.8"`): the report then says which sizes meet
    /// it and the largest that does.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "option_decimal_string"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::wire::DecimalString>")
    )]
    pub target_success_rate: Option<Decimal>,
    /// The observed teams (1 to [`MAX_SIMULATION_TEAMS`]).
    pub teams: Vec<SimulatedTeam>,
}

/// One observed team: its leader opened it, and people joined at these times. Give join
/// times as RFC 3339 instants (with `opened_at`), as whole seconds after the opening, or
/// both; none may be before the opening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SimulatedTeam {
    /// When the leader opened the team (needed with `join_times`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub opened_at: Option<DateTime<FixedOffset>>,
    /// When each member (besides the leader) joined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub join_times: Vec<DateTime<FixedOffset>>,
    /// When each member (besides the leader) joined, in whole seconds after the opening.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub join_offsets: Vec<u64>,
}

/// The answer of [`groupbuy_simulate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SimulationReport {
    /// Teams simulated.
    pub teams: u64,
    /// One result per size, in the order asked.
    pub results: Vec<SizeResult>,
    /// With a target: the largest size whose success rate meets it (success never rises
    /// with the size), if any does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub largest_size_meeting_target: Option<u32>,
}

/// How teams of one size would have done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SizeResult {
    /// The team size.
    pub size: u32,
    /// Teams that succeeded, virtual fills included.
    pub succeeded: u64,
    /// Of which by virtual fill.
    pub virtually_filled: u64,
    /// Teams that failed.
    pub failed: u64,
    /// `succeeded / teams`, rounded down to 4 decimals (`"0.8000"`); the exact rate is the
    /// fraction of the two counts.
    #[serde(with = "decimal_string")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::DecimalString"))]
    pub success_rate: Decimal,
    /// With a target: whether the exact rate meets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meets_target: Option<bool>,
}

/// Simulate team buys of several sizes over observed join times: for each size, how many of
/// the teams would have succeeded, by virtual fill or failed.
///
/// A team succeeds at size N when its leader plus the members who joined within the window
/// (`opened_at <= t < opened_at + window`, half-open as in [`groupbuy_step`](crate::groupbuy_step))
/// reach N; with a virtual-fill rule, a team with at least `min_real` (and fewer than N)
/// succeeds by virtual fill. Every join is taken as paid at once: this is the state machine
/// with instant payments, computed by counting (one pass over the joins, then one pass over
/// the sizes), with no state per event.
///
/// Limits: [`MAX_SIMULATION_TEAMS`] teams, [`MAX_SIMULATION_JOINS`] joins and
/// [`MAX_SIMULATION_SIZES`] sizes ([`Error::SimulationTooLarge`] beyond); bad sizes,
/// windows, rates or join times are [`Error::InvalidInput`].
///
/// ```
/// use o2okit::{groupbuy_simulate, TeamSimulation};
/// let request: TeamSimulation = o2okit::decode(r#"{"sizes": [2, 3, 4], "window_seconds": 3600,
///     "target_success_rate": "0.5",
///     "teams": [{"join_offsets": [60, 120, 7200]}, {"join_offsets": [30]}, {"join_offsets": []}]}"#)?;
/// let report = groupbuy_simulate(&request)?;
/// let rates: Vec<String> = report.results.iter().map(|r| r.success_rate.to_string()).collect();
/// assert_eq!(rates, ["0.6666", "0.3333", "0.0000"]);
/// assert_eq!(report.largest_size_meeting_target, Some(2));
/// # Ok::<(), o2okit::Error>(())
/// ```
pub fn groupbuy_simulate(request: &TeamSimulation) -> Result<SimulationReport, Error> {
    let too_large = |what: &str, count: usize, limit: usize| Error::SimulationTooLarge {
        what: what.to_string(),
        count: u64::try_from(count).unwrap_or(u64::MAX),
        limit: u64::try_from(limit).unwrap_or(u64::MAX),
    };
    if request.sizes.len() > MAX_SIMULATION_SIZES {
        return Err(too_large(
            "sizes",
            request.sizes.len(),
            MAX_SIMULATION_SIZES,
        ));
    }
    if request.teams.len() > MAX_SIMULATION_TEAMS {
        return Err(too_large(
            "teams",
            request.teams.len(),
            MAX_SIMULATION_TEAMS,
        ));
    }
    let joins = request.teams.iter().fold(0usize, |n, t| {
        n.saturating_add(t.join_times.len())
            .saturating_add(t.join_offsets.len())
    });
    if joins > MAX_SIMULATION_JOINS {
        return Err(too_large("joins", joins, MAX_SIMULATION_JOINS));
    }
    if request.sizes.is_empty() {
        return Err(invalid("sizes", "give at least one team size"));
    }
    if request.teams.is_empty() {
        return Err(invalid("teams", "give at least one team"));
    }
    for (i, size) in request.sizes.iter().enumerate() {
        if !(2..=MAX_TEAM_SIZE).contains(size) {
            return Err(invalid(
                format!("sizes[{i}]"),
                format!("must be from 2 to {MAX_TEAM_SIZE}, got {size}"),
            ));
        }
    }
    let window = request.window_seconds;
    if !(1..=MAX_WINDOW_SECONDS).contains(&window) {
        return Err(invalid(
            "window_seconds",
            format!("must be from 1 to {MAX_WINDOW_SECONDS} (366 days), got {window}"),
        ));
    }
    if let Some(fill) = request.virtual_fill {
        if fill.min_real == 0 {
            return Err(invalid("virtual_fill.min_real", "must be at least 1"));
        }
    }
    if let Some(target) = request.target_success_rate {
        if target.is_sign_negative() || target > Decimal::ONE {
            return Err(invalid(
                "target_success_rate",
                format!("must be from 0 to 1, got {target}"),
            ));
        }
    }

    // counts[c] = teams whose leader plus in-window joins make c members (c capped at the
    // largest size asked).
    let largest = request.sizes.iter().copied().max().unwrap_or(2);
    let cap = usize::try_from(largest).map_err(|_| Error::out_of_range("team size"))?;
    let mut counts: Vec<u64> = vec![0; cap.saturating_add(1)];
    for (i, team) in request.teams.iter().enumerate() {
        let members = usize::try_from(team.members_at(|| format!("teams[{i}]"), window)?)
            .unwrap_or(usize::MAX);
        if let Some(slot) = counts.get_mut(members.min(cap)) {
            *slot = slot.saturating_add(1);
        }
    }
    // at_least[c] = teams with c or more members.
    let mut at_least: Vec<u64> = vec![0; cap.saturating_add(2)];
    for c in (0..=cap).rev() {
        let here = counts.get(c).copied().unwrap_or(0);
        let above = at_least.get(c.saturating_add(1)).copied().unwrap_or(0);
        if let Some(slot) = at_least.get_mut(c) {
            *slot = here.saturating_add(above);
        }
    }
    let at_least_of = |n: u32| {
        usize::try_from(n)
            .ok()
            .and_then(|n| at_least.get(n))
            .copied()
            .unwrap_or(0)
    };

    let teams = u64::try_from(request.teams.len()).unwrap_or(u64::MAX);
    let mut results = Vec::with_capacity(request.sizes.len());
    let mut largest_meeting: Option<u32> = None;
    for &size in &request.sizes {
        let real = at_least_of(size);
        let virtually_filled = match request.virtual_fill {
            Some(fill) if fill.min_real < size => at_least_of(fill.min_real).saturating_sub(real),
            _ => 0,
        };
        let succeeded = real.saturating_add(virtually_filled);
        let basis_points = succeeded
            .checked_mul(10_000)
            .and_then(|x| x.checked_div(teams))
            .ok_or_else(|| Error::out_of_range("success rate"))?;
        let success_rate = Decimal::new(
            i64::try_from(basis_points).map_err(|_| Error::out_of_range("success rate"))?,
            4,
        );
        let meets_target = match request.target_success_rate {
            Some(target) => {
                let needed = target
                    .checked_mul(Decimal::from(teams))
                    .ok_or_else(|| Error::out_of_range("target × teams"))?;
                Some(Decimal::from(succeeded) >= needed)
            }
            None => None,
        };
        if meets_target == Some(true) {
            largest_meeting = Some(largest_meeting.map_or(size, |m| m.max(size)));
        }
        results.push(SizeResult {
            size,
            succeeded,
            virtually_filled,
            failed: teams.saturating_sub(succeeded),
            success_rate,
            meets_target,
        });
    }
    Ok(SimulationReport {
        teams,
        results,
        largest_size_meeting_target: largest_meeting,
    })
}
