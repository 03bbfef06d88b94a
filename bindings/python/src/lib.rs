//! Python binding of o2okit (module `o2okit._o2okit`, re-exported by the `o2okit` package).
//!
//! Thin by design: every rule lives in the core crate. This file only converts Python values
//! to core types (numbers go through their exact text and `o2okit::parse_decimal`, so parse
//! errors come from the core) and core errors to Python exceptions.
//!
//! - `to_wire`: Python values (mappings, `Money`, `Decimal`, aware `datetime`, ...) to wire
//!   JSON text, which the core decodes and checks;
//! - `promo`: `quote` and its read-only result classes;
//! - `coupon`: the held-coupon lifecycle (`coupon.redeem`, `coupon.rollback`,
//!   `coupon.validate`);
//! - `groupbuy`: group-buy campaigns (`groupbuy.open`, `groupbuy.step`, `groupbuy.replay`,
//!   `groupbuy.progress`, `groupbuy.simulate`) and the analyst's `simulate_teams`.

mod batch;
mod coupon;
mod groupbuy;
mod promo;
mod to_wire;

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use o2okit::{
    Allocation, AllocationPart, AllocationRequest, Currency, Error, ErrorCategory, Money, Rounding,
};
use pyo3::basic::CompareOp;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use serde_json::Value;

pyo3::create_exception!(
    o2okit,
    O2OError,
    PyValueError,
    "Base class of every o2okit error; `.code`, `.category` and `.details` say what went wrong."
);
pyo3::create_exception!(
    o2okit,
    CurrencyError,
    O2OError,
    "Unknown currency or currency mismatch."
);
pyo3::create_exception!(
    o2okit,
    MoneyError,
    O2OError,
    "Bad amount: decimals, range, rounding step."
);
pyo3::create_exception!(
    o2okit,
    AllocationError,
    O2OError,
    "Bad weights or caps for an allocation."
);
pyo3::create_exception!(
    o2okit,
    PromotionError,
    O2OError,
    "A promotion or held coupon cannot be used: unknown time zone, coupon exhausted or not usable, redemption conflicts."
);
pyo3::create_exception!(
    o2okit,
    GroupBuyError,
    O2OError,
    "A group-buy event was rejected: campaign ended or full, team expired or full, deadline passed, ... (a replayed log's error carries `details[\"event_index\"]`)."
);
pyo3::create_exception!(
    o2okit,
    SplitError,
    O2OError,
    "A revenue split was refused: an invalid plan or order, a missing party, rules paying out more than the order has, a refund beyond what is refundable, an unusable journey, binding or pool."
);
pyo3::create_exception!(
    o2okit,
    StoreError,
    O2OError,
    "A store assignment was refused: an invalid store or order (duplicate or empty store id, zero radius, bad polygon or opening hours, ...) or an invalid location."
);
pyo3::create_exception!(
    o2okit,
    MembershipError,
    O2OError,
    "A stored-value card or points event was rejected: insufficient balance or points, a closed card, a balance limit, a refund of an unknown spend or beyond it, events out of order, invalid rules or programme (a replayed log's error carries `details[\"event_index\"]`)."
);
pyo3::create_exception!(
    o2okit,
    IntakeError,
    O2OError,
    "An order from a source channel or a price-parity check was refused: an unusable source payload, amounts that do not reconcile, an external id resubmitted with other content, an invalid parity check."
);
pyo3::create_exception!(
    o2okit,
    VoucherError,
    O2OError,
    "A voucher code could not be issued or checked: an unusable key (not hex, shorter than 16 bytes), code spec, serial or batch, scope (an empty or over-long store or deal id) or a malformed code (not digits, a wrong length). A well-formed code that does not verify is a result, not an error."
);
pyo3::create_exception!(
    o2okit,
    FlowError,
    O2OError,
    "A journey given to flow classification was refused: an empty party role or id, id or label, a repeated touchpoint id, too many touchpoints."
);
pyo3::create_exception!(
    o2okit,
    LifecycleError,
    O2OError,
    "An order-lifecycle command was rejected: a terminal status, the wrong actor or a command the status does not take, a store not allowed, outside the validity, no uses left, the reversal window passed, already settled or reversed, a refund the policy does not allow, an unknown voucher or redemption, a wrong amount, an invalid deal, an invalid store-order policy, an unknown sales channel, no partner store available (a replayed log's error carries `details[\"event_index\"]`)."
);
pyo3::create_exception!(
    o2okit,
    InputError,
    O2OError,
    "Input that could not be decoded, or an unknown function."
);

/// Turn a core error into the matching Python exception, with `.code`, `.category` and
/// `.details` set on the instance.
pub(crate) fn raise(err: Error) -> PyErr {
    let py_err = exception(err.category(), err.to_string());
    Python::attach(|py| {
        let value = py_err.value(py);
        let set = value
            .setattr("code", err.code())
            .and_then(|()| value.setattr("category", err.category().as_str()))
            .and_then(|()| value.setattr("details", json_to_py(py, &err.to_json_value())?));
        match set {
            Ok(()) => py_err,
            Err(e) => e,
        }
    })
}

/// The exception class of an error category, with `message` (`.code` and friends unset).
pub(crate) fn exception(category: ErrorCategory, message: String) -> PyErr {
    match category {
        ErrorCategory::Currency => CurrencyError::new_err(message),
        ErrorCategory::Money => MoneyError::new_err(message),
        ErrorCategory::Allocation => AllocationError::new_err(message),
        ErrorCategory::Promotion => PromotionError::new_err(message),
        ErrorCategory::GroupBuy => GroupBuyError::new_err(message),
        ErrorCategory::Split => SplitError::new_err(message),
        ErrorCategory::Store => StoreError::new_err(message),
        ErrorCategory::Membership => MembershipError::new_err(message),
        ErrorCategory::Intake => IntakeError::new_err(message),
        ErrorCategory::Voucher => VoucherError::new_err(message),
        ErrorCategory::Flow => FlowError::new_err(message),
        ErrorCategory::Lifecycle => LifecycleError::new_err(message),
        _ => InputError::new_err(message),
    }
}

/// Where a Python number is used: as a money amount or as a plain decimal (weight, factor,
/// step). Only the error for a `float` differs.
#[derive(Debug, Clone, Copy)]
enum NumberUse {
    Money,
    Decimal,
}

pub(crate) fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "object".to_string(), |n| n.to_string())
}

/// The exact text of a `Decimal`, `int` or `str`; `float`, `bool` and anything else are
/// rejected with the core's error codes.
fn number_text(obj: &Bound<'_, PyAny>, usage: NumberUse) -> PyResult<String> {
    let repr = || {
        obj.repr()
            .map_or_else(|_| "?".to_string(), |r| r.to_string())
    };
    if obj.is_instance_of::<PyBool>() {
        return Err(raise(Error::InvalidDecimal {
            input: repr(),
            reason: "a bool is not a number; pass a decimal.Decimal, an int or a str".into(),
        }));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Err(raise(match usage {
            NumberUse::Money => Error::NumberForMoney { found: repr() },
            NumberUse::Decimal => Error::InvalidDecimal {
                input: repr(),
                reason: "a Python float is a binary number and not exact; use decimal.Decimal or str (e.g. Decimal(\"0.1\") or \"0.1\")".into(),
            },
        }));
    }
    if obj.is_instance_of::<PyString>() {
        return obj.extract::<String>();
    }
    if obj.is_instance_of::<PyInt>() || obj.is_instance(decimal_type(obj.py())?)? {
        return Ok(obj.str()?.to_string());
    }
    Err(raise(Error::InvalidDecimal {
        input: repr(),
        reason: format!(
            "a {} is not an exact number; pass a decimal.Decimal, an int or a str",
            type_name(obj)
        ),
    }))
}

pub(crate) fn to_decimal(obj: &Bound<'_, PyAny>) -> PyResult<o2okit::Decimal> {
    o2okit::parse_decimal(&number_text(obj, NumberUse::Decimal)?).map_err(raise)
}

fn to_currency(obj: &Bound<'_, PyAny>) -> PyResult<Currency> {
    if let Ok(c) = obj.cast::<PyCurrency>() {
        return Ok(c.get().0);
    }
    if obj.is_instance_of::<PyString>() {
        return Currency::from_code(&obj.extract::<String>()?).map_err(raise);
    }
    Err(PyTypeError::new_err(format!(
        "currency must be a str such as \"CNY\" or a Currency, not {}",
        type_name(obj)
    )))
}

fn to_rounding(name: Option<&str>) -> PyResult<Option<Rounding>> {
    match name {
        None => Ok(None),
        Some(name) => Rounding::from_name(name).map(Some).map_err(raise),
    }
}

/// Wire JSON as Python values (decimals stay strings, as on the wire).
fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            (None, None) => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => PyList::new(
            py,
            items
                .iter()
                .map(|item| json_to_py(py, item))
                .collect::<PyResult<Vec<_>>>()?,
        )?
        .into_any(),
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, json_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> PyResult<Value> {
    serde_json::to_value(value).map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

pub(crate) fn to_dict<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    json_to_py(py, &to_json(value)?)
}

/// An ISO 4217 currency.
#[pyclass(frozen, eq, hash, name = "Currency", module = "o2okit")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PyCurrency(pub(crate) Currency);

#[pymethods]
impl PyCurrency {
    #[new]
    fn new(code: &str) -> PyResult<Self> {
        Currency::from_code(code).map(Self).map_err(raise)
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
        to_dict(py, &o2okit::CurrencyDescription::from(self.0))
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
}

/// Look up an ISO 4217 currency by code (case-insensitive).
#[pyfunction]
fn currency(code: &str) -> PyResult<PyCurrency> {
    PyCurrency::new(code)
}

/// An exact amount of money in one currency.
#[pyclass(frozen, name = "Money", module = "o2okit")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PyMoney(pub(crate) Money);

#[pymethods]
impl PyMoney {
    #[new]
    fn new(amount: &Bound<'_, PyAny>, currency: &Bound<'_, PyAny>) -> PyResult<Self> {
        let currency = to_currency(currency)?;
        Money::parse(&number_text(amount, NumberUse::Money)?, currency)
            .map(Self)
            .map_err(raise)
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
        match to_rounding(rounding)? {
            Some(r) => Money::parse_rounded(&text, currency, r),
            None => Money::parse(&text, currency),
        }
        .map(Self)
        .map_err(raise)
    }

    #[classmethod]
    fn from_minor(
        _cls: &Bound<'_, PyType>,
        units: &Bound<'_, PyAny>,
        currency: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let currency = to_currency(currency)?;
        if !units.is_instance_of::<PyInt>() || units.is_instance_of::<PyBool>() {
            number_text(units, NumberUse::Money)?; // float / bool: the core's error
            return Err(PyTypeError::new_err(format!(
                "units must be an int, not {}",
                type_name(units)
            )));
        }
        let units: i128 = units.extract().map_err(|_| {
            raise(Error::AmountOutOfRange {
                detail: format!("{units} minor units of {currency}"),
            })
        })?;
        Money::from_minor(units, currency).map(Self).map_err(raise)
    }

    #[classmethod]
    fn zero(_cls: &Bound<'_, PyType>, currency: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self(Money::zero(to_currency(currency)?)))
    }

    /// Build from the wire shape `{"amount": "12.30", "currency": "CNY"}` (wire rules apply).
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        o2okit::decode::<Money>(&to_wire::to_json_text(d, "")?)
            .map(Self)
            .map_err(|e| raise(to_wire::without_location(e)))
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
        self.0
            .checked_mul(to_decimal(factor)?, rounding)
            .map(Self)
            .map_err(raise)
    }

    #[pyo3(signature = (step, rounding = "half_even"))]
    fn round_to_step(&self, step: &Bound<'_, PyAny>, rounding: &str) -> PyResult<Self> {
        let rounding = to_rounding(Some(rounding))?.unwrap_or_default();
        self.0
            .round_to_step(to_decimal(step)?, rounding)
            .map(Self)
            .map_err(raise)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __add__(&self, other: PyRef<'_, Self>) -> PyResult<Self> {
        self.0.checked_add(other.0).map(Self).map_err(raise)
    }

    fn __sub__(&self, other: PyRef<'_, Self>) -> PyResult<Self> {
        self.0.checked_sub(other.0).map(Self).map_err(raise)
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

    fn __richcmp__(&self, other: PyRef<'_, Self>, op: CompareOp) -> PyResult<bool> {
        match op {
            CompareOp::Eq => Ok(self.0 == other.0),
            CompareOp::Ne => Ok(self.0 != other.0),
            _ => self
                .0
                .checked_cmp(&other.0)
                .map(|o| op.matches(o))
                .map_err(raise),
        }
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
}

/// The result of `allocate`: the parts, in the order of the weights.
#[pyclass(frozen, eq, name = "Allocation", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
struct PyAllocation(Allocation);

#[pymethods]
impl PyAllocation {
    #[getter]
    fn total(&self) -> PyMoney {
        PyMoney(self.0.total)
    }

    #[getter]
    fn unit(&self) -> PyMoney {
        PyMoney(self.0.unit)
    }

    #[getter]
    fn leftover_units(&self) -> u64 {
        self.0.leftover_units
    }

    #[getter]
    fn parts(&self) -> Vec<PyAllocationPart> {
        self.0.parts.iter().cloned().map(PyAllocationPart).collect()
    }

    fn amounts(&self) -> Vec<PyMoney> {
        self.0.amounts().into_iter().map(PyMoney).collect()
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self) -> String {
        let amounts: Vec<String> = self
            .0
            .parts
            .iter()
            .map(|p| format!("'{}'", p.amount.amount()))
            .collect();
        format!(
            "Allocation(total={}, unit={}, leftover_units={}, amounts=[{}])",
            PyMoney(self.0.total).__repr__(),
            PyMoney(self.0.unit).__repr__(),
            self.0.leftover_units,
            amounts.join(", ")
        )
    }
}

/// One party's part of an `Allocation`, with its explanation.
#[pyclass(frozen, eq, name = "AllocationPart", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
struct PyAllocationPart(AllocationPart);

#[pymethods]
impl PyAllocationPart {
    #[getter]
    fn amount(&self) -> PyMoney {
        PyMoney(self.0.amount)
    }

    #[getter]
    fn weight(&self) -> o2okit::Decimal {
        self.0.weight
    }

    #[getter]
    fn exact_share(&self) -> o2okit::Decimal {
        self.0.exact_share
    }

    #[getter]
    fn remainder(&self) -> o2okit::Decimal {
        self.0.remainder
    }

    #[getter]
    fn extra_unit(&self) -> bool {
        self.0.extra_unit
    }

    #[getter]
    fn capped(&self) -> bool {
        self.0.capped
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self) -> String {
        let p = &self.0;
        format!(
            "AllocationPart(amount={}, weight=Decimal('{}'), exact_share=Decimal('{}'), remainder=Decimal('{}'), extra_unit={}, capped={})",
            PyMoney(p.amount).__repr__(),
            p.weight,
            p.exact_share,
            p.remainder,
            if p.extra_unit { "True" } else { "False" },
            if p.capped { "True" } else { "False" },
        )
    }
}

/// Split `total` by `weights` (largest remainder on minor units or on cash steps).
#[pyfunction]
#[pyo3(signature = (total, weights, *, caps = None, step = None))]
fn allocate(
    total: PyRef<'_, PyMoney>,
    weights: Vec<Bound<'_, PyAny>>,
    caps: Option<Vec<Option<PyRef<'_, PyMoney>>>>,
    step: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyAllocation> {
    let request = AllocationRequest {
        total: total.0,
        weights: weights
            .iter()
            .map(to_decimal)
            .collect::<PyResult<Vec<_>>>()?,
        caps: caps.map(|caps| caps.iter().map(|c| c.as_ref().map(|m| m.0)).collect()),
        step: step.map(to_decimal).transpose()?,
    };
    request.allocate().map(PyAllocation).map_err(raise)
}

/// The wire-level dispatcher: `function` by wire name, `input` as JSON text or Python values.
#[pyfunction]
#[pyo3(name = "call")]
fn call_wire<'py>(
    py: Python<'py>,
    function: &str,
    input: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let (text, generated) = if input.is_instance_of::<PyString>() {
        (input.extract::<String>()?, false)
    } else {
        (to_wire::to_json_text(input, "")?, true)
    };
    let output = py
        .detach(|| o2okit::call(function, &text).and_then(|out| o2okit::decode::<Value>(&out)))
        .map_err(|e| {
            raise(if generated {
                to_wire::without_location(e)
            } else {
                e
            })
        })?;
    json_to_py(py, &output)
}

#[pymodule]
fn _o2okit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("O2OError", py.get_type::<O2OError>())?;
    m.add("CurrencyError", py.get_type::<CurrencyError>())?;
    m.add("MoneyError", py.get_type::<MoneyError>())?;
    m.add("AllocationError", py.get_type::<AllocationError>())?;
    m.add("PromotionError", py.get_type::<PromotionError>())?;
    m.add("GroupBuyError", py.get_type::<GroupBuyError>())?;
    m.add("SplitError", py.get_type::<SplitError>())?;
    m.add("StoreError", py.get_type::<StoreError>())?;
    m.add("MembershipError", py.get_type::<MembershipError>())?;
    m.add("IntakeError", py.get_type::<IntakeError>())?;
    m.add("VoucherError", py.get_type::<VoucherError>())?;
    m.add("FlowError", py.get_type::<FlowError>())?;
    m.add("LifecycleError", py.get_type::<LifecycleError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add_class::<PyCurrency>()?;
    m.add_class::<PyMoney>()?;
    m.add_class::<PyAllocation>()?;
    m.add_class::<PyAllocationPart>()?;
    m.add_class::<promo::PyQuote>()?;
    m.add_class::<promo::PyAppliedDiscount>()?;
    m.add_class::<promo::PyLineShare>()?;
    m.add_class::<promo::PyFundedBy>()?;
    m.add_class::<promo::PyDeliveryQuote>()?;
    m.add_class::<promo::PyQuotedLine>()?;
    m.add_class::<promo::PyUnitRun>()?;
    m.add_class::<promo::PyGiftItem>()?;
    m.add_class::<promo::PyRejection>()?;
    m.add_class::<promo::PyHint>()?;
    m.add_class::<promo::PySelectionReport>()?;
    m.add_class::<coupon::PyHeldCoupon>()?;
    m.add_class::<coupon::PyRedemption>()?;
    m.add_class::<coupon::PyCouponValidation>()?;
    m.add_class::<coupon::PyCouponProblem>()?;
    m.add_class::<groupbuy::PyGroupBuyState>()?;
    m.add_class::<groupbuy::PyTeam>()?;
    m.add_class::<groupbuy::PyParticipation>()?;
    m.add_class::<groupbuy::PyVirtualFillReport>()?;
    m.add_class::<groupbuy::PyGroupBuyEffect>()?;
    m.add_class::<groupbuy::PyResolution>()?;
    m.add_class::<groupbuy::PyGroupBuyOutcome>()?;
    m.add_class::<groupbuy::PyGroupBuyStep>()?;
    m.add_class::<groupbuy::PyGroupBuyReplay>()?;
    m.add_class::<groupbuy::PyProgressHint>()?;
    m.add_class::<groupbuy::PyTeamProgress>()?;
    m.add_class::<groupbuy::PyGroupBuyProgress>()?;
    m.add_class::<groupbuy::PySizeResult>()?;
    m.add_class::<groupbuy::PySimulationReport>()?;
    m.add_function(wrap_pyfunction!(currency, m)?)?;
    m.add_function(wrap_pyfunction!(allocate, m)?)?;
    m.add_function(wrap_pyfunction!(call_wire, m)?)?;
    m.add_function(wrap_pyfunction!(promo::quote, m)?)?;
    m.add_function(wrap_pyfunction!(promo::quote_request, m)?)?;
    m.add_function(wrap_pyfunction!(coupon::redeem_coupon, m)?)?;
    m.add_function(wrap_pyfunction!(coupon::rollback_coupon, m)?)?;
    m.add_function(wrap_pyfunction!(coupon::validate_coupon, m)?)?;
    m.add_function(wrap_pyfunction!(groupbuy::groupbuy_open, m)?)?;
    m.add_function(wrap_pyfunction!(groupbuy::groupbuy_step, m)?)?;
    m.add_function(wrap_pyfunction!(groupbuy::groupbuy_replay, m)?)?;
    m.add_function(wrap_pyfunction!(groupbuy::groupbuy_progress, m)?)?;
    m.add_function(wrap_pyfunction!(groupbuy::groupbuy_simulate, m)?)?;
    m.add_function(wrap_pyfunction!(groupbuy::simulate_teams, m)?)?;
    m.add("FUNCTIONS", PyTuple::new(py, o2okit::FUNCTIONS)?)?;
    m.add(
        "ROUNDING_MODES",
        PyTuple::new(py, Rounding::ALL.map(Rounding::as_str))?,
    )?;
    m.add("ERROR_CODES", PyTuple::new(py, o2okit::ERROR_CODES)?)?;
    batch::register(m)?;
    Ok(())
}
