package org.ecogov.runtime.events;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The events backbone's settings. The beans that publish and consume are built only into a service that sets the
 * build-time property {@code ecogov.events.enabled=true}; everything here has a default, so a service that does
 * not (the gateway) needs none of it.
 */
@ConfigMapping(prefix = "ecogov.events")
public interface EventsConfig {

    /**
     * Build-time switch: the events beans (outbox, relay, consumption, dead letters, gauges) exist only where it is
     * true, read by their {@code @IfBuildProperty}. Declared here so that the mapping knows the name.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * The AMQP address every event is published to (the relay's channel reads it): one multicast address,
     * each consuming service reading its own queue on it.
     */
    @WithDefault("ecogov.events")
    String address();

    /** The AMQP sender capabilities of that address: {@code topic} makes Artemis route it multicast. */
    @WithDefault("topic")
    String capabilities();

    /** The CloudEvents {@code source} of every event this service publishes, e.g. {@code urn:ecogov:registry}. */
    @WithDefault("urn:ecogov:${quarkus.application.name}")
    String source();

    /** How often the gauges of {@link EventMetrics} are read from the tables. */
    @WithDefault("5s")
    java.time.Duration metricsInterval();

    Relay relay();

    Consumer consumer();

    interface Relay {
        /** How often the relay looks for unsent events (it is also woken at once by every commit that adds one). */
        @WithDefault("1s")
        Duration interval();

        /** At most this many events per round, published in order. */
        @WithDefault("500")
        int batchSize();

        /**
         * How long the relay waits for the broker to accept one event. An event not accepted in that time stays
         * unsent, with the events after it, and is tried again next round.
         */
        @WithDefault("5s")
        Duration publishTimeout();
    }

    interface Consumer {
        /** Attempts at processing one event (the first and the retries) before it is parked as a dead letter. */
        @WithDefault("5")
        int maxAttempts();

        /** The wait before the first retry; it doubles (with jitter) on each further one. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** The longest wait between two retries. */
        @WithDefault("10s")
        Duration maxBackoff();
    }
}
