-- Exceedances: a run of consecutive hourly (or daily) normal values above the outlet's limit for the pollutant. Opened
-- by the first, extended by each later one, closed by the first normal value at or under the limit after it.
create table exceedance (
    id               bigserial        primary key,
    uscc             char(18)         not null,
    outlet_code      varchar(5)       not null,
    pollutant        varchar(6)       not null,
    kind             varchar(9)       not null,    -- 'hourly' or 'daily'
    status           varchar(6)       not null,    -- 'open' or 'closed'
    first_period     timestamptz      not null,    -- the first exceeding period's start
    last_period      timestamptz      not null,    -- the last exceeding period's start
    periods          integer          not null,
    max_value        double precision not null,
    limit_value      double precision not null,    -- the limit the first value broke
    max_ratio        double precision not null,    -- the largest value / limit of its period
    closed_by        timestamptz,                  -- the period of the value back under the limit
    opened_at        timestamptz      not null,
    closed_at        timestamptz
);
create unique index exceedance_one_open on exceedance (uscc, outlet_code, pollutant, kind) where status = 'open';
create index exceedance_by_enterprise on exceedance (uscc, first_period);

-- The evidence: every exceeding value of an exceedance with the limit of its period.
create table exceedance_value (
    exceedance_id    bigint           not null references exceedance (id),
    period           timestamptz      not null,
    value            double precision not null,
    limit_value      double precision not null,
    primary key (exceedance_id, period)
);

-- Data gaps: a run of values flagged maintenance, calibration or fault (reason 'flagged', per pollutant and kind),
-- or an outlet that sent nothing for longer than emissions.gaps.silence (reason 'silent', whole outlet).
create table data_gap (
    id               bigserial        primary key,
    uscc             char(18)         not null,
    outlet_code      varchar(5)       not null,
    reason           varchar(7)       not null,    -- 'flagged' or 'silent'
    pollutant        varchar(6),
    kind             varchar(9),
    flag             char(1),
    first_period     timestamptz      not null,
    last_period      timestamptz      not null,
    periods          integer          not null,
    status           varchar(6)       not null,    -- 'open' or 'closed'
    opened_at        timestamptz      not null,
    closed_at        timestamptz
);
create unique index data_gap_one_open_flagged on data_gap (uscc, outlet_code, pollutant, kind)
    where status = 'open' and reason = 'flagged';
create unique index data_gap_one_open_silent on data_gap (uscc, outlet_code) where status = 'open' and reason = 'silent';
create index data_gap_by_enterprise on data_gap (uscc, first_period);

-- When each outlet last sent a value (received_at) and the latest time it sent one for, for the silence watch.
create table outlet_activity (
    uscc             char(18)         not null,
    outlet_code      varchar(5)       not null,
    last_measured    timestamptz      not null,
    last_received    timestamptz      not null,
    primary key (uscc, outlet_code)
);
