-- the events fixture's own tables: notes (the change that publishes) and what the fixture consumer received
create table fixture_note (
    id    bigint primary key,
    text  text   not null
);
create table fixture_received (
    event_id  text    primary key,
    position  bigserial,
    subject   text    not null,
    envelope  text    not null
);
