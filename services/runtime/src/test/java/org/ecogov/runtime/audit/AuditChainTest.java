package org.ecogov.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditChainTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:15:30.123456789Z");

    private static AuditFields fields(long sequence) {
        return new AuditFields(sequence, T0.plusSeconds(sequence), "sub-" + sequence, "eeb-341702", "ecogov-web",
                "enterprise.update", "enterprise", "91341702669392367N", "before-" + sequence, "after-" + sequence,
                sequence % 2 == 0 ? "annual review" : null);
    }

    /** An honest log of {@code size} entries. */
    private static List<StoredEntry> log(int size) {
        List<StoredEntry> entries = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (long sequence = 1; sequence <= size; sequence++) {
            AuditFields fields = fields(sequence);
            String hash = AuditChain.link(previous, fields);
            entries.add(new StoredEntry(fields, previous, hash));
            previous = hash;
        }
        return entries;
    }

    @Test
    void genesisIsSixtyFourZeros() {
        assertThat(AuditChain.GENESIS).hasSize(64).matches("0+");
    }

    @Test
    void honestLogVerifies() {
        List<StoredEntry> entries = log(10);
        ChainVerification result = AuditChain.verify(entries);
        assertThat(result.intact()).isTrue();
        assertThat(result.checked()).isEqualTo(10);
        assertThat(result.firstBrokenSequence()).isNull();
        assertThat(result.failure()).isNull();
        assertThat(result.lastSequence()).isEqualTo(10);
        assertThat(result.lastHash()).isEqualTo(entries.get(9).hash());
    }

    @Test
    void emptyLogIsIntact() {
        ChainVerification result = AuditChain.verify(List.of());
        assertThat(result.intact()).isTrue();
        assertThat(result.checked()).isZero();
        assertThat(result.lastHash()).isEqualTo(AuditChain.GENESIS);
    }

    @Test
    void linkIsSha256HexAndDeterministic() {
        String hash = AuditChain.link(AuditChain.GENESIS, fields(1));
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(AuditChain.link(AuditChain.GENESIS, fields(1)));
        assertThat(AuditChain.link(hash, fields(2))).isNotEqualTo(AuditChain.link(AuditChain.GENESIS, fields(2)));
    }

    @Test
    void occurredAtIsHashedToTheMicrosecondInUtc() {
        AuditFields fields = fields(1);
        assertThat(AuditChain.timestamp(fields)).isEqualTo("2026-03-01T08:15:31.123456Z");
        // nanoseconds beyond what PostgreSQL stores cannot make a stored entry fail verification
        AuditFields reread = new AuditFields(1, Instant.parse("2026-03-01T08:15:31.123456Z"), "sub-1", "eeb-341702",
                "ecogov-web", "enterprise.update", "enterprise", "91341702669392367N", "before-1", "after-1", null);
        assertThat(AuditChain.link(AuditChain.GENESIS, reread)).isEqualTo(AuditChain.link(AuditChain.GENESIS, fields));
    }

    @Test
    void wholeSecondsStillHaveSixFractionalDigits() {
        AuditFields fields = new AuditFields(1, Instant.parse("2026-03-01T00:00:00Z"), null, null, null, "a", "e",
                null, null, null, null);
        assertThat(AuditChain.timestamp(fields)).isEqualTo("2026-03-01T00:00:00.000000Z");
    }

    /** Every field, changed in entry 4 of 8 after the fact: the chain must break exactly there. */
    @ParameterizedTest
    @ValueSource(strings = { "sequence", "occurredAt", "actorSubject", "actorAgency", "clientId", "action",
            "entityType", "entityId", "beforeDigest", "afterDigest", "reason" })
    void editingAnyFieldIsCaughtAtThatEntry(String field) {
        List<StoredEntry> entries = log(8);
        StoredEntry original = entries.get(3);
        AuditFields edited = edit(original.fields(), field);
        assertThat(edited).isNotEqualTo(original.fields());
        entries.set(3, new StoredEntry(edited, original.previousHash(), original.hash()));

        ChainVerification result = AuditChain.verify(entries);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(field.equals("sequence") ? 4 + 41 : 4);
        assertThat(result.checked()).isEqualTo(3);
        assertThat(result.lastSequence()).isEqualTo(3);
    }

    private static AuditFields edit(AuditFields f, String field) {
        UnaryOperator<String> change = value -> value == null ? "changed" : value + "!";
        return new AuditFields(
                field.equals("sequence") ? f.sequence() + 41 : f.sequence(),
                field.equals("occurredAt") ? f.occurredAt().plusNanos(1000) : f.occurredAt(),
                field.equals("actorSubject") ? change.apply(f.actorSubject()) : f.actorSubject(),
                field.equals("actorAgency") ? change.apply(f.actorAgency()) : f.actorAgency(),
                field.equals("clientId") ? change.apply(f.clientId()) : f.clientId(),
                field.equals("action") ? change.apply(f.action()) : f.action(),
                field.equals("entityType") ? change.apply(f.entityType()) : f.entityType(),
                field.equals("entityId") ? change.apply(f.entityId()) : f.entityId(),
                field.equals("beforeDigest") ? change.apply(f.beforeDigest()) : f.beforeDigest(),
                field.equals("afterDigest") ? change.apply(f.afterDigest()) : f.afterDigest(),
                field.equals("reason") ? change.apply(f.reason()) : f.reason());
    }

    @Test
    void editedEntryWithRecomputedHashBreaksTheNextLink() {
        List<StoredEntry> entries = log(8);
        StoredEntry original = entries.get(3);
        AuditFields forged = edit(original.fields(), "actorSubject");
        entries.set(3, new StoredEntry(forged, original.previousHash(), AuditChain.link(original.previousHash(), forged)));

        ChainVerification result = AuditChain.verify(entries);

        assertThat(result.firstBrokenSequence()).isEqualTo(5);
        assertThat(result.failure()).isEqualTo(ChainVerification.Failure.PREVIOUS_HASH_MISMATCH);
        assertThat(result.checked()).isEqualTo(4);
    }

    @Test
    void editedStoredHashIsCaught() {
        List<StoredEntry> entries = log(5);
        StoredEntry original = entries.get(1);
        entries.set(1, new StoredEntry(original.fields(), original.previousHash(), "f".repeat(64)));
        ChainVerification result = AuditChain.verify(entries);
        assertThat(result.firstBrokenSequence()).isEqualTo(2);
        assertThat(result.failure()).isEqualTo(ChainVerification.Failure.HASH_MISMATCH);
    }

    @Test
    void deletedEntryLeavesAGap() {
        List<StoredEntry> entries = log(6);
        entries.remove(2);
        ChainVerification result = AuditChain.verify(entries);
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(4);
        assertThat(result.failure()).isEqualTo(ChainVerification.Failure.SEQUENCE_GAP);
        assertThat(result.checked()).isEqualTo(2);
    }

    @Test
    void deletedEntryWithTheRestRenumberedBreaksTheLink() {
        List<StoredEntry> entries = log(6);
        entries.remove(2);
        List<StoredEntry> renumbered = new ArrayList<>();
        for (StoredEntry entry : entries) {
            AuditFields f = entry.fields();
            long sequence = renumbered.size() + 1;
            renumbered.add(new StoredEntry(new AuditFields(sequence, f.occurredAt(), f.actorSubject(), f.actorAgency(),
                    f.clientId(), f.action(), f.entityType(), f.entityId(), f.beforeDigest(), f.afterDigest(),
                    f.reason()), entry.previousHash(), entry.hash()));
        }
        ChainVerification result = AuditChain.verify(renumbered);
        assertThat(result.firstBrokenSequence()).isEqualTo(3);
        assertThat(result.failure()).isEqualTo(ChainVerification.Failure.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void deletedFirstEntryIsCaught() {
        List<StoredEntry> entries = log(3);
        entries.remove(0);
        ChainVerification result = AuditChain.verify(entries);
        assertThat(result.firstBrokenSequence()).isEqualTo(2);
        assertThat(result.checked()).isZero();
    }

    @Test
    void reorderedEntriesAreCaught() {
        List<StoredEntry> entries = log(6);
        Collections.swap(entries, 2, 3);
        ChainVerification result = AuditChain.verify(entries);
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(4);
        assertThat(result.failure()).isEqualTo(ChainVerification.Failure.SEQUENCE_GAP);
    }

    @Test
    void swappedContentsUnderTheOriginalSequenceNumbersAreCaught() {
        List<StoredEntry> entries = log(6);
        StoredEntry third = entries.get(2);
        StoredEntry fourth = entries.get(3);
        entries.set(2, new StoredEntry(withSequence(fourth.fields(), 3), fourth.previousHash(), fourth.hash()));
        entries.set(3, new StoredEntry(withSequence(third.fields(), 4), third.previousHash(), third.hash()));
        ChainVerification result = AuditChain.verify(entries);
        assertThat(result.firstBrokenSequence()).isEqualTo(3);
        assertThat(result.failure()).isEqualTo(ChainVerification.Failure.PREVIOUS_HASH_MISMATCH);
    }

    private static AuditFields withSequence(AuditFields f, long sequence) {
        return new AuditFields(sequence, f.occurredAt(), f.actorSubject(), f.actorAgency(), f.clientId(), f.action(),
                f.entityType(), f.entityId(), f.beforeDigest(), f.afterDigest(), f.reason());
    }

    @Test
    void verificationCanContinueFromATrustedEntry() {
        List<StoredEntry> entries = log(10);
        StoredEntry trusted = entries.get(5);
        ChainVerification rest = AuditChain.verifyFrom(trusted.hash(), trusted.sequence(), entries.subList(6, 10));
        assertThat(rest.intact()).isTrue();
        assertThat(rest.checked()).isEqualTo(4);
        assertThat(rest.lastSequence()).isEqualTo(10);
    }

    @Test
    void fieldsAreKeptToTheMicrosecondAndNeedTheEssentials() {
        assertThat(fields(1).occurredAt().getNano() % 1000).isZero();
        assertThatThrownBy(() -> new AuditFields(0, T0, null, null, null, "a", "e", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditFields(1, null, null, null, null, "a", "e", null, null, null, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void absentAndEmptyValuesHashDifferently() {
        AuditFields absent = new AuditFields(1, T0, null, null, null, "a", "e", null, null, null, null);
        AuditFields empty = new AuditFields(1, T0, "", null, null, "a", "e", null, null, null, null);
        assertThat(AuditChain.link(AuditChain.GENESIS, absent)).isNotEqualTo(AuditChain.link(AuditChain.GENESIS, empty));
    }

    @Test
    void valuesCannotBeShiftedBetweenFields() {
        AuditFields one = new AuditFields(1, T0, "ab", "c", null, "a", "e", null, null, null, null);
        AuditFields other = new AuditFields(1, T0, "a", "bc", null, "a", "e", null, null, null, null);
        assertThat(AuditChain.link(AuditChain.GENESIS, one)).isNotEqualTo(AuditChain.link(AuditChain.GENESIS, other));
    }
}
