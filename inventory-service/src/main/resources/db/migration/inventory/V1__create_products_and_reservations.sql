-- Stock per SKU. The balance CHECK is invariant 4 of DESIGN section 4, enforced by the database as well as by
-- the Product aggregate, so no code path (or hand-written SQL) can oversell or lose a unit.
CREATE TABLE product (
    sku           VARCHAR(64)    PRIMARY KEY,
    name          VARCHAR(200)   NOT NULL,
    unit_price    NUMERIC(19, 2) NOT NULL CHECK (unit_price > 0),
    available     BIGINT         NOT NULL CHECK (available >= 0),
    reserved      BIGINT         NOT NULL CHECK (reserved >= 0),
    shipped       BIGINT         NOT NULL CHECK (shipped >= 0),
    initial_stock BIGINT         NOT NULL CHECK (initial_stock >= 0),
    restocked     BIGINT         NOT NULL CHECK (restocked >= 0),
    version       BIGINT         NOT NULL,
    CONSTRAINT product_stock_balances CHECK (initial_stock + restocked = available + reserved + shipped)
);

-- One row per order that inventory has heard of. Besides live reservations it keeps the terminal outcomes
-- (REJECTED, and RELEASED tombstones of orders cancelled before they were placed here), so a late or repeated
-- OrderPlaced for the same order reserves nothing.
CREATE TABLE reservation (
    order_id         UUID         PRIMARY KEY,
    customer_id      VARCHAR(255) NOT NULL,
    status           VARCHAR(16)  NOT NULL CHECK (status IN ('RESERVED', 'RELEASED', 'SHIPPED', 'REJECTED')),
    rejection_reason VARCHAR(32)  CHECK ((status = 'REJECTED') = (rejection_reason IS NOT NULL)),
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    version          BIGINT       NOT NULL
);

CREATE TABLE reservation_line (
    order_id   UUID           NOT NULL REFERENCES reservation (order_id),
    line_no    INT            NOT NULL,
    sku        VARCHAR(64)    NOT NULL REFERENCES product (sku),
    quantity   INT            NOT NULL CHECK (quantity > 0),
    unit_price NUMERIC(19, 2) NOT NULL CHECK (unit_price > 0),
    PRIMARY KEY (order_id, line_no),
    UNIQUE (order_id, sku)
);

CREATE INDEX reservation_line_sku ON reservation_line (sku);
