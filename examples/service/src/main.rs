//! `o2okit-service [serve|check|migrate]`: run the service (the default), check every
//! order's snapshot against the replay of its log, or only apply the migrations.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use o2okit_service::app::{redact, serve};
use o2okit_service::config::Config;
use o2okit_service::db::Db;
use o2okit_service::{check, seed};

const USAGE: &str = "usage: o2okit-service [serve|check|migrate]

  serve    run the HTTP service (the default); settings from the environment:
           DATABASE_URL (postgres://... or sqlite://...; default sqlite in ./o2okit-data),
           O2OKIT_ADDR (127.0.0.1:8080), O2OKIT_SQLITE_SYNC (full|normal), ...
           (see examples/service/README.md)
  check    replay every order's event log through o2okit and compare it with the
           snapshot and the outbox; exit 1 if any order differs
  migrate  apply the migrations and seed the demo merchant, then exit";

#[tokio::main]
async fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("o2okit-service: {error}");
            return ExitCode::from(2);
        }
    };
    let result = match command.as_str() {
        "serve" => serve(config).await,
        "check" => run_check(&config).await,
        "migrate" => run_migrate(&config).await,
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("o2okit-service: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn open(config: &Config) -> Result<Db, String> {
    let db = Db::open(&config.database_url, config.sqlite_sync, 2)
        .await
        .map_err(|e| format!("cannot open {}: {e}", redact(&config.database_url)))?;
    db.migrate()
        .await
        .map_err(|e| format!("migrations failed: {e}"))?;
    Ok(db)
}

async fn run_check(config: &Config) -> Result<(), String> {
    let db = open(config).await?;
    let summary = check::all(&db.pool).await.map_err(|e| e.to_string())?;
    println!(
        "{}",
        serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())?
    );
    if summary.inconsistent.is_empty() {
        println!(
            "all {} orders: snapshot = replay of the log, every effect in the outbox",
            summary.orders
        );
        Ok(())
    } else {
        Err(format!(
            "{} of {} orders differ from their log",
            summary.inconsistent.len(),
            summary.orders
        ))
    }
}

async fn run_migrate(config: &Config) -> Result<(), String> {
    let db = open(config).await?;
    if config.seed_demo {
        seed::demo(&db).await?;
    }
    println!("migrated {}", redact(&config.database_url));
    Ok(())
}
