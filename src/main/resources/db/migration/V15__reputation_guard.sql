-- Runs unchanged on H2 and PostgreSQL.

-- A delivery's own limits for the reputation guard (null: delivery.guard.*'s), and whether a starter resumed it:
-- from then on the guard leaves it alone, the decision was theirs.
alter table delivery add column guard_minimum_sample integer;
alter table delivery add column guard_max_hard_bounce_rate double precision;
alter table delivery add column guard_max_complaint_rate double precision;
alter table delivery add column guard_released boolean default false not null;
