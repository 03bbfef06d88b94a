//! The replay check: an order's snapshot must equal the replay of its event log through the
//! core, the effects the log recorded must be the replay's effects (with their ids), and
//! every one of them must be in the outbox. `GET /orders/{id}/check`, `POST /admin/check`
//! and `o2okit-service check` run it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sqlx::AnyPool;

use crate::event::effect_id;
use crate::lifecycle::{Lifecycle, StoreOrders, VoucherOrders};

/// The result for one order.
#[derive(Debug, Serialize)]
pub struct OrderCheck {
    /// The order.
    pub order_id: String,
    /// `voucher_order` or `store_order`.
    pub kind: String,
    /// Commands applied (the snapshot's version).
    pub version: i64,
    /// The snapshot's status.
    pub status: String,
    /// What the platform still holds for the order (the core's totals).
    pub held: String,
    /// Whether the order's money is resolved (then `held` is zero).
    pub settled: bool,
    /// Whether every check passed.
    pub consistent: bool,
    /// What did not match.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

/// The result for every order.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Orders checked.
    pub orders: usize,
    /// Of which consistent.
    pub consistent: usize,
    /// The others.
    pub inconsistent: Vec<OrderCheck>,
}

#[derive(Debug, Deserialize)]
struct StoredEffect<E> {
    id: String,
    effect: E,
}

type OrderRow = (String, String, String, String, String, i64);
type EventRow = (i64, String, String, String);

/// Check one order; `None` if there is no such order.
pub async fn order(pool: &AnyPool, order_id: &str) -> Result<Option<OrderCheck>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let row: Option<OrderRow> = sqlx::query_as(
        "SELECT kind, terms, customer_id, state, status, version FROM orders WHERE id = $1",
    )
    .bind(order_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((kind, terms, customer_id, state, status, version)) = row else {
        return Ok(None);
    };
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT seq, at, command, effects FROM order_events WHERE order_id = $1 AND seq <= $2 ORDER BY seq",
    )
    .bind(order_id)
    .bind(version)
    .fetch_all(&mut *conn)
    .await?;
    let outbox: Vec<(String, String)> =
        sqlx::query_as("SELECT effect_id, effect FROM outbox WHERE order_id = $1 AND seq <= $2")
            .bind(order_id)
            .bind(version)
            .fetch_all(&mut *conn)
            .await?;
    let outbox: HashMap<String, String> = outbox.into_iter().collect();
    let input = Input {
        order_id,
        terms: &terms,
        customer_id: &customer_id,
        state: &state,
        status: &status,
        version,
        events: &events,
        outbox: &outbox,
    };
    Ok(Some(match kind.as_str() {
        VoucherOrders::KIND => check::<VoucherOrders>(&input),
        StoreOrders::KIND => check::<StoreOrders>(&input),
        other => OrderCheck {
            order_id: order_id.into(),
            kind: other.into(),
            version,
            status,
            held: String::new(),
            settled: false,
            consistent: false,
            problems: vec![format!("unknown kind {other:?}")],
        },
    }))
}

/// Check every order.
pub async fn all(pool: &AnyPool) -> Result<Summary, sqlx::Error> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM orders ORDER BY id")
        .fetch_all(pool)
        .await?;
    let mut summary = Summary {
        orders: ids.len(),
        consistent: 0,
        inconsistent: Vec::new(),
    };
    for id in ids {
        match order(pool, &id).await? {
            Some(check) if check.consistent => {
                summary.consistent = summary.consistent.saturating_add(1)
            }
            Some(check) => summary.inconsistent.push(check),
            None => {}
        }
    }
    Ok(summary)
}

struct Input<'a> {
    order_id: &'a str,
    terms: &'a str,
    customer_id: &'a str,
    state: &'a str,
    status: &'a str,
    version: i64,
    events: &'a [EventRow],
    outbox: &'a HashMap<String, String>,
}

fn check<L: Lifecycle>(input: &Input<'_>) -> OrderCheck {
    let mut problems = Vec::new();
    let mut report = OrderCheck {
        order_id: input.order_id.into(),
        kind: L::KIND.into(),
        version: input.version,
        status: input.status.into(),
        held: String::new(),
        settled: false,
        consistent: false,
        problems: Vec::new(),
    };
    let terms: L::Terms = match serde_json::from_str(input.terms) {
        Ok(terms) => terms,
        Err(e) => {
            report
                .problems
                .push(format!("stored terms do not decode: {e}"));
            return report;
        }
    };
    let snapshot: L::State = match serde_json::from_str(input.state) {
        Ok(state) => state,
        Err(e) => {
            report
                .problems
                .push(format!("the snapshot does not decode: {e}"));
            return report;
        }
    };
    if L::status(&snapshot) != input.status {
        problems.push(format!(
            "status column {:?}, snapshot {:?}",
            input.status,
            L::status(&snapshot)
        ));
    }
    let mut log = Vec::with_capacity(input.events.len());
    let mut recorded = Vec::new();
    for (position, (seq, at, command, effects)) in input.events.iter().enumerate() {
        let expected = i64::try_from(position)
            .unwrap_or(i64::MAX)
            .saturating_add(1);
        if *seq != expected {
            problems.push(format!("event seq {seq} where {expected} was expected"));
        }
        let timed = chrono::DateTime::parse_from_rfc3339(at)
            .map_err(|e| e.to_string())
            .and_then(|at| {
                serde_json::from_str::<L::Command>(command)
                    .map(|command| L::timed(at, command))
                    .map_err(|e| e.to_string())
            });
        match timed {
            Ok(timed) => log.push(timed),
            Err(e) => problems.push(format!("event {seq} does not decode: {e}")),
        }
        match serde_json::from_str::<Vec<StoredEffect<L::Effect>>>(effects) {
            Ok(effects) => {
                for (index, stored) in effects.into_iter().enumerate() {
                    let id = effect_id(input.order_id, *seq, index);
                    if stored.id != id {
                        problems.push(format!("effect {} should be {id}", stored.id));
                    }
                    match input.outbox.get(&id) {
                        None => problems.push(format!("effect {id} is not in the outbox")),
                        Some(text)
                            if serde_json::from_str::<L::Effect>(text).ok().as_ref()
                                != Some(&stored.effect) =>
                        {
                            problems.push(format!("effect {id} differs in the outbox"))
                        }
                        Some(_) => {}
                    }
                    recorded.push(stored.effect);
                }
            }
            Err(e) => problems.push(format!("effects of event {seq} do not decode: {e}")),
        }
    }
    if i64::try_from(input.events.len()).ok() != Some(input.version) {
        problems.push(format!(
            "{} events for version {}",
            input.events.len(),
            input.version
        ));
    }
    if recorded.len() != input.outbox.len() {
        problems.push(format!(
            "{} effects logged, {} in the outbox",
            recorded.len(),
            input.outbox.len()
        ));
    }
    match L::replay(&terms, input.order_id, input.customer_id, &log) {
        Ok((state, effects)) => {
            if state != snapshot {
                problems.push("the snapshot differs from the replay of the log".into());
            }
            if effects != recorded {
                problems.push(format!(
                    "the log recorded {} effects, the replay gives {} (or they differ)",
                    recorded.len(),
                    effects.len()
                ));
            }
        }
        Err(error) => problems.push(format!(
            "the replay rejects the log: [{}] {error}",
            error.code()
        )),
    }
    report.settled = L::is_final(&snapshot);
    match L::held(&snapshot) {
        Ok(held) => {
            if report.settled && !held.is_zero() {
                problems.push(format!("a settled order still holds {held}"));
            }
            report.held = held.to_string();
        }
        Err(error) => problems.push(format!("totals: {error}")),
    }
    report.consistent = problems.is_empty();
    report.problems = problems;
    report
}
