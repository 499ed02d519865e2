package org.ecogov.runtime.events;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The attempts a consumer has begun at each event it has not finished, in {@code event_attempt}: counted in the
 * database and committed before the attempt runs, so that the count outlives the process. An event whose handler
 * kills the consumer is parked once the count is used up, however often the consumer restarts.
 */
@ApplicationScoped
@IfBuildProperty(name = "ecogov.events.enabled", stringValue = "true")
class EventAttempts {

    /** The attempt about to run: its number (1 for the first ever) and the error the one before failed with. */
    record Attempt(int number, String previousError) {
    }

    private final Pool pool;

    EventAttempts(Pool pool) {
        this.pool = pool;
    }

    /** Counts a new attempt at the event, in a transaction of its own, and returns it. */
    Uni<Attempt> begin(String consumer, String eventId) {
        return pool.preparedQuery("""
                        insert into event_attempt (consumer, event_id, attempts) values ($1, $2, 1)
                        on conflict (consumer, event_id) do update
                            set attempts = event_attempt.attempts + 1, last_attempt_at = clock_timestamp()
                        returning attempts, last_error""")
                .execute(Tuple.of(consumer, eventId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Attempt(row.getInteger("attempts"), row.getString("last_error"));
                });
    }

    /** Notes what the attempt failed with. */
    Uni<Void> failed(String consumer, String eventId, String error) {
        return pool.preparedQuery("update event_attempt set last_error = $3 where consumer = $1 and event_id = $2")
                .execute(Tuple.of(consumer, eventId, error))
                .replaceWithVoid();
    }
}
