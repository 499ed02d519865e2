-- Creates made once (services/runtime, org.ecogov.runtime.idempotency): the first answer to each Idempotency-Key,
-- per caller and operation, so that a retried create answers it again instead of creating twice. A row is
-- claimed in the create's own transaction: a create that fails leaves no row, and a concurrent retry waits on the
-- claim until the first has committed or rolled back.
create table idempotency_record (
    owner          text         not null, -- the caller's subject ("anonymous" for a caller without one)
    operation      text         not null, -- the operation's id, e.g. createInspection
    key            text         not null, -- the client's Idempotency-Key
    request_hash   char(64)     not null, -- SHA-256 of the operation's canonical request (path and body)
    status         integer,               -- the first answer, once the create has made it
    media_type     text,
    location       text,
    etag           text,
    body           text,
    created_at     timestamptz  not null default clock_timestamp(),
    primary key (owner, operation, key)
);
-- what the purge of records past their retention reads
create index idempotency_record_created on idempotency_record (created_at);
