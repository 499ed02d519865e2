package org.ecogov.runtime.audit;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hash chain over a service's audit log: each entry's hash covers its fields and the hash of the entry
 * before it, so editing, removing or reordering any entry breaks every link after it.
 * <p>
 * The hash is SHA-256, in lower-case hex, of the {@link Canonical} JSON of one object holding the previous
 * hash and every field under these names: {@code previousHash, sequence, occurredAt, actorSubject,
 * actorAgency, clientId, action, entityType, entityId, beforeDigest, afterDigest, reason}; absent values are
 * JSON {@code null}, {@code sequence} is a number and {@code occurredAt} is RFC 3339 UTC with exactly six
 * fractional digits ({@code 2026-03-01T08:15:30.123456Z}). Being JSON, the encoding is unambiguous: no two
 * different entries share the text that is hashed. Anyone can re-verify an exported log with that rule.
 */
public final class AuditChain {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter MICROS_UTC = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AuditChain() {
    }

    /** The hash of an entry with these fields that follows an entry whose hash is {@code previousHash}. */
    public static String link(String previousHash, AuditFields fields) {
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(fields, "fields");
        ObjectNode hashed = JsonNodeFactory.instance.objectNode();
        hashed.put("previousHash", previousHash);
        hashed.put("sequence", fields.sequence());
        hashed.put("occurredAt", timestamp(fields));
        hashed.put("actorSubject", fields.actorSubject());
        hashed.put("actorAgency", fields.actorAgency());
        hashed.put("clientId", fields.clientId());
        hashed.put("action", fields.action());
        hashed.put("entityType", fields.entityType());
        hashed.put("entityId", fields.entityId());
        hashed.put("beforeDigest", fields.beforeDigest());
        hashed.put("afterDigest", fields.afterDigest());
        hashed.put("reason", fields.reason());
        return Canonical.sha256Hex(Canonical.json(hashed));
    }

    /** How {@code occurredAt} is written into the hashed text. */
    public static String timestamp(AuditFields fields) {
        return MICROS_UTC.format(fields.occurredAt());
    }

    /**
     * Checks a whole log, read in sequence order from its first entry: that starts at sequence 1 after
     * {@link #GENESIS}.
     */
    public static ChainVerification verify(Iterable<StoredEntry> entries) {
        return verifyFrom(GENESIS, 0, entries);
    }

    /**
     * Checks the part of a log that follows a trusted entry (its hash and sequence number), e.g. the last one
     * verified before, so a long log can be checked in steps.
     */
    public static ChainVerification verifyFrom(String trustedHash, long trustedSequence,
            Iterable<StoredEntry> entries) {
        String previousHash = trustedHash;
        long previousSequence = trustedSequence;
        long checked = 0;
        for (StoredEntry entry : entries) {
            ChainVerification.Failure failure = null;
            if (entry.sequence() != previousSequence + 1) {
                failure = ChainVerification.Failure.SEQUENCE_GAP;
            } else if (!previousHash.equals(entry.previousHash())) {
                failure = ChainVerification.Failure.PREVIOUS_HASH_MISMATCH;
            } else if (!link(previousHash, entry.fields()).equals(entry.hash())) {
                failure = ChainVerification.Failure.HASH_MISMATCH;
            }
            if (failure != null) {
                return ChainVerification.broken(checked, entry.sequence(), failure, previousSequence, previousHash);
            }
            previousHash = entry.hash();
            previousSequence = entry.sequence();
            checked++;
        }
        return ChainVerification.intact(checked, previousSequence, previousHash);
    }
}
