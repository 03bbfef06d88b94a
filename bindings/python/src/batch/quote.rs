//! Promotions over Arrow: carts in (one row each, lines as a list of structs), quotes out,
//! wide (one row per cart: subtotal, discounts, delivery, total, the promotions applied) or
//! long (one row per funded discount: who pays what, as a split reads it). Each cart is
//! built straight from the columns and priced by the core's `quote`.

use std::sync::Arc;

use arrow_array::builder::{ArrayBuilder, Int32Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::{DateTime, FixedOffset};
use o2okit::{
    quote, Cart, CartLine, Channel, CouponSelection, Currency, Customer, DiscountOn, Error,
    Promotion, QuoteContext, SplitOrder,
};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;

use super::columns::{BoolCol, DecimalCol, ListCol, MoneyCol, Source, StrCol, TimeCol};
use super::errors::Failure;
use super::kernel::{run_table, Kernel, OnError, PyBatchStream};
use super::output::{money_field, text_field, ErrorOut, MoneyOut};
use super::{set_opt, set_text, wire_value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Wide,
    Long,
}

pub(crate) struct QuoteKernel {
    promotions: Vec<Promotion>,
    currency: Currency,
    now: Option<DateTime<FixedOffset>>,
    channel: Option<Channel>,
    store_id: Option<String>,
    shape: Shape,
}

struct Input<'a> {
    cart_id: StrCol<'a>,
    lines: ListCol<'a>,
    line_id: StrCol<'a>,
    product_id: StrCol<'a>,
    categories: Option<(ListCol<'a>, StrCol<'a>)>,
    unit_price: MoneyCol<'a>,
    quantity: DecimalCol<'a>,
    promotable: BoolCol<'a>,
    delivery_fee: MoneyCol<'a>,
    now: TimeCol<'a>,
    channel: StrCol<'a>,
    store_id: StrCol<'a>,
    customer_id: StrCol<'a>,
    member_tier: StrCol<'a>,
    first_order: BoolCol<'a>,
    coupons: Option<(ListCol<'a>, StrCol<'a>)>,
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

/// A list of text in column `name` (of `source`).
fn text_list<'a>(
    source: Source<'a>,
    name: &'static str,
) -> Result<Option<(ListCol<'a>, StrCol<'a>)>, Failure> {
    match ListCol::scalars(source, name, "a list of text")? {
        None => Ok(None),
        Some(list) => {
            let values = StrCol::of(list.values, &source.path(name))?;
            Ok(Some((list, values)))
        }
    }
}

impl<'a> Input<'a> {
    fn of(batch: &'a RecordBatch, kernel: &QuoteKernel) -> Result<Input<'a>, Failure> {
        let src = Source::Batch(batch);
        let Some((lines, s)) = ListCol::structs(
            src,
            "lines",
            "id?, product_id, categories?, unit_price, quantity, promotable?",
        )?
        else {
            return Err(Failure::schema(
                "lines",
                "missing: the input needs a column `lines` (a list of structs: product_id, unit_price, quantity, and optionally id, categories, promotable)".into(),
            ));
        };
        let input = Input {
            cart_id: StrCol::required(src, "cart_id", "the cart id")?,
            line_id: StrCol::optional(s, "id")?,
            product_id: StrCol::required(s, "product_id", "the product")?,
            categories: text_list(s, "categories")?,
            unit_price: MoneyCol::required(s, "unit_price", "the unit price")?,
            quantity: match DecimalCol::optional(s, "quantity")? {
                DecimalCol::Absent => {
                    return Err(Failure::schema(
                        "lines.quantity",
                        "missing: each line needs a quantity".into(),
                    ))
                }
                q => q,
            },
            promotable: BoolCol::optional(s, "promotable")?,
            lines,
            delivery_fee: MoneyCol::optional(src, "delivery_fee")?,
            now: TimeCol::optional(src, "now")?,
            channel: StrCol::optional(src, "channel")?,
            store_id: StrCol::optional(src, "store_id")?,
            customer_id: StrCol::optional(src, "customer_id")?,
            member_tier: StrCol::optional(src, "member_tier")?,
            first_order: BoolCol::optional(src, "first_order")?,
            coupons: text_list(src, "coupons")?,
        };
        if input.now.is_absent() && kernel.now.is_none() {
            return Err(Failure::schema(
                "now",
                "missing: give a `now` column (when each cart is priced) or now=... for all".into(),
            ));
        }
        if input.channel.is_absent() && kernel.channel.is_none() {
            return Err(Failure::schema(
                "channel",
                "missing: give a `channel` column or channel=... for all (online_delivery, online_pickup, in_store, dine_in)".into(),
            ));
        }
        Ok(input)
    }
}

/// A channel's wire name as a `Channel`.
pub(crate) fn channel_of(name: &str, column: &str) -> Result<Channel, Failure> {
    [
        Channel::OnlineDelivery,
        Channel::OnlinePickup,
        Channel::InStore,
        Channel::DineIn,
    ]
    .into_iter()
    .find(|c| c.as_str() == name)
    .ok_or_else(|| {
        Failure::value(
            column,
            Error::InvalidInput {
                field: column.to_string(),
                reason: format!(
                    "{name:?} is not a channel: online_delivery, online_pickup, in_store or dine_in"
                ),
            },
        )
    })
}

struct Scratch {
    cart: Cart,
    context: QuoteContext,
}

fn scratch() -> Scratch {
    Scratch {
        cart: Cart {
            lines: Vec::new(),
            delivery_fee: None,
        },
        context: QuoteContext {
            now: chrono::DateTime::UNIX_EPOCH.fixed_offset(),
            channel: Channel::InStore,
            store_id: None,
            customer: Customer::default(),
            usage: Vec::new(),
            coupons: CouponSelection::BestForCustomer,
        },
    }
}

impl QuoteKernel {
    fn fill(&self, input: &Input<'_>, row: usize, s: &mut Scratch) -> Result<(), Failure> {
        let cur = self.currency;
        let mut n = 0usize;
        let mut number = itoa_buffer();
        for k in input.lines.range(row) {
            let product_id = input
                .product_id
                .get(k)
                .ok_or_else(|| null_in("lines.product_id"))?;
            let unit_price = input
                .unit_price
                .get(k, cur, "lines.unit_price")?
                .ok_or_else(|| null_in("lines.unit_price"))?;
            let quantity = input
                .quantity
                .get(k, "lines.quantity")?
                .ok_or_else(|| null_in("lines.quantity"))?;
            let promotable = input.promotable.get(k).unwrap_or(true);
            // Lines without an id are numbered 1, 2, ... in cart order.
            let id = match input.line_id.get(k) {
                Some(id) => id,
                None => number.format(n.saturating_add(1)),
            };
            if s.cart.lines.get(n).is_none() {
                s.cart.lines.push(CartLine {
                    id: String::new(),
                    product_id: String::new(),
                    categories: Vec::new(),
                    unit_price,
                    quantity,
                    promotable,
                });
            }
            let Some(line) = s.cart.lines.get_mut(n) else {
                return Err(Failure::internal("cart line"));
            };
            set_text(&mut line.id, id);
            set_text(&mut line.product_id, product_id);
            line.unit_price = unit_price;
            line.quantity = quantity;
            line.promotable = promotable;
            let mut c = 0usize;
            if let Some((list, values)) = &input.categories {
                for j in list.range(k) {
                    let category = values.get(j).ok_or_else(|| null_in("lines.categories"))?;
                    match line.categories.get_mut(c) {
                        Some(slot) => set_text(slot, category),
                        None => line.categories.push(category.to_string()),
                    }
                    c = c.saturating_add(1);
                }
            }
            line.categories.truncate(c);
            n = n.saturating_add(1);
        }
        s.cart.lines.truncate(n);
        s.cart.delivery_fee = input.delivery_fee.get(row, cur, "delivery_fee")?;

        let ctx = &mut s.context;
        ctx.now = match input.now.get(row, "now")? {
            Some(t) => t,
            None => self.now.ok_or_else(|| null_in("now"))?,
        };
        ctx.channel = match input.channel.get(row) {
            Some(name) => channel_of(name, "channel")?,
            None => self.channel.ok_or_else(|| null_in("channel"))?,
        };
        match input.store_id.get(row) {
            Some(id) => set_opt(&mut ctx.store_id, Some(id)),
            None => set_opt(&mut ctx.store_id, self.store_id.as_deref()),
        }
        set_opt(&mut ctx.customer.id, input.customer_id.get(row));
        set_opt(&mut ctx.customer.member_tier, input.member_tier.get(row));
        ctx.customer.first_order = input.first_order.get(row).unwrap_or(false);
        ctx.coupons = match &input.coupons {
            None => CouponSelection::BestForCustomer,
            Some((list, values)) => {
                let range = list.range(row);
                if range.is_empty() {
                    CouponSelection::BestForCustomer
                } else {
                    let mut coupons = Vec::with_capacity(range.len());
                    for j in range {
                        coupons.push(values.get(j).ok_or_else(|| null_in("coupons"))?.to_string());
                    }
                    CouponSelection::Explicit { coupons }
                }
            }
        };
        Ok(())
    }

    fn schema(&self, input: &RecordBatch) -> SchemaRef {
        let minor = self.currency.minor_units();
        let id_type = input
            .column_by_name("cart_id")
            .map_or(DataType::Utf8, |c| c.data_type().clone());
        let mut fields = vec![Field::new("cart_id", id_type, true)];
        match self.shape {
            Shape::Wide => fields.extend([
                money_field("subtotal", minor, true),
                money_field("discount_total", minor, true),
                money_field("delivery_charged", minor, true),
                money_field("total", minor, true),
                Field::new("discounts", DataType::Int32, true),
                Field::new(
                    "applied",
                    DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                    true,
                ),
                Field::new("rejected", DataType::Int32, true),
                Field::new("funded", DataType::List(Arc::new(funded_item(minor))), true),
            ]),
            Shape::Long => fields.extend([
                text_field("promotion_id", true),
                text_field("funded_by_role", true),
                text_field("funded_by_party_id", true),
                text_field("on", true),
                money_field("amount", minor, true),
            ]),
        }
        fields.extend(ErrorOut::fields());
        Arc::new(Schema::new(fields))
    }
}

/// The struct of one funded discount (who pays what), in the wide output's `funded` list.
fn funded_fields(minor: u32) -> Vec<Field> {
    vec![
        text_field("promotion_id", false),
        text_field("funded_by_role", false),
        text_field("funded_by_party_id", true),
        text_field("on", false),
        money_field("amount", minor, false),
    ]
}

fn funded_item(minor: u32) -> Field {
    Field::new("item", DataType::Struct(funded_fields(minor).into()), true)
}

/// The `funded` list column, built from child columns and offsets.
struct FundedOut {
    offsets: Vec<i32>,
    valid: arrow_buffer::NullBufferBuilder,
    promotion: StringBuilder,
    role: StringBuilder,
    party: StringBuilder,
    on: StringBuilder,
    amount: MoneyOut,
    minor: u32,
}

impl FundedOut {
    fn new(minor: u32, rows: usize) -> FundedOut {
        let mut offsets = Vec::with_capacity(rows.saturating_add(1));
        offsets.push(0);
        FundedOut {
            offsets,
            valid: arrow_buffer::NullBufferBuilder::new(rows),
            promotion: StringBuilder::new(),
            role: StringBuilder::new(),
            party: StringBuilder::new(),
            on: StringBuilder::new(),
            amount: MoneyOut::new(minor, rows),
            minor,
        }
    }

    fn push(&mut self, d: &o2okit::FundedDiscount) {
        self.promotion.append_value(&d.promotion_id);
        self.role.append_value(&d.funded_by.role);
        self.party.append_option(d.funded_by.party_id.as_deref());
        self.on.append_value(on_name(d.on));
        self.amount.push(d.amount.minor_units());
    }

    fn end_row(&mut self, valid: bool) -> Result<(), Failure> {
        let n = i32::try_from(self.promotion.len())
            .map_err(|_| Failure::internal("more than 2^31 funded discounts in one batch"))?;
        self.offsets.push(n);
        if valid {
            self.valid.append_non_null();
        } else {
            self.valid.append_null();
        }
        Ok(())
    }

    fn finish(mut self) -> Result<ArrayRef, Failure> {
        let values = arrow_array::StructArray::try_new(
            funded_fields(self.minor).into(),
            vec![
                Arc::new(self.promotion.finish()) as ArrayRef,
                Arc::new(self.role.finish()),
                Arc::new(self.party.finish()),
                Arc::new(self.on.finish()),
                self.amount.finish(),
            ],
            None,
        )
        .map_err(|e| Failure::internal(format!("funded discounts: {e}")))?;
        let list = arrow_array::ListArray::try_new(
            Arc::new(funded_item(self.minor)),
            arrow_buffer::OffsetBuffer::new(self.offsets.into()),
            Arc::new(values),
            self.valid.finish(),
        )
        .map_err(|e| Failure::internal(format!("funded discounts: {e}")))?;
        Ok(Arc::new(list))
    }
}

fn on_name(on: DiscountOn) -> &'static str {
    match on {
        DiscountOn::Goods => "goods",
        DiscountOn::Delivery => "delivery",
    }
}

/// Numbers as text without allocating per line.
struct Itoa(String);

fn itoa_buffer() -> Itoa {
    Itoa(String::new())
}

impl Itoa {
    fn format(&mut self, n: usize) -> &str {
        use std::fmt::Write;
        self.0.clear();
        let _ = write!(self.0, "{n}");
        &self.0
    }
}

impl Kernel for QuoteKernel {
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
        let minor = self.currency.minor_units();
        let mut s = scratch();
        let mut errors = ErrorOut::new(rows);
        let id_column = batch
            .column_by_name("cart_id")
            .cloned()
            .ok_or_else(|| null_in("cart_id"))?;
        let mut columns: Vec<ArrayRef> = Vec::new();
        match self.shape {
            Shape::Wide => {
                let mut subtotal = MoneyOut::new(minor, rows);
                let mut discount_total = MoneyOut::new(minor, rows);
                let mut delivery = MoneyOut::new(minor, rows);
                let mut total = MoneyOut::new(minor, rows);
                let mut count = Int32Builder::with_capacity(rows);
                let mut applied = ListBuilder::new(StringBuilder::new());
                let mut rejected = Int32Builder::with_capacity(rows);
                let mut funded = FundedOut::new(minor, rows);
                for row in 0..rows {
                    let id = input.cart_id.get(row);
                    let priced = self.fill(&input, row, &mut s).and_then(|()| {
                        let q = quote(&s.cart, &self.promotions, &s.context)
                            .map_err(|e| Failure::core(&e))?;
                        // Who pays what, as a split of this order reads it.
                        let order =
                            SplitOrder::from_quote(id.unwrap_or_default(), s.context.now, &q)
                                .map_err(|e| Failure::core(&e))?;
                        Ok((q, order))
                    });
                    match priced {
                        Ok((q, order)) => {
                            for d in &order.discounts {
                                funded.push(d);
                            }
                            funded.end_row(true)?;
                            subtotal.push(q.subtotal.minor_units());
                            discount_total.push(q.discount_total.minor_units());
                            delivery.push_opt(q.delivery.as_ref().map(|d| d.charged.minor_units()));
                            total.push(q.total.minor_units());
                            count
                                .append_value(i32::try_from(q.discounts.len()).unwrap_or(i32::MAX));
                            for d in &q.discounts {
                                applied.values().append_value(&d.promotion_id);
                            }
                            applied.append(true);
                            rejected
                                .append_value(i32::try_from(q.rejected.len()).unwrap_or(i32::MAX));
                            errors.ok();
                        }
                        Err(f) => {
                            subtotal.push_null();
                            discount_total.push_null();
                            delivery.push_null();
                            total.push_null();
                            count.append_null();
                            applied.append(false);
                            rejected.append_null();
                            funded.end_row(false)?;
                            errors.fail(f.at(first_row.saturating_add(row), id));
                        }
                    }
                }
                columns.push(id_column);
                columns.push(subtotal.finish());
                columns.push(discount_total.finish());
                columns.push(delivery.finish());
                columns.push(total.finish());
                columns.push(Arc::new(count.finish()));
                columns.push(Arc::new(applied.finish()));
                columns.push(Arc::new(rejected.finish()));
                columns.push(funded.finish()?);
            }
            Shape::Long => {
                let mut promotion = StringBuilder::new();
                let mut role = StringBuilder::new();
                let mut party = StringBuilder::new();
                let mut on = StringBuilder::new();
                let mut amount = MoneyOut::new(minor, rows);
                let mut source_row: Vec<u32> = Vec::with_capacity(rows);
                for row in 0..rows {
                    let r = u32::try_from(row)
                        .map_err(|_| Failure::internal("more than 2^32 rows in one batch"))?;
                    let id = input.cart_id.get(row);
                    let funded = self.fill(&input, row, &mut s).and_then(|()| {
                        let q = quote(&s.cart, &self.promotions, &s.context)
                            .map_err(|e| Failure::core(&e))?;
                        // Who pays what, as a split of this order reads it.
                        SplitOrder::from_quote(id.unwrap_or_default(), s.context.now, &q)
                            .map_err(|e| Failure::core(&e))
                    });
                    match funded {
                        Ok(order) => {
                            for d in &order.discounts {
                                source_row.push(r);
                                promotion.append_value(&d.promotion_id);
                                role.append_value(&d.funded_by.role);
                                party.append_option(d.funded_by.party_id.as_deref());
                                on.append_value(on_name(d.on));
                                amount.push(d.amount.minor_units());
                                errors.ok();
                            }
                        }
                        Err(f) => {
                            source_row.push(r);
                            promotion.append_null();
                            role.append_null();
                            party.append_null();
                            on.append_null();
                            amount.push_null();
                            errors.fail(f.at(first_row.saturating_add(row), id));
                        }
                    }
                }
                let indices = arrow_array::UInt32Array::from(source_row);
                columns.push(super::take_column(&id_column, &indices)?);
                columns.push(Arc::new(promotion.finish()));
                columns.push(Arc::new(role.finish()));
                columns.push(Arc::new(party.finish()));
                columns.push(Arc::new(on.finish()));
                columns.push(amount.finish());
            }
        }
        let (error_columns, first) = errors.finish();
        columns.extend(error_columns);
        let out = RecordBatch::try_new(self.schema(batch), columns)
            .map_err(|e| Failure::internal(format!("output batch: {e}")))?;
        Ok((out, first))
    }
}

#[allow(clippy::too_many_arguments)]
fn kernel(
    promotions: &Bound<'_, PyAny>,
    currency: &str,
    now: Option<&Bound<'_, PyAny>>,
    channel: Option<&str>,
    store_id: Option<String>,
    shape: &str,
) -> PyResult<Arc<QuoteKernel>> {
    let promotions: Vec<Promotion> = wire_value(promotions)?;
    let currency = Currency::from_code(currency).map_err(crate::errors::raise)?;
    let now = now.map(wire_value::<DateTime<FixedOffset>>).transpose()?;
    let channel = channel
        .map(|c| channel_of(c, "channel").map_err(|f| f.to_py()))
        .transpose()?;
    let shape = match shape {
        "wide" => Shape::Wide,
        "long" => Shape::Long,
        other => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "shape must be \"wide\" or \"long\", not {other:?}"
            )))
        }
    };
    Ok(Arc::new(QuoteKernel {
        promotions,
        currency,
        now,
        channel,
        store_id,
        shape,
    }))
}

/// Price every cart of an Arrow table (see `o2okit.batch.quote`).
#[pyfunction]
#[pyo3(signature = (carts, promotions, *, currency, now = None, channel = None, store_id = None, shape = "wide", on_error = "keep"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn quote_table(
    py: Python<'_>,
    carts: AnyRecordBatch,
    promotions: &Bound<'_, PyAny>,
    currency: &str,
    now: Option<&Bound<'_, PyAny>>,
    channel: Option<&str>,
    store_id: Option<String>,
    shape: &str,
    on_error: &str,
) -> PyResult<PyTable> {
    let on_error = OnError::parse(on_error)?;
    let kernel = kernel(promotions, currency, now, channel, store_id, shape)?;
    run_table(py, kernel, carts, on_error)
}

/// Price a stream of cart batches lazily (see `o2okit.batch.quote_stream`).
#[pyfunction]
#[pyo3(signature = (carts, promotions, *, currency, now = None, channel = None, store_id = None, shape = "wide", on_error = "keep", batch_size = 65536))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn quote_stream(
    carts: AnyRecordBatch,
    promotions: &Bound<'_, PyAny>,
    currency: &str,
    now: Option<&Bound<'_, PyAny>>,
    channel: Option<&str>,
    store_id: Option<String>,
    shape: &str,
    on_error: &str,
    batch_size: usize,
) -> PyResult<PyBatchStream> {
    let on_error = OnError::parse(on_error)?;
    let kernel = kernel(promotions, currency, now, channel, store_id, shape)?;
    PyBatchStream::new(kernel, carts, batch_size, on_error)
}
