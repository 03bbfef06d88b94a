//! What the service tests and the benchmark share: a fresh database per run (SQLite always,
//! PostgreSQL when `O2OKIT_TEST_POSTGRES_URL` names a server the tests may create databases
//! on), the service binary started on it, a small HTTP client, and a bounded load
//! generator that only talks to localhost.
#![allow(dead_code)]

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use sqlx::{AnyConnection, Connection, Executor};
use tokio::sync::Semaphore;

/// The variable naming a PostgreSQL server for the tests (a role allowed to create
/// databases): `postgres://user:password@127.0.0.1/postgres-database`.
pub const POSTGRES_VAR: &str = "O2OKIT_TEST_POSTGRES_URL";

/// The databases to run on: SQLite always; PostgreSQL when [`POSTGRES_VAR`] is set. Under
/// `CI=true` a missing PostgreSQL is a failure, not a skip.
pub fn backends() -> Vec<&'static str> {
    let mut backends = vec!["sqlite"];
    match std::env::var(POSTGRES_VAR) {
        Ok(url) if !url.trim().is_empty() => backends.push("postgres"),
        _ if std::env::var("CI").as_deref() == Ok("true") => panic!(
            "CI=true but {POSTGRES_VAR} is not set: the service tests must also run on PostgreSQL in CI \
             (.ci/run installs and starts it)"
        ),
        _ => eprintln!("{POSTGRES_VAR} is not set: PostgreSQL runs skipped (SQLite only)"),
    }
    backends
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh database for one run; dropped (PostgreSQL) or deleted (SQLite) at the end.
#[derive(Debug)]
pub struct TestDb {
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    /// The orders database.
    pub url: String,
    /// The consumer's database.
    pub consumer_url: String,
    /// A folder for SQLite files and server logs.
    pub dir: PathBuf,
    admin: Option<(String, String)>,
}

fn unique(name: &str) -> String {
    format!(
        "{}_{}_{}",
        name,
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// Replace the database name of a PostgreSQL URL.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    format!("{}/{database}{query}", &base[..host_end])
}

impl TestDb {
    /// Create one on `backend`.
    pub async fn create(backend: &'static str, name: &str) -> TestDb {
        let name = unique(name);
        let dir = std::env::temp_dir()
            .join("o2okit-service-tests")
            .join(&name);
        std::fs::create_dir_all(&dir).unwrap();
        if backend == "sqlite" {
            let url = format!("sqlite://{}?mode=rwc", dir.join("orders.db").display());
            let consumer_url = format!("sqlite://{}?mode=rwc", dir.join("consumer.db").display());
            return TestDb {
                backend,
                url,
                consumer_url,
                dir,
                admin: None,
            };
        }
        let admin = std::env::var(POSTGRES_VAR).unwrap();
        sqlx::any::install_default_drivers();
        let mut conn = AnyConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to {POSTGRES_VAR}: {e}"));
        let database = format!("o2okit_t_{}", name.to_lowercase());
        conn.execute(format!("CREATE DATABASE {database}").as_str())
            .await
            .unwrap_or_else(|e| panic!("CREATE DATABASE {database}: {e}"));
        let url = with_database(&admin, &database);
        TestDb {
            backend,
            consumer_url: url.clone(),
            url,
            dir,
            admin: Some((admin, database)),
        }
    }

    /// A connection to the orders database, to look at what was written.
    pub async fn connect(&self) -> AnyConnection {
        sqlx::any::install_default_drivers();
        AnyConnection::connect(&self.url).await.unwrap()
    }

    /// A connection to the consumer's database.
    pub async fn connect_consumer(&self) -> AnyConnection {
        sqlx::any::install_default_drivers();
        AnyConnection::connect(&self.consumer_url).await.unwrap()
    }

    /// Row counts of every table the service writes (to prove nothing was written).
    pub async fn counts(&self) -> Vec<(String, i64)> {
        let mut conn = self.connect().await;
        let mut counts = Vec::new();
        for table in [
            "orders",
            "order_events",
            "outbox",
            "vouchers",
            "ledger_lines",
            "deals",
            "policies",
            "promotions",
        ] {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&mut conn)
                .await
                .unwrap();
            counts.push((table.to_string(), n));
        }
        let versions: Vec<(String, i64)> =
            sqlx::query_as("SELECT id, version FROM orders ORDER BY id")
                .fetch_all(&mut conn)
                .await
                .unwrap();
        counts.extend(versions);
        counts
    }

    /// Drop the database (PostgreSQL) or delete the files (SQLite).
    pub async fn drop_db(self) {
        if let Some((admin, database)) = &self.admin {
            if let Ok(mut conn) = AnyConnection::connect(admin).await {
                let _ = conn
                    .execute(format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)").as_str())
                    .await;
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The service binary, started on a test database.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    log: PathBuf,
}

/// The service binary's path (built by cargo for the tests and the benchmark).
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_o2okit-service"))
}

impl Server {
    /// Start the service on `db` (a free port on 127.0.0.1) and wait until it listens.
    pub fn start(db: &TestDb, env: &[(&str, &str)]) -> Server {
        let log = db.dir.join(format!("server-{}.log", unique("run")));
        let file = std::fs::File::create(&log).unwrap();
        let mut command = Command::new(binary());
        command
            .env("DATABASE_URL", &db.url)
            .env("O2OKIT_CONSUMER_DATABASE_URL", &db.consumer_url)
            .env("O2OKIT_ADDR", "127.0.0.1:0")
            .env("O2OKIT_DATA_DIR", &db.dir)
            .stdout(Stdio::from(file.try_clone().unwrap()))
            .stderr(Stdio::from(file));
        for (k, v) in env {
            command.env(k, v);
        }
        let child = command.spawn().unwrap();
        let mut server = Server {
            child,
            base: String::new(),
            log,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let text = std::fs::read_to_string(&server.log).unwrap_or_default();
            if let Some(line) = text.lines().find(|l| l.starts_with("listening on ")) {
                server.base = line.trim_start_matches("listening on ").trim().to_string();
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("the service exited ({status}):\n{text}");
            }
            assert!(
                Instant::now() < deadline,
                "the service did not start in 60 s:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL: no shutdown, no flush, whatever was in flight is lost.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Wait up to `limit` for the process to exit by itself; whether it did.
    pub async fn exited(&mut self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        false
    }

    /// The server's output so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// An HTTP reply.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The `idempotent-replayed` header.
    pub replayed: Option<String>,
    /// The body.
    pub body: String,
}

impl Reply {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The error code of an error body.
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_string()
    }
}

/// A keep-alive HTTP/1 client, to localhost only.
#[derive(Debug, Clone)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
    timeout: Duration,
}

impl Default for Http {
    fn default() -> Http {
        Http::new()
    }
}

/// Panics unless `base` is a loopback address: the load generator never leaves the machine.
pub fn assert_localhost(base: &str) {
    let host = base
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or_default();
    let addr: SocketAddr = host
        .parse()
        .unwrap_or_else(|_| panic!("the load generator takes an IP:port on localhost, not {host}"));
    let ip: IpAddr = addr.ip();
    assert!(
        ip.is_loopback(),
        "the load generator only targets localhost, not {ip}"
    );
}

impl Http {
    /// A client.
    pub fn new() -> Http {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        Http {
            client: Client::builder(TokioExecutor::new())
                .pool_idle_timeout(Duration::from_secs(30))
                .build(connector),
            timeout: Duration::from_secs(30),
        }
    }

    /// The same client with another timeout per request (default 30 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Http {
        self.timeout = timeout;
        self
    }

    /// Send a request; `Err` for a transport failure (refused, reset, timeout).
    pub async fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
    ) -> Result<Reply, String> {
        assert_localhost(url);
        let mut request = Request::builder().method(method).uri(url);
        if body.is_some() {
            request = request.header("content-type", "application/json");
        }
        let request = request
            .body(Full::new(Bytes::from(body.unwrap_or_default().to_string())))
            .map_err(|e| e.to_string())?;
        let response = tokio::time::timeout(self.timeout, self.client.request(request))
            .await
            .map_err(|_| "timed out".to_string())?
            .map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let replayed = response
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok(Reply {
            status,
            replayed,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    /// POST JSON; panics on a transport failure.
    pub async fn post(&self, url: &str, body: &str) -> Reply {
        self.send(Method::POST, url, Some(body)).await.unwrap()
    }

    /// PUT JSON; panics on a transport failure.
    pub async fn put(&self, url: &str, body: &str) -> Reply {
        self.send(Method::PUT, url, Some(body)).await.unwrap()
    }

    /// GET; panics on a transport failure.
    pub async fn get(&self, url: &str) -> Reply {
        self.send(Method::GET, url, None).await.unwrap()
    }
}

/// A test deal: `vouchers` vouchers of one use at 100.00 CNY, stores S1 and S2, all of
/// 2026 to 2029, a 10-minute reversal window, 8% to the platform, with codes.
pub fn deal(id: &str, vouchers: u32) -> String {
    format!(
        r#"{{"id": "{id}", "price": {{"amount": "100.00", "currency": "CNY"}}, "vouchers": {vouchers}, "uses": 1,
        "valid_from": "2026-01-01T00:00:00+08:00", "valid_until": "2030-01-01T00:00:00+08:00",
        "stores": ["S1", "S2"], "refund": "any_time", "reversal_minutes": 10,
        "plan": {{"rules": [{{"id": "platform", "to": {{"role": "platform", "party_id": "o2o-platform"}},
                 "base": "gross_paid", "pay": {{"type": "percent", "percent": "8"}}}}],
                 "remainder": {{"role": "merchant", "party_id": "hotpot-house"}}}},
        "codes": {{"key": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"}}}}"#
    )
}

/// One order's requests, in order: the open body and the command bodies.
#[derive(Debug, Clone)]
pub struct Script {
    /// The order.
    pub order_id: String,
    /// `POST /orders` body.
    pub open: String,
    /// `POST /orders/{id}/commands` bodies, in time order.
    pub commands: Vec<String>,
}

fn timed(at: &str, command: &str) -> String {
    format!(r#"{{"at": "{at}", "command": {command}}}"#)
}

/// Flow 1 end to end: open, pay (200.00 for two vouchers, or 100.00 for one), redeem
/// every voucher, settle after the reversal window.
pub fn flow1(deal_id: &str, order_id: &str, vouchers: u32) -> Script {
    let price = format!("{}.00", 100 * vouchers);
    let mut commands = vec![timed(
        "2026-06-01T12:00:00+08:00",
        &format!(
            r#"{{"type": "pay", "key": "pay", "actor": "customer", "amount": {{"amount": "{price}", "currency": "CNY"}}}}"#
        ),
    )];
    for v in 1..=vouchers {
        commands.push(timed(
            &format!("2026-06-01T12:{v:02}:00+08:00"),
            &format!(
                r#"{{"type": "redeem", "key": "redeem-{v}", "actor": "staff", "voucher": "{order_id}/v{v}", "store_id": "S1"}}"#
            ),
        ));
    }
    commands.push(timed(
        "2026-06-01T12:30:00+08:00",
        r#"{"type": "settle", "key": "settle", "actor": "platform"}"#,
    ));
    Script {
        order_id: order_id.into(),
        open: format!(
            r#"{{"deal_id": "{deal_id}", "customer_id": "ann", "order_id": "{order_id}"}}"#
        ),
        commands,
    }
}

/// Flow 4 end to end (the seeded `papa` policy): placed in the WeChat mini-program, eaten
/// in the Xuhui store, settled at night.
pub fn flow4(order_id: &str) -> Script {
    let commands = [
        (
            "2026-03-06T12:00:00+08:00",
            r#"{"type": "place", "key": "p", "actor": "customer", "amount": {"amount": "88.00", "currency": "CNY"}, "channel": "wechat", "fulfilment": "dine_in", "store_id": "xuhui"}"#,
        ),
        (
            "2026-03-06T12:01:00+08:00",
            r#"{"type": "accept", "key": "a", "actor": "staff"}"#,
        ),
        (
            "2026-03-06T12:15:00+08:00",
            r#"{"type": "ready", "key": "r", "actor": "staff"}"#,
        ),
        (
            "2026-03-06T12:16:00+08:00",
            r#"{"type": "complete", "key": "c", "actor": "staff"}"#,
        ),
        (
            "2026-03-06T23:00:00+08:00",
            r#"{"type": "settle", "key": "s", "actor": "platform"}"#,
        ),
    ];
    Script {
        order_id: order_id.into(),
        open: format!(r#"{{"policy_id": "papa", "customer_id": "bob", "order_id": "{order_id}"}}"#),
        commands: commands.iter().map(|(at, c)| timed(at, c)).collect(),
    }
}

/// Where the service is now (it moves when the crash test restarts it).
pub type Base = Arc<std::sync::RwLock<String>>;

/// One request's kind and latency.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// 0: open; 1..: the command's place in the script.
    pub step: usize,
    /// Client-side latency.
    pub latency: Duration,
}

/// What a load run did.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// Orders whose every request succeeded.
    pub completed: usize,
    /// Requests that succeeded.
    pub requests: usize,
    /// Latencies of the requests that succeeded at the first try.
    pub samples: Vec<Sample>,
    /// Requests sent again after a transport error or a 503 (same body, same key).
    pub retries: usize,
    /// Replies marked `idempotent-replayed: true` (a retry of a command the server had applied).
    pub replayed: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// Send one request until it gets a definitive answer: transport failures and 503 are
/// retried with the identical body (the idempotency key makes that safe) until `deadline`.
async fn until_answered(
    http: &Http,
    base: &Base,
    path: &str,
    body: &str,
    deadline: Instant,
    retries: &mut usize,
) -> Result<(Reply, Duration), String> {
    loop {
        let url = format!("{}{path}", base.read().unwrap());
        let started = Instant::now();
        match http.send(Method::POST, &url, Some(body)).await {
            Ok(reply) if reply.status != 503 => return Ok((reply, started.elapsed())),
            Ok(reply) if Instant::now() > deadline => {
                return Err(format!(
                    "{path}: still {} at the deadline: {}",
                    reply.status, reply.body
                ))
            }
            Err(e) if Instant::now() > deadline => {
                return Err(format!("{path}: {e} at the deadline"))
            }
            _ => {
                *retries += 1;
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
        }
    }
}

/// Run `scripts` against the service, `concurrency` orders at a time, each order's requests
/// in order. Every request must end 200 or 201; anything else is an error (with the body).
pub async fn run_load(
    base: Base,
    scripts: Vec<Script>,
    concurrency: usize,
    limit: Duration,
) -> Result<LoadReport, String> {
    assert_localhost(&base.read().unwrap());
    let started = Instant::now();
    let deadline = started + limit;
    let gate = Arc::new(Semaphore::new(concurrency.max(1)));
    let http = Http::new();
    let mut tasks = Vec::new();
    for script in scripts {
        let gate = gate.clone();
        let http = http.clone();
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await.map_err(|e| e.to_string())?;
            let mut report = LoadReport::default();
            let mut retries = 0;
            let bodies = std::iter::once(("/orders".to_string(), script.open.clone())).chain(
                script
                    .commands
                    .iter()
                    .map(|c| (format!("/orders/{}/commands", script.order_id), c.clone())),
            );
            for (step, (path, body)) in bodies.enumerate() {
                let before = retries;
                let (reply, latency) =
                    until_answered(&http, &base, &path, &body, deadline, &mut retries).await?;
                if reply.status != 200 && reply.status != 201 {
                    return Err(format!(
                        "order {} step {step}: {} {}",
                        script.order_id, reply.status, reply.body
                    ));
                }
                if reply.replayed.as_deref() == Some("true") {
                    report.replayed += 1;
                }
                report.requests += 1;
                if retries == before {
                    report.samples.push(Sample { step, latency });
                }
            }
            report.retries = retries;
            report.completed = 1;
            Ok::<LoadReport, String>(report)
        }));
    }
    let mut total = LoadReport::default();
    for task in tasks {
        let report = task.await.map_err(|e| e.to_string())??;
        total.completed += report.completed;
        total.requests += report.requests;
        total.retries += report.retries;
        total.replayed += report.replayed;
        total.samples.extend(report.samples);
    }
    total.elapsed = started.elapsed();
    Ok(total)
}

/// The `q`-quantile of some latencies.
pub fn quantile(latencies: &mut [Duration], q: f64) -> Duration {
    if latencies.is_empty() {
        return Duration::ZERO;
    }
    latencies.sort();
    let index = ((latencies.len() - 1) as f64 * q).round() as usize;
    latencies[index.min(latencies.len() - 1)]
}

/// Wait until the outbox has nothing pending.
pub async fn drained(http: &Http, base: &str, limit: Duration) -> Value {
    let deadline = Instant::now() + limit;
    loop {
        let outbox = http.get(&format!("{base}/admin/outbox")).await.json();
        if outbox["pending"] == 0 {
            return outbox;
        }
        assert!(
            Instant::now() < deadline,
            "the outbox is not drained: {outbox}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
