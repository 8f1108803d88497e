-- Runs unchanged on H2 and PostgreSQL.

-- The text part of a delivery's (and a recurring delivery's) messages, a Mustache template like the HTML; null
-- derives it from each recipient's personalised HTML.
alter table delivery add column plain_text varchar(1000000);
alter table recurring_delivery add column plain_text varchar(1000000);
