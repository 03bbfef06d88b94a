//! The service over HTTP, on SQLite always and on PostgreSQL when `O2OKIT_TEST_POSTGRES_URL`
//! names a server (required under `CI=true`). Each test starts the service binary on a
//! fresh database, talks to it on localhost, and looks at what it wrote.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::float_arithmetic
)]

#[path = "../support/mod.rs"]
mod support;

mod bad_input;
mod concurrency;
mod crash;
mod flows;
mod load;
mod replay_check;
