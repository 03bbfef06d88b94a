//! Stored-value cards and points over Arrow: one row per card (or member) with its event
//! log as a list of structs, replayed by the core's `card_replay` / `points_replay`; one row
//! out per card with the final balances and the totals that reconcile them.

use std::sync::Arc;

use arrow_array::builder::{Int32Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::{DateTime, FixedOffset};
use o2okit::{
    card_replay, points_replay, CardEvent, CardKind, CardLimits, CardRules, CardSpec, CardStatus,
    Currency, Error, Money, PointsEvent, PointsProgram, TimedCardEvent, TimedPointsEvent,
};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;

use super::columns::{IntCol, ListCol, MoneyCol, Source, StrCol, TimeCol};
use super::errors::Failure;
use super::kernel::{run_table, Kernel, OnError, PyBatchStream};
use super::output::{money_field, text_field, ErrorOut, MoneyOut};
use super::wire_value;

fn null_in(column: &str) -> Failure {
    Failure::value(
        column,
        Error::InvalidInput {
            field: column.to_string(),
            reason: "is null; give a value".into(),
        },
    )
}

fn bad(column: &str, reason: String) -> Failure {
    Failure::value(
        column,
        Error::InvalidInput {
            field: column.to_string(),
            reason,
        },
    )
}

struct Events<'a> {
    list: ListCol<'a>,
    at: TimeCol<'a>,
    kind: StrCol<'a>,
    amount: MoneyCol<'a>,
    points: IntCol<'a>,
    order_id: StrCol<'a>,
    key: StrCol<'a>,
}

fn events<'a>(src: Source<'a>, fields: &str, points: bool) -> Result<Events<'a>, Failure> {
    let Some((list, s)) = ListCol::structs(src, "events", fields)? else {
        return Err(Failure::schema(
            "events",
            format!("missing: the input needs a column `events` (a list of structs: {fields})"),
        ));
    };
    Ok(Events {
        list,
        at: TimeCol::required(s, "at", "when the event happened")?,
        kind: StrCol::required(s, "type", "the event type")?,
        amount: MoneyCol::optional(s, "amount")?,
        points: if points {
            match s.get("points") {
                Some(a) => IntCol::of(a, "events.points")?,
                None => IntCol::Absent,
            }
        } else {
            IntCol::Absent
        },
        order_id: StrCol::optional(s, "order_id")?,
        key: StrCol::optional(s, "key")?,
    })
}

fn time(e: &Events<'_>, k: usize) -> Result<DateTime<FixedOffset>, Failure> {
    e.at.get(k, "events.at")?
        .ok_or_else(|| null_in("events.at"))
}

fn amount(e: &Events<'_>, k: usize, currency: Currency) -> Result<Money, Failure> {
    e.amount
        .get(k, currency, "events.amount")?
        .ok_or_else(|| null_in("events.amount"))
}

fn order_id(e: &Events<'_>, k: usize) -> Result<String, Failure> {
    e.order_id
        .get(k)
        .map(str::to_string)
        .ok_or_else(|| null_in("events.order_id"))
}

pub(crate) struct CardKernel {
    currency: Currency,
    kind: CardKind,
    limits: CardLimits,
    rules: CardRules,
}

const CARD_EVENTS: &str = "at, type (top_up, spend, refund, close), amount, order_id, key";

impl CardKernel {
    fn schema(&self, input: &RecordBatch) -> SchemaRef {
        let minor = self.currency.minor_units();
        let id_type = input
            .column_by_name("card_id")
            .map_or(DataType::Utf8, |c| c.data_type().clone());
        let mut fields = vec![
            Field::new("card_id", id_type, true),
            text_field("status", true),
        ];
        for name in [
            "principal",
            "bonus",
            "topped_up",
            "bonus_granted",
            "spent_principal",
            "spent_bonus",
            "refunded_principal",
            "refunded_bonus",
            "paid_out",
            "bonus_forfeited",
        ] {
            fields.push(money_field(name, minor, true));
        }
        fields.push(Field::new("events", DataType::Int32, true));
        fields.extend(ErrorOut::fields());
        Arc::new(Schema::new(fields))
    }

    fn log(&self, e: &Events<'_>, row: usize) -> Result<Vec<TimedCardEvent>, Failure> {
        let cur = self.currency;
        let range = e.list.range(row);
        let mut out = Vec::with_capacity(range.len());
        for k in range {
            let event = match e.kind.get(k).ok_or_else(|| null_in("events.type"))? {
                "top_up" => CardEvent::TopUp {
                    amount: amount(e, k, cur)?,
                    key: e.key.get(k).map(str::to_string),
                },
                "spend" => CardEvent::Spend {
                    order_id: order_id(e, k)?,
                    amount: amount(e, k, cur)?,
                },
                "refund" => CardEvent::Refund {
                    order_id: order_id(e, k)?,
                    amount: amount(e, k, cur)?,
                },
                "close" => CardEvent::Close,
                other => {
                    return Err(bad(
                        "events.type",
                        format!("{other:?} is not a card event: top_up, spend, refund or close"),
                    ))
                }
            };
            out.push(TimedCardEvent {
                at: time(e, k)?,
                event,
            });
        }
        Ok(out)
    }
}

impl Kernel for CardKernel {
    fn output_schema(&self, input: &RecordBatch) -> Result<SchemaRef, Failure> {
        StrCol::required(Source::Batch(input), "card_id", "the card id")?;
        events(Source::Batch(input), CARD_EVENTS, false)?;
        Ok(self.schema(input))
    }

    fn run(
        &self,
        batch: &RecordBatch,
        first_row: usize,
    ) -> Result<(RecordBatch, Option<Failure>), Failure> {
        let src = Source::Batch(batch);
        let ids = StrCol::required(src, "card_id", "the card id")?;
        let e = events(src, CARD_EVENTS, false)?;
        let rows = batch.num_rows();
        let minor = self.currency.minor_units();
        let mut status = StringBuilder::with_capacity(rows, rows.saturating_mul(6));
        let mut money: Vec<MoneyOut> = (0..10).map(|_| MoneyOut::new(minor, rows)).collect();
        let mut count = Int32Builder::with_capacity(rows);
        let mut errors = ErrorOut::new(rows);
        for row in 0..rows {
            let id = ids.get(row);
            let replayed = id.ok_or_else(|| null_in("card_id")).and_then(|id| {
                let spec = CardSpec {
                    id: id.to_string(),
                    currency: self.currency,
                    kind: self.kind,
                    limits: self.limits.clone(),
                };
                let log = self.log(&e, row)?;
                card_replay(&spec, &self.rules, &log)
                    .map(|r| (r, log.len()))
                    .map_err(|err| Failure::core(&err))
            });
            match replayed {
                Ok((r, n)) => {
                    status.append_value(match r.card.status {
                        CardStatus::Open => "open",
                        CardStatus::Closed => "closed",
                    });
                    let t = &r.totals;
                    for (out, m) in money.iter_mut().zip([
                        r.card.principal,
                        r.card.bonus,
                        t.topped_up,
                        t.bonus_granted,
                        t.spent_principal,
                        t.spent_bonus,
                        t.refunded_principal,
                        t.refunded_bonus,
                        t.paid_out,
                        t.bonus_forfeited,
                    ]) {
                        out.push(m.minor_units());
                    }
                    count.append_value(i32::try_from(n).unwrap_or(i32::MAX));
                    errors.ok();
                }
                Err(f) => {
                    status.append_null();
                    for out in &mut money {
                        out.push_null();
                    }
                    count.append_null();
                    errors.fail(f.at(first_row.saturating_add(row), id));
                }
            }
        }
        let id_column = batch
            .column_by_name("card_id")
            .cloned()
            .ok_or_else(|| null_in("card_id"))?;
        let mut columns: Vec<ArrayRef> = vec![id_column, Arc::new(status.finish())];
        columns.extend(money.into_iter().map(MoneyOut::finish));
        columns.push(Arc::new(count.finish()));
        let (error_columns, first) = errors.finish();
        columns.extend(error_columns);
        let out = RecordBatch::try_new(self.schema(batch), columns)
            .map_err(|e| Failure::internal(format!("output batch: {e}")))?;
        Ok((out, first))
    }
}

fn card_kernel(
    currency: &str,
    rules: Option<&Bound<'_, PyAny>>,
    kind: &str,
    max_balance: Option<&Bound<'_, PyAny>>,
) -> PyResult<Arc<CardKernel>> {
    let currency = Currency::from_code(currency).map_err(crate::errors::raise)?;
    let kind = match kind {
        "registered" => CardKind::Registered,
        "anonymous" => CardKind::Anonymous,
        other => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "kind must be \"registered\" or \"anonymous\", not {other:?}"
            )))
        }
    };
    let max_balance = match max_balance {
        None => None,
        Some(m) => Some(match m.cast::<crate::money::PyMoney>() {
            Ok(money) => money.get().0,
            Err(_) => Money::new(crate::numbers::to_decimal(m)?, currency)
                .map_err(crate::errors::raise)?,
        }),
    };
    Ok(Arc::new(CardKernel {
        currency,
        kind,
        limits: CardLimits { max_balance },
        rules: match rules {
            Some(r) => wire_value(r)?,
            None => CardRules::default(),
        },
    }))
}

/// Replay every card of an Arrow table (see `o2okit.batch.card_replay`).
#[pyfunction]
#[pyo3(signature = (cards, *, currency, rules = None, kind = "registered", max_balance = None, on_error = "keep"))]
pub(crate) fn card_replay_table(
    py: Python<'_>,
    cards: AnyRecordBatch,
    currency: &str,
    rules: Option<&Bound<'_, PyAny>>,
    kind: &str,
    max_balance: Option<&Bound<'_, PyAny>>,
    on_error: &str,
) -> PyResult<PyTable> {
    let on_error = OnError::parse(on_error)?;
    run_table(
        py,
        card_kernel(currency, rules, kind, max_balance)?,
        cards,
        on_error,
    )
}

/// Replay a stream of card batches lazily.
#[pyfunction]
#[pyo3(signature = (cards, *, currency, rules = None, kind = "registered", max_balance = None, on_error = "keep", batch_size = 65536))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn card_replay_stream(
    cards: AnyRecordBatch,
    currency: &str,
    rules: Option<&Bound<'_, PyAny>>,
    kind: &str,
    max_balance: Option<&Bound<'_, PyAny>>,
    on_error: &str,
    batch_size: usize,
) -> PyResult<PyBatchStream> {
    let on_error = OnError::parse(on_error)?;
    PyBatchStream::new(
        card_kernel(currency, rules, kind, max_balance)?,
        cards,
        batch_size,
        on_error,
    )
}

pub(crate) struct PointsKernel {
    program: PointsProgram,
    currency: Currency,
    until: Option<DateTime<FixedOffset>>,
}

const POINTS_EVENTS: &str =
    "at, type (earn, redeem, tick), amount (earn), points (redeem), order_id";

impl PointsKernel {
    fn schema(input: &RecordBatch) -> SchemaRef {
        let id_type = input
            .column_by_name("member_id")
            .map_or(DataType::Utf8, |c| c.data_type().clone());
        let mut fields = vec![Field::new("member_id", id_type, true)];
        for name in ["balance", "earned", "redeemed", "expired"] {
            fields.push(Field::new(name, DataType::Int64, true));
        }
        fields.push(Field::new("events", DataType::Int32, true));
        fields.extend(ErrorOut::fields());
        Arc::new(Schema::new(fields))
    }

    fn log(&self, e: &Events<'_>, row: usize) -> Result<Vec<TimedPointsEvent>, Failure> {
        let range = e.list.range(row);
        let mut out = Vec::with_capacity(range.len());
        for k in range {
            let event = match e.kind.get(k).ok_or_else(|| null_in("events.type"))? {
                "earn" => PointsEvent::Earn {
                    order_id: e.order_id.get(k).map(str::to_string),
                    amount: amount(e, k, self.currency)?,
                    lines: Vec::new(),
                },
                "redeem" => PointsEvent::Redeem {
                    points: e
                        .points
                        .get::<u64>(k, "events.points", "points")?
                        .ok_or_else(|| null_in("events.points"))?,
                    order_id: e.order_id.get(k).map(str::to_string),
                },
                "tick" => PointsEvent::Tick,
                other => {
                    return Err(bad(
                        "events.type",
                        format!("{other:?} is not a points event: earn, redeem or tick"),
                    ))
                }
            };
            out.push(TimedPointsEvent {
                at: time(e, k)?,
                event,
            });
        }
        Ok(out)
    }
}

impl Kernel for PointsKernel {
    fn output_schema(&self, input: &RecordBatch) -> Result<SchemaRef, Failure> {
        StrCol::required(Source::Batch(input), "member_id", "the member id")?;
        events(Source::Batch(input), POINTS_EVENTS, true)?;
        Ok(PointsKernel::schema(input))
    }

    fn run(
        &self,
        batch: &RecordBatch,
        first_row: usize,
    ) -> Result<(RecordBatch, Option<Failure>), Failure> {
        let src = Source::Batch(batch);
        let ids = StrCol::required(src, "member_id", "the member id")?;
        let e = events(src, POINTS_EVENTS, true)?;
        let rows = batch.num_rows();
        let mut totals: Vec<Int64Builder> =
            (0..4).map(|_| Int64Builder::with_capacity(rows)).collect();
        let mut count = Int32Builder::with_capacity(rows);
        let mut errors = ErrorOut::new(rows);
        for row in 0..rows {
            let replayed = self.log(&e, row).and_then(|log| {
                points_replay(&self.program, &log, self.until)
                    .map(|r| (r, log.len()))
                    .map_err(|err| Failure::core(&err))
            });
            match replayed {
                Ok((r, n)) => {
                    let t = r.totals;
                    for (out, v) in totals
                        .iter_mut()
                        .zip([t.balance, t.earned, t.redeemed, t.expired])
                    {
                        out.append_value(super::output::count64(v));
                    }
                    count.append_value(i32::try_from(n).unwrap_or(i32::MAX));
                    errors.ok();
                }
                Err(f) => {
                    for out in &mut totals {
                        out.append_null();
                    }
                    count.append_null();
                    errors.fail(f.at(first_row.saturating_add(row), ids.get(row)));
                }
            }
        }
        let id_column = batch
            .column_by_name("member_id")
            .cloned()
            .ok_or_else(|| null_in("member_id"))?;
        let mut columns: Vec<ArrayRef> = vec![id_column];
        columns.extend(
            totals
                .into_iter()
                .map(|mut b| Arc::new(b.finish()) as ArrayRef),
        );
        columns.push(Arc::new(count.finish()));
        let (error_columns, first) = errors.finish();
        columns.extend(error_columns);
        let out = RecordBatch::try_new(PointsKernel::schema(batch), columns)
            .map_err(|e| Failure::internal(format!("output batch: {e}")))?;
        Ok((out, first))
    }
}

fn points_kernel(
    program: &Bound<'_, PyAny>,
    currency: &str,
    until: Option<&Bound<'_, PyAny>>,
) -> PyResult<Arc<PointsKernel>> {
    Ok(Arc::new(PointsKernel {
        program: wire_value(program)?,
        currency: Currency::from_code(currency).map_err(crate::errors::raise)?,
        until: until.map(wire_value::<DateTime<FixedOffset>>).transpose()?,
    }))
}

/// Replay every member's points log of an Arrow table (see `o2okit.batch.points_replay`).
#[pyfunction]
#[pyo3(signature = (members, program, *, currency, until = None, on_error = "keep"))]
pub(crate) fn points_replay_table(
    py: Python<'_>,
    members: AnyRecordBatch,
    program: &Bound<'_, PyAny>,
    currency: &str,
    until: Option<&Bound<'_, PyAny>>,
    on_error: &str,
) -> PyResult<PyTable> {
    let on_error = OnError::parse(on_error)?;
    run_table(
        py,
        points_kernel(program, currency, until)?,
        members,
        on_error,
    )
}

/// Replay a stream of members' points logs lazily.
#[pyfunction]
#[pyo3(signature = (members, program, *, currency, until = None, on_error = "keep", batch_size = 65536))]
pub(crate) fn points_replay_stream(
    members: AnyRecordBatch,
    program: &Bound<'_, PyAny>,
    currency: &str,
    until: Option<&Bound<'_, PyAny>>,
    on_error: &str,
    batch_size: usize,
) -> PyResult<PyBatchStream> {
    let on_error = OnError::parse(on_error)?;
    PyBatchStream::new(
        points_kernel(program, currency, until)?,
        members,
        batch_size,
        on_error,
    )
}
