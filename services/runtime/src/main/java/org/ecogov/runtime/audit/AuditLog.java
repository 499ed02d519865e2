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
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.ecogov.runtime.paging.Page;
import org.ecogov.runtime.paging.PageCursor;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Credential;
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
 * The chain is anchored outside the party's database: each append also puts the entry's signed checkpoint into the
 * outbox ({@link AuditCheckpoints}), which other parties witness ({@link AuditWitness}); {@link #verify(Credential)}
 * checks the links and then compares the chain with the head its witness holds ({@link ChainWitness}), which shows
 * what the links cannot: entries cut off the end, and entries rewritten with every later hash recomputed.
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
    /** How many witnessed checkpoints are compared at a time when the chain disagrees with its witness. */
    static final int WITNESS_BATCH = 1000;

    private static final String COLUMNS = "sequence, occurred_at, actor_subject, actor_agency, client_id, action,"
            + " entity_type, entity_id, before_digest, after_digest, reason, previous_hash, hash";

    private final Clock clock;
    private final ObjectMapper json;
    private final Instance<AuditSql> serviceSql;
    private final AuditCheckpoints checkpoints;
    private final Instance<ChainWitness> witness;

    public AuditLog(Clock clock, ObjectMapper json, Instance<AuditSql> serviceSql, AuditCheckpoints checkpoints,
            Instance<ChainWitness> witness) {
        this.clock = clock;
        this.json = json;
        this.serviceSql = serviceSql;
        this.checkpoints = checkpoints;
        this.witness = witness;
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

    /** What a verification concludes (api-specs/common/common.yaml, AuditVerification's {@code status}). */
    public enum Status {
        /** The links check out and the chain holds, with the same hashes, every entry its witness saw. */
        INTACT,
        /** An entry was altered, removed, rewritten or cut off the end. */
        BROKEN,
        /** The links check out, but no witness confirmed the head: a cut-off end or a recomputed rewrite would not show. */
        UNANCHORED
    }

    /** How a chain is broken (AuditVerification's {@code failure}). */
    public enum Failure {
        /** The entry's content does not match its own hash. */
        ALTERED,
        /** The entry does not link to the hash of the entry before it. */
        UNLINKED,
        /** Sequence numbers are missing in the middle. */
        GAP,
        /** The entry has another hash than the checkpoint of it the witness holds: it and all later were recomputed. */
        REWRITTEN,
        /** The witness holds checkpoints of entries the chain no longer has. */
        TRUNCATED
    }

    /**
     * The outcome of a whole-chain check.
     *
     * @param checked how many entries checked out, in order, before the first broken one
     * @param lastSequence the last sequence number the log holds (0 when empty)
     * @param witnessedSequence the last sequence number the witness holds a checkpoint of; null when none answered
     * @param firstBrokenSequence the first altered, unlinked, missing, rewritten or cut-off entry; null unless broken
     * @param problem what is wrong there, or why the chain is unanchored
     */
    public record Verification(Status status, Failure failure, long checked, long lastSequence, Long witnessedSequence,
            Long firstBrokenSequence, String problem) {

        public boolean intact() {
            return status == Status.INTACT;
        }
    }

    /** Appends the entry for this change through the service's {@link AuditSql}, in the current transaction. */
    public Uni<StoredEntry> append(Caller caller, Change change) {
        return append(serviceSql.get(), caller, change);
    }

    /** Entries in sequence order through the service's {@link AuditSql}. */
    public Uni<Page<StoredEntry>> list(Filter filter, String cursor, int limit) {
        return list(serviceSql.get(), filter, cursor, limit);
    }

    /**
     * The whole chain checked through the service's {@link AuditSql}, and compared with the head its witness holds,
     * asked with {@code credential} (the platform-admin's own token; null: the witness is not asked).
     */
    public Uni<Verification> verify(Credential credential) {
        return verify(serviceSql.get(), credential);
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
                            .chain(() -> checkpoints.append(sql, entry))
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

    /**
     * Recomputes every link, oldest first, in batches so a long history does not sit in memory; then compares the
     * chain with the witness's head (asked with {@code credential}; null: not asked). When they disagree, walks the
     * witnessed checkpoints from the first to find where: the first entry the witness saw that the chain no longer
     * has (truncated) or has with another hash (rewritten; reported from the entry after the last one that agrees).
     */
    public Uni<Verification> verify(AuditSql sql, Credential credential) {
        return verifyLinks(sql, 0, AuditChain.GENESIS, 0)
                .chain(links -> sql.select("select coalesce(max(sequence), 0) from audit_entry", List.of())
                        .map(rows -> number(rows.get(0)[0]))
                        .chain(stored -> anchor(sql, credential, links, stored)));
    }

    /** What the links alone show: the first broken entry, if any, and how many checked out before it. */
    private record Links(long checked, Finding broken) {
    }

    /** A broken entry: where, how, and in words. */
    private record Finding(long sequence, Failure failure, String problem) {
    }

    private Uni<Links> verifyLinks(AuditSql sql, long trustedSequence, String trustedHash, long checkedBefore) {
        // fetched by position, not by "sequence >": a deleted entry must show up as a gap
        return sql.select("select " + COLUMNS + " from audit_entry order by sequence limit $1 offset $2",
                        List.<Object>of(VERIFY_BATCH, checkedBefore))
                .chain(rows -> {
                    List<StoredEntry> batch = rows.stream().map(AuditLog::entry).toList();
                    ChainVerification result = AuditChain.verifyFrom(trustedHash, trustedSequence, batch);
                    long checked = checkedBefore + result.checked();
                    if (!result.intact()) {
                        return Uni.createFrom().item(new Links(checked, linkFinding(result)));
                    }
                    if (batch.size() < VERIFY_BATCH) {
                        return Uni.createFrom().item(new Links(checked, null));
                    }
                    return verifyLinks(sql, result.lastSequence(), result.lastHash(), checked);
                });
    }

    private static Finding linkFinding(ChainVerification broken) {
        return switch (broken.failure()) {
            case HASH_MISMATCH -> new Finding(broken.firstBrokenSequence(), Failure.ALTERED,
                    "the entry's content does not match its hash: it was altered");
            case PREVIOUS_HASH_MISMATCH -> new Finding(broken.firstBrokenSequence(), Failure.UNLINKED,
                    "the entry does not link to the hash of the entry before it: an entry was altered, removed or moved");
            // the first missing one, not the entry after the hole
            case SEQUENCE_GAP -> new Finding(broken.lastSequence() + 1, Failure.GAP,
                    "entries " + (broken.lastSequence() + 1) + " to " + (broken.firstBrokenSequence() - 1)
                            + " are missing: they were removed");
        };
    }

    /** The witness's answer: its head, or why it could not be had. */
    private record Witnessed(Optional<AuditWitness.WitnessedCheckpoint> head, String unavailable) {
    }

    private Uni<Verification> anchor(AuditSql sql, Credential credential, Links links, long stored) {
        String chain = checkpoints.chain();
        if (credential == null || !witness.isResolvable() || !witness.get().configured()) {
            return Uni.createFrom().item(conclude(links, stored, null, null,
                    "no witness is configured for this party's chain (quarkus.rest-client.audit-witness.url):"
                            + " a truncated or rewritten chain would not show"));
        }
        ChainWitness asked = onThisContext(witness.get());
        return asked.head(credential, chain)
                .map(head -> new Witnessed(head, null))
                .onFailure().recoverWithItem(failure -> new Witnessed(Optional.empty(),
                        "the witness could not be asked (" + shortly(failure) + "): a truncated or rewritten chain would not show"))
                .chain(witnessed -> {
                    if (witnessed.unavailable() != null) {
                        return Uni.createFrom().item(conclude(links, stored, null, null, witnessed.unavailable()));
                    }
                    if (witnessed.head().isEmpty()) {
                        return Uni.createFrom().item(stored == 0 ? conclude(links, stored, 0L, null, null)
                                : conclude(links, stored, 0L, null, "the witness holds no checkpoint of chain '" + chain
                                        + "' yet: the chain is not anchored"));
                    }
                    AuditWitness.WitnessedCheckpoint head = witnessed.head().get();
                    Uni<Boolean> headHeld = head.sequence() > stored ? Uni.createFrom().item(false)
                            : hashesFrom(sql, head.sequence(), head.sequence())
                                    .map(hashes -> head.hash().equals(hashes.get(head.sequence())));
                    return headHeld.chain(held -> held
                            ? Uni.createFrom().item(conclude(links, stored, head.sequence(), null, null))
                            : disagreement(sql, asked, credential, chain, stored, head.sequence(), null, 0)
                                    .map(finding -> conclude(links, stored, head.sequence(), finding, null)));
                });
    }

    /**
     * Walks the witnessed checkpoints in order, comparing each with the chain, to the first the chain does not hold
     * as witnessed. {@code lastAgreed} is the last sequence number that agreed so far.
     */
    private Uni<Finding> disagreement(AuditSql sql, ChainWitness asked, Credential credential, String chain, long stored,
            long witnessedHead, String cursor, long lastAgreed) {
        return asked.checkpoints(credential, chain, cursor, WITNESS_BATCH).chain(page -> {
            List<AuditWitness.WitnessedCheckpoint> items = page.items();
            if (items.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            long from = items.get(0).sequence();
            long to = Math.min(items.get(items.size() - 1).sequence(), stored);
            Uni<java.util.Map<Long, String>> held = from > to ? Uni.createFrom().item(java.util.Map.of())
                    : hashesFrom(sql, from, to);
            return held.chain(hashes -> {
                long agreed = lastAgreed;
                for (AuditWitness.WitnessedCheckpoint checkpoint : items) {
                    if (checkpoint.sequence() > stored) {
                        return Uni.createFrom().item(new Finding(stored + 1, Failure.TRUNCATED,
                                "the witness holds checkpoints up to entry " + witnessedHead + ", but the log ends at "
                                        + stored + ": the entries from " + (stored + 1) + " on were cut off"));
                    }
                    String hash = hashes.get(checkpoint.sequence());
                    if (hash == null) {
                        return Uni.createFrom().item(new Finding(checkpoint.sequence(), Failure.GAP,
                                "entry " + checkpoint.sequence() + ", which the witness holds a checkpoint of, is missing:"
                                        + " it was removed"));
                    }
                    if (!hash.equals(checkpoint.hash())) {
                        return Uni.createFrom().item(new Finding(agreed + 1, Failure.REWRITTEN,
                                agreed + 1 == checkpoint.sequence()
                                        ? "the entry's hash is not the one its witnessed checkpoint holds: it was"
                                                + " rewritten and every later hash recomputed"
                                        : "the chain disagrees with the witnessed checkpoint of entry " + checkpoint.sequence()
                                                + " and agrees with the one of entry " + agreed + ": an entry between"
                                                + " them was rewritten and every later hash recomputed"));
                    }
                    agreed = checkpoint.sequence();
                }
                return page.next() == null ? Uni.createFrom().<Finding>nullItem()
                        : disagreement(sql, asked, credential, chain, stored, witnessedHead, page.next(), agreed);
            });
        });
    }

    /** The hashes the log holds for the sequence numbers {@code from} to {@code to}. */
    private static Uni<java.util.Map<Long, String>> hashesFrom(AuditSql sql, long from, long to) {
        return sql.select("select sequence, hash from audit_entry where sequence >= $1 and sequence <= $2",
                        List.<Object>of(from, to))
                .map(rows -> {
                    java.util.Map<Long, String> hashes = new java.util.HashMap<>();
                    rows.forEach(row -> hashes.put(number(row[0]), text(row[1])));
                    return hashes;
                });
    }

    /** The links' finding and the witness's together: the earlier of the two is the first broken entry. */
    private static Verification conclude(Links links, long stored, Long witnessedSequence, Finding fromWitness,
            String unanchored) {
        Finding first = links.broken();
        if (fromWitness != null && (first == null || fromWitness.sequence() < first.sequence())) {
            first = fromWitness;
        }
        if (first != null) {
            return new Verification(Status.BROKEN, first.failure(), Math.min(links.checked(), first.sequence() - 1),
                    stored, witnessedSequence, first.sequence(), first.problem());
        }
        return new Verification(unanchored == null ? Status.INTACT : Status.UNANCHORED, null, links.checked(), stored,
                witnessedSequence, null, unanchored);
    }

    /**
     * The witness's answers come back on the Vert.x context the verification started on: the SQL after them may run
     * on a Hibernate Reactive session, which must stay on its own context.
     */
    private static ChainWitness onThisContext(ChainWitness witness) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        if (context == null) {
            return witness;
        }
        java.util.concurrent.Executor back = task -> context.runOnContext(ignored -> task.run());
        return new ChainWitness() {
            @Override
            public Uni<Optional<AuditWitness.WitnessedCheckpoint>> head(Credential credential, String chain) {
                return witness.head(credential, chain).emitOn(back);
            }

            @Override
            public Uni<Page<AuditWitness.WitnessedCheckpoint>> checkpoints(Credential credential, String chain,
                    String cursor, int limit) {
                return witness.checkpoints(credential, chain, cursor, limit).emitOn(back);
            }
        };
    }

    private static String shortly(Throwable failure) {
        String message = failure.getMessage();
        String text = (message == null ? failure.getClass().getSimpleName() : message).replaceAll("\\p{Cntrl}", " ");
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
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
