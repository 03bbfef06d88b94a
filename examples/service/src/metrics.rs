//! Where the time goes, counted in nanoseconds since start (`GET /admin/metrics`): in
//! o2okit (decoding commands, steps, encoding states and effects), in the database
//! (statements and commits of the writer), and in whole requests as the server saw them.
//! The benchmark reads them before and after a run and puts the client's latencies beside.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::Serialize;

/// Counters, all monotonic.
#[derive(Debug, Default)]
pub struct Metrics {
    core_ns: AtomicU64,
    db_ns: AtomicU64,
    commit_ns: AtomicU64,
    request_ns: AtomicU64,
    writer_ns: AtomicU64,
    requests: AtomicU64,
    writes: AtomicU64,
    batches: AtomicU64,
    version_retries: AtomicU64,
}

/// A snapshot of the counters.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct MetricsSnapshot {
    /// Time in o2okit: decoding commands, stepping, encoding states and effects.
    pub core_ns: u64,
    /// Time in database statements and commits (writer lanes).
    pub db_ns: u64,
    /// Of which in commits (the fsync).
    pub commit_ns: u64,
    /// Time in request handlers, from the body read to the response (waits included).
    pub request_ns: u64,
    /// Of which waiting for the writer: from queueing a job to its answer (the job's own
    /// statements and steps, the other jobs of its batch, the commit, and the batch before).
    pub writer_ns: u64,
    /// Requests handled.
    pub requests: u64,
    /// Jobs the writer lanes ran (opens, commands, outbox marks).
    pub writes: u64,
    /// Transactions the writer lanes committed (group commits).
    pub batches: u64,
    /// Times a version check failed and a command was stepped again on the newer state.
    pub version_retries: u64,
}

fn add(counter: &AtomicU64, elapsed: Duration) {
    counter.fetch_add(
        u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX),
        Ordering::Relaxed,
    );
}

impl Metrics {
    /// Time spent in o2okit.
    pub fn core(&self, elapsed: Duration) {
        add(&self.core_ns, elapsed);
    }

    /// Time spent in the database.
    pub fn db(&self, elapsed: Duration) {
        add(&self.db_ns, elapsed);
    }

    /// Time spent committing (also counted in [`Metrics::db`]).
    pub fn commit(&self, elapsed: Duration) {
        add(&self.commit_ns, elapsed);
    }

    /// One request handled.
    pub fn request(&self, elapsed: Duration) {
        add(&self.request_ns, elapsed);
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    /// A job's time from queueing to answer.
    pub fn writer(&self, elapsed: Duration) {
        add(&self.writer_ns, elapsed);
    }

    /// One batch of `jobs` committed.
    pub fn batch(&self, jobs: usize) {
        self.batches.fetch_add(1, Ordering::Relaxed);
        self.writes
            .fetch_add(u64::try_from(jobs).unwrap_or(u64::MAX), Ordering::Relaxed);
    }

    /// A version check failed.
    pub fn retry(&self) {
        self.version_retries.fetch_add(1, Ordering::Relaxed);
    }

    /// Read every counter.
    pub fn snapshot(&self) -> MetricsSnapshot {
        MetricsSnapshot {
            core_ns: self.core_ns.load(Ordering::Relaxed),
            db_ns: self.db_ns.load(Ordering::Relaxed),
            commit_ns: self.commit_ns.load(Ordering::Relaxed),
            request_ns: self.request_ns.load(Ordering::Relaxed),
            writer_ns: self.writer_ns.load(Ordering::Relaxed),
            requests: self.requests.load(Ordering::Relaxed),
            writes: self.writes.load(Ordering::Relaxed),
            batches: self.batches.load(Ordering::Relaxed),
            version_retries: self.version_retries.load(Ordering::Relaxed),
        }
    }
}
