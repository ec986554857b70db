CREATE TABLE handled (
    event_id    UUID NOT NULL,
    order_id    UUID NOT NULL,
    customer_id TEXT NOT NULL
);
