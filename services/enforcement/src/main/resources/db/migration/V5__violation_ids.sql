-- Slice 5 of cases and decisions: every violation of a case has an id (kept in the case's JSON array), and a decision
-- names the violations it decides on (a JSON array of those ids, written and read whole).

update enforcement_case set violations = (
    select coalesce(jsonb_agg(v || jsonb_build_object('id', gen_random_uuid()::text) order by n), '[]'::jsonb)::text
    from jsonb_array_elements(violations::jsonb) with ordinality as e (v, n));

alter table decision add column violation_ids text not null default '[]';

-- the decisions taken so far decide on every violation of their case
update decision d set violation_ids = (
    select coalesce(jsonb_agg(v -> 'id' order by n), '[]'::jsonb)::text
    from enforcement_case c, jsonb_array_elements(c.violations::jsonb) with ordinality as e (v, n)
    where c.id = d.case_id);
