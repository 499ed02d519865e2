-- The complaints service's own database. No other service reads these tables; they get the data over REST.

create table complaint (
    id                   uuid          primary key,
    tracking_code        char(10)      not null unique,
    category             varchar(12)   not null,
    description          varchar(2000) not null,
    latitude             double precision,
    longitude            double precision,
    division_code        varchar(12),
    observed_at          timestamptz,
    suspected_uscc       char(18),
    channel              varchar(8)    not null,
    -- who may be contacted: seen only by the owning agency; null for an anonymous complaint
    contact_name         varchar(100),
    contact_phone        varchar(30),
    contact_email        varchar(200),
    status               varchar(12)   not null,
    -- the one owning agency, and the division code the matrix entry that chose it was found at
    owner_agency         varchar(32)   not null,
    owner_agency_name    varchar(200),
    owner_since          timestamptz   not null,
    routed_by            varchar(12)   not null,
    -- the place a jurisdiction's officials see it by: the location's division code, else the suspected enterprise's
    place_division       varchar(12)   not null,
    accept_by            timestamptz   not null,
    resolve_by           timestamptz,
    -- the deadline that runs now (accept_by while submitted, resolve_by once accepted; null when nobody must act)
    due_at               timestamptz,
    submitted_at         timestamptz   not null,
    version              bigint        not null,
    created_at           timestamptz   not null,
    created_by           varchar(200)  not null,
    updated_at           timestamptz   not null,
    updated_by           varchar(200)  not null,
    check (latitude is null or latitude between -90 and 90),
    check (longitude is null or longitude between -180 and 180)
);
create index complaint_owner on complaint (owner_agency, due_at, id);
create index complaint_due on complaint (due_at, id);
create index complaint_place on complaint (place_division varchar_pattern_ops);

-- the custody ledger: who held the complaint, from when to when, and why it came to them
create table custody (
    id            bigserial    primary key,
    complaint_id  uuid         not null references complaint (id),
    agency_code   varchar(32)  not null,
    from_at       timestamptz  not null,
    to_at         timestamptz,
    reason        varchar(500) not null
);
create index custody_complaint on custody (complaint_id, from_at);

-- what the tracking code shows besides status, owner and deadlines
create table public_update (
    id            bigserial    primary key,
    complaint_id  uuid         not null references complaint (id),
    at            timestamptz  not null,
    text          varchar(500) not null
);
create index public_update_complaint on public_update (complaint_id, at);
