-- The registry's own database. No other service reads these tables; they get the data over REST.

create table division (
    code        varchar(12)  primary key,
    name        varchar(200) not null,
    level       varchar(10)  not null,
    parent_code varchar(12)  references division (code),
    created_at  timestamptz  not null,
    created_by  varchar(200) not null
);
create index division_code_prefix on division (code varchar_pattern_ops);

create table agency (
    code         varchar(32)  primary key,
    name         varchar(200) not null,
    kind         varchar(30)  not null,
    jurisdiction varchar(12)  not null references division (code),
    version      bigint       not null,
    created_at   timestamptz  not null,
    created_by   varchar(200) not null,
    updated_at   timestamptz  not null,
    updated_by   varchar(200) not null
);

create table pollutant (
    code   varchar(6)   primary key,
    name   varchar(200) not null,
    medium varchar(5)   not null check (medium in ('air', 'water')),
    unit   varchar(10)  not null
);

-- HJ 212-2017 codes; concentration units as used in discharge permits (flows in m3/h)
insert into pollutant (code, name, medium, unit) values
    ('a00000', 'Flue gas flow',                  'air',   'm3/h'),
    ('a21026', 'Sulphur dioxide (SO2)',          'air',   'mg/m3'),
    ('a21002', 'Nitrogen oxides (NOx)',          'air',   'mg/m3'),
    ('a34013', 'Particulate matter',             'air',   'mg/m3'),
    ('w00000', 'Wastewater flow',                'water', 'm3/h'),
    ('w01001', 'pH',                             'water', 'pH'),
    ('w01018', 'Chemical oxygen demand (COD)',   'water', 'mg/L'),
    ('w21003', 'Ammonia nitrogen (NH3-N)',       'water', 'mg/L'),
    ('w21011', 'Total phosphorus',               'water', 'mg/L'),
    ('w21001', 'Total nitrogen',                 'water', 'mg/L');

create table enterprise (
    uscc                  char(18)         primary key,
    name                  varchar(200)     not null,
    legal_representative  varchar(100)     not null,
    industry_code         varchar(5)       not null,
    address               varchar(300)     not null,
    latitude              double precision not null check (latitude between -90 and 90),
    longitude             double precision not null check (longitude between -180 and 180),
    division_code         varchar(12)      not null,
    park                  varchar(32),
    key_monitored         boolean          not null,
    status                varchar(10)      not null check (status in ('operating', 'suspended', 'closed')),
    status_reason         varchar(500),
    status_changed_at     timestamptz,
    uscc_check_overridden boolean          not null default false,
    version               bigint           not null,
    created_at            timestamptz      not null,
    created_by            varchar(200)     not null,
    updated_at            timestamptz      not null,
    updated_by            varchar(200)     not null
);
create index enterprise_division_prefix on enterprise (division_code varchar_pattern_ops);
create index enterprise_park on enterprise (park);

-- every version of every enterprise, as the API returned it after that change
create table enterprise_version (
    uscc       char(18)     not null references enterprise (uscc),
    version    bigint       not null,
    action     varchar(20)  not null,
    changed_at timestamptz  not null,
    changed_by varchar(200) not null,
    reason     varchar(500),
    snapshot   text         not null,
    primary key (uscc, version)
);

create table outlet (
    id              bigserial        primary key,
    enterprise_uscc char(18)         not null references enterprise (uscc),
    code            varchar(5)       not null,
    kind            varchar(5)       not null check (kind in ('air', 'water')),
    name            varchar(200)     not null,
    latitude        double precision not null,
    longitude       double precision not null,
    version         bigint           not null,
    created_at      timestamptz      not null,
    created_by      varchar(200)     not null,
    updated_at      timestamptz      not null,
    updated_by      varchar(200)     not null,
    unique (enterprise_uscc, code)
);

create table outlet_pollutant (
    outlet_id               bigint         not null references outlet (id) on delete cascade,
    pollutant               varchar(6)     not null references pollutant (code),
    limit_min               numeric(14, 4),
    limit_max               numeric(14, 4),
    annual_permitted_tonnes numeric(16, 4),
    primary key (outlet_id, pollutant)
);

create table permit (
    number           varchar(22)  primary key,
    enterprise_uscc  char(18)     not null references enterprise (uscc),
    management_class varchar(12)  not null,
    valid_from       date         not null,
    valid_to         date         not null,
    issuing_agency   varchar(32)  not null references agency (code),
    version          bigint       not null,
    created_at       timestamptz  not null,
    created_by       varchar(200) not null,
    updated_at       timestamptz  not null,
    updated_by       varchar(200) not null,
    check (valid_to >= valid_from)
);

create table permit_outlet (
    permit_number varchar(22) not null references permit (number),
    outlet_id     bigint      not null references outlet (id),
    primary key (permit_number, outlet_id)
);
create index permit_outlet_by_outlet on permit_outlet (outlet_id);

create table responsibility (
    matter_type   varchar(12)  not null,
    division_code varchar(12)  not null references division (code),
    agency_code   varchar(32)  not null references agency (code),
    assigned_at   timestamptz  not null,
    assigned_by   varchar(200) not null,
    primary key (matter_type, division_code)
);

-- The audit log (audit_entry) is services/runtime's: db/ecogov-runtime/V0_1__audit.sql in the runtime jar.
