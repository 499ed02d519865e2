package org.ecogov.runtime.audit;

/**
 * The outcome of checking an audit chain.
 *
 * @param intact whether every entry checked out
 * @param checked how many entries checked out, in order, before the first broken one (all of them when intact)
 * @param firstBrokenSequence the sequence number of the first entry that does not fit; null when intact
 * @param failure what was wrong with it; null when intact
 * @param lastSequence the sequence number of the last good entry (0 if none), to compare with a head
 *        recorded elsewhere: a chain cannot itself show that entries were cut off its end
 * @param lastHash the hash of the last good entry ({@link AuditChain#GENESIS} if none)
 */
public record ChainVerification(boolean intact, long checked, Long firstBrokenSequence, Failure failure,
        long lastSequence, String lastHash) {

    public enum Failure {
        /** The entry's fields do not hash to its stored hash: it was edited. */
        HASH_MISMATCH,
        /** The entry does not point at the hash of the entry before it: one was edited, removed or moved. */
        PREVIOUS_HASH_MISMATCH,
        /** The sequence number does not follow the one before: entries are missing or out of order. */
        SEQUENCE_GAP
    }

    static ChainVerification intact(long checked, long lastSequence, String lastHash) {
        return new ChainVerification(true, checked, null, null, lastSequence, lastHash);
    }

    static ChainVerification broken(long checked, long brokenSequence, Failure failure, long lastSequence,
            String lastHash) {
        return new ChainVerification(false, checked, brokenSequence, failure, lastSequence, lastHash);
    }
}
