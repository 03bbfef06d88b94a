//! Errors as HTTP responses. The body is always the core's error shape, `{"code",
//! "category", "message"}` (plus `event_index` for a replayed log):
//!
//! | status | when | code |
//! |---|---|---|
//! | 400 | bad input: malformed JSON, a number for money, a command wrong whatever the order's state | the core's (`invalid_json`, `number_for_money`, `invalid_input`, `amount_mismatch`, …) |
//! | 404 | an order, deal or policy the service does not have | `unknown_order`, `unknown_deal`, `unknown_policy` (category `service`) |
//! | 409 | a conflict with the order's state: [`o2okit::Error::is_conflict`] | the core's (`no_uses_left`, `idempotency_conflict`, `time_out_of_order`, `command_not_allowed`, …), or `already_exists` |
//! | 413 | a body over the size limit | the core's `invalid_input`, field `body` |
//! | 415 | a body that is not JSON | `unsupported_media_type` |
//! | 503 | the database failed; nothing was applied, retry with the same key | `storage_unavailable` |

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// An error answered to the client.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The body: `code`, `category`, `message`.
    pub body: Value,
}

impl ApiError {
    fn service(status: StatusCode, code: &str, message: String) -> ApiError {
        ApiError {
            status,
            body: json!({"code": code, "category": "service", "message": message}),
        }
    }

    /// No order with this id.
    pub fn unknown_order(id: &str) -> ApiError {
        ApiError::service(
            StatusCode::NOT_FOUND,
            "unknown_order",
            format!("no order {id:?}: open it first with POST /orders"),
        )
    }

    /// No deal or policy with this id.
    pub fn unknown_terms(what: &str, id: &str) -> ApiError {
        ApiError::service(
            StatusCode::NOT_FOUND,
            if what == "deal" {
                "unknown_deal"
            } else {
                "unknown_policy"
            },
            format!("no {what} {id:?}: create it with PUT /{what}s/{{id}}"),
        )
    }

    /// An id taken by something else.
    pub fn already_exists(what: &str, id: &str, hint: &str) -> ApiError {
        ApiError::service(
            StatusCode::CONFLICT,
            "already_exists",
            format!("{what} {id:?} already exists with other content; {hint}"),
        )
    }

    /// No route.
    pub fn not_found(path: &str) -> ApiError {
        ApiError::service(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no endpoint {path}; see examples/service/README.md"),
        )
    }

    /// A body that is not JSON.
    pub fn unsupported_media_type(found: &str) -> ApiError {
        ApiError::service(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!("send JSON with content-type application/json, not {found:?}"),
        )
    }

    /// A body over the limit: the core's `invalid_input` on the field `body`.
    pub fn body_too_large(limit: usize) -> ApiError {
        ApiError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            body: o2okit::Error::InvalidInput {
                field: "body".into(),
                reason: format!("larger than the limit of {limit} bytes; send a smaller request"),
            }
            .to_json_value(),
        }
    }

    /// The database failed; nothing was applied.
    pub fn storage(error: &dyn std::fmt::Display) -> ApiError {
        ApiError::service(
            StatusCode::SERVICE_UNAVAILABLE,
            "storage_unavailable",
            format!("the database failed ({error}); nothing was applied: retry with the same idempotency key"),
        )
    }

    /// A bug: something that cannot happen happened.
    pub fn internal(what: &str) -> ApiError {
        ApiError::service(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("internal error: {what}"),
        )
    }

    /// The machine-readable code.
    pub fn code(&self) -> &str {
        self.body
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or("internal")
    }
}

impl From<o2okit::Error> for ApiError {
    /// A conflict with the state is 409; every other core error is bad input, 400.
    fn from(error: o2okit::Error) -> ApiError {
        ApiError {
            status: if error.is_conflict() {
                StatusCode::CONFLICT
            } else {
                StatusCode::BAD_REQUEST
            },
            body: error.to_json_value(),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> ApiError {
        ApiError::storage(&error)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(self.status, self.body.to_string())
    }
}

/// A JSON response from text already encoded.
pub fn json_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
