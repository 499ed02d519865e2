package org.ecogov.clients.enforcement;

import java.time.Duration;

import org.ecogov.clients.GuardedCalls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the gateway's profile calls enforcement: {@code ecogov.clients.enforcement.*}. Where enforcement is comes from the REST
 * client's own setting, {@code quarkus.rest-client.enforcement.url}.
 */
@ConfigMapping(prefix = "ecogov.clients.enforcement")
public interface EnforcementClientConfig extends GuardedCalls.ClientSettings {

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
