package org.ecogov.clients.complaints;

import java.time.Duration;

import org.ecogov.clients.GuardedCalls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the gateway's profile calls complaints: {@code ecogov.clients.complaints.*}. Where complaints is comes from the REST
 * client's own setting, {@code quarkus.rest-client.complaints.url}.
 */
@ConfigMapping(prefix = "ecogov.clients.complaints")
public interface ComplaintsClientConfig extends GuardedCalls.ClientSettings {

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
