-- The order timeline: a read model of every event of every order on the four saga topics, written by the
-- timeline's own consumer group (order-service-timeline). One row per event id, so a redelivery adds nothing.
-- No foreign key to orders: the topics are the source of truth here, and they may mention orders this service
-- does not know.
CREATE TABLE timeline_event (
    event_id       UUID         PRIMARY KEY,
    order_id       UUID         NOT NULL,
    event_type     VARCHAR(64)  NOT NULL,
    source         VARCHAR(128) NOT NULL,
    causation_id   VARCHAR(255) NOT NULL,
    correlation_id VARCHAR(255) NOT NULL,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL
);

CREATE INDEX timeline_event_order ON timeline_event (order_id, occurred_at);
