//! Store assignment over Arrow: orders in (one row each: location, items), the chosen
//! store(s), distance, fee and ETA out. The stores are prepared once per call
//! (`PreparedStores`); each order is assigned by `assign_into` into a reused buffer.

use std::sync::Arc;

use arrow_array::builder::{Int32Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::{DateTime, FixedOffset};
use o2okit::{
    AssignBuffer, AssignItem, AssignOrder, AssignPolicy, AssignStatus, Currency, Error, Location,
    PreparedStores, Store,
};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;

use super::columns::{FloatCol, IntCol, ListCol, MoneyCol, Source, StrCol, TimeCol};
use super::errors::Failure;
use super::kernel::{run_table, Kernel, OnError, PyBatchStream};
use super::output::{money_field, text_field, ErrorOut, MoneyOut};
use super::{set_text, wire_value};

pub(crate) struct AssignKernel {
    stores: PreparedStores,
    policy: AssignPolicy,
    currency: Currency,
    now: Option<DateTime<FixedOffset>>,
}

struct Input<'a> {
    order_id: StrCol<'a>,
    lat: FloatCol<'a>,
    lng: FloatCol<'a>,
    items: ListCol<'a>,
    product_id: StrCol<'a>,
    quantity: IntCol<'a>,
    subtotal: MoneyCol<'a>,
    at: TimeCol<'a>,
}

fn null_in(column: &str) -> Failure {
    Failure::value(
        column,
        Error::InvalidInput {
            field: column.to_string(),
            reason: "is null; give a value".into(),
        },
    )
}

impl<'a> Input<'a> {
    fn of(batch: &'a RecordBatch, kernel: &AssignKernel) -> Result<Input<'a>, Failure> {
        let src = Source::Batch(batch);
        let Some((items, s)) = ListCol::structs(src, "items", "product_id, quantity")? else {
            return Err(Failure::schema(
                "items",
                "missing: the input needs a column `items` (a list of structs: product_id, quantity)".into(),
            ));
        };
        let input = Input {
            order_id: StrCol::required(src, "order_id", "the order id")?,
            lat: FloatCol::required(src, "lat", "the delivery latitude in degrees")?,
            lng: FloatCol::required(src, "lng", "the delivery longitude in degrees")?,
            product_id: StrCol::required(s, "product_id", "the product")?,
            quantity: IntCol::required(s, "quantity", "how many")?,
            items,
            subtotal: MoneyCol::optional(src, "subtotal")?,
            at: TimeCol::optional(src, "at")?,
        };
        if input.at.is_absent() && kernel.now.is_none() {
            return Err(Failure::schema(
                "at",
                "missing: give an `at` column (when each order is placed) or now=... for all"
                    .into(),
            ));
        }
        Ok(input)
    }
}

impl AssignKernel {
    fn fill(
        &self,
        input: &Input<'_>,
        row: usize,
        order: &mut AssignOrder,
    ) -> Result<DateTime<FixedOffset>, Failure> {
        order.location = Location {
            lat: input.lat.get(row).ok_or_else(|| null_in("lat"))?,
            lng: input.lng.get(row).ok_or_else(|| null_in("lng"))?,
        };
        let mut n = 0usize;
        for k in input.items.range(row) {
            let product = input
                .product_id
                .get(k)
                .ok_or_else(|| null_in("items.product_id"))?;
            let quantity = input
                .quantity
                .get::<u32>(k, "items.quantity", "a quantity")?
                .ok_or_else(|| null_in("items.quantity"))?;
            match order.items.get_mut(n) {
                Some(item) => {
                    set_text(&mut item.product_id, product);
                    item.quantity = quantity;
                }
                None => order.items.push(AssignItem {
                    product_id: product.to_string(),
                    quantity,
                }),
            }
            n = n.saturating_add(1);
        }
        order.items.truncate(n);
        order.subtotal = input.subtotal.get(row, self.currency, "subtotal")?;
        match input.at.get(row, "at")? {
            Some(t) => Ok(t),
            None => self.now.ok_or_else(|| null_in("at")),
        }
    }

    fn schema(&self, input: &RecordBatch) -> SchemaRef {
        let id_type = input
            .column_by_name("order_id")
            .map_or(DataType::Utf8, |c| c.data_type().clone());
        let mut fields = vec![
            Field::new("order_id", id_type, true),
            text_field("status", true),
            text_field("store_id", true),
            Field::new(
                "stores",
                DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                true,
            ),
            Field::new("distance_m", DataType::Int64, true),
            money_field("fee", self.currency.minor_units(), true),
            Field::new("eta_minutes", DataType::Int32, true),
        ];
        fields.extend(ErrorOut::fields());
        Arc::new(Schema::new(fields))
    }
}

impl Kernel for AssignKernel {
    fn output_schema(&self, input: &RecordBatch) -> Result<SchemaRef, Failure> {
        Input::of(input, self)?;
        Ok(self.schema(input))
    }

    fn run(
        &self,
        batch: &RecordBatch,
        first_row: usize,
    ) -> Result<(RecordBatch, Option<Failure>), Failure> {
        let input = Input::of(batch, self)?;
        let rows = batch.num_rows();
        let mut status = StringBuilder::with_capacity(rows, rows.saturating_mul(8));
        let mut store = StringBuilder::with_capacity(rows, rows.saturating_mul(10));
        let mut stores = ListBuilder::new(StringBuilder::new());
        let mut distance = Int64Builder::with_capacity(rows);
        let mut fee = MoneyOut::new(self.currency.minor_units(), rows);
        let mut eta = Int32Builder::with_capacity(rows);
        let mut errors = ErrorOut::new(rows);
        let mut order = AssignOrder {
            location: Location { lat: 0.0, lng: 0.0 },
            items: Vec::new(),
            subtotal: None,
        };
        let mut buffer = AssignBuffer::default();
        for row in 0..rows {
            let outcome = self.fill(&input, row, &mut order).and_then(|now| {
                let s = self
                    .stores
                    .assign_into(&order, now, &self.policy, &mut buffer)
                    .map_err(|e| Failure::core(&e))?;
                let (f, e) = self
                    .stores
                    .fee_and_eta_of(&self.policy, &buffer)
                    .map_err(|e| Failure::core(&e))?;
                if let Some(f) = f {
                    if f.currency() != self.currency {
                        return Err(Failure::core(&Error::CurrencyMismatch {
                            left: self.currency.code().to_string(),
                            right: f.currency().code().to_string(),
                        }));
                    }
                }
                Ok((s, f, e))
            });
            match outcome {
                Ok((s, f, e)) => {
                    status.append_value(match s {
                        AssignStatus::Assigned => "assigned",
                        AssignStatus::Split => "split",
                        AssignStatus::Unassigned => "unassigned",
                    });
                    let chosen = buffer.chosen();
                    let first = chosen.first().copied();
                    store.append_option(first.and_then(|i| self.stores.store_id(i)));
                    for &i in chosen {
                        stores.values().append_option(self.stores.store_id(i));
                    }
                    stores.append(true);
                    distance.append_option(first.and_then(|i| buffer.distance_m(i)).map(i64::from));
                    fee.push_opt(f.map(|m| m.minor_units()));
                    eta.append_option(e.map(|m| i32::try_from(m).unwrap_or(i32::MAX)));
                    errors.ok();
                }
                Err(failure) => {
                    status.append_null();
                    store.append_null();
                    stores.append(false);
                    distance.append_null();
                    fee.push_null();
                    eta.append_null();
                    errors.fail(failure.at(first_row.saturating_add(row), input.order_id.get(row)));
                }
            }
        }
        let id_column = batch
            .column_by_name("order_id")
            .cloned()
            .ok_or_else(|| null_in("order_id"))?;
        let (error_columns, first) = errors.finish();
        let mut columns: Vec<ArrayRef> = vec![
            id_column,
            Arc::new(status.finish()),
            Arc::new(store.finish()),
            Arc::new(stores.finish()),
            Arc::new(distance.finish()),
            fee.finish(),
            Arc::new(eta.finish()),
        ];
        columns.extend(error_columns);
        let out = RecordBatch::try_new(self.schema(batch), columns)
            .map_err(|e| Failure::internal(format!("output batch: {e}")))?;
        Ok((out, first))
    }
}

fn kernel(
    stores: &Bound<'_, PyAny>,
    currency: &str,
    policy: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<Arc<AssignKernel>> {
    let stores: Vec<Store> = wire_value(stores)?;
    let prepared = PreparedStores::new(&stores).map_err(crate::errors::raise)?;
    let policy: AssignPolicy = match policy {
        Some(p) => wire_value(p)?,
        None => AssignPolicy::default(),
    };
    Ok(Arc::new(AssignKernel {
        stores: prepared,
        policy,
        currency: Currency::from_code(currency).map_err(crate::errors::raise)?,
        now: now.map(wire_value::<DateTime<FixedOffset>>).transpose()?,
    }))
}

/// Assign every order of an Arrow table to a store (see `o2okit.batch.assign`).
#[pyfunction]
#[pyo3(signature = (orders, stores, *, currency, policy = None, now = None, on_error = "keep"))]
pub(crate) fn assign_table(
    py: Python<'_>,
    orders: AnyRecordBatch,
    stores: &Bound<'_, PyAny>,
    currency: &str,
    policy: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    on_error: &str,
) -> PyResult<PyTable> {
    let on_error = OnError::parse(on_error)?;
    run_table(py, kernel(stores, currency, policy, now)?, orders, on_error)
}

/// Assign a stream of order batches lazily.
#[pyfunction]
#[pyo3(signature = (orders, stores, *, currency, policy = None, now = None, on_error = "keep", batch_size = 65536))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn assign_stream(
    orders: AnyRecordBatch,
    stores: &Bound<'_, PyAny>,
    currency: &str,
    policy: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    on_error: &str,
    batch_size: usize,
) -> PyResult<PyBatchStream> {
    let on_error = OnError::parse(on_error)?;
    PyBatchStream::new(
        kernel(stores, currency, policy, now)?,
        orders,
        batch_size,
        on_error,
    )
}
