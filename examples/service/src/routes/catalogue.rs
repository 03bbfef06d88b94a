//! The merchant's catalogue: `PUT`/`GET /deals/{id}`, `PUT`/`GET /policies/{id}`,
//! `PUT /promotions/{id}`. Terms are checked by the core before they are stored, and are
//! write-once: a `PUT` of the same content again is a no-op (200), other content under a
//! used id is `already_exists` (409), because orders replay against the terms they were
//! opened with (each order also keeps its own copy).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use o2okit::{Promotion, StoreOrderPolicy, VoucherDeal};

use crate::app::App;
use crate::body::JsonText;
use crate::db::Db;
use crate::error::{json_response, ApiError};
use crate::routes::orders::flow_name;

fn path_mismatch(path: &str, body: &str) -> ApiError {
    ApiError::from(o2okit::Error::InvalidInput {
        field: "id".into(),
        reason: format!("the body's id {body:?} is not the path's {path:?}"),
    })
}

/// Insert a catalogue row unless the id exists; `true` when inserted, `false` when the
/// same content was there; `already_exists` when other content was.
pub async fn insert_once(
    db: &Db,
    table: &str,
    id: &str,
    column: &str,
    text: &str,
    extra: Option<(&str, String)>,
) -> Result<bool, ApiError> {
    let now = Utc::now().to_rfc3339();
    let (extra_column, extra_value) = match &extra {
        Some((column, value)) => (format!(", {column}"), Some(value.clone())),
        None => (String::new(), None),
    };
    let placeholders = if extra.is_some() { ", $4" } else { "" };
    let sql = format!(
        "INSERT INTO {table} (id, {column}, created_at{extra_column}) VALUES ($1, $2, $3{placeholders}) \
         ON CONFLICT (id) DO NOTHING"
    );
    let mut query = sqlx::query(&sql).bind(id).bind(text).bind(&now);
    if let Some(value) = extra_value {
        query = query.bind(value);
    }
    let inserted = query.execute(&db.pool).await?.rows_affected();
    if inserted == 1 {
        return Ok(true);
    }
    let stored: Option<String> =
        sqlx::query_scalar(&format!("SELECT {column} FROM {table} WHERE id = $1"))
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
    if stored.as_deref() == Some(text) {
        Ok(false)
    } else {
        Err(ApiError::already_exists(
            table.trim_end_matches('s'),
            id,
            "terms are write-once: use a new id for new terms",
        ))
    }
}

fn created(inserted: bool, text: String) -> Response {
    json_response(
        if inserted {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        text,
    )
}

/// Store a voucher deal (flow 1).
pub async fn put_deal(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    body: JsonText,
) -> Result<Response, ApiError> {
    let deal: VoucherDeal = body.decode()?;
    if deal.id != id {
        return Err(path_mismatch(&id, &deal.id));
    }
    deal.validate()?;
    let text = serde_json::to_string(&deal).map_err(|e| ApiError::internal(&e.to_string()))?;
    let inserted = insert_deal(&app.db, &id, &text).await?;
    Ok(created(inserted, text))
}

/// Insert a deal with its serial counter at 1.
pub async fn insert_deal(db: &Db, id: &str, text: &str) -> Result<bool, ApiError> {
    let now = Utc::now().to_rfc3339();
    let inserted = sqlx::query(
        "INSERT INTO deals (id, deal, next_serial, created_at) VALUES ($1, $2, 1, $3) ON CONFLICT (id) DO NOTHING",
    )
    .bind(id)
    .bind(text)
    .bind(&now)
    .execute(&db.pool)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(true);
    }
    let stored: Option<String> = sqlx::query_scalar("SELECT deal FROM deals WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    if stored.as_deref() == Some(text) {
        Ok(false)
    } else {
        Err(ApiError::already_exists(
            "deal",
            id,
            "terms are write-once: use a new id for new terms",
        ))
    }
}

/// Read a deal.
pub async fn get_deal(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let text: Option<String> = sqlx::query_scalar("SELECT deal FROM deals WHERE id = $1")
        .bind(&id)
        .fetch_optional(&app.db.pool)
        .await?;
    text.map(|text| json_response(StatusCode::OK, text))
        .ok_or_else(|| ApiError::unknown_terms("deal", &id))
}

/// Store a store-order policy (flows 2-4).
pub async fn put_policy(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    body: JsonText,
) -> Result<Response, ApiError> {
    let policy: StoreOrderPolicy = body.decode()?;
    if policy.id != id {
        return Err(path_mismatch(&id, &policy.id));
    }
    policy.validate()?;
    let text = serde_json::to_string(&policy).map_err(|e| ApiError::internal(&e.to_string()))?;
    let inserted = insert_once(
        &app.db,
        "policies",
        &id,
        "policy",
        &text,
        Some(("flow", flow_name(policy.flow))),
    )
    .await?;
    Ok(created(inserted, text))
}

/// Read a policy.
pub async fn get_policy(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let text: Option<String> = sqlx::query_scalar("SELECT policy FROM policies WHERE id = $1")
        .bind(&id)
        .fetch_optional(&app.db.pool)
        .await?;
    text.map(|text| json_response(StatusCode::OK, text))
        .ok_or_else(|| ApiError::unknown_terms("policy", &id))
}

/// Store a promotion for quotes.
pub async fn put_promotion(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    body: JsonText,
) -> Result<Response, ApiError> {
    let promotion: Promotion = body.decode()?;
    if promotion.id != id {
        return Err(path_mismatch(&id, &promotion.id));
    }
    let text = serde_json::to_string(&promotion).map_err(|e| ApiError::internal(&e.to_string()))?;
    let inserted = insert_once(&app.db, "promotions", &id, "promotion", &text, None).await?;
    Ok(created(inserted, text))
}
