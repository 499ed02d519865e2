-- One row per batch the bulk ingest stored: a batch id sent again is a replay, answered with the first answer.
create table measurement_batch (
    batch_id       uuid          primary key,
    uscc           char(18)      not null,
    body_sha256    char(64)      not null,
    answer         text          not null,   -- the first answer's JSON (MeasurementBatchResult without replayed)
    received_at    timestamptz   not null,
    received_by    varchar(255)  not null
);

-- Third-party organisations (monitoring vendors) whose emissions:write keys may ingest for an enterprise.
create table organisation_binding (
    uscc           char(18)      not null,
    organisation   varchar(40)   not null,
    bound_at       timestamptz   not null,
    bound_by       varchar(255)  not null,
    primary key (uscc, organisation)
);
