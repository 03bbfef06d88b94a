//! One transaction's jobs: open an order, apply a command (step it with the core, then
//! write the snapshot, the event, the outbox rows and the projections), mark outbox rows
//! delivered. Every write of a command happens here, in the lane's transaction.

use std::collections::HashMap;
use std::time::Instant;

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Any;

use chrono::Utc;
use serde::Serialize;
use serde_json::value::RawValue;
use sqlx::AnyConnection;

use super::CommandJob;
use crate::error::ApiError;
use crate::event::{effect_id, CommandReply, IdentifiedEffect};
use crate::lifecycle::{Lifecycle, StoreOrders, VoucherOrders};
use crate::metrics::Metrics;

/// How often a command is stepped again after a failed version check before the lane
/// gives up (503; the client retries with the same key).
const MAX_VERSION_RETRIES: u32 = 8;

/// A database error aborts the whole batch; anything else is the job's own answer.
type JobResult<T> = Result<Result<T, ApiError>, sqlx::Error>;

/// An order to open: its first snapshot, computed by the core before the job was queued.
#[derive(Debug, Clone)]
pub struct NewOrder {
    /// The id.
    pub order_id: String,
    /// `voucher_order` or `store_order`.
    pub kind: &'static str,
    /// The flow's wire name.
    pub flow: String,
    /// The deal's or policy's id.
    pub terms_id: String,
    /// The deal or policy, as the order will replay against it.
    pub terms: String,
    /// The customer.
    pub customer_id: String,
    /// The core's opened state.
    pub state: String,
    /// Its status.
    pub status: String,
}

/// An order's row without its state.
#[derive(Debug, Clone, Serialize)]
pub struct OrderSummary {
    /// The id.
    pub order_id: String,
    /// `voucher_order` or `store_order`.
    pub kind: String,
    /// The flow.
    pub flow: String,
    /// The deal's or policy's id.
    pub terms_id: String,
    /// The customer.
    pub customer_id: String,
    /// The status.
    pub status: String,
    /// Commands applied.
    pub version: i64,
}

/// The answer to an open.
#[derive(Debug)]
pub struct Opened {
    /// Whether this call created it (false: it existed with the same terms and customer).
    pub created: bool,
    /// The order.
    pub summary: OrderSummary,
}

/// The answer to a command: the reply's JSON text.
#[derive(Debug)]
pub struct CommandOutcome {
    /// Whether the command was a retry of an applied one (nothing applied again).
    pub duplicate: bool,
    /// The reply, identical for the command and every retry of it.
    pub body: String,
}

/// An order loaded into the transaction.
struct Loaded<L: Lifecycle> {
    terms: L::Terms,
    state: L::State,
    version: i64,
}

enum Cached {
    Voucher(Box<Loaded<VoucherOrders>>),
    Store(Box<Loaded<StoreOrders>>),
}

/// A value of a deferred row.
#[derive(Debug, Clone)]
enum Value {
    Text(String),
    Int(i64),
}

fn bind<'q>(
    query: Query<'q, Any, AnyArguments<'q>>,
    value: Value,
) -> Query<'q, Any, AnyArguments<'q>> {
    match value {
        Value::Text(text) => query.bind(text),
        Value::Int(n) => query.bind(n),
    }
}

/// An event logged in this transaction (its row is written at the flush).
#[derive(Debug, Clone)]
struct LoggedEvent {
    seq: i64,
    at: String,
    status: String,
    effects: String,
}

/// The rows a batch writes after its commands were stepped: one multi-row `INSERT` per
/// table instead of one statement per row (the writer's time is statements, not fsyncs).
#[derive(Debug, Default)]
struct Deferred {
    events: Vec<Vec<Value>>,
    outbox: Vec<Vec<Value>>,
    vouchers: Vec<Vec<Value>>,
    lines: Vec<Vec<Value>>,
    marks: Vec<String>,
    /// `(order, key)` → the event logged in this transaction, for a retry in the same batch.
    logged: HashMap<(String, String), LoggedEvent>,
}

/// At most this many bound values per statement (SQLite's historical limit is 999).
const MAX_VALUES: usize = 900;

/// One lane's open transaction.
pub(super) struct Tx<'c> {
    conn: &'c mut AnyConnection,
    metrics: &'c Metrics,
    orders: HashMap<String, Cached>,
    deferred: Deferred,
}

fn internal(what: impl std::fmt::Display) -> ApiError {
    ApiError::internal(&what.to_string())
}

fn input(field: &str, reason: &str) -> ApiError {
    ApiError::from(o2okit::Error::InvalidInput {
        field: field.into(),
        reason: reason.into(),
    })
}

fn int(n: usize) -> Value {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// An order's row: id, kind, terms, snapshot, version.
type OrderRow = (String, String, String, String, i64);

fn placeholders(first: usize, count: usize) -> String {
    (first..first.saturating_add(count))
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn decode_row(row: OrderRow) -> Result<(String, Cached), ApiError> {
    let (id, kind, terms, state, version) = row;
    let cached = match kind.as_str() {
        VoucherOrders::KIND => Cached::Voucher(Box::new(decode_loaded::<VoucherOrders>(
            &terms, &state, version,
        )?)),
        StoreOrders::KIND => Cached::Store(Box::new(decode_loaded::<StoreOrders>(
            &terms, &state, version,
        )?)),
        other => return Err(internal(format!("order {id:?} has unknown kind {other:?}"))),
    };
    Ok((id, cached))
}

async fn fetch(
    conn: &mut AnyConnection,
    metrics: &Metrics,
    ids: &[&str],
) -> Result<Vec<OrderRow>, sqlx::Error> {
    let started = Instant::now();
    let mut rows = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(MAX_VALUES) {
        let sql = format!(
            "SELECT id, kind, terms, state, version FROM orders WHERE id IN ({})",
            placeholders(1, chunk.len())
        );
        let mut query = sqlx::query_as::<_, OrderRow>(&sql).persistent(false);
        for id in chunk {
            query = query.bind(*id);
        }
        rows.extend(query.fetch_all(&mut *conn).await?);
    }
    metrics.db(started.elapsed());
    Ok(rows)
}

fn decode_loaded<L: Lifecycle>(
    terms: &str,
    state: &str,
    version: i64,
) -> Result<Loaded<L>, ApiError> {
    Ok(Loaded {
        terms: serde_json::from_str(terms).map_err(|e| internal(format!("stored terms: {e}")))?,
        state: serde_json::from_str(state).map_err(|e| internal(format!("stored state: {e}")))?,
        version,
    })
}

impl<'c> Tx<'c> {
    pub(super) fn new(conn: &'c mut AnyConnection, metrics: &'c Metrics) -> Tx<'c> {
        Tx {
            conn,
            metrics,
            orders: HashMap::new(),
            deferred: Deferred::default(),
        }
    }

    /// Whether a command of this transaction queued effects in the outbox.
    pub(super) fn queued_effects(&self) -> bool {
        !self.deferred.outbox.is_empty()
    }

    /// Read the snapshots of the batch's orders in one statement. An order whose stored
    /// JSON does not decode is left out (its command reports the error).
    pub(super) async fn preload(&mut self, ids: &[&str]) -> Result<(), sqlx::Error> {
        let mut wanted: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| !self.orders.contains_key(*id))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.is_empty() {
            return Ok(());
        }
        let rows = fetch(self.conn, self.metrics, &wanted).await?;
        let started = Instant::now();
        for (id, cached) in rows.into_iter().filter_map(|row| decode_row(row).ok()) {
            self.orders.insert(id, cached);
        }
        self.metrics.core(started.elapsed());
        Ok(())
    }

    /// Insert the order, or find it: the same id with the same kind, terms and customer is
    /// the same order (an open is idempotent by its id).
    pub(super) async fn open(&mut self, order: NewOrder) -> JobResult<Opened> {
        let started = Instant::now();
        let now = Utc::now().to_rfc3339();
        let inserted = sqlx::query(
            "INSERT INTO orders (id, kind, flow, terms_id, terms, customer_id, state, status, version, opened_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $9) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&order.order_id)
        .bind(order.kind)
        .bind(&order.flow)
        .bind(&order.terms_id)
        .bind(&order.terms)
        .bind(&order.customer_id)
        .bind(&order.state)
        .bind(&order.status)
        .bind(&now)
        .execute(&mut *self.conn)
        .await?
        .rows_affected();
        let summary = if inserted == 1 {
            Some((
                true,
                OrderSummary {
                    order_id: order.order_id.clone(),
                    kind: order.kind.into(),
                    flow: order.flow.clone(),
                    terms_id: order.terms_id.clone(),
                    customer_id: order.customer_id.clone(),
                    status: order.status.clone(),
                    version: 0,
                },
            ))
        } else {
            let row: Option<(String, String, String, String, String, i64)> = sqlx::query_as(
                "SELECT kind, flow, terms_id, customer_id, status, version FROM orders WHERE id = $1",
            )
            .bind(&order.order_id)
            .fetch_optional(&mut *self.conn)
            .await?;
            row.map(|(kind, flow, terms_id, customer_id, status, version)| {
                (
                    false,
                    OrderSummary {
                        order_id: order.order_id.clone(),
                        kind,
                        flow,
                        terms_id,
                        customer_id,
                        status,
                        version,
                    },
                )
            })
        };
        self.metrics.db(started.elapsed());
        Ok(match summary {
            Some((created, summary))
                if created
                    || (summary.kind == order.kind
                        && summary.terms_id == order.terms_id
                        && summary.customer_id == order.customer_id) =>
            {
                Ok(Opened { created, summary })
            }
            Some(_) => Err(ApiError::already_exists(
                "order",
                &order.order_id,
                "an open with the same id must name the same deal or policy and customer",
            )),
            None => Err(internal("an order neither inserted nor found")),
        })
    }

    /// Apply a command to its order.
    pub(super) async fn command(&mut self, job: CommandJob) -> JobResult<CommandOutcome> {
        if !self.orders.contains_key(&job.order_id) {
            // Not preloaded: opened earlier in this batch, unknown, or unreadable.
            let rows = fetch(self.conn, self.metrics, &[job.order_id.as_str()]).await?;
            match rows.into_iter().next().map(decode_row) {
                Some(Ok((id, cached))) => {
                    self.orders.insert(id, cached);
                }
                Some(Err(error)) => return Ok(Err(error)),
                None => return Ok(Err(ApiError::unknown_order(&job.order_id))),
            }
        }
        let mut step = Step {
            conn: &mut *self.conn,
            metrics: self.metrics,
            order_id: &job.order_id,
            deferred: &mut self.deferred,
        };
        match self.orders.get_mut(&job.order_id) {
            Some(Cached::Voucher(loaded)) => step.apply::<VoucherOrders>(loaded, &job.body).await,
            Some(Cached::Store(loaded)) => step.apply::<StoreOrders>(loaded, &job.body).await,
            None => Ok(Err(internal("an order loaded and lost"))),
        }
    }

    /// Mark effects delivered (after the consumer took them); written at the flush.
    pub(super) fn mark_delivered(&mut self, ids: Vec<String>) {
        self.deferred.marks.extend(ids);
    }

    /// Write the deferred rows: the events, the outbox, the vouchers, the ledger lines, the
    /// delivery marks. Called once, before the commit.
    pub(super) async fn flush(&mut self) -> Result<(), sqlx::Error> {
        let started = Instant::now();
        let deferred = std::mem::take(&mut self.deferred);
        for (table, columns, rows) in [
            (
                "order_events (order_id, seq, idempotency_key, at, command, effects, status, recorded_at)",
                8,
                deferred.events,
            ),
            (
                "outbox (effect_id, order_id, seq, idx, kind, effect_type, effect, enqueued_micros)",
                8,
                deferred.outbox,
            ),
            ("vouchers (deal_id, serial, order_id, voucher_id)", 4, deferred.vouchers),
            (
                "ledger_lines (effect_id, line_no, party_id, at_micros, line)",
                5,
                deferred.lines,
            ),
        ] {
            for chunk in rows.chunks(MAX_VALUES.checked_div(columns).unwrap_or(1).max(1)) {
                let values = (0..chunk.len())
                    .map(|row| format!("({})", placeholders(row.saturating_mul(columns).saturating_add(1), columns)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let sql = format!("INSERT INTO {table} VALUES {values}");
                let mut query = sqlx::query(&sql).persistent(chunk.len() == 1);
                for value in chunk.iter().flatten() {
                    query = bind(query, value.clone());
                }
                query.execute(&mut *self.conn).await?;
            }
        }
        if !deferred.marks.is_empty() {
            let now = Utc::now().to_rfc3339();
            for chunk in deferred.marks.chunks(MAX_VALUES) {
                let sql = format!(
                    "UPDATE outbox SET delivered_at = $1 WHERE delivered_at IS NULL AND effect_id IN ({})",
                    placeholders(2, chunk.len())
                );
                let mut query = sqlx::query(&sql).persistent(false).bind(now.clone());
                for id in chunk {
                    query = query.bind(id.clone());
                }
                query.execute(&mut *self.conn).await?;
            }
        }
        self.metrics.db(started.elapsed());
        Ok(())
    }
}

/// The parts of a transaction one command needs while its order is borrowed from the cache.
struct Step<'a> {
    conn: &'a mut AnyConnection,
    metrics: &'a Metrics,
    order_id: &'a str,
    deferred: &'a mut Deferred,
}

impl Step<'_> {
    async fn apply<L: Lifecycle>(
        &mut self,
        loaded: &mut Loaded<L>,
        body: &str,
    ) -> JobResult<CommandOutcome> {
        let started = Instant::now();
        let timed = o2okit::decode::<L::Timed>(body);
        self.metrics.core(started.elapsed());
        let (at, mut command) = match timed {
            Ok(timed) => L::untime(timed),
            Err(error) => return Ok(Err(error.into())),
        };
        let key = L::key(&command).to_string();
        if let Some((count, sent)) = L::serials_needed(&loaded.terms, &command) {
            if sent {
                return Ok(Err(input(
                    "command.serial",
                    "the service allocates voucher serials: leave serial out",
                )));
            }
            let serial = match L::earlier_serial(&loaded.state, &key) {
                Some(serial) => Ok(serial),
                None => self.next_serials::<L>(&loaded.terms, count).await?,
            };
            match serial {
                Ok(serial) => L::set_serial(&mut command, serial),
                Err(error) => return Ok(Err(error)),
            }
        }
        for _ in 0..MAX_VERSION_RETRIES {
            let started = Instant::now();
            let stepped = L::step(&loaded.state, &loaded.terms, &command, at);
            self.metrics.core(started.elapsed());
            let stepped = match stepped {
                Ok(stepped) => stepped,
                Err(error) => return Ok(Err(error.into())),
            };
            if stepped.duplicate {
                return self.earlier_reply(&key).await;
            }
            let Some(seq) = loaded.version.checked_add(1) else {
                return Ok(Err(internal("version overflow")));
            };
            let started = Instant::now();
            let encoded = encode::<L>(
                self.order_id,
                seq,
                &command,
                &stepped.state,
                &stepped.effects,
            );
            self.metrics.core(started.elapsed());
            let encoded = match encoded {
                Ok(encoded) => encoded,
                Err(error) => return Ok(Err(error)),
            };
            let status = L::status(&stepped.state);
            let at_text = at.to_rfc3339();
            let started = Instant::now();
            let now = Utc::now();
            let updated = sqlx::query(
                "UPDATE orders SET state = $1, status = $2, version = $3, updated_at = $4 \
                 WHERE id = $5 AND version = $6",
            )
            .bind(&encoded.state)
            .bind(status)
            .bind(seq)
            .bind(now.to_rfc3339())
            .bind(self.order_id)
            .bind(loaded.version)
            .execute(&mut *self.conn)
            .await?
            .rows_affected();
            self.metrics.db(started.elapsed());
            if updated != 1 {
                // Another process applied a command first: step again on its state.
                self.metrics.retry();
                let rows = fetch(self.conn, self.metrics, &[self.order_id]).await?;
                match rows.into_iter().next() {
                    Some((_, kind, terms, state, version)) if kind == L::KIND => {
                        match decode_loaded::<L>(&terms, &state, version) {
                            Ok(fresh) => *loaded = fresh,
                            Err(error) => return Ok(Err(error)),
                        }
                    }
                    _ => return Ok(Err(internal("the order vanished or changed its kind"))),
                }
                continue;
            }
            self.defer::<L>(
                seq,
                &key,
                &at_text,
                status,
                &now,
                &loaded.terms,
                &stepped.effects,
                &encoded,
            );
            let body = CommandReply {
                order_id: self.order_id,
                seq,
                key: &key,
                at: &at_text,
                status,
                effects: &encoded.effects,
            }
            .to_json();
            loaded.state = stepped.state;
            loaded.version = seq;
            return Ok(body
                .map(|body| CommandOutcome {
                    duplicate: false,
                    body,
                })
                .map_err(internal));
        }
        Ok(Err(ApiError::storage(&format!(
            "order {:?} changed {MAX_VERSION_RETRIES} times while this command was applied",
            self.order_id
        ))))
    }

    /// Queue the event, its outbox rows and the vouchers and ledger lines projections.
    #[allow(clippy::too_many_arguments)]
    fn defer<L: Lifecycle>(
        &mut self,
        seq: i64,
        key: &str,
        at: &str,
        status: &str,
        now: &chrono::DateTime<Utc>,
        terms: &L::Terms,
        effects: &[L::Effect],
        encoded: &Encoded,
    ) {
        let order = || Value::Text(self.order_id.to_string());
        let deferred = &mut *self.deferred;
        deferred.events.push(vec![
            order(),
            Value::Int(seq),
            Value::Text(key.into()),
            Value::Text(at.into()),
            Value::Text(encoded.command.clone()),
            Value::Text(encoded.effects.get().into()),
            Value::Text(status.into()),
            Value::Text(now.to_rfc3339()),
        ]);
        deferred.logged.insert(
            (self.order_id.to_string(), key.to_string()),
            LoggedEvent {
                seq,
                at: at.into(),
                status: status.into(),
                effects: encoded.effects.get().into(),
            },
        );
        let micros = now.timestamp_micros();
        for (index, (effect, (id, effect_type, text))) in
            effects.iter().zip(&encoded.effect_texts).enumerate()
        {
            deferred.outbox.push(vec![
                Value::Text(id.clone()),
                order(),
                Value::Int(seq),
                int(index),
                Value::Text(L::KIND.into()),
                Value::Text(effect_type.clone()),
                Value::Text(text.clone()),
                Value::Int(micros),
            ]);
            if let Some((serial, voucher)) = L::issued(effect) {
                deferred.vouchers.push(vec![
                    Value::Text(L::terms_id(terms).into()),
                    Value::Int(i64::try_from(serial).unwrap_or(i64::MAX)),
                    order(),
                    Value::Text(voucher.into()),
                ]);
            }
            for (line_no, line) in L::ledger_lines(effect).iter().enumerate() {
                deferred.lines.push(vec![
                    Value::Text(id.clone()),
                    int(line_no),
                    Value::Text(line.party_id.clone()),
                    Value::Int(line.at.timestamp_micros()),
                    Value::Text(serde_json::to_string(line).unwrap_or_default()),
                ]);
            }
        }
    }

    /// The first of `count` new serials of the deal.
    async fn next_serials<L: Lifecycle>(&mut self, terms: &L::Terms, count: u32) -> JobResult<u64> {
        let started = Instant::now();
        let next: Option<i64> = sqlx::query_scalar(
            "UPDATE deals SET next_serial = next_serial + $1 WHERE id = $2 RETURNING next_serial",
        )
        .bind(i64::from(count))
        .bind(L::terms_id(terms))
        .fetch_optional(&mut *self.conn)
        .await?;
        self.metrics.db(started.elapsed());
        Ok(next
            .and_then(|next| next.checked_sub(i64::from(count)))
            .and_then(|first| u64::try_from(first).ok())
            .ok_or_else(|| internal("the order's deal is not in the catalogue")))
    }

    /// The reply of the command applied earlier under `key`: from this transaction, or
    /// from the log.
    async fn earlier_reply(&mut self, key: &str) -> JobResult<CommandOutcome> {
        let logged = match self
            .deferred
            .logged
            .get(&(self.order_id.to_string(), key.to_string()))
        {
            Some(logged) => Some(logged.clone()),
            None => {
                let started = Instant::now();
                let row: Option<(i64, String, String, String)> = sqlx::query_as(
                    "SELECT seq, at, status, effects FROM order_events WHERE order_id = $1 AND idempotency_key = $2",
                )
                .bind(self.order_id)
                .bind(key)
                .fetch_optional(&mut *self.conn)
                .await?;
                self.metrics.db(started.elapsed());
                row.map(|(seq, at, status, effects)| LoggedEvent {
                    seq,
                    at,
                    status,
                    effects,
                })
            }
        };
        let Some(logged) = logged else {
            return Ok(Err(internal(format!(
                "the core reports key {key:?} applied, the log has no event for it"
            ))));
        };
        let effects = match RawValue::from_string(logged.effects) {
            Ok(effects) => effects,
            Err(error) => return Ok(Err(internal(error))),
        };
        Ok(CommandReply {
            order_id: self.order_id,
            seq: logged.seq,
            key,
            at: &logged.at,
            status: &logged.status,
            effects: &effects,
        }
        .to_json()
        .map(|body| CommandOutcome {
            duplicate: true,
            body,
        })
        .map_err(internal))
    }
}

/// A command's writes, encoded.
struct Encoded {
    state: String,
    command: String,
    effects: Box<RawValue>,
    /// Per effect: its id, its type, its JSON.
    effect_texts: Vec<(String, String, String)>,
}

fn encode<L: Lifecycle>(
    order_id: &str,
    seq: i64,
    command: &L::Command,
    state: &L::State,
    effects: &[L::Effect],
) -> Result<Encoded, ApiError> {
    let identified: Vec<IdentifiedEffect<'_, L::Effect>> = effects
        .iter()
        .enumerate()
        .map(|(index, effect)| IdentifiedEffect {
            id: effect_id(order_id, seq, index),
            effect,
        })
        .collect();
    let effect_texts = identified
        .iter()
        .map(|e| {
            let text = serde_json::to_string(e.effect).map_err(internal)?;
            Ok((e.id.clone(), effect_type(&text), text))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let effects = serde_json::to_string(&identified).map_err(internal)?;
    Ok(Encoded {
        state: serde_json::to_string(state).map_err(internal)?,
        command: serde_json::to_string(command).map_err(internal)?,
        effects: RawValue::from_string(effects).map_err(internal)?,
        effect_texts,
    })
}

/// An effect's wire `type`: the effects are internally tagged enums, so serde writes the tag
/// first (`{"type":"charge",…`).
fn effect_type(text: &str) -> String {
    text.strip_prefix("{\"type\":\"")
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("other")
        .to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::effect_type;

    #[test]
    fn the_effect_type_is_read_from_the_tag() {
        let effect = o2okit::VoucherOrderEffect::Breakage {
            voucher: "o-1/v1".into(),
            uses: 1,
            amount: o2okit::Money::parse("1.00", o2okit::Currency::from_code("CNY").unwrap())
                .unwrap(),
        };
        assert_eq!(
            effect_type(&serde_json::to_string(&effect).unwrap()),
            "breakage"
        );
        assert_eq!(effect_type("{}"), "other");
    }
}
