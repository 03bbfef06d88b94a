//! The four flows' example logs (`examples/flows/`) sent over HTTP to the seeded demo
//! merchant: the stored state equals the core's replay of the same log, a retried command
//! gets its original reply, and codes, statements and quotes answer as the core does.

use o2okit::{StoreOrderReplayRequest, VoucherOrderReplayRequest};
use serde_json::{json, Value};

use crate::support::{backends, Http, Server, TestDb};

const LOGS: [(&str, &str); 4] = [
    (
        "online_to_offline",
        include_str!("../../../flows/online_to_offline.json"),
    ),
    (
        "offline_to_online",
        include_str!("../../../flows/offline_to_online.json"),
    ),
    (
        "online_to_offline_to_online",
        include_str!("../../../flows/online_to_offline_to_online.json"),
    ),
    (
        "offline_to_online_to_offline",
        include_str!("../../../flows/offline_to_online_to_offline.json"),
    ),
];

/// The core's replay of a log: the expected final state.
fn expected_state(log: &str) -> Value {
    let value: Value = serde_json::from_str(log).unwrap();
    let mut request = value.clone();
    request.as_object_mut().unwrap().remove("flow");
    if value["flow"] == "online_to_offline" {
        let request: VoucherOrderReplayRequest = o2okit::decode(&request.to_string()).unwrap();
        serde_json::to_value(request.replay().unwrap().state).unwrap()
    } else {
        let request: StoreOrderReplayRequest = o2okit::decode(&request.to_string()).unwrap();
        serde_json::to_value(request.replay().unwrap().state).unwrap()
    }
}

async fn run(backend: &'static str) {
    let db = TestDb::create(backend, "flows").await;
    let server = Server::start(&db, &[]);
    let (http, base) = (Http::new(), server.base.clone());
    for (flow, log) in LOGS {
        let value: Value = serde_json::from_str(log).unwrap();
        let order_id = format!("{flow}-1");
        let open = if flow == "online_to_offline" {
            json!({"deal_id": value["deal"]["id"], "customer_id": value["customer_id"], "order_id": order_id})
        } else {
            json!({"policy_id": value["policy"]["id"], "customer_id": value["customer_id"], "order_id": order_id})
        };
        // The example's ids name order o-1: rename it in the commands (voucher ids).
        let opened = http
            .post(&format!("{base}/orders"), &open.to_string())
            .await;
        assert_eq!(opened.status, 201, "{backend} {flow}: {}", opened.body);
        assert_eq!(opened.json()["flow"], flow);
        let mut replies: Vec<(String, String)> = Vec::new();
        for timed in value["commands"].as_array().unwrap() {
            let body = timed
                .to_string()
                .replace("\"o-1/", &format!("\"{order_id}/"));
            let reply = http
                .post(&format!("{base}/orders/{order_id}/commands"), &body)
                .await;
            assert_eq!(
                reply.status, 200,
                "{backend} {flow}: {body}: {}",
                reply.body
            );
            let key = timed["command"]["key"].as_str().unwrap().to_string();
            if let Some((_, earlier)) = replies.iter().find(|(k, _)| *k == key) {
                assert_eq!(reply.replayed.as_deref(), Some("true"));
                assert_eq!(&reply.body, earlier, "a retry gets the original reply");
            }
            replies.push((key, reply.body));
        }
        let order = http.get(&format!("{base}/orders/{order_id}")).await.json();
        let expected = expected_state(&log.replace("\"o-1", &format!("\"{order_id}")));
        assert_eq!(
            order["state"], expected,
            "{backend} {flow}: stored state = core replay"
        );
        let check = http
            .get(&format!("{base}/orders/{order_id}/check"))
            .await
            .json();
        assert_eq!(check["consistent"], true, "{backend} {flow}: {check}");
        assert_eq!(
            check["held"].as_str().unwrap(),
            "0.00 CNY",
            "{backend} {flow}"
        );
    }

    // Flow 1 with codes: the demo deal; verify the issued code at a store, then redeem.
    let opened = http
        .post(
            &format!("{base}/orders"),
            r#"{"deal_id": "demo-hotpot", "customer_id": "cy", "order_id": "demo-1"}"#,
        )
        .await;
    assert_eq!(opened.status, 201, "{}", opened.body);
    let paid = http
        .post(
            &format!("{base}/orders/demo-1/commands"),
            r#"{"at": "2026-06-01T12:00:00+08:00", "command": {"type": "pay", "key": "p",
                "actor": "customer", "amount": {"amount": "100.00", "currency": "CNY"}}}"#,
        )
        .await
        .json();
    let issued = &paid["effects"][1]["effect"];
    assert_eq!(issued["type"], "issue_voucher");
    let code = issued["code"].as_str().unwrap().to_string();
    let serial = issued["serial"].as_u64().unwrap();
    let verify = |code: &str| {
        format!(
            r#"{{"deal_id": "demo-hotpot", "code": "{code}", "at": "2026-06-02T12:00:00+08:00"}}"#
        )
    };
    let ok = http
        .post(&format!("{base}/stores/S1/verify"), &verify(&code))
        .await
        .json();
    assert_eq!(ok["valid"], true, "{ok}");
    assert_eq!(ok["serial"], serial);
    assert_eq!(ok["order_id"], "demo-1");
    assert_eq!(ok["voucher"], "demo-1/v1");
    assert_eq!(ok["uses_left"], 1);
    assert_eq!(ok["redeemable"], true);
    let elsewhere = http
        .post(&format!("{base}/stores/S9/verify"), &verify(&code))
        .await
        .json();
    assert_eq!(elsewhere["valid"], true);
    assert_eq!(elsewhere["redeemable"], false);
    assert_eq!(
        elsewhere["refusal"]["code"], "store_not_allowed",
        "{elsewhere}"
    );
    let mut typo = code.clone().into_bytes();
    let last = typo.len() - 1;
    typo[last] = if typo[last] == b'0' { b'1' } else { b'0' };
    let typo = String::from_utf8(typo).unwrap();
    let rejected = http
        .post(&format!("{base}/stores/S1/verify"), &verify(&typo))
        .await
        .json();
    assert_eq!(rejected["valid"], false, "{rejected}");
    let malformed = http
        .post(&format!("{base}/stores/S1/verify"), &verify("12345"))
        .await;
    assert_eq!(malformed.status, 400);
    assert_eq!(malformed.code(), "invalid_voucher_code");

    // Statements: the flow 4 example paid papa-johns 78.67 of 88.00 on 2026-03-06 (Shanghai).
    let statement = http
        .get(&format!(
            "{base}/statements?party_id=papa-johns&period=day&time_zone=Asia/Shanghai&from=2026-03-06T00:00:00%2B08:00&to=2026-03-07T00:00:00%2B08:00"
        ))
        .await;
    assert_eq!(statement.status, 200, "{}", statement.body);
    let statement = statement.json();
    assert_eq!(
        statement["statements"][0]["period"], "2026-03-06",
        "{statement}"
    );
    assert_eq!(
        statement["statements"][0]["total"]["amount"], "78.67",
        "{statement}"
    );
    let bad = http
        .get(&format!("{base}/statements?period=fortnight"))
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.code(), "invalid_input");

    // Quote with the catalogue's promotion (every 100 off 10, at most 30): 250.00 -> 230.00.
    let quote = http
        .post(
            &format!("{base}/quote"),
            r#"{"cart": {"lines": [{"id": "l1", "product_id": "hotpot", "quantity": "1",
                "unit_price": {"amount": "250.00", "currency": "CNY"}}]},
                "context": {"now": "2026-06-01T12:00:00+08:00", "channel": "in_store"}}"#,
        )
        .await;
    assert_eq!(quote.status, 200, "{}", quote.body);
    assert_eq!(quote.json()["total"]["amount"], "230.00");
    let chosen = http
        .post(
            &format!("{base}/quote"),
            r#"{"cart": {"lines": []}, "context": {"now": "2026-06-01T12:00:00+08:00", "channel": "in_store"},
                "promotions": []}"#,
        )
        .await;
    assert_eq!(
        chosen.status, 400,
        "a client does not bring its own promotions"
    );
    drop(server);
    db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_four_example_flows_over_http_equal_the_core_replay() {
    for backend in backends() {
        run(backend).await;
    }
}
