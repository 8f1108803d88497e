-- Runs unchanged on H2 and PostgreSQL.

-- When the recipient reported the message as spam (the first report; null without one), and the delivery's count
-- of such logs: complaints / delivered is the rate mailbox providers judge a bulk sender by.
alter table sending_log add column complained_at timestamp with time zone;
alter table delivery_kpi add column complaints integer not null default 0;

-- Logs that failed for good on a hard bounce: with the relayed, the rate a burst of unknown users shows in.
alter table delivery_kpi add column hard_bounces integer not null default 0;
