-- The join of an order's facts. A row appears with the first event shipping sees for the order (OrderPlaced,
-- PaymentCompleted or OrderCancelled), so every column but the key is optional; its row lock serialises the
-- handlers of one order (see ShippingOrderRepository.lockOrCreate).
CREATE TABLE shipping_order (
    order_id       UUID PRIMARY KEY,
    -- from OrderPlaced: what and where
    customer_id    TEXT,
    recipient_name TEXT,
    street         TEXT,
    city           TEXT,
    postal_code    TEXT,
    country        TEXT,
    placed_at      TIMESTAMPTZ,
    -- from PaymentCompleted: go
    payment_id     UUID,
    paid_at        TIMESTAMPTZ,
    -- from OrderCancelled: never ship
    cancelled_at   TIMESTAMPTZ,
    shipment_id    UUID,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT shipping_order_placed_whole CHECK (
        (placed_at IS NULL AND customer_id IS NULL AND country IS NULL)
        OR (placed_at IS NOT NULL AND customer_id IS NOT NULL AND country IS NOT NULL)),
    CONSTRAINT shipping_order_paid_whole CHECK ((paid_at IS NULL) = (payment_id IS NULL)),
    CONSTRAINT shipping_order_ships_only_when_joined CHECK (
        shipment_id IS NULL OR (placed_at IS NOT NULL AND paid_at IS NOT NULL))
);

CREATE TABLE shipping_order_item (
    order_id UUID    NOT NULL REFERENCES shipping_order (order_id),
    line_no  INTEGER NOT NULL,
    sku      TEXT    NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE shipment (
    shipment_id     UUID PRIMARY KEY,
    -- one shipment per order, whatever happens to the join
    order_id        UUID        NOT NULL UNIQUE REFERENCES shipping_order (order_id),
    status          TEXT        NOT NULL CHECK (status IN ('SCHEDULED', 'FAILED', 'CANCELLED')),
    tracking_number TEXT UNIQUE,
    country         TEXT        NOT NULL,
    failure_reason  TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    version         BIGINT      NOT NULL,
    CONSTRAINT shipment_failed_has_reason CHECK ((status = 'FAILED') = (failure_reason IS NOT NULL)),
    CONSTRAINT shipment_shipped_has_tracking CHECK (status = 'FAILED' OR tracking_number IS NOT NULL)
);

CREATE INDEX shipment_status_created_idx ON shipment (status, created_at);
