-- What operators decided about dead letters (/admin/dead-letters). The records themselves stay on their
-- dead-letter topics, which keep them for the topic's retention; this table only remembers what was done with
-- each one, so that "replay all" skips what was replayed or discarded before.
--
-- A record is identified by its position (topic, partition, offset) and its timestamp: should a dead-letter topic
-- be deleted and re-created while this database lives on, a new record at an old position is not mistaken for
-- the old one.
CREATE TABLE dead_letter_decision (
    dead_letter_topic     TEXT        NOT NULL,
    dead_letter_partition INT         NOT NULL,
    dead_letter_offset    BIGINT      NOT NULL,
    record_timestamp      BIGINT      NOT NULL,
    status                TEXT        NOT NULL CHECK (status IN ('REPLAYED', 'DISCARDED')),
    replay_count          INT         NOT NULL DEFAULT 0 CHECK (replay_count >= 0),
    reason                TEXT,
    decided_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (dead_letter_topic, dead_letter_partition, dead_letter_offset),
    CONSTRAINT dead_letter_discard_has_reason CHECK (status <> 'DISCARDED' OR reason IS NOT NULL)
);
