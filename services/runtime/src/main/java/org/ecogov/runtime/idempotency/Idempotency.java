package org.ecogov.runtime.idempotency;

import java.net.URI;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.ecogov.runtime.audit.Canonical;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;
import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Creates made once per {@code Idempotency-Key} (DESIGN §9: a create without a natural key takes one). A resource
 * method hands its create to {@link #once}: the first request with a key runs it and keeps its answer (status,
 * {@code Location}, {@code ETag}, body) in {@code idempotency_record}, in the create's own transaction; a retry with
 * the same key and the same request answers that first answer again, marked {@code Idempotent-Replayed: true},
 * and creates nothing; the same key with another request is 409 {@code idempotency-key-reused}.
 * <pre>{@code
 * @Access(EnforcementAccess.INSPECT)
 * public Uni<Response> createInspection(InspectionCreateDto body, String idempotencyKey) {
 *     return callers.resolve().chain(caller -> idempotency.once(caller, idempotencyKey, "createInspection", body,
 *             () -> inspections.create(caller, body).map(i -> Responses.created("/api/v1/inspections/" + i.id,
 *                     InspectionMapper.toDto(i), i.version))));
 * }
 * }</pre>
 * What makes it safe:
 * <ul>
 * <li>A key is the caller's own: records are kept per caller (the token's subject) and per operation, so one
 * caller's key never answers another's request. Callers without a subject (the anonymous public) share one space:
 * a replay needs their key and an identical request, and clients should send a random UUID.</li>
 * <li>The request is compared by the SHA-256 of its canonical JSON ({@code request}: whatever identifies it,
 * usually the path's parameters and the body), so member order and number spelling do not matter.</li>
 * <li>The key is claimed by an insert in the create's transaction. A concurrent retry waits on that row until the
 * first commits (then it answers the first answer) or rolls back (then it runs the create itself): two requests
 * with one key never both create.</li>
 * <li>A create that fails (a problem, a rolled back transaction) keeps nothing: its retry runs again and, the
 * request being the same, usually fails the same way.</li>
 * <li>A record lives {@code ecogov.idempotency.retention} (a week); after that the key is free again. Each new
 * claim removes a few expired records.</li>
 * </ul>
 * Without a key the create simply runs; whether the key is required is the operation's contract
 * ({@code common.yaml#/components/parameters/IdempotencyKey}, required or not).
 */
@ApplicationScoped
public class Idempotency {

    /** The request header naming a create. */
    public static final String HEADER = "Idempotency-Key";
    /** The answer header that marks a replayed first answer. */
    public static final String REPLAYED = "Idempotent-Replayed";

    /** As common.yaml's IdempotencyKey: 1 to 255 visible ASCII characters. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String ANONYMOUS = "anonymous";

    private static final String CLAIM = """
            with claimed as (
                insert into idempotency_record as r (owner, operation, key, request_hash, created_at)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (owner, operation, key) do update
                    set request_hash = excluded.request_hash, status = null, media_type = null, location = null,
                        etag = null, body = null, created_at = excluded.created_at
                    where r.created_at < ?6
                returning r.owner)
            select owner from claimed""";
    private static final String FIRST_ANSWER = """
            select request_hash, status, media_type, location, etag, body from idempotency_record
            where owner = ?1 and operation = ?2 and key = ?3""";
    private static final String KEEP_ANSWER = """
            update idempotency_record set status = ?4, media_type = ?5, location = ?6, etag = ?7, body = ?8
            where owner = ?1 and operation = ?2 and key = ?3""";
    private static final String PURGE = """
            delete from idempotency_record where ctid in (
                select ctid from idempotency_record where created_at < ?1
                order by created_at limit ?2 for update skip locked)""";

    private final ObjectMapper json;
    private final Clock clock;
    private final IdempotencyConfig config;

    public Idempotency(ObjectMapper json, Clock clock, IdempotencyConfig config) {
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Runs {@code create} once per key: see the class. {@code key} is the request's {@code Idempotency-Key} (null:
     * none, the create runs); {@code operation} the operation's id; {@code request} what identifies the request
     * (serialisable to JSON: the body, with the path's parameters where they matter). The create runs in a
     * transaction this method opens; a service method's {@code @WithTransaction} joins it.
     */
    public Uni<Response> once(Caller caller, String key, String operation, Object request,
            Supplier<Uni<Response>> create) {
        if (key == null) {
            return create.get();
        }
        if (!KEY.matcher(key).matches()) {
            return Uni.createFrom().failure(ProblemException.field(ProblemType.VALIDATION_FAILED, HEADER,
                    "must be 1 to 255 visible ASCII characters"));
        }
        String owner = caller.subject() != null ? caller.subject() : ANONYMOUS;
        String requestHash;
        try {
            requestHash = Canonical.digest(json.valueToTree(request));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new IllegalStateException("request of " + operation + " not JSON", e));
        }
        Instant now = clock.now();
        Instant expired = now.minus(config.retention());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> claim(session, owner, operation,
                key, requestHash, now, expired)
                .chain(claimed -> claimed
                        ? purge(session, expired).chain(create::get)
                                .call(answer -> keep(session, owner, operation, key, answer))
                        : firstAnswer(session, owner, operation, key, requestHash))));
    }

    private static Uni<Boolean> claim(Mutiny.Session session, String owner, String operation, String key,
            String requestHash, Instant now, Instant expired) {
        return session.createNativeQuery(CLAIM, Object.class)
                .setParameter(1, owner).setParameter(2, operation).setParameter(3, key)
                .setParameter(4, requestHash).setParameter(5, Clock.utc(now)).setParameter(6, Clock.utc(expired))
                .getResultList()
                .map(rows -> !rows.isEmpty());
    }

    private Uni<Void> purge(Mutiny.Session session, Instant expired) {
        return session.createNativeQuery(PURGE)
                .setParameter(1, Clock.utc(expired)).setParameter(2, config.purgeBatch())
                .executeUpdate()
                .replaceWithVoid();
    }

    private Uni<Void> keep(Mutiny.Session session, String owner, String operation, String key, Response answer) {
        String body;
        try {
            body = bodyOf(answer);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("answer of " + operation + " not JSON", e));
        }
        MediaType mediaType = answer.getMediaType();
        return session.createNativeQuery(KEEP_ANSWER)
                .setParameter(1, owner).setParameter(2, operation).setParameter(3, key)
                .setParameter(4, answer.getStatus())
                .setParameter(5, mediaType == null ? null : mediaType.toString())
                .setParameter(6, relative(answer.getLocation()))
                .setParameter(7, answer.getHeaderString(HttpHeaders.ETAG))
                .setParameter(8, body)
                .executeUpdate()
                .replaceWithVoid();
    }

    private Uni<Response> firstAnswer(Mutiny.Session session, String owner, String operation, String key,
            String requestHash) {
        return session.createNativeQuery(FIRST_ANSWER, Object[].class)
                .setParameter(1, owner).setParameter(2, operation).setParameter(3, key)
                .getResultList()
                .map(rows -> {
                    if (rows.isEmpty() || !requestHash.equals(String.valueOf(rows.get(0)[0]).trim())) {
                        // empty: claimed and released again by an expiry race; either way not this request's key
                        throw ProblemException.field(ProblemType.IDEMPOTENCY_KEY_REUSED, HEADER,
                                "was sent before with another request; use a new key for a new request");
                    }
                    return replay(rows.get(0));
                });
    }

    private static Response replay(Object[] row) {
        Response.ResponseBuilder answer = Response.status(((Number) row[1]).intValue()).header(REPLAYED, "true");
        if (row[5] != null) {
            answer.entity(row[5]).type(row[2] != null ? (String) row[2] : MediaType.APPLICATION_JSON);
        }
        if (row[3] != null) {
            answer.location(URI.create((String) row[3]));
        }
        if (row[4] != null) {
            answer.header(HttpHeaders.ETAG, row[4]);
        }
        return answer.build();
    }

    private String bodyOf(Response answer) throws JsonProcessingException {
        Object entity = answer.getEntity();
        if (entity == null) {
            return null;
        }
        return entity instanceof String text ? text : json.writeValueAsString(entity);
    }

    /**
     * The path and query of a location: a replay's {@code Location} is made absolute again for the retry's own
     * request (through the gateway, the gateway's address), never the first request's address.
     */
    private static String relative(URI location) {
        if (location == null) {
            return null;
        }
        String path = location.getRawPath();
        return location.getRawQuery() == null ? path : path + "?" + location.getRawQuery();
    }
}
