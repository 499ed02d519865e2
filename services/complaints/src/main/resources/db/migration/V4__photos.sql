-- Slice 5: photos attached to a complaint, by its tracking code; the type is found in the content, the SHA-256 names it
create table photo (
    id           bigint        generated always as identity primary key,
    complaint_id uuid          not null references complaint (id),
    sha256       char(64)      not null check (sha256 ~ '^[0-9a-f]{64}$'),
    media_type   varchar(10)   not null check (media_type in ('image/jpeg', 'image/png')),
    bytes        integer       not null check (bytes > 0),
    width        integer       not null check (width > 0),
    height       integer       not null check (height > 0),
    content      bytea         not null check (octet_length(content) = bytes),
    added_at     timestamptz   not null,
    added_by     varchar(200)  not null,
    -- the same photo sent again is the one already attached
    unique (complaint_id, sha256)
);
