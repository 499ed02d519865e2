package org.ecogov.runtime.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a create's first answer is kept for its retries ({@link Idempotency}). */
@ConfigMapping(prefix = "ecogov.idempotency")
public interface IdempotencyConfig {

    /**
     * How long a key answers its first answer again. After that the key is free: the same request with it creates
     * anew. A week, so that an inspector's phone that stayed offline over a weekend still retries safely.
     */
    @WithDefault("P7D")
    Duration retention();

    /** At most this many expired records are removed by each new claim, so the table does not grow for ever. */
    @WithDefault("20")
    int purgeBatch();
}
