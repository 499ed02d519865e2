-- Slice 6: grouping into matters. Complaints of one category within complaints.grouping.distance of each other and
-- complaints.grouping.window of the matter's last complaint join one matter; each keeps its own code and owner
create table matter (
    id            uuid          primary key,
    category      varchar(20)   not null,
    complainants  integer       not null check (complainants > 0),
    first_at      timestamptz   not null,
    last_at       timestamptz   not null
);

alter table complaint add column matter_id uuid references matter (id);
create index complaint_matter on complaint (matter_id);
-- the candidates a new complaint may join: same category, with a point, filed recently
create index complaint_grouping on complaint (category, submitted_at) where latitude is not null;
