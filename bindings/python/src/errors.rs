//! Core errors as Python exceptions, and the guard that turns a panic into one.
//!
//! Every core error becomes the `O2OError` subclass of its category with `.code`,
//! `.category` and `.details` set. A panic (a bug: the core is written not to panic) never
//! crosses into Python as pyo3's `PanicException`: every call into the core runs under
//! [`core`] or [`guard`], which catch it and raise `O2OError` with code `internal`.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use o2okit::{Error, ErrorCategory};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::node::Node;

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

/// The code (and category) of an `O2OError` raised for a panic.
pub(crate) const INTERNAL: &str = "internal";

/// Turn a core error into the matching Python exception, with `.code`, `.category` and
/// `.details` set on the instance.
pub(crate) fn raise(err: Error) -> PyErr {
    let py_err = exception(err.category(), err.to_string());
    Python::attach(|py| {
        let details = Node::from(err.to_json_value());
        let value = py_err.value(py);
        let set = value
            .setattr("code", err.code())
            .and_then(|()| value.setattr("category", err.category().as_str()))
            .and_then(|()| value.setattr("details", details.to_py(py)?));
        match set {
            Ok(()) => py_err,
            Err(e) => e,
        }
    })
}

/// The exception class of an error category, with `message` (`.code` and friends unset:
/// the caller sets them, as [`raise`] does and the batch API's row errors do).
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

/// `O2OError` with code and category `internal`, for a panic caught at the boundary.
pub(crate) fn internal(what: &str) -> PyErr {
    let message = format!(
        "internal error in o2okit: {what}. This is a bug in o2okit, not a problem with your \
         input's format; nothing was applied. Please report it with the input that caused it."
    );
    let py_err = O2OError::new_err(message.clone());
    Python::attach(|py| {
        let value = py_err.value(py);
        let details = PyDict::new(py);
        let set = details
            .set_item("code", INTERNAL)
            .and_then(|()| details.set_item("category", INTERNAL))
            .and_then(|()| details.set_item("message", &message))
            .and_then(|()| value.setattr("code", INTERNAL))
            .and_then(|()| value.setattr("category", INTERNAL))
            .and_then(|()| value.setattr("details", details));
        match set {
            Ok(()) => py_err,
            Err(e) => e,
        }
    })
}

pub(crate) fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        format!("a panic ({s})")
    } else if let Some(s) = payload.downcast_ref::<String>() {
        format!("a panic ({s})")
    } else {
        "a panic".to_string()
    }
}

/// Run `f` (a call into the core, or binding code that might panic) and turn a panic into
/// `O2OError` (`internal`), a core error into its exception.
pub(crate) fn guard<T>(f: impl FnOnce() -> Result<T, Error>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(raise),
        Err(payload) => Err(internal(&panic_text(&*payload))),
    }
}

/// [`guard`] with the GIL released while `f` runs (for the core's work on wire text).
pub(crate) fn core<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> Result<T, Error> + Send,
) -> PyResult<T> {
    match py.detach(|| catch_unwind(AssertUnwindSafe(f))) {
        Ok(result) => result.map_err(raise),
        Err(payload) => Err(internal(&panic_text(&*payload))),
    }
}

/// A private test hook: panics inside [`core`], so the tests can check that a panic comes
/// back as `O2OError` (`internal`) and that the module stays usable. Not public API.
#[pyfunction]
pub(crate) fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    core(py, || -> Result<(), Error> {
        #[allow(clippy::panic)]
        {
            panic!("_panic_for_tests was called")
        }
    })
}
