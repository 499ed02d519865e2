-- Slice 4: transfers between agencies, the receiver's answer, and escalation to the parent jurisdiction's lead agency

-- a transfer asked by the owner and answered by the receiver; the complaint keeps its owner until the receiver accepts
create table transfer (
    id              uuid          primary key,
    complaint_id    uuid          not null references complaint (id),
    from_agency     varchar(32)   not null,
    to_agency       varchar(32)   not null,
    reason          varchar(500)  not null,
    requested_at    timestamptz   not null,
    requested_by    varchar(200)  not null,
    status          varchar(10)   not null check (status in ('pending', 'accepted', 'refused')),
    answered_at     timestamptz,
    answered_by     varchar(200),
    answer_reason   varchar(500)
);
create index transfer_complaint on transfer (complaint_id, requested_at);
-- at most one transfer waits for an answer per complaint
create unique index transfer_one_pending on transfer (complaint_id) where status = 'pending';

alter table complaint
    -- transfers accepted so far; at complaints.escalation.after-transfers the complaint escalates
    add column transfer_count        integer     not null default 0,
    -- the agency a pending transfer waits for (it may see the complaint meanwhile)
    add column pending_transfer_to   varchar(32),
    -- set when the transfer count has caused its escalation, so it causes exactly one
    add column transfers_escalated   boolean     not null default false,
    add column escalation_count      integer     not null default 0;
