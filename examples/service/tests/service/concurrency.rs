//! Fifty cashiers redeem one single-use voucher at the same moment.

use std::sync::Arc;

use tokio::sync::Barrier;

use crate::support::{backends, deal, Http, Reply, Server, TestDb};

const CASHIERS: usize = 50;

async fn redeem_at_once(http: &Http, base: &str, voucher: &str, same_key: bool) -> Vec<Reply> {
    redeem_across(http, &[base], voucher, same_key).await
}

/// The cashiers send to the given servers in turn.
async fn redeem_across(http: &Http, bases: &[&str], voucher: &str, same_key: bool) -> Vec<Reply> {
    let barrier = Arc::new(Barrier::new(CASHIERS));
    let mut tasks = Vec::new();
    for cashier in 0..CASHIERS {
        let (http, barrier) = (http.clone(), barrier.clone());
        let url = format!("{}/orders/o-50/commands", bases[cashier % bases.len()]);
        let key = if same_key {
            "redeem".to_string()
        } else {
            format!("redeem-{cashier}")
        };
        let body = format!(
            r#"{{"at": "2026-06-01T13:00:00+08:00", "command": {{"type": "redeem", "key": "{key}",
                "actor": "staff", "voucher": "{voucher}", "store_id": "S1", "staff_id": "cashier-{cashier}"}}}}"#
        );
        // The staff id differs per cashier only when the keys differ: a retry under the same
        // key must be the identical command.
        let body = if same_key {
            body.replace(&format!("cashier-{cashier}"), "cashier")
        } else {
            body
        };
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            http.post(&url, &body).await
        }));
    }
    let mut replies = Vec::new();
    for task in tasks {
        replies.push(task.await.unwrap());
    }
    replies
}

async fn run(backend: &'static str) {
    let db = TestDb::create(backend, "redeem50").await;
    let server = Server::start(&db, &[]);
    let (http, base) = (Http::new(), server.base.clone());
    assert_eq!(
        http.put(&format!("{base}/deals/twin"), &deal("twin", 2))
            .await
            .status,
        201
    );
    let open = http
        .post(
            &format!("{base}/orders"),
            r#"{"deal_id": "twin", "customer_id": "ann", "order_id": "o-50"}"#,
        )
        .await;
    assert_eq!(open.status, 201, "{}", open.body);
    let pay = http
        .post(
            &format!("{base}/orders/o-50/commands"),
            r#"{"at": "2026-06-01T12:00:00+08:00", "command": {"type": "pay", "key": "pay",
                "actor": "customer", "amount": {"amount": "200.00", "currency": "CNY"}}}"#,
        )
        .await;
    assert_eq!(pay.status, 200, "{}", pay.body);

    // Different keys: exactly one redemption, 49 clear conflicts.
    let replies = redeem_at_once(&http, &base, "o-50/v1", false).await;
    let won: Vec<&Reply> = replies.iter().filter(|r| r.status == 200).collect();
    assert_eq!(won.len(), 1, "{backend}: {replies:?}");
    assert_eq!(won[0].json()["effects"][0]["effect"]["type"], "redeemed");
    for reply in replies.iter().filter(|r| r.status != 200) {
        assert_eq!(reply.status, 409, "{backend}: {}", reply.body);
        assert_eq!(reply.code(), "no_uses_left", "{backend}: {}", reply.body);
        assert!(reply.json()["message"]
            .as_str()
            .unwrap()
            .contains("o-50/v1"));
    }

    // The same key: one redemption, every reply identical.
    let replies = redeem_at_once(&http, &base, "o-50/v2", true).await;
    assert!(
        replies.iter().all(|r| r.status == 200),
        "{backend}: {replies:?}"
    );
    assert!(
        replies.iter().all(|r| r.body == replies[0].body),
        "{backend}: {replies:?}"
    );
    let applied = replies
        .iter()
        .filter(|r| r.replayed.as_deref() == Some("false"))
        .count();
    assert_eq!(applied, 1, "{backend}: one apply, 49 replays");

    // The log: pay, one redemption of each voucher; the snapshot agrees with its replay.
    let order = http.get(&format!("{base}/orders/o-50")).await.json();
    assert_eq!(order["version"], 3, "{backend}: {order}");
    let keys: Vec<&str> = order["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0], "pay");
    assert!(keys[1].starts_with("redeem-"));
    assert_eq!(keys[2], "redeem");
    assert_eq!(order["state"]["vouchers"][0]["uses_left"], 0);
    assert_eq!(order["state"]["vouchers"][1]["uses_left"], 0);
    assert_eq!(order["state"]["redemptions"].as_array().unwrap().len(), 2);
    let check = http.get(&format!("{base}/orders/o-50/check")).await.json();
    assert_eq!(check["consistent"], true, "{backend}: {check}");
    drop(server);
    db.drop_db().await;
}

/// Two service processes on one database: the version check (optimistic concurrency)
/// keeps the redemptions exact across processes, as the lanes do inside one.
async fn run_two_processes(backend: &'static str) {
    let db = TestDb::create(backend, "two_processes").await;
    let first = Server::start(&db, &[]);
    let second = Server::start(&db, &[]);
    let http = Http::new();
    let bases = [first.base.as_str(), second.base.as_str()];
    assert_eq!(
        http.put(&format!("{}/deals/twin", bases[0]), &deal("twin", 2))
            .await
            .status,
        201
    );
    let open = http
        .post(
            &format!("{}/orders", bases[1]),
            r#"{"deal_id": "twin", "customer_id": "ann", "order_id": "o-50"}"#,
        )
        .await;
    assert_eq!(open.status, 201, "{}", open.body);
    let pay = http
        .post(
            &format!("{}/orders/o-50/commands", bases[0]),
            r#"{"at": "2026-06-01T12:00:00+08:00", "command": {"type": "pay", "key": "pay",
                "actor": "customer", "amount": {"amount": "200.00", "currency": "CNY"}}}"#,
        )
        .await;
    assert_eq!(pay.status, 200, "{}", pay.body);
    let replies = redeem_across(&http, &bases, "o-50/v1", false).await;
    assert_eq!(
        replies.iter().filter(|r| r.status == 200).count(),
        1,
        "{backend}: {replies:?}"
    );
    assert!(replies
        .iter()
        .filter(|r| r.status != 200)
        .all(|r| r.status == 409 && r.code() == "no_uses_left"));
    let replies = redeem_across(&http, &bases, "o-50/v2", true).await;
    assert!(
        replies
            .iter()
            .all(|r| r.status == 200 && r.body == replies[0].body),
        "{backend}: {replies:?}"
    );
    let order = http.get(&format!("{}/orders/o-50", bases[1])).await.json();
    assert_eq!(order["version"], 3, "{backend}: {order}");
    let check = http
        .get(&format!("{}/orders/o-50/check", bases[0]))
        .await
        .json();
    assert_eq!(check["consistent"], true, "{backend}: {check}");
    // How often a lane stepped a command again on a newer snapshot (0 is possible when the
    // processes happen not to overlap).
    let mut retries = 0;
    for base in bases {
        retries += http.get(&format!("{base}/admin/metrics")).await.json()["version_retries"]
            .as_u64()
            .unwrap();
    }
    eprintln!("{backend}: two processes, {retries} version-check retries");
    drop((first, second));
    db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_service_processes_on_one_database_redeem_once() {
    for backend in backends() {
        run_two_processes(backend).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_redemptions_of_one_single_use_voucher() {
    for backend in backends() {
        run(backend).await;
    }
}
