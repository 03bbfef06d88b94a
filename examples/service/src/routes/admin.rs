//! `GET /health`, `GET /orders/{id}/check`, `POST /admin/check`, `GET /admin/metrics`,
//! `GET /admin/outbox`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use serde_json::json;

use crate::app::App;
use crate::check;
use crate::error::{json_response, ApiError};

fn ok<T: Serialize>(value: &T) -> Result<Response, ApiError> {
    let text = serde_json::to_string(value).map_err(|e| ApiError::internal(&e.to_string()))?;
    Ok(json_response(StatusCode::OK, text))
}

/// Liveness, the backend and its durability settings.
pub async fn health(State(app): State<Arc<App>>) -> Result<Response, ApiError> {
    ok(&json!({
        "status": "ok",
        "database": app.db.backend.as_str(),
        "durability": app.durability,
        "writer_lanes": app.config.lanes,
    }))
}

/// The replay check of one order.
pub async fn check_order(
    State(app): State<Arc<App>>,
    Path(order_id): Path<String>,
) -> Result<Response, ApiError> {
    match check::order(&app.db.pool, &order_id).await? {
        Some(report) => ok(&report),
        None => Err(ApiError::unknown_order(&order_id)),
    }
}

/// The replay check of every order.
pub async fn check_all(State(app): State<Arc<App>>) -> Result<Response, ApiError> {
    ok(&check::all(&app.db.pool).await?)
}

/// The time counters.
pub async fn metrics(State(app): State<Arc<App>>) -> Result<Response, ApiError> {
    ok(&app.metrics.snapshot())
}

/// Effects queued, delivered and pending.
pub async fn outbox(State(app): State<Arc<App>>) -> Result<Response, ApiError> {
    let (total, pending): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(*) - COUNT(delivered_at) FROM outbox")
            .fetch_one(&app.db.pool)
            .await?;
    ok(&json!({"effects": total, "pending": pending, "delivered": total.saturating_sub(pending)}))
}
