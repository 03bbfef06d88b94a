//! `POST /orders`, `POST /orders/{id}/commands`, `GET /orders/{id}`.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use chrono::{SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::app::App;
use crate::body::JsonText;
use crate::error::{json_response, ApiError};
use crate::event::EventView;
use crate::lifecycle::{Lifecycle, StoreOrders, VoucherOrders};
use crate::writer::{CommandJob, NewOrder};

/// The body of `POST /orders`: a deal (flow 1) or a policy (flows 2-4), the customer, and
/// optionally the order's id (give one to make the call idempotent; otherwise the service
/// makes a UUID).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenBody {
    /// A voucher deal of the catalogue (flow 1).
    #[serde(default)]
    deal_id: Option<String>,
    /// A store-order policy of the catalogue (flows 2, 3, 4).
    #[serde(default)]
    policy_id: Option<String>,
    /// The customer.
    customer_id: String,
    /// The order's id.
    #[serde(default)]
    order_id: Option<String>,
}

fn input(field: &str, reason: &str) -> ApiError {
    ApiError::from(o2okit::Error::InvalidInput {
        field: field.into(),
        reason: reason.into(),
    })
}

/// Open an order: the core opens it (checking the terms, the ids), the writer stores it.
/// 201 when created; 200 when an order with this id, terms and customer exists.
pub async fn open(State(app): State<Arc<App>>, body: JsonText) -> Result<Response, ApiError> {
    let body: OpenBody = body.decode()?;
    let order_id = body
        .order_id
        .clone()
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let new = match (&body.deal_id, &body.policy_id) {
        (Some(deal), None) => prepare::<VoucherOrders>(&app, "deal", deal, &order_id, &body).await?,
        (None, Some(policy)) => {
            prepare::<StoreOrders>(&app, "policy", policy, &order_id, &body).await?
        }
        _ => {
            return Err(input(
                "deal_id",
                "give exactly one of deal_id (flow 1, a voucher order) and policy_id (flows 2-4, a store order)",
            ))
        }
    };
    let opened = app.writer.open(new).await?;
    let status = if opened.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let text =
        serde_json::to_string(&opened.summary).map_err(|e| ApiError::internal(&e.to_string()))?;
    Ok(json_response(status, text))
}

async fn prepare<L: Lifecycle>(
    app: &App,
    what: &str,
    terms_id: &str,
    order_id: &str,
    body: &OpenBody,
) -> Result<NewOrder, ApiError> {
    let sql = if what == "deal" {
        "SELECT deal FROM deals WHERE id = $1"
    } else {
        "SELECT policy FROM policies WHERE id = $1"
    };
    let terms_text: Option<String> = sqlx::query_scalar(sql)
        .bind(terms_id)
        .fetch_optional(&app.db.pool)
        .await?;
    let terms_text = terms_text.ok_or_else(|| ApiError::unknown_terms(what, terms_id))?;
    let started = Instant::now();
    let terms: L::Terms = serde_json::from_str(&terms_text)
        .map_err(|e| ApiError::internal(&format!("stored {what}: {e}")))?;
    let state = L::open(&terms, order_id, &body.customer_id);
    let encoded = state
        .as_ref()
        .map(|state| (serde_json::to_string(state), L::status(state)));
    app.metrics.core(started.elapsed());
    let (state, status) = encoded.map_err(|e| ApiError::from(e.clone()))?;
    Ok(NewOrder {
        order_id: order_id.to_string(),
        kind: L::KIND,
        flow: flow_name(L::flow(&terms)),
        terms_id: terms_id.to_string(),
        terms: terms_text,
        customer_id: body.customer_id.clone(),
        state: state.map_err(|e| ApiError::internal(&e.to_string()))?,
        status: status.to_string(),
    })
}

/// A flow's wire name.
pub fn flow_name(flow: o2okit::Flow) -> String {
    serde_json::to_value(flow)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// Send a command: `{"command": {…the core's command…}, "at": "RFC 3339"}`. Without `at`
/// the service's clock stamps it. 200 with the reply; a retry with the same key gets the
/// identical reply (and the header `idempotent-replayed: true`).
pub async fn command(
    State(app): State<Arc<App>>,
    Path(order_id): Path<String>,
    body: JsonText,
) -> Result<Response, ApiError> {
    let mut value: Value = body.decode()?;
    let Some(object) = value.as_object_mut() else {
        return Err(input(
            "body",
            "send an object {\"command\": {...}, \"at\": \"2026-03-01T09:00:00+08:00\"}",
        ));
    };
    if !object.contains_key("at") {
        object.insert(
            "at".into(),
            Value::String(
                Utc::now()
                    .fixed_offset()
                    .to_rfc3339_opts(SecondsFormat::Millis, false),
            ),
        );
    }
    let outcome = app
        .writer
        .command(CommandJob {
            order_id,
            body: value.to_string(),
        })
        .await?;
    let mut response = json_response(StatusCode::OK, outcome.body);
    response.headers_mut().insert(
        "idempotent-replayed",
        HeaderValue::from_static(if outcome.duplicate { "true" } else { "false" }),
    );
    Ok(response)
}

/// `GET /orders/{id}`: the order, its snapshot and its event log.
#[derive(Debug, Serialize)]
struct OrderView {
    order_id: String,
    kind: String,
    flow: String,
    terms_id: String,
    customer_id: String,
    status: String,
    version: i64,
    opened_at: String,
    updated_at: String,
    terms: Box<RawValue>,
    state: Box<RawValue>,
    events: Vec<EventView>,
}

type OrderRow = (
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    String,
    String,
    String,
);
type EventRow = (i64, String, String, String, String, String, String);

fn raw(text: String) -> Result<Box<RawValue>, ApiError> {
    RawValue::from_string(text).map_err(|e| ApiError::internal(&e.to_string()))
}

/// Read an order with its log (one consistent snapshot: the log is read up to the version).
pub async fn read(
    State(app): State<Arc<App>>,
    Path(order_id): Path<String>,
) -> Result<Response, ApiError> {
    let mut conn = app.db.pool.acquire().await?;
    let row: Option<OrderRow> = sqlx::query_as(
        "SELECT kind, flow, terms_id, customer_id, status, version, opened_at, updated_at, terms, state \
         FROM orders WHERE id = $1",
    )
    .bind(&order_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((
        kind,
        flow,
        terms_id,
        customer_id,
        status,
        version,
        opened_at,
        updated_at,
        terms,
        state,
    )) = row
    else {
        return Err(ApiError::unknown_order(&order_id));
    };
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT seq, idempotency_key, at, command, effects, status, recorded_at FROM order_events \
         WHERE order_id = $1 AND seq <= $2 ORDER BY seq",
    )
    .bind(&order_id)
    .bind(version)
    .fetch_all(&mut *conn)
    .await?;
    let events = events
        .into_iter()
        .map(|(seq, key, at, command, effects, status, recorded_at)| {
            Ok(EventView {
                seq,
                key,
                at,
                command: raw(command)?,
                effects: raw(effects)?,
                status,
                recorded_at,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let view = OrderView {
        order_id,
        kind,
        flow,
        terms_id,
        customer_id,
        status,
        version,
        opened_at,
        updated_at,
        terms: raw(terms)?,
        state: raw(state)?,
        events,
    };
    let text = serde_json::to_string(&view).map_err(|e| ApiError::internal(&e.to_string()))?;
    Ok(json_response(StatusCode::OK, text))
}
