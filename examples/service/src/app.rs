//! The service: its shared state, its routes and how it starts.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{Method, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::Notify;

use crate::config::Config;
use crate::consumer::Consumer;
use crate::db::Db;
use crate::error::ApiError;
use crate::metrics::Metrics;
use crate::routes;
use crate::writer::Writer;
use crate::{outbox, seed};

/// What every handler shares.
#[derive(Debug)]
pub struct App {
    /// The settings.
    pub config: Config,
    /// The orders database.
    pub db: Db,
    /// The one way to change it.
    pub writer: Writer,
    /// Time counters.
    pub metrics: Arc<Metrics>,
    /// The durability settings in force, as the database reports them.
    pub durability: String,
}

/// The routes.
pub fn router(app: Arc<App>) -> Router {
    let limit = app.config.body_limit;
    Router::new()
        .route("/health", get(routes::admin::health))
        .route("/quote", post(routes::quote::quote))
        .route(
            "/deals/{id}",
            put(routes::catalogue::put_deal).get(routes::catalogue::get_deal),
        )
        .route(
            "/policies/{id}",
            put(routes::catalogue::put_policy).get(routes::catalogue::get_policy),
        )
        .route("/promotions/{id}", put(routes::catalogue::put_promotion))
        .route("/orders", post(routes::orders::open))
        .route("/orders/{id}", get(routes::orders::read))
        .route("/orders/{id}/commands", post(routes::orders::command))
        .route("/orders/{id}/check", get(routes::admin::check_order))
        .route("/stores/{store_id}/verify", post(routes::verify::verify))
        .route("/statements", get(routes::statements::statements))
        .route("/admin/check", post(routes::admin::check_all))
        .route("/admin/metrics", get(routes::admin::metrics))
        .route("/admin/outbox", get(routes::admin::outbox))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(app.clone(), timed))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(app)
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(uri.path())
}

async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    let mut error = ApiError::not_found(uri.path());
    error.status = axum::http::StatusCode::METHOD_NOT_ALLOWED;
    error.body = serde_json::json!({
        "code": "method_not_allowed",
        "category": "service",
        "message": format!("{} is not allowed on {}", method, uri.path()),
    });
    error.into_response()
}

/// Count each request's time in the handler.
async fn timed(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let response = next.run(request).await;
    app.metrics.request(started.elapsed());
    response
}

/// Connect, migrate, seed, start the writer, the outbox worker and the HTTP server; serve
/// until ctrl-c (or SIGTERM). Prints `listening on http://ADDR` once the socket is bound.
pub async fn serve(config: Config) -> Result<(), String> {
    let readers = if config.database_url.starts_with("sqlite") {
        4
    } else {
        8
    };
    let db = Db::open(&config.database_url, config.sqlite_sync, readers)
        .await
        .map_err(|e| format!("cannot open {}: {e}", redact(&config.database_url)))?;
    db.migrate()
        .await
        .map_err(|e| format!("migrations failed: {e}"))?;
    if config.seed_demo {
        seed::demo(&db)
            .await
            .map_err(|e| format!("seeding the demo merchant failed: {e}"))?;
    }
    let durability = db
        .durability()
        .await
        .map_err(|e| format!("cannot read the durability settings: {e}"))?;
    let metrics = Arc::new(Metrics::default());
    let wake = Arc::new(Notify::new());
    let writer = Writer::start(
        db.clone(),
        config.lanes,
        metrics.clone(),
        wake.clone(),
        config.crash_after_commits,
    );
    if config.outbox_worker {
        let consumer = Consumer::open(&config.consumer_url, config.sqlite_sync)
            .await
            .map_err(|e| format!("cannot open the consumer's database: {e}"))?;
        tokio::spawn(outbox::run(
            db.clone(),
            writer.clone(),
            consumer,
            wake,
            config.crash_after_deliveries,
        ));
    }
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("no local address: {e}"))?;
    let app = Arc::new(App {
        config,
        db: db.clone(),
        writer,
        metrics,
        durability: durability.clone(),
    });
    println!("listening on http://{addr}");
    println!(
        "database: {} ({durability}); writer lanes: {}",
        db.backend.as_str(),
        app.config.lanes
    );
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| format!("server error: {e}"))
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let start = scheme.saturating_add(3);
            let credentials = url.get(start..at).unwrap_or_default();
            let user = credentials.split(':').next().unwrap_or_default();
            format!(
                "{}{user}:***{}",
                url.get(..start).unwrap_or_default(),
                url.get(at..).unwrap_or_default()
            )
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::redact;

    #[test]
    fn a_database_url_loses_its_password_in_messages() {
        assert_eq!(
            redact("postgres://o2okit:secret@127.0.0.1:5432/o2okit"),
            "postgres://o2okit:***@127.0.0.1:5432/o2okit"
        );
        assert_eq!(
            redact("sqlite://o2okit-data/orders.db?mode=rwc"),
            "sqlite://o2okit-data/orders.db?mode=rwc"
        );
    }
}
