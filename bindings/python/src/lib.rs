//! Python binding of o2okit (module `o2okit._o2okit`, wrapped by the `o2okit` package).
//!
//! Thin by design: every rule lives in the core crate, and every domain goes through the
//! binding the same way. Python values are written as wire JSON (`to_wire`), the core's wire
//! function runs on it with the GIL released (`record::_call`), and its output comes back
//! as wire JSON held by the binding (`node`), which the package wraps in a record class
//! generated from the JSON Schema (`record`: fields converted when read). Numbers go through
//! their exact text and the core's parser (`numbers`), so parse errors come from the core;
//! core errors become Python exceptions and panics become `O2OError` (`internal`)
//! (`errors`).
//!
//! Besides the generic path: `Money` and `Currency` (`money`), `allocate` (`allocate`), the
//! analyst's `simulate_teams` (`groupbuy`: integer offsets read straight into the core) and
//! the held coupon's three questions (`coupon`).

mod allocate;
mod batch;
mod coupon;
mod errors;
mod groupbuy;
mod money;
mod node;
mod numbers;
mod record;
mod to_wire;

use o2okit::Rounding;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::errors::{
    AllocationError, CurrencyError, FlowError, GroupBuyError, InputError, IntakeError,
    LifecycleError, MembershipError, MoneyError, O2OError, PromotionError, SplitError, StoreError,
    VoucherError, INTERNAL,
};

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
    m.add_class::<money::PyCurrency>()?;
    m.add_class::<money::PyMoney>()?;
    m.add_class::<record::PyWire>()?;
    m.add_class::<record::PyRecord>()?;
    m.add_class::<record::PyField>()?;
    m.add_function(wrap_pyfunction!(money::currency, m)?)?;
    m.add_function(wrap_pyfunction!(record::call_wire, m)?)?;
    m.add_function(wrap_pyfunction!(record::_call, m)?)?;
    m.add_function(wrap_pyfunction!(record::_decode, m)?)?;
    m.add_function(wrap_pyfunction!(record::_record_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(allocate::_allocate, m)?)?;
    m.add_function(wrap_pyfunction!(groupbuy::_simulate_teams, m)?)?;
    m.add_function(wrap_pyfunction!(coupon::_coupon_uses, m)?)?;
    m.add_function(wrap_pyfunction!(coupon::_coupon_remaining, m)?)?;
    m.add_function(wrap_pyfunction!(coupon::_coupon_validate, m)?)?;
    m.add_function(wrap_pyfunction!(errors::_panic_for_tests, m)?)?;
    m.add("FUNCTIONS", PyTuple::new(py, o2okit::FUNCTIONS)?)?;
    m.add(
        "ROUNDING_MODES",
        PyTuple::new(py, Rounding::ALL.map(Rounding::as_str))?,
    )?;
    // Every code the package raises: the core's, and `internal` for a caught panic.
    let mut codes: Vec<&str> = o2okit::ERROR_CODES.to_vec();
    if !codes.contains(&INTERNAL) {
        codes.push(INTERNAL);
    }
    m.add("ERROR_CODES", PyTuple::new(py, codes)?)?;
    m.add("_DECODABLE", PyTuple::new(py, record::DECODABLE)?)?;
    batch::register(m)?;
    Ok(())
}
