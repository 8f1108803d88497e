-- H2 keeps plain tables: the cleanup process deletes their rows in batches. The columns that key PostgreSQL's
-- partitions (V20 there) exist here too, so that every statement runs unchanged on both databases.

-- When the delivery's logs were queued: every log of a delivery carries the same time, its preparation's.
alter table delivery add column logs_queued_at timestamp with time zone;
alter table sending_log add column queued_at timestamp with time zone;
-- The queue time of the log an event is about; null for an event about no log.
alter table mta_event add column log_queued_at timestamp with time zone;
