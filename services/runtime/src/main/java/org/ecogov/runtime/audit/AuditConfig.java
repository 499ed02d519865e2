package org.ecogov.runtime.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The audit chain's anchoring outside the party's own database: the key this party signs the checkpoints of its
 * own chain with ({@link AuditCheckpoints}), and the other parties' chains it keeps as a witness
 * ({@link AuditWitness}). services/runtime's README, "Audit log", says how the parts fit.
 */
@ConfigMapping(prefix = "ecogov.audit")
public interface AuditConfig {

    /**
     * The name this party's chain is published under and its witnesses know it by ({@code registry},
     * {@code gateway}); lower-case letters, digits and hyphens.
     */
    String chain();

    Checkpoint checkpoint();

    Witness witness();

    /**
     * The Ed25519 key this party signs a checkpoint of its chain with, one per appended entry. A secret of the
     * deployment, never in the party's database: whoever can write the database cannot sign. Without one the
     * party publishes no checkpoints and its verification answers {@code unanchored}.
     */
    interface Checkpoint {

        /** The private key, base64 of its PKCS#8 DER (a PEM body without its header lines). */
        Optional<String> privateKey();

        /** Or a PEM file holding it ({@code -----BEGIN PRIVATE KEY-----}); the inline key wins. */
        Optional<Path> privateKeyFile();
    }

    interface Witness {

        /**
         * Build time: whether this party runs the witness's consumer (its own durable queue on the events address).
         * Declared here so that the mapping knows the name; read by {@code @IfBuildProperty}.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * The other parties' chains this party keeps the checkpoints of, by chain name, each with the public keys
         * a checkpoint of it may be signed with (more than one while a key is being replaced). Checkpoints of any
         * other chain are ignored.
         */
        Map<String, WitnessedChain> chains();

        interface WitnessedChain {

            /** Base64 of each X.509 SubjectPublicKeyInfo DER (Ed25519). */
            List<String> publicKeys();
        }
    }
}
