//! Group-buy team simulation over Arrow: observed teams in (one row each: when it opened,
//! when members joined), the core's per-size report out (`groupbuy_simulate`, with the
//! participants refunded), or one row per team and size (`SimulatedTeam::members` and
//! `TeamOutcome`).

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch, UInt32Array};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use o2okit::{groupbuy_simulate, Decimal, SimulatedTeam, TeamOutcome, TeamSimulation, VirtualFill};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;

use super::columns::{IntCol, ListCol, Source, StrCol, TimeCol};
use super::errors::Failure;
use super::kernel::{detach_guarded, reader, run_table, Kernel, OnError, PyBatchStream, PyErrText};
use super::output::{count, count64, decimal_array, text_field, ErrorOut};
use super::take_column;

struct Input<'a> {
    team_id: StrCol<'a>,
    opened_at: TimeCol<'a>,
    offsets: Option<(ListCol<'a>, IntCol<'a>)>,
    times: Option<(ListCol<'a>, TimeCol<'a>)>,
}

impl<'a> Input<'a> {
    fn of(batch: &'a RecordBatch) -> Result<Input<'a>, Failure> {
        let src = Source::Batch(batch);
        let offsets = match ListCol::scalars(src, "join_offsets", "a list of whole seconds")? {
            None => None,
            Some(list) => {
                let values = IntCol::of(list.values, "join_offsets")?;
                Some((list, values))
            }
        };
        let times = match ListCol::scalars(src, "join_times", "a list of timestamps")? {
            None => None,
            Some(list) => {
                let values = TimeCol::of(list.values, "join_times")?;
                Some((list, values))
            }
        };
        if offsets.is_none() && times.is_none() {
            return Err(Failure::schema(
                "join_offsets",
                "missing: give `join_offsets` (a list of seconds after the opening) or `join_times` (a list of timestamps, with `opened_at`)".into(),
            ));
        }
        Ok(Input {
            team_id: StrCol::required(src, "team_id", "the team id")?,
            opened_at: TimeCol::optional(src, "opened_at")?,
            offsets,
            times,
        })
    }

    /// Fill `team` from one row, reusing its vectors.
    fn team(&self, row: usize, team: &mut SimulatedTeam) -> Result<(), Failure> {
        team.opened_at = self.opened_at.get(row, "opened_at")?;
        team.join_offsets.clear();
        if let Some((list, values)) = &self.offsets {
            for k in list.range(row) {
                if let Some(v) =
                    values.get::<u64>(k, "join_offsets", "seconds after the opening")?
                {
                    team.join_offsets.push(v);
                }
            }
        }
        team.join_times.clear();
        if let Some((list, values)) = &self.times {
            for k in list.range(row) {
                if let Some(t) = values.get(k, "join_times")? {
                    team.join_times.push(t);
                }
            }
        }
        Ok(())
    }
}

fn empty_team() -> SimulatedTeam {
    SimulatedTeam {
        opened_at: None,
        join_times: Vec::new(),
        join_offsets: Vec::new(),
    }
}

/// The per-team kernel: one row per team and size.
pub(crate) struct TeamsKernel {
    sizes: Vec<u32>,
    window: u64,
    virtual_fill: Option<VirtualFill>,
}

impl TeamsKernel {
    fn schema(input: &RecordBatch) -> SchemaRef {
        let id_type = input
            .column_by_name("team_id")
            .map_or(DataType::Utf8, |c| c.data_type().clone());
        let mut fields = vec![
            Field::new("team_id", id_type, true),
            Field::new("size", DataType::Int32, true),
            Field::new("members", DataType::Int32, true),
            text_field("outcome", true),
            Field::new("refunded", DataType::Int32, true),
        ];
        fields.extend(ErrorOut::fields());
        Arc::new(Schema::new(fields))
    }
}

impl Kernel for TeamsKernel {
    fn output_schema(&self, input: &RecordBatch) -> Result<SchemaRef, Failure> {
        Input::of(input)?;
        Ok(TeamsKernel::schema(input))
    }

    fn run(
        &self,
        batch: &RecordBatch,
        first_row: usize,
    ) -> Result<(RecordBatch, Option<Failure>), Failure> {
        let input = Input::of(batch)?;
        let rows = batch.num_rows();
        let out_rows = rows.saturating_mul(self.sizes.len().max(1));
        let mut source_row: Vec<u32> = Vec::with_capacity(out_rows);
        let mut size = Int32Builder::with_capacity(out_rows);
        let mut members = Int32Builder::with_capacity(out_rows);
        let mut outcome = StringBuilder::with_capacity(out_rows, out_rows.saturating_mul(8));
        let mut refunded = Int32Builder::with_capacity(out_rows);
        let mut errors = ErrorOut::new(out_rows);
        let mut team = empty_team();
        for row in 0..rows {
            let r = u32::try_from(row)
                .map_err(|_| Failure::internal("more than 2^32 rows in one batch"))?;
            let counted = input
                .team(row, &mut team)
                .and_then(|()| team.members(self.window).map_err(|e| Failure::core(&e)));
            match counted {
                Ok(n) => {
                    for &s in &self.sizes {
                        let o = TeamOutcome::of(n, s, self.virtual_fill);
                        source_row.push(r);
                        size.append_value(count(s));
                        members.append_value(count(n));
                        outcome.append_value(o.as_str());
                        refunded.append_value(count(o.refunded(n)));
                        errors.ok();
                    }
                }
                Err(f) => {
                    source_row.push(r);
                    size.append_null();
                    members.append_null();
                    outcome.append_null();
                    refunded.append_null();
                    errors.fail(f.at(first_row.saturating_add(row), input.team_id.get(row)));
                }
            }
        }
        let id_column = batch
            .column_by_name("team_id")
            .ok_or_else(|| Failure::internal("team_id"))?;
        let ids = take_column(id_column, &UInt32Array::from(source_row))?;
        let (error_columns, first) = errors.finish();
        let mut columns: Vec<ArrayRef> = vec![
            ids,
            Arc::new(size.finish()),
            Arc::new(members.finish()),
            Arc::new(outcome.finish()),
            Arc::new(refunded.finish()),
        ];
        columns.extend(error_columns);
        let out = RecordBatch::try_new(TeamsKernel::schema(batch), columns)
            .map_err(|e| Failure::internal(format!("output batch: {e}")))?;
        Ok((out, first))
    }
}

fn check_sizes(sizes: &[u32], window: u64) -> PyResult<()> {
    // The core checks the same bounds in groupbuy_simulate; a per-team table checks them
    // here once (with the core's limits) so a bad size fails the call, not every row.
    let probe = TeamSimulation {
        sizes: sizes.to_vec(),
        window_seconds: window,
        virtual_fill: None,
        target_success_rate: None,
        teams: vec![empty_team()],
    };
    groupbuy_simulate(&probe)
        .map(|_| ())
        .map_err(crate::errors::raise)
}

fn virtual_fill(min_real: Option<u32>) -> Option<VirtualFill> {
    min_real.map(|min_real| VirtualFill { min_real })
}

/// One row per team and size: members in the window, outcome, participants refunded.
#[pyfunction]
#[pyo3(signature = (teams, *, sizes, window_seconds, virtual_fill_min_real = None, on_error = "keep"))]
pub(crate) fn groupbuy_teams_table(
    py: Python<'_>,
    teams: AnyRecordBatch,
    sizes: Vec<u32>,
    window_seconds: u64,
    virtual_fill_min_real: Option<u32>,
    on_error: &str,
) -> PyResult<PyTable> {
    let on_error = OnError::parse(on_error)?;
    check_sizes(&sizes, window_seconds)?;
    let kernel = Arc::new(TeamsKernel {
        sizes,
        window: window_seconds,
        virtual_fill: virtual_fill(virtual_fill_min_real),
    });
    run_table(py, kernel, teams, on_error)
}

/// The per-team table as a lazy stream.
#[pyfunction]
#[pyo3(signature = (teams, *, sizes, window_seconds, virtual_fill_min_real = None, on_error = "keep", batch_size = 65536))]
pub(crate) fn groupbuy_teams_stream(
    teams: AnyRecordBatch,
    sizes: Vec<u32>,
    window_seconds: u64,
    virtual_fill_min_real: Option<u32>,
    on_error: &str,
    batch_size: usize,
) -> PyResult<PyBatchStream> {
    let on_error = OnError::parse(on_error)?;
    check_sizes(&sizes, window_seconds)?;
    let kernel = Arc::new(TeamsKernel {
        sizes,
        window: window_seconds,
        virtual_fill: virtual_fill(virtual_fill_min_real),
    });
    PyBatchStream::new(kernel, teams, batch_size, on_error)
}

/// The core's simulation report over every team of the input, one row per size, with the
/// participants refunded; a bad team raises (a report has no row to mark).
#[pyfunction]
#[pyo3(signature = (teams, *, sizes, window_seconds, virtual_fill_min_real = None, target_success_rate = None))]
pub(crate) fn groupbuy_simulate_table(
    py: Python<'_>,
    teams: AnyRecordBatch,
    sizes: Vec<u32>,
    window_seconds: u64,
    virtual_fill_min_real: Option<u32>,
    target_success_rate: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyTable> {
    let target: Option<Decimal> = target_success_rate
        .map(crate::numbers::to_decimal)
        .transpose()?;
    let reader = reader(teams)?;
    let fill = virtual_fill(virtual_fill_min_real);
    let outcome = detach_guarded(py, move || -> Result<RecordBatch, PyErrText> {
        let mut request = TeamSimulation {
            sizes,
            window_seconds,
            virtual_fill: fill,
            target_success_rate: target,
            teams: Vec::new(),
        };
        let mut row = 0usize;
        for batch in reader {
            let batch = batch.map_err(|e| PyErrText::Arrow(e.to_string()))?;
            let input = Input::of(&batch).map_err(PyErrText::Failure)?;
            for r in 0..batch.num_rows() {
                let mut team = empty_team();
                // Each team is checked on its own first, so a bad one is named by its row.
                input
                    .team(r, &mut team)
                    .and_then(|()| {
                        team.members(request.window_seconds)
                            .map_err(|e| Failure::core(&e))
                    })
                    .map_err(|f| {
                        PyErrText::Failure(f.at(row.saturating_add(r), input.team_id.get(r)))
                    })?;
                request.teams.push(team);
            }
            row = row.saturating_add(batch.num_rows());
        }
        let report =
            groupbuy_simulate(&request).map_err(|e| PyErrText::Failure(Failure::core(&e)))?;
        // Participants refunded at each size: the members of the teams that fail.
        let mut members = Vec::with_capacity(request.teams.len());
        for team in &request.teams {
            members.push(
                team.members(request.window_seconds)
                    .map_err(|e| PyErrText::Failure(Failure::core(&e)))?,
            );
        }
        let mut size = Int32Builder::new();
        let mut teams_col = Int64Builder::new();
        let mut succeeded = Int64Builder::new();
        let mut virtually = Int64Builder::new();
        let mut failed = Int64Builder::new();
        let mut rate: Vec<i128> = Vec::new();
        let mut meets = BooleanBuilder::new();
        let mut refunded = Int64Builder::new();
        for result in &report.results {
            size.append_value(count(result.size));
            teams_col.append_value(count64(report.teams));
            succeeded.append_value(count64(result.succeeded));
            virtually.append_value(count64(result.virtually_filled));
            failed.append_value(count64(result.failed));
            let mut r = result.success_rate;
            r.rescale(4);
            rate.push(r.mantissa());
            meets.append_option(result.meets_target);
            let total = members.iter().fold(0u64, |acc, &n| {
                acc.saturating_add(u64::from(
                    TeamOutcome::of(n, result.size, request.virtual_fill).refunded(n),
                ))
            });
            refunded.append_value(count64(total));
        }
        let schema = Arc::new(Schema::new(vec![
            Field::new("size", DataType::Int32, false),
            Field::new("teams", DataType::Int64, false),
            Field::new("succeeded", DataType::Int64, false),
            Field::new("virtually_filled", DataType::Int64, false),
            Field::new("failed", DataType::Int64, false),
            Field::new("success_rate", DataType::Decimal128(38, 4), false),
            Field::new("meets_target", DataType::Boolean, true),
            Field::new("refunded", DataType::Int64, false),
        ]));
        let columns: Vec<ArrayRef> = vec![
            Arc::new(size.finish()),
            Arc::new(teams_col.finish()),
            Arc::new(succeeded.finish()),
            Arc::new(virtually.finish()),
            Arc::new(failed.finish()),
            decimal_array(rate, None, 4),
            Arc::new(meets.finish()),
            Arc::new(refunded.finish()),
        ];
        RecordBatch::try_new(schema, columns)
            .map_err(|e| PyErrText::Failure(Failure::internal(format!("output batch: {e}"))))
    });
    let batch = outcome.map_err(PyErrText::into_py)?;
    let schema = batch.schema();
    PyTable::try_new(vec![batch], schema)
}
