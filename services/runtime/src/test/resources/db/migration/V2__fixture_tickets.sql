-- the idempotency fixture's creates: a ticket has no natural key, so a retried create would make a second one
create table fixture_ticket (
    id    bigserial primary key,
    queue text      not null,
    text  text      not null
);
