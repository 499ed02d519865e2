-- Cases with their violations, and the decisions taken in them (issue 12, "Cases and decisions").

alter table inspection add column rectification_finding varchar(12)
    check (rectification_finding in ('corrected', 'continuing'));
alter table inspection add check (rectification_finding is null or kind = 'follow-up');

create table enforcement_case (
    id              uuid         primary key,
    enterprise_uscc char(18)     not null references enterprise_copy (uscc),
    enterprise_name varchar(200) not null,
    division_code   varchar(12)  not null,
    inspection_id   uuid         references inspection (id),
    status          varchar(10)  not null check (status in ('open', 'closed')),
    closing_note    varchar(2000),
    -- the violations (legal basis, description, pollutant, outlet, evidence), a JSON array written and read whole
    violations      text         not null,
    version         bigint       not null,
    created_at      timestamptz  not null,
    created_by      varchar(200) not null,
    updated_at      timestamptz  not null,
    updated_by      varchar(200) not null
);
create index enforcement_case_division on enforcement_case (division_code varchar_pattern_ops);
create index enforcement_case_newest on enforcement_case (created_at desc, id desc);

create table decision (
    id                      uuid          primary key,
    case_id                 uuid          not null references enforcement_case (id),
    kind                    varchar(30)   not null check (kind in ('warning', 'rectification-order', 'fine',
        'daily-continuing-penalty', 'production-restriction', 'production-suspension', 'seal-up', 'police-referral')),
    status                  varchar(10)   not null check (status in ('proposed', 'approved', 'issued', 'executed', 'closed')),
    description             varchar(2000) not null,
    -- exact CNY: a fine's amount, a penalty's total
    amount                  numeric(17, 2) check (amount > 0),
    rectification_deadline  date,
    fine_decision_id        uuid          references decision (id),
    -- a daily continuing penalty: the order it enforces, the follow-up that found the violation continuing, its count
    rectification_order_id  uuid          references decision (id),
    follow_up_inspection_id uuid          references inspection (id),
    penalty_served_on       date,
    penalty_from            date,
    penalty_to              date,
    penalty_days            integer       check (penalty_days > 0),
    penalty_per_day         numeric(17, 2),
    approved_at             timestamptz,
    approved_by             varchar(200),
    served_on               date,
    outcome_reason          varchar(500),
    version                 bigint        not null,
    created_at              timestamptz   not null,
    created_by              varchar(200)  not null,
    updated_at              timestamptz   not null,
    updated_by              varchar(200)  not null,
    check (kind <> 'fine' or amount is not null),
    check ((kind = 'daily-continuing-penalty') = (penalty_days is not null)),
    check (kind <> 'daily-continuing-penalty' or amount is not null and rectification_order_id is not null),
    check ((kind = 'rectification-order') = (rectification_deadline is not null)),
    check (status in ('proposed', 'closed') or approved_at is not null),
    check (status not in ('issued', 'executed') or served_on is not null)
);
create index decision_case on decision (case_id);
create index decision_rectification_order on decision (rectification_order_id);
