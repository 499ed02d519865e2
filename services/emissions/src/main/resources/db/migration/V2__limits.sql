-- The service's own copy of what it needs of the registry (never read from the registry's tables): loaded at start
-- through the registry's API with the service's own identity, kept current from the registry's events. Each row
-- carries the registry's version of its record, so an event older than what is held changes nothing.

create table enterprise_copy (
    uscc              char(18)     primary key,
    name              varchar(200) not null,
    division_code     varchar(12)  not null,
    park              varchar(20),
    status            varchar(10)  not null,
    registry_version  integer      not null,
    copied_at         timestamptz  not null
);
create index enterprise_copy_division on enterprise_copy (division_code text_pattern_ops);

create table outlet_copy (
    uscc              char(18)     not null,
    outlet_code       varchar(5)   not null,
    kind              varchar(5)   not null,
    registry_version  integer      not null,
    copied_at         timestamptz  not null,
    primary key (uscc, outlet_code)
);

-- The limits of an outlet and pollutant over time: [valid_from, valid_to), valid_to null while in force, valid_from
-- null for the first limits the copy knows of the pollutant (they hold since before the copy knew the outlet); a
-- change closes the period in force at the change's time and opens the next.
create table outlet_limit (
    id                bigserial        primary key,
    uscc              char(18)         not null,
    outlet_code       varchar(5)       not null,
    pollutant         varchar(6)       not null,
    unit              varchar(10),
    limit_min         double precision,
    limit_max         double precision,
    annual_tonnes     double precision,
    valid_from        timestamptz,
    valid_to          timestamptz,
    registry_version  integer          not null,
    foreign key (uscc, outlet_code) references outlet_copy (uscc, outlet_code)
);
create index outlet_limit_lookup on outlet_limit (uscc, outlet_code, pollutant, valid_from nulls first);
create unique index outlet_limit_one_in_force on outlet_limit (uscc, outlet_code, pollutant) where valid_to is null;

create table permit_copy (
    permit_number     varchar(22)  primary key,
    uscc              char(18)     not null,
    valid_from        date         not null,
    valid_to          date         not null,
    status            varchar(15)  not null,
    revoked_at        timestamptz,
    outlet_codes      varchar(5)[] not null,
    registry_version  integer      not null,
    copied_at         timestamptz  not null
);
create index permit_copy_uscc on permit_copy (uscc);
