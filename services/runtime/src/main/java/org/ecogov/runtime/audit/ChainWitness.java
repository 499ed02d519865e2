package org.ecogov.runtime.audit;

import java.util.Optional;

import org.ecogov.runtime.paging.Page;
import org.ecogov.runtime.security.Credential;

import io.smallrye.mutiny.Uni;

/**
 * The witness a party asks when it verifies its own audit chain: another party that keeps the chain's checkpoints
 * ({@link AuditWitness} there), reached over its API. services/clients' {@code AuditWitnessClient} is the bean,
 * generated from api-specs/common/audit.yaml; a party without it (or without the witness's address) verifies its
 * links only and answers {@code unanchored}.
 */
public interface ChainWitness {

    /** The last checkpoint of the chain the witness holds; empty when it holds none. */
    Uni<Optional<AuditWitness.WitnessedCheckpoint>> head(Credential credential, String chain);

    /** The chain's checkpoints the witness holds, in sequence order, after the cursor (null: from the start). */
    Uni<Page<AuditWitness.WitnessedCheckpoint>> checkpoints(Credential credential, String chain, String cursor, int limit);

    /** Whether a witness is configured at all (its address); when not, verification does not ask. */
    default boolean configured() {
        return true;
    }
}
