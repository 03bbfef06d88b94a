//! Failures of a columnar batch: a schema failure (missing column, wrong type, float money,
//! naive timestamp) aborts the call; a row failure fills that row's `error_code` and
//! `error_message` (or, with `on_error="raise"`, raises for the first failing row).

use arrow_schema::DataType;
use o2okit::{Error, ErrorCategory};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// What went wrong, where: the core's error code and category, a message a person can act
/// on, and the column, row and row id when known.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub(crate) code: &'static str,
    pub(crate) category: ErrorCategory,
    /// Boxed text (not `String`): keeps `Failure` small, as it travels in every `Result`.
    pub(crate) message: Box<str>,
    pub(crate) column: Option<String>,
    /// The row in the whole input (set by the driver).
    pub(crate) row: Option<usize>,
    /// The row's id (order id, cart id, ...), when it has one.
    pub(crate) id: Option<String>,
    /// For a replayed log: the position of the rejected event.
    pub(crate) event_index: Option<usize>,
}

impl Failure {
    fn new(code: &'static str, category: ErrorCategory, message: String) -> Failure {
        Failure {
            code,
            category,
            message: message.into_boxed_str(),
            column: None,
            row: None,
            id: None,
            event_index: None,
        }
    }

    /// A column that is missing or of the wrong type (aborts the batch).
    pub(crate) fn schema(column: &str, reason: String) -> Failure {
        let err = Error::InvalidInput {
            field: format!("column `{column}`"),
            reason: reason.clone(),
        };
        let mut f = Failure::new(
            err.code(),
            err.category(),
            format!("column `{column}` {reason}"),
        );
        f.column = Some(column.to_string());
        f
    }

    /// A float column where money is expected (aborts the batch, `number_for_money`).
    pub(crate) fn float_money(column: &str, found: &DataType) -> Failure {
        let err = Error::NumberForMoney {
            found: found.to_string(),
        };
        let mut f = Failure::new(
            err.code(),
            err.category(),
            format!(
                "column `{column}` has type {found}: money must be exact decimals, never binary floats (0.1 is not one tenth); give decimal128 at the currency's scale (pyarrow.decimal128(18, 2) for CNY; pandas: a column of decimal.Decimal read with that type, polars: pl.Decimal(18, 2)) or text such as \"12.30\""
            ),
        );
        f.column = Some(column.to_string());
        f
    }

    /// A float column where an exact decimal is expected (aborts the batch, `invalid_decimal`).
    pub(crate) fn float_decimal(column: &str, found: &DataType) -> Failure {
        let err = Error::InvalidDecimal {
            input: found.to_string(),
            reason: String::new(),
        };
        let mut f = Failure::new(
            err.code(),
            err.category(),
            format!(
                "column `{column}` has type {found}: a binary float is not an exact number; give decimal128, an integer type or text of decimals"
            ),
        );
        f.column = Some(column.to_string());
        f
    }

    /// A bad value in a column at one row.
    pub(crate) fn value(column: &str, err: Error) -> Failure {
        let mut f = Failure::new(
            err.code(),
            err.category(),
            format!("column `{column}`: {err}"),
        );
        f.column = Some(column.to_string());
        f
    }

    /// An error of the core function for one row.
    pub(crate) fn core(err: &Error) -> Failure {
        let mut f = Failure::new(err.code(), err.category(), err.to_string());
        f.event_index = err.event_index();
        f
    }

    /// An error of the whole call (a bad plan, promotions, stores, ...).
    pub(crate) fn whole(err: &Error) -> Failure {
        Failure::core(err)
    }

    /// Something about the batch itself (too many rows for one output batch, an arrow-rs
    /// error building the output): `invalid_input` naming the batch.
    pub(crate) fn internal(detail: impl Into<String>) -> Failure {
        Failure::core(&Error::InvalidInput {
            field: "batch".into(),
            reason: detail.into(),
        })
    }

    pub(crate) fn at(mut self, row: usize, id: Option<&str>) -> Failure {
        self.row = Some(row);
        self.id = id.map(str::to_string);
        self
    }

    /// The message with the row and id in front, for an exception.
    fn full_message(&self) -> String {
        match (self.row, &self.id) {
            (Some(row), Some(id)) => format!("row {row} ({id:?}): {}", self.message),
            (Some(row), None) => format!("row {row}: {}", self.message),
            _ => self.message.to_string(),
        }
    }

    /// The Python exception: the category's class with `.code`, `.category` and `.details`
    /// (`code`, `category`, `message`, and `column`, `row`, `id`, `event_index` when known).
    pub(crate) fn to_py(&self) -> PyErr {
        let message = self.full_message();
        let py_err = crate::errors::exception(self.category, message.clone());
        Python::attach(|py| {
            let value = py_err.value(py);
            let set = || -> PyResult<()> {
                value.setattr("code", self.code)?;
                value.setattr("category", self.category.as_str())?;
                let details = PyDict::new(py);
                details.set_item("code", self.code)?;
                details.set_item("category", self.category.as_str())?;
                details.set_item("message", &message)?;
                if let Some(column) = &self.column {
                    details.set_item("column", column)?;
                }
                if let Some(row) = self.row {
                    details.set_item("row", row)?;
                }
                if let Some(id) = &self.id {
                    details.set_item("id", id)?;
                }
                if let Some(index) = self.event_index {
                    details.set_item("event_index", index)?;
                }
                value.setattr("details", details)
            };
            match set() {
                Ok(()) => py_err,
                Err(e) => e,
            }
        })
    }
}

impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        f.to_py()
    }
}
