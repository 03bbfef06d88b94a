//! Running a per-row kernel over Arrow input: a whole table on all cores (rayon, GIL
//! released), or a stream of record batches in bounded memory.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use arrow_array::{RecordBatch, RecordBatchReader};
use arrow_schema::SchemaRef;
use pyo3::exceptions::{PyRuntimeError, PyStopIteration, PyValueError};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::{PyRecordBatch, PySchema, PyTable};
use rayon::prelude::*;

use super::errors::Failure;

/// A computation from input rows to output rows: one output batch per input slice, with
/// failing rows marked in the output (and the first failure returned).
pub(crate) trait Kernel: Send + Sync {
    /// The output schema for input with this schema; checks the input columns (a missing
    /// column, a wrong type) and fails for the whole call.
    fn output_schema(&self, input: &RecordBatch) -> Result<SchemaRef, Failure>;

    /// Run the rows of `batch` (a slice of the input starting at input row `first_row`).
    fn run(
        &self,
        batch: &RecordBatch,
        first_row: usize,
    ) -> Result<(RecordBatch, Option<Failure>), Failure>;
}

/// How a row failure is handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnError {
    /// Mark the row (`error_code`, `error_message`) and go on.
    Keep,
    /// Raise the first failure (the lowest input row).
    Raise,
}

impl OnError {
    pub(crate) fn parse(s: &str) -> PyResult<OnError> {
        match s {
            "keep" => Ok(OnError::Keep),
            "raise" => Ok(OnError::Raise),
            other => Err(PyValueError::new_err(format!(
                "on_error must be \"keep\" (an error_code per row) or \"raise\", not {other:?}"
            ))),
        }
    }
}

/// The smallest slice given to one task.
const MIN_CHUNK: usize = 2048;

/// Cut `rows` rows into slices for the pool: about four per thread, none below
/// [`MIN_CHUNK`] rows (or `max` above it).
fn chunks(rows: usize, max: usize) -> Vec<Range<usize>> {
    let threads = rayon::current_num_threads().max(1);
    let per = rows
        .div_ceil(threads.saturating_mul(4))
        .clamp(MIN_CHUNK.min(max.max(1)), max.max(1));
    let mut out = Vec::new();
    let mut start = 0usize;
    while start < rows {
        let end = start.saturating_add(per).min(rows);
        out.push(start..end);
        start = end;
    }
    out
}

/// Run `kernel` over `batches` (input rows numbered from `first_row`) on all cores: the
/// output batches in input order, and the first failing row.
pub(crate) fn run_batches(
    kernel: &dyn Kernel,
    batches: &[RecordBatch],
    first_row: usize,
    max_chunk: usize,
) -> Result<(Vec<RecordBatch>, Option<Failure>), Failure> {
    let mut tasks: Vec<(&RecordBatch, Range<usize>, usize)> = Vec::new();
    let mut offset = first_row;
    for batch in batches {
        for range in chunks(batch.num_rows(), max_chunk) {
            let at = offset.saturating_add(range.start);
            tasks.push((batch, range, at));
        }
        offset = offset.saturating_add(batch.num_rows());
    }
    let results: Vec<(RecordBatch, Option<Failure>)> = tasks
        .par_iter()
        .map(|(batch, range, at)| {
            let slice = batch.slice(range.start, range.end.saturating_sub(range.start));
            kernel.run(&slice, *at)
        })
        .collect::<Result<_, Failure>>()?;
    let mut first = None;
    let mut out = Vec::with_capacity(results.len());
    for (batch, failure) in results {
        if first.is_none() {
            first = failure;
        }
        out.push(batch);
    }
    Ok((out, first))
}

/// A Python input (anything with `__arrow_c_stream__` or `__arrow_c_array__`) as a reader.
pub(crate) fn reader(input: AnyRecordBatch) -> PyResult<Box<dyn RecordBatchReader + Send>> {
    input.into_reader()
}

/// Run `kernel` over a whole input and return one table (GIL released while it runs).
pub(crate) fn run_table(
    py: Python<'_>,
    kernel: Arc<dyn Kernel>,
    input: AnyRecordBatch,
    on_error: OnError,
) -> PyResult<PyTable> {
    let reader = reader(input)?;
    let schema = reader.schema();
    let outcome = detach_guarded(
        py,
        move || -> Result<(Vec<RecordBatch>, SchemaRef), PyErrText> {
            let batches = reader
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| PyErrText::Arrow(e.to_string()))?;
            let out_schema = kernel
                .output_schema(&RecordBatch::new_empty(schema))
                .map_err(PyErrText::Failure)?;
            let (out, first) = run_batches(kernel.as_ref(), &batches, 0, usize::MAX)
                .map_err(PyErrText::Failure)?;
            if on_error == OnError::Raise {
                if let Some(failure) = first {
                    return Err(PyErrText::Failure(failure));
                }
            }
            Ok((out, out_schema))
        },
    );
    let (batches, schema) = outcome.map_err(PyErrText::into_py)?;
    PyTable::try_new(batches, schema)
}

/// Run `f` with the GIL released; a panic in it (or in a rayon worker it waits for) comes back
/// as [`PyErrText::Panic`], raised as `O2OError` (`internal`) like everywhere in the binding.
pub(crate) fn detach_guarded<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> Result<T, PyErrText> + Send,
) -> Result<T, PyErrText> {
    match py.detach(|| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))) {
        Ok(result) => result,
        Err(payload) => Err(PyErrText::Panic(crate::errors::panic_text(&*payload))),
    }
}

/// An error carried out of a GIL-free section.
pub(crate) enum PyErrText {
    Failure(Failure),
    Arrow(String),
    Panic(String),
}

impl PyErrText {
    pub(crate) fn into_py(self) -> PyErr {
        match self {
            PyErrText::Failure(f) => f.to_py(),
            PyErrText::Arrow(message) => {
                PyRuntimeError::new_err(format!("reading the Arrow input failed: {message}"))
            }
            PyErrText::Panic(what) => crate::errors::internal(&what),
        }
    }
}

struct StreamState {
    reader: Option<Box<dyn RecordBatchReader + Send>>,
    /// The input batch being worked through, and the next row of it to run.
    current: Option<(RecordBatch, usize)>,
    ready: VecDeque<RecordBatch>,
    /// Input rows before `current`.
    rows: usize,
}

/// An iterator of output record batches over a stream of input batches: each input batch
/// is cut into slices of at most `batch_size` rows, each slice run on all cores with the GIL
/// released. Memory stays bounded by the slice size, whatever the input's length.
#[pyclass(name = "BatchStream", module = "o2okit.batch")]
pub(crate) struct PyBatchStream {
    kernel: Arc<dyn Kernel>,
    schema: SchemaRef,
    batch_size: usize,
    on_error: OnError,
    state: Mutex<StreamState>,
}

impl PyBatchStream {
    pub(crate) fn new(
        kernel: Arc<dyn Kernel>,
        input: AnyRecordBatch,
        batch_size: usize,
        on_error: OnError,
    ) -> PyResult<PyBatchStream> {
        if batch_size == 0 {
            return Err(PyValueError::new_err("batch_size must be at least 1"));
        }
        let reader = reader(input)?;
        let schema = kernel
            .output_schema(&RecordBatch::new_empty(reader.schema()))
            .map_err(|f| f.to_py())?;
        Ok(PyBatchStream {
            kernel,
            schema,
            batch_size,
            on_error,
            state: Mutex::new(StreamState {
                reader: Some(reader),
                current: None,
                ready: VecDeque::new(),
                rows: 0,
            }),
        })
    }

    /// The next output batch, or `None` at the end (runs without the GIL).
    fn next_batch(&self, state: &mut StreamState) -> Result<Option<RecordBatch>, PyErrText> {
        loop {
            if let Some(batch) = state.ready.pop_front() {
                return Ok(Some(batch));
            }
            let (batch, start) = match state.current.take() {
                Some(current) => current,
                None => {
                    let Some(reader) = state.reader.as_mut() else {
                        return Ok(None);
                    };
                    match reader.next() {
                        None => {
                            state.reader = None;
                            return Ok(None);
                        }
                        Some(Err(e)) => {
                            state.reader = None;
                            return Err(PyErrText::Arrow(e.to_string()));
                        }
                        Some(Ok(batch)) => (batch, 0),
                    }
                }
            };
            let rows = batch.num_rows();
            if start >= rows {
                state.rows = state.rows.saturating_add(rows);
                continue;
            }
            let len = self.batch_size.min(rows.saturating_sub(start));
            let piece = batch.slice(start, len);
            let first_row = state.rows.saturating_add(start);
            let end = start.saturating_add(len);
            if end < rows {
                state.current = Some((batch, end));
            } else {
                state.rows = state.rows.saturating_add(rows);
            }
            let (out, first) = run_batches(
                self.kernel.as_ref(),
                std::slice::from_ref(&piece),
                first_row,
                self.batch_size,
            )
            .map_err(PyErrText::Failure)?;
            if self.on_error == OnError::Raise {
                if let Some(failure) = first {
                    state.reader = None;
                    state.current = None;
                    return Err(PyErrText::Failure(failure));
                }
            }
            state
                .ready
                .extend(out.into_iter().filter(|b| b.num_rows() > 0));
        }
    }
}

#[pymethods]
impl PyBatchStream {
    /// The schema of the output batches.
    #[getter]
    fn schema(&self) -> PySchema {
        PySchema::new(self.schema.clone())
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<PyRecordBatch> {
        let next = detach_guarded(py, || {
            let mut state = self
                .state
                .lock()
                .map_err(|_| PyErrText::Arrow("the stream was poisoned by a panic".into()))?;
            self.next_batch(&mut state)
        });
        match next.map_err(PyErrText::into_py)? {
            Some(batch) => Ok(PyRecordBatch::new(batch)),
            None => Err(PyStopIteration::new_err(())),
        }
    }
}
