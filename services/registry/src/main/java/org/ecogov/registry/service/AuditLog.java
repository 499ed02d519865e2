package org.ecogov.registry.service;

import org.ecogov.runtime.paging.PageCursor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecogov.registry.domain.AuditEntry;
import org.ecogov.registry.mapping.Times;
import org.ecogov.runtime.audit.AuditChain;
import org.ecogov.runtime.audit.AuditFields;
import org.ecogov.runtime.audit.Canonical;
import org.ecogov.runtime.audit.ChainVerification;
import org.ecogov.runtime.audit.StoredEntry;
import org.ecogov.runtime.security.Caller;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry's append-only, hash-chained audit log (DESIGN §5). Every write appends one entry in
 * the same transaction as the change, so a change without its entry cannot be committed. Appends
 * are serialised by a transaction-scoped advisory lock: each entry links to the hash of the one
 * before it, so two concurrent writers must not both extend the same tail.
 */
@ApplicationScoped
public class AuditLog {

    /** Advisory-lock key of the registry's audit chain ("audit" in ASCII). */
    private static final long CHAIN_LOCK = 0x6175646974L;
    private static final int VERIFY_BATCH = 1000;

    private final ObjectMapper json;

    public AuditLog(ObjectMapper json) {
        this.json = json;
    }

    /** A change to record: what was done to which entity, its state before and after, and why. */
    public record Change(String action, String entityType, String entityId, Object before, Object after, String reason) {
    }

    /** Appends the entry; must run inside the transaction of the change it records. */
    public Uni<AuditEntry> record(Caller caller, Change change) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select cast(pg_advisory_xact_lock(" + CHAIN_LOCK + ") as text)")
                        .getSingleResult())
                .chain(locked -> tail())
                .chain(tail -> {
                    AuditEntry entry = new AuditEntry();
                    entry.sequence = tail == null ? 1 : tail.sequence + 1;
                    entry.previousHash = tail == null ? AuditChain.GENESIS : tail.hash;
                    entry.occurredAt = Times.now();
                    entry.actorSubject = caller.subject();
                    entry.actorAgency = caller.agency();
                    entry.clientId = caller.clientId();
                    entry.action = change.action();
                    entry.entityType = change.entityType();
                    entry.entityId = change.entityId();
                    entry.beforeDigest = digest(change.before());
                    entry.afterDigest = digest(change.after());
                    entry.reason = change.reason();
                    entry.hash = AuditChain.link(entry.previousHash, fields(entry));
                    return entry.<AuditEntry>persist();
                });
    }

    private static Uni<AuditEntry> tail() {
        return AuditEntry.find("order by sequence desc").firstResult();
    }

    public Uni<Page<AuditEntry>> list(Caller caller, String entityType, String entityId, String cursor, int limit) {
        RegistryScope.requireAudit(caller);
        String afterKey = PageCursor.decode(cursor, key -> key.matches("[0-9]{1,18}"));
        long after = afterKey == null ? 0 : Long.parseLong(afterKey);
        StringBuilder query = new StringBuilder("sequence > :after");
        Parameters params = Parameters.with("after", after);
        if (entityType != null) {
            query.append(" and entityType = :entityType");
            params.and("entityType", entityType);
        }
        if (entityId != null) {
            query.append(" and entityId = :entityId");
            params.and("entityId", entityId);
        }
        return AuditEntry.<AuditEntry>find(query.toString(), Sort.by("sequence"), params)
                .range(0, limit)
                .list()
                .map(rows -> Page.of(rows, limit, e -> Long.toString(e.sequence)));
    }

    /** The outcome of a whole-chain check: how many entries were checked and the first broken one. */
    public record Verification(boolean intact, long checked, Long firstBrokenSequence, String problem) {
    }

    /** Recomputes every link, oldest first, in batches so a long history does not sit in memory. */
    public Uni<Verification> verify(Caller caller) {
        RegistryScope.requireAudit(caller);
        return verifyAfter(0, AuditChain.GENESIS, 0);
    }

    private Uni<Verification> verifyAfter(long trustedSequence, String trustedHash, long checkedBefore) {
        // fetched by position, not by "sequence >": a deleted entry must show up as a gap
        return AuditEntry.<AuditEntry>findAll(Sort.by("sequence"))
                .range((int) checkedBefore, (int) checkedBefore + VERIFY_BATCH - 1)
                .list()
                .chain(batch -> {
                    List<StoredEntry> stored = new ArrayList<>(batch.size());
                    for (AuditEntry e : batch) {
                        stored.add(new StoredEntry(fields(e), e.previousHash, e.hash));
                    }
                    ChainVerification result = AuditChain.verifyFrom(trustedHash, trustedSequence, stored);
                    long checked = checkedBefore + result.checked();
                    if (!result.intact()) {
                        return Uni.createFrom().item(new Verification(false, checked, result.firstBrokenSequence(),
                                describe(result.failure())));
                    }
                    if (batch.size() < VERIFY_BATCH) {
                        return Uni.createFrom().item(new Verification(true, checked, null, null));
                    }
                    return verifyAfter(result.lastSequence(), result.lastHash(), checked);
                });
    }

    private static String describe(ChainVerification.Failure failure) {
        return switch (failure) {
            case HASH_MISMATCH -> "the entry's content does not match its hash: it was altered";
            case PREVIOUS_HASH_MISMATCH -> "the entry does not link to the hash of the entry before it: an entry was altered, removed or moved";
            case SEQUENCE_GAP -> "the sequence number does not follow the entry before it: entries are missing or out of order";
        };
    }

    private static AuditFields fields(AuditEntry e) {
        return new AuditFields(e.sequence, e.occurredAt, e.actorSubject, e.actorAgency, e.clientId,
                e.action, e.entityType, e.entityId, e.beforeDigest, e.afterDigest, e.reason);
    }

    private String digest(Object state) {
        return state == null ? null : Canonical.digest(json.valueToTree(state));
    }
}
