-- Random inspection plans ("double random, one public", issue 12) and the inspections their draw makes.

create table inspection_plan (
    id                 uuid          primary key,
    title              varchar(200)  not null,
    -- the agency that owns the plan (its officers and leads see the assignments before the inspections start)
    agency             varchar(64)   not null,
    jurisdiction       varchar(12)   not null,
    period_start       date          not null,
    period_end         date          not null check (period_end >= period_start),
    key_monitored_only boolean       not null,
    sampling_ratio     numeric(5, 4) not null check (sampling_ratio > 0 and sampling_ratio <= 1),
    -- the inspector pool, a JSON array of usernames, sorted
    inspectors         text          not null,
    status             varchar(10)   not null check (status in ('defined', 'drawn', 'closed')),
    -- the draw, once made: the algorithm's version, the seed (SecureRandom) and its SHA-256, the inputs as used
    algorithm_version  integer,
    seed               bigint,
    seed_sha256        char(64),
    pool               text,
    always_included    text,
    rules_applied      text,
    drawn_at           timestamptz,
    closed_at          timestamptz,
    version            bigint        not null,
    created_at         timestamptz   not null,
    created_by         varchar(200)  not null,
    updated_at         timestamptz   not null,
    updated_by         varchar(200)  not null,
    check ((status = 'defined') = (seed is null)),
    check ((seed is null) = (seed_sha256 is null) and (seed is null) = (drawn_at is null)),
    check ((status = 'closed') = (closed_at is not null))
);
create index inspection_plan_jurisdiction on inspection_plan (jurisdiction varchar_pattern_ops);

-- a drawn inspection names its plan, and the plan's agency, which alone sees it before it starts
alter table inspection add column plan_id uuid references inspection_plan (id);
alter table inspection add column plan_agency varchar(64);
alter table inspection add check ((plan_id is null) = (plan_agency is null));
alter table inspection add check (plan_id is null or kind = 'random');
create index inspection_plan_member on inspection (plan_id) where plan_id is not null;
-- "violations in the last year": cases by enterprise and time
create index enforcement_case_enterprise on enforcement_case (enterprise_uscc, created_at);
