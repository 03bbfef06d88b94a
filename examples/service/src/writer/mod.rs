//! The writer: every change to the database goes through it, as a job on a lane.
//!
//! **Concurrency.** Commands are applied with *optimistic concurrency plus per-order
//! serialisation*:
//! - Inside one process, every job for an order goes to the same lane (by a hash of the
//!   order id), and a lane runs its jobs one at a time, so two commands to the same order
//!   never race: the second is stepped on the state the first left. Fifty cashiers
//!   redeeming one voucher at once are fifty jobs on one lane: the first redeems it, the
//!   other 49 are stepped after it and the core answers `no_uses_left` (409), or, with the
//!   same key, `duplicate` (the same reply).
//! - Across processes (two service instances on one PostgreSQL database), the snapshot's
//!   version is the guard: a lane updates an order only `WHERE version = <the version it
//!   read>`; if another process got there first, no row is updated, and the lane reads
//!   the newer snapshot and steps the command again (bounded retries). No row lock is held
//!   while the core runs, and SQLite and PostgreSQL run the same statements.
//!
//! **Group commit.** A lane takes every job waiting for it (up to [`MAX_BATCH`]) into one
//! transaction and commits once, so one fsync covers many commands; it answers no job
//! before the commit (a rejection may depend on an uncommitted command before it). If
//! anything fails, the whole batch rolls back and every job in it is answered
//! `storage_unavailable` (503): nothing was applied, and a retry with the same key is safe.
//! SQLite has one lane (one writer at a time is all it allows); PostgreSQL has
//! `O2OKIT_WRITER_LANES` (default 4).

mod apply;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use sqlx::{AnyConnection, Executor};
use tokio::sync::{mpsc, oneshot, Notify};

use crate::db::Db;
use crate::error::ApiError;
use crate::metrics::Metrics;

pub use apply::{CommandOutcome, NewOrder, Opened};

/// The most jobs one transaction takes.
pub const MAX_BATCH: usize = 256;

/// A change to make.
#[derive(Debug)]
enum Job {
    Open(NewOrder, oneshot::Sender<Result<Opened, ApiError>>),
    Command(
        CommandJob,
        oneshot::Sender<Result<CommandOutcome, ApiError>>,
    ),
    MarkDelivered(Vec<String>, oneshot::Sender<Result<(), ApiError>>),
}

/// A command to an order: the body `{"at", "command"}` with `at` filled in.
#[derive(Debug)]
pub struct CommandJob {
    /// The order.
    pub order_id: String,
    /// The timed command's JSON text, decoded by the core in the lane (once the order's
    /// lifecycle is known).
    pub body: String,
}

/// The handle the HTTP handlers and the outbox worker send jobs through.
#[derive(Debug, Clone)]
pub struct Writer {
    lanes: Vec<mpsc::Sender<Job>>,
    metrics: Arc<Metrics>,
}

fn lane_of(order_id: &str, lanes: usize) -> usize {
    let mut hasher = DefaultHasher::new();
    order_id.hash(&mut hasher);
    let lane = hasher.finish().checked_rem(lanes as u64).unwrap_or(0);
    usize::try_from(lane).unwrap_or(0)
}

impl Writer {
    /// Start `lanes` writer tasks on `db`. `outbox` is notified after each commit that
    /// queued effects.
    /// `crash_after_commits`: see [`Config::crash_after_commits`](crate::config::Config).
    pub fn start(
        db: Db,
        lanes: usize,
        metrics: Arc<Metrics>,
        outbox: Arc<Notify>,
        crash_after_commits: Option<u64>,
    ) -> Writer {
        let crash = Arc::new(Crash {
            after: crash_after_commits,
            commits: AtomicU64::new(0),
        });
        let senders = (0..lanes.max(1))
            .map(|_| {
                let (tx, rx) = mpsc::channel(4096);
                tokio::spawn(run_lane(
                    db.clone(),
                    rx,
                    metrics.clone(),
                    outbox.clone(),
                    crash.clone(),
                ));
                tx
            })
            .collect();
        Writer {
            lanes: senders,
            metrics,
        }
    }

    async fn send<T>(
        &self,
        lane: usize,
        job: impl FnOnce(oneshot::Sender<Result<T, ApiError>>) -> Job,
    ) -> Result<T, ApiError> {
        let started = Instant::now();
        let (tx, rx) = oneshot::channel();
        let sender = self
            .lanes
            .get(lane)
            .ok_or_else(|| ApiError::internal("no writer lane"))?;
        sender
            .send(job(tx))
            .await
            .map_err(|_| ApiError::internal("the writer stopped"))?;
        let answer = rx
            .await
            .map_err(|_| ApiError::internal("the writer dropped a job"))?;
        self.metrics.writer(started.elapsed());
        answer
    }

    /// Open an order (idempotent by id).
    pub async fn open(&self, order: NewOrder) -> Result<Opened, ApiError> {
        let lane = lane_of(&order.order_id, self.lanes.len());
        self.send(lane, |tx| Job::Open(order, tx)).await
    }

    /// Apply a command to an order.
    pub async fn command(&self, job: CommandJob) -> Result<CommandOutcome, ApiError> {
        let lane = lane_of(&job.order_id, self.lanes.len());
        self.send(lane, |tx| Job::Command(job, tx)).await
    }

    /// Mark outbox rows delivered.
    pub async fn mark_delivered(&self, ids: Vec<String>) -> Result<(), ApiError> {
        self.send(0, |tx| Job::MarkDelivered(ids, tx)).await
    }
}

/// A job's answer, held until the batch commits.
enum Answer {
    Open(
        oneshot::Sender<Result<Opened, ApiError>>,
        Result<Opened, ApiError>,
    ),
    Command(
        oneshot::Sender<Result<CommandOutcome, ApiError>>,
        Result<CommandOutcome, ApiError>,
    ),
    Mark(oneshot::Sender<Result<(), ApiError>>, Result<(), ApiError>),
}

impl Answer {
    fn send(self) {
        // A client that went away does not need its answer.
        match self {
            Answer::Open(tx, result) => drop(tx.send(result)),
            Answer::Command(tx, result) => drop(tx.send(result)),
            Answer::Mark(tx, result) => drop(tx.send(result)),
        }
    }

    fn fail(self, error: &ApiError) {
        match self {
            Answer::Open(tx, _) => drop(tx.send(Err(error.clone()))),
            Answer::Command(tx, _) => drop(tx.send(Err(error.clone()))),
            Answer::Mark(tx, _) => drop(tx.send(Err(error.clone()))),
        }
    }
}

fn fail_job(job: Job, error: &ApiError) {
    match job {
        Job::Open(_, tx) => drop(tx.send(Err(error.clone()))),
        Job::Command(_, tx) => drop(tx.send(Err(error.clone()))),
        Job::MarkDelivered(_, tx) => drop(tx.send(Err(error.clone()))),
    }
}

/// The fault-injection knob: abort after so many commits.
#[derive(Debug)]
struct Crash {
    after: Option<u64>,
    commits: AtomicU64,
}

impl Crash {
    /// Count a commit; abort the process if it is the one to crash after.
    fn committed(&self) {
        if let Some(after) = self.after {
            let n = self
                .commits
                .fetch_add(1, Ordering::SeqCst)
                .saturating_add(1);
            if n >= after {
                eprintln!("O2OKIT_CRASH_AFTER_COMMITS={after}: aborting after a commit, before its answers");
                std::process::abort();
            }
        }
    }
}

async fn run_lane(
    db: Db,
    mut jobs: mpsc::Receiver<Job>,
    metrics: Arc<Metrics>,
    outbox: Arc<Notify>,
    crash: Arc<Crash>,
) {
    let mut connection: Option<AnyConnection> = None;
    while let Some(first) = jobs.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let conn = match connection.as_mut() {
            Some(conn) => conn,
            None => match db.writer().await {
                Ok(conn) => connection.insert(conn),
                Err(error) => {
                    let error = ApiError::storage(&error);
                    batch.into_iter().for_each(|job| fail_job(job, &error));
                    continue;
                }
            },
        };
        let count = batch.len();
        match run_batch(conn, &db, batch, &metrics).await {
            Ok((answers, queued)) => {
                crash.committed();
                metrics.batch(count);
                answers.into_iter().for_each(Answer::send);
                if queued {
                    outbox.notify_one();
                }
            }
            Err(()) => {
                // The connection may be broken; open a fresh one for the next batch.
                connection = None;
            }
        }
    }
}

/// Run a batch in one transaction. `Err(())`: rolled back, every job already answered.
async fn run_batch(
    conn: &mut AnyConnection,
    db: &Db,
    batch: Vec<Job>,
    metrics: &Metrics,
) -> Result<(Vec<Answer>, bool), ()> {
    let started = Instant::now();
    if let Err(error) = conn.execute(db.backend.begin()).await {
        let error = ApiError::storage(&error);
        batch.into_iter().for_each(|job| fail_job(job, &error));
        return Err(());
    }
    metrics.db(started.elapsed());
    let mut tx = apply::Tx::new(conn, metrics);
    let ids: Vec<&str> = batch
        .iter()
        .filter_map(|job| match job {
            Job::Command(command, _) => Some(command.order_id.as_str()),
            _ => None,
        })
        .collect();
    let mut failure = tx.preload(&ids).await.err().map(|e| ApiError::storage(&e));
    let mut answers = Vec::with_capacity(batch.len());
    let mut jobs = batch.into_iter();
    if failure.is_none() {
        for job in jobs.by_ref() {
            // A database error dooms the batch: the job is answered with it at once, the
            // others after the rollback.
            match job {
                Job::Open(order, reply) => match tx.open(order).await {
                    Ok(result) => answers.push(Answer::Open(reply, result)),
                    Err(error) => {
                        let error = ApiError::storage(&error);
                        drop(reply.send(Err(error.clone())));
                        failure = Some(error);
                        break;
                    }
                },
                Job::Command(command, reply) => match tx.command(command).await {
                    Ok(result) => answers.push(Answer::Command(reply, result)),
                    Err(error) => {
                        let error = ApiError::storage(&error);
                        drop(reply.send(Err(error.clone())));
                        failure = Some(error);
                        break;
                    }
                },
                Job::MarkDelivered(ids, reply) => {
                    tx.mark_delivered(ids);
                    answers.push(Answer::Mark(reply, Ok(())));
                }
            }
        }
    }
    let queued = tx.queued_effects();
    if failure.is_none() {
        if let Err(error) = tx.flush().await {
            failure = Some(ApiError::storage(&error));
        }
    }
    drop(tx);
    if failure.is_none() {
        let started = Instant::now();
        let committed = conn.execute("COMMIT").await;
        metrics.db(started.elapsed());
        metrics.commit(started.elapsed());
        if let Err(error) = committed {
            failure = Some(ApiError::storage(&error));
        }
    }
    match failure {
        None => Ok((answers, queued)),
        Some(error) => {
            // Best effort: a broken connection rolls back by itself.
            let _ = conn.execute("ROLLBACK").await;
            answers.into_iter().for_each(|answer| answer.fail(&error));
            jobs.for_each(|job| fail_job(job, &error));
            Err(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::lane_of;

    #[test]
    fn an_order_always_goes_to_the_same_lane() {
        for lanes in 1..6 {
            for id in ["o-1", "o-2", "a/b/c", ""] {
                let lane = lane_of(id, lanes);
                assert!(lane < lanes);
                assert_eq!(lane, lane_of(id, lanes));
            }
        }
    }
}
