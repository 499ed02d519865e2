-- what the probe processed: one row per event, written in the processing's transaction
create table probe_received (
    event_id     text         primary key,
    type         text         not null,
    subject      text,
    event_time   timestamptz,
    received_at  timestamptz  not null default clock_timestamp(),
    envelope     text         not null
);
-- subjects whose events stop failing: a test "cures" a poisoned enterprise here before replaying it
create table probe_cure (
    subject  text  primary key
);
