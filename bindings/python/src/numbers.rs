//! Python numbers as exact decimal text, the way every function reads them.
//!
//! Accepted as exact: `int`, `decimal.Decimal`, `str`, and any integer that implements
//! `__index__` (NumPy's `int64`, `uint32`, ...; pandas' integer scalars are NumPy's).
//! Rejected: `bool` (and NumPy's `bool`), every binary float (`float`, NumPy's `float64`,
//! which subclasses `float`, and `float32`/`float16`/`longdouble`, which are registered as
//! `numbers.Real`): `number_for_money` where money is meant, `invalid_decimal` elsewhere.

use o2okit::Error;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString, PyType};

use crate::errors::raise;

/// Where a Python number is used: as a money amount or as a plain decimal (weight, factor,
/// step). Only the error for a binary float differs.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NumberUse {
    Money,
    Decimal,
}

pub(crate) fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

fn real_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static REAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    REAL.import(py, "numbers", "Real")
}

fn rational_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static RATIONAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    RATIONAL.import(py, "numbers", "Rational")
}

pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "object".to_string(), |n| n.to_string())
}

/// The type's qualified name for messages: `numpy.float32`, `decimal.Decimal`, `str`.
pub(crate) fn full_type_name(obj: &Bound<'_, PyAny>) -> String {
    let ty = obj.get_type();
    let name = type_name(obj);
    match ty.module() {
        Ok(module) if module.to_cow().is_ok_and(|m| m != "builtins") => {
            format!("{}.{name}", module.to_cow().unwrap_or_default())
        }
        _ => name,
    }
}

fn repr_of(obj: &Bound<'_, PyAny>) -> String {
    obj.repr()
        .map_or_else(|_| "?".to_string(), |r| r.to_string())
}

/// Whether `obj` is a NumPy `bool` (which is not a Python `bool` and has no `__index__`).
fn is_numpy_bool(obj: &Bound<'_, PyAny>) -> bool {
    let ty = obj.get_type();
    let module = ty.module().ok();
    let from_numpy = module.is_some_and(|m| m.to_cow().is_ok_and(|m| m == "numpy"));
    from_numpy && matches!(type_name(obj).as_str(), "bool" | "bool_")
}

/// `obj` as a Python `int` when it is an integer: an `int` (not a `bool`) or an object with
/// `__index__` (NumPy integer scalars). `None` for anything else.
pub(crate) fn int_like<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyInt>>> {
    if obj.is_instance_of::<PyBool>() {
        return Ok(None);
    }
    if let Ok(int) = obj.cast::<PyInt>() {
        return Ok(Some(int.clone()));
    }
    if obj.is_instance_of::<PyFloat>() || obj.is_instance_of::<PyString>() || is_numpy_bool(obj) {
        return Ok(None);
    }
    if !obj.hasattr("__index__")? {
        return Ok(None);
    }
    match obj.call_method0("__index__") {
        Ok(index) => Ok(index.cast_into::<PyInt>().ok()),
        Err(_) => Ok(None),
    }
}

/// Whether `obj` is a binary floating-point number: a `float` (NumPy's `float64` is one)
/// or another `numbers.Real` that is not `numbers.Rational` (NumPy's `float32`, ...).
pub(crate) fn is_float_like(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if obj.is_instance_of::<PyFloat>() {
        return Ok(true);
    }
    if obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyString>() {
        return Ok(false);
    }
    let py = obj.py();
    Ok(obj.is_instance(real_type(py)?)? && !obj.is_instance(rational_type(py)?)?)
}

/// Whether `obj` is a `bool` or a NumPy `bool`.
pub(crate) fn is_bool_like(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyBool>() || is_numpy_bool(obj)
}

fn float_error(obj: &Bound<'_, PyAny>, usage: NumberUse) -> PyErr {
    // `str`, not `repr`: NumPy's repr is `np.float64(0.1)`, its str `0.1`.
    let repr = obj.str().map_or_else(|_| repr_of(obj), |s| s.to_string());
    raise(match usage {
        NumberUse::Money => Error::NumberForMoney { found: repr },
        NumberUse::Decimal => Error::InvalidDecimal {
            input: repr,
            reason: format!(
                "a {} is a binary number and not exact; use decimal.Decimal or str (e.g. \
                 Decimal(\"0.1\") or \"0.1\")",
                full_type_name(obj)
            ),
        },
    })
}

/// The exact text of a `Decimal`, an integer or a `str`; `bool`, binary floats and anything
/// else are rejected with the core's error codes.
pub(crate) fn number_text(obj: &Bound<'_, PyAny>, usage: NumberUse) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if is_bool_like(obj) {
        return Err(raise(Error::InvalidDecimal {
            input: repr_of(obj),
            reason: "a bool is not a number; pass a decimal.Decimal, an int or a str".into(),
        }));
    }
    if is_float_like(obj)? {
        return Err(float_error(obj, usage));
    }
    if obj.is_instance(decimal_type(obj.py())?)? {
        return Ok(obj.str()?.to_cow()?.into_owned());
    }
    if let Some(int) = int_like(obj)? {
        return Ok(int.str()?.to_cow()?.into_owned());
    }
    Err(raise(Error::InvalidDecimal {
        input: repr_of(obj),
        reason: format!(
            "a {} is not an exact number; pass a decimal.Decimal, an int or a str",
            full_type_name(obj)
        ),
    }))
}

pub(crate) fn to_decimal(obj: &Bound<'_, PyAny>) -> PyResult<o2okit::Decimal> {
    let text = number_text(obj, NumberUse::Decimal)?;
    crate::errors::guard(|| o2okit::parse_decimal(&text))
}
