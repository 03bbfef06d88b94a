//! The analyst's `simulate_teams`: "which team size makes 80% of teams succeed?".
//!
//! `simulate_teams` builds the core's `TeamSimulation` directly: integer offsets (`int` or
//! NumPy integers) are read straight into the core's vectors (no JSON, no Python object per
//! join); join times given as `datetime`s are written as RFC 3339 and decoded by the core,
//! which checks them. The other group-buy functions are thin wrappers over the wire
//! functions (`o2okit/_groupbuy.py`).

use o2okit::{Error, SimulatedTeam, TeamSimulation, VirtualFill};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyInt, PyList, PyMapping, PyString, PyTuple, PyType};

use crate::errors::{core, raise};
use crate::node::Node;
use crate::numbers::{
    full_type_name, int_like, is_bool_like, is_float_like, to_decimal, type_name,
};
use crate::record::PyWire;
use crate::to_wire::{to_json_text, without_location, JsonText};

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
    if full_type_name(item) == "numpy.datetime64" {
        return Err(invalid(
            field(),
            "a numpy.datetime64 has no time zone, so it names no instant; give the team as \
             (opened_at, joins) with aware times: o2okit.aware(value, \"UTC\") (or the zone it \
             was recorded in)",
        ));
    }
    if is_bool_like(item) || is_float_like(item)? {
        return Err(invalid(
            field(),
            format!(
                "{} is not a whole number of seconds; give an int or a datetime.timedelta",
                item.repr().map_or_else(|_| "?".into(), |r| r.to_string())
            ),
        ));
    }
    if let Some(int) = int_like(item)? {
        // An int subclass or a NumPy integer.
        return int.extract::<u64>().map_err(|_| {
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
    if is_bool_like(window) || is_float_like(window)? {
        return Err(not_whole());
    }
    if let Some(int) = int_like(window)? {
        return int.extract::<u64>().map_err(|_| not_whole());
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

/// `simulate_teams` (see `o2okit/_groupbuy.py`): the report as wire JSON.
#[pyfunction]
#[pyo3(signature = (teams, *, sizes, window, virtual_fill = None, target_success_rate = None))]
pub(crate) fn _simulate_teams(
    py: Python<'_>,
    teams: &Bound<'_, PyAny>,
    sizes: &Bound<'_, PyAny>,
    window: &Bound<'_, PyAny>,
    virtual_fill: Option<&Bound<'_, PyAny>>,
    target_success_rate: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyWire> {
    // Sizes go through the wire decoder, so a bad size gets the core's error.
    let sizes: Vec<u32> = decode(&to_json_text(sizes, "sizes")?).map_err(raise)?;
    let window_seconds = window_seconds(window)?;
    let virtual_fill = match virtual_fill {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => match int_like(v)? {
            Some(int) => Some(VirtualFill {
                min_real: int.extract::<u32>().map_err(|_| {
                    invalid(
                        "virtual_fill".into(),
                        format!("{v} is not a count of members"),
                    )
                })?,
            }),
            None => Some(decode::<VirtualFill>(&to_json_text(v, "virtual_fill")?).map_err(raise)?),
        },
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
    let report = core(py, || o2okit::groupbuy_simulate(&request))?;
    serde_json::to_value(&report)
        .map(|v| PyWire(Node::from(v)))
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
}
