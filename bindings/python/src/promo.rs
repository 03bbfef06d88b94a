//! `quote` and its read-only result types.
//!
//! Inputs are written as wire JSON text (see `to_wire`) and decoded and priced by the core;
//! outputs wrap the core's typed `Quote`, converting fields to Python values on access
//! (`Money`, `Decimal`, aware `datetime`, `str`). `to_dict()` is the core's own wire JSON.

use o2okit::{
    AppliedDiscount, DeliveryQuote, FundedBy, GiftItem, Hint, LineShare, Quote, QuoteRequest,
    QuotedLine, Rejection, SelectionReport, UnitRun,
};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyType};
use serde::Serialize;

use crate::to_wire::{to_json_text, without_location, JsonText};
use crate::{raise, to_dict, PyMoney};

/// The wire name of a unit enum (`"item"`, `"min_spend_not_met"`, …).
pub(crate) fn wire_name<T: Serialize>(value: &T) -> PyResult<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(other) => Err(PyRuntimeError::new_err(format!(
            "expected a wire name, got {other}"
        ))),
        Err(e) => Err(PyRuntimeError::new_err(e.to_string())),
    }
}

/// Python's `repr` of a string.
pub(crate) fn py_repr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s)
        .repr()
        .map_or_else(|_| format!("{s:?}"), |r| r.to_string())
}

pub(crate) fn opt_repr(py: Python<'_>, s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_string(), |s| py_repr(py, s))
}

pub(crate) fn money_repr(m: o2okit::Money) -> String {
    format!("Money('{}', '{}')", m.amount(), m.currency())
}

/// An aware `datetime` for an instant given as Unix seconds, microseconds and a UTC offset
/// in seconds; its tzinfo is the fixed offset the wire carries.
pub(crate) fn py_datetime(
    py: Python<'_>,
    seconds: i64,
    micros: u32,
    offset_seconds: i32,
) -> PyResult<Bound<'_, PyAny>> {
    static EPOCH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    static TIMEDELTA: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static TIMEZONE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let timedelta = TIMEDELTA.import(py, "datetime", "timedelta")?;
    let timezone = TIMEZONE.import(py, "datetime", "timezone")?;
    let epoch = EPOCH.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        let utc = timezone.getattr("utc")?;
        Ok(py
            .import("datetime")?
            .getattr("datetime")?
            .call1((1970, 1, 1, 0, 0, 0, 0, utc))?
            .unbind())
    })?;
    let since_epoch = timedelta.call1((0, seconds, micros))?;
    let tz = timezone.call1((timedelta.call1((0, offset_seconds))?,))?;
    epoch
        .bind(py)
        .call_method1("__add__", (since_epoch,))?
        .call_method1("astimezone", (tz,))
}

/// The result of `quote`: a priced cart (read-only).
#[pyclass(frozen, eq, name = "Quote", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyQuote(pub(crate) Quote);

#[pymethods]
impl PyQuote {
    /// Build from the wire shape of a quote (e.g. one stored as JSON).
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        o2okit::decode::<Quote>(&to_json_text(d, "")?)
            .map(Self)
            .map_err(|e| raise(without_location(e)))
    }

    #[getter]
    fn subtotal(&self) -> PyMoney {
        PyMoney(self.0.subtotal)
    }

    #[getter]
    fn discount_total(&self) -> PyMoney {
        PyMoney(self.0.discount_total)
    }

    #[getter]
    fn total(&self) -> PyMoney {
        PyMoney(self.0.total)
    }

    #[getter]
    fn discounts(&self) -> Vec<PyAppliedDiscount> {
        self.0
            .discounts
            .iter()
            .cloned()
            .map(PyAppliedDiscount)
            .collect()
    }

    #[getter]
    fn delivery(&self) -> Option<PyDeliveryQuote> {
        self.0.delivery.clone().map(PyDeliveryQuote)
    }

    #[getter]
    fn lines(&self) -> Vec<PyQuotedLine> {
        self.0.lines.iter().cloned().map(PyQuotedLine).collect()
    }

    #[getter]
    fn gifts(&self) -> Vec<PyGiftItem> {
        self.0.gifts.iter().cloned().map(PyGiftItem).collect()
    }

    #[getter]
    fn rejected(&self) -> Vec<PyRejection> {
        self.0.rejected.iter().cloned().map(PyRejection).collect()
    }

    #[getter]
    fn selection(&self) -> PySelectionReport {
        PySelectionReport(self.0.selection.clone())
    }

    /// The applied discount of a promotion, or None.
    fn discount(&self, promotion_id: &str) -> Option<PyAppliedDiscount> {
        self.0
            .discount(promotion_id)
            .cloned()
            .map(PyAppliedDiscount)
    }

    /// Why a promotion did not apply, or None.
    fn rejection(&self, promotion_id: &str) -> Option<PyRejection> {
        self.0.rejection(promotion_id).cloned().map(PyRejection)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "Quote(total={}, discounts={}, rejected={})",
            money_repr(self.0.total),
            self.0.discounts.len(),
            self.0.rejected.len()
        )
    }
}

/// One applied discount.
#[pyclass(frozen, eq, name = "AppliedDiscount", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyAppliedDiscount(AppliedDiscount);

#[pymethods]
impl PyAppliedDiscount {
    #[getter]
    fn promotion_id(&self) -> &str {
        &self.0.promotion_id
    }

    #[getter]
    fn kind(&self) -> &str {
        &self.0.kind
    }

    #[getter]
    fn level(&self) -> PyResult<String> {
        wire_name(&self.0.level)
    }

    #[getter]
    fn amount(&self) -> PyMoney {
        PyMoney(self.0.amount)
    }

    #[getter]
    fn funded_by(&self) -> PyFundedBy {
        PyFundedBy(self.0.funded_by.clone())
    }

    #[getter]
    fn base(&self) -> PyResult<String> {
        wire_name(&self.0.base)
    }

    #[getter]
    fn lines(&self) -> Vec<PyLineShare> {
        self.0.lines.iter().cloned().map(PyLineShare).collect()
    }

    #[getter]
    fn hint(&self) -> Option<PyHint> {
        self.0.hint.clone().map(PyHint)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "AppliedDiscount(promotion_id={}, kind={}, amount={})",
            py_repr(py, &self.0.promotion_id),
            py_repr(py, &self.0.kind),
            money_repr(self.0.amount)
        )
    }
}

/// A discount's share on one line.
#[pyclass(frozen, eq, name = "LineShare", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyLineShare(LineShare);

#[pymethods]
impl PyLineShare {
    #[getter]
    fn line_id(&self) -> &str {
        &self.0.line_id
    }

    #[getter]
    fn amount(&self) -> PyMoney {
        PyMoney(self.0.amount)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "LineShare(line_id={}, amount={})",
            py_repr(py, &self.0.line_id),
            money_repr(self.0.amount)
        )
    }
}

/// Who pays for a discount or a gift.
#[pyclass(frozen, eq, name = "FundedBy", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyFundedBy(FundedBy);

#[pymethods]
impl PyFundedBy {
    #[getter]
    fn role(&self) -> &str {
        &self.0.role
    }

    #[getter]
    fn party_id(&self) -> Option<&str> {
        self.0.party_id.as_deref()
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "FundedBy(role={}, party_id={})",
            py_repr(py, &self.0.role),
            opt_repr(py, self.0.party_id.as_deref())
        )
    }
}

/// The delivery part of a quote.
#[pyclass(frozen, eq, name = "DeliveryQuote", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyDeliveryQuote(DeliveryQuote);

#[pymethods]
impl PyDeliveryQuote {
    #[getter]
    fn fee(&self) -> PyMoney {
        PyMoney(self.0.fee)
    }

    #[getter]
    fn discount(&self) -> PyMoney {
        PyMoney(self.0.discount)
    }

    #[getter]
    fn charged(&self) -> PyMoney {
        PyMoney(self.0.charged)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "DeliveryQuote(fee={}, discount={}, charged={})",
            money_repr(self.0.fee),
            money_repr(self.0.discount),
            money_repr(self.0.charged)
        )
    }
}

/// One line of a quote, with its net prices.
#[pyclass(frozen, eq, name = "QuotedLine", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyQuotedLine(QuotedLine);

#[pymethods]
impl PyQuotedLine {
    #[getter]
    fn line_id(&self) -> &str {
        &self.0.line_id
    }

    #[getter]
    fn quantity(&self) -> o2okit::Decimal {
        self.0.quantity
    }

    #[getter]
    fn original(&self) -> PyMoney {
        PyMoney(self.0.original)
    }

    #[getter]
    fn discount(&self) -> PyMoney {
        PyMoney(self.0.discount)
    }

    #[getter]
    fn net(&self) -> PyMoney {
        PyMoney(self.0.net)
    }

    #[getter]
    fn units(&self) -> Vec<PyUnitRun> {
        self.0.units.iter().cloned().map(PyUnitRun).collect()
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "QuotedLine(line_id={}, quantity=Decimal('{}'), original={}, discount={}, net={})",
            py_repr(py, &self.0.line_id),
            self.0.quantity,
            money_repr(self.0.original),
            money_repr(self.0.discount),
            money_repr(self.0.net)
        )
    }
}

/// `count` consecutive units of a line with the same net price.
#[pyclass(frozen, eq, name = "UnitRun", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyUnitRun(UnitRun);

#[pymethods]
impl PyUnitRun {
    #[getter]
    fn count(&self) -> u64 {
        self.0.count
    }

    #[getter]
    fn net(&self) -> PyMoney {
        PyMoney(self.0.net)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "UnitRun(count={}, net={})",
            self.0.count,
            money_repr(self.0.net)
        )
    }
}

/// A free gift added by a promotion.
#[pyclass(frozen, eq, name = "GiftItem", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyGiftItem(GiftItem);

#[pymethods]
impl PyGiftItem {
    #[getter]
    fn promotion_id(&self) -> &str {
        &self.0.promotion_id
    }

    #[getter]
    fn product_id(&self) -> &str {
        &self.0.product_id
    }

    #[getter]
    fn quantity(&self) -> u32 {
        self.0.quantity
    }

    #[getter]
    fn value(&self) -> PyMoney {
        PyMoney(self.0.value)
    }

    #[getter]
    fn funded_by(&self) -> PyFundedBy {
        PyFundedBy(self.0.funded_by.clone())
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "GiftItem(promotion_id={}, product_id={}, quantity={}, value={})",
            py_repr(py, &self.0.promotion_id),
            py_repr(py, &self.0.product_id),
            self.0.quantity,
            money_repr(self.0.value)
        )
    }
}

/// Why one promotion did not apply, with a hint where something would make it apply.
#[pyclass(frozen, eq, name = "Rejection", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyRejection(pub(crate) Rejection);

#[pymethods]
impl PyRejection {
    #[getter]
    fn promotion_id(&self) -> &str {
        &self.0.promotion_id
    }

    #[getter]
    fn reason(&self) -> PyResult<String> {
        wire_name(&self.0.reason)
    }

    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (key, value) in &self.0.params {
            dict.set_item(key, value)?;
        }
        Ok(dict)
    }

    #[getter]
    fn hint(&self) -> Option<PyHint> {
        self.0.hint.clone().map(PyHint)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    pub(crate) fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Rejection(promotion_id={}, reason={})",
            py_repr(py, &self.0.promotion_id),
            py_repr(py, &wire_name(&self.0.reason)?)
        ))
    }
}

/// What would make a promotion apply (or an upsell on an applied one).
#[pyclass(frozen, eq, name = "Hint", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyHint(Hint);

#[pymethods]
impl PyHint {
    #[getter]
    fn code(&self) -> PyResult<String> {
        wire_name(&self.0.code)
    }

    #[getter]
    fn amount(&self) -> Option<PyMoney> {
        self.0.amount.map(PyMoney)
    }

    #[getter]
    fn quantity(&self) -> Option<o2okit::Decimal> {
        self.0.quantity
    }

    #[getter]
    fn at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0
            .at
            .map(|at| {
                py_datetime(
                    py,
                    at.timestamp(),
                    at.timestamp_subsec_micros(),
                    at.offset().local_minus_utc(),
                )
            })
            .transpose()
    }

    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Hint(code={}, message={})",
            py_repr(py, &wire_name(&self.0.code)?),
            py_repr(py, &self.0.message)
        ))
    }
}

/// How the applied combination of promotions was chosen.
#[pyclass(frozen, eq, name = "SelectionReport", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PySelectionReport(SelectionReport);

#[pymethods]
impl PySelectionReport {
    #[getter]
    fn mode(&self) -> &str {
        &self.0.mode
    }

    #[getter]
    fn optimal(&self) -> bool {
        self.0.optimal
    }

    #[getter]
    fn candidates(&self) -> u64 {
        self.0.candidates
    }

    #[getter]
    fn evaluations(&self) -> u64 {
        self.0.evaluations
    }

    #[getter]
    fn saving(&self) -> PyMoney {
        PyMoney(self.0.saving)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "SelectionReport(mode={}, optimal={}, candidates={}, evaluations={}, saving={})",
            py_repr(py, &self.0.mode),
            if self.0.optimal { "True" } else { "False" },
            self.0.candidates,
            self.0.evaluations,
            money_repr(self.0.saving)
        )
    }
}

/// Decode a quote request (wire JSON text) and price it, without the GIL. `generated`: the
/// text was written by the binding, so decoding errors drop serde's position in it.
fn run_quote(py: Python<'_>, text: &str, generated: bool) -> PyResult<PyQuote> {
    py.detach(|| {
        let request: QuoteRequest =
            o2okit::decode(text).map_err(|e| if generated { without_location(e) } else { e })?;
        o2okit::quote(&request.cart, &request.promotions, &request.context)
    })
    .map(PyQuote)
    .map_err(raise)
}

/// Price `cart` under `promotions` in `context` (wire-shaped mappings with Python values).
#[pyfunction]
pub(crate) fn quote(
    py: Python<'_>,
    cart: &Bound<'_, PyAny>,
    promotions: &Bound<'_, PyAny>,
    context: &Bound<'_, PyAny>,
) -> PyResult<PyQuote> {
    let mut text = JsonText::new();
    text.raw("{\"cart\":");
    text.value(cart, "cart")?;
    text.raw(",\"promotions\":");
    text.value(promotions, "promotions")?;
    text.raw(",\"context\":");
    text.value(context, "context")?;
    text.raw("}");
    run_quote(py, &text.finish()?, true)
}

/// `quote` on one request `{"cart", "promotions", "context"}`: a mapping or JSON text.
#[pyfunction]
pub(crate) fn quote_request(py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<PyQuote> {
    if request.is_instance_of::<PyString>() {
        let text = request.extract::<String>()?;
        return run_quote(py, &text, false);
    }
    run_quote(py, &to_json_text(request, "")?, true)
}
