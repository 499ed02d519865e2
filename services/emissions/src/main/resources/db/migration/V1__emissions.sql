-- Monitoring values (HJ 212-2017 devices and bulk uploads), one row per outlet, pollutant, kind and time.
-- Partitioned by month of measured_at (UTC): a query over a time range reads only its months, and old months can be
-- detached whole (retention: services/emissions/README.md). The partitions of the accepted window are made ahead of
-- time by the service (PartitionMaintenance) through emissions_ensure_partitions, never while a value is stored.
create table measurement (
    uscc         char(18)         not null,
    outlet_code  varchar(5)       not null,
    pollutant    varchar(6)       not null,
    -- 'real-time', 'minute', 'hourly', 'daily'
    kind         varchar(9)       not null,
    measured_at  timestamptz      not null,
    avg_value    double precision,
    min_value    double precision,
    max_value    double precision,
    -- the HJ 212-2017 data flag as the device sent it: N F M S D C T B
    flag         char(1)          not null,
    batch_id     uuid             not null,
    received_at  timestamptz      not null,
    primary key (uscc, outlet_code, pollutant, kind, measured_at)
) partition by range (measured_at);

-- Makes the monthly partitions of measurement from the month of first_month to that of last_month (inclusive) that
-- do not exist yet, and answers how many it made. Owned by the database's owner and run with its rights (security
-- definer), so the service's own role, which may create nothing, can keep partitions ahead of time; it creates only
-- partitions of this one table, named measurement_yYYYYmMM.
create function emissions_ensure_partitions(first_month date, last_month date) returns integer
    language plpgsql security definer set search_path = public as $$
declare
    month   date := date_trunc('month', first_month)::date;
    made    integer := 0;
    name    text;
begin
    if last_month < first_month or last_month > first_month + interval '20 years' then
        raise exception 'partition range % to % refused', first_month, last_month;
    end if;
    while month <= last_month loop
        name := format('measurement_y%sm%s', to_char(month, 'YYYY'), to_char(month, 'MM'));
        if to_regclass(name) is null then
            execute format('create table %I partition of measurement for values from (%L) to (%L)',
                    name, month::timestamp at time zone 'UTC', (month + interval '1 month')::timestamp at time zone 'UTC');
            made := made + 1;
        end if;
        month := (month + interval '1 month')::date;
    end loop;
    return made;
end;
$$;
