-- The inbox retention (InboxRetention) deletes rows by age, WHERE processed_at < cut-off, 5,000 at a time, every
-- few minutes. It needs an index on processed_at, or each batch reads the table from its first page.
--
-- Why a B-tree and not BRIN: BRIN is tiny and cheap while rows are only appended in time order, but a table with a
-- retention is not append-only for long. VACUUM hands the pages the retention emptied to new rows, and BRIN never
-- narrows a range's min/max: after one retention window every range claims the oldest times, and the index reads
-- the whole table, as no index would. Measured on 1,000,000 rows (InboxRetentionMeasurementIT), a pass with nothing
-- to delete read 3 pages through this index; BRIN read 5,277 pages (the emptied half of the table) after the first
-- pass and all 5,157 once new rows had reused the freed pages; no index read every page each time. processed_at
-- rises with time, so inserts go to the index's right-hand leaf; the price is about 44 bytes of index per row and
-- 60-100 bytes of WAL per handled event (BRIN's was 30-70), a small share of the handling transaction's writes.

-- Why not time partitions (drop a day's partition instead of deleting rows): a unique constraint on a partitioned
-- table must contain the partition key, so (consumer, event_id) could no longer be unique across the table, and a
-- redelivery handled on a later day would land in a new partition without conflicting with its first delivery: the
-- effect would run twice. Partitioning by the event id instead (a UUIDv7 carries its time) would keep the key, but
-- needs partitions made ahead of time and a default partition for the older random ids; batched deletes through
-- this index measured cheap enough not to need it.
CREATE INDEX inbox_processed_at ON inbox (processed_at);
