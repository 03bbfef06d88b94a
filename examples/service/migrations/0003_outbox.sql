-- Every effect of every applied command, written in the same transaction as the event and
-- the snapshot. The worker delivers each at least once under its own id
-- ("{order_id}/{seq}/{index}") and then marks it delivered; a consumer de-duplicates by id.
CREATE TABLE outbox (
    effect_id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id),
    seq BIGINT NOT NULL,
    idx BIGINT NOT NULL,
    kind TEXT NOT NULL,
    effect_type TEXT NOT NULL,
    effect TEXT NOT NULL,
    enqueued_micros BIGINT NOT NULL,
    delivered_at TEXT
);

CREATE INDEX outbox_pending ON outbox (enqueued_micros, effect_id) WHERE delivered_at IS NULL;
