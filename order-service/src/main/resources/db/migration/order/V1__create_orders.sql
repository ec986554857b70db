CREATE TABLE orders (
    order_id            UUID           PRIMARY KEY,
    customer_id         VARCHAR(64)    NOT NULL,
    status              VARCHAR(32)    NOT NULL,
    cancellation_reason VARCHAR(32),
    ship_to_name        VARCHAR(200)   NOT NULL,
    ship_to_street      VARCHAR(200)   NOT NULL,
    ship_to_city        VARCHAR(200)   NOT NULL,
    ship_to_postal_code VARCHAR(32)    NOT NULL,
    ship_to_country     VARCHAR(2)     NOT NULL,
    total_amount        NUMERIC(19, 2),
    currency            VARCHAR(3),
    correlation_id      VARCHAR(128)   NOT NULL,
    created_at          TIMESTAMPTZ    NOT NULL,
    updated_at          TIMESTAMPTZ    NOT NULL,
    version             BIGINT         NOT NULL,
    CONSTRAINT orders_status_check CHECK (status IN ('PENDING', 'INVENTORY_RESERVED', 'PAID', 'COMPLETED', 'CANCELLED')),
    CONSTRAINT orders_cancelled_has_reason CHECK ((status = 'CANCELLED') = (cancellation_reason IS NOT NULL))
);

-- GET /orders lists newest first, optionally filtered by customer or status.
CREATE INDEX orders_created_at ON orders (created_at DESC, order_id);
CREATE INDEX orders_customer_created_at ON orders (customer_id, created_at DESC);
CREATE INDEX orders_status_created_at ON orders (status, created_at DESC);

CREATE TABLE order_lines (
    order_id   UUID          NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
    line_no    INT           NOT NULL,
    sku        VARCHAR(64)   NOT NULL,
    quantity   INT           NOT NULL CHECK (quantity > 0),
    unit_price NUMERIC(19, 2),
    PRIMARY KEY (order_id, line_no)
);
