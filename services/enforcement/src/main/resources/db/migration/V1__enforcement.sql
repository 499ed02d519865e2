-- The enforcement service's own database. No other service reads these tables; they get the data over REST.

-- What the service knows of the registry's enterprises: the facts an inspection needs (where it lies, for the data
-- scope and the location check; whether it is key-monitored, for random plans). A copy, refreshed from the registry
-- with the service's own identity (EnterpriseCopyRefresh); the registry stays the golden record.
create table enterprise_copy (
    uscc          char(18)         primary key,
    name          varchar(200)     not null,
    division_code varchar(12)      not null,
    latitude      double precision check (latitude between -90 and 90),
    longitude     double precision check (longitude between -180 and 180),
    key_monitored boolean          not null,
    status        varchar(10)      not null,
    refreshed_at  timestamptz      not null
);
create index enterprise_copy_division on enterprise_copy (division_code varchar_pattern_ops);

-- One counter every change of an inspection takes a number from, under its row lock: changes commit in the order
-- of their numbers, so the inspector's changes feed (change_seq > since) never skips one that commits late.
create table inspection_change_counter (
    id    smallint primary key check (id = 1),
    value bigint   not null
);
insert into inspection_change_counter (id, value) values (1, 0);

create table inspection (
    id             uuid             primary key,
    kind           varchar(20)      not null
        check (kind in ('routine', 'random', 'complaint-driven', 'exceedance-driven', 'follow-up')),
    enterprise_uscc char(18)        not null references enterprise_copy (uscc),
    enterprise_name varchar(200)    not null,
    division_code  varchar(12)      not null,
    scheduled_for  date,
    complaint_id   varchar(64),
    exceedance_id  varchar(64),
    decision_id    varchar(64),
    status         varchar(20)      not null check (status in ('assigned', 'on-site', 'completed')),
    arrived_at     timestamptz,
    left_at        timestamptz,
    latitude       double precision check (latitude between -90 and 90),
    longitude      double precision check (longitude between -180 and 180),
    distance_metres bigint,
    distance_warning boolean,
    distance_threshold_metres integer,
    -- JSON arrays written and read whole by the service (never queried inside)
    checklist      text             not null default '[]',
    findings       text             not null default '[]',
    change_seq     bigint           not null unique,
    version        bigint           not null,
    created_at     timestamptz      not null,
    created_by     varchar(200)     not null,
    updated_at     timestamptz      not null,
    updated_by     varchar(200)     not null,
    check ((kind = 'complaint-driven') = (complaint_id is not null)),
    check ((kind = 'exceedance-driven') = (exceedance_id is not null)),
    check ((kind = 'follow-up') = (decision_id is not null))
);
create index inspection_division on inspection (division_code varchar_pattern_ops);
create index inspection_enterprise on inspection (enterprise_uscc);
create index inspection_newest on inspection (created_at desc, id desc);

-- The inspectors assigned to an inspection: what an inspector sees, and whose changes feed lists it.
create table inspection_inspector (
    inspection_id uuid         not null references inspection (id),
    username      varchar(100) not null,
    primary key (inspection_id, username)
);
create index inspection_inspector_username on inspection_inspector (username, inspection_id);
