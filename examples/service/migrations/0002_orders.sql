-- One row per order: the snapshot (the core's state after the last command) and its
-- version (the number of commands applied). A writer updates it only if the version is
-- the one it read (optimistic concurrency), in the same transaction as the event and the
-- outbox rows.
CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    flow TEXT NOT NULL,
    terms_id TEXT NOT NULL,
    terms TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    state TEXT NOT NULL,
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    opened_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The append-only event log: every applied command with its time, its idempotency key and
-- the effects it returned (each with its id). Rejected commands are not logged (they change
-- nothing and do not use their key). seq = the order's version after the command.
CREATE TABLE order_events (
    order_id TEXT NOT NULL REFERENCES orders (id),
    seq BIGINT NOT NULL,
    idempotency_key TEXT NOT NULL,
    at TEXT NOT NULL,
    command TEXT NOT NULL,
    effects TEXT NOT NULL,
    status TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (order_id, seq),
    UNIQUE (order_id, idempotency_key)
);

-- Issued vouchers by serial, for verifying a code at a store.
CREATE TABLE vouchers (
    deal_id TEXT NOT NULL,
    serial BIGINT NOT NULL,
    order_id TEXT NOT NULL REFERENCES orders (id),
    voucher_id TEXT NOT NULL,
    PRIMARY KEY (deal_id, serial)
);

-- Ledger lines of settlements and clawbacks, by party and time, for statements.
CREATE TABLE ledger_lines (
    effect_id TEXT NOT NULL,
    line_no BIGINT NOT NULL,
    party_id TEXT NOT NULL,
    at_micros BIGINT NOT NULL,
    line TEXT NOT NULL,
    PRIMARY KEY (effect_id, line_no)
);

CREATE INDEX ledger_lines_by_party ON ledger_lines (party_id, at_micros);
