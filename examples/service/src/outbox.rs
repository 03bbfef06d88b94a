//! The outbox worker: takes the effects not yet delivered, oldest first, hands them to the
//! consumer, then marks them delivered (through the writer, in its next group commit).
//! At least once: a crash after the consumer took a batch and before the mark delivers the
//! batch again after the restart, under the same effect ids, and the consumer skips what
//! it applied before. Several service processes may run a worker each; the consumer's
//! de-duplication makes that safe too.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::consumer::{Consumer, Delivery};
use crate::db::Db;
use crate::writer::Writer;

/// Effects per delivery.
const BATCH: i64 = 256;

type Row = (String, String, String, String, String);

/// Run forever. `crash_after`: see `O2OKIT_CRASH_AFTER_DELIVERIES` (tests only).
pub async fn run(
    db: Db,
    writer: Writer,
    consumer: Consumer,
    wake: Arc<Notify>,
    crash_after: Option<u64>,
) {
    let mut deliveries = 0u64;
    loop {
        match drain_once(&db, &writer, &consumer, || {
            deliveries = deliveries.saturating_add(1);
            if crash_after.is_some_and(|after| deliveries >= after) {
                eprintln!(
                    "O2OKIT_CRASH_AFTER_DELIVERIES: aborting after a delivery, before its mark"
                );
                std::process::abort();
            }
        })
        .await
        {
            Ok(0) => {
                // Nothing pending: wait for a commit that queued effects (or poll, for
                // effects another process queued).
                let _ = tokio::time::timeout(Duration::from_millis(500), wake.notified()).await;
            }
            Ok(_) => {}
            Err(error) => {
                eprintln!("outbox: {error}; retrying in 1 s");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// Deliver one batch; the number of effects delivered. `delivered` runs between the
/// consumer's commit and the mark.
pub async fn drain_once(
    db: &Db,
    writer: &Writer,
    consumer: &Consumer,
    delivered: impl FnOnce(),
) -> Result<usize, String> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT effect_id, order_id, kind, effect_type, effect FROM outbox WHERE delivered_at IS NULL \
         ORDER BY enqueued_micros, effect_id LIMIT $1",
    )
    .bind(BATCH)
    .fetch_all(&db.pool)
    .await
    .map_err(|e| format!("reading the outbox: {e}"))?;
    if rows.is_empty() {
        return Ok(0);
    }
    let batch: Vec<Delivery> = rows
        .into_iter()
        .map(
            |(effect_id, order_id, kind, effect_type, effect)| Delivery {
                effect_id,
                order_id,
                kind,
                effect_type,
                effect,
            },
        )
        .collect();
    consumer
        .deliver(&batch)
        .await
        .map_err(|e| format!("the consumer failed: {e}"))?;
    delivered();
    let ids: Vec<String> = batch.into_iter().map(|d| d.effect_id).collect();
    let count = ids.len();
    writer
        .mark_delivered(ids)
        .await
        .map_err(|e| format!("marking delivered: {}", e.body))?;
    Ok(count)
}
