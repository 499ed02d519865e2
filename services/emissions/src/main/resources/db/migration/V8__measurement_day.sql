-- The daily roll-up of monitoring values (issue 10, "Storage and speed"): per enterprise, outlet, pollutant, kind and
-- UTC day, what the aggregates need of the day's values flagged N (normal): how many, how many with an avg, the sum
-- of the avgs, the lowest (min, else avg) and the highest (max, else avg). Day and month buckets of whole UTC days are
-- read from here rather than from every value; hour buckets and the partial days at a range's ends from the values.
-- Ingest adds the values it stores to it in the same statement (MeasurementStore), so the two never disagree: a value
-- is stored once and never replaced (a second one under its key is a duplicate and changes neither table).
-- Values loaded into measurement behind the service's back (COPY by an operator) must be added here the same way as
-- below, or the day and month buckets miss them (services/emissions/README.md).
create table measurement_day (
    uscc         char(18)         not null,
    pollutant    varchar(6)       not null,
    kind         varchar(9)       not null,
    day          date             not null,
    outlet_code  varchar(5)       not null,
    n            integer          not null,
    n_avg        integer          not null,
    sum_avg      double precision not null,
    lo           double precision,
    hi           double precision,
    primary key (uscc, pollutant, kind, day, outlet_code)
);

insert into measurement_day (uscc, pollutant, kind, day, outlet_code, n, n_avg, sum_avg, lo, hi)
select uscc, pollutant, kind, (measured_at at time zone 'UTC')::date, outlet_code, count(*), count(avg_value),
       coalesce(sum(avg_value), 0), min(coalesce(min_value, avg_value)), max(coalesce(max_value, avg_value))
from measurement where flag = 'N'
group by uscc, pollutant, kind, (measured_at at time zone 'UTC')::date, outlet_code;
