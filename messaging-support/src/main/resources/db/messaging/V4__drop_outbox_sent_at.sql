-- Delete-on-send: the relay deletes a row once the broker has acknowledged it (in the statement that reads its next
-- batch), instead of marking it sent and purging it later. The table now holds only rows still to send, so the
-- relay reads it by its primary key, and neither the mark, its index, nor the partial index of unsent rows is needed.
-- Rows marked sent before this migration are sent already; they go now instead of at the next purge.
DELETE FROM outbox WHERE sent_at IS NOT NULL;
DROP INDEX outbox_unsent;
DROP INDEX outbox_sent_at;
ALTER TABLE outbox DROP COLUMN sent_at;
