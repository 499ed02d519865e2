package org.ecogov.runtime.audit;

/**
 * An audit entry as read back from storage: its fields, the hash of the entry before it ({@link
 * AuditChain#GENESIS} for the first) and its own hash, {@code AuditChain.link(previousHash, fields)} when
 * nothing was tampered with.
 */
public record StoredEntry(AuditFields fields, String previousHash, String hash) {

    public long sequence() {
        return fields.sequence();
    }
}
