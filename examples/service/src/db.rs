//! The database: one code path for SQLite and PostgreSQL through sqlx's `any` driver. Every
//! statement is written once, in SQL both accept (`$1` placeholders, `ON CONFLICT`,
//! `RETURNING`); only the transaction's first statement differs (`BEGIN IMMEDIATE` takes
//! SQLite's write lock up front).

use std::borrow::Cow;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::{AnyConnection, AnyPool, ConnectOptions, Connection, Executor};

use crate::config::{is_postgres, SqliteSync};

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite: one file, one writer at a time.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Backend {
    /// The name shown by `/health` and the benchmark.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    /// The statement that opens a write transaction.
    pub fn begin(self) -> &'static str {
        match self {
            // Take the write lock now: a deferred transaction that reads first could fail
            // to upgrade its lock (SQLITE_BUSY) instead of waiting for it.
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        }
    }
}

/// A database: a pool for reads (and the outbox worker), and how to open writer connections.
#[derive(Debug, Clone)]
pub struct Db {
    /// Readers.
    pub pool: AnyPool,
    /// The backend.
    pub backend: Backend,
    url: String,
    sync: SqliteSync,
}

/// The migrations, embedded at build time: the same files for SQLite and PostgreSQL.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "catalogue",
        include_str!("../migrations/0001_catalogue.sql"),
    ),
    (2, "orders", include_str!("../migrations/0002_orders.sql")),
    (3, "outbox", include_str!("../migrations/0003_outbox.sql")),
];

#[derive(Debug)]
struct Embedded;

impl<'s> MigrationSource<'s> for Embedded {
    fn resolve(
        self,
    ) -> futures_core_shim::BoxFuture<'s, Result<Vec<Migration>, sqlx::error::BoxDynError>> {
        Box::pin(async {
            Ok(MIGRATIONS
                .iter()
                .map(|(version, name, sql)| {
                    Migration::new(
                        *version,
                        Cow::Borrowed(*name),
                        MigrationType::Simple,
                        Cow::Borrowed(*sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

/// `BoxFuture` as `MigrationSource` names it, without a direct dependency on futures.
mod futures_core_shim {
    pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;
}

/// The per-connection settings of SQLite: WAL, the commit durability, a busy timeout.
fn sqlite_pragmas(sync: SqliteSync) -> String {
    format!(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = {}; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
        sync.as_str()
    )
}

impl Db {
    /// Connect (creating the SQLite file and its folder if needed) and run the migrations.
    pub async fn open(url: &str, sync: SqliteSync, readers: u32) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend = if is_postgres(url) {
            Backend::Postgres
        } else {
            create_sqlite_folder(url)?;
            Backend::Sqlite
        };
        let pragmas = sqlite_pragmas(sync);
        let pool = AnyPoolOptions::new()
            .max_connections(readers)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                let pragmas = pragmas.clone();
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(pragmas.as_str()).await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        let db = Db {
            pool,
            backend,
            url: url.to_string(),
            sync,
        };
        Ok(db)
    }

    /// Apply the migrations (idempotent; PostgreSQL takes an advisory lock meanwhile).
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        let migrator = Migrator::new(Embedded).await?;
        migrator.run(&self.pool).await
    }

    /// A dedicated connection for a writer lane.
    pub async fn writer(&self) -> Result<AnyConnection, sqlx::Error> {
        let options = AnyConnectOptions::from_str(&self.url)?.disable_statement_logging();
        let mut conn = AnyConnection::connect_with(&options).await?;
        if self.backend == Backend::Sqlite {
            conn.execute(sqlite_pragmas(self.sync).as_str()).await?;
        }
        Ok(conn)
    }

    /// What SQLite reports for its journal mode and synchronous level (for `/health` and the
    /// benchmark: "fsync on" is `wal` with synchronous 2, i.e. FULL).
    pub async fn durability(&self) -> Result<String, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => {
                let mut conn = self.pool.acquire().await?;
                let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
                    .fetch_one(&mut *conn)
                    .await?;
                let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
                    .fetch_one(&mut *conn)
                    .await?;
                let name = match sync {
                    0 => "OFF",
                    1 => "NORMAL",
                    2 => "FULL",
                    3 => "EXTRA",
                    _ => "?",
                };
                Ok(format!("journal_mode={journal}, synchronous={name}"))
            }
            Backend::Postgres => {
                let fsync: String = sqlx::query_scalar("SHOW fsync")
                    .fetch_one(&self.pool)
                    .await?;
                let commit: String = sqlx::query_scalar("SHOW synchronous_commit")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(format!("fsync={fsync}, synchronous_commit={commit}"))
            }
        }
    }
}

/// `sqlite://dir/file.db?mode=rwc`: create `dir` so that SQLite can create the file.
fn create_sqlite_folder(url: &str) -> Result<(), sqlx::Error> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
        }
    }
    Ok(())
}
