//! Bad input over HTTP: each request gets the core's code with a fitting status, and
//! nothing is written.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{backends, deal, Http, Server, TestDb};

/// POST a body of `size` bytes on a raw connection (declared with Content-Length, or sent
/// chunked) and read the status line and body of the answer, which may come before the
/// body is sent.
async fn post_large(base: &str, path: &str, size: usize, chunked: bool) -> (u16, String) {
    let addr = base.trim_start_matches("http://").to_string();
    let stream = TcpStream::connect(&addr).await.unwrap();
    let (mut read, mut write) = stream.into_split();
    let head = if chunked {
        format!("POST {path} HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
    } else {
        format!("POST {path} HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: {size}\r\n\r\n")
    };
    let sender = tokio::spawn(async move {
        write.write_all(head.as_bytes()).await?;
        // A JSON string of `size` bytes: `"aaaa…"`.
        let chunk = vec![b'a'; 64 * 1024];
        let mut sent = 0;
        while sent < size {
            let n = chunk.len().min(size - sent);
            if chunked {
                write.write_all(format!("{n:x}\r\n").as_bytes()).await?;
                write.write_all(&chunk[..n]).await?;
                write.write_all(b"\r\n").await?;
            } else {
                write.write_all(&chunk[..n]).await?;
            }
            sent += n;
        }
        if chunked {
            write.write_all(b"0\r\n\r\n").await?;
        }
        Ok::<(), std::io::Error>(())
    });
    let mut answer = Vec::new();
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = tokio::time::timeout(Duration::from_secs(30), read.read(&mut buf))
            .await
            .expect("no answer to a large body")
            .unwrap_or(0);
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&answer);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length: ")
                        .map(String::from)
                })
                .and_then(|l| l.trim().parse::<usize>().ok());
            if length.is_some_and(|n| body.len() >= n) {
                break;
            }
        }
    }
    sender.abort();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

async fn run(backend: &'static str) {
    let db = TestDb::create(backend, "bad_input").await;
    let server = Server::start(&db, &[]);
    let (http, base) = (Http::new(), server.base.clone());
    assert_eq!(
        http.put(&format!("{base}/deals/single"), &deal("single", 1))
            .await
            .status,
        201
    );
    for order in ["o-1", "o-2"] {
        let open = http
            .post(
                &format!("{base}/orders"),
                &format!(r#"{{"deal_id": "single", "customer_id": "ann", "order_id": "{order}"}}"#),
            )
            .await;
        assert_eq!(open.status, 201, "{}", open.body);
    }
    let pay = http
        .post(
            &format!("{base}/orders/o-1/commands"),
            r#"{"at": "2026-06-01T12:00:00+08:00", "command": {"type": "pay", "key": "pay",
                "actor": "customer", "amount": {"amount": "100.00", "currency": "CNY"}}}"#,
        )
        .await;
    assert_eq!(pay.status, 200, "{}", pay.body);
    let before = db.counts().await;

    let commands = |order: &str| format!("{base}/orders/{order}/commands");
    let cases = [
        (
            "malformed JSON",
            commands("o-1"),
            r#"{"at": "2026-06-01T13:00:00+08:00", "command": {"type": "redeem","#.to_string(),
            400,
            "invalid_json",
        ),
        (
            "a float for money",
            commands("o-2"),
            r#"{"at": "2026-06-01T12:00:00+08:00", "command": {"type": "pay", "key": "pay",
                "actor": "customer", "amount": {"amount": 100.0, "currency": "CNY"}}}"#
                .to_string(),
            400,
            "number_for_money",
        ),
        (
            "an unknown order",
            commands("no-such-order"),
            r#"{"at": "2026-06-01T13:00:00+08:00", "command": {"type": "redeem", "key": "r",
                "actor": "staff", "voucher": "no-such-order/v1", "store_id": "S1"}}"#
                .to_string(),
            404,
            "unknown_order",
        ),
        (
            "a command out of time order",
            commands("o-1"),
            r#"{"at": "2026-06-01T11:59:59+08:00", "command": {"type": "redeem", "key": "r",
                "actor": "staff", "voucher": "o-1/v1", "store_id": "S1"}}"#
                .to_string(),
            409,
            "time_out_of_order",
        ),
        (
            "a command for a voucher order that is not one",
            commands("o-1"),
            r#"{"at": "2026-06-01T13:00:00+08:00", "command": {"type": "place", "key": "p",
                "actor": "customer"}}"#
                .to_string(),
            400,
            "invalid_json",
        ),
        (
            "a float price in a deal",
            format!("{base}/deals/floaty"),
            deal("floaty", 1).replace(r#""amount": "100.00""#, r#""amount": 100.5"#),
            400,
            "number_for_money",
        ),
    ];
    for (what, url, body, status, code) in cases {
        let reply = if url.contains("/deals/") {
            http.put(&url, &body).await
        } else {
            http.post(&url, &body).await
        };
        assert_eq!(reply.status, status, "{backend}, {what}: {}", reply.body);
        assert_eq!(reply.code(), code, "{backend}, {what}: {}", reply.body);
        assert!(
            !reply.json()["message"].as_str().unwrap().is_empty(),
            "{backend}, {what}: a message a person can act on"
        );
    }

    // Not JSON at all.
    let reply = http
        .send(hyper::Method::POST, &commands("o-1"), None)
        .await
        .unwrap();
    assert_eq!(
        reply.status, 400,
        "{backend}: an empty body: {}",
        reply.body
    );
    assert_eq!(reply.code(), "invalid_json");

    // 10 MB, declared and chunked: rejected by the size limit (1 MiB), with the core's code.
    for chunked in [false, true] {
        let (status, body) = post_large(&base, "/orders/o-1/commands", 10 << 20, chunked).await;
        assert_eq!(status, 413, "{backend}, 10 MB (chunked: {chunked}): {body}");
        let error: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(error["code"], "invalid_input", "{error}");
        assert!(
            error["message"].as_str().unwrap().contains("1048576"),
            "{error}"
        );
    }

    assert_eq!(db.counts().await, before, "{backend}: nothing was written");
    // And the service still answers.
    assert_eq!(
        http.get(&format!("{base}/orders/o-1/check")).await.json()["consistent"],
        true
    );
    drop(server);
    db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_the_core_codes_and_writes_nothing() {
    for backend in backends() {
        run(backend).await;
    }
}
