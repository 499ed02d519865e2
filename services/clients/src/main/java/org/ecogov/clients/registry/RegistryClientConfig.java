package org.ecogov.clients.registry;

import java.time.Duration;

import org.ecogov.clients.GuardedCalls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a service calls the registry: {@code ecogov.clients.registry.*}. Where the registry is comes from the REST
 * client's own setting, {@code quarkus.rest-client.registry.url}.
 */
@ConfigMapping(prefix = "ecogov.clients.registry")
public interface RegistryClientConfig extends GuardedCalls.ClientSettings {

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
