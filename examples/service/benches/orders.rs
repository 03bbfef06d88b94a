//! Orders completed per second end to end: open → pay → redeem → settle over HTTP against
//! the service binary (release build) on localhost, on SQLite with fsync on (WAL journal,
//! `synchronous=FULL`: every commit fsyncs the WAL), on SQLite with `synchronous=NORMAL`
//! (no fsync per commit: what the fsync costs), and on PostgreSQL when
//! `O2OKIT_TEST_POSTGRES_URL` is set (its `fsync` and `synchronous_commit` as the server
//! has them, printed). Beside each: where a request's time goes (in o2okit, in the
//! database, the rest: HTTP, JSON, queueing), from the service's own counters, and the same
//! lifecycle run in-process through o2okit alone as the baseline.
//!
//! ```sh
//! cargo bench -p o2okit-service --bench orders
//! O2OKIT_TEST_POSTGRES_URL=postgres://o2okit:o2okit@127.0.0.1/o2okit cargo bench -p o2okit-service --bench orders
//! O2OKIT_BENCH_ORDERS=4000 O2OKIT_BENCH_CONCURRENCY=64 cargo bench -p o2okit-service --bench orders
//! ```
//!
//! The server and the load generator share the machine's cores.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::float_arithmetic
)]

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use chrono::DateTime;
use o2okit::{voucher_order_open, voucher_order_step, VoucherDeal, VoucherOrderCommand};
use serde_json::Value;
use support::{quantile, run_load, Http, Script, Server, TestDb, POSTGRES_VAR};

/// One voucher of one use, no reversal window (settle right after the redemption), codes.
const DEAL: &str = r#"{"id": "bench", "price": {"amount": "100.00", "currency": "CNY"}, "vouchers": 1, "uses": 1,
  "valid_from": "2026-01-01T00:00:00+08:00", "valid_until": "2030-01-01T00:00:00+08:00",
  "stores": ["S1"], "refund": "any_time", "reversal_minutes": 0,
  "plan": {"rules": [{"id": "platform", "to": {"role": "platform", "party_id": "o2o-platform"},
           "base": "gross_paid", "pay": {"type": "percent", "percent": "8"}}],
           "remainder": {"role": "merchant", "party_id": "hotpot-house"}},
  "codes": {"key": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"}}"#;

fn script(order_id: &str) -> Script {
    // No `at`: the service's clock stamps every command, as in production.
    Script {
        order_id: order_id.into(),
        open: format!(r#"{{"deal_id": "bench", "customer_id": "ann", "order_id": "{order_id}"}}"#),
        commands: vec![
            r#"{"command": {"type": "pay", "key": "pay", "actor": "customer", "amount": {"amount": "100.00", "currency": "CNY"}}}"#.into(),
            format!(r#"{{"command": {{"type": "redeem", "key": "redeem", "actor": "staff", "voucher": "{order_id}/v1", "store_id": "S1"}}}}"#),
            r#"{"command": {"type": "settle", "key": "settle", "actor": "platform"}}"#.into(),
        ],
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The same lifecycle through o2okit alone, with the JSON the service encodes and decodes:
/// µs per order.
fn core_only(orders: usize) -> f64 {
    let deal: VoucherDeal = o2okit::decode(DEAL).unwrap();
    let at = DateTime::parse_from_rfc3339("2026-06-01T12:00:00+08:00").unwrap();
    let started = Instant::now();
    for i in 0..orders {
        let id = format!("core-{i}");
        let mut state = voucher_order_open(&deal, &id, "ann").unwrap();
        let commands = [
            format!(
                r#"{{"type": "pay", "key": "pay", "actor": "customer", "serial": {i}, "amount": {{"amount": "100.00", "currency": "CNY"}}}}"#
            ),
            format!(
                r#"{{"type": "redeem", "key": "redeem", "actor": "staff", "voucher": "{id}/v1", "store_id": "S1"}}"#
            ),
            r#"{"type": "settle", "key": "settle", "actor": "platform"}"#.to_string(),
        ];
        for command in &commands {
            let text = serde_json::to_string(&state).unwrap();
            let stored = serde_json::from_str(&text).unwrap();
            let command: VoucherOrderCommand = o2okit::decode(command).unwrap();
            let step = voucher_order_step(&stored, &deal, &command, at).unwrap();
            std::hint::black_box(serde_json::to_string(&step.effects).unwrap());
            state = step.state;
        }
    }
    started.elapsed().as_secs_f64() * 1e6 / orders as f64
}

struct Run {
    label: String,
    durability: String,
    orders_per_s: f64,
    commands_per_s: f64,
    requests_per_s: f64,
    p50_ms: f64,
    p99_ms: f64,
    steps: Vec<(String, f64, f64)>,
    mean_ms: f64,
    core_us: f64,
    db_us: f64,
    commit_us: f64,
    server_us: f64,
    writer_us: f64,
    per_commit: f64,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

async fn bench(
    backend: &'static str,
    env: &[(&str, &str)],
    label: &str,
    orders: usize,
    concurrency: usize,
) -> Run {
    let db = TestDb::create(backend, "bench").await;
    let mut env = env.to_vec();
    env.push(("O2OKIT_SEED_DEMO", "false"));
    let server = Server::start(&db, &env);
    let http = Http::new();
    let base = server.base.clone();
    let put = http.put(&format!("{base}/deals/bench"), DEAL).await;
    assert_eq!(put.status, 201, "{}", put.body);
    let health = http.get(&format!("{base}/health")).await.json();
    let shared = Arc::new(RwLock::new(base.clone()));
    let warm: Vec<Script> = (0..concurrency.max(50))
        .map(|i| script(&format!("warm-{i}")))
        .collect();
    run_load(shared.clone(), warm, concurrency, Duration::from_secs(600))
        .await
        .unwrap();
    let before: Value = http.get(&format!("{base}/admin/metrics")).await.json();
    let scripts: Vec<Script> = (0..orders).map(|i| script(&format!("o-{i}"))).collect();
    let report = run_load(shared, scripts, concurrency, Duration::from_secs(1800))
        .await
        .unwrap_or_else(|e| panic!("{label}: {e}\n{}", server.log()));
    let after: Value = http.get(&format!("{base}/admin/metrics")).await.json();
    let check = Http::new()
        .with_timeout(Duration::from_secs(1800))
        .post(&format!("{base}/admin/check"), "")
        .await
        .json();
    assert_eq!(
        check["inconsistent"].as_array().map(Vec::len),
        Some(0),
        "{check}"
    );
    let delta = |k: &str| (after[k].as_u64().unwrap() - before[k].as_u64().unwrap()) as f64;
    let requests = delta("requests").max(1.0);
    let seconds = report.elapsed.as_secs_f64();
    let mut all: Vec<Duration> = report.samples.iter().map(|s| s.latency).collect();
    let mean_ms = all.iter().map(|d| ms(*d)).sum::<f64>() / all.len().max(1) as f64;
    let p50 = quantile(&mut all, 0.50);
    let p99 = quantile(&mut all, 0.99);
    let steps = ["open", "pay", "redeem", "settle"]
        .iter()
        .enumerate()
        .map(|(step, name)| {
            let mut l: Vec<Duration> = report
                .samples
                .iter()
                .filter(|s| s.step == step)
                .map(|s| s.latency)
                .collect();
            (
                name.to_string(),
                ms(quantile(&mut l, 0.5)),
                ms(quantile(&mut l, 0.99)),
            )
        })
        .collect();
    drop(server);
    db.drop_db().await;
    Run {
        label: label.into(),
        durability: health["durability"].as_str().unwrap_or_default().into(),
        orders_per_s: report.completed as f64 / seconds,
        commands_per_s: (report.completed * 3) as f64 / seconds,
        requests_per_s: report.requests as f64 / seconds,
        p50_ms: ms(p50),
        p99_ms: ms(p99),
        steps,
        mean_ms,
        core_us: delta("core_ns") / requests / 1e3,
        db_us: delta("db_ns") / requests / 1e3,
        commit_us: delta("commit_ns") / requests / 1e3,
        server_us: delta("request_ns") / requests / 1e3,
        writer_us: delta("writer_ns") / requests / 1e3,
        per_commit: delta("writes") / delta("batches").max(1.0),
    }
}

fn print(run: &Run, core_per_order_us: f64) {
    println!("\n{} ({})", run.label, run.durability);
    println!(
        "  {:.0} orders/s end to end = {:.0} commands/s (pay, redeem, settle) = {:.0} requests/s (with open)",
        run.orders_per_s, run.commands_per_s, run.requests_per_s
    );
    println!(
        "  latency per request: p50 {:.2} ms, p99 {:.2} ms, mean {:.2} ms",
        run.p50_ms, run.p99_ms, run.mean_ms
    );
    for (name, p50, p99) in &run.steps {
        println!("    {name:<7} p50 {p50:.2} ms, p99 {p99:.2} ms");
    }
    let mean_us = run.mean_ms * 1e3;
    let share = |us: f64| 100.0 * us / mean_us.max(1e-9);
    let waiting = (run.writer_us - run.core_us - run.db_us).max(0.0);
    let http = (mean_us - run.writer_us).max(0.0);
    println!(
        "  per request (mean {:.0} µs at the client; {:.0} µs in the server's handlers, {:.0} µs of it in the writer):",
        mean_us, run.server_us, run.writer_us
    );
    println!(
        "    o2okit {:.1} µs ({:.2}%) | database {:.0} µs ({:.1}%; commits {:.0} µs) | waiting for the batch {:.0} µs ({:.1}%) | HTTP, JSON, scheduling {:.0} µs ({:.1}%)",
        run.core_us,
        share(run.core_us),
        run.db_us,
        share(run.db_us),
        run.commit_us,
        waiting,
        share(waiting),
        http,
        share(http),
    );
    println!(
        "    group commit: {:.1} writes per transaction; the end-to-end order costs {:.0}x the same lifecycle in o2okit alone ({:.1} µs)",
        run.per_commit,
        1e6 / run.orders_per_s.max(1e-9) / core_per_order_us.max(1e-9),
        core_per_order_us
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    // `cargo test --all-targets` runs this binary without `--bench`: a smoke run of the
    // harness (20 orders on SQLite, debug build) instead of the measurement.
    if !std::env::args().any(|a| a == "--bench") {
        let run = bench("sqlite", &[], "sqlite smoke run", 20, 4).await;
        assert!(run.orders_per_s > 0.0);
        println!("bench smoke run: 20 orders end to end on SQLite; `cargo bench -p o2okit-service --bench orders` measures");
        return;
    }
    let orders = env_usize("O2OKIT_BENCH_ORDERS", 2000);
    let concurrency = env_usize("O2OKIT_BENCH_CONCURRENCY", 32);
    println!(
        "o2okit-service bench: {orders} orders (open, pay, redeem, settle: 4 requests each), {concurrency} at a time, \
         client and server on this machine's {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let core_us = core_only(20_000);
    println!("baseline: the same lifecycle in o2okit alone (open + 3 steps, with the service's JSON): {core_us:.1} µs per order");
    let mut runs = vec![
        bench(
            "sqlite",
            &[("O2OKIT_SQLITE_SYNC", "full")],
            "sqlite, fsync on",
            orders,
            concurrency,
        )
        .await,
        bench(
            "sqlite",
            &[("O2OKIT_SQLITE_SYNC", "normal")],
            "sqlite, fsync off (synchronous=NORMAL)",
            orders,
            concurrency,
        )
        .await,
    ];
    if std::env::var(POSTGRES_VAR).is_ok_and(|v| !v.trim().is_empty()) {
        runs.push(bench("postgres", &[], "postgres", orders, concurrency).await);
    } else {
        println!("\n(postgres skipped: set {POSTGRES_VAR})");
    }
    for run in &runs {
        print(run, core_us);
    }
    let headline: Vec<String> = runs
        .iter()
        .filter(|r| !r.label.contains("NORMAL"))
        .map(|r| {
            format!(
                "{} {:.0} orders/s ({:.0} commands/s, p50 {:.1} ms, p99 {:.1} ms, o2okit {:.1}% of request time)",
                r.label,
                r.orders_per_s,
                r.commands_per_s,
                r.p50_ms,
                r.p99_ms,
                100.0 * r.core_us / (r.mean_ms * 1e3)
            )
        })
        .collect();
    println!(
        "\norders completed per second end to end: {}",
        headline.join("; ")
    );
}
