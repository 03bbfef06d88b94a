//! `POST /stores/{store_id}/verify`: a code presented at a store's counter. The core checks
//! the code offline (`verify_code`: check digit, MAC, expiry); the service finds the
//! voucher by its serial and asks the core, with a dry-run `redeem` that writes nothing,
//! whether this store may redeem a use now (and if not, the core's reason).

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, FixedOffset, Utc};
use o2okit::{
    verify_code, voucher_order_step, LifecycleActor, Verification, VoucherDeal,
    VoucherOrderCommand, VoucherOrderState, VoucherScope,
};
use serde::{Deserialize, Serialize};

use crate::app::App;
use crate::body::JsonText;
use crate::error::{json_response, ApiError};

/// The body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VerifyBody {
    /// The deal the code is for (its key and scope).
    deal_id: String,
    /// The code as typed or scanned (spaces and hyphens are ignored).
    code: String,
    /// When (default: the service's clock).
    #[serde(default)]
    at: Option<DateTime<FixedOffset>>,
}

/// The answer.
#[derive(Debug, Serialize)]
struct VerifyReply {
    /// The core's verification (`valid`, `serial`, `reason`).
    #[serde(flatten)]
    verification: Verification,
    /// The order that bought the voucher.
    #[serde(skip_serializing_if = "Option::is_none")]
    order_id: Option<String>,
    /// The voucher.
    #[serde(skip_serializing_if = "Option::is_none")]
    voucher: Option<String>,
    /// Its uses still open.
    #[serde(skip_serializing_if = "Option::is_none")]
    uses_left: Option<u32>,
    /// Whether the store may redeem one use now.
    redeemable: bool,
    /// Why not, as the core's error (`store_not_allowed`, `no_uses_left`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    refusal: Option<serde_json::Value>,
}

fn input(field: &str, reason: String) -> ApiError {
    ApiError::from(o2okit::Error::InvalidInput {
        field: field.into(),
        reason,
    })
}

/// Verify a code at a store.
pub async fn verify(
    State(app): State<Arc<App>>,
    Path(store_id): Path<String>,
    body: JsonText,
) -> Result<Response, ApiError> {
    let body: VerifyBody = body.decode()?;
    let now = body.at.unwrap_or_else(|| Utc::now().fixed_offset());
    let deal_text: Option<String> = sqlx::query_scalar("SELECT deal FROM deals WHERE id = $1")
        .bind(&body.deal_id)
        .fetch_optional(&app.db.pool)
        .await?;
    let deal_text = deal_text.ok_or_else(|| ApiError::unknown_terms("deal", &body.deal_id))?;
    let started = Instant::now();
    let deal: VoucherDeal =
        serde_json::from_str(&deal_text).map_err(|e| ApiError::internal(&e.to_string()))?;
    let codes = deal.codes.as_ref().ok_or_else(|| {
        input(
            "deal_id",
            format!("deal {:?} issues no codes to verify", deal.id),
        )
    })?;
    let scope = VoucherScope {
        store_id: None,
        deal_id: Some(deal.id.clone()),
        expires_at: Some(deal.valid_until),
    };
    let verification = verify_code(&codes.key, &codes.spec, &body.code, &scope, now);
    app.metrics.core(started.elapsed());
    let verification = verification?;
    let mut reply = VerifyReply {
        verification,
        order_id: None,
        voucher: None,
        uses_left: None,
        redeemable: false,
        refusal: None,
    };
    let Some(serial) = verification.serial.filter(|_| verification.valid) else {
        return respond(&reply);
    };
    let found: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT v.order_id, v.voucher_id, o.state, o.terms FROM vouchers v JOIN orders o ON o.id = v.order_id \
         WHERE v.deal_id = $1 AND v.serial = $2",
    )
    .bind(&deal.id)
    .bind(i64::try_from(serial).unwrap_or(i64::MAX))
    .fetch_optional(&app.db.pool)
    .await?;
    let Some((order_id, voucher_id, state, terms)) = found else {
        // A genuine code of the deal's key that no order of this service was issued.
        reply.refusal = Some(serde_json::json!({
            "code": "unknown_voucher",
            "category": "lifecycle",
            "message": format!("no order of this service was issued serial {serial}"),
        }));
        return respond(&reply);
    };
    let started = Instant::now();
    let state: VoucherOrderState =
        serde_json::from_str(&state).map_err(|e| ApiError::internal(&e.to_string()))?;
    let terms: VoucherDeal =
        serde_json::from_str(&terms).map_err(|e| ApiError::internal(&e.to_string()))?;
    reply.uses_left = state
        .vouchers
        .iter()
        .find(|v| v.id == voucher_id)
        .map(|v| v.uses_left);
    let probe = VoucherOrderCommand::Redeem {
        key: format!("verify-probe-{}", uuid::Uuid::new_v4()),
        actor: LifecycleActor::Staff,
        voucher: voucher_id.clone(),
        store_id,
        staff_id: None,
        count: 1,
    };
    match voucher_order_step(&state, &terms, &probe, now) {
        Ok(_) => reply.redeemable = true,
        Err(error) => reply.refusal = Some(error.to_json_value()),
    }
    app.metrics.core(started.elapsed());
    reply.order_id = Some(order_id);
    reply.voucher = Some(voucher_id);
    respond(&reply)
}

fn respond(reply: &VerifyReply) -> Result<Response, ApiError> {
    let text = serde_json::to_string(reply).map_err(|e| ApiError::internal(&e.to_string()))?;
    Ok(json_response(StatusCode::OK, text))
}
