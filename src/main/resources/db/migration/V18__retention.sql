-- Runs unchanged on H2 and PostgreSQL.

-- The cleanup process purges what each retention period lets go: a delivery keeps its row, its KPI counters and its
-- exclusion counts, and says since when its logs are gone; an audience keeps its row and says since when its
-- recipients are gone.
alter table delivery add column logs_purged_at timestamp with time zone;
alter table audience add column members_purged_at timestamp with time zone;

-- A purged delivery's exclusion counts by reason, taken before its exclusion logs go.
create table exclusion_count (
    delivery_id  varchar(36)  not null references delivery (id),
    reason       varchar(20)  not null,
    recipients   integer      not null,
    constraint exclusion_count_key primary key (delivery_id, reason)
);

-- One row per cleanup run, with what it purged so far. running is 1 while the run is under way and null after: the
-- unique index lets one run at a time begin in the whole cluster.
create table cleanup_run (
    id                 varchar(36)  primary key,
    started_by         varchar(64)  not null,
    started_at         timestamp with time zone not null,
    finished_at        timestamp with time zone,
    running            integer,
    batches            integer      not null default 0,
    deliveries         integer      not null default 0,
    sending_logs       bigint       not null default 0,
    mta_events         bigint       not null default 0,
    exclusions         bigint       not null default 0,
    tracking_hits      bigint       not null default 0,
    inbound_reports    bigint       not null default 0,
    audiences          integer      not null default 0,
    audience_members   bigint       not null default 0
);
create unique index cleanup_run_one_at_a_time on cleanup_run (running);
create index cleanup_run_by_time on cleanup_run (started_at, id);

-- The purge of tracking hits reads them by time.
create index tracking_hit_by_time on tracking_hit (at);
