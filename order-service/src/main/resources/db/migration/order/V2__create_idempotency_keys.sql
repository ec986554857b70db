-- POST /orders with an Idempotency-Key header: the key, a fingerprint of the request it first came with, and the
-- order that request created. The primary key makes concurrent retries of one key create one order: a second
-- insert of the key waits for the first transaction, then finds its row and answers with its order.
-- The order row is written after the key row in the same transaction, hence the deferred foreign key.
CREATE TABLE idempotency_key (
    idempotency_key     VARCHAR(255) PRIMARY KEY,
    request_fingerprint VARCHAR(64)  NOT NULL,
    order_id            UUID         NOT NULL UNIQUE REFERENCES orders (order_id) DEFERRABLE INITIALLY DEFERRED,
    created_at          TIMESTAMPTZ  NOT NULL
);
