-- Runs unchanged on H2 and PostgreSQL.

-- A recurring delivery: the fields every occurrence copies, and its schedule. next_run is when the process's timer
-- creates the next occurrence (null once the schedule ended or was cancelled).
create table recurring_delivery (
    id                      varchar(36)   primary key,
    label                   varchar(255)  not null,
    sender                  varchar(320)  not null,
    subject                 varchar(998)  not null,
    html                    varchar(1000000) not null,
    audience_id             varchar(36)   not null references audience (id),
    email_feedback_service  boolean       not null,
    approval_mode           varchar(20)   not null,
    validity_period         varchar(40)   not null,
    retry_period            varchar(40)   not null,
    schedule                varchar(200)  not null,
    time_zone               varchar(64)   not null,
    until                   timestamp with time zone,
    aggregation_period      varchar(40),
    confirm_before_send     boolean       not null,
    status                  varchar(20)   not null,
    first_run               timestamp with time zone,
    next_run                timestamp with time zone,
    created_by              varchar(64)   not null,
    created_at              timestamp with time zone not null,
    updated_at              timestamp with time zone not null,
    cancelled_by            varchar(64)
);
create index recurring_delivery_by_created on recurring_delivery (created_at);

-- An occurrence is an ordinary delivery that names its recurring delivery, the date it was due, and the start of
-- its aggregation period (occurrences of one period are reported together). status_reason says why a delivery
-- ended as it did where the status alone does not (skipped, cancelled).
alter table delivery add column recurring_id varchar(36);
alter table delivery add column due_at timestamp with time zone;
alter table delivery add column period_start timestamp with time zone;
alter table delivery add column status_reason varchar(1000);
alter table delivery add constraint delivery_recurring_fk foreign key (recurring_id) references recurring_delivery (id);
create unique index delivery_by_recurring on delivery (recurring_id, due_at);
