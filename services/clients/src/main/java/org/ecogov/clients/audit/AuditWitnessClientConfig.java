package org.ecogov.clients.audit;

import java.time.Duration;

import org.ecogov.clients.GuardedCalls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a party calls its audit witness: {@code ecogov.clients.audit-witness.*}. Where the witness is comes from the REST
 * client's own setting, {@code quarkus.rest-client.audit-witness.url}: the witness's prefix
 * ({@code http://gateway:8080/api/v1/gateway}).
 */
@ConfigMapping(prefix = "ecogov.clients.audit-witness")
public interface AuditWitnessClientConfig extends GuardedCalls.ClientSettings {

    @Override
    @WithDefault("10s")
    Duration timeout();

    @Override
    @WithDefault("1")
    int readRetries();

    @Override
    @WithDefault("100ms")
    Duration retryDelay();

    @Override
    Breaker breaker();

    interface Breaker extends GuardedCalls.ClientSettings.Breaker {

        @Override
        @WithDefault("5")
        int failureThreshold();

        @Override
        @WithDefault("10s")
        Duration openFor();
    }
}
