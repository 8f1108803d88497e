-- An MTA may report a message before the lane that relayed it has recorded the relay. Such an event is kept in
-- mta_event as PARKED and in kept_event under its log; the log's flag tells the relay's record, which locks the log
-- anyway, that it has events to apply, so that a relay without any reads nothing more.
alter table sending_log add column parked_events boolean default false not null;

-- Events are keyed by the first 128 bits of their digest, a UUID, which both databases compare as two numbers instead
-- of 64 characters; nothing looks events up by Message-ID any more, so that index goes, and each event received
-- writes two index entries fewer.
alter table mta_event rename to mta_event_v3;
create table mta_event (
    event_id     uuid         not null,
    message_id   varchar(255) not null,
    type         varchar(16)  not null,
    smtp_status  varchar(32),
    diagnostic   varchar(1000),
    occurred_at  timestamp with time zone not null,
    received_at  timestamp with time zone not null,
    outcome      varchar(16)  not null,
    constraint mta_event_key primary key (event_id)
);
insert into mta_event (event_id, message_id, type, smtp_status, diagnostic, occurred_at, received_at, outcome)
select cast(substring(event_key, 1, 8) || '-' || substring(event_key, 9, 4) || '-' || substring(event_key, 13, 4) || '-'
         || substring(event_key, 17, 4) || '-' || substring(event_key, 21, 12) as uuid),
       message_id, type, smtp_status, diagnostic, occurred_at, received_at, outcome
from mta_event_v3;
drop table mta_event_v3;

-- Events that changed nothing yet are kept apart as well, so that an operator finds them without reading every
-- event: those parked under the log they wait for, and those about a Message-ID no log has (log_id null).
create table kept_event (
    event_id  uuid   not null,
    log_id    bigint,
    constraint kept_event_key primary key (event_id)
);
create index kept_event_by_log on kept_event (log_id);
