-- A log whose message is settled (delivered, hard-bounced or expired) keeps relay_state RELAYED and says so in a
-- column of its own, outside the state index: the event that settles most messages, a delivery, then changes no
-- indexed column, so neither database rewrites an index entry for it (PostgreSQL updates the row in place).
alter table sending_log add column settled boolean default false not null;
update sending_log set relay_state = 'RELAYED', settled = true where relay_state = 'DONE';
