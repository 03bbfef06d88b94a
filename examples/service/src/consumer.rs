//! A de-duplicating consumer of the outbox: the stand-in for a payment provider or a
//! ledger downstream. It keeps what it applied in its own database (SQLite:
//! `consumer.db`, apart from the orders; PostgreSQL: its own tables), in its own
//! transactions, so a crash between its commit and the outbox's "delivered" mark really
//! does deliver an effect twice. It applies each effect id once: a second delivery only
//! counts `deliveries`. Per order it keeps the money the platform holds by the effects it
//! applied (`charge` and `clawback` in, `refund`, `settle` and `breakage` out): after the
//! outbox is drained it equals the core's `held` for every order, zero for a settled one.
//!
//! A real consumer does the same with its provider: it passes the effect's id as the
//! provider's idempotency key.

use std::time::Duration;

use chrono::Utc;
use o2okit::Money;
use serde::Serialize;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

use crate::config::{is_postgres, SqliteSync};
use crate::lifecycle::{Lifecycle, StoreOrders, VoucherOrders};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS consumer_effects (
    effect_id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    effect_type TEXT NOT NULL,
    outflow_minor BIGINT,
    currency TEXT,
    deliveries BIGINT NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS consumer_orders (
    order_id TEXT PRIMARY KEY,
    currency TEXT NOT NULL,
    held_minor BIGINT NOT NULL,
    money_effects BIGINT NOT NULL
);
";

/// One outbox row handed to the consumer.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// The effect's id (the de-duplication key).
    pub effect_id: String,
    /// The order.
    pub order_id: String,
    /// `voucher_order` or `store_order`.
    pub kind: String,
    /// The effect's wire type.
    pub effect_type: String,
    /// The effect's JSON.
    pub effect: String,
}

/// What a delivery did.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Delivered {
    /// Effects applied for the first time.
    pub applied: u64,
    /// Effects seen before (not applied again).
    pub duplicates: u64,
}

/// The consumer's totals.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct ConsumerTotals {
    /// Distinct effects applied.
    pub effects: i64,
    /// Deliveries received in all (duplicates included).
    pub deliveries: i64,
}

/// The consumer.
#[derive(Debug, Clone)]
pub struct Consumer {
    pool: AnyPool,
}

fn outflow<L: Lifecycle>(text: &str) -> Result<Option<Money>, sqlx::Error> {
    let effect: L::Effect =
        serde_json::from_str(text).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(L::outflow(&effect))
}

fn money_of(delivery: &Delivery) -> Result<Option<Money>, sqlx::Error> {
    match delivery.kind.as_str() {
        VoucherOrders::KIND => outflow::<VoucherOrders>(&delivery.effect),
        StoreOrders::KIND => outflow::<StoreOrders>(&delivery.effect),
        other => Err(sqlx::Error::Protocol(format!("unknown kind {other:?}"))),
    }
}

impl Consumer {
    /// Open (and create) the consumer's tables.
    pub async fn open(url: &str, sync: SqliteSync) -> Result<Consumer, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let sqlite = !is_postgres(url);
        if sqlite {
            if let Some(parent) = std::path::Path::new(
                url.trim_start_matches("sqlite://")
                    .split('?')
                    .next()
                    .unwrap_or_default(),
            )
            .parent()
            {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
                }
            }
        }
        let pragmas = format!(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = {}; PRAGMA busy_timeout = 10000;",
            sync.as_str()
        );
        let pool = AnyPoolOptions::new()
            .max_connections(2)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                let pragmas = pragmas.clone();
                Box::pin(async move {
                    if sqlite {
                        conn.execute(pragmas.as_str()).await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        for statement in SCHEMA.split(';').filter(|s| !s.trim().is_empty()) {
            pool.execute(statement).await?;
        }
        Ok(Consumer { pool })
    }

    /// Take a batch of effects, in one transaction of the consumer's own database.
    pub async fn deliver(&self, batch: &[Delivery]) -> Result<Delivered, sqlx::Error> {
        let mut delivered = Delivered::default();
        let now = Utc::now().to_rfc3339();
        let mut tx = self.pool.begin().await?;
        for delivery in batch {
            let money = money_of(delivery)?;
            let minor = money
                .map(|m| {
                    i64::try_from(m.minor_units())
                        .map_err(|_| sqlx::Error::Protocol(format!("{m} is too large")))
                })
                .transpose()?;
            let currency = money.map(|m| m.currency().code().to_string());
            let inserted = sqlx::query(
                "INSERT INTO consumer_effects (effect_id, order_id, effect_type, outflow_minor, currency, deliveries, applied_at) \
                 VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT (effect_id) DO NOTHING",
            )
            .bind(&delivery.effect_id)
            .bind(&delivery.order_id)
            .bind(&delivery.effect_type)
            .bind(minor)
            .bind(currency.clone())
            .bind(&now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 0 {
                sqlx::query(
                    "UPDATE consumer_effects SET deliveries = deliveries + 1 WHERE effect_id = $1",
                )
                .bind(&delivery.effect_id)
                .execute(&mut *tx)
                .await?;
                delivered.duplicates = delivered.duplicates.saturating_add(1);
                continue;
            }
            delivered.applied = delivered.applied.saturating_add(1);
            if let (Some(minor), Some(currency)) = (minor, currency) {
                // Money out of the platform's hands lowers what it holds for the order.
                let held = minor.checked_neg().unwrap_or(i64::MAX);
                sqlx::query(
                    "INSERT INTO consumer_orders (order_id, currency, held_minor, money_effects) VALUES ($1, $2, $3, 1) \
                     ON CONFLICT (order_id) DO UPDATE SET held_minor = consumer_orders.held_minor + excluded.held_minor, \
                     money_effects = consumer_orders.money_effects + 1",
                )
                .bind(&delivery.order_id)
                .bind(currency)
                .bind(held)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(delivered)
    }

    /// The money the platform holds for an order by the effects applied (minor units).
    pub async fn held_minor(&self, order_id: &str) -> Result<i64, sqlx::Error> {
        let held: Option<i64> =
            sqlx::query_scalar("SELECT held_minor FROM consumer_orders WHERE order_id = $1")
                .bind(order_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(held.unwrap_or(0))
    }

    /// Distinct effects and deliveries in all.
    pub async fn totals(&self) -> Result<ConsumerTotals, sqlx::Error> {
        let (effects, deliveries): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), CAST(SUM(deliveries) AS BIGINT) FROM consumer_effects",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(ConsumerTotals {
            effects,
            deliveries: deliveries.unwrap_or(0),
        })
    }
}
