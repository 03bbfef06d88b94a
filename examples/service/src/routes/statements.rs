//! `GET /statements?party_id=…&period=day|week|month|all&from=…&to=…&time_zone=…`: what a
//! party is owed over a period, from the ledger lines of the settlements and clawbacks the
//! service applied, totalled by the core's `settle`.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, FixedOffset};
use o2okit::{LedgerLine, Period};
use serde::Deserialize;

use crate::app::App;
use crate::error::{json_response, ApiError};

/// The query. Times are RFC 3339 (write `+` as `%2B`, or use `Z`); `from` is inclusive,
/// `to` exclusive; both optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementsQuery {
    party_id: String,
    #[serde(default)]
    period: Period,
    #[serde(default)]
    from: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    to: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    time_zone: Option<String>,
}

/// The party's statements.
pub async fn statements(
    State(app): State<Arc<App>>,
    query: Result<Query<StatementsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|rejection| {
        ApiError::from(o2okit::Error::InvalidInput {
            field: "query".into(),
            reason: format!(
                "{}; give party_id, and optionally period (day, week, month, all), from, to (RFC 3339) and time_zone",
                rejection.body_text()
            ),
        })
    })?;
    let from = query.from.map_or(i64::MIN, |t| t.timestamp_micros());
    let to = query.to.map_or(i64::MAX, |t| t.timestamp_micros());
    let texts: Vec<String> = sqlx::query_scalar(
        "SELECT line FROM ledger_lines WHERE party_id = $1 AND at_micros >= $2 AND at_micros < $3 \
         ORDER BY at_micros, effect_id, line_no",
    )
    .bind(&query.party_id)
    .bind(from)
    .bind(to)
    .fetch_all(&app.db.pool)
    .await?;
    let started = Instant::now();
    let lines = texts
        .iter()
        .map(|text| serde_json::from_str::<LedgerLine>(text))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ApiError::internal(&format!("stored ledger line: {e}")))?;
    let settlement = o2okit::settle(&lines, query.period, query.time_zone.as_deref());
    let text = settlement.map(|s| serde_json::to_string(&s));
    app.metrics.core(started.elapsed());
    let text = text?.map_err(|e| ApiError::internal(&e.to_string()))?;
    Ok(json_response(StatusCode::OK, text))
}
