//! Result records: one generic mechanism for every domain.
//!
//! Every function of the package returns the core's wire output wrapped in a record class
//! (`Quote`, `Ledger`, `Assignment`, `GroupBuyState`, ...). The classes are generated from
//! the JSON Schema (`o2okit/records.py`); each is a subclass of [`PyRecord`] whose fields
//! are read-only properties whose getter is a [`PyField`]: a field's wire name and its kind (money, decimal, time,
//! record, list or map of those, or plain JSON). Nothing here knows a domain: reading a
//! field converts the wire value to a Python value (`Money`, `Decimal`, aware `datetime`,
//! a record, `str`, `int`, ...) when it is read; `to_dict()` gives the wire JSON.
//!
//! - [`PyWire`] (`_Wire`): wire JSON held by the binding (a [`Node`]), what the native
//!   functions return and what a record is made from;
//! - [`PyRecord`] (`_Record`): the base class (wire value, `to_dict`, `to_json`, equality,
//!   pickling, copying);
//! - [`PyField`] (`_Field`): a field's getter (wire name and kind), held by a `property`;
//! - `_call`: run a wire function on Python values and keep its output as `_Wire`;
//! - `_decode`: check a wire value with the core's decoder of a named result type (for
//!   `from_dict`).

use std::sync::OnceLock;

use chrono::DateTime;
use o2okit::{Currency, Error, Money};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};

use crate::errors::{core, guard, raise};
use crate::money::PyMoney;
use crate::node::Node;
use crate::numbers::decimal_type;
use crate::to_wire::{to_json_text, without_location};

/// Wire JSON held by the binding (private: what native functions return).
#[pyclass(frozen, name = "_Wire", module = "o2okit._o2okit")]
#[derive(Debug, Clone)]
pub(crate) struct PyWire(pub(crate) Node);

#[pymethods]
impl PyWire {
    /// Parse wire JSON text (no check beyond JSON: for data the package wrote itself).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        parse_output(text).map(Self)
    }

    fn to_json(&self) -> PyResult<String> {
        node_json(&self.0)
    }

    /// The wire JSON as Python values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.to_py(py)
    }

    /// The items of a wire array, each as `_Wire` (shared, not copied).
    fn items(&self) -> PyResult<Vec<Self>> {
        match self.0.forced()? {
            Node::Array(items) => Ok(items.iter().cloned().map(Self).collect()),
            other => Err(mismatch("output", "an array", &other)),
        }
    }
}

fn parse_output(text: &str) -> PyResult<Node> {
    Node::parse(text).map_err(|e| {
        raise(Error::Decode {
            code: "invalid_json",
            message: format!("wire output could not be read: {e}"),
        })
    })
}

fn node_json(node: &Node) -> PyResult<String> {
    node.to_json()
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
}

/// The base class of every result record. Read-only; compares by wire value.
#[pyclass(frozen, subclass, name = "_Record", module = "o2okit._o2okit")]
#[derive(Debug)]
pub(crate) struct PyRecord {
    pub(crate) node: Node,
}

#[pymethods]
impl PyRecord {
    #[new]
    fn new(wire: &Bound<'_, PyAny>) -> PyResult<Self> {
        match wire.cast::<PyWire>() {
            Ok(wire) => Ok(Self {
                node: wire.get().0.clone(),
            }),
            Err(_) => Err(PyTypeError::new_err(
                "records are made by o2okit's functions; use from_dict() to read a stored one",
            )),
        }
    }

    /// The wire JSON of this record as Python values (decimals and times as strings),
    /// exactly what the core wrote. A new object on every call.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.node.to_py(py)
    }

    /// The wire JSON text of this record.
    fn to_json(&self) -> PyResult<String> {
        node_json(&self.node)
    }

    fn __richcmp__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        op: pyo3::basic::CompareOp,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let same_type = other.get_type().is(slf.get_type());
        let other = match other.cast::<Self>() {
            Ok(other) if same_type => other,
            _ => return Ok(py.NotImplemented()),
        };
        let equal = slf.get().node == other.get().node;
        let result = match op {
            pyo3::basic::CompareOp::Eq => equal,
            pyo3::basic::CompareOp::Ne => !equal,
            _ => return Ok(py.NotImplemented()),
        };
        Ok(pyo3::types::PyBool::new(py, result)
            .to_owned()
            .into_any()
            .unbind())
    }

    /// Pickles as (class, wire JSON text): stable across processes and versions that keep
    /// the wire format.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let rebuild = py.import("o2okit._o2okit")?.getattr("_record_from_json")?;
        let text = node_json(&slf.get().node)?;
        let args = PyTuple::new(
            py,
            [
                slf.get_type().into_any(),
                PyString::new(py, &text).into_any(),
            ],
        )?;
        Ok((rebuild, args))
    }

    fn __copy__<'py>(slf: &Bound<'py, Self>) -> Bound<'py, Self> {
        slf.clone()
    }

    /// Records are immutable: a deep copy shares the (immutable) wire value.
    fn __deepcopy__<'py>(
        slf: &Bound<'py, Self>,
        _memo: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        make_record(&slf.get_type(), slf.get().node.clone())
    }
}

/// A record of class `cls` over `node`.
pub(crate) fn make_record<'py>(
    cls: &Bound<'py, PyType>,
    node: Node,
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    cls.call1((Py::new(py, PyWire(node))?,))
}

/// Unpickle a record: class and wire JSON text (not checked beyond JSON: pickles are
/// trusted data, as always with pickle).
#[pyfunction]
pub(crate) fn _record_from_json<'py>(
    cls: &Bound<'py, PyType>,
    text: &str,
) -> PyResult<Bound<'py, PyAny>> {
    make_record(cls, parse_output(text)?)
}

// --- kinds ------------------------------------------------------------------------------

/// What a field holds, as written in the generated classes: `any`, `money`, `decimal`,
/// `time`, `record:Name`, `list:<kind>`, `map:<kind>`.
#[derive(Debug)]
enum Kind {
    Any,
    Money,
    Decimal,
    Time,
    Record(String, OnceLock<Py<PyType>>),
    List(Box<Kind>),
    Map(Box<Kind>),
}

impl Kind {
    fn parse(spec: &str) -> PyResult<Self> {
        Ok(match spec {
            "any" => Kind::Any,
            "money" => Kind::Money,
            "decimal" => Kind::Decimal,
            "time" => Kind::Time,
            _ => {
                if let Some(rest) = spec.strip_prefix("list:") {
                    Kind::List(Box::new(Kind::parse(rest)?))
                } else if let Some(rest) = spec.strip_prefix("map:") {
                    Kind::Map(Box::new(Kind::parse(rest)?))
                } else if let Some(name) = spec.strip_prefix("record:") {
                    Kind::Record(name.to_string(), OnceLock::new())
                } else {
                    return Err(PyTypeError::new_err(format!("unknown field kind {spec:?}")));
                }
            }
        })
    }

    fn record(&self) -> Option<(&str, &OnceLock<Py<PyType>>)> {
        match self {
            Kind::Record(name, cls) => Some((name, cls)),
            Kind::List(inner) | Kind::Map(inner) => inner.record(),
            _ => None,
        }
    }
}

fn mismatch(field: &str, expected: &str, node: &Node) -> PyErr {
    let found = match node {
        Node::Null => "null",
        Node::Bool(_) => "a boolean",
        Node::Number(_) => "a number",
        Node::Str(_) => "a string",
        Node::Array(_) => "an array",
        Node::Object(_) | Node::Lazy(_) => "an object or array",
    };
    raise(Error::InvalidInput {
        field: field.to_string(),
        reason: format!("expected {expected}, found {found}"),
    })
}

/// A wire money object as `Money`.
fn money_value(field: &str, node: &Node) -> PyResult<PyMoney> {
    let (Some(Node::Str(amount)), Some(Node::Str(code))) =
        (node.member("amount")?, node.member("currency")?)
    else {
        return Err(mismatch(field, "a money object {amount, currency}", node));
    };
    guard(|| Money::parse(&amount, Currency::from_code(&code)?)).map(PyMoney)
}

/// An aware `datetime` for an RFC 3339 wire time, with the fixed offset the wire carries
/// (microsecond precision: Python's `datetime` has no nanoseconds).
fn time_value<'py>(py: Python<'py>, field: &str, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let at = DateTime::parse_from_rfc3339(text).map_err(|e| {
        raise(Error::InvalidInput {
            field: field.to_string(),
            reason: format!("{text:?} is not an RFC 3339 time: {e}"),
        })
    })?;
    py_datetime(
        py,
        at.timestamp(),
        at.timestamp_subsec_micros(),
        at.offset().local_minus_utc(),
    )
}

/// An aware `datetime` for an instant given as Unix seconds, microseconds and a UTC offset
/// in seconds; its tzinfo is that fixed offset (`datetime.timezone(timedelta(hours=8))`).
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

fn convert<'py>(
    py: Python<'py>,
    field: &str,
    kind: &Kind,
    node: &Node,
) -> PyResult<Bound<'py, PyAny>> {
    let node = &node.forced()?;
    if matches!(node, Node::Null) {
        return Ok(py.None().into_bound(py));
    }
    match kind {
        Kind::Any => node.to_py(py),
        Kind::Money => Ok(Bound::new(py, money_value(field, node)?)?.into_any()),
        Kind::Decimal => match node {
            Node::Str(s) => decimal_type(py)?.call1((&**s,)),
            Node::Number(n) => decimal_type(py)?.call1((crate::node::number_to_py(py, n)?,)),
            other => Err(mismatch(field, "a decimal string", other)),
        },
        Kind::Time => match node {
            Node::Str(s) => time_value(py, field, s),
            other => Err(mismatch(field, "an RFC 3339 time", other)),
        },
        Kind::Record(name, cls) => match (node, cls.get()) {
            (Node::Object(_), Some(cls)) => make_record(cls.bind(py), node.clone()),
            (Node::Object(_), None) => Err(PyTypeError::new_err(format!(
                "record class {name} of field {field} is not bound"
            ))),
            (other, _) => Err(mismatch(field, "an object", other)),
        },
        Kind::List(inner) => match node {
            Node::Array(items) => {
                let list = PyList::empty(py);
                for item in items.iter() {
                    list.append(convert(py, field, inner, item)?)?;
                }
                Ok(list.into_any())
            }
            other => Err(mismatch(field, "an array", other)),
        },
        Kind::Map(inner) => match node {
            Node::Object(members) => {
                let dict = PyDict::new(py);
                for (key, value) in members.iter() {
                    dict.set_item(&**key, convert(py, field, inner, value)?)?;
                }
                Ok(dict.into_any())
            }
            other => Err(mismatch(field, "an object", other)),
        },
    }
}

/// The getter of a record field: its wire name and kind (the record class holds it in a
/// read-only `property`, with the field's documentation).
#[pyclass(frozen, name = "_Field", module = "o2okit._o2okit")]
#[derive(Debug)]
pub(crate) struct PyField {
    name: String,
    kind: Kind,
    /// The kind as written (`money`, `list:record:Team`, ...).
    spec: String,
    /// The field's documentation (from the schema).
    #[pyo3(get)]
    doc: Option<String>,
    /// What a missing member reads as (the schema's default, an empty list, ...).
    default: Node,
}

#[pymethods]
impl PyField {
    /// `_Field(name, kind, doc=None, default=None)`; `default` is JSON text.
    #[new]
    #[pyo3(signature = (name, kind, doc = None, default = None))]
    fn new(name: String, kind: &str, doc: Option<String>, default: Option<&str>) -> PyResult<Self> {
        Ok(Self {
            name,
            kind: Kind::parse(kind)?,
            spec: kind.to_string(),
            doc,
            default: match default {
                Some(text) => parse_output(text)?,
                None => Node::Null,
            },
        })
    }

    /// The wire name of the field.
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }

    /// The field's kind as written: `any`, `money`, `decimal`, `time`, `record:Name`,
    /// `list:<kind>`, `map:<kind>`.
    #[getter]
    fn kind(&self) -> &str {
        &self.spec
    }

    /// The record class this field holds (directly or in a list or map), if any.
    #[getter]
    fn record_name(&self) -> Option<&str> {
        self.kind.record().map(|(name, _)| name)
    }

    /// Tie the field to the record class it holds (done once, when the classes are made).
    fn bind(&self, cls: &Bound<'_, PyType>) -> PyResult<()> {
        match self.kind.record() {
            Some((_, lock)) => {
                let _ = lock.set(cls.clone().unbind());
                Ok(())
            }
            None => Err(PyTypeError::new_err(format!(
                "field {} holds no record",
                self.name
            ))),
        }
    }

    /// Read this field of `record` (a record instance): the wire value converted to its
    /// Python value. Used as the getter of the record class's `property`.
    fn __call__<'py>(&self, record: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = record.py();
        let record = record.cast::<PyRecord>().map_err(|_| {
            PyTypeError::new_err(format!("field {} is read from an o2okit record", self.name))
        })?;
        let node = record
            .get()
            .node
            .member(&self.name)?
            .unwrap_or_else(|| self.default.clone());
        convert(py, &self.name, &self.kind, &node)
    }

    fn __repr__(&self) -> String {
        format!("<o2okit field {:?}>", self.name)
    }
}

// --- functions --------------------------------------------------------------------------

/// Wire text for `input`: JSON text as given, or Python values written by `to_wire`.
/// The flag says whether the binding wrote it (its decoding errors then drop serde's
/// position in text the caller never saw).
pub(crate) fn input_text(input: &Bound<'_, PyAny>) -> PyResult<(String, bool)> {
    match input.cast::<PyString>() {
        Ok(text) => Ok((text.to_cow()?.into_owned(), false)),
        Err(_) => Ok((to_json_text(input, "")?, true)),
    }
}

/// Run the wire function `function` on `input` (JSON text or Python values) with the GIL
/// released and keep its output as wire JSON.
#[pyfunction]
pub(crate) fn _call(py: Python<'_>, function: &str, input: &Bound<'_, PyAny>) -> PyResult<PyWire> {
    let (text, generated) = input_text(input)?;
    core(py, || {
        let out = o2okit::call(function, &text).map_err(|e| {
            if generated {
                without_location(e)
            } else {
                e
            }
        })?;
        Node::parse(&out).map_err(|e| Error::Decode {
            code: "invalid_json",
            message: format!("wire output could not be read: {e}"),
        })
    })
    .map(PyWire)
}

/// The wire-level dispatcher: `function` by wire name, `input` as JSON text or Python
/// values; the output as plain Python values (decimals stay strings).
#[pyfunction]
#[pyo3(name = "call")]
pub(crate) fn call_wire<'py>(
    py: Python<'py>,
    function: &str,
    input: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    _call(py, function, input)?.0.to_py(py)
}

/// Decode and check `input` (a mapping with Python values, or JSON text) as the core's
/// result type `name`, and keep the core's own encoding of it.
macro_rules! decoders {
    ($($name:literal => $ty:ty),* $(,)?) => {
        /// The result types `_decode` knows (what `from_dict` accepts).
        pub(crate) const DECODABLE: &[&str] = &[$($name),*];

        fn decode_named(name: &str, text: &str, generated: bool) -> Result<serde_json::Value, Error> {
            let located = |e: Error| if generated { without_location(e) } else { e };
            match name {
                $($name => {
                    let value: $ty = o2okit::decode(text).map_err(located)?;
                    serde_json::to_value(&value).map_err(|e| Error::Decode {
                        code: "invalid_json",
                        message: format!("could not encode {}: {e}", $name),
                    })
                })*
                _ => Err(Error::Decode {
                    code: "invalid_json",
                    message: format!(
                        "{name} cannot be read on its own; from_dict() reads the results of \
                         o2okit's functions and stored states ({})",
                        DECODABLE.join(", ")
                    ),
                }),
            }
        }
    };
}

decoders! {
    "Allocation" => o2okit::Allocation,
    "Quote" => o2okit::Quote,
    "HeldCoupon" => o2okit::HeldCoupon,
    "CouponValidation" => o2okit::CouponValidation,
    "GroupBuyCampaign" => o2okit::GroupBuyCampaign,
    "GroupBuyState" => o2okit::GroupBuyState,
    "GroupBuyStep" => o2okit::GroupBuyStep,
    "GroupBuyReplay" => o2okit::GroupBuyReplay,
    "GroupBuyProgress" => o2okit::GroupBuyProgress,
    "SimulationReport" => o2okit::SimulationReport,
    "Ledger" => o2okit::Ledger,
    "SplitBatch" => o2okit::SplitBatch,
    "Clawback" => o2okit::Clawback,
    "PoolSplit" => o2okit::PoolSplit,
    "Attribution" => o2okit::Attribution,
    "ShapleyAttribution" => o2okit::ShapleyAttribution,
    "BindingState" => o2okit::BindingState,
    "Settlement" => o2okit::Settlement,
    "Assignment" => o2okit::Assignment,
    "CardState" => o2okit::CardState,
    "CardStep" => o2okit::CardStep,
    "CardReplay" => o2okit::CardReplay,
    "PointsState" => o2okit::PointsState,
    "PointsReplay" => o2okit::PointsReplay,
    "PointsRedemption" => o2okit::PointsRedemption,
    "Intake" => o2okit::Intake,
    "ParityReport" => o2okit::ParityReport,
    "VoucherCode" => o2okit::VoucherCode,
    "Verification" => o2okit::Verification,
    "Classification" => o2okit::Classification,
    "FlowDefinition" => o2okit::FlowDefinition,
    "VoucherOrderState" => o2okit::VoucherOrderState,
    "VoucherOrderStep" => o2okit::VoucherOrderStep,
    "VoucherOrderReplay" => o2okit::VoucherOrderReplay,
    "StoreOrderState" => o2okit::StoreOrderState,
    "StoreOrderStep" => o2okit::StoreOrderStep,
    "StoreOrderReplay" => o2okit::StoreOrderReplay,
}

/// `from_dict`: check `input` with the core's decoder of the result type `name`.
#[pyfunction]
pub(crate) fn _decode(py: Python<'_>, name: &str, input: &Bound<'_, PyAny>) -> PyResult<PyWire> {
    let (text, generated) = input_text(input)?;
    core(py, || decode_named(name, &text, generated)).map(|v| PyWire(Node::from(v)))
}
