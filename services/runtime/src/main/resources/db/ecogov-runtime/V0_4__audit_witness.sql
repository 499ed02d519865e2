-- This party as the witness of the other parties' audit chains (services/runtime, AuditWitness): the signed
-- checkpoints they publish, one per entry they append, kept where their own databases cannot reach. The first
-- checkpoint of a sequence number is kept; one with another hash later is refused by the witness (and logged).
-- Append-only like audit_entry: the party's own database role cannot change or remove what it witnessed.
create table audit_witness_checkpoint (
    chain        varchar(40)  not null,
    sequence     bigint       not null,
    hash         char(64)     not null,
    signature    text         not null,
    event_id     text,
    received_at  timestamptz  not null default clock_timestamp(),
    primary key (chain, sequence)
);

create function audit_witness_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_witness_checkpoint is append-only';
end;
$$;
create trigger audit_witness_no_update before update or delete on audit_witness_checkpoint
    for each row execute function audit_witness_is_append_only();
create trigger audit_witness_no_truncate before truncate on audit_witness_checkpoint
    for each statement execute function audit_witness_is_append_only();
