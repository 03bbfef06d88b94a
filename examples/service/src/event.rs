//! One entry of an order's event log, and the reply a command gets: built from the same
//! stored values whether the command was just applied or is a retry of an applied one, so
//! every retry gets the identical bytes.

use serde::Serialize;
use serde_json::value::RawValue;

/// The id of an order's effect: `{order_id}/{seq}/{index}`, where `seq` is the command's
/// place in the order's log (its version after the command, from 1) and `index` the
/// effect's place among the command's effects (from 0). Assigned once, in the transaction
/// that logs the command; the same for every delivery of the effect, so a consumer can
/// de-duplicate by it. Unique: an order's `(seq, index)` pairs are, and the two numbers are
/// the last two segments whatever the order id contains.
pub fn effect_id(order_id: &str, seq: i64, index: usize) -> String {
    format!("{order_id}/{seq}/{index}")
}

/// An effect with its id, as logged, queued and replied.
#[derive(Debug, Serialize)]
pub struct IdentifiedEffect<'a, E> {
    /// The effect's id.
    pub id: String,
    /// The core's effect.
    pub effect: &'a E,
}

/// The reply to an applied (or retried) command.
#[derive(Debug, Serialize)]
pub struct CommandReply<'a> {
    /// The order.
    pub order_id: &'a str,
    /// The command's place in the log (the order's version after it).
    pub seq: i64,
    /// Its idempotency key.
    pub key: &'a str,
    /// Its time.
    pub at: &'a str,
    /// The order's status after it.
    pub status: &'a str,
    /// Its effects with their ids.
    pub effects: &'a RawValue,
}

impl CommandReply<'_> {
    /// The reply's JSON text.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}

/// An event as `GET /orders/{id}` shows it.
#[derive(Debug, Serialize)]
pub struct EventView {
    /// Place in the log, from 1.
    pub seq: i64,
    /// Idempotency key.
    pub key: String,
    /// The command's time.
    pub at: String,
    /// The command as applied.
    pub command: Box<RawValue>,
    /// Its effects with their ids.
    pub effects: Box<RawValue>,
    /// The status after it.
    pub status: String,
    /// When the service logged it (its clock).
    pub recorded_at: String,
}
