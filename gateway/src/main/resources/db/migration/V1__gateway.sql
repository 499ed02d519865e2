-- The gateway's own data: API keys of third-party organisations and their daily use (every change to a
-- key is in the hash-chained audit log). No other service reads these tables.

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

-- The audit log (audit_entry) is services/runtime's: db/ecogov-runtime/V0_1__audit.sql in the runtime jar.
