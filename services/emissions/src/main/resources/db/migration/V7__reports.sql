-- Self-monitoring reports (issue 10): one row per version of the report of an outlet, pollutant and period. A
-- version is a draft until submitted; a submitted one never changes again except by the decision (accepted or
-- returned with reasons); it is corrected by the next version, a new row, and stays as it was.
create table report (
    id              uuid          primary key,
    uscc            char(18)      not null,
    outlet_code     varchar(5)    not null,
    pollutant       varchar(6)    not null,
    period_kind     varchar(7)    not null check (period_kind in ('month', 'quarter', 'year')),
    period_start    date          not null,
    period_end      date          not null,
    version         integer       not null check (version >= 1),
    corrects        uuid          references report (id),
    status          varchar(9)    not null check (status in ('draft', 'submitted', 'accepted', 'returned')),
    unit            varchar(10)   not null,
    measured_values text          not null,    -- JSON: [{sampledAt, value, method, lab}]
    due_at          timestamptz   not null,
    late            boolean       not null default false,
    created_at      timestamptz   not null,
    created_by      varchar(200)  not null,
    submitted_at    timestamptz,
    decided_at      timestamptz,
    decided_by      varchar(200),
    return_reasons  text,                        -- JSON: ["..."]
    unique (uscc, outlet_code, pollutant, period_kind, period_start, version)
);
create index report_by_enterprise on report (uscc, period_start desc);
