-- The events backbone (services/runtime, org.ecogov.runtime.events): every service that publishes or consumes
-- domain events gets these three tables in its own database.

-- Domain events written in the same transaction as the change they describe, until the relay has handed them
-- to the broker. "position" is the order of appending; events of one aggregate (subject) are appended under that
-- aggregate's row lock, so their positions follow the order of their changes.
create table event_outbox (
    position     bigserial    primary key,
    event_id     uuid         not null unique,
    type         text         not null,
    subject      text         not null,
    envelope     text         not null, -- the complete CloudEvents 1.0 JSON as it is published
    created_at   timestamptz  not null default clock_timestamp(),
    attempts     integer      not null default 0,
    last_error   text,
    sent_at      timestamptz
);
-- what the relay and the backlog gauge read: the unsent rows, oldest first
create index event_outbox_unsent on event_outbox (position) where sent_at is null;

-- The events a consumer has processed, written in the same transaction as the processing's effect: a
-- redelivered event finds its id here and changes nothing.
create table event_processed (
    consumer      text         not null,
    event_id      text         not null,
    processed_at  timestamptz  not null default clock_timestamp(),
    primary key (consumer, event_id)
);

-- Events a consumer failed to process after its retries, kept whole for a platform-admin to inspect and replay.
create table event_dead_letter (
    id           bigserial    primary key,
    consumer     text         not null,
    event_id     text,          -- null when the message was not a readable CloudEvent at all
    type         text,
    subject      text,
    envelope     text         not null,
    attempts     integer      not null,
    last_error   text         not null,
    parked_at    timestamptz  not null default clock_timestamp(),
    replayed_at  timestamptz
);
create index event_dead_letter_waiting on event_dead_letter (id) where replayed_at is null;
