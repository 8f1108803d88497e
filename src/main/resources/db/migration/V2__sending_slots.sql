-- A log's slot (0-63) is dealt when preparation queues it, and lane L of N relays the slots L, L+N, L+2N...:
-- starting a send rewrites no log, and the number of lanes may change between preparation and sending.
alter table sending_log rename column lane to slot;

-- Logs prepared before slots existed and not sent yet: deal them over all slots.
update sending_log set slot = mod(member_id, 64)
where relay_state = 'QUEUED'
  and delivery_id in (select id from delivery where status in ('AWAITING_APPROVAL', 'AWAITING_CONFIRMATION', 'SCHEDULED'));

-- Both databases write every index of a log again whenever the log changes (H2 always, PostgreSQL because an
-- indexed column changes), and a log changes at every relay and every event: one index instead of three serves
-- the lanes, the Deployment view, the retry waves and the recount, each by equality on its leading columns.
drop index sending_log_queue;
drop index sending_log_lane_queue;
drop index sending_log_by_status;
create index sending_log_by_state on sending_log (delivery_id, status, relay_state, slot, id);
