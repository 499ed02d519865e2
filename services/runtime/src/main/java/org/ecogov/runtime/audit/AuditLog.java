package org.ecogov.runtime.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.ecogov.runtime.paging.Page;
import org.ecogov.runtime.paging.PageCursor;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * A service's append-only, hash-chained audit log (DESIGN §5), the same for every service: the table
 * {@code audit_entry} (this jar's migration {@code db/ecogov-runtime/V0_1__audit.sql}), appending under the chain's
 * lock, listing, and verifying the whole chain in batches. Every write appends one entry in the same transaction as
 * the change, so a change without its entry cannot be committed. The SQL runs through an {@link AuditSql} of the
 * service's persistence style, inside the caller's transaction: the service's {@link AuditSql} bean (a service on
 * Panache produces a {@link PanacheSessionSql}), or one passed in (the gateway passes the connection of its
 * transaction, {@link SqlConnectionSql}).
 * <p>
 * Who may read the log is the service's rule; this class checks nothing about the caller.
 */
@ApplicationScoped
public class AuditLog {

    /**
     * Advisory-lock key of the chain ("audit" in ASCII): appends are serialised, because each entry links to the
     * hash of the one before it and two concurrent writers must not both extend the same tail. Advisory locks
     * are per database, and each service has its own.
     */
    static final long CHAIN_LOCK = 0x6175646974L;
    static final int VERIFY_BATCH = 1000;

    private static final String COLUMNS = "sequence, occurred_at, actor_subject, actor_agency, client_id, action,"
            + " entity_type, entity_id, before_digest, after_digest, reason, previous_hash, hash";

    private final Clock clock;
    private final ObjectMapper json;
    private final Instance<AuditSql> serviceSql;

    public AuditLog(Clock clock, ObjectMapper json, Instance<AuditSql> serviceSql) {
        this.clock = clock;
        this.json = json;
        this.serviceSql = serviceSql;
    }

    /**
     * A change to record: what was done to which entity, its state before and after, and why. The states are
     * fingerprinted ({@link Canonical#digest}), not stored: pass what identifies the state (a {@link JsonNode}, or
     * any object Jackson writes), null for "none" (before a create).
     */
    public record Change(String action, String entityType, String entityId, Object before, Object after,
            String reason) {
    }

    /** Which entries a listing returns; a null member means any. */
    public record Filter(String entityType, String entityId) {

        public static final Filter ALL = new Filter(null, null);
    }

    /** The outcome of a whole-chain check: how many entries were checked and the first broken one, and why. */
    public record Verification(boolean intact, long checked, Long firstBrokenSequence, String problem) {
    }

    /** Appends the entry for this change through the service's {@link AuditSql}, in the current transaction. */
    public Uni<StoredEntry> append(Caller caller, Change change) {
        return append(serviceSql.get(), caller, change);
    }

    /** Entries in sequence order through the service's {@link AuditSql}. */
    public Uni<Page<StoredEntry>> list(Filter filter, String cursor, int limit) {
        return list(serviceSql.get(), filter, cursor, limit);
    }

    /** The whole chain checked through the service's {@link AuditSql}. */
    public Uni<Verification> verify() {
        return verify(serviceSql.get());
    }

    /** Appends the entry for this change; must run inside the transaction of the change it records. */
    public Uni<StoredEntry> append(AuditSql sql, Caller caller, Change change) {
        return sql.select("select cast(pg_advisory_xact_lock(" + CHAIN_LOCK + ") as text)", List.of())
                .chain(locked -> sql.select("select sequence, hash from audit_entry order by sequence desc limit 1",
                        List.of()))
                .chain(tail -> {
                    long sequence = tail.isEmpty() ? 1 : number(tail.get(0)[0]) + 1;
                    String previousHash = tail.isEmpty() ? AuditChain.GENESIS : (String) tail.get(0)[1];
                    AuditFields fields = new AuditFields(sequence, clock.now(), caller.actor(), caller.agency(),
                            caller.clientId(), change.action(), change.entityType(), change.entityId(),
                            digest(change.before()), digest(change.after()), change.reason());
                    StoredEntry entry = new StoredEntry(fields, previousHash, AuditChain.link(previousHash, fields));
                    return sql.execute("insert into audit_entry (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7,"
                            + " $8, $9, $10, $11, $12, $13)", Arrays.asList(sequence,
                            Clock.utc(fields.occurredAt()), fields.actorSubject(), fields.actorAgency(),
                            fields.clientId(), fields.action(), fields.entityType(), fields.entityId(),
                            fields.beforeDigest(), fields.afterDigest(), fields.reason(), previousHash, entry.hash()))
                            .replaceWith(entry);
                });
    }

    /** Entries in sequence order, a page at a time; the cursor is the last sequence number of the page before. */
    public Uni<Page<StoredEntry>> list(AuditSql sql, Filter filter, String cursor, int limit) {
        String afterKey = PageCursor.decode(cursor, key -> key.matches("[0-9]{1,18}"));
        List<Object> parameters = new ArrayList<>();
        parameters.add(afterKey == null ? 0L : Long.parseLong(afterKey));
        StringBuilder where = new StringBuilder("sequence > $1");
        if (filter.entityType() != null) {
            parameters.add(filter.entityType());
            where.append(" and entity_type = $").append(parameters.size());
        }
        if (filter.entityId() != null) {
            parameters.add(filter.entityId());
            where.append(" and entity_id = $").append(parameters.size());
        }
        parameters.add(limit + 1);
        return sql.select("select " + COLUMNS + " from audit_entry where " + where + " order by sequence limit $"
                        + parameters.size(), parameters)
                .map(rows -> Page.of(rows.stream().map(AuditLog::entry).toList(), limit,
                        entry -> Long.toString(entry.sequence())));
    }

    /** Recomputes every link, oldest first, in batches so a long history does not sit in memory. */
    public Uni<Verification> verify(AuditSql sql) {
        return verifyAfter(sql, 0, AuditChain.GENESIS, 0);
    }

    private Uni<Verification> verifyAfter(AuditSql sql, long trustedSequence, String trustedHash, long checkedBefore) {
        // fetched by position, not by "sequence >": a deleted entry must show up as a gap
        return sql.select("select " + COLUMNS + " from audit_entry order by sequence limit $1 offset $2",
                        List.<Object>of(VERIFY_BATCH, checkedBefore))
                .chain(rows -> {
                    List<StoredEntry> batch = rows.stream().map(AuditLog::entry).toList();
                    ChainVerification result = AuditChain.verifyFrom(trustedHash, trustedSequence, batch);
                    long checked = checkedBefore + result.checked();
                    if (!result.intact()) {
                        return Uni.createFrom().item(new Verification(false, checked, result.firstBrokenSequence(),
                                describe(result.failure())));
                    }
                    if (batch.size() < VERIFY_BATCH) {
                        return Uni.createFrom().item(new Verification(true, checked, null, null));
                    }
                    return verifyAfter(sql, result.lastSequence(), result.lastHash(), checked);
                });
    }

    private static String describe(ChainVerification.Failure failure) {
        return switch (failure) {
            case HASH_MISMATCH -> "the entry's content does not match its hash: it was altered";
            case PREVIOUS_HASH_MISMATCH ->
                "the entry does not link to the hash of the entry before it: an entry was altered, removed or moved";
            case SEQUENCE_GAP ->
                "the sequence number does not follow the entry before it: entries are missing or out of order";
        };
    }

    private String digest(Object state) {
        if (state == null) {
            return null;
        }
        return Canonical.digest(state instanceof JsonNode node ? node : json.valueToTree(state));
    }

    private static StoredEntry entry(Object[] row) {
        AuditFields fields = new AuditFields(number(row[0]), instant(row[1]), text(row[2]), text(row[3]),
                text(row[4]), text(row[5]), text(row[6]), text(row[7]), text(row[8]), text(row[9]), text(row[10]));
        return new StoredEntry(fields, text(row[11]), text(row[12]));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A timestamptz as the driver hands it over: the Vert.x client and Hibernate do not agree on the type. */
    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof ZonedDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant();
        }
        if (value instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a timestamp: " + (value == null ? null : value.getClass()));
    }
}
