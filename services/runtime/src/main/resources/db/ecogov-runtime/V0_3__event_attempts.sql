-- The attempts a consumer has begun at an event it has not finished (services/runtime, EventConsumption). The count
-- is raised and committed before each attempt runs, so it survives the consumer: a process that restarts, or dies
-- on the event itself, goes on counting where it stopped, and the event is parked after
-- ecogov.events.consumer.max-attempts attempts in all instead of being retried forever. The row goes in the
-- transaction that processes the event or parks it.
create table event_attempt (
    consumer         text         not null,
    event_id         text         not null,
    attempts         integer      not null,
    last_error       text,          -- null while no attempt has failed with an error (one that died has none)
    last_attempt_at  timestamptz  not null default clock_timestamp(),
    primary key (consumer, event_id)
);
