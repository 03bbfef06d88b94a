//! Request bodies: JSON text within the size limit, handed to the core's decoder so that a
//! malformed body gets the core's codes (`invalid_json`, `number_for_money`, …), never a
//! framework's plain-text rejection.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use crate::app::App;
use crate::error::ApiError;

/// The text of a JSON body.
#[derive(Debug)]
pub struct JsonText(pub String);

impl FromRequest<Arc<App>> for JsonText {
    type Rejection = ApiError;

    async fn from_request(request: Request, app: &Arc<App>) -> Result<JsonText, ApiError> {
        let limit = app.config.body_limit;
        let headers = request.headers();
        if let Some(kind) = headers.get(header::CONTENT_TYPE) {
            let kind = kind.to_str().unwrap_or_default();
            let essence = kind.split(';').next().unwrap_or_default().trim();
            if !essence.eq_ignore_ascii_case("application/json") && !essence.ends_with("+json") {
                return Err(ApiError::unsupported_media_type(kind));
            }
        }
        let declared = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit as u64) {
            return Err(ApiError::body_too_large(limit));
        }
        let bytes =
            Bytes::from_request(request, app)
                .await
                .map_err(|rejection| match rejection {
                    BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                        ApiError::body_too_large(limit)
                    }
                    other => ApiError::from(o2okit::Error::InvalidInput {
                        field: "body".into(),
                        reason: format!("could not be read: {other}"),
                    }),
                })?;
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
            ApiError::from(o2okit::Error::InvalidInput {
                field: "body".into(),
                reason: "is not UTF-8 text; send JSON encoded as UTF-8".into(),
            })
        })?;
        Ok(JsonText(text))
    }
}

impl JsonText {
    /// Decode with the core's decoder (its error codes).
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        o2okit::decode(&self.0).map_err(ApiError::from)
    }
}
