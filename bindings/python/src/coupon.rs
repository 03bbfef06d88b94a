//! The held coupon's own questions, answered by the core: how many uses count, what a
//! rollback of an order could still return, whether a stored record is consistent.
//!
//! (`HeldCoupon` itself is a record like every other; these are its three methods.)

use o2okit::HeldCoupon;
use pyo3::prelude::*;

use crate::errors::guard;
use crate::money::PyMoney;
use crate::record::PyRecord;

fn held_coupon(record: &Bound<'_, PyRecord>) -> PyResult<HeldCoupon> {
    let text = record
        .get()
        .node
        .to_json()
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    guard(|| o2okit::decode::<HeldCoupon>(&text))
}

/// The redemptions that still count (not released by a rollback).
#[pyfunction]
pub(crate) fn _coupon_uses(coupon: &Bound<'_, PyRecord>) -> PyResult<u32> {
    let coupon = held_coupon(coupon)?;
    guard(|| Ok(coupon.uses()))
}

/// What a rollback of `order_id` could still return, or None if it never redeemed.
#[pyfunction]
pub(crate) fn _coupon_remaining(
    coupon: &Bound<'_, PyRecord>,
    order_id: &str,
) -> PyResult<Option<PyMoney>> {
    let coupon = held_coupon(coupon)?;
    guard(|| Ok(coupon.remaining(order_id).map(PyMoney)))
}

/// Check that the record is consistent (`InputError`, code `invalid_input`, otherwise).
#[pyfunction]
pub(crate) fn _coupon_validate(coupon: &Bound<'_, PyRecord>) -> PyResult<()> {
    let coupon = held_coupon(coupon)?;
    guard(|| coupon.validate())
}
