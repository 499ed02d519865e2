-- Reading what ingest stored and judged (issue 10, "Reading it").

-- The id the API and the events show for an exceedance or data gap: a random UUID, so that nobody learns how many
-- there are or guesses another's (the bigint id stays the key within the service, the evidence's foreign key).
alter table exceedance add column ref uuid not null default gen_random_uuid();
create unique index exceedance_ref on exceedance (ref);
alter table data_gap add column ref uuid not null default gen_random_uuid();
create unique index data_gap_ref on data_gap (ref);

-- Aggregates and series of one pollutant over a time range, for one enterprise (any of its outlets), for a park's
-- enterprises (uscc = any(...)) or for one outlet: the key's order (outlet before pollutant) serves only the last.
-- The values are included so the buckets are read from the index alone where the visibility map allows.
create index measurement_by_pollutant on measurement (uscc, pollutant, kind, measured_at)
    include (avg_value, min_value, max_value, flag);

-- Exceedances and gaps listed newest first per enterprise exist (V4: (uscc, first_period)); the aggregates count
-- evidence values by the exceedance's enterprise and pollutant.
create index exceedance_by_pollutant on exceedance (uscc, pollutant, kind);
