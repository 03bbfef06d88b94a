//! The held-coupon lifecycle: `coupon.redeem`, `coupon.rollback`, `coupon.validate`.
//!
//! Each function writes its wire input as JSON text, runs the core's wire function
//! (`o2okit::call`) and decodes the output into the core's typed record, so every rule,
//! idempotency guarantee and error code is the core's.

use o2okit::{CouponProblem, CouponValidation, HeldCoupon, Redemption};
use pyo3::prelude::*;
use pyo3::types::PyType;
use serde::de::DeserializeOwned;

use crate::promo::{money_repr, py_datetime, py_repr, PyRejection};
use crate::to_wire::{to_json_text, without_location, JsonText};
use crate::{raise, to_dict, PyMoney};

/// Run wire function `function` on text the binding wrote and decode its output, without
/// the GIL.
fn run<T: DeserializeOwned + Send>(py: Python<'_>, function: &str, text: &str) -> PyResult<T> {
    py.detach(|| {
        o2okit::call(function, text)
            .map_err(without_location)
            .and_then(|out| o2okit::decode::<T>(&out))
    })
    .map_err(raise)
}

/// A coupon a customer holds, with every order that redeemed it (read-only; the
/// lifecycle functions return a new record).
#[pyclass(frozen, eq, name = "HeldCoupon", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyHeldCoupon(pub(crate) HeldCoupon);

#[pymethods]
impl PyHeldCoupon {
    /// Build from the wire shape (e.g. a stored record); Python values are accepted.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        o2okit::decode::<HeldCoupon>(&to_json_text(d, "")?)
            .map(Self)
            .map_err(|e| raise(without_location(e)))
    }

    #[getter]
    fn coupon_id(&self) -> &str {
        &self.0.coupon_id
    }

    #[getter]
    fn promotion_id(&self) -> &str {
        &self.0.promotion_id
    }

    #[getter]
    fn customer_id(&self) -> Option<&str> {
        self.0.customer_id.as_deref()
    }

    #[getter]
    fn max_uses(&self) -> u32 {
        self.0.max_uses
    }

    #[getter]
    fn valid_until<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0
            .valid_until
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
    fn redemptions(&self) -> Vec<PyRedemption> {
        self.0
            .redemptions
            .iter()
            .cloned()
            .map(PyRedemption)
            .collect()
    }

    /// The redemptions that still count (not released by a rollback).
    #[getter]
    fn uses(&self) -> u32 {
        self.0.uses()
    }

    /// What a rollback of `order_id` could still return, or None if it never redeemed.
    fn remaining(&self, order_id: &str) -> Option<PyMoney> {
        self.0.remaining(order_id).map(PyMoney)
    }

    /// Check that the record is consistent (`InputError`, code `invalid_input`, otherwise).
    fn validate(&self) -> PyResult<()> {
        self.0.validate().map_err(raise)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "HeldCoupon(coupon_id={}, promotion_id={}, uses={}, max_uses={})",
            py_repr(py, &self.0.coupon_id),
            py_repr(py, &self.0.promotion_id),
            self.0.uses(),
            self.0.max_uses
        )
    }
}

/// One order's use of a held coupon.
#[pyclass(frozen, eq, name = "Redemption", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyRedemption(Redemption);

#[pymethods]
impl PyRedemption {
    #[getter]
    fn order_id(&self) -> &str {
        &self.0.order_id
    }

    #[getter]
    fn amount(&self) -> PyMoney {
        PyMoney(self.0.amount)
    }

    #[getter]
    fn rolled_back(&self) -> PyMoney {
        PyMoney(self.0.rolled_back)
    }

    #[getter]
    fn at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let at = self.0.at;
        py_datetime(
            py,
            at.timestamp(),
            at.timestamp_subsec_micros(),
            at.offset().local_minus_utc(),
        )
    }

    #[getter]
    fn released(&self) -> bool {
        self.0.released
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Redemption(order_id={}, amount={}, rolled_back={}, released={})",
            py_repr(py, &self.0.order_id),
            money_repr(self.0.amount),
            money_repr(self.0.rolled_back),
            if self.0.released { "True" } else { "False" }
        )
    }
}

/// Whether a held coupon can be used on an order, and for how much.
#[pyclass(frozen, eq, name = "CouponValidation", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyCouponValidation(CouponValidation);

#[pymethods]
impl PyCouponValidation {
    #[getter]
    fn coupon_id(&self) -> &str {
        &self.0.coupon_id
    }

    #[getter]
    fn promotion_id(&self) -> &str {
        &self.0.promotion_id
    }

    #[getter]
    fn valid(&self) -> bool {
        self.0.valid
    }

    #[getter]
    fn discount(&self) -> Option<PyMoney> {
        self.0.discount.map(PyMoney)
    }

    #[getter]
    fn rejection(&self) -> Option<PyRejection> {
        self.0.rejection.clone().map(PyRejection)
    }

    #[getter]
    fn problem(&self) -> Option<PyCouponProblem> {
        self.0.problem.clone().map(PyCouponProblem)
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let detail = match (&self.0.discount, &self.0.rejection, &self.0.problem) {
            (Some(d), _, _) => format!(", discount={}", money_repr(*d)),
            (None, Some(r), _) => format!(", rejection={}", PyRejection(r.clone()).__repr__(py)?),
            (None, None, Some(p)) => format!(", problem={}", py_repr(py, &p.code)),
            (None, None, None) => String::new(),
        };
        Ok(format!(
            "CouponValidation(coupon_id={}, valid={}{detail})",
            py_repr(py, &self.0.coupon_id),
            if self.0.valid { "True" } else { "False" },
        ))
    }
}

/// Why a held coupon itself cannot be used: an error code and message.
#[pyclass(frozen, eq, name = "CouponProblem", module = "o2okit")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PyCouponProblem(CouponProblem);

#[pymethods]
impl PyCouponProblem {
    #[getter]
    fn code(&self) -> &str {
        &self.0.code
    }

    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }

    #[pyo3(name = "to_dict")]
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "CouponProblem(code={}, message={})",
            py_repr(py, &self.0.code),
            py_repr(py, &self.0.message)
        )
    }
}

/// Writes `{"name": value, ...}`, leaving out `None` values of optional fields.
struct Request(JsonText, bool);

impl Request {
    fn new() -> Self {
        let mut text = JsonText::new();
        text.raw("{");
        Self(text, false)
    }

    fn field(mut self, name: &str, value: &Bound<'_, PyAny>) -> PyResult<Self> {
        if self.1 {
            self.0.raw(",");
        }
        self.1 = true;
        self.0.raw(&format!("\"{name}\":"));
        self.0.value(value, name)?;
        Ok(self)
    }

    fn optional(self, name: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        match value {
            Some(v) if !v.is_none() => self.field(name, v),
            _ => Ok(self),
        }
    }

    fn finish(mut self) -> PyResult<String> {
        self.0.raw("}");
        self.0.finish()
    }
}

/// Record that `order_id` used `coupon` for a discount of `amount` at `now`; returns the
/// new record (idempotent per order id).
#[pyfunction]
#[pyo3(signature = (coupon, order_id, amount, *, now, customer_id = None))]
pub(crate) fn redeem_coupon(
    py: Python<'_>,
    coupon: &Bound<'_, PyAny>,
    order_id: &Bound<'_, PyAny>,
    amount: &Bound<'_, PyAny>,
    now: &Bound<'_, PyAny>,
    customer_id: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHeldCoupon> {
    let text = Request::new()
        .field("coupon", coupon)?
        .field("order_id", order_id)?
        .field("amount", amount)?
        .optional("customer_id", customer_id)?
        .field("now", now)?
        .finish()?;
    run(py, "coupon.redeem", &text).map(PyHeldCoupon)
}

/// Give back discount of `order_id`'s redemption: all of it (`amount=None`, which releases
/// the use) or a part; returns the new record.
#[pyfunction]
#[pyo3(signature = (coupon, order_id, amount = None))]
pub(crate) fn rollback_coupon(
    py: Python<'_>,
    coupon: &Bound<'_, PyAny>,
    order_id: &Bound<'_, PyAny>,
    amount: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyHeldCoupon> {
    let text = Request::new()
        .field("coupon", coupon)?
        .field("order_id", order_id)?
        .optional("amount", amount)?
        .finish()?;
    run(py, "coupon.rollback", &text).map(PyHeldCoupon)
}

/// Would `coupon` apply to this order, and for how much? Pure: nothing is redeemed.
#[pyfunction]
pub(crate) fn validate_coupon(
    py: Python<'_>,
    coupon: &Bound<'_, PyAny>,
    cart: &Bound<'_, PyAny>,
    promotions: &Bound<'_, PyAny>,
    context: &Bound<'_, PyAny>,
) -> PyResult<PyCouponValidation> {
    let text = Request::new()
        .field("coupon", coupon)?
        .field("cart", cart)?
        .field("promotions", promotions)?
        .field("context", context)?
        .finish()?;
    run(py, "coupon.validate", &text).map(PyCouponValidation)
}
