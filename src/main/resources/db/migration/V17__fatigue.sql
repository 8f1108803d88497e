-- Runs unchanged on H2 and PostgreSQL.

-- The fatigue rule counts, for each recipient of a delivery being prepared, the messages its address was relayed
-- within the period, one index range each. The recipient's history read this index by its first column already:
-- widened rather than doubled, sending_log keeps as many indexes as before (each one is written again at every
-- relay, see V2).
drop index sending_log_by_recipient;
create index sending_log_by_recipient on sending_log (recipient, relayed_at);

-- What each address was sent (relayed_at set) and is still to be sent (relayed_at null: queued, never relayed),
-- in the address's one form (domain in lower case, as quarantine keeps it). Published by sendinglog so that
-- preparation's fatigue rule reads the messages without reading sending_log's columns, which stay sendinglog's
-- own. A message that failed reached nobody and does not count.
create view address_message as
select recipient as address, delivery_id, relayed_at
from sending_log
where status <> 'FAILED' and (relayed_at is not null or relay_state = 'QUEUED');
