//! Revenue split over Arrow: orders in (one row each), ledgers out wide (one amount column
//! per rule or per role) or long (one row per ledger line). Each row is converted straight
//! into a reused `SplitOrder` and split by `CompiledPlan::split_into`; the lines are read
//! back through `CompiledPlan::lines` into the output columns. No JSON, and no allocation
//! per order once the scratch order has grown.

use std::sync::Arc;

use arrow_array::builder::{Int32Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch, UInt32Array};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use o2okit::{
    CompiledPlan, Currency, DiscountOn, Error, FundedBy, FundedDiscount, LineKind, Party, Role,
    SplitBuffer, SplitOrder, SplitPlan, Touchpoint,
};
use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;

use super::columns::{DecimalCol, ListCol, MoneyCol, Source, StrCol, TimeCol};
use super::errors::Failure;
use super::kernel::{run_table, Kernel, OnError, PyBatchStream};
use super::output::{money_field, text_field, ErrorOut, MoneyOut};
use super::{set_opt, set_text, take_column, wire_value};

/// A split plan validated and compiled once, for many batches (and for Spark workers: it
/// pickles as its wire JSON).
#[pyclass(frozen, name = "CompiledPlan", module = "o2okit.batch")]
pub(crate) struct PyCompiledPlan {
    pub(crate) plan: Arc<CompiledPlan>,
    json: String,
}

#[pymethods]
impl PyCompiledPlan {
    /// Validate and compile `plan` (a `SplitPlan` mapping or its JSON text).
    #[new]
    fn new(plan: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed: SplitPlan = wire_value(plan)?;
        let compiled = parsed.compile().map_err(crate::errors::raise)?;
        let json = serde_json::to_string(&parsed)
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
        Ok(PyCompiledPlan {
            plan: Arc::new(compiled),
            json,
        })
    }

    /// The plan's wire dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = serde_json::to_value(self.plan.plan())
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
        crate::node::Node::from(value).to_py(py)
    }

    /// The rule ids, in plan order (the wide output's amount columns, before `remainder`).
    #[getter]
    fn rule_ids(&self) -> Vec<String> {
        self.plan
            .plan()
            .rules
            .iter()
            .map(|r| r.id.clone())
            .collect()
    }

    /// The currency of the plan's fixed amounts, if it has any.
    #[getter]
    fn currency(&self) -> Option<&'static str> {
        self.plan.currency().map(|c| c.code())
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> (Bound<'py, PyType>, (String,)) {
        (py.get_type::<Self>(), (self.json.clone(),))
    }

    fn __repr__(&self) -> String {
        let plan = self.plan.plan();
        format!(
            "CompiledPlan({}rules={:?}, remainder={:?})",
            plan.id
                .as_ref()
                .map_or(String::new(), |id| format!("id={id:?}, ")),
            plan.rules.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            plan.remainder.role.as_str()
        )
    }
}

/// A plan argument: a `CompiledPlan`, a mapping or JSON text.
fn compiled(plan: &Bound<'_, PyAny>) -> PyResult<Arc<CompiledPlan>> {
    if let Ok(c) = plan.cast::<PyCompiledPlan>() {
        return Ok(c.get().plan.clone());
    }
    let parsed: SplitPlan = wire_value(plan)?;
    Ok(Arc::new(parsed.compile().map_err(crate::errors::raise)?))
}

/// The output shape.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// One amount column per rule, then `remainder` and `subsidies`.
    ByRule,
    /// One amount column per role, then `other_roles`.
    ByRole,
    /// One row per ledger line.
    Long,
}

/// Where a line's amount goes in the wide output.
#[derive(Debug, Clone)]
struct Wide {
    columns: Vec<String>,
    /// Rule index → column.
    rule: Vec<usize>,
    remainder: usize,
    /// By rule: the `subsidies` column; by role: `other_roles`.
    rest: usize,
    /// By role: role name → column.
    roles: Vec<(String, usize)>,
}

const WIDE_FIXED: [&str; 3] = ["order_id", "error_code", "error_message"];

impl Wide {
    fn new(plan: &CompiledPlan, by_role: bool, extra_roles: &[String]) -> Result<Wide, Failure> {
        let p = plan.plan();
        let mut columns: Vec<String> = Vec::new();
        let mut roles: Vec<(String, usize)> = Vec::new();
        let mut column_of_role = |name: &str, columns: &mut Vec<String>| -> usize {
            if let Some((_, c)) = roles.iter().find(|(r, _)| r == name) {
                return *c;
            }
            columns.push(name.to_string());
            let c = columns.len().saturating_sub(1);
            roles.push((name.to_string(), c));
            c
        };
        let (rule, remainder, rest);
        if by_role {
            rule = p
                .rules
                .iter()
                .map(|r| column_of_role(r.to.role.as_str(), &mut columns))
                .collect();
            remainder = column_of_role(p.remainder.role.as_str(), &mut columns);
            for role in extra_roles {
                column_of_role(role, &mut columns);
            }
            columns.push("other_roles".to_string());
            rest = columns.len().saturating_sub(1);
        } else {
            columns.extend(p.rules.iter().map(|r| r.id.clone()));
            rule = (0..p.rules.len()).collect();
            columns.push("remainder".to_string());
            remainder = columns.len().saturating_sub(1);
            columns.push("subsidies".to_string());
            rest = columns.len().saturating_sub(1);
        }
        for (i, name) in columns.iter().enumerate() {
            if WIDE_FIXED.contains(&name.as_str())
                || columns.get(..i).is_some_and(|before| before.contains(name))
            {
                return Err(Failure::whole(&Error::InvalidPlan {
                    field: format!("output column {name:?}"),
                    reason: format!(
                        "the wide output would have two columns named {name:?}; rename the rule (or role) or use shape=\"long\""
                    ),
                }));
            }
        }
        Ok(Wide {
            columns,
            rule,
            remainder,
            rest,
            roles,
        })
    }

    fn column(&self, kind: LineKind, rule_index: Option<usize>, role: &str) -> usize {
        match kind {
            LineKind::Rule => rule_index
                .and_then(|i| self.rule.get(i).copied())
                .unwrap_or(self.rest),
            LineKind::Remainder => self.remainder,
            LineKind::Subsidy => self
                .roles
                .iter()
                .find(|(r, _)| r == role)
                .map_or(self.rest, |(_, c)| *c),
        }
    }
}

pub(crate) struct SplitKernel {
    plan: Arc<CompiledPlan>,
    currency: Currency,
    shape: Shape,
    wide: Wide,
}

/// The input columns of one batch (see the README's table).
struct Input<'a> {
    order_id: StrCol<'a>,
    at: TimeCol<'a>,
    paid: MoneyCol<'a>,
    delivery_fee: MoneyCol<'a>,
    cost: MoneyCol<'a>,
    volume: DecimalCol<'a>,
    party_columns: Vec<(String, StrCol<'a>)>,
    parties: Option<(ListCol<'a>, StrCol<'a>, StrCol<'a>)>,
    discounts: Option<Discounts<'a>>,
    journey: Option<Journey<'a>>,
}

struct Discounts<'a> {
    list: ListCol<'a>,
    promotion_id: StrCol<'a>,
    amount: MoneyCol<'a>,
    role: StrCol<'a>,
    party_id: StrCol<'a>,
    on: StrCol<'a>,
}

struct Journey<'a> {
    list: ListCol<'a>,
    channel: StrCol<'a>,
    party_id: StrCol<'a>,
    stage: StrCol<'a>,
    at: TimeCol<'a>,
}

/// Columns named `party_<role>` give the order's party for that role.
const PARTY_PREFIX: &str = "party_";

impl<'a> Input<'a> {
    fn of(batch: &'a RecordBatch) -> Result<Input<'a>, Failure> {
        let src = Source::Batch(batch);
        let mut party_columns = Vec::new();
        for field in batch.schema().fields() {
            if let Some(role) = field.name().strip_prefix(PARTY_PREFIX) {
                if let Some(array) = batch.column_by_name(field.name()) {
                    party_columns.push((role.to_string(), StrCol::of(array, field.name())?));
                }
            }
        }
        let parties = match ListCol::structs(src, "parties", "role, party_id")? {
            None => None,
            Some((list, s)) => Some((
                list,
                StrCol::required(s, "role", "the role a party fills")?,
                StrCol::required(s, "party_id", "the party")?,
            )),
        };
        let discounts = match ListCol::structs(
            src,
            "discounts",
            "promotion_id, amount, funded_by_role, funded_by_party_id?, on?",
        )? {
            None => None,
            Some((list, s)) => Some(Discounts {
                list,
                promotion_id: StrCol::required(s, "promotion_id", "the promotion")?,
                amount: MoneyCol::required(s, "amount", "what the customer saved")?,
                role: StrCol::required(s, "funded_by_role", "the funding role")?,
                party_id: StrCol::optional(s, "funded_by_party_id")?,
                on: StrCol::optional(s, "on")?,
            }),
        };
        let journey = match ListCol::structs(src, "journey", "channel, party_id, at, stage?")? {
            None => None,
            Some((list, s)) => Some(Journey {
                list,
                channel: StrCol::required(s, "channel", "the touchpoint's channel")?,
                party_id: StrCol::required(s, "party_id", "the party credited")?,
                stage: StrCol::optional(s, "stage")?,
                at: TimeCol::required(s, "at", "when the touch happened")?,
            }),
        };
        Ok(Input {
            order_id: StrCol::required(src, "order_id", "the order id")?,
            at: TimeCol::required(src, "at", "when the order was paid")?,
            paid: MoneyCol::required(src, "paid", "what the customer paid")?,
            delivery_fee: MoneyCol::optional(src, "delivery_fee")?,
            cost: MoneyCol::optional(src, "cost")?,
            volume: DecimalCol::optional(src, "volume")?,
            party_columns,
            parties,
            discounts,
            journey,
        })
    }
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

fn set_party(parties: &mut Vec<Party>, n: usize, role: &str, party_id: &str) {
    match parties.get_mut(n) {
        Some(p) => {
            if p.role.as_str() != role {
                p.role = Role::from_name(role);
            }
            set_text(&mut p.party_id, party_id);
        }
        None => parties.push(Party::new(Role::from_name(role), party_id)),
    }
}

impl SplitKernel {
    /// Fill the scratch order from one row (reusing its strings and vectors).
    fn fill(&self, input: &Input<'_>, row: usize, order: &mut SplitOrder) -> Result<(), Failure> {
        let cur = self.currency;
        set_text(
            &mut order.id,
            input.order_id.get(row).ok_or_else(|| null_in("order_id"))?,
        );
        order.at = input.at.get(row, "at")?.ok_or_else(|| null_in("at"))?;
        order.paid = input.paid.get(row, cur, "paid")?;
        order.delivery_fee = input.delivery_fee.get(row, cur, "delivery_fee")?;
        order.cost = input.cost.get(row, cur, "cost")?;
        order.volume = input.volume.get(row, "volume")?;

        let mut n = 0usize;
        for (role, column) in &input.party_columns {
            if let Some(party_id) = column.get(row) {
                set_party(&mut order.parties, n, role, party_id);
                n = n.saturating_add(1);
            }
        }
        if let Some((list, role, party_id)) = &input.parties {
            for k in list.range(row) {
                let r = role.get(k).ok_or_else(|| null_in("parties.role"))?;
                let p = party_id.get(k).ok_or_else(|| null_in("parties.party_id"))?;
                set_party(&mut order.parties, n, r, p);
                n = n.saturating_add(1);
            }
        }
        order.parties.truncate(n);

        let mut n = 0usize;
        if let Some(d) = &input.discounts {
            for k in d.list.range(row) {
                let promotion_id = d
                    .promotion_id
                    .get(k)
                    .ok_or_else(|| null_in("discounts.promotion_id"))?;
                let amount = d
                    .amount
                    .get(k, cur, "discounts.amount")?
                    .ok_or_else(|| null_in("discounts.amount"))?;
                let role = d
                    .role
                    .get(k)
                    .ok_or_else(|| null_in("discounts.funded_by_role"))?;
                let on = match d.on.get(k) {
                    None | Some("goods") => DiscountOn::Goods,
                    Some("delivery") => DiscountOn::Delivery,
                    Some(other) => {
                        return Err(Failure::value(
                            "discounts.on",
                            Error::InvalidInput {
                                field: "discounts.on".into(),
                                reason: format!("{other:?} is neither \"goods\" nor \"delivery\""),
                            },
                        ))
                    }
                };
                match order.discounts.get_mut(n) {
                    Some(slot) => {
                        set_text(&mut slot.promotion_id, promotion_id);
                        slot.amount = amount;
                        set_text(&mut slot.funded_by.role, role);
                        set_opt(&mut slot.funded_by.party_id, d.party_id.get(k));
                        slot.on = on;
                    }
                    None => order.discounts.push(FundedDiscount {
                        promotion_id: promotion_id.to_string(),
                        amount,
                        funded_by: FundedBy {
                            role: role.to_string(),
                            party_id: d.party_id.get(k).map(str::to_string),
                        },
                        on,
                    }),
                }
                n = n.saturating_add(1);
            }
        }
        order.discounts.truncate(n);

        let mut n = 0usize;
        if let Some(j) = &input.journey {
            for k in j.list.range(row) {
                let channel = j.channel.get(k).ok_or_else(|| null_in("journey.channel"))?;
                let party_id = j
                    .party_id
                    .get(k)
                    .ok_or_else(|| null_in("journey.party_id"))?;
                let at =
                    j.at.get(k, "journey.at")?
                        .ok_or_else(|| null_in("journey.at"))?;
                match order.journey.get_mut(n) {
                    Some(t) => {
                        set_text(&mut t.channel, channel);
                        set_text(&mut t.party_id, party_id);
                        set_opt(&mut t.stage, j.stage.get(k));
                        t.at = at;
                    }
                    None => order.journey.push(Touchpoint {
                        channel: channel.to_string(),
                        party_id: party_id.to_string(),
                        stage: j.stage.get(k).map(str::to_string),
                        at,
                    }),
                }
                n = n.saturating_add(1);
            }
        }
        order.journey.truncate(n);
        Ok(())
    }

    fn wide_schema(&self, input: &RecordBatch) -> Result<SchemaRef, Failure> {
        let id_type = input
            .column_by_name("order_id")
            .map_or(DataType::Utf8, |c| c.data_type().clone());
        let mut fields = vec![Field::new("order_id", id_type, true)];
        let minor = self.currency.minor_units();
        fields.extend(
            self.wide
                .columns
                .iter()
                .map(|c| money_field(c, minor, true)),
        );
        fields.extend(ErrorOut::fields());
        Ok(Arc::new(Schema::new(fields)))
    }

    fn long_schema(&self, input: &RecordBatch) -> Result<SchemaRef, Failure> {
        let type_of = |name: &str, default: DataType| {
            input
                .column_by_name(name)
                .map_or(default, |c| c.data_type().clone())
        };
        let minor = self.currency.minor_units();
        let fields = vec![
            Field::new("order_id", type_of("order_id", DataType::Utf8), true),
            Field::new("at", type_of("at", DataType::Utf8), true),
            Field::new("line", DataType::Int32, true),
            text_field("kind", true),
            text_field("rule", true),
            text_field("party_id", true),
            text_field("role", true),
            text_field("base", true),
            money_field("base_amount", minor, true),
            Field::new("touchpoint", DataType::Int32, true),
            text_field("channel", true),
            money_field("amount", minor, true),
            text_field("error_code", true),
            text_field("error_message", true),
        ];
        Ok(Arc::new(Schema::new(fields)))
    }

    fn run_wide(
        &self,
        batch: &RecordBatch,
        input: &Input<'_>,
        first_row: usize,
    ) -> Result<(RecordBatch, Option<Failure>), Failure> {
        let rows = batch.num_rows();
        let ncols = self.wide.columns.len();
        let mut values: Vec<Vec<i128>> = vec![vec![0i128; rows]; ncols];
        let mut ok = arrow_buffer::NullBufferBuilder::new(rows);
        let mut errors = ErrorOut::new(rows);
        let mut order = scratch_order();
        let mut buffer = SplitBuffer::new();
        for row in 0..rows {
            let outcome = self.fill(input, row, &mut order).and_then(|()| {
                self.plan
                    .split_into(&order, &mut buffer)
                    .map_err(|e| Failure::core(&e))?;
                for line in self
                    .plan
                    .lines(&order, &buffer)
                    .map_err(|e| Failure::core(&e))?
                {
                    let c = self.wide.column(line.kind, line.rule_index, line.role);
                    let cell = values
                        .get_mut(c)
                        .and_then(|col| col.get_mut(row))
                        .ok_or_else(|| Failure::internal("a wide column"))?;
                    *cell = cell
                        .checked_add(line.amount_minor)
                        .ok_or_else(|| Failure::internal("a wide column"))?;
                }
                Ok(())
            });
            match outcome {
                Ok(()) => {
                    ok.append_non_null();
                    errors.ok();
                }
                Err(failure) => {
                    for col in &mut values {
                        if let Some(cell) = col.get_mut(row) {
                            *cell = 0;
                        }
                    }
                    ok.append_null();
                    let id = input.order_id.get(row);
                    errors.fail(failure.at(first_row.saturating_add(row), id));
                }
            }
        }
        let nulls = ok.finish();
        let scale = i8::try_from(self.currency.minor_units()).unwrap_or(0);
        let id_column = batch
            .column_by_name("order_id")
            .cloned()
            .ok_or_else(|| null_in("order_id"))?;
        let mut columns: Vec<ArrayRef> = vec![id_column];
        columns.extend(
            values
                .into_iter()
                .map(|v| super::output::decimal_array(v, nulls.clone(), scale)),
        );
        let (error_columns, first) = errors.finish();
        columns.extend(error_columns);
        let out = RecordBatch::try_new(self.wide_schema(batch)?, columns)
            .map_err(|e| Failure::internal(format!("output batch: {e}")))?;
        Ok((out, first))
    }

    fn run_long(
        &self,
        batch: &RecordBatch,
        input: &Input<'_>,
        first_row: usize,
    ) -> Result<(RecordBatch, Option<Failure>), Failure> {
        let rows = batch.num_rows();
        let guess = rows.saturating_mul(8);
        let minor = self.currency.minor_units();
        let mut source_row: Vec<u32> = Vec::with_capacity(guess);
        let mut line_no = Int32Builder::with_capacity(guess);
        let mut kind = StringBuilder::with_capacity(guess, guess.saturating_mul(6));
        let mut rule = StringBuilder::with_capacity(guess, guess.saturating_mul(8));
        let mut party = StringBuilder::with_capacity(guess, guess.saturating_mul(10));
        let mut role = StringBuilder::with_capacity(guess, guess.saturating_mul(8));
        let mut base = StringBuilder::with_capacity(guess, guess.saturating_mul(8));
        let mut base_amount = MoneyOut::new(minor, guess);
        let mut touchpoint = Int32Builder::with_capacity(guess);
        let mut channel = StringBuilder::with_capacity(guess, guess.saturating_mul(4));
        let mut amount = MoneyOut::new(minor, guess);
        let mut errors = ErrorOut::new(guess);
        let mut order = scratch_order();
        let mut buffer = SplitBuffer::new();
        let too_big = || Failure::internal("more than 2^32 rows in one batch");
        for row in 0..rows {
            let r = u32::try_from(row).map_err(|_| too_big())?;
            let outcome = self.fill(input, row, &mut order).and_then(|()| {
                self.plan
                    .split_into(&order, &mut buffer)
                    .map_err(|e| Failure::core(&e))
            });
            let lines = match outcome {
                Ok(()) => self
                    .plan
                    .lines(&order, &buffer)
                    .map_err(|e| Failure::core(&e)),
                Err(f) => Err(f),
            };
            match lines {
                Ok(lines) => {
                    for (n, line) in lines.enumerate() {
                        source_row.push(r);
                        line_no.append_value(i32::try_from(n).map_err(|_| too_big())?);
                        kind.append_value(line.kind.as_str());
                        rule.append_value(line.rule);
                        party.append_value(line.party_id);
                        role.append_value(line.role);
                        match line.base {
                            Some(b) => {
                                base.append_value(b.as_str());
                                base_amount.push(line.base_amount_minor);
                            }
                            None => {
                                base.append_null();
                                base_amount.push_null();
                            }
                        }
                        touchpoint
                            .append_option(line.touchpoint.and_then(|t| i32::try_from(t).ok()));
                        channel.append_option(line.channel);
                        amount.push(line.amount_minor);
                        errors.ok();
                    }
                }
                Err(failure) => {
                    source_row.push(r);
                    line_no.append_null();
                    kind.append_null();
                    rule.append_null();
                    party.append_null();
                    role.append_null();
                    base.append_null();
                    base_amount.push_null();
                    touchpoint.append_null();
                    channel.append_null();
                    amount.push_null();
                    let id = input.order_id.get(row);
                    errors.fail(failure.at(first_row.saturating_add(row), id));
                }
            }
        }
        let indices = UInt32Array::from(source_row);
        let take = |name: &str| -> Result<ArrayRef, Failure> {
            let column = batch.column_by_name(name).ok_or_else(|| null_in(name))?;
            take_column(column, &indices)
        };
        let (error_columns, first) = errors.finish();
        let [code, message] = error_columns;
        let columns: Vec<ArrayRef> = vec![
            take("order_id")?,
            take("at")?,
            Arc::new(line_no.finish()),
            Arc::new(kind.finish()),
            Arc::new(rule.finish()),
            Arc::new(party.finish()),
            Arc::new(role.finish()),
            Arc::new(base.finish()),
            base_amount.finish(),
            Arc::new(touchpoint.finish()),
            Arc::new(channel.finish()),
            amount.finish(),
            code,
            message,
        ];
        let out = RecordBatch::try_new(self.long_schema(batch)?, columns)
            .map_err(|e| Failure::internal(format!("output batch: {e}")))?;
        Ok((out, first))
    }
}

fn scratch_order() -> SplitOrder {
    SplitOrder {
        id: String::new(),
        at: chrono::DateTime::UNIX_EPOCH.fixed_offset(),
        paid: None,
        delivery_fee: None,
        discounts: Vec::new(),
        quote: None,
        cost: None,
        parties: Vec::new(),
        journey: Vec::new(),
        volume: None,
    }
}

impl Kernel for SplitKernel {
    fn output_schema(&self, input: &RecordBatch) -> Result<SchemaRef, Failure> {
        Input::of(input)?;
        match self.shape {
            Shape::Long => self.long_schema(input),
            Shape::ByRule | Shape::ByRole => self.wide_schema(input),
        }
    }

    fn run(
        &self,
        batch: &RecordBatch,
        first_row: usize,
    ) -> Result<(RecordBatch, Option<Failure>), Failure> {
        let input = Input::of(batch)?;
        match self.shape {
            Shape::Long => self.run_long(batch, &input, first_row),
            Shape::ByRule | Shape::ByRole => self.run_wide(batch, &input, first_row),
        }
    }
}

fn kernel(
    plan: &Bound<'_, PyAny>,
    currency: Option<&str>,
    shape: &str,
    by: &str,
    roles: Option<Vec<String>>,
) -> PyResult<Arc<SplitKernel>> {
    let plan = compiled(plan)?;
    let currency = match (currency, plan.currency()) {
        (Some(code), Some(c)) => {
            let given = Currency::from_code(code).map_err(crate::errors::raise)?;
            if given != c {
                return Err(crate::errors::raise(Error::CurrencyMismatch {
                    left: c.code().to_string(),
                    right: given.code().to_string(),
                }));
            }
            given
        }
        (Some(code), None) => Currency::from_code(code).map_err(crate::errors::raise)?,
        (None, Some(c)) => c,
        (None, None) => {
            return Err(crate::errors::raise(Error::InvalidInput {
                field: "currency".into(),
                reason: "the plan has no fixed amount to take the currency from; pass currency=\"CNY\" (the currency of every money column)".into(),
            }))
        }
    };
    let shape = match (shape, by) {
        ("long", _) => Shape::Long,
        ("wide", "rule") => Shape::ByRule,
        ("wide", "role") => Shape::ByRole,
        ("wide", other) => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "by must be \"rule\" or \"role\", not {other:?}"
            )))
        }
        (other, _) => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "shape must be \"wide\" or \"long\", not {other:?}"
            )))
        }
    };
    let wide = Wide::new(&plan, shape == Shape::ByRole, &roles.unwrap_or_default())
        .map_err(|f| f.to_py())?;
    Ok(Arc::new(SplitKernel {
        plan,
        currency,
        shape,
        wide,
    }))
}

/// Split every order of an Arrow table (see `o2okit.batch.split`).
#[pyfunction]
#[pyo3(signature = (orders, plan, *, currency = None, shape = "wide", by = "rule", roles = None, on_error = "keep"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn split_table(
    py: Python<'_>,
    orders: AnyRecordBatch,
    plan: &Bound<'_, PyAny>,
    currency: Option<&str>,
    shape: &str,
    by: &str,
    roles: Option<Vec<String>>,
    on_error: &str,
) -> PyResult<PyTable> {
    let on_error = OnError::parse(on_error)?;
    let kernel = kernel(plan, currency, shape, by, roles)?;
    run_table(py, kernel, orders, on_error)
}

/// Split a stream of order batches lazily (see `o2okit.batch.split_stream`).
#[pyfunction]
#[pyo3(signature = (orders, plan, *, currency = None, shape = "wide", by = "rule", roles = None, on_error = "keep", batch_size = 65536))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn split_stream(
    orders: AnyRecordBatch,
    plan: &Bound<'_, PyAny>,
    currency: Option<&str>,
    shape: &str,
    by: &str,
    roles: Option<Vec<String>>,
    on_error: &str,
    batch_size: usize,
) -> PyResult<PyBatchStream> {
    let on_error = OnError::parse(on_error)?;
    let kernel = kernel(plan, currency, shape, by, roles)?;
    PyBatchStream::new(kernel, orders, batch_size, on_error)
}

/// The amount columns of the wide output for `plan` (`by` = `rule` or `role`).
#[pyfunction]
#[pyo3(signature = (plan, *, by = "rule", roles = None))]
pub(crate) fn split_columns(
    plan: &Bound<'_, PyAny>,
    by: &str,
    roles: Option<Vec<String>>,
) -> PyResult<Vec<String>> {
    let plan = compiled(plan)?;
    let wide = Wide::new(&plan, by == "role", &roles.unwrap_or_default()).map_err(|f| f.to_py())?;
    Ok(wide.columns)
}
