-- The address as duplicates are recognised (ignoring case), kept beside the address so that preparation finds a
-- recipient's earlier occurrence by index instead of numbering the whole audience in memory.
alter table audience_member add column address_key varchar(320);
update audience_member set address_key = lower(address);
create index audience_member_by_key on audience_member (audience_id, address_key, line_no);
