-- Slice 3: the states after intake (services/complaints/README.md, "States")
alter table complaint
    add column reason        varchar(500),
    add column redirect_to   varchar(500),
    add column findings      varchar(2000),
    add column resolved_at   timestamptz,
    add column rating        smallint check (rating between 1 and 5),
    add column closed_at     timestamptz,
    add column reopen_count  integer not null default 0,
    add column extended_days integer not null default 0;
