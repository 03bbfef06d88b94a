//! Python values to wire JSON text.
//!
//! The conversion knows Python types, not the wire schema: a `str` is a JSON string, an
//! integer (`int`, or NumPy's `int64` and other `__index__` integers) a JSON integer, a
//! `Decimal` a decimal string, a `Money` its wire object, an aware `datetime` (a tz-aware
//! pandas `Timestamp` is one) an RFC 3339 string, a binary float (`float`, NumPy's floats)
//! a JSON number (which the core then rejects with its own code where money or a decimal is
//! expected), a record (`Quote`, `GroupBuyState`, ...) its wire JSON, a NumPy array, a
//! pandas `Series` or an Arrow array a JSON array. Which field accepts what is decided by
//! the core when it decodes the text, so every rule and error code is the core's.
//!
//! The only errors raised here are for values that have no wire form at all: a naive
//! `datetime` or a NumPy `datetime64` (`invalid_input`: it names no instant; `o2okit.aware`
//! gives it a zone), pandas' `NaT`, a `datetime` whose UTC offset is not a whole number of
//! minutes (`invalid_input`: RFC 3339 cannot write it), a non-`str` mapping key, a
//! non-finite float, a whole table (a DataFrame) and objects of other types
//! (`invalid_json`). They say where the value was, in the core's field notation
//! (`context.now`, `cart.lines[0].unit_price`).

use o2okit::Error;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PySequence, PyString,
    PyTuple, PyType,
};

use crate::errors::raise;
use crate::money::{PyCurrency, PyMoney};
use crate::numbers::{
    decimal_type, full_type_name, int_like, is_bool_like, is_float_like, type_name,
};
use crate::record::{PyRecord, PyWire};

/// Why a value could not be written, and where (path segments, innermost first).
enum Fail {
    Py(PyErr),
    At(Vec<String>, Problem),
}

enum Problem {
    NaiveDateTime,
    NumpyDateTime,
    NotATime,
    Table(String),
    OffsetNotWholeMinutes(String),
    KeyNotStr(String),
    NonFinite(String),
    Unencodable(String),
}

impl From<PyErr> for Fail {
    fn from(err: PyErr) -> Self {
        Fail::Py(err)
    }
}

fn at(problem: Problem) -> Fail {
    Fail::At(Vec::new(), problem)
}

/// Add the segment of the enclosing container to an error on the way out.
fn within(fail: Fail, segment: impl FnOnce() -> String) -> Fail {
    match fail {
        Fail::At(mut path, problem) => {
            path.push(segment());
            Fail::At(path, problem)
        }
        other => other,
    }
}

fn datetime_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DATETIME.import(py, "datetime", "datetime")
}

/// Wire JSON text being written.
pub(crate) struct JsonText {
    buf: Vec<u8>,
}

impl JsonText {
    pub(crate) fn new() -> Self {
        Self {
            buf: Vec::with_capacity(1024),
        }
    }

    pub(crate) fn raw(&mut self, text: &str) {
        self.buf.extend_from_slice(text.as_bytes());
    }

    fn string(&mut self, s: &str) -> Result<(), Fail> {
        serde_json::to_writer(&mut self.buf, s)
            .map_err(|e| Fail::Py(pyo3::exceptions::PyRuntimeError::new_err(e.to_string())))
    }

    /// Write `obj`; `root` names it in error messages (`"cart"`, `"input"`, …).
    pub(crate) fn value(&mut self, obj: &Bound<'_, PyAny>, root: &str) -> PyResult<()> {
        let written = self.write(obj);
        located(written, root)
    }

    /// Write `dt`, known to be a `datetime`, without trying the other types first.
    pub(crate) fn datetime_value(&mut self, dt: &Bound<'_, PyAny>, root: &str) -> PyResult<()> {
        let written = self.datetime(dt);
        located(written, root)
    }

    pub(crate) fn finish(self) -> PyResult<String> {
        String::from_utf8(self.buf)
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }

    fn write(&mut self, obj: &Bound<'_, PyAny>) -> Result<(), Fail> {
        if let Ok(s) = obj.cast::<PyString>() {
            return self.string(&s.to_cow()?);
        }
        if let Ok(dict) = obj.cast::<PyDict>() {
            return self.object(dict.iter().map(Ok));
        }
        if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
            return self.array(obj);
        }
        if obj.is_instance_of::<PyBool>() {
            self.raw(if obj.is_truthy()? { "true" } else { "false" });
            return Ok(());
        }
        if obj.is_instance_of::<PyInt>() {
            self.raw(&obj.str()?.to_cow()?);
            return Ok(());
        }
        if obj.is_none() {
            self.raw("null");
            return Ok(());
        }
        let py = obj.py();
        if obj.is_instance(decimal_type(py)?)? {
            return self.string(&obj.str()?.to_cow()?);
        }
        if let Ok(m) = obj.cast::<PyMoney>() {
            return serde_json::to_writer(&mut self.buf, &m.get().0)
                .map_err(|e| Fail::Py(pyo3::exceptions::PyRuntimeError::new_err(e.to_string())));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return self.float(f.value());
        }
        if obj.is_instance(datetime_type(py)?)? {
            return self.datetime(obj);
        }
        if let Ok(record) = obj.cast::<PyRecord>() {
            return serde_json::to_writer(&mut self.buf, &record.get().node)
                .map_err(|e| Fail::Py(pyo3::exceptions::PyRuntimeError::new_err(e.to_string())));
        }
        if let Ok(wire) = obj.cast::<PyWire>() {
            return serde_json::to_writer(&mut self.buf, &wire.get().0)
                .map_err(|e| Fail::Py(pyo3::exceptions::PyRuntimeError::new_err(e.to_string())));
        }
        if let Ok(c) = obj.cast::<PyCurrency>() {
            return self.string(c.get().0.code());
        }
        if let Ok(mapping) = obj.cast::<PyMapping>() {
            let items = mapping.items()?;
            return self.object(items.iter().map(|item| item.extract()));
        }
        // NumPy and pandas scalars.
        if is_bool_like(obj) {
            self.raw(if obj.is_truthy()? { "true" } else { "false" });
            return Ok(());
        }
        if let Some(int) = int_like(obj)? {
            self.raw(&int.str()?.to_cow()?);
            return Ok(());
        }
        if is_float_like(obj)? {
            // A JSON number: the core rejects it where money or a decimal is meant.
            return self.float(obj.call_method0("__float__")?.extract::<f64>()?);
        }
        let ty = full_type_name(obj);
        if ty == "numpy.datetime64" {
            return Err(at(Problem::NumpyDateTime));
        }
        if is_table(obj)? {
            return Err(at(Problem::Table(ty)));
        }
        // Arrow arrays (pyarrow, polars Series): their Python values.
        if obj.hasattr("to_pylist")? {
            return self.write(&obj.call_method0("to_pylist")?);
        }
        let binary = obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>();
        if !binary && obj.cast::<PySequence>().is_ok() {
            return self.array(obj);
        }
        // Other iterables (NumPy arrays, pandas Series, generators): their items, in order.
        if !binary && obj.hasattr("__iter__")? {
            return self.array(obj);
        }
        Err(at(Problem::Unencodable(type_name(obj))))
    }

    fn float(&mut self, value: f64) -> Result<(), Fail> {
        match serde_json::Number::from_f64(value) {
            Some(n) => {
                self.raw(&n.to_string());
                Ok(())
            }
            None => Err(at(Problem::NonFinite(value.to_string()))),
        }
    }

    fn object<'py>(
        &mut self,
        items: impl Iterator<Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>>,
    ) -> Result<(), Fail> {
        self.raw("{");
        for (index, item) in items.enumerate() {
            let (key, value) = item?;
            if index > 0 {
                self.raw(",");
            }
            let Ok(key) = key.cast::<PyString>() else {
                return Err(at(Problem::KeyNotStr(type_name(&key))));
            };
            let key = key.to_cow()?;
            self.string(&key)?;
            self.raw(":");
            self.write(&value)
                .map_err(|fail| within(fail, || format!(".{key}")))?;
        }
        self.raw("}");
        Ok(())
    }

    fn array(&mut self, seq: &Bound<'_, PyAny>) -> Result<(), Fail> {
        self.raw("[");
        for (index, item) in seq.try_iter()?.enumerate() {
            if index > 0 {
                self.raw(",");
            }
            self.write(&item?)
                .map_err(|fail| within(fail, || format!("[{index}]")))?;
        }
        self.raw("]");
        Ok(())
    }

    /// An aware `datetime` as RFC 3339 (`isoformat()`); a naive one names no instant.
    ///
    /// One Python call in the usual case: `isoformat()`, whose text ends in a whole-minute
    /// offset (`+08:00`) for an aware datetime that RFC 3339 can write. Anything else (no
    /// offset: naive; an offset with seconds) is looked at through `utcoffset()`.
    fn datetime(&mut self, dt: &Bound<'_, PyAny>) -> Result<(), Fail> {
        let iso = dt.call_method0("isoformat")?;
        let iso = iso.cast::<PyString>().map_err(PyErr::from)?.to_cow()?;
        if ends_in_whole_minute_offset(&iso) {
            return self.string(&iso);
        }
        if &*iso == "NaT" {
            return Err(at(Problem::NotATime));
        }
        let offset = dt.call_method0("utcoffset")?;
        if offset.is_none() {
            return Err(at(Problem::NaiveDateTime));
        }
        let seconds: i64 = offset.getattr("seconds")?.extract()?;
        let micros: i64 = offset.getattr("microseconds")?.extract()?;
        if seconds.checked_rem(60) != Some(0) || micros != 0 {
            return Err(at(Problem::OffsetNotWholeMinutes(
                offset.str()?.to_cow()?.into_owned(),
            )));
        }
        self.string(&iso)
    }
}

/// Whether `datetime.isoformat()` text (`YYYY-MM-DDTHH:MM:SS[.fraction]` then the offset;
/// pandas' `Timestamp` writes nine fraction digits) ends in an offset of whole minutes,
/// `+HH:MM` or `-HH:MM`.
fn ends_in_whole_minute_offset(iso: &str) -> bool {
    let rest = iso.as_bytes().get(19..).unwrap_or_default();
    let offset = match rest.first() {
        Some(b'.') => {
            let digits = rest
                .iter()
                .skip(1)
                .take_while(|b| b.is_ascii_digit())
                .count();
            rest.get(digits.saturating_add(1)..).unwrap_or_default()
        }
        _ => rest,
    };
    matches!(offset, [b'+' | b'-', h1, h2, b':', m1, m2]
        if [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit()))
}

fn located(written: Result<(), Fail>, root: &str) -> PyResult<()> {
    written.map_err(|fail| match fail {
        Fail::Py(err) => err,
        Fail::At(path, problem) => problem_error(root, &path, problem),
    })
}

fn problem_error(root: &str, inner_first: &[String], problem: Problem) -> PyErr {
    let mut field = root.to_string();
    for segment in inner_first.iter().rev() {
        field.push_str(segment);
    }
    let field = match field.strip_prefix('.') {
        Some(rest) => rest.to_string(),
        None if field.is_empty() => "input".to_string(),
        None => field,
    };
    raise(match problem {
        Problem::NaiveDateTime => Error::InvalidInput {
            field,
            reason: "a naive datetime (no tzinfo) names no instant; attach a tzinfo, e.g. \
                     datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo(\"Asia/Shanghai\")), or \
                     use an aware datetime such as datetime.now(timezone.utc)"
                .into(),
        },
        Problem::NumpyDateTime => Error::InvalidInput {
            field,
            reason: "a numpy.datetime64 has no time zone, so it names no instant; say which \
                     zone it is in: o2okit.aware(value, \"UTC\") (or the zone it was recorded \
                     in), or use tz-aware pandas Timestamps (Series.dt.tz_localize)"
                .into(),
        },
        Problem::NotATime => Error::InvalidInput {
            field,
            reason: "NaT (not a time) is a missing time; drop or fill the row first".into(),
        },
        Problem::Table(ty) => Error::Decode {
            code: "invalid_json",
            message: format!(
                "{field}: a {ty} is a whole table; pass its rows (df.to_dict(\"records\")) \
                 or use a columnar batch function for tables"
            ),
        },
        Problem::OffsetNotWholeMinutes(offset) => Error::InvalidInput {
            field,
            reason: format!(
                "the UTC offset {offset} is not a whole number of minutes, which RFC 3339 \
                 cannot write; convert it first, e.g. with .astimezone(timezone.utc)"
            ),
        },
        Problem::KeyNotStr(ty) => Error::Decode {
            code: "invalid_json",
            message: format!("{field}: object keys must be str, not {ty}"),
        },
        Problem::NonFinite(value) => Error::Decode {
            code: "invalid_json",
            message: format!("{field}: {value} is not a JSON number"),
        },
        Problem::Unencodable(ty) => Error::Decode {
            code: "invalid_json",
            message: format!(
                "{field}: cannot encode a {ty} as JSON; use dict, list, str, int, \
                 decimal.Decimal, Money, an aware datetime, bool or None"
            ),
        },
    })
}

/// Whether `obj` is a whole table (a pandas, polars or pyarrow DataFrame/Table): it has
/// columns and speaks the Arrow stream protocol or the dataframe interchange protocol.
/// (Iterating one gives its column names, which is never what a caller meant.)
fn is_table(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok((obj.hasattr("columns")? || obj.hasattr("column_names")?)
        && (obj.hasattr("__arrow_c_stream__")? || obj.hasattr("__dataframe__")?))
}

/// `obj` as wire JSON text (`root` names it in error messages).
pub(crate) fn to_json_text(obj: &Bound<'_, PyAny>, root: &str) -> PyResult<String> {
    let mut out = JsonText::new();
    out.value(obj, root)?;
    out.finish()
}

/// A decoding error about text this module wrote: serde's " at line L column C" points into
/// text the caller never saw, so it is dropped (code and the rest of the message are the
/// core's).
pub(crate) fn without_location(err: Error) -> Error {
    match err {
        Error::Decode { code, message } => {
            let message = match message.rsplit_once(" at line ") {
                Some((head, tail))
                    if tail.split_once(" column ").is_some_and(|(line, column)| {
                        !line.is_empty()
                            && !column.is_empty()
                            && line.bytes().all(|b| b.is_ascii_digit())
                            && column.bytes().all(|b| b.is_ascii_digit())
                    }) =>
                {
                    head.to_string()
                }
                _ => message,
            };
            Error::Decode { code, message }
        }
        other => other,
    }
}
