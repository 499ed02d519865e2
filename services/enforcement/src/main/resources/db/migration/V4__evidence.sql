-- Evidence files of inspections (photos, PDFs) and the parties' signatures as images, stored whole: each is at most
-- enforcement.evidence.max-bytes (8 MiB by default), small enough to keep in the service's own database and to
-- retry whole. The content's type is the one found in the bytes (EvidenceTypes), never a name.
create table evidence_file (
    id             uuid             primary key,
    inspection_id  uuid             not null references inspection (id),
    kind           varchar(10)      not null check (kind in ('photo', 'document', 'signature')),
    party          varchar(30)      check (party in ('inspector', 'enterprise-representative', 'witness')),
    content_type   varchar(20)      not null check (content_type in ('image/jpeg', 'image/png', 'application/pdf')),
    size           bigint           not null check (size > 0),
    sha256         char(64)         not null,
    taken_at       timestamptz      not null,
    latitude       double precision check (latitude between -90 and 90),
    longitude      double precision check (longitude between -180 and 180),
    received_at    timestamptz      not null,
    uploaded_by    varchar(200)     not null,
    check ((kind = 'signature') = (party is not null)),
    check ((latitude is null) = (longitude is null))
);
create index evidence_file_inspection on evidence_file (inspection_id, received_at);

-- the bytes, apart, so that listing the files never reads them
create table evidence_content (
    evidence_id uuid  primary key references evidence_file (id),
    content     bytea not null
);
