//! The service's settings, read from the environment (every one has a default that runs
//! on a laptop: SQLite files in `./o2okit-data`, port 8080 on localhost).

use std::net::SocketAddr;
use std::path::PathBuf;

/// How SQLite commits. `full` (the default) is "fsync on": WAL journal and
/// `synchronous=FULL`, so every commit fsyncs the WAL before it returns and a committed
/// command survives a power cut. `normal` fsyncs only at checkpoints (a committed command
/// survives a crash of the process, not of the machine). Ignored on PostgreSQL, whose
/// `fsync`/`synchronous_commit` are the server's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteSync {
    /// `PRAGMA synchronous = FULL` (fsync on every commit).
    Full,
    /// `PRAGMA synchronous = NORMAL` (fsync at checkpoints only).
    Normal,
}

impl SqliteSync {
    /// The pragma value.
    pub fn as_str(self) -> &'static str {
        match self {
            SqliteSync::Full => "FULL",
            SqliteSync::Normal => "NORMAL",
        }
    }
}

/// Everything the service reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: `postgres://…` for PostgreSQL; unset, `sqlite://{data_dir}/orders.db`.
    pub database_url: String,
    /// `O2OKIT_CONSUMER_DATABASE_URL`: where the demo consumer of the outbox keeps what it
    /// applied; unset, `sqlite://{data_dir}/consumer.db` with SQLite, or the same database
    /// as the orders with PostgreSQL (its own tables, its own transactions).
    pub consumer_url: String,
    /// `O2OKIT_ADDR`: the address to listen on (default `127.0.0.1:8080`; port 0 picks one).
    pub addr: SocketAddr,
    /// `O2OKIT_DATA_DIR`: where the SQLite files go (default `./o2okit-data`).
    pub data_dir: PathBuf,
    /// `O2OKIT_BODY_LIMIT`: the largest request body in bytes (default 1 MiB).
    pub body_limit: usize,
    /// `O2OKIT_SQLITE_SYNC`: `full` (default) or `normal`.
    pub sqlite_sync: SqliteSync,
    /// `O2OKIT_WRITER_LANES`: writer tasks on PostgreSQL (default 4); SQLite has one writer.
    pub lanes: usize,
    /// `O2OKIT_SEED_DEMO`: seed the demo merchant (default `true`).
    pub seed_demo: bool,
    /// `O2OKIT_OUTBOX_WORKER`: run the outbox worker (default `true`).
    pub outbox_worker: bool,
    /// `O2OKIT_CRASH_AFTER_COMMITS`: a fault-injection knob for crash tests. After that
    /// many group commits the process aborts (no destructors, no flush, like a SIGKILL)
    /// between the commit and the answers, so the clients of that batch never hear that
    /// their commands were applied. Unset in normal runs.
    pub crash_after_commits: Option<u64>,
    /// `O2OKIT_CRASH_AFTER_DELIVERIES`: the same for the outbox worker: abort after that many
    /// batches were taken by the consumer, before they are marked delivered (so they are
    /// delivered again after the restart).
    pub crash_after_deliveries: Option<u64>,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    /// Read the settings. Errors name the variable and what it accepts.
    pub fn from_env() -> Result<Config, String> {
        let data_dir =
            PathBuf::from(var("O2OKIT_DATA_DIR").unwrap_or_else(|| "o2okit-data".into()));
        let database_url = var("DATABASE_URL").unwrap_or_else(|| {
            format!("sqlite://{}?mode=rwc", data_dir.join("orders.db").display())
        });
        let postgres = is_postgres(&database_url);
        if !postgres && !database_url.starts_with("sqlite:") {
            return Err(format!(
                "DATABASE_URL must start with sqlite: or postgres:, not {:?}",
                database_url.split(':').next().unwrap_or_default()
            ));
        }
        let consumer_url = var("O2OKIT_CONSUMER_DATABASE_URL").unwrap_or_else(|| {
            if postgres {
                database_url.clone()
            } else {
                format!(
                    "sqlite://{}?mode=rwc",
                    data_dir.join("consumer.db").display()
                )
            }
        });
        let addr = var("O2OKIT_ADDR")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse::<SocketAddr>()
            .map_err(|e| format!("O2OKIT_ADDR: {e} (write it as 127.0.0.1:8080)"))?;
        let body_limit = match var("O2OKIT_BODY_LIMIT") {
            Some(v) => v
                .parse::<usize>()
                .map_err(|e| format!("O2OKIT_BODY_LIMIT: {e} (a number of bytes)"))?,
            None => 1 << 20,
        };
        let sqlite_sync = match var("O2OKIT_SQLITE_SYNC").as_deref() {
            None | Some("full") | Some("FULL") => SqliteSync::Full,
            Some("normal") | Some("NORMAL") => SqliteSync::Normal,
            Some(other) => {
                return Err(format!(
                    "O2OKIT_SQLITE_SYNC: {other:?} is not full or normal"
                ))
            }
        };
        let lanes = match var("O2OKIT_WRITER_LANES") {
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=64).contains(n))
                .ok_or_else(|| format!("O2OKIT_WRITER_LANES: {v:?} is not 1 to 64"))?,
            None => 4,
        };
        Ok(Config {
            database_url,
            consumer_url,
            addr,
            data_dir,
            body_limit,
            sqlite_sync,
            lanes: if postgres { lanes } else { 1 },
            seed_demo: flag("O2OKIT_SEED_DEMO")?,
            outbox_worker: flag("O2OKIT_OUTBOX_WORKER")?,
            crash_after_commits: count("O2OKIT_CRASH_AFTER_COMMITS")?,
            crash_after_deliveries: count("O2OKIT_CRASH_AFTER_DELIVERIES")?,
        })
    }
}

fn count(name: &str) -> Result<Option<u64>, String> {
    var(name)
        .map(|v| {
            v.parse::<u64>()
                .map_err(|e| format!("{name}: {e} (a whole number)"))
        })
        .transpose()
}

fn flag(name: &str) -> Result<bool, String> {
    match var(name).as_deref() {
        None | Some("1") | Some("true") | Some("on") => Ok(true),
        Some("0") | Some("false") | Some("off") => Ok(false),
        Some(other) => Err(format!("{name}: {other:?} is not true or false")),
    }
}

/// Whether a database URL names PostgreSQL.
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres:") || url.starts_with("postgresql:")
}
