//! Voucher codes over Arrow: serials (with their store, deal and expiry) in, codes out; codes
//! in, verifications out. Each row is the core's `issue_code` / `verify_code` with the key
//! and spec given once.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::{DateTime, FixedOffset};
use o2okit::{
    issue_code, verify_code, CodeSpec, Error, VoucherKey, VoucherRejection, VoucherScope,
};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes};
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;

use super::columns::{IntCol, Source, StrCol, TimeCol};
use super::errors::Failure;
use super::kernel::{run_table, Kernel, OnError, PyBatchStream};
use super::output::{text_field, ErrorOut};
use super::{set_opt, wire_value};

fn null_in(column: &str) -> Failure {
    Failure::value(
        column,
        Error::InvalidInput {
            field: column.to_string(),
            reason: "is null; give a value".into(),
        },
    )
}

struct Scope<'a> {
    store_id: StrCol<'a>,
    deal_id: StrCol<'a>,
    expires_at: TimeCol<'a>,
}

impl<'a> Scope<'a> {
    fn of(src: Source<'a>) -> Result<Scope<'a>, Failure> {
        Ok(Scope {
            store_id: StrCol::optional(src, "store_id")?,
            deal_id: StrCol::optional(src, "deal_id")?,
            expires_at: TimeCol::optional(src, "expires_at")?,
        })
    }

    fn fill(&self, row: usize, scope: &mut VoucherScope) -> Result<(), Failure> {
        set_opt(&mut scope.store_id, self.store_id.get(row));
        set_opt(&mut scope.deal_id, self.deal_id.get(row));
        scope.expires_at = self.expires_at.get(row, "expires_at")?;
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Issue,
    Verify,
}

pub(crate) struct VoucherKernel {
    key: VoucherKey,
    spec: CodeSpec,
    mode: Mode,
    now: Option<DateTime<FixedOffset>>,
}

impl VoucherKernel {
    fn id_name(&self) -> &'static str {
        match self.mode {
            Mode::Issue => "serial",
            Mode::Verify => "code",
        }
    }

    fn schema(&self, input: &RecordBatch) -> SchemaRef {
        let name = self.id_name();
        let id_type = input
            .column_by_name(name)
            .map_or(DataType::Utf8, |c| c.data_type().clone());
        let mut fields = vec![Field::new(name, id_type, true)];
        match self.mode {
            Mode::Issue => fields.push(text_field("code", true)),
            Mode::Verify => fields.extend([
                Field::new("valid", DataType::Boolean, true),
                Field::new("serial", DataType::Int64, true),
                text_field("reason", true),
            ]),
        }
        fields.extend(ErrorOut::fields());
        Arc::new(Schema::new(fields))
    }

    fn check(&self, input: &RecordBatch) -> Result<(), Failure> {
        let src = Source::Batch(input);
        Scope::of(src)?;
        match self.mode {
            Mode::Issue => {
                IntCol::required(src, "serial", "the voucher's serial number")?;
            }
            Mode::Verify => {
                StrCol::required(src, "code", "the code presented")?;
                let now = TimeCol::optional(src, "now")?;
                if now.is_absent() && self.now.is_none() {
                    return Err(Failure::schema(
                        "now",
                        "missing: give a `now` column (when each code is presented) or now=... for all".into(),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn reason_name(r: VoucherRejection) -> &'static str {
    match r {
        VoucherRejection::BadCheckDigit => "bad_check_digit",
        VoucherRejection::Mismatch => "mismatch",
        VoucherRejection::Expired => "expired",
    }
}

impl Kernel for VoucherKernel {
    fn output_schema(&self, input: &RecordBatch) -> Result<SchemaRef, Failure> {
        self.check(input)?;
        Ok(self.schema(input))
    }

    fn run(
        &self,
        batch: &RecordBatch,
        first_row: usize,
    ) -> Result<(RecordBatch, Option<Failure>), Failure> {
        self.check(batch)?;
        let src = Source::Batch(batch);
        let scope_cols = Scope::of(src)?;
        let rows = batch.num_rows();
        let mut scope = VoucherScope::any();
        let mut errors = ErrorOut::new(rows);
        let mut columns: Vec<ArrayRef> = vec![batch
            .column_by_name(self.id_name())
            .cloned()
            .ok_or_else(|| null_in(self.id_name()))?];
        match self.mode {
            Mode::Issue => {
                let serials = IntCol::required(src, "serial", "the voucher's serial number")?;
                let mut code = StringBuilder::with_capacity(rows, rows.saturating_mul(21));
                for row in 0..rows {
                    let issued = serials
                        .get::<u64>(row, "serial", "a serial")
                        .and_then(|s| s.ok_or_else(|| null_in("serial")))
                        .and_then(|serial| {
                            scope_cols.fill(row, &mut scope)?;
                            issue_code(&self.key, &self.spec, serial, &scope)
                                .map_err(|e| Failure::core(&e))
                        });
                    match issued {
                        Ok(c) => {
                            code.append_value(&c.code);
                            errors.ok();
                        }
                        Err(f) => {
                            code.append_null();
                            let id = serials.get_i128(row).map(|s| s.to_string());
                            errors.fail(f.at(first_row.saturating_add(row), id.as_deref()));
                        }
                    }
                }
                columns.push(Arc::new(code.finish()));
            }
            Mode::Verify => {
                let codes = StrCol::required(src, "code", "the code presented")?;
                let now = TimeCol::optional(src, "now")?;
                let mut valid = BooleanBuilder::with_capacity(rows);
                let mut serial = Int64Builder::with_capacity(rows);
                let mut reason = StringBuilder::with_capacity(rows, rows.saturating_mul(8));
                for row in 0..rows {
                    let checked = codes
                        .get(row)
                        .ok_or_else(|| null_in("code"))
                        .and_then(|code| {
                            scope_cols.fill(row, &mut scope)?;
                            let at = match now.get(row, "now")? {
                                Some(t) => t,
                                None => self.now.ok_or_else(|| null_in("now"))?,
                            };
                            verify_code(&self.key, &self.spec, code, &scope, at)
                                .map_err(|e| Failure::core(&e))
                        });
                    match checked {
                        Ok(v) => {
                            valid.append_value(v.valid);
                            serial.append_option(v.serial.map(super::output::count64));
                            reason.append_option(v.reason.map(reason_name));
                            errors.ok();
                        }
                        Err(f) => {
                            valid.append_null();
                            serial.append_null();
                            reason.append_null();
                            // The code itself is never repeated in a message or an id.
                            errors.fail(f.at(first_row.saturating_add(row), None));
                        }
                    }
                }
                columns.push(Arc::new(valid.finish()));
                columns.push(Arc::new(serial.finish()));
                columns.push(Arc::new(reason.finish()));
            }
        }
        let (error_columns, first) = errors.finish();
        columns.extend(error_columns);
        let out = RecordBatch::try_new(self.schema(batch), columns)
            .map_err(|e| Failure::internal(format!("output batch: {e}")))?;
        Ok((out, first))
    }
}

/// A key given as bytes, or hex text.
fn key_of(key: &Bound<'_, PyAny>) -> PyResult<VoucherKey> {
    if let Ok(b) = key.cast::<PyBytes>() {
        return VoucherKey::from_bytes(b.as_bytes()).map_err(crate::errors::raise);
    }
    if let Ok(b) = key.cast::<PyByteArray>() {
        return VoucherKey::from_bytes(&b.to_vec()).map_err(crate::errors::raise);
    }
    let hex: String = key
        .extract()
        .map_err(|_| pyo3::exceptions::PyTypeError::new_err("key must be bytes or a hex str"))?;
    VoucherKey::from_hex(&hex).map_err(crate::errors::raise)
}

fn kernel(
    key: &Bound<'_, PyAny>,
    spec: Option<&Bound<'_, PyAny>>,
    mode: Mode,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<Arc<VoucherKernel>> {
    let spec: CodeSpec = match spec {
        Some(s) => wire_value(s)?,
        None => CodeSpec::default(),
    };
    spec.validate().map_err(crate::errors::raise)?;
    Ok(Arc::new(VoucherKernel {
        key: key_of(key)?,
        spec,
        mode,
        now: now.map(wire_value::<DateTime<FixedOffset>>).transpose()?,
    }))
}

/// Issue the code of every serial of an Arrow table (see `o2okit.batch.voucher_issue`).
#[pyfunction]
#[pyo3(signature = (rows, key, *, spec = None, on_error = "keep"))]
pub(crate) fn voucher_issue_table(
    py: Python<'_>,
    rows: AnyRecordBatch,
    key: &Bound<'_, PyAny>,
    spec: Option<&Bound<'_, PyAny>>,
    on_error: &str,
) -> PyResult<PyTable> {
    let on_error = OnError::parse(on_error)?;
    run_table(py, kernel(key, spec, Mode::Issue, None)?, rows, on_error)
}

/// Verify every code of an Arrow table (see `o2okit.batch.voucher_verify`).
#[pyfunction]
#[pyo3(signature = (rows, key, *, spec = None, now = None, on_error = "keep"))]
pub(crate) fn voucher_verify_table(
    py: Python<'_>,
    rows: AnyRecordBatch,
    key: &Bound<'_, PyAny>,
    spec: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    on_error: &str,
) -> PyResult<PyTable> {
    let on_error = OnError::parse(on_error)?;
    run_table(py, kernel(key, spec, Mode::Verify, now)?, rows, on_error)
}

/// Issue codes over a stream lazily.
#[pyfunction]
#[pyo3(signature = (rows, key, *, spec = None, on_error = "keep", batch_size = 65536))]
pub(crate) fn voucher_issue_stream(
    rows: AnyRecordBatch,
    key: &Bound<'_, PyAny>,
    spec: Option<&Bound<'_, PyAny>>,
    on_error: &str,
    batch_size: usize,
) -> PyResult<PyBatchStream> {
    let on_error = OnError::parse(on_error)?;
    PyBatchStream::new(
        kernel(key, spec, Mode::Issue, None)?,
        rows,
        batch_size,
        on_error,
    )
}
