-- PostgreSQL (H2's twin is in db/vendor/h2).

-- Compute stats recounts a delivery's complaints: without an index that holds them, that count read every log of the
-- delivery (2 times a plain count of a million logs). Partial: only the logs complained of have an entry, so the
-- updates of every other log (each event, each relay) write nothing more than before.
create index sending_log_complaints on sending_log (delivery_id, complained_at) where complained_at is not null;
