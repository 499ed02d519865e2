-- A drawn inspection's audit fingerprints include a random salt kept here only, so that the audit log's digests of
-- its state (enterprise, inspectors, all else guessable from the published draw) cannot be matched by trying each
-- enterprise of the published pool with each pair before the inspection starts. Inspections drawn before this
-- migration keep none (their first entries were fingerprinted without it).
alter table inspection add column draw_salt char(32);
alter table inspection add check (draw_salt is null or plan_id is not null);
