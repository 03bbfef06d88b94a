//! `allocate`: weights read straight from Python numbers (`Decimal`, `int`, `str`, NumPy
//! integers; a list, a tuple, a NumPy array or a pandas Series of them), the core's
//! `Allocation` out as wire JSON for the `Allocation` record.

use o2okit::AllocationRequest;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyMapping, PyString};

use crate::errors::guard;
use crate::money::PyMoney;
use crate::node::Node;
use crate::numbers::{to_decimal, type_name};
use crate::record::PyWire;

/// The items of a sequence argument: any iterable but a `str`, `bytes` or a mapping.
fn items<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<pyo3::types::PyBytes>()
        || obj.cast::<PyMapping>().is_ok()
    {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a sequence (a list, a tuple, a NumPy array, a pandas Series), not {}",
            type_name(obj)
        )));
    }
    obj.try_iter()?.collect()
}

#[pyfunction]
#[pyo3(signature = (total, weights, *, caps = None, step = None))]
pub(crate) fn _allocate(
    total: &Bound<'_, PyAny>,
    weights: &Bound<'_, PyAny>,
    caps: Option<&Bound<'_, PyAny>>,
    step: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyWire> {
    let total = total.cast::<PyMoney>().map_err(|_| {
        PyTypeError::new_err(format!("total must be a Money, not {}", type_name(total)))
    })?;
    let weights = items(weights, "weights")?
        .iter()
        .map(to_decimal)
        .collect::<PyResult<Vec<_>>>()?;
    let caps = match caps.filter(|c| !c.is_none()) {
        None => None,
        Some(caps) => Some(
            items(caps, "caps")?
                .iter()
                .map(|cap| {
                    if cap.is_none() {
                        return Ok(None);
                    }
                    cap.cast::<PyMoney>().map(|m| Some(m.get().0)).map_err(|_| {
                        PyTypeError::new_err(format!(
                            "a cap is a Money or None, not {}",
                            type_name(cap)
                        ))
                    })
                })
                .collect::<PyResult<Vec<_>>>()?,
        ),
    };
    let step = step.filter(|s| !s.is_none()).map(to_decimal).transpose()?;
    let request = AllocationRequest {
        total: total.get().0,
        weights,
        caps,
        step,
    };
    let allocation = guard(|| request.allocate())?;
    serde_json::to_value(&allocation)
        .map(|v| PyWire(Node::from(v)))
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
}
