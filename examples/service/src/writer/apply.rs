//! One transaction's jobs: open an order, apply a command (step it with the core, then
//! write the snapshot, the event, the outbox rows and the projections), mark outbox rows
//! delivered. Every write of a command happens here, in the lane's transaction.

use std::collections::HashMap;
use std::time::Instant;

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

/// One lane's open transaction.
pub(super) struct Tx<'c> {
    conn: &'c mut AnyConnection,
    metrics: &'c Metrics,
    orders: HashMap<String, Cached>,
    queued: bool,
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

/// An order's row: kind, terms, snapshot, version.
type OrderRow = (String, String, String, i64);

async fn fetch(
    conn: &mut AnyConnection,
    metrics: &Metrics,
    order_id: &str,
) -> Result<Option<OrderRow>, sqlx::Error> {
    let started = Instant::now();
    let row = sqlx::query_as("SELECT kind, terms, state, version FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_optional(&mut *conn)
        .await;
    metrics.db(started.elapsed());
    row
}

/// Read an order's terms and snapshot (`Ok(Ok(None))`: no such order).
async fn load(
    conn: &mut AnyConnection,
    metrics: &Metrics,
    order_id: &str,
) -> JobResult<Option<Cached>> {
    let Some((kind, terms, state, version)) = fetch(conn, metrics, order_id).await? else {
        return Ok(Ok(None));
    };
    let started = Instant::now();
    let cached = match kind.as_str() {
        VoucherOrders::KIND => decode_loaded::<VoucherOrders>(&terms, &state, version)
            .map(|loaded| Some(Cached::Voucher(Box::new(loaded)))),
        StoreOrders::KIND => decode_loaded::<StoreOrders>(&terms, &state, version)
            .map(|loaded| Some(Cached::Store(Box::new(loaded)))),
        other => Err(internal(format!(
            "order {order_id:?} has unknown kind {other:?}"
        ))),
    };
    metrics.core(started.elapsed());
    Ok(cached)
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
            queued: false,
        }
    }

    /// Whether a command of this transaction queued effects in the outbox.
    pub(super) fn queued_effects(&self) -> bool {
        self.queued
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
            match load(self.conn, self.metrics, &job.order_id).await? {
                Ok(Some(cached)) => {
                    self.orders.insert(job.order_id.clone(), cached);
                }
                Ok(None) => return Ok(Err(ApiError::unknown_order(&job.order_id))),
                Err(error) => return Ok(Err(error)),
            }
        }
        let mut step = Step {
            conn: &mut *self.conn,
            metrics: self.metrics,
            order_id: &job.order_id,
            queued: &mut self.queued,
        };
        match self.orders.get_mut(&job.order_id) {
            Some(Cached::Voucher(loaded)) => step.apply::<VoucherOrders>(loaded, &job.body).await,
            Some(Cached::Store(loaded)) => step.apply::<StoreOrders>(loaded, &job.body).await,
            None => Ok(Err(internal("an order loaded and lost"))),
        }
    }

    /// Mark effects delivered (after the consumer took them).
    pub(super) async fn mark_delivered(&mut self, ids: &[String]) -> Result<(), sqlx::Error> {
        let started = Instant::now();
        let now = Utc::now().to_rfc3339();
        for id in ids {
            sqlx::query(
                "UPDATE outbox SET delivered_at = $1 WHERE effect_id = $2 AND delivered_at IS NULL",
            )
            .bind(&now)
            .bind(id)
            .execute(&mut *self.conn)
            .await?;
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
    queued: &'a mut bool,
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
            match self.serial::<L>(&loaded.terms, &key, count).await? {
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
            if updated != 1 {
                // Another process applied a command first: step again on its state.
                self.metrics.db(started.elapsed());
                self.metrics.retry();
                match fetch(self.conn, self.metrics, self.order_id).await? {
                    Some((kind, terms, state, version)) if kind == L::KIND => {
                        match decode_loaded::<L>(&terms, &state, version) {
                            Ok(fresh) => *loaded = fresh,
                            Err(error) => return Ok(Err(error)),
                        }
                    }
                    _ => return Ok(Err(internal("the order vanished or changed its kind"))),
                }
                continue;
            }
            sqlx::query(
                "INSERT INTO order_events (order_id, seq, idempotency_key, at, command, effects, status, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(self.order_id)
            .bind(seq)
            .bind(&key)
            .bind(&at_text)
            .bind(&encoded.command)
            .bind(encoded.effects.get())
            .bind(status)
            .bind(now.to_rfc3339())
            .execute(&mut *self.conn)
            .await?;
            self.project::<L>(
                seq,
                &loaded.terms,
                &stepped.effects,
                &encoded.effect_texts,
                now.timestamp_micros(),
            )
            .await?;
            self.metrics.db(started.elapsed());
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

    /// The outbox rows, and the vouchers and ledger lines read models, of a command's effects.
    async fn project<L: Lifecycle>(
        &mut self,
        seq: i64,
        terms: &L::Terms,
        effects: &[L::Effect],
        texts: &[(String, String, String)],
        micros: i64,
    ) -> Result<(), sqlx::Error> {
        for (index, (effect, (id, effect_type, text))) in effects.iter().zip(texts).enumerate() {
            sqlx::query(
                "INSERT INTO outbox (effect_id, order_id, seq, idx, kind, effect_type, effect, enqueued_micros) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id)
            .bind(self.order_id)
            .bind(seq)
            .bind(i64::try_from(index).unwrap_or(i64::MAX))
            .bind(L::KIND)
            .bind(effect_type)
            .bind(text)
            .bind(micros)
            .execute(&mut *self.conn)
            .await?;
            *self.queued = true;
            if let Some((serial, voucher)) = L::issued(effect) {
                sqlx::query(
                    "INSERT INTO vouchers (deal_id, serial, order_id, voucher_id) VALUES ($1, $2, $3, $4)",
                )
                .bind(L::terms_id(terms))
                .bind(i64::try_from(serial).unwrap_or(i64::MAX))
                .bind(self.order_id)
                .bind(voucher)
                .execute(&mut *self.conn)
                .await?;
            }
            for (line_no, line) in L::ledger_lines(effect).iter().enumerate() {
                let text = serde_json::to_string(line).unwrap_or_default();
                sqlx::query(
                    "INSERT INTO ledger_lines (effect_id, line_no, party_id, at_micros, line) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(i64::try_from(line_no).unwrap_or(i64::MAX))
                .bind(&line.party_id)
                .bind(line.at.timestamp_micros())
                .bind(text)
                .execute(&mut *self.conn)
                .await?;
            }
        }
        Ok(())
    }

    /// The serial for a `pay` of a deal with codes: the one its key already got (a retry
    /// must be the identical command), or the next ones of the deal.
    async fn serial<L: Lifecycle>(
        &mut self,
        terms: &L::Terms,
        key: &str,
        count: u32,
    ) -> JobResult<u64> {
        let started = Instant::now();
        let earlier: Option<String> = sqlx::query_scalar(
            "SELECT command FROM order_events WHERE order_id = $1 AND idempotency_key = $2",
        )
        .bind(self.order_id)
        .bind(key)
        .fetch_optional(&mut *self.conn)
        .await?;
        if let Some(serial) = earlier
            .and_then(|text| serde_json::from_str::<L::Command>(&text).ok())
            .and_then(|command| L::serial(&command))
        {
            self.metrics.db(started.elapsed());
            return Ok(Ok(serial));
        }
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

    /// The reply of the command applied earlier under `key`, from the log.
    async fn earlier_reply(&mut self, key: &str) -> JobResult<CommandOutcome> {
        let started = Instant::now();
        let row: Option<(i64, String, String, String)> = sqlx::query_as(
            "SELECT seq, at, status, effects FROM order_events WHERE order_id = $1 AND idempotency_key = $2",
        )
        .bind(self.order_id)
        .bind(key)
        .fetch_optional(&mut *self.conn)
        .await?;
        self.metrics.db(started.elapsed());
        let Some((seq, at, status, effects)) = row else {
            return Ok(Err(internal(format!(
                "the core reports key {key:?} applied, the log has no event for it"
            ))));
        };
        let effects = match RawValue::from_string(effects) {
            Ok(effects) => effects,
            Err(error) => return Ok(Err(internal(error))),
        };
        Ok(CommandReply {
            order_id: self.order_id,
            seq,
            key,
            at: &at,
            status: &status,
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
