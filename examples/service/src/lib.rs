//! A reference HTTP service over o2okit: the order lifecycles of the four O2O flows
//! persisted with an append-only event log, versioned snapshots and an outbox, on SQLite or
//! PostgreSQL. See `examples/service/README.md`.
//!
//! The service re-implements no rule of the core: it stores states, commands and effects,
//! and maps the core's errors to HTTP statuses ([`o2okit::Error::is_conflict`]: 409, other
//! core errors: 400).
#![forbid(unsafe_code)]

pub mod app;
pub mod body;
pub mod check;
pub mod config;
pub mod consumer;
pub mod db;
pub mod error;
pub mod event;
pub mod lifecycle;
pub mod metrics;
pub mod outbox;
pub mod routes;
pub mod seed;
pub mod writer;
