-- CQRS read models, built by the projection in io.ordersaga.order.view from the four saga topics with a consumer
-- group of their own (order-service-views). They are never written by the write side and can be rebuilt from
-- offset 0: the rebuild copies these definitions into schema views_rebuild, replays into it, then swaps schemas.

CREATE SCHEMA views;

-- Order Summary: status, total, and each step's timestamp. customer_id is null until OrderPlaced is seen (events of
-- one order travel on different topics and may arrive in any order).
CREATE TABLE views.order_summary (
    order_id              UUID          PRIMARY KEY,
    customer_id           TEXT,
    status                TEXT          NOT NULL,
    cancellation_reason   TEXT,
    total_amount          NUMERIC(19,2),
    currency              TEXT,
    refunded_amount       NUMERIC(19,2) NOT NULL DEFAULT 0,
    item_count            INT,
    placed_at             TIMESTAMPTZ,
    reserved_at           TIMESTAMPTZ,
    paid_at               TIMESTAMPTZ,
    shipment_scheduled_at TIMESTAMPTZ,
    completed_at          TIMESTAMPTZ,
    cancelled_at          TIMESTAMPTZ,
    released_at           TIMESTAMPTZ,
    refunded_at           TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ   NOT NULL
);

-- Customer Orders: newest first, and counts by status.
CREATE INDEX order_summary_customer ON views.order_summary (customer_id, placed_at DESC, order_id);

-- Daily Revenue of completed orders per UTC day, net of refunds.
CREATE TABLE views.daily_revenue (
    day              DATE          PRIMARY KEY,
    revenue          NUMERIC(19,2) NOT NULL DEFAULT 0,
    refunds          NUMERIC(19,2) NOT NULL DEFAULT 0,
    completed_orders INT           NOT NULL DEFAULT 0
);

-- The position the views reflect: the next offset to apply per topic partition, written in the same transaction
-- as the change an event makes. A record below it was applied already (exactly-once projection).
CREATE TABLE views.position (
    topic       TEXT   NOT NULL,
    partition   INT    NOT NULL,
    next_offset BIGINT NOT NULL,
    PRIMARY KEY (topic, partition)
);
