-- The service's audit log (DESIGN §5), the same table in every service's own database; shipped in the
-- ecogov-runtime jar and run by the service's Flyway (location db/ecogov-runtime, services/runtime's shared
-- configuration). org.ecogov.runtime.audit.AuditLog appends to it, lists it and verifies it.
--
-- Append-only and hash-chained: the triggers stop the service (and anyone not deliberately bypassing them)
-- from changing history; the hash chain detects those who do.
create table audit_entry (
    sequence      bigint       primary key,
    occurred_at   timestamptz  not null,
    actor_subject varchar(200) not null,
    actor_agency  varchar(32),
    client_id     varchar(200),
    action        varchar(60)  not null,
    entity_type   varchar(20)  not null,
    entity_id     varchar(64)  not null,
    before_digest char(64),
    after_digest  char(64),
    reason        varchar(500),
    previous_hash char(64)     not null,
    hash          char(64)     not null
);
create index audit_entry_entity on audit_entry (entity_type, entity_id, sequence);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end;
$$;
create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
