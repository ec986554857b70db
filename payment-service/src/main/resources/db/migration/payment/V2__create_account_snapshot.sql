-- Snapshots of an account's state every N ledger events (ordersaga.payment.snapshot-every), so loading an account
-- replays only the events after the latest one. A cache: account_event stays the truth.
CREATE TABLE account_snapshot (
    account_id       TEXT        NOT NULL,
    version          INT         NOT NULL CHECK (version > 0),
    state            JSONB       NOT NULL,
    last_occurred_at TIMESTAMPTZ NOT NULL,
    taken_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, version)
);

-- Temporal queries (?asOf=) pick the latest snapshot taken before the instant.
CREATE INDEX account_snapshot_as_of ON account_snapshot (account_id, last_occurred_at);
