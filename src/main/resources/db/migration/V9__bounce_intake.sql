-- Runs unchanged on H2 and PostgreSQL.

-- Reports that mail systems send back, by whichever door they came (POST /api/mta/dsn, the bounce mailbox):
-- delivery status notifications, abuse reports, auto-replies. The id is the SHA-256 of the raw message, so a
-- report read twice (a mailbox read again after a crash) is recorded, and its events applied, once.
create table inbound_report (
    id           varchar(64)  primary key,
    source       varchar(20)  not null,
    kind         varchar(20)  not null,
    outcome      varchar(20)  not null,
    events       integer      not null,
    message_id   varchar(255),
    detail       varchar(1000),
    received_at  timestamp with time zone not null
);
create index inbound_report_by_time on inbound_report (received_at, id);

-- The key that signs VERP envelope senders, shared by every node (unless delivery.bounce.secret gives one).
create table bounce_key (
    id          integer      primary key,
    secret      varchar(100) not null,
    created_at  timestamp with time zone not null
);

-- Which node reads the bounce mailbox this tick: a node takes the lease when it has run out.
create table bounce_mailbox_lease (
    id          integer      primary key,
    holder      varchar(255) not null,
    lease_until timestamp with time zone not null
);

-- What providers' webhooks and DSNs give as the SMTP status ("250 ok:  Message 64111812 accepted") is longer than
-- a bare "550 5.1.1": the column takes the 64 characters POST /api/mta/events always accepted.
alter table mta_event alter column smtp_status set data type varchar(64);
