//! Group-buy (tipping points, team buys 拼团, ladders 阶梯团): `groupbuy_open`,
//! `groupbuy_step`, `groupbuy_replay`, `groupbuy_progress`, `groupbuy_simulate` and the
//! analyst's helper `simulate_teams`.
//!
//! As for `quote`: inputs (campaigns, events, states, times) are written as wire JSON text
//! (see `to_wire`) and decoded and checked by the core, which runs with the GIL released;
//! outputs wrap the core's typed records and convert fields to Python values on access
//! (`Money`, `Decimal`, aware `datetime`, `str`). `to_dict()` is the core's own wire JSON.
//! A `GroupBuyState` given back to `groupbuy_step` / `groupbuy_progress` is used as it is
//! (shared, not copied or re-encoded).
//!
//! `simulate_teams` builds the core's `TeamSimulation` directly: integer offsets are read
//! straight into the core's vectors (no JSON, no Python object per join); join times given
//! as `datetime`s are written as RFC 3339 and decoded by the core, which checks them.

use std::sync::Arc;

use o2okit::{
    Error, GroupBuyEffect, GroupBuyOutcome, GroupBuyProgress, GroupBuyState, Participation,
    ProgressHint, Resolution, SimulatedTeam, SimulationReport, SizeResult, Team, TeamProgress,
    TeamSimulation, TimedEvent, VirtualFill, VirtualFillReport,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};
use serde::Serialize;

use crate::promo::{money_repr, opt_repr, py_datetime, py_repr, wire_name};
use crate::to_wire::{to_json_text, without_location, JsonText};
use crate::{raise, to_decimal, to_dict, type_name, PyMoney};

/// An aware `datetime` for a core time (`DateTime<FixedOffset>`), with its fixed offset.
macro_rules! py_time {
    ($py:expr, $at:expr) => {{
        let at = $at;
        py_datetime(
            $py,
            at.timestamp(),
            at.timestamp_subsec_micros(),
            at.offset().local_minus_utc(),
        )
    }};
}

/// An optional core time as `datetime | None`.
macro_rules! py_opt_time {
    ($py:expr, $at:expr) => {{
        match $at {
            Some(at) => py_time!($py, at).map(Some),
            None => Ok(None),
        }
    }};
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

fn opt_wire_name<T: Serialize>(value: Option<&T>) -> PyResult<Option<String>> {
    value.map(wire_name).transpose()
}

fn datetime_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DATETIME.import(py, "datetime", "datetime")
}

fn timedelta_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static TIMEDELTA: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    TIMEDELTA.import(py, "datetime", "timedelta")
}

fn one_second(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static ONE_SECOND: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    ONE_SECOND
        .get_or_try_init(py, || {
            timedelta_type(py)?.call1((0, 1)).map(pyo3::Bound::unbind)
        })
        .map(|one| one.bind(py))
}

/// Decode wire text the binding wrote (dropping serde's position in it).
fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    o2okit::decode(text).map_err(without_location)
}

/// `{"at": now, "event": event}` (a `tick` without an event) as wire text.
fn timed_text(now: &Bound<'_, PyAny>, event: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
    let mut text = JsonText::new();
    text.raw("{\"at\":");
    text.value(now, "now")?;
    text.raw(",\"event\":");
    match event {
        Some(event) => text.value(event, "event")?,
        None => text.raw("{\"type\":\"tick\"}"),
    }
    text.raw("}");
    text.finish()
}

/// A state argument: a `GroupBuyState` (shared as it is) or its wire mapping (as text, to
/// be decoded by the core).
enum StateArg {
    Shared(Arc<GroupBuyState>),
    Text(String),
}

impl StateArg {
    fn new(state: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(s) = state.cast::<PyGroupBuyState>() {
            return Ok(StateArg::Shared(Arc::clone(&s.get().0)));
        }
        Ok(StateArg::Text(to_json_text(state, "state")?))
    }

    /// Run `f` on the state (decoding it first if needed); call without the GIL.
    fn with<R>(&self, f: impl FnOnce(&GroupBuyState) -> Result<R, Error>) -> Result<R, Error> {
        match self {
            StateArg::Shared(state) => f(state),
            StateArg::Text(text) => f(&decode::<GroupBuyState>(text)?),
        }
    }
}

// --- functions ------------------------------------------------------------------------------

/// Validate a campaign (a wire-shaped mapping with Python values) and return its initial
/// state: open, no teams, no participations.
#[pyfunction]
pub(crate) fn groupbuy_open(
    py: Python<'_>,
    campaign: &Bound<'_, PyAny>,
) -> PyResult<PyGroupBuyState> {
    let text = to_json_text(campaign, "campaign")?;
    py.detach(|| {
        let campaign: o2okit::GroupBuyCampaign = decode(&text)?;
        o2okit::groupbuy_open(&campaign)
    })
    .map(|state| PyGroupBuyState(Arc::new(state)))
    .map_err(raise)
}

/// Apply one event (a wire-shaped mapping such as ``{"type": "join", "key": "k1",
/// "customer_id": "ann", "team_id": "t1"}``) to `state` at `now` (an aware datetime) and
/// return the new state, the effects to carry out and the outcome. Pure: `state` is not
/// changed; on an error nothing is applied.
#[pyfunction]
pub(crate) fn groupbuy_step(
    py: Python<'_>,
    state: &Bound<'_, PyAny>,
    event: &Bound<'_, PyAny>,
    now: &Bound<'_, PyAny>,
) -> PyResult<PyGroupBuyStep> {
    let state = StateArg::new(state)?;
    let timed = timed_text(now, Some(event))?;
    py.detach(|| {
        state.with(|state| {
            let TimedEvent { at, event } = decode(&timed)?;
            o2okit::groupbuy_step(state, &event, at)
        })
    })
    .map(|step| PyGroupBuyStep {
        state: Arc::new(step.state),
        effects: step.effects,
        outcome: step.outcome,
    })
    .map_err(raise)
}

/// Replay an event log (``[{"at": datetime, "event": {...}}, ...]``, in time order) from
/// the campaign's opening. The first rejected event raises, with ``details["event_index"]``
/// its zero-based position.
#[pyfunction]
pub(crate) fn groupbuy_replay(
    py: Python<'_>,
    campaign: &Bound<'_, PyAny>,
    events: &Bound<'_, PyAny>,
) -> PyResult<PyGroupBuyReplay> {
    let campaign = to_json_text(campaign, "campaign")?;
    let events = to_json_text(events, "events")?;
    py.detach(|| {
        let campaign: o2okit::GroupBuyCampaign = decode(&campaign)?;
        let events: Vec<TimedEvent> = decode(&events)?;
        o2okit::groupbuy_replay(&campaign, &events)
    })
    .map(|replay| PyGroupBuyReplay {
        state: Arc::new(replay.state),
        effects: replay.effects,
        outcomes: replay.outcomes,
    })
    .map_err(raise)
}

/// Where a campaign stands at `now`: counts, what is still needed, time left, ladder prices
/// and a hint, for the campaign and each team. Read-only.
#[pyfunction]
pub(crate) fn groupbuy_progress(
    py: Python<'_>,
    state: &Bound<'_, PyAny>,
    now: &Bound<'_, PyAny>,
) -> PyResult<PyGroupBuyProgress> {
    let state = StateArg::new(state)?;
    let timed = timed_text(now, None)?;
    py.detach(|| {
        state.with(|state| {
            let TimedEvent { at, .. } = decode(&timed)?;
            o2okit::groupbuy_progress(state, at)
        })
    })
    .map(PyGroupBuyProgress)
    .map_err(raise)
}

/// The wire function `groupbuy.simulate` on one request ``{"sizes", "window_seconds",
/// "virtual_fill"?, "target_success_rate"?, "teams"}``: a mapping (with Python values) or
/// JSON text. See `simulate_teams` for the idiomatic (and faster) form.
#[pyfunction]
pub(crate) fn groupbuy_simulate(
    py: Python<'_>,
    request: &Bound<'_, PyAny>,
) -> PyResult<PySimulationReport> {
    let (text, generated) = if request.is_instance_of::<PyString>() {
        (request.extract::<String>()?, false)
    } else {
        (to_json_text(request, "")?, true)
    };
    py.detach(|| {
        let request: TeamSimulation =
            o2okit::decode(&text).map_err(|e| if generated { without_location(e) } else { e })?;
        o2okit::groupbuy_simulate(&request)
    })
    .map(PySimulationReport)
    .map_err(raise)
}

fn invalid(field: String, reason: impl Into<String>) -> PyErr {
    raise(Error::InvalidInput {
        field,
        reason: reason.into(),
    })
}

/// Whole seconds of a `timedelta`, rounded down (`days * 86400 + seconds`; Python keeps
/// `seconds` and `microseconds` non-negative).
fn timedelta_seconds(td: &Bound<'_, PyAny>) -> PyResult<(i64, i64)> {
    let days: i64 = td.getattr("days")?.extract()?;
    let seconds: i64 = td.getattr("seconds")?.extract()?;
    let micros: i64 = td.getattr("microseconds")?.extract()?;
    let whole = days
        .checked_mul(86_400)
        .and_then(|d| d.checked_add(seconds))
        .ok_or_else(|| {
            raise(Error::AmountOutOfRange {
                detail: "a timedelta in seconds".into(),
            })
        })?;
    Ok((whole, micros))
}

/// A join offset: an `int` of seconds or a `timedelta` (counted in whole seconds, rounded
/// down: exact for the window test `offset < window`, the window being whole seconds).
fn join_offset(item: &Bound<'_, PyAny>, field: impl Fn() -> String) -> PyResult<u64> {
    if let Ok(int) = item.cast_exact::<PyInt>() {
        return int.extract::<u64>().map_err(|_| {
            invalid(
                field(),
                format!("{item} is not a whole number of seconds from 0 (offsets count from the team's opening)"),
            )
        });
    }
    let py = item.py();
    if item.is_instance(timedelta_type(py)?)? {
        // `td // timedelta(seconds=1)`: whole seconds, rounded down, in one Python call.
        let seconds: i64 = item.floor_div(one_second(py)?)?.extract()?;
        return u64::try_from(seconds).map_err(|_| {
            invalid(
                field(),
                format!(
                    "{} is before the team opened",
                    item.str().map_or_else(|_| "?".into(), |s| s.to_string())
                ),
            )
        });
    }
    if item.is_instance(datetime_type(py)?)? {
        return Err(invalid(
            field(),
            "a join time needs the team's opening: give the team as (opened_at, joins)",
        ));
    }
    if item.is_instance_of::<PyBool>() || item.is_instance_of::<PyFloat>() {
        return Err(invalid(
            field(),
            format!(
                "{} is not a whole number of seconds; give an int or a datetime.timedelta",
                item.repr().map_or_else(|_| "?".into(), |r| r.to_string())
            ),
        ));
    }
    if item.is_instance_of::<PyInt>() {
        // An int subclass.
        return item.extract::<u64>().map_err(|_| {
            invalid(
                field(),
                format!("{item} is not a whole number of seconds from 0"),
            )
        });
    }
    Err(PyTypeError::new_err(format!(
        "{}: a join is an int of seconds after the opening, a datetime.timedelta or (in an \
         (opened_at, joins) pair) an aware datetime, not {}",
        field(),
        type_name(item)
    )))
}

/// A window: an `int` of seconds or a whole-second `timedelta`.
fn window_seconds(window: &Bound<'_, PyAny>) -> PyResult<u64> {
    let not_whole = || {
        invalid(
            "window".into(),
            format!(
                "{} is not a whole number of seconds from 1; give an int or a datetime.timedelta",
                window.repr().map_or_else(|_| "?".into(), |r| r.to_string())
            ),
        )
    };
    if window.is_instance_of::<PyBool>() || window.is_instance_of::<PyFloat>() {
        return Err(not_whole());
    }
    if window.is_instance_of::<PyInt>() {
        return window.extract::<u64>().map_err(|_| not_whole());
    }
    if window.is_instance(timedelta_type(window.py())?)? {
        let (seconds, micros) = timedelta_seconds(window)?;
        if micros != 0 {
            return Err(not_whole());
        }
        return u64::try_from(seconds).map_err(|_| not_whole());
    }
    Err(PyTypeError::new_err(format!(
        "window must be an int of seconds or a datetime.timedelta, not {}",
        type_name(window)
    )))
}

/// One team of `simulate_teams`: a sequence of offsets, or an `(opened_at, joins)` pair.
fn simulated_team(index: usize, team: &Bound<'_, PyAny>) -> PyResult<SimulatedTeam> {
    let py = team.py();
    let pair = if team.is_instance_of::<PyTuple>() || team.is_instance_of::<PyList>() {
        match team.len()? {
            2 => {
                let first = team.get_item(0)?;
                if first.is_instance(datetime_type(py)?)? {
                    Some((first, team.get_item(1)?))
                } else {
                    None
                }
            }
            _ => None,
        }
    } else {
        None
    };
    let mut simulated = SimulatedTeam {
        opened_at: None,
        join_times: Vec::new(),
        join_offsets: Vec::new(),
    };
    let Some((opened_at, joins)) = pair else {
        let field = |j: usize| format!("teams[{index}][{j}]");
        if let Ok(list) = team.cast::<PyList>() {
            simulated.join_offsets.reserve(list.len());
            for (j, item) in list.iter().enumerate() {
                simulated
                    .join_offsets
                    .push(join_offset(&item, || field(j))?);
            }
        } else {
            if team.is_instance_of::<PyString>() || team.cast::<PyMapping>().is_ok() {
                return Err(PyTypeError::new_err(format!(
                    "teams[{index}]: a team is a sequence of join offsets or an (opened_at, joins) pair, not {}",
                    type_name(team)
                )));
            }
            for (j, item) in team.try_iter()?.enumerate() {
                simulated
                    .join_offsets
                    .push(join_offset(&item?, || field(j))?);
            }
        }
        return Ok(simulated);
    };
    // (opened_at, joins): datetimes go to the core as RFC 3339 (it checks them against the
    // opening); offsets are read directly.
    let datetime = datetime_type(py)?;
    let mut times = JsonText::new();
    times.raw("{\"opened_at\":");
    times.value(&opened_at, &format!("teams[{index}].opened_at"))?;
    times.raw(",\"join_times\":[");
    let mut any_time = false;
    for (j, item) in joins.try_iter()?.enumerate() {
        let item = item?;
        if item.is_instance(datetime)? {
            if any_time {
                times.raw(",");
            }
            any_time = true;
            times.datetime_value(&item, &format!("teams[{index}].joins[{j}]"))?;
        } else {
            simulated
                .join_offsets
                .push(join_offset(&item, || format!("teams[{index}].joins[{j}]"))?);
        }
    }
    times.raw("]}");
    let decoded: SimulatedTeam = decode(&times.finish()?).map_err(raise)?;
    simulated.opened_at = decoded.opened_at;
    simulated.join_times = decoded.join_times;
    Ok(simulated)
}

/// Simulate team buys of several sizes over observed teams ("what team size makes 80% of
/// teams succeed?"): one call of the core for all sizes.
///
/// Each team is either a sequence of join offsets after its opening (``int`` seconds or
/// ``datetime.timedelta``; the fast form: ints are read with no conversion) or a pair
/// ``(opened_at, joins)`` whose joins are aware ``datetime``s (and/or offsets). The leader
/// counts as the first member; a join counts when ``offset < window`` (half-open, as in
/// ``groupbuy_step``); every join is taken as paid. ``virtual_fill`` is the ``min_real`` of
/// a virtual-fill rule; ``target_success_rate`` (``Decimal``/``str``/``int``, 0 to 1)
/// marks the sizes that meet it and the largest that does.
///
/// >>> from datetime import datetime, timedelta, timezone
/// >>> import o2okit
/// >>> opened = datetime(2026, 11, 22, 10, 0, tzinfo=timezone(timedelta(hours=8)))
/// >>> report = o2okit.simulate_teams(
/// ...     [
/// ...         [60, 120, 7200],                      # offsets in seconds (7200 is too late)
/// ...         [timedelta(seconds=30)],
/// ...         (opened, [opened + timedelta(minutes=59)]),
/// ...         [],                                   # nobody joined the leader
/// ...     ],
/// ...     sizes=[2, 3, 4],
/// ...     window=timedelta(hours=1),
/// ...     target_success_rate="0.5",
/// ... )
/// >>> [(r.size, r.succeeded, str(r.success_rate)) for r in report.results]
/// [(2, 3, '0.7500'), (3, 1, '0.2500'), (4, 0, '0.0000')]
/// >>> report.largest_size_meeting_target
/// 2
#[pyfunction]
#[pyo3(signature = (teams, *, sizes, window, virtual_fill = None, target_success_rate = None))]
pub(crate) fn simulate_teams(
    py: Python<'_>,
    teams: &Bound<'_, PyAny>,
    sizes: &Bound<'_, PyAny>,
    window: &Bound<'_, PyAny>,
    virtual_fill: Option<&Bound<'_, PyAny>>,
    target_success_rate: Option<&Bound<'_, PyAny>>,
) -> PyResult<PySimulationReport> {
    // Sizes go through the wire decoder, so a bad size gets the core's error.
    let sizes: Vec<u32> = decode(&to_json_text(sizes, "sizes")?).map_err(raise)?;
    let window_seconds = window_seconds(window)?;
    let virtual_fill = match virtual_fill {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) if v.is_instance_of::<PyInt>() && !v.is_instance_of::<PyBool>() => {
            Some(VirtualFill {
                min_real: v.extract::<u32>().map_err(|_| {
                    invalid(
                        "virtual_fill".into(),
                        format!("{v} is not a count of members"),
                    )
                })?,
            })
        }
        Some(v) => Some(decode::<VirtualFill>(&to_json_text(v, "virtual_fill")?).map_err(raise)?),
    };
    let target_success_rate = match target_success_rate {
        Some(t) if !t.is_none() => Some(to_decimal(t)?),
        _ => None,
    };
    if teams.is_instance_of::<PyString>() || teams.cast::<PyMapping>().is_ok() {
        return Err(PyTypeError::new_err(format!(
            "teams must be a sequence of teams, not {}",
            type_name(teams)
        )));
    }
    let mut simulated = Vec::with_capacity(teams.len().unwrap_or(0));
    if let Ok(list) = teams.cast::<PyList>() {
        for (i, team) in list.iter().enumerate() {
            simulated.push(simulated_team(i, &team)?);
        }
    } else {
        for (i, team) in teams.try_iter()?.enumerate() {
            simulated.push(simulated_team(i, &team?)?);
        }
    }
    let request = TeamSimulation {
        sizes,
        window_seconds,
        virtual_fill,
        target_success_rate,
        teams: simulated,
    };
    py.detach(|| o2okit::groupbuy_simulate(&request))
        .map(PySimulationReport)
        .map_err(raise)
}

// --- result classes -------------------------------------------------------------------------

/// The whole state of a group-buy campaign: a value you store (``to_dict()`` /
/// ``GroupBuyState.from_dict()``) and pass to the next `groupbuy_step`. Read-only.
#[pyclass(frozen, eq, name = "GroupBuyState", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyGroupBuyState(pub(crate) Arc<GroupBuyState>);

#[pymethods]
impl PyGroupBuyState {
    /// Build from the wire shape (e.g. a stored state); Python values are accepted.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        o2okit::decode::<GroupBuyState>(&to_json_text(d, "")?)
            .map(|s| Self(Arc::new(s)))
            .map_err(|e| raise(without_location(e)))
    }

    #[getter]
    fn campaign_id(&self) -> &str {
        &self.0.campaign.id
    }

    /// The campaign definition, as wire JSON.
    #[getter]
    fn campaign<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0.campaign)
    }

    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.as_str()
    }

    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_opt_time!(py, self.0.as_of)
    }

    #[getter]
    fn ended_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_opt_time!(py, self.0.ended_at)
    }

    #[getter]
    fn failure_reason(&self) -> PyResult<Option<String>> {
        opt_wire_name(self.0.failure_reason.as_ref())
    }

    #[getter]
    fn final_price(&self) -> Option<PyMoney> {
        self.0.final_price.map(PyMoney)
    }

    #[getter]
    fn teams(&self) -> Vec<PyTeam> {
        self.0.teams.iter().cloned().map(PyTeam).collect()
    }

    #[getter]
    fn participations(&self) -> Vec<PyParticipation> {
        self.0
            .participations
            .iter()
            .cloned()
            .map(PyParticipation)
            .collect()
    }

    /// The applied commands (idempotency keys included), as wire JSON.
    #[getter]
    fn processed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0.processed)
    }

    /// The participation with this id (``p1``, ``p2``, ...), or None.
    fn participation(&self, id: &str) -> Option<PyParticipation> {
        self.0.participation(id).cloned().map(PyParticipation)
    }

    /// The team with this id (``t1``, ``t2``, ...), or None.
    fn team(&self, id: &str) -> Option<PyTeam> {
        self.0.team(id).cloned().map(PyTeam)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &*self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "GroupBuyState(campaign_id={}, status={}, teams={}, participations={})",
            py_repr(py, &self.0.campaign.id),
            py_repr(py, self.0.status.as_str()),
            self.0.teams.len(),
            self.0.participations.len()
        )
    }
}

/// One team of a team buy.
#[pyclass(frozen, eq, name = "Team", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyTeam(Team);

#[pymethods]
impl PyTeam {
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.as_str()
    }

    #[getter]
    fn opened_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_time!(py, self.0.opened_at)
    }

    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_time!(py, self.0.expires_at)
    }

    #[getter]
    fn leader(&self) -> Option<&str> {
        self.0.leader.as_deref()
    }

    #[getter]
    fn members(&self) -> Vec<String> {
        self.0.members.clone()
    }

    #[getter]
    fn ended_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_opt_time!(py, self.0.ended_at)
    }

    #[getter]
    fn failure_reason(&self) -> PyResult<Option<String>> {
        opt_wire_name(self.0.failure_reason.as_ref())
    }

    #[getter]
    fn virtual_fill(&self) -> Option<PyVirtualFillReport> {
        self.0.virtual_fill.map(PyVirtualFillReport)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Team(id={}, status={}, leader={}, members={})",
            py_repr(py, &self.0.id),
            py_repr(py, self.0.status.as_str()),
            opt_repr(py, self.0.leader.as_deref()),
            self.0.members.len()
        )
    }
}

/// One place taken by one customer.
#[pyclass(frozen, eq, name = "Participation", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyParticipation(Participation);

#[pymethods]
impl PyParticipation {
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    #[getter]
    fn customer_id(&self) -> &str {
        &self.0.customer_id
    }

    #[getter]
    fn team_id(&self) -> Option<&str> {
        self.0.team_id.as_deref()
    }

    #[getter]
    fn price(&self) -> PyMoney {
        PyMoney(self.0.price)
    }

    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.as_str()
    }

    #[getter]
    fn joined_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_time!(py, self.0.joined_at)
    }

    #[getter]
    fn paid_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_opt_time!(py, self.0.paid_at)
    }

    #[getter]
    fn refunded(&self) -> Option<PyMoney> {
        self.0.refunded.map(PyMoney)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Participation(id={}, customer_id={}, status={}, price={})",
            py_repr(py, &self.0.id),
            py_repr(py, &self.0.customer_id),
            py_repr(py, self.0.status.as_str()),
            money_repr(self.0.price)
        )
    }
}

/// How a virtually filled team was completed: `real` paid members, `filled` by the platform.
#[pyclass(frozen, eq, name = "VirtualFillReport", module = "o2okit")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PyVirtualFillReport(VirtualFillReport);

#[pymethods]
impl PyVirtualFillReport {
    #[getter]
    fn real(&self) -> u32 {
        self.0.real
    }

    #[getter]
    fn filled(&self) -> u32 {
        self.0.filled
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "VirtualFillReport(real={}, filled={})",
            self.0.real, self.0.filled
        )
    }
}

/// One thing to do after a step: ``charge``, ``void_charge``, ``refund_full``,
/// ``refund_difference``, ``issue_vouchers``, ``notify_success`` or ``notify_failure``
/// (`type`); the fields a type does not have are None.
#[pyclass(frozen, eq, name = "GroupBuyEffect", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyGroupBuyEffect(GroupBuyEffect);

#[pymethods]
impl PyGroupBuyEffect {
    #[getter(r#type)]
    fn effect_type(&self) -> &'static str {
        match &self.0 {
            GroupBuyEffect::Charge { .. } => "charge",
            GroupBuyEffect::VoidCharge { .. } => "void_charge",
            GroupBuyEffect::RefundFull { .. } => "refund_full",
            GroupBuyEffect::RefundDifference { .. } => "refund_difference",
            GroupBuyEffect::IssueVouchers { .. } => "issue_vouchers",
            GroupBuyEffect::NotifySuccess { .. } => "notify_success",
            GroupBuyEffect::NotifyFailure { .. } => "notify_failure",
        }
    }

    #[getter]
    fn participation_id(&self) -> Option<&str> {
        match &self.0 {
            GroupBuyEffect::Charge {
                participation_id, ..
            }
            | GroupBuyEffect::VoidCharge {
                participation_id, ..
            }
            | GroupBuyEffect::RefundFull {
                participation_id, ..
            }
            | GroupBuyEffect::RefundDifference {
                participation_id, ..
            }
            | GroupBuyEffect::IssueVouchers {
                participation_id, ..
            } => Some(participation_id),
            GroupBuyEffect::NotifySuccess { .. } | GroupBuyEffect::NotifyFailure { .. } => None,
        }
    }

    #[getter]
    fn customer_id(&self) -> Option<&str> {
        match &self.0 {
            GroupBuyEffect::Charge { customer_id, .. }
            | GroupBuyEffect::VoidCharge { customer_id, .. }
            | GroupBuyEffect::RefundFull { customer_id, .. }
            | GroupBuyEffect::RefundDifference { customer_id, .. }
            | GroupBuyEffect::IssueVouchers { customer_id, .. } => Some(customer_id),
            GroupBuyEffect::NotifySuccess { .. } | GroupBuyEffect::NotifyFailure { .. } => None,
        }
    }

    #[getter]
    fn team_id(&self) -> Option<&str> {
        match &self.0 {
            GroupBuyEffect::Charge { team_id, .. }
            | GroupBuyEffect::NotifySuccess { team_id, .. }
            | GroupBuyEffect::NotifyFailure { team_id, .. } => team_id.as_deref(),
            _ => None,
        }
    }

    /// The money of a charge, voided charge or refund.
    #[getter]
    fn amount(&self) -> Option<PyMoney> {
        match &self.0 {
            GroupBuyEffect::Charge { amount, .. }
            | GroupBuyEffect::VoidCharge { amount, .. }
            | GroupBuyEffect::RefundFull { amount, .. }
            | GroupBuyEffect::RefundDifference { amount, .. } => Some(PyMoney(*amount)),
            _ => None,
        }
    }

    #[getter]
    fn paid(&self) -> Option<PyMoney> {
        match &self.0 {
            GroupBuyEffect::RefundDifference { paid, .. } => Some(PyMoney(*paid)),
            _ => None,
        }
    }

    #[getter]
    fn final_price(&self) -> Option<PyMoney> {
        match &self.0 {
            GroupBuyEffect::RefundDifference { final_price, .. } => Some(PyMoney(*final_price)),
            GroupBuyEffect::NotifySuccess { final_price, .. } => final_price.map(PyMoney),
            _ => None,
        }
    }

    #[getter]
    fn count(&self) -> Option<u32> {
        match &self.0 {
            GroupBuyEffect::IssueVouchers { count, .. } => Some(*count),
            _ => None,
        }
    }

    #[getter]
    fn participants(&self) -> Option<u32> {
        match &self.0 {
            GroupBuyEffect::NotifySuccess { participants, .. } => Some(*participants),
            _ => None,
        }
    }

    #[getter]
    fn virtual_fill(&self) -> Option<PyVirtualFillReport> {
        match &self.0 {
            GroupBuyEffect::NotifySuccess { virtual_fill, .. } => {
                virtual_fill.map(PyVirtualFillReport)
            }
            _ => None,
        }
    }

    #[getter]
    fn reason(&self) -> PyResult<Option<String>> {
        match &self.0 {
            GroupBuyEffect::NotifyFailure { reason, .. } => wire_name(reason).map(Some),
            _ => Ok(None),
        }
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut parts = vec![format!("type={}", py_repr(py, self.effect_type()))];
        if let Some(id) = self.participation_id() {
            parts.push(format!("participation_id={}", py_repr(py, id)));
        }
        if let Some(id) = self.customer_id() {
            parts.push(format!("customer_id={}", py_repr(py, id)));
        }
        if let Some(id) = self.team_id() {
            parts.push(format!("team_id={}", py_repr(py, id)));
        }
        if let Some(m) = self.amount() {
            parts.push(format!("amount={}", money_repr(m.0)));
        }
        if let Some(m) = self.paid() {
            parts.push(format!("paid={}", money_repr(m.0)));
        }
        if let Some(m) = self.final_price() {
            parts.push(format!("final_price={}", money_repr(m.0)));
        }
        if let Some(n) = self.count() {
            parts.push(format!("count={n}"));
        }
        if let Some(n) = self.participants() {
            parts.push(format!("participants={n}"));
        }
        if let Some(v) = self.virtual_fill() {
            parts.push(format!("virtual_fill={}", v.__repr__()));
        }
        if let Some(r) = self.reason()? {
            parts.push(format!("reason={}", py_repr(py, &r)));
        }
        Ok(format!("GroupBuyEffect({})", parts.join(", ")))
    }
}

/// A deal, a team or the campaign that ended in a step.
#[pyclass(frozen, eq, name = "Resolution", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyResolution(Resolution);

#[pymethods]
impl PyResolution {
    /// The team; None for the campaign (or its deal).
    #[getter]
    fn team_id(&self) -> Option<&str> {
        self.0.team_id.as_deref()
    }

    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.as_str()
    }

    #[getter]
    fn reason(&self) -> PyResult<Option<String>> {
        opt_wire_name(self.0.reason.as_ref())
    }

    #[getter]
    fn virtual_fill(&self) -> Option<PyVirtualFillReport> {
        self.0.virtual_fill.map(PyVirtualFillReport)
    }

    #[getter]
    fn final_price(&self) -> Option<PyMoney> {
        self.0.final_price.map(PyMoney)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Resolution(team_id={}, status={}, reason={})",
            opt_repr(py, self.0.team_id.as_deref()),
            py_repr(py, self.0.status.as_str()),
            opt_repr(py, self.reason()?.as_deref())
        ))
    }
}

/// What an accepted event did.
#[pyclass(frozen, eq, name = "GroupBuyOutcome", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyGroupBuyOutcome(GroupBuyOutcome);

#[pymethods]
impl PyGroupBuyOutcome {
    #[getter]
    fn kind(&self) -> PyResult<String> {
        wire_name(&self.0.kind)
    }

    /// For a ``duplicate``: the repeated key.
    #[getter]
    fn key(&self) -> Option<&str> {
        self.0.key.as_deref()
    }

    #[getter]
    fn participation_id(&self) -> Option<&str> {
        self.0.participation_id.as_deref()
    }

    #[getter]
    fn team_id(&self) -> Option<&str> {
        self.0.team_id.as_deref()
    }

    #[getter]
    fn new_leader(&self) -> Option<&str> {
        self.0.new_leader.as_deref()
    }

    #[getter]
    fn resolved(&self) -> Vec<PyResolution> {
        self.0.resolved.iter().cloned().map(PyResolution).collect()
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut parts = vec![format!("kind={}", py_repr(py, &self.kind()?))];
        for (name, value) in [
            ("key", &self.0.key),
            ("participation_id", &self.0.participation_id),
            ("team_id", &self.0.team_id),
            ("new_leader", &self.0.new_leader),
        ] {
            if let Some(value) = value {
                parts.push(format!("{name}={}", py_repr(py, value)));
            }
        }
        if !self.0.resolved.is_empty() {
            parts.push(format!("resolved={}", self.0.resolved.len()));
        }
        Ok(format!("GroupBuyOutcome({})", parts.join(", ")))
    }
}

fn effects(effects: &[GroupBuyEffect]) -> Vec<PyGroupBuyEffect> {
    effects.iter().cloned().map(PyGroupBuyEffect).collect()
}

#[derive(Serialize)]
struct StepView<'a> {
    state: &'a GroupBuyState,
    effects: &'a [GroupBuyEffect],
    outcome: &'a GroupBuyOutcome,
}

/// The result of `groupbuy_step`: the new state, the effects to carry out (in order) and
/// the outcome.
#[pyclass(frozen, eq, name = "GroupBuyStep", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyGroupBuyStep {
    state: Arc<GroupBuyState>,
    effects: Vec<GroupBuyEffect>,
    outcome: GroupBuyOutcome,
}

#[pymethods]
impl PyGroupBuyStep {
    /// The state after the event (equal to the one given for a ``duplicate``).
    #[getter]
    fn state(&self) -> PyGroupBuyState {
        PyGroupBuyState(Arc::clone(&self.state))
    }

    #[getter]
    fn effects(&self) -> Vec<PyGroupBuyEffect> {
        effects(&self.effects)
    }

    #[getter]
    fn outcome(&self) -> PyGroupBuyOutcome {
        PyGroupBuyOutcome(self.outcome.clone())
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(
            py,
            &StepView {
                state: &self.state,
                effects: &self.effects,
                outcome: &self.outcome,
            },
        )
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "GroupBuyStep(outcome={}, effects={}, status={})",
            py_repr(py, &wire_name(&self.outcome.kind)?),
            self.effects.len(),
            py_repr(py, self.state.status.as_str())
        ))
    }
}

#[derive(Serialize)]
struct ReplayView<'a> {
    state: &'a GroupBuyState,
    effects: &'a [GroupBuyEffect],
    outcomes: &'a [GroupBuyOutcome],
}

/// The result of `groupbuy_replay`: the final state, every effect and one outcome per event.
#[pyclass(frozen, eq, name = "GroupBuyReplay", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyGroupBuyReplay {
    state: Arc<GroupBuyState>,
    effects: Vec<GroupBuyEffect>,
    outcomes: Vec<GroupBuyOutcome>,
}

#[pymethods]
impl PyGroupBuyReplay {
    #[getter]
    fn state(&self) -> PyGroupBuyState {
        PyGroupBuyState(Arc::clone(&self.state))
    }

    #[getter]
    fn effects(&self) -> Vec<PyGroupBuyEffect> {
        effects(&self.effects)
    }

    #[getter]
    fn outcomes(&self) -> Vec<PyGroupBuyOutcome> {
        self.outcomes
            .iter()
            .cloned()
            .map(PyGroupBuyOutcome)
            .collect()
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(
            py,
            &ReplayView {
                state: &self.state,
                effects: &self.effects,
                outcomes: &self.outcomes,
            },
        )
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "GroupBuyReplay(events={}, effects={}, status={})",
            self.outcomes.len(),
            self.effects.len(),
            py_repr(py, self.state.status.as_str())
        )
    }
}

/// A progress hint: a code, a message ("2 more people needed within 3 h 12 min") and its
/// parameters.
#[pyclass(frozen, eq, name = "ProgressHint", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyProgressHint(ProgressHint);

#[pymethods]
impl PyProgressHint {
    #[getter]
    fn code(&self) -> PyResult<String> {
        wire_name(&self.0.code)
    }

    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }

    #[getter]
    fn needed(&self) -> Option<u32> {
        self.0.needed
    }

    #[getter]
    fn remaining_seconds(&self) -> Option<i64> {
        self.0.remaining_seconds
    }

    #[getter]
    fn price(&self) -> Option<PyMoney> {
        self.0.price.map(PyMoney)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "ProgressHint(code={}, message={})",
            py_repr(py, &self.code()?),
            py_repr(py, &self.0.message)
        ))
    }
}

/// Where one team stands.
#[pyclass(frozen, eq, name = "TeamProgress", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyTeamProgress(TeamProgress);

#[pymethods]
impl PyTeamProgress {
    #[getter]
    fn team_id(&self) -> &str {
        &self.0.team_id
    }

    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.as_str()
    }

    #[getter]
    fn leader(&self) -> Option<&str> {
        self.0.leader.as_deref()
    }

    #[getter]
    fn count(&self) -> u32 {
        self.0.count
    }

    #[getter]
    fn paid(&self) -> u32 {
        self.0.paid
    }

    #[getter]
    fn pending(&self) -> u32 {
        self.0.pending
    }

    #[getter]
    fn size(&self) -> u32 {
        self.0.size
    }

    #[getter]
    fn needed(&self) -> u32 {
        self.0.needed
    }

    #[getter]
    fn percent(&self) -> u32 {
        self.0.percent
    }

    #[getter]
    fn remaining_seconds(&self) -> Option<i64> {
        self.0.remaining_seconds
    }

    #[getter]
    fn virtual_fill(&self) -> Option<PyVirtualFillReport> {
        self.0.virtual_fill.map(PyVirtualFillReport)
    }

    #[getter]
    fn hint(&self) -> Option<PyProgressHint> {
        self.0.hint.clone().map(PyProgressHint)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "TeamProgress(team_id={}, status={}, count={}, size={}, hint={})",
            py_repr(py, &self.0.team_id),
            py_repr(py, self.0.status.as_str()),
            self.0.count,
            self.0.size,
            opt_repr(py, self.0.hint.as_ref().map(|h| h.message.as_str()))
        )
    }
}

/// Where a campaign stands at a given time, for a progress bar.
#[pyclass(frozen, eq, name = "GroupBuyProgress", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyGroupBuyProgress(GroupBuyProgress);

#[pymethods]
impl PyGroupBuyProgress {
    #[getter]
    fn campaign_id(&self) -> &str {
        &self.0.campaign_id
    }

    #[getter]
    fn kind(&self) -> &str {
        &self.0.kind
    }

    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.as_str()
    }

    #[getter]
    fn now<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_time!(py, self.0.now)
    }

    #[getter]
    fn count(&self) -> u32 {
        self.0.count
    }

    #[getter]
    fn paid(&self) -> u32 {
        self.0.paid
    }

    #[getter]
    fn pending(&self) -> u32 {
        self.0.pending
    }

    #[getter]
    fn target(&self) -> Option<u32> {
        self.0.target
    }

    #[getter]
    fn needed(&self) -> Option<u32> {
        self.0.needed
    }

    #[getter]
    fn percent(&self) -> Option<u32> {
        self.0.percent
    }

    #[getter]
    fn remaining_seconds(&self) -> Option<i64> {
        self.0.remaining_seconds
    }

    #[getter]
    fn current_price(&self) -> Option<PyMoney> {
        self.0.current_price.map(PyMoney)
    }

    #[getter]
    fn join_price(&self) -> Option<PyMoney> {
        self.0.join_price.map(PyMoney)
    }

    #[getter]
    fn next_price(&self) -> Option<PyMoney> {
        self.0.next_price.map(PyMoney)
    }

    #[getter]
    fn next_tier_at(&self) -> Option<u32> {
        self.0.next_tier_at
    }

    #[getter]
    fn final_price(&self) -> Option<PyMoney> {
        self.0.final_price.map(PyMoney)
    }

    #[getter]
    fn hint(&self) -> Option<PyProgressHint> {
        self.0.hint.clone().map(PyProgressHint)
    }

    #[getter]
    fn teams(&self) -> Vec<PyTeamProgress> {
        self.0.teams.iter().cloned().map(PyTeamProgress).collect()
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "GroupBuyProgress(campaign_id={}, status={}, count={}, paid={}, hint={})",
            py_repr(py, &self.0.campaign_id),
            py_repr(py, self.0.status.as_str()),
            self.0.count,
            self.0.paid,
            opt_repr(py, self.0.hint.as_ref().map(|h| h.message.as_str()))
        )
    }
}

/// How teams of one size would have done.
#[pyclass(frozen, eq, name = "SizeResult", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PySizeResult(SizeResult);

#[pymethods]
impl PySizeResult {
    #[getter]
    fn size(&self) -> u32 {
        self.0.size
    }

    #[getter]
    fn succeeded(&self) -> u64 {
        self.0.succeeded
    }

    #[getter]
    fn virtually_filled(&self) -> u64 {
        self.0.virtually_filled
    }

    #[getter]
    fn failed(&self) -> u64 {
        self.0.failed
    }

    /// ``succeeded / teams`` rounded down to 4 decimals.
    #[getter]
    fn success_rate(&self) -> o2okit::Decimal {
        self.0.success_rate
    }

    #[getter]
    fn meets_target(&self) -> Option<bool> {
        self.0.meets_target
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self) -> String {
        let meets = self
            .0
            .meets_target
            .map_or_else(String::new, |m| format!(", meets_target={}", py_bool(m)));
        format!(
            "SizeResult(size={}, succeeded={}, virtually_filled={}, failed={}, success_rate=Decimal('{}'){meets})",
            self.0.size, self.0.succeeded, self.0.virtually_filled, self.0.failed, self.0.success_rate
        )
    }
}

/// The answer of a team-size simulation: one `SizeResult` per size, in the order asked.
#[pyclass(frozen, eq, name = "SimulationReport", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PySimulationReport(SimulationReport);

#[pymethods]
impl PySimulationReport {
    #[getter]
    fn teams(&self) -> u64 {
        self.0.teams
    }

    #[getter]
    fn results(&self) -> Vec<PySizeResult> {
        self.0.results.iter().cloned().map(PySizeResult).collect()
    }

    /// With a target: the largest size whose success rate meets it, or None.
    #[getter]
    fn largest_size_meeting_target(&self) -> Option<u32> {
        self.0.largest_size_meeting_target
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self) -> String {
        let sizes: Vec<String> = self.0.results.iter().map(|r| r.size.to_string()).collect();
        let largest = self
            .0
            .largest_size_meeting_target
            .map_or_else(|| "None".to_string(), |s| s.to_string());
        format!(
            "SimulationReport(teams={}, sizes=[{}], largest_size_meeting_target={largest})",
            self.0.teams,
            sizes.join(", ")
        )
    }
}
