package org.ecogov.runtime.events;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import org.ecogov.runtime.access.AccessRule;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.paging.PageCursor;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;

/**
 * The events this service's consumers gave up on, for a platform-admin: list them, and replay one once its cause
 * is fixed. A consuming service serves these under its own prefix ({@code /api/v1/<service>/dead-letters}): its
 * spec mounts the operations of {@code api-specs/common/dead-letters.yaml}, and its resource implements the
 * generated interface by calling these, translating nothing but HTTP.
 */
@ApplicationScoped
@IfBuildProperty(name = "ecogov.events.enabled", stringValue = "true")
public class DeadLetters {

    /** The access rule of the dead-letter operations, by which a consuming service's resource methods name it. */
    public static final String ACCESS = "events.dead-letters";

    /**
     * Who may call the dead-letter operations: platform-admins, whatever their data; no API key can be granted it.
     * A consuming service adds it to its {@code AccessRules}, and its resource methods carry
     * {@code @Access(DeadLetters.ACCESS)}. The methods here check the role again.
     */
    public static final AccessRule ACCESS_RULE = AccessRule.of(ACCESS, Set.of(Roles.PLATFORM_ADMIN),
            AccessRule.KeyScope.never("Reading and replaying dead letters", "events:dead-letters"),
            DataScope.Kind.PLATFORM);

    /** A parked event. {@code eventId}, {@code type} and {@code subject} are null when it was not readable. */
    public record DeadLetter(UUID id, String consumer, String eventId, String type, String subject, String envelope,
            int attempts, String lastError, OffsetDateTime parkedAt, OffsetDateTime replayedAt) {
    }

    /** One page of dead letters, oldest first; {@code next} is the cursor of the following page, or null. */
    public record DeadLetterPage(List<DeadLetter> items, String next) {
    }

    /** {@code id} is the position (the order of parking, the list's keyset); {@code letter_id} the id callers see. */
    private static final String COLUMNS =
            "id, letter_id, consumer, event_id, type, subject, envelope, attempts, last_error, parked_at, replayed_at";

    private final Pool pool;
    private final ObjectMapper json;
    private final Instance<EventHandler> handlers;

    public DeadLetters(Pool pool, ObjectMapper json, Instance<EventHandler> handlers) {
        this.pool = pool;
        this.json = json;
        this.handlers = handlers;
    }

    /**
     * Parks an event (or an unreadable message, {@code event} null) in its own transaction, which also ends the
     * count of its attempts.
     */
    Uni<Void> park(String consumer, ReceivedEvent event, String envelope, int attempts, String lastError) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        insert into event_dead_letter (consumer, event_id, type, subject, envelope, attempts, last_error)
                        values ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.tuple()
                        .addString(consumer)
                        .addString(event == null ? null : event.id())
                        .addString(event == null ? null : event.type())
                        .addString(event == null ? null : event.subject())
                        .addString(envelope)
                        .addInteger(attempts)
                        .addString(lastError))
                .chain(() -> event == null
                        ? Uni.createFrom().voidItem()
                        : connection.preparedQuery("delete from event_attempt where consumer = $1 and event_id = $2")
                                .execute(Tuple.of(consumer, event.id())).replaceWithVoid()));
    }

    /** The dead letters not yet replayed, oldest first. Platform-admins only. */
    public Uni<DeadLetterPage> list(Caller caller, String cursor, int limit) {
        requireAdmin(caller);
        String after = PageCursor.decode(cursor, key -> key.matches("[0-9]{1,18}"));
        return pool.preparedQuery("select " + COLUMNS + " from event_dead_letter"
                        + " where replayed_at is null and id > $1 order by id limit $2")
                .execute(Tuple.of(after == null ? 0L : Long.parseLong(after), limit + 1))
                .map(rows -> {
                    List<DeadLetter> items = new ArrayList<>();
                    long lastPosition = 0;
                    for (Row row : rows) {
                        if (items.size() == limit) {
                            return new DeadLetterPage(items, PageCursor.encode(Long.toString(lastPosition)));
                        }
                        items.add(read(row));
                        lastPosition = row.getLong("id");
                    }
                    return new DeadLetterPage(items, null);
                });
    }

    /** One dead letter, replayed or not. Platform-admins only; 404 {@code dead-letter-not-found}. */
    public Uni<DeadLetter> get(Caller caller, UUID id) {
        requireAdmin(caller);
        return find(id);
    }

    /**
     * Gives the event to its consumer again, once: on success the dead letter is marked replayed (and leaves the
     * list); on failure it stays, its attempts and last error updated, and the answer is 409
     * {@code dead-letter-replay-failed} saying why. Replaying an event that was processed meanwhile changes
     * nothing, as for any redelivery. Must be called on a Vert.x context (a REST endpoint's).
     */
    public Uni<DeadLetter> replay(Caller caller, UUID id) {
        requireAdmin(caller);
        return find(id).chain(letter -> {
            if (letter.replayedAt() != null) {
                return Uni.createFrom().item(letter);
            }
            EventHandler handler = handler(letter.consumer());
            return Uni.createFrom().deferred(() -> EventConsumption.applyOnce(handler, CloudEvents.read(json, letter.envelope())))
                    .onItem().transformToUni(done -> pool
                            .preparedQuery("update event_dead_letter set replayed_at = clock_timestamp() where letter_id = $1")
                            .execute(Tuple.of(id)).replaceWithVoid())
                    .onFailure().call(failure -> pool
                            .preparedQuery("update event_dead_letter set attempts = attempts + 1, last_error = $2 where letter_id = $1")
                            .execute(Tuple.of(id, describe(failure))))
                    .onFailure().transform(failure -> ProblemException.of(ProblemType.DEAD_LETTER_REPLAY_FAILED,
                            "Replaying dead letter " + id + " failed again: " + describe(failure)))
                    .chain(() -> find(id));
        });
    }

    private Uni<DeadLetter> find(UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from event_dead_letter where letter_id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.of(ProblemType.DEAD_LETTER_NOT_FOUND, "No dead letter " + id + ".");
                    }
                    return read(rows.iterator().next());
                });
    }

    private EventHandler handler(String consumer) {
        for (EventHandler handler : handlers) {
            if (handler.consumer().equals(consumer)) {
                return handler;
            }
        }
        throw ProblemException.of(ProblemType.DEAD_LETTER_REPLAY_FAILED,
                "No consumer " + consumer + " runs in this service any more; the dead letter cannot be replayed here.");
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isPlatformAdmin()) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "Only a platform-admin may see and replay dead letters.");
        }
    }

    private static DeadLetter read(Row row) {
        return new DeadLetter(row.getUUID("letter_id"), row.getString("consumer"), row.getString("event_id"),
                row.getString("type"), row.getString("subject"), row.getString("envelope"),
                row.getInteger("attempts"), row.getString("last_error"), row.getOffsetDateTime("parked_at"),
                row.getOffsetDateTime("replayed_at"));
    }

    /** A failure as a dead letter or an attempt records it: its class and message, at most 2,000 characters. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
