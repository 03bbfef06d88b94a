//! A bounded load to localhost: flow 1 and flow 4 orders end to end, several at a time;
//! afterwards every order is closed, consistent with its log, its effects delivered once,
//! and its money netted to zero.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::support::{backends, deal, drained, flow1, flow4, run_load, Http, Server, TestDb};

/// Orders per flow, and how many run at once.
const ORDERS: usize = 40;
const CONCURRENCY: usize = 16;

async fn run(backend: &'static str) {
    let db = TestDb::create(backend, "load").await;
    let server = Server::start(&db, &[]);
    let (http, base) = (Http::new(), server.base.clone());
    assert_eq!(
        http.put(&format!("{base}/deals/load"), &deal("load", 1))
            .await
            .status,
        201
    );
    let mut scripts = Vec::new();
    for i in 0..ORDERS {
        scripts.push(flow1("load", &format!("f1-{i}"), 1));
        scripts.push(flow4(&format!("f4-{i}")));
    }
    let report = run_load(
        Arc::new(RwLock::new(base.clone())),
        scripts,
        CONCURRENCY,
        Duration::from_secs(300),
    )
    .await
    .unwrap_or_else(|e| panic!("{backend}: {e}\n{}", server.log()));
    assert_eq!(report.completed, 2 * ORDERS);
    assert_eq!(report.requests, ORDERS * (1 + 3) + ORDERS * (1 + 5));
    eprintln!(
        "{backend}: {} orders, {} requests in {:.2?}",
        report.completed, report.requests, report.elapsed
    );

    drained(&http, &base, Duration::from_secs(60)).await;
    let check = http.post(&format!("{base}/admin/check"), "").await.json();
    assert_eq!(check["orders"], 2 * ORDERS, "{backend}: {check}");
    assert_eq!(check["consistent"], 2 * ORDERS, "{backend}: {check}");
    let mut consumer = db.connect_consumer().await;
    for i in 0..ORDERS {
        for order in [format!("f1-{i}"), format!("f4-{i}")] {
            let check = http
                .get(&format!("{base}/orders/{order}/check"))
                .await
                .json();
            assert_eq!(check["status"], "closed", "{backend}: {check}");
            assert_eq!(check["settled"], true);
            let held: i64 =
                sqlx::query_scalar("SELECT held_minor FROM consumer_orders WHERE order_id = $1")
                    .bind(&order)
                    .fetch_one(&mut consumer)
                    .await
                    .unwrap();
            assert_eq!(
                held, 0,
                "{backend}: {order}: the money nets to zero downstream too"
            );
        }
    }
    // Exact to the cent: each flow 1 order paid the merchant 92.00 of 100.00.
    let statement = http
        .get(&format!(
            "{base}/statements?party_id=hotpot-house&period=all"
        ))
        .await
        .json();
    let total = &statement["statements"][0]["total"]["amount"];
    assert_eq!(
        total,
        &format!("{}.00", 92 * ORDERS),
        "{backend}: {statement}"
    );
    drop(server);
    db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bounded_load_of_flow_1_and_flow_4_orders_end_to_end() {
    for backend in backends() {
        run(backend).await;
    }
}
