-- The gateway's own data: API keys of third-party organisations, their daily use, and the
-- hash-chained audit log of every change to a key. No other service reads these tables.

create table api_key (
    id                    varchar(15)  primary key,
    organisation          varchar(40)  not null,
    organisation_name     varchar(200) not null,
    name                  varchar(100) not null,
    scopes                text[]       not null,
    -- SHA-256 of the secret; the secret itself is never stored
    secret_hash           bytea        not null check (length(secret_hash) = 32),
    previous_secret_hash  bytea        check (length(previous_secret_hash) = 32),
    previous_valid_until  timestamptz,
    expires_at            timestamptz  not null,
    rate_requests         integer      not null check (rate_requests > 0),
    rate_window_seconds   integer      not null check (rate_window_seconds between 1 and 86400),
    allowed_ips           text[]       not null default '{}',
    created_at            timestamptz  not null,
    created_by            varchar(200) not null,
    rotated_at            timestamptz,
    revoked_at            timestamptz,
    revoked_by            varchar(200),
    revocation_reason     varchar(500),
    last_used_at          timestamptz,
    last_used_ip          varchar(45),
    constraint api_key_revocation_complete check ((revoked_at is null) = (revoked_by is null))
);
create index api_key_listing on api_key (created_at desc, id desc);
create index api_key_organisation on api_key (organisation, created_at desc, id desc);

create table api_key_usage (
    key_id    varchar(15) not null references api_key (id),
    day       date        not null,
    requests  bigint      not null default 0,
    refused   bigint      not null default 0,
    primary key (key_id, day)
);

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

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end;
$$;
create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
