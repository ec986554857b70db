-- The W3C traceparent of the span that wrote the row (NULL when it was written outside any trace). The relay sends
-- the row's record inside that trace, so one order's saga stays one connected trace although the outbox sits
-- between the transaction that wrote an event and the moment it is sent.
ALTER TABLE outbox ADD COLUMN trace_parent TEXT;
