-- A dead letter's id in the API is a random UUID (api-specs/common/dead-letters.yaml), not its position: ids that
-- can be counted are what the OWASP API rule owasp:api1:2023-no-numeric-ids forbids in every document the gateway
-- serves. The position (id) stays the order of parking and the list's keyset.
alter table event_dead_letter add column letter_id uuid not null default gen_random_uuid();
create unique index event_dead_letter_letter_id on event_dead_letter (letter_id);
