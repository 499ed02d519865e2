-- A draft version can be changed until it is submitted: its revision is the ETag an edit must send back as If-Match.
alter table report add column revision integer not null default 1 check (revision >= 1);
-- The list's keyset order: newest period first, then outlet, pollutant and period kind.
create index report_list_order on report (uscc, period_start desc, outlet_code, pollutant, period_kind, version desc);
