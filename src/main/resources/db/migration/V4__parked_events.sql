-- An MTA may report a message before the lane that relayed it has recorded the relay: such events are kept in
-- mta_event as PARKED, and the flag tells the relay's record, which locks the log anyway, that it has some to apply.
alter table sending_log add column parked_events boolean default false not null;
