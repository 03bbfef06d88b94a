//! The replay check catches a snapshot or a log that no longer agree (it can fail).

use std::process::Command;

use crate::support::{backends, binary, flow4, Http, Server, TestDb};

async fn run(backend: &'static str) {
    let db = TestDb::create(backend, "replay").await;
    let server = Server::start(&db, &[]);
    let (http, base) = (Http::new(), server.base.clone());
    let script = flow4("o-9");
    assert_eq!(
        http.post(&format!("{base}/orders"), &script.open)
            .await
            .status,
        201
    );
    for body in &script.commands[..3] {
        let reply = http
            .post(&format!("{base}/orders/o-9/commands"), body)
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    let check = http.get(&format!("{base}/orders/o-9/check")).await.json();
    assert_eq!(check["consistent"], true, "{check}");
    assert_eq!(check["version"], 3);
    assert_eq!(
        check["held"], "88.00 CNY",
        "ready, not settled: the platform holds it"
    );
    let unknown = http.get(&format!("{base}/orders/nope/check")).await;
    assert_eq!(unknown.status, 404);

    // Lose the last event: the snapshot says 3 commands, the log replays 2.
    let mut conn = db.connect().await;
    sqlx::query("DELETE FROM order_events WHERE order_id = 'o-9' AND seq = 3")
        .execute(&mut conn)
        .await
        .unwrap();
    let check = http.get(&format!("{base}/orders/o-9/check")).await.json();
    assert_eq!(check["consistent"], false, "{check}");
    let problems = check["problems"].to_string();
    assert!(
        problems.contains("snapshot differs from the replay"),
        "{problems}"
    );
    let all = http.post(&format!("{base}/admin/check"), "").await.json();
    assert_eq!(all["inconsistent"][0]["order_id"], "o-9", "{all}");
    drop(server);
    let status = Command::new(binary())
        .arg("check")
        .env("DATABASE_URL", &db.url)
        .output()
        .unwrap();
    assert!(!status.status.success(), "o2okit-service check must fail");
    assert!(String::from_utf8_lossy(&status.stderr).contains("1 of 1 orders differ"));
    db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_replay_check_finds_a_lost_event() {
    for backend in backends() {
        run(backend).await;
    }
}
