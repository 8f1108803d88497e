-- Runs unchanged on H2 and PostgreSQL.

-- When a delivery was paused (null while it is not): resuming moves valid_until on by the time it stood still.
alter table delivery add column paused_at timestamp with time zone;
