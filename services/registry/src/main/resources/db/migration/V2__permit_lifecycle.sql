-- Permits are amended and revoked (issue 9): a revoked permit keeps its row, with when and why, and is in force on
-- no day; every version of a permit is kept, as enterprises' are.

alter table permit
    add column status            varchar(10)  not null default 'active' check (status in ('active', 'revoked')),
    add column revoked_at        timestamptz,
    add column revocation_reason varchar(500),
    add constraint permit_revocation_complete
        check ((status = 'revoked') = (revoked_at is not null and revocation_reason is not null));

-- every version of every permit, as it stood after that change (repository/PermitSnapshots reads the snapshot)
create table permit_version (
    permit_number varchar(22)  not null references permit (number),
    version       bigint       not null,
    action        varchar(20)  not null check (action in ('recorded', 'amended', 'revoked')),
    changed_at    timestamptz  not null,
    changed_by    varchar(200) not null,
    reason        varchar(500),
    snapshot      text         not null,
    primary key (permit_number, version)
);

-- the permits recorded before: until now a permit could not change, so each stands at its first version
-- (PermitLifecycleTest runs this statement again on a permit without history)
insert into permit_version (permit_number, version, action, changed_at, changed_by, reason, snapshot)
select p.number, p.version, 'recorded', p.created_at, p.created_by, null,
       json_build_object(
           'form', 1,
           'number', p.number,
           'enterpriseUscc', p.enterprise_uscc,
           'managementClass', p.management_class,
           'validFrom', to_char(p.valid_from, 'YYYY-MM-DD'),
           'validTo', to_char(p.valid_to, 'YYYY-MM-DD'),
           'issuingAgency', p.issuing_agency,
           'outletCodes', coalesce((select json_agg(o.code order by o.code)
                                    from permit_outlet po join outlet o on o.id = po.outlet_id
                                    where po.permit_number = p.number), '[]'::json),
           'status', p.status,
           'version', p.version,
           'createdAt', to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'createdBy', p.created_by,
           'updatedAt', to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'updatedBy', p.updated_by)::text
from permit p
where not exists (select 1 from permit_version v where v.permit_number = p.number);
