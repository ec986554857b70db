-- Each account is an event-sourced ledger: rows are only ever inserted, never updated or deleted.
-- UNIQUE (account_id, version) is the optimistic lock: a writer appends last version + 1, and losing that race
-- to a concurrent writer is a unique violation, after which it reloads and decides again.
CREATE TABLE account_event (
    id          BIGSERIAL PRIMARY KEY,
    account_id  TEXT          NOT NULL,
    version     INT           NOT NULL CHECK (version > 0),
    event_type  TEXT          NOT NULL CHECK (event_type IN ('AccountOpened', 'MoneyDeposited', 'PaymentCharged', 'PaymentRefunded')),
    amount      NUMERIC(19,2) NOT NULL CHECK (amount >= 0),
    order_id    UUID,
    payment_id  UUID,
    occurred_at TIMESTAMPTZ   NOT NULL,
    CONSTRAINT account_event_account_version UNIQUE (account_id, version),
    CONSTRAINT account_event_payment_has_order CHECK (
        (event_type IN ('PaymentCharged', 'PaymentRefunded')) = (order_id IS NOT NULL AND payment_id IS NOT NULL))
);

-- GET /payments?orderId= and "which account was this order charged to?".
CREATE INDEX account_event_order ON account_event (order_id) WHERE order_id IS NOT NULL;

-- Backstops for the saga invariants, beside the aggregate's own checks: one charge per order, one refund per charge.
CREATE UNIQUE INDEX account_event_one_charge_per_order ON account_event (order_id) WHERE event_type = 'PaymentCharged';
CREATE UNIQUE INDEX account_event_one_refund_per_order ON account_event (order_id) WHERE event_type = 'PaymentRefunded';

-- Orders cancelled before (or without) being charged, so a late InventoryReserved is refused.
CREATE TABLE cancelled_order (
    order_id     UUID        PRIMARY KEY,
    cancelled_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
