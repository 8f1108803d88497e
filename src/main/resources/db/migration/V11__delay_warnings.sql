-- A warning that the MTA still holds a message (a DSN's "Action: delayed", a provider's "deferred") changes neither
-- the log's status nor its place in the retry waves; the log keeps the latest one and how many came, so that its
-- history, the Deployment page and the recipient's history show why the message is late.
alter table sending_log add column delay_warnings integer default 0 not null;
alter table sending_log add column delayed_at timestamp with time zone;
alter table sending_log add column delay_notice varchar(1000);
