//! The columnar batch API over Arrow (`o2okit.batch`): each row-wise domain function gets a
//! form that reads an Arrow table or stream through the PyCapsule interface (pyarrow,
//! polars, pandas via pyarrow), converts every column straight into the core's types, runs
//! the core on all cores with the GIL released, and writes Arrow columns back.
//!
//! - `columns`: typed readers of input columns (one place for every accepted type);
//! - `output`: money and error output columns;
//! - `errors`: schema failures (abort) and row failures (an error code per row);
//! - `kernel`: the driver (whole tables on rayon, streams in bounded memory);
//! - one file per domain: `split`, `quote`, `groupbuy`, `assign`, `member` (cards and
//!   points), `voucher`.

mod assign;
mod columns;
mod errors;
mod groupbuy;
mod kernel;
mod member;
mod output;
mod quote;
mod split;
mod voucher;

use arrow_array::{Array, ArrayRef, UInt32Array};
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde::de::DeserializeOwned;

use errors::Failure;

/// Register the batch functions and classes in a private submodule `_o2okit._batch`; the
/// typed public API is the Python module `o2okit.batch`.
pub(crate) fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let m = PyModule::new(parent.py(), "_batch")?;
    m.add_class::<split::PyCompiledPlan>()?;
    m.add_class::<kernel::PyBatchStream>()?;
    m.add_function(wrap_pyfunction!(split::split_table, &m)?)?;
    m.add_function(wrap_pyfunction!(split::split_stream, &m)?)?;
    m.add_function(wrap_pyfunction!(split::split_columns, &m)?)?;
    m.add_function(wrap_pyfunction!(quote::quote_table, &m)?)?;
    m.add_function(wrap_pyfunction!(quote::quote_stream, &m)?)?;
    m.add_function(wrap_pyfunction!(groupbuy::groupbuy_teams_table, &m)?)?;
    m.add_function(wrap_pyfunction!(groupbuy::groupbuy_teams_stream, &m)?)?;
    m.add_function(wrap_pyfunction!(groupbuy::groupbuy_simulate_table, &m)?)?;
    m.add_function(wrap_pyfunction!(assign::assign_table, &m)?)?;
    m.add_function(wrap_pyfunction!(assign::assign_stream, &m)?)?;
    m.add_function(wrap_pyfunction!(member::card_replay_table, &m)?)?;
    m.add_function(wrap_pyfunction!(member::card_replay_stream, &m)?)?;
    m.add_function(wrap_pyfunction!(member::points_replay_table, &m)?)?;
    m.add_function(wrap_pyfunction!(member::points_replay_stream, &m)?)?;
    m.add_function(wrap_pyfunction!(voucher::voucher_issue_table, &m)?)?;
    m.add_function(wrap_pyfunction!(voucher::voucher_issue_stream, &m)?)?;
    m.add_function(wrap_pyfunction!(voucher::voucher_verify_table, &m)?)?;
    parent.add_submodule(&m)
}

/// A wire value given as Python values (mappings, `Money`, `Decimal`, aware `datetime`) or
/// as JSON text, decoded by the core.
pub(crate) fn wire_value<T: DeserializeOwned>(obj: &Bound<'_, PyAny>) -> PyResult<T> {
    if obj.is_instance_of::<PyString>() {
        let text: String = obj.extract()?;
        return o2okit::decode(&text).map_err(crate::errors::raise);
    }
    let text = crate::to_wire::to_json_text(obj, "")?;
    o2okit::decode(&text).map_err(|e| crate::errors::raise(crate::to_wire::without_location(e)))
}

/// Overwrite `s` with `value`, keeping its allocation.
pub(crate) fn set_text(s: &mut String, value: &str) {
    s.clear();
    s.push_str(value);
}

/// Overwrite an optional string, keeping its allocation when it stays `Some`.
pub(crate) fn set_opt(slot: &mut Option<String>, value: Option<&str>) {
    match (slot.as_mut(), value) {
        (Some(s), Some(v)) => set_text(s, v),
        (None, Some(v)) => *slot = Some(v.to_string()),
        (_, None) => *slot = None,
    }
}

/// The rows `indices` of `column` (for long outputs repeating an input column).
pub(crate) fn take_column(column: &ArrayRef, indices: &UInt32Array) -> Result<ArrayRef, Failure> {
    arrow_select::take::take(column.as_ref(), indices, None).map_err(|e| {
        Failure::internal(format!(
            "repeating column of type {}: {e}",
            column.data_type()
        ))
    })
}
