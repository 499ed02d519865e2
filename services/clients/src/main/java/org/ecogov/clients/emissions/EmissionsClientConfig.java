package org.ecogov.clients.emissions;

import java.time.Duration;

import org.ecogov.clients.GuardedCalls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the gateway's profile calls emissions: {@code ecogov.clients.emissions.*}. Where emissions is comes from the REST
 * client's own setting, {@code quarkus.rest-client.emissions.url}.
 */
@ConfigMapping(prefix = "ecogov.clients.emissions")
public interface EmissionsClientConfig extends GuardedCalls.ClientSettings {

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
