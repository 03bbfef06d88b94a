//! `POST /quote`: price a cart with the catalogue's promotions.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use o2okit::QuoteRequest;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::app::App;
use crate::body::JsonText;
use crate::error::{json_response, ApiError};

/// The body: the core's cart and context (`now`, channel, store, customer, usage, coupon
/// selection). The promotions are the merchant's, from the catalogue: a client does not
/// choose its own discounts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteBody {
    cart: Box<RawValue>,
    context: Box<RawValue>,
}

/// Quote: the core's `quote` with every promotion of the catalogue.
pub async fn quote(State(app): State<Arc<App>>, body: JsonText) -> Result<Response, ApiError> {
    let body: QuoteBody = body.decode()?;
    let promotions: Vec<String> =
        sqlx::query_scalar("SELECT promotion FROM promotions ORDER BY id")
            .fetch_all(&app.db.pool)
            .await?;
    let started = Instant::now();
    let request = format!(
        "{{\"cart\": {}, \"promotions\": [{}], \"context\": {}}}",
        body.cart.get(),
        promotions.join(", "),
        body.context.get()
    );
    let result = o2okit::decode::<QuoteRequest>(&request)
        .and_then(|request| o2okit::quote(&request.cart, &request.promotions, &request.context));
    let text = result.map(|quote| serde_json::to_string(&quote));
    app.metrics.core(started.elapsed());
    let text = text?.map_err(|e| ApiError::internal(&e.to_string()))?;
    Ok(json_response(StatusCode::OK, text))
}
