-- What the merchant sells: voucher deals (flow 1), store-order policies (flows 2-4) and
-- the promotions quotes apply. Each is stored as the core's JSON, checked by the core
-- before it is written, and never changed once an order may depend on it (orders keep
-- their own copy of the terms they were opened with).
CREATE TABLE deals (
    id TEXT PRIMARY KEY,
    deal TEXT NOT NULL,
    next_serial BIGINT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE policies (
    id TEXT PRIMARY KEY,
    flow TEXT NOT NULL,
    policy TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE promotions (
    id TEXT PRIMARY KEY,
    promotion TEXT NOT NULL,
    created_at TEXT NOT NULL
);
