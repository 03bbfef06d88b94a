//! `Currency` and `Money`: the two value types of the package, implemented over the core's.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use o2okit::{Currency, Error, Money, Rounding};
use pyo3::basic::CompareOp;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};

use crate::errors::{guard, raise};
use crate::node::Node;
use crate::numbers::{int_like, number_text, to_decimal, type_name, NumberUse};
use crate::to_wire;

pub(crate) fn to_currency(obj: &Bound<'_, PyAny>) -> PyResult<Currency> {
    if let Ok(c) = obj.cast::<PyCurrency>() {
        return Ok(c.get().0);
    }
    if let Ok(code) = obj.cast::<PyString>() {
        let code = code.to_cow()?;
        return guard(|| Currency::from_code(&code));
    }
    Err(PyTypeError::new_err(format!(
        "currency must be a str such as \"CNY\" or a Currency, not {}",
        type_name(obj)
    )))
}

pub(crate) fn to_rounding(name: Option<&str>) -> PyResult<Option<Rounding>> {
    match name {
        None => Ok(None),
        Some(name) => guard(|| Rounding::from_name(name)).map(Some),
    }
}

fn to_node<T: serde::Serialize>(value: &T) -> PyResult<Node> {
    serde_json::to_value(value)
        .map(Node::from)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
}

/// An ISO 4217 currency.
#[pyclass(frozen, eq, hash, name = "Currency", module = "o2okit")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PyCurrency(pub(crate) Currency);

#[pymethods]
impl PyCurrency {
    #[new]
    fn new(code: &str) -> PyResult<Self> {
        guard(|| Currency::from_code(code)).map(Self)
    }

    #[getter]
    fn code(&self) -> &'static str {
        self.0.code()
    }

    #[getter]
    fn minor_units(&self) -> u32 {
        self.0.minor_units()
    }

    #[getter]
    fn name(&self) -> &'static str {
        self.0.name()
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_node(&o2okit::CurrencyDescription::from(self.0))?.to_py(py)
    }

    fn __repr__(&self) -> String {
        format!("Currency('{}')", self.0.code())
    }

    fn __str__(&self) -> &'static str {
        self.0.code()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> (Bound<'py, PyType>, (&'static str,)) {
        (py.get_type::<Self>(), (self.0.code(),))
    }

    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }
}

/// Look up an ISO 4217 currency by code (case-insensitive).
#[pyfunction]
pub(crate) fn currency(code: &str) -> PyResult<PyCurrency> {
    PyCurrency::new(code)
}

/// An exact amount of money in one currency.
#[pyclass(frozen, name = "Money", module = "o2okit")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PyMoney(pub(crate) Money);

/// Whether `other` is the integer 0: the start value of `sum()`.
fn is_int_zero(other: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(match int_like(other)? {
        Some(int) => int.extract::<i64>().is_ok_and(|v| v == 0),
        None => false,
    })
}

#[pymethods]
impl PyMoney {
    #[new]
    fn new(amount: &Bound<'_, PyAny>, currency: &Bound<'_, PyAny>) -> PyResult<Self> {
        let currency = to_currency(currency)?;
        let text = number_text(amount, NumberUse::Money)?;
        guard(|| Money::parse(&text, currency)).map(Self)
    }

    #[classmethod]
    #[pyo3(signature = (s, currency, rounding = None))]
    fn parse(
        _cls: &Bound<'_, PyType>,
        s: &Bound<'_, PyAny>,
        currency: &Bound<'_, PyAny>,
        rounding: Option<&str>,
    ) -> PyResult<Self> {
        let currency = to_currency(currency)?;
        let text = number_text(s, NumberUse::Money)?;
        let rounding = to_rounding(rounding)?;
        guard(|| match rounding {
            Some(r) => Money::parse_rounded(&text, currency, r),
            None => Money::parse(&text, currency),
        })
        .map(Self)
    }

    /// A whole number of minor units (cents, fen, ...): an `int` or any integer with
    /// `__index__` (NumPy's `int64`, the usual cents column).
    #[classmethod]
    fn from_minor(
        _cls: &Bound<'_, PyType>,
        units: &Bound<'_, PyAny>,
        currency: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let currency = to_currency(currency)?;
        let Some(units) = int_like(units)? else {
            number_text(units, NumberUse::Money)?; // a float or a bool: the core's error
            return Err(PyTypeError::new_err(format!(
                "units must be an int (or a NumPy integer), not {}",
                type_name(units)
            )));
        };
        let units: i128 = units.extract().map_err(|_| {
            raise(Error::AmountOutOfRange {
                detail: format!("{units} minor units of {currency}"),
            })
        })?;
        guard(|| Money::from_minor(units, currency)).map(Self)
    }

    #[classmethod]
    fn zero(_cls: &Bound<'_, PyType>, currency: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self(Money::zero(to_currency(currency)?)))
    }

    /// Build from the wire shape `{"amount": "12.30", "currency": "CNY"}` (wire rules apply).
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = to_wire::to_json_text(d, "")?;
        guard(|| o2okit::decode::<Money>(&text).map_err(to_wire::without_location)).map(Self)
    }

    #[getter]
    fn amount(&self) -> o2okit::Decimal {
        self.0.amount()
    }

    #[getter]
    fn currency(&self) -> &'static str {
        self.0.currency().code()
    }

    #[getter]
    fn minor_units(&self) -> i128 {
        self.0.minor_units()
    }

    #[pyo3(signature = (factor, rounding = "half_even"))]
    fn multiply(&self, factor: &Bound<'_, PyAny>, rounding: &str) -> PyResult<Self> {
        let rounding = to_rounding(Some(rounding))?.unwrap_or_default();
        let factor = to_decimal(factor)?;
        guard(|| self.0.checked_mul(factor, rounding)).map(Self)
    }

    #[pyo3(signature = (step, rounding = "half_even"))]
    fn round_to_step(&self, step: &Bound<'_, PyAny>, rounding: &str) -> PyResult<Self> {
        let rounding = to_rounding(Some(rounding))?.unwrap_or_default();
        let step = to_decimal(step)?;
        guard(|| self.0.round_to_step(step, rounding)).map(Self)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_node(&self.0)?.to_py(py)
    }

    /// `a + b` for two amounts of one currency; `a + 0` is `a`, so that `sum()` works
    /// without a start value.
    fn __add__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        if let Ok(other) = other.cast::<Self>() {
            let other = other.get().0;
            let sum = guard(|| self.0.checked_add(other))?;
            return Ok(Py::new(py, Self(sum))?.into_any());
        }
        if is_int_zero(other)? {
            return Ok(Py::new(py, *self)?.into_any());
        }
        Ok(py.NotImplemented())
    }

    /// `0 + a` is `a`: `sum(amounts)` starts from the int 0.
    fn __radd__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        self.__add__(other)
    }

    fn __sub__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Self>() {
            Ok(other) => {
                let other = other.get().0;
                let difference = guard(|| self.0.checked_sub(other))?;
                Ok(Py::new(py, Self(difference))?.into_any())
            }
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    fn __neg__(&self) -> Self {
        Self(self.0.negate())
    }

    fn __pos__(&self) -> Self {
        *self
    }

    fn __abs__(&self) -> Self {
        Self(self.0.abs())
    }

    fn __bool__(&self) -> bool {
        !self.0.is_zero()
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(other) = other.cast::<Self>() else {
            return Ok(py.NotImplemented());
        };
        let other = other.get().0;
        let result = match op {
            CompareOp::Eq => self.0 == other,
            CompareOp::Ne => self.0 != other,
            _ => guard(|| self.0.checked_cmp(&other)).map(|o| op.matches(o))?,
        };
        Ok(pyo3::types::PyBool::new(py, result)
            .to_owned()
            .into_any()
            .unbind())
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.0.hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self) -> String {
        format!("Money('{}', '{}')", self.0.amount(), self.0.currency())
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> (Bound<'py, PyType>, (String, &'static str)) {
        (
            py.get_type::<Self>(),
            (self.0.amount().to_string(), self.0.currency().code()),
        )
    }

    fn __copy__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: PyRef<'py, Self>, _memo: &Bound<'py, PyAny>) -> PyRef<'py, Self> {
        slf
    }
}
