//! Crash safety: SIGKILL the service again and again while clients send commands (and
//! retry, with the same keys, whatever got no answer); after the last restart every
//! order's snapshot equals the replay of its log, no effect is missing from the outbox or
//! the consumer, none was applied twice, and every order's money nets to zero.

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::support::{
    backends, binary, deal, drained, flow1, flow4, run_load, Http, Server, TestDb,
};

const ORDERS: usize = 30;
/// Crashes: SIGKILLs and aborts in turn.
const ROUNDS: usize = 8;

async fn run(backend: &'static str) {
    let db = TestDb::create(backend, "crash").await;
    let mut server = Server::start(&db, &[]);
    let http = Http::new();
    let put = http
        .put(&format!("{}/deals/crash", server.base), &deal("crash", 2))
        .await;
    assert_eq!(put.status, 201, "{}", put.body);
    let base = Arc::new(RwLock::new(server.base.clone()));
    let mut scripts = Vec::new();
    for i in 0..ORDERS {
        scripts.push(flow1("crash", &format!("f1-{i}"), 2));
        scripts.push(flow4(&format!("f4-{i}")));
    }
    let load = tokio::spawn(run_load(base.clone(), scripts, 8, Duration::from_secs(600)));
    // Crash it in three ways, in turn: SIGKILL at an uneven moment; an abort right after a
    // group commit, before its answers (its clients retry commands that were applied); an
    // abort after the consumer took a batch, before it was marked delivered (the batch is
    // delivered again). Restart at once on the same database each time.
    let mut kills = 0;
    let pauses = [180u64, 420, 90, 650, 260, 330];
    for round in 0..ROUNDS {
        if load.is_finished() {
            break;
        }
        match round % 4 {
            1 | 3 => {
                // Started with a knob: it aborts by itself (or is killed if it does not).
                if !server.exited(Duration::from_secs(20)).await {
                    server.kill();
                }
            }
            _ => {
                tokio::time::sleep(Duration::from_millis(pauses[round % pauses.len()])).await;
                server.kill();
            }
        }
        kills += 1;
        let knob: &[(&str, &str)] = match (round + 1) % 4 {
            1 => &[("O2OKIT_CRASH_AFTER_COMMITS", "12")],
            3 => &[("O2OKIT_CRASH_AFTER_DELIVERIES", "2")],
            _ => &[],
        };
        // The last one runs to the end.
        let knob = if round + 1 == ROUNDS { &[][..] } else { knob };
        server = Server::start(&db, knob);
        *base.write().unwrap() = server.base.clone();
    }
    let report = load
        .await
        .unwrap()
        .unwrap_or_else(|e| panic!("{backend}: {e}\n{}", server.log()));
    assert_eq!(report.completed, 2 * ORDERS);
    assert!(
        kills >= 4,
        "{backend}: the load ended before the service crashed 4 times"
    );
    eprintln!(
        "{backend}: {kills} crashes; {} requests, {} sent again after a crash, {} answered as replays",
        report.requests, report.retries, report.replayed
    );
    assert!(
        report.replayed > 0,
        "{backend}: a command applied before a crash and sent again must be answered as a replay"
    );

    let base = server.base.clone();
    let outbox = drained(&http, &base, Duration::from_secs(60)).await;
    let check = http.post(&format!("{base}/admin/check"), "").await.json();
    assert_eq!(check["orders"], 2 * ORDERS, "{backend}: {check}");
    assert_eq!(check["consistent"], 2 * ORDERS, "{backend}: {check}");

    // No effect lost: every logged effect is in the outbox (the check above), every outbox
    // row reached the consumer, and the consumer applied each id once.
    let mut orders = db.connect().await;
    let queued: BTreeSet<String> = sqlx::query_scalar::<_, String>("SELECT effect_id FROM outbox")
        .fetch_all(&mut orders)
        .await
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(queued.len() as i64, outbox["effects"].as_i64().unwrap());
    let mut consumer = db.connect_consumer().await;
    let applied: BTreeSet<String> =
        sqlx::query_scalar::<_, String>("SELECT effect_id FROM consumer_effects")
            .fetch_all(&mut consumer)
            .await
            .unwrap()
            .into_iter()
            .collect();
    assert_eq!(
        applied, queued,
        "{backend}: every effect reached the consumer, none else"
    );
    let deliveries: i64 =
        sqlx::query_scalar("SELECT CAST(SUM(deliveries) AS BIGINT) FROM consumer_effects")
            .fetch_one(&mut consumer)
            .await
            .unwrap();
    eprintln!(
        "{backend}: {} effects, {} deliveries ({} redelivered after a kill, applied once)",
        applied.len(),
        deliveries,
        deliveries - applied.len() as i64
    );
    assert!(
        deliveries > applied.len() as i64,
        "{backend}: the crash after a delivery must have redelivered a batch"
    );

    // The money of every order nets to zero: the core's totals (held = 0 in a closed
    // order) and the consumer's own sums of the effects it applied.
    for i in 0..ORDERS {
        for order in [format!("f1-{i}"), format!("f4-{i}")] {
            let check = http
                .get(&format!("{base}/orders/{order}/check"))
                .await
                .json();
            assert_eq!(check["status"], "closed", "{backend}: {check}");
            assert!(
                check["held"].as_str().unwrap().starts_with("0.00 "),
                "{check}"
            );
            let held: i64 =
                sqlx::query_scalar("SELECT held_minor FROM consumer_orders WHERE order_id = $1")
                    .bind(&order)
                    .fetch_one(&mut consumer)
                    .await
                    .unwrap();
            assert_eq!(
                held, 0,
                "{backend}: {order} applied twice or lost downstream"
            );
        }
    }
    drop(server);

    // The admin command agrees, from the database alone.
    let status = Command::new(binary())
        .arg("check")
        .env("DATABASE_URL", &db.url)
        .env("O2OKIT_SEED_DEMO", "false")
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{backend}: o2okit-service check: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_during_load_loses_nothing_and_applies_nothing_twice() {
    for backend in backends() {
        run(backend).await;
    }
}
